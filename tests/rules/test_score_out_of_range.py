from helpers import VALID, edit, line_of, rows

NAME = "score-out-of-range"


def test_score_above_5_is_reported_and_not_as_invalid_value(check):
    text = edit(VALID, "resilience: 5", "resilience: 7")
    findings = check(text)
    assert rows(findings) == [("PL206", NAME, line_of(text, "resilience: 7"))]
    assert "outside the range 1-5" in findings[0].message


def test_vitality_above_5_is_reported(check):
    text = edit(VALID, "vitality: 4.5", "vitality: 5.5")
    findings = check(text)
    assert rows(findings) == [("PL206", NAME, line_of(text, "vitality: 5.5"))]
    assert "outside the range 0-5" in findings[0].message


def test_score_of_0_on_the_1_to_5_scale_is_reported(check):
    text = edit(VALID, "resilience: 5", "resilience: 0")
    assert rows(check(text), NAME) == [("PL206", NAME, line_of(text, "resilience: 0"))]


def test_vitality_0_is_in_range(check):
    # (The mean of the scores changes, so overall-score-mismatch rightly fires; this rule must not.)
    assert rows(check(edit(VALID, "vitality: 4.5", "vitality: 0")), NAME) == []
