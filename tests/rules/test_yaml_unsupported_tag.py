import os

from helpers import VALID, edit, line_of, rows

from lint import document

NAME = "yaml-unsupported-tag"
ATTRIBUTION = 'attribution: "commons.engineering by cloudsters, https://cloudsters.net"'


def test_include_tag_is_reported_and_not_applied(check, tmp_path):
    (tmp_path / "x").write_text("- secret\n", encoding="utf-8")
    text = edit(VALID, "sources: []", "sources: !include x")
    findings = check(text)
    assert rows(findings, NAME) == [("PL106", NAME, line_of(text, "sources:"))]
    assert "`!include`" in next(f.message for f in findings if f.name == NAME)
    doc = document.load(os.fspath(tmp_path / "transparent-ledger.md"))
    assert doc.frontmatter["sources"] == "x"  # kept as the text written, nothing read


def test_python_object_tag_is_reported_and_nothing_is_executed(check, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda command: calls.append(command) or 0)
    text = edit(VALID, ATTRIBUTION, 'attribution: !!python/object/apply:os.system ["echo"]')
    findings = check(text)
    assert rows(findings, NAME) == [("PL106", NAME, line_of(text, "attribution:"))]
    assert "`!!python/object/apply:os.system`" in next(f.message for f in findings if f.name == NAME)
    doc = document.load(os.fspath(tmp_path / "transparent-ledger.md"))
    assert doc.frontmatter["attribution"] == ["echo"]  # plain values, no object built
    assert calls == []


def test_standard_str_tag_is_supported(check):
    assert rows(check(edit(VALID, "version: 1.2", "version: !!str 1.10")), NAME) == []
