import os
from dataclasses import replace

from helpers import STANDALONE as VALID, edit, line_of, rows

from lint import document, registry
from lint.runner import run

NAME = "internal-error"
STABEL = edit(VALID, "status: stable", "status: stabel")  # one ordinary finding, to see the file was checked


def test_crash_while_reading_is_reported_and_the_next_file_is_still_checked(tmp_path, monkeypatch):
    broken = tmp_path / "broken.md"
    broken.write_text(VALID, encoding="utf-8")
    normal = tmp_path / "transparent-ledger.md"
    normal.write_text(STABEL, encoding="utf-8")
    real_load = document.load

    def boom(path, **kwargs):
        if os.path.basename(path) == "broken.md":
            raise RuntimeError("boom")
        return real_load(path, **kwargs)

    monkeypatch.setattr("lint.document.load", boom)
    result = run([os.fspath(broken), os.fspath(normal)])

    of_broken = [f for f in result.findings if f.path == os.fspath(broken)]
    assert rows(of_broken) == [("PL000", NAME, 1)]
    assert of_broken[0].column == 1
    assert "RuntimeError: boom" in of_broken[0].message
    of_normal = [f for f in result.findings if f.path == os.fspath(normal)]
    assert rows(of_normal) == [("PL207", "unknown-vocabulary", line_of(STABEL, "status: stabel"))]
    assert result.internal_errors == 1
    assert result.summary.files == 2


def test_crashing_rule_is_reported_and_the_other_rules_still_run(check, monkeypatch):
    def crash(doc, options):
        raise ValueError("rule bug")

    rules = tuple(replace(r, check=crash) if r.name == "invalid-slug" else r for r in registry.all_rules())
    monkeypatch.setattr("lint.registry.all_rules", lambda: rules)
    findings = check(STABEL)
    assert rows(findings, NAME) == [("PL000", NAME, 1)]
    message = next(f.message for f in findings if f.name == NAME)
    assert "rule invalid-slug" in message and "ValueError: rule bug" in message
    assert rows(findings, "unknown-vocabulary") == [("PL207", "unknown-vocabulary", line_of(STABEL, "status: stabel"))]


def test_no_internal_error_on_a_normal_file(check):
    assert rows(check(STABEL), NAME) == []
