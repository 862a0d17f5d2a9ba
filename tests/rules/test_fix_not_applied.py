import io
import json
import os

from helpers import STANDALONE, edit
from lint.cli import main

NAME = "fix-not-applied"
CODE = "PL008"
NEEDS_FIX = edit(STANDALONE, "overall_score: 4.4", "overall_score: 4.0")  # a safe fix: write 4.4


def fix(path, *flags):
    out = io.StringIO()
    code = main(["--no-cache", "--fix", "--format", "json", *flags, str(path)], stdout=out)
    return code, json.loads(out.getvalue())["findings"]


def rows(findings):
    return [(f["code"], f["name"], f["line"], f["column"]) for f in findings if f["name"] == NAME]


def test_read_only_file_is_reported_at_line_1_saying_why(tmp_path):
    path = tmp_path / "transparent-ledger.md"
    path.write_text(NEEDS_FIX, encoding="utf-8")
    os.chmod(path, 0o444)
    try:
        code, found = fix(path)
    finally:
        os.chmod(path, 0o644)
    assert rows(found) == [(CODE, NAME, 1, 1)]
    (finding,) = [f for f in found if f["name"] == NAME]
    assert finding["severity"] == "warning" and finding["fixable"] is False
    assert finding["message"] == "fixes were not written: it is read-only"
    assert path.read_text(encoding="utf-8") == NEEDS_FIX


def test_file_with_uncertain_structure_is_reported(tmp_path):
    path = tmp_path / "transparent-ledger.md"
    path.write_text(edit(NEEDS_FIX, 'title: "Transparent Ledger"', "title: 2026-02-30"), encoding="utf-8")
    code, found = fix(path)
    assert rows(found) == [(CODE, NAME, 1, 1)]
    assert "it has findings that make its structure uncertain" in next(f["message"] for f in found if f["name"] == NAME)


def test_writable_file_is_fixed_and_not_reported(tmp_path):
    path = tmp_path / "transparent-ledger.md"
    path.write_text(NEEDS_FIX, encoding="utf-8")
    code, found = fix(path)
    assert rows(found) == [] and found == [] and code == 0
    assert path.read_text(encoding="utf-8") == STANDALONE


def test_without_fix_nothing_is_reported(tmp_path):
    path = tmp_path / "transparent-ledger.md"
    path.write_text(NEEDS_FIX, encoding="utf-8")
    os.chmod(path, 0o444)
    try:
        out = io.StringIO()
        main(["--no-cache", "--format", "json", str(path)], stdout=out)
    finally:
        os.chmod(path, 0o644)
    assert rows(json.loads(out.getvalue())["findings"]) == []
