"""bench/precision.py: a stratified, seeded sample of findings written as a review sheet."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from collections import Counter
from pathlib import Path

import pytest

from helpers import edit, pattern, typeid


@pytest.fixture(scope="module")
def precision():
    spec = importlib.util.spec_from_file_location("bench_precision",
                                                  Path(__file__).resolve().parents[1] / "bench" / "precision.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


FIRED = {"unknown-vocabulary": 24, "unknown-field": 6, "dangling-link": 1}


@pytest.fixture
def folder(tmp_path):
    """30 patterns: 24 with a misspelt status, 6 of them with a misspelt key, one with a dangling link."""
    lib = tmp_path / "lib"
    lib.mkdir()
    for number in range(30):
        slug = f"pattern-{number:02d}"
        text = pattern(slug, typeid(number + 1), "  enables: [nowhere-at-all]\n" if number == 0 else "  enables: []\n")
        if number < 24:
            text = edit(text, "status: stable", "status: stabel")
        if number < 6:
            text = edit(text, "  confidence: 3\n", "  confidance: 3\n")
        (lib / f"{slug}.md").write_text(text, encoding="utf-8")
    return lib


def _sheet(precision, folder, tmp_path, *args, name="sheet.csv"):
    out = tmp_path / name
    assert precision.main([str(folder), *args, "-o", str(out)]) == 0
    return out.read_bytes()


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_every_rule_is_sampled_the_large_ones_more_and_n_is_respected(precision, folder, tmp_path):
    rows = _rows(_sheet(precision, folder, tmp_path, "--sample", "10", "--seed", "7"))
    assert len(rows) == 10
    drawn = Counter(row["rule"] for row in rows)
    assert set(drawn) == set(FIRED)  # every rule that fired
    # 1 each, the other 7 in proportion to what is left (23 and 5): 5.75 and 1.25 -> 6 and 1
    assert drawn == {"unknown-vocabulary": 7, "unknown-field": 2, "dangling-link": 1}
    assert len({(row["path"], row["line"], row["rule"]) for row in rows}) == 10  # no finding twice
    assert {row["verdict"] for row in rows} == {""} and {row["note"] for row in rows} == {""}
    # each row can be judged on its own: where, what, and the source line reported, marked
    for row in rows:
        assert Path(row["path"]).parent == folder
        marked = [line for line in row["context"].split("\n") if line.startswith(">")]
        assert len(marked) == 1 and marked[0].split("|")[0].split()[-1] == row["line"]
    status = next(row for row in rows if row["rule"] == "unknown-vocabulary")
    assert "status: stabel" in next(line for line in status["context"].split("\n") if line.startswith(">"))


def test_same_seed_same_sheet_another_seed_another_sample(precision, folder, tmp_path):
    first = _sheet(precision, folder, tmp_path, "--sample", "10", "--seed", "7", name="a.md")
    assert _sheet(precision, folder, tmp_path, "--sample", "10", "--seed", "7", name="b.md") == first
    other = _sheet(precision, folder, tmp_path, "--sample", "10", "--seed", "8", name="c.md")
    assert other != first
    text = first.decode("utf-8")
    assert "| unknown-vocabulary | 24 | 7 |" in text and "| dangling-link | 1 | 1 |" in text
    assert text.count("\nverdict: \n") == 10
    assert "| # | rule | file:line:column | verdict | note |" in text


def test_a_sample_larger_than_the_findings_takes_them_all(precision, folder, tmp_path):
    rows = _rows(_sheet(precision, folder, tmp_path, "--sample", "500"))
    assert Counter(row["rule"] for row in rows) == FIRED


def test_options_it_does_not_know_go_to_lint(precision, folder, tmp_path):
    rows = _rows(_sheet(precision, folder, tmp_path, "--sample", "10", "--select", "unknown-field"))
    assert Counter(row["rule"] for row in rows) == {"unknown-field": 6}


@pytest.mark.parametrize("sizes, n, expected", [
    ({"a": 24, "b": 6, "c": 1}, 10, {"a": 7, "b": 2, "c": 1}),
    ({"a": 24, "b": 6, "c": 1}, 2, {"a": 1, "b": 1}),  # N below the number of rules: the largest
    ({"a": 24, "b": 6, "c": 1}, 31, {"a": 24, "b": 6, "c": 1}),
    ({"a": 3, "b": 3}, 3, {"a": 2, "b": 1}),  # a tie goes by name
    ({"a": 100, "b": 2}, 50, {"a": 49, "b": 1}),
    ({"a": 100, "b": 2}, 101, {"a": 99, "b": 2}),  # never more than a rule has
    ({}, 10, {}),
])
def test_allocation(precision, sizes, n, expected):
    assert precision.allocate(sizes, n) == expected
