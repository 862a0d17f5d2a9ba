from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from helpers import STANDALONE, VALID, edit, line_of
from lint.cli import main


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


@pytest.fixture
def library(tmp_path):
    (tmp_path / "transparent-ledger.md").write_text(STANDALONE, encoding="utf-8")
    bad = edit(edit(STANDALONE, "slug: transparent-ledger", "slug: bad-one"), "  status: stable", "  status: stabel")
    bad = edit(bad, "id: pat_01khm0pp0qw6rb1r861rg6dfh1", "id: pat_01khvcxczrfztsmcf9fgrgy593")
    (tmp_path / "bad-one.md").write_text(bad, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not walked", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.md").write_text("---\nid: 1\n", encoding="utf-8")
    (tmp_path / "_index.md").write_text("---\ntitle: Patterns\n---\n", encoding="utf-8")
    return tmp_path


def test_text_report_lines_and_summary(library):
    code, out = run_cli(str(library))
    lines = out.splitlines()
    line = line_of(STANDALONE, "status: stable")
    assert lines[0] == f"{library}/bad-one.md:{line}:11: PL207 [unknown-vocabulary] unknown status `stabel` in " \
                       "`lifecycle.status`; did you mean `stable`? (if your library uses this value on purpose, " \
                       "add it to the library's vocabulary)"
    assert lines[-1] == "Checked 3 files: 2 patterns, 1 skipped (not patterns); 0 errors, 1 warning."
    assert code == 0  # a warning does not fail by default


def test_fail_on_warning(library):
    assert run_cli("--fail-on", "warning", str(library))[0] == 1


def test_json_report(library):
    code, out = run_cli("--format", "json", str(library))
    data = json.loads(out)
    assert data["summary"] == {"files": 3, "patterns": 2, "skipped": 1, "errors": 0, "warnings": 1}
    assert data["findings"] == [{
        "path": f"{library}/bad-one.md", "line": line_of(STANDALONE, "status: stable"), "column": 11, "code": "PL207", "name": "unknown-vocabulary",
        "severity": "warning", "message": data["findings"][0]["message"], "fixable": False}]


def test_error_exits_1_and_files_named_explicitly_are_checked_whatever_the_extension(tmp_path):
    path = tmp_path / "pattern.txt"
    path.write_text(edit(VALID, "  confidence: 3", "  confidence: 9"), encoding="utf-8")
    code, out = run_cli(str(path))
    assert code == 1
    assert "PL205 [invalid-value]" in out and "PL303 [slug-filename-mismatch]" in out


def test_missing_path_is_a_usage_error(tmp_path, capsys):
    assert run_cli(str(tmp_path / "nope"))[0] == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_internal_error_exits_2_and_the_run_goes_on(library, monkeypatch):
    from lint import document

    real_load = document.load

    def flaky(path, **kw):
        if path.endswith("bad-one.md"):
            raise RuntimeError("boom")
        return real_load(path, **kw)

    monkeypatch.setattr("lint.document.load", flaky)
    code, out = run_cli(str(library))
    assert code == 2
    assert "PL000 [internal-error] internal error while reading the file: RuntimeError: boom" in out
    assert "Traceback" not in out


def test_rules_lists_every_rule():
    from lint.registry import all_rules

    code, out = run_cli("rules")
    assert code == 0
    assert len(out.splitlines()) == len(all_rules())
    assert out.splitlines()[0].split()[:2] == ["PL000", "internal-error"]


def test_rules_json():
    data = json.loads(run_cli("rules", "--format", "json")[1])
    assert {"code": "PL104", "name": "duplicate-key", "group": "frontmatter", "severity": "error",
            "summary": "The same key appears twice in one mapping.", "fixable": False, "default_enabled": True} in data
    assert {r["name"] for r in data if not r["default_enabled"]} == {"section-length", "orphan-pattern", "summary-differs"}


@pytest.mark.parametrize("key", ["duplicate-key", "PL104", "pl104"])
def test_explain_by_name_or_code(key):
    code, out = run_cli("explain", key)
    assert code == 0
    assert out.startswith("PL104 duplicate-key")
    for heading in ("What it checks", "Why it matters", "Example", "How to fix", "What it does not report"):
        assert heading in out


def test_explain_unknown_format_lists_formats():
    out = run_cli("explain", "unknown-format")[1]
    assert "v7: v7.1 grouped format" in out


def test_explain_unknown_rule_suggests(capsys):
    assert run_cli("explain", "duplicate-keys")[0] == 2
    assert "did you mean duplicate-key" in capsys.readouterr().err


def test_hostile_file_name_is_escaped(tmp_path):
    path = tmp_path / "evil\n::error file=x::.md"
    path.write_text("---\nid: [\n---\n", encoding="utf-8")
    out = run_cli(str(path))[1]
    assert "\n::error" not in out
    assert "evil\\x0a::error" in out


@pytest.mark.parametrize("entry", [["-m", "lint"], ["-c", "from lint.cli import main; raise SystemExit(main())"]])
def test_module_entry_point(tmp_path, entry):
    (tmp_path / "transparent-ledger.md").write_text(STANDALONE, encoding="utf-8")
    proc = subprocess.run([sys.executable, *entry, str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.endswith("Checked 1 file: 1 pattern, 0 skipped (not patterns); 0 errors, 0 warnings.\n")


def _bad_library(tmp_path):
    text = edit(edit(STANDALONE, "  status: stable", "  status: stabel"), "  confidence: 3", "  confidence: 2")
    (tmp_path / "transparent-ledger.md").write_text(text, encoding="utf-8")
    return str(tmp_path)


def test_select_ignore_and_extend_select(tmp_path):
    path = _bad_library(tmp_path)
    codes = lambda out: sorted({line.split()[1] for line in out.splitlines() if " PL" in line})
    assert codes(run_cli(path)[1]) == ["PL207", "PL501"]
    assert codes(run_cli("--select", "unknown-vocabulary", path)[1]) == ["PL207"]
    assert codes(run_cli("--select", "reconciliation", path)[1]) == ["PL501"]
    assert codes(run_cli("--select", "PL5", path)[1]) == ["PL501"]
    assert codes(run_cli("--ignore", "PL207,confidence-mismatch", path)[1]) == []
    assert "PL411" in codes(run_cli("--extend-select", "section-length", path)[1])


def test_unknown_selector_is_a_usage_error(tmp_path, capsys):
    assert run_cli("--select", "confidance-mismatch", _bad_library(tmp_path))[0] == 2
    assert "did you mean confidence-mismatch" in capsys.readouterr().err


def test_text_report_says_which_findings_are_fixable(tmp_path):
    text = edit(edit(STANDALONE, '  version: 1.2', '  version: 1.10'), "  status: stable", "  status: Stable")
    (tmp_path / "transparent-ledger.md").write_text(text, encoding="utf-8")
    out = run_cli("--no-cache", str(tmp_path))[1].splitlines()
    assert out[0].endswith("`stable`? (if your library uses this value on purpose, add it to the library's "
                           "vocabulary) (fixable with --unsafe-fixes)")
    assert out[1].endswith("quote it: `version: \"1.10\"` (fixable with --fix)")
    assert out[-1] == "1 fixable with --fix (1 more with --fix --unsafe-fixes)."
