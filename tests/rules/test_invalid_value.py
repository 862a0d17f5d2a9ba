from helpers import VALID, edit, line_of, rows

NAME = "invalid-value"


def test_confidence_outside_the_enum_is_reported(check):
    text = edit(VALID, "  confidence: 3\n", "  confidence: 4\n")
    findings = check(text)
    assert rows(findings) == [("PL205", NAME, line_of(text, "confidence: 4"))]
    assert "use one of 1, 2, 3" in findings[0].message


def test_impossible_date_in_a_date_field_is_reported(check):
    text = edit(VALID, "last_pruned: 2026-02-17", 'last_pruned: "2026-13-01"')
    findings = check(text)
    assert rows(findings) == [("PL205", NAME, line_of(text, "last_pruned:"))]
    assert "not a valid date" in findings[0].message


def test_empty_title_is_reported(check):
    text = edit(VALID, 'title: "Transparent Ledger"', 'title: ""')
    findings = check(text)
    assert rows(findings) == [("PL205", NAME, line_of(text, "title:"))]
    assert "`title` is empty" in findings[0].message


def test_allowed_values_are_fine(check):
    text = edit(VALID, "  confidence: 3\n", "  confidence: 1\n")
    text = edit(text, "last_pruned: 2026-02-17", 'last_pruned: "2026-12-01"')
    assert rows(check(text), NAME) == []
