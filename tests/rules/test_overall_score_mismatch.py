import json

import pytest

from helpers import STANDALONE, VALID, cli, edit, line_of, rows

NAME = "overall-score-mismatch"
CODE = "PL503"
OVERALL = "overall_score: 4.4"
# VALID: 5, 4, 5, 5, 4, 3, 5 and vitality 4.5: the mean is 35.5 / 8 = 4.4375.


def test_overall_score_far_from_the_mean_is_reported_with_the_value_to_write(check):
    text = edit(VALID, OVERALL, "overall_score: 3.9")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "overall_score: 3.9"))]
    assert findings[0].column == len("    overall_score: ") + 1
    assert findings[0].message == "overall_score is 3.9, but the mean of the 8 scores is 4.4375; write 4.4"


def test_a_changed_score_makes_the_written_mean_stale(check):
    text = edit(VALID, "composability: 3", "composability: 4")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, OVERALL))]
    assert "overall_score is 4.4, but the mean of the 8 scores is 4.5625; write 4.6" in findings[0].message


@pytest.mark.parametrize("written", ["4.49", "4.38", "4.5", "4.3"])
def test_just_outside_the_tolerance_is_reported(check, written):
    text = edit(VALID, OVERALL, f"overall_score: {written}")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "overall_score:"))]


@pytest.mark.parametrize("written", ["4.4", "4.39", "4.44", "4.48", "4.4375"])
def test_within_the_tolerance_is_fine(check, written):
    assert rows(check(edit(VALID, OVERALL, f"overall_score: {written}"))) == []


def test_out_of_range_score_is_only_score_out_of_range(check):
    text = edit(VALID, "resilience: 5", "resilience: 7")  # the mean would be 4.6875
    assert rows(check(text)) == [("PL206", "score-out-of-range", line_of(text, "resilience: 7"))]


def test_out_of_range_overall_score_is_only_score_out_of_range(check):
    text = edit(VALID, OVERALL, "overall_score: 7")
    assert rows(check(text)) == [("PL206", "score-out-of-range", line_of(text, "overall_score: 7"))]


def test_score_that_is_not_a_number_is_only_wrong_type(check):
    text = edit(VALID, "resilience: 5", "resilience: high")
    assert rows(check(text)) == [("PL204", "wrong-type", line_of(text, "resilience: high"))]


def test_missing_score_is_only_missing_field(check):
    text = edit(VALID, "    vitality: 4.5\n", "")
    assert [f.name for f in check(text)] == ["missing-field"]


# -- the fix (safe) ---------------------------------------------------------------------------------


def _left(path):
    """(name, fixable) of the findings a fresh run reports."""
    return [(f["name"], f["fixable"]) for f in json.loads(cli("--format", "json", str(path))[1])["findings"]]


@pytest.mark.parametrize("written, fixed", [
    ("4.0", "4.4"), ("3.9", "4.4"), ("4.00", "4.44"), ("3.90", "4.44"), ("4", "4.4"), ("4.000", "4.44"),
], ids=["one decimal", "one decimal too", "two decimals", "two decimals too", "integer", "three decimals"])
def test_fix_writes_the_mean_with_the_files_decimals(tmp_path, written, fixed):
    text = edit(STANDALONE, OVERALL, f"overall_score: {written}")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, True)]
    assert cli("--fix", str(path))[0] == 0
    assert path.read_bytes() == edit(text, f"overall_score: {written}\n", f"overall_score: {fixed}\n").encode("utf-8")
    assert _left(path) == []


def test_fix_is_safe_and_listed_as_such(check):
    (finding,) = check(edit(VALID, OVERALL, "overall_score: 4.0"))
    assert finding.fixable and finding.fix.safe and finding.fix.title == "write overall_score 4.4"
