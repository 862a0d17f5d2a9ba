from helpers import VALID, edit, line_of, rows

NAME = "wrong-type"
ENABLES = "  enables:\n    - slug: participatory-budgeting\n      weight: 0.8\n"


def test_text_where_an_integer_is_expected_is_reported(check):
    text = edit(VALID, "  confidence: 3\n", "  confidence: high\n")
    findings = check(text)
    assert rows(findings, NAME) == [("PL204", NAME, line_of(text, "confidence: high"))]
    found = next(f for f in findings if f.name == NAME)
    assert found.column == len("  confidence: ") + 1
    assert "expected an integer" in found.message


def test_wrong_type_is_not_also_reported_as_invalid_value(check):
    # invalid-value is for "values of the right type that break another constraint"
    findings = check(edit(VALID, "  confidence: 3\n", "  confidence: high\n"))
    assert rows(findings, "invalid-value") == []


def test_empty_value_is_null_not_an_empty_list(check):
    text = edit(VALID, ENABLES, "  enables:\n")
    findings = check(text)
    assert rows(findings, NAME) == [("PL204", NAME, line_of(text, "enables:"))]
    found = next(f for f in findings if f.name == NAME)
    assert "empty (null)" in found.message and "expected a list" in found.message


def test_empty_list_is_fine(check):
    assert rows(check(edit(VALID, ENABLES, "  enables: []\n")), NAME) == []


def test_integer_confidence_is_fine(check):
    assert rows(check(edit(VALID, "  confidence: 3\n", "  confidence: 1\n")), NAME) == []


def test_nan_score_is_not_a_usable_number(check):
    text = edit(VALID, "    resilience: 5\n", "    resilience: .nan\n")
    findings = check(text)
    assert rows(findings) == [("PL204", "wrong-type", line_of(text, "resilience: .nan"))]


def test_infinite_score_is_one_finding_not_also_out_of_range(check):
    text = edit(VALID, "    resilience: 5\n", "    resilience: .inf\n")
    assert rows(check(text)) == [("PL204", "wrong-type", line_of(text, "resilience: .inf"))]
