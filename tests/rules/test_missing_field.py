"""missing-field: its plain cases are in tests/cases/frontmatter.yaml; here, a whole group missing."""

from helpers import VALID, edit, line_of, rows

NAME = "missing-field"


def without_ontology(text: str) -> str:
    return text[: text.index("# ═══ GROUP 3")] + text[text.index("# ═══ GROUP 4"):]


def test_missing_group_is_reported_at_the_first_key_of_the_frontmatter(check):
    text = without_ontology(VALID)
    findings = check(text)
    # line 2 is a comment; the root mapping (and so the report) starts at the first key
    assert rows(findings, NAME) == [("PL202", NAME, line_of(text, "id: pat_"))]
    assert line_of(text, "id: pat_") == 3
    found = next(f for f in findings if f.name == NAME)
    assert "`ontology`" in found.message


def test_missing_group_is_reported_at_line_2_when_the_first_line_is_a_key(check):
    text = without_ontology(edit(VALID, "# ═══ GROUP 1: CORE IDENTITY ═══\n", ""))
    assert rows(check(text), NAME) == [("PL202", NAME, 2)]
