"""yaml-implicit-type: the fix checked on the whole run and its title; the simple cases (and two of the
fixes) are data in tests/cases/frontmatter.yaml."""

import json

import pytest

from helpers import STANDALONE, VALID, cli, edit

NAME = "yaml-implicit-type"


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
