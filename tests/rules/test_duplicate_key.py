from helpers import VALID, edit, line_of, rows


def test_second_occurrence_is_reported_with_the_first_line(check):
    text = edit(VALID, "  confidence: 3\n", "  confidence: 3\n  status: draft\n")
    findings = check(text)
    assert rows(findings, "duplicate-key") == [("PL104", "duplicate-key", line_of(text, "status: draft"))]
    message = next(f.message for f in findings if f.name == "duplicate-key")
    assert f"line {line_of(text, 'status: stable')}" in message


def test_same_key_in_different_mappings_is_fine(check):
    assert rows(check(VALID), "duplicate-key") == []  # `confidence` and `type` repeat at different levels
