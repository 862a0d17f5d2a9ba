import json

import pytest

from helpers import STANDALONE, VALID, cli, edit, line_of, rows

NAME = "yaml-implicit-type"


def test_version_1_10_read_as_number_is_reported(check):
    text = edit(VALID, "version: 1.2", "version: 1.10")
    findings = check(text)
    assert rows(findings, NAME) == [("PL105", NAME, line_of(text, "version:"))]
    found = next(f for f in findings if f.name == NAME)
    assert 'version: "1.10"' in found.message


def test_status_no_is_reported_as_boolean_and_not_also_as_wrong_type(check):
    text = edit(VALID, "status: stable", "status: no")
    findings = check(text)
    assert rows(findings, NAME) == [("PL105", NAME, line_of(text, "status: no"))]
    assert "boolean `false`" in next(f.message for f in findings if f.name == NAME)
    assert rows(findings, "wrong-type") == []


def test_date_as_title_is_reported(check):
    text = edit(VALID, 'title: "Transparent Ledger"', "title: 2026-02-19")
    findings = check(text)
    assert rows(findings, NAME) == [("PL105", NAME, line_of(text, "title:"))]
    found = next(f for f in findings if f.name == NAME)
    assert "read as a date" in found.message
    assert rows(findings, "wrong-type") == []


def test_unreadable_date_in_a_text_field_is_yaml_syntax_not_read_as_a_date(check):
    # PyYAML cannot build 2026-02-30 at all: it is not "read as a date"
    text = edit(VALID, 'title: "Transparent Ledger"', "title: 2026-02-30")
    findings = check(text)
    assert rows(findings, "yaml-syntax") == [("PL103", "yaml-syntax", line_of(text, "title:"))]
    assert rows(findings, NAME) == []


def test_version_that_reads_back_the_same_is_fine(check):
    assert "version: 1.2\n" in VALID
    assert rows(check(VALID), NAME) == []


def test_quoted_version_is_fine(check):
    assert rows(check(edit(VALID, "version: 1.2", 'version: "1.10"')), NAME) == []


def test_date_in_a_date_field_is_fine(check):
    assert "last_pruned: 2026-02-17" in VALID
    assert rows(check(VALID), NAME) == []


# -- the fix (safe) ---------------------------------------------------------------------------------


def _left(path):
    return [(f["name"], f["fixable"]) for f in json.loads(cli("--format", "json", str(path))[1])["findings"]]


@pytest.mark.parametrize("old, new, fixed", [
    ("version: 1.2", "version: 1.10", 'version: "1.10"'),
    ('title: "Transparent Ledger"', "title: 2026-02-19", 'title: "2026-02-19"'),
    ('title: "Transparent Ledger"', "title: 010", 'title: "010"'),
], ids=["version", "date", "octal"])
def test_fix_quotes_the_value_as_written(tmp_path, old, new, fixed):
    text = edit(STANDALONE, old, new)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert (NAME, True) in _left(path)
    assert cli("--fix", str(path))[0] == 0
    assert path.read_bytes() == edit(text, new, fixed).encode("utf-8")
    assert _left(path) == []


def test_fix_is_safe(check):
    found = [f for f in check(edit(VALID, "version: 1.2", "version: 1.10")) if f.name == NAME]
    assert [(f.fixable, f.fix.safe, f.fix.title) for f in found] == [(True, True, "quote 1.10")]
