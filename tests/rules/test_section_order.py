"""section-order: the odd case; the simple cases are data in tests/cases/body.yaml."""

from helpers import VALID, edit, line_of, rows

NAME = "section-order"
CODE = "PL402"


def test_last_section_moved_to_the_front_is_reported_once(check):
    vitality = VALID[VALID.index("### Section 8: Vitality"):]
    text = edit(VALID, vitality, "").replace("### Section 1: Context", vitality + "\n### Section 1: Context")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 8: Vitality"))]
    assert "move it after `Cognitive Era`" in findings[0].message
