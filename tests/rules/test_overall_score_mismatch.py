"""overall-score-mismatch: the fix checked on the whole run and its title; the simple cases (and two of the
fixes) are data in tests/cases/frontmatter.yaml."""

import json

import pytest

from helpers import STANDALONE, VALID, cli, edit

NAME = "overall-score-mismatch"
OVERALL = "overall_score: 4.4"
# VALID: 5, 4, 5, 5, 4, 3, 5 and vitality 4.5: the mean is 35.5 / 8 = 4.4375.


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
