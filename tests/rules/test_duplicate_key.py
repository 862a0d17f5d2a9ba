from helpers import VALID, edit, line_of, rows


def test_second_occurrence_is_reported_with_the_first_line(check):
    text = edit(VALID, "  confidence: 3\n", "  confidence: 3\n  status: draft\n")
    findings = check(text)
    assert rows(findings, "duplicate-key") == [("PL104", "duplicate-key", line_of(text, "status: draft"))]
    message = next(f.message for f in findings if f.name == "duplicate-key")
    assert f"line {line_of(text, 'status: stable')}" in message


def test_same_key_in_different_mappings_is_fine(check):
    assert rows(check(VALID), "duplicate-key") == []  # `confidence` and `type` repeat at different levels


def test_a_first_value_longer_than_the_kept_one_is_forgotten(check):
    """The last of two values is kept; the first one's items must not be judged as if they were there
    (found by tests/test_fuzz_cli.py: `aliases: [.nan, true]` above `aliases: []` was an internal
    error in nine rules)."""
    text = edit(VALID, "id: pat_", "aliases: [.nan, true]\nid: pat_")
    findings = check(text)
    assert rows(findings) == [("PL104", "duplicate-key", line_of(text, "aliases:", 2))]


def test_a_first_value_is_forgotten_in_a_nested_mapping(check):
    text = edit(VALID, "  status: stable\n", "  status: [1.10, no, .nan]\n  status: stable\n")
    assert rows(check(text)) == [("PL104", "duplicate-key", line_of(text, "status: stable"))]
