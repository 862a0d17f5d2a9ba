"""missing-section: the cases whose text is VALID cut short; the cases that are edits of VALID are data in
tests/cases/body.yaml."""

from helpers import VALID, line_of, rows

NAME = "missing-section"
CODE = "PL401"


def message(findings):
    return next(f for f in findings if f.name == NAME).message


def test_last_section_missing_is_reported_at_the_last_present_section(check):
    text = VALID.split("### Section 8: Vitality")[0]
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 7: Cognitive Era"))]
    assert message(findings) == ("section `Vitality` is missing; add `### Section 8: Vitality` after the "
                                 "`Cognitive Era` section that starts here")


def test_no_section_at_all_is_one_finding_at_the_start_of_the_body(check):
    text = VALID.split("### Section 1: Context")[0] + "Just some prose.\n\n### Notes\n\nMore prose.\n"
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "> A pattern for establishing"))]
    assert "none of the 8 required sections has a heading" in findings[0].message
    assert "e.g. `### Section 1: Context`" in findings[0].message
