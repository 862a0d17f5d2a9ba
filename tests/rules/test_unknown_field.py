"""unknown-field: a key also written where it belongs (built by a helper); the simple cases are data in
tests/cases/frontmatter.yaml."""

import pytest

from helpers import CLASSIFICATION, edit, line_of, rows

NAME = "unknown-field"


# -- a key that is already where it belongs (issue 19) -----------------------------------------------


def _top_level_commons_alignment(value):
    """From a3-thinking-toyota-problem-solving.md (corpus-dev): `classification.commons_alignment: 3`
    and, at the end of the frontmatter, `commons_alignment: 4`."""
    return edit(CLASSIFICATION, "license: CC-BY-SA-4.0\n", f"license: CC-BY-SA-4.0\ncommons_alignment: {value}\n")


def _top_line(text):
    return text.split("\n").index(next(t for t in text.split("\n") if t.startswith("commons_alignment:"))) + 1


def test_key_also_written_where_it_belongs_with_another_value_conflicts(check):
    text = _top_level_commons_alignment(3)  # CLASSIFICATION has `commons_alignment: 4` in its block
    findings = [f for f in check(text, name="empathy-mapping.md") if f.name == NAME]
    assert rows(findings) == [("PL203", NAME, _top_line(text))]
    assert findings[0].column == 1
    there = line_of(text, "  commons_alignment: 4")
    assert findings[0].message == (
        f"unknown field `commons_alignment` at the top level; it conflicts with `classification.commons_alignment` "
        f"(line {there}), which is `4` where this is `3`; keep the right value there and remove this one")
    assert "move it there" not in findings[0].message


@pytest.mark.parametrize("value", ["4", "4.0"])
def test_key_also_written_where_it_belongs_with_the_same_value_duplicates(check, value):
    text = _top_level_commons_alignment(value)
    findings = [f for f in check(text, name="empathy-mapping.md") if f.name == NAME]
    assert rows(findings) == [("PL203", NAME, _top_line(text))]
    there = line_of(text, "  commons_alignment: 4")
    assert findings[0].message.endswith(f"it duplicates `classification.commons_alignment` (line {there}), "
                                        "which has the same value; remove it")


@pytest.mark.parametrize("value, shown", [("'4'", 'the text "4"'), ("true", "the boolean `true`"),
                                          ("[4]", "a list"), ("", "empty (null)")])
def test_conflict_of_other_kinds_of_value_is_said_without_crashing(check, value, shown):
    text = _top_level_commons_alignment(value)
    (finding,) = [f for f in check(text, name="empathy-mapping.md") if f.name == NAME]
    assert f"which is `4` where this is {shown};" in finding.message
