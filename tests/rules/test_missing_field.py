from helpers import VALID, edit, line_of, rows

NAME = "missing-field"


def without_ontology(text: str) -> str:
    return text[: text.index("# ═══ GROUP 3")] + text[text.index("# ═══ GROUP 4"):]


def test_missing_confidence_is_reported_at_the_lifecycle_key(check):
    text = edit(VALID, "  confidence: 3\n", "")
    findings = check(text)
    assert rows(findings, NAME) == [("PL202", NAME, line_of(text, "lifecycle:"))]
    found = next(f for f in findings if f.name == NAME)
    assert found.column == 1
    assert "`lifecycle.confidence`" in found.message


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


def test_relationship_entry_without_target_is_reported(check):
    text = edit(VALID, "    - slug: participatory-budgeting\n      weight: 0.8\n", "    - weight: 0.8\n")
    findings = check(text)
    assert rows(findings, NAME) == [("PL202", NAME, line_of(text, "- weight: 0.8"))]
    found = next(f for f in findings if f.name == NAME)
    assert "names no target" in found.message


def test_complete_pattern_misses_nothing(check):
    assert rows(check(VALID), NAME) == []
