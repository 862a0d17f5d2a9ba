from helpers import VALID, edit, line_of, rows

NAME = "unknown-vocabulary"


def test_misspelt_status_is_reported_with_did_you_mean(check):
    text = edit(VALID, "status: stable", "status: stabel")
    findings = check(text)
    assert rows(findings) == [("PL207", NAME, line_of(text, "status: stabel"))]
    assert findings[0].column == len("  status: ") + 1
    assert "did you mean `stable`?" in findings[0].message


def test_misspelt_relationship_type_is_reported_at_its_key(check):
    text = edit(VALID, "  enables:\n", "  enabels:\n")
    findings = check(text)
    assert rows(findings) == [("PL207", NAME, line_of(text, "enabels:"))]
    assert findings[0].column == 3
    assert "did you mean `enables`?" in findings[0].message


def test_usage_stage_from_the_seed_patterns_is_known(check):
    assert rows(check(edit(VALID, "usage_stage: design", "usage_stage: recognition")), NAME) == []
