"""How a run is set up from where it is invoked: which configuration and library each path belongs
to, a cache that never answers for another invocation, output files, standard input, and the
command-line conventions ruff users expect."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from helpers import STANDALONE, edit, line_of, pattern
from lint.cli import main

OTHER_ID = "pat_01khvcxczrfztsmcf9fgrgy593"
THIRD_ID = "pat_01kg5023yje10ty287508kv3vv"
LINKS = line_of(STANDALONE, "relationships:") + 1  # the line of `enables: [...]` in `pattern(...)`
STATUS_LINE = line_of(STANDALONE, "  status: stable")
BAD_STATUS = edit(STANDALONE, "  status: stable", "  status: stabel")  # one unknown-vocabulary warning


def cli(*argv: str, stdin: bytes | None = None) -> tuple[int, str]:
    out = io.StringIO()
    if stdin is None:
        return main(list(argv), stdout=out), out.getvalue()
    real = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        return main(list(argv), stdout=out), out.getvalue()
    finally:
        sys.stdin = real


def findings(*argv: str, stdin: bytes | None = None) -> tuple[int, list[tuple[str, str, int]]]:
    """Exit status and (path as shown, name, line) of each finding of a JSON run."""
    code, out = cli("--format", "json", *argv, stdin=stdin)
    return code, [(f["path"], f["name"], f["line"]) for f in json.loads(out)["findings"]]


def write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def git_repository(folder) -> None:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A git work tree with a library in `patterns/` whose patterns live in subfolders and link to
    patterns in other folders, as on commons.engineering (`patterns/business/x.md` links to
    `alliance-architecture`, kept in `patterns/`). No configuration file."""
    root = tmp_path / "repo"
    root.mkdir()
    git_repository(root)
    write(root, "patterns/alliance-architecture.md", pattern("alliance-architecture", OTHER_ID))
    write(root, "patterns/business/partner-network.md",
          pattern("partner-network", THIRD_ID, "  enables: [alliance-architecture]\n"))
    monkeypatch.chdir(root)
    return root


# -- which library: the git work tree, or the configuration's folder ----------------------------------


def test_a_staged_file_resolves_its_links_against_the_whole_work_tree(repository):
    # pre-commit passes the staged file alone; the library hook passes nothing (the whole repository)
    assert findings("--select", "dangling-link", "patterns/business/partner-network.md") == (0, [])
    assert findings("--select", "dangling-link") == (0, [])


def test_without_a_work_tree_the_library_is_the_folder_given(tmp_path, monkeypatch):
    write(tmp_path, "patterns/alliance-architecture.md", pattern("alliance-architecture", OTHER_ID))
    write(tmp_path, "patterns/business/partner-network.md",
          pattern("partner-network", THIRD_ID, "  enables: [alliance-architecture]\n"))
    monkeypatch.chdir(tmp_path)
    assert findings("--select", "dangling-link", "patterns/business/partner-network.md") == (
        1, [("patterns/business/partner-network.md", "dangling-link", LINKS)])


def test_a_link_to_a_pattern_that_exists_nowhere_still_dangles(repository):
    write(repository, "patterns/business/partner-network.md",
          pattern("partner-network", THIRD_ID, "  enables: [alliance-architectur]\n"))
    assert findings("--select", "dangling-link", "patterns/business/partner-network.md") == (
        1, [("patterns/business/partner-network.md", "dangling-link", LINKS)])


def test_the_configuration_is_found_from_the_path_not_the_working_folder(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    write(repo, "lib/.pattern-lint.toml", 'ignore = ["unknown-vocabulary"]\n')
    write(repo, "lib/transparent-ledger.md", BAD_STATUS)
    expected = (0, [])
    monkeypatch.chdir(tmp_path)  # outside the repository
    assert findings("repo/lib") == expected
    assert findings("repo/lib/transparent-ledger.md") == expected
    monkeypatch.chdir(repo / "lib")  # inside it
    assert findings(".") == expected
    assert findings("transparent-ledger.md") == expected
    code, out = cli("--show-config", os.fspath(repo / "lib"))
    monkeypatch.chdir(tmp_path)
    assert json.loads(out)["config-file"] == os.fspath(repo / "lib" / ".pattern-lint.toml")


def test_paths_of_two_libraries_each_use_their_own_configuration(tmp_path, monkeypatch):
    write(tmp_path, "one/.pattern-lint.toml", 'ignore = ["unknown-vocabulary"]\n')
    write(tmp_path, "one/transparent-ledger.md", BAD_STATUS)
    write(tmp_path, "two/.pattern-lint.toml", 'fail-on = "warning"\n')
    write(tmp_path, "two/transparent-ledger.md", BAD_STATUS)
    monkeypatch.chdir(tmp_path)
    # one's file is clean under its own configuration; two's warning fails under two's fail-on
    assert findings("one", "two") == (1, [("two/transparent-ledger.md", "unknown-vocabulary", STATUS_LINE)])
    assert findings("one") == (0, [])
    # the same file twice in one library is not a duplicate of itself across the two runs
    code, out = cli("one/transparent-ledger.md", "two/transparent-ledger.md")
    assert "Checked 2 files: 2 patterns" in out


def test_config_option_and_environment_variable_win_and_isolated_reads_none(tmp_path, monkeypatch):
    write(tmp_path, "lib/.pattern-lint.toml", 'ignore = ["unknown-vocabulary"]\n')
    write(tmp_path, "lib/transparent-ledger.md", BAD_STATUS)
    write(tmp_path, "strict.toml", 'fail-on = "warning"\n')
    monkeypatch.chdir(tmp_path)
    warned = [("lib/transparent-ledger.md", "unknown-vocabulary", STATUS_LINE)]
    assert findings("lib") == (0, [])
    assert findings("--config", "strict.toml", "lib") == (1, warned)
    monkeypatch.setenv("PATTERN_LINT_CONFIG", "strict.toml")
    assert findings("lib") == (1, warned)
    assert findings("--isolated", "lib") == (0, warned)  # the defaults: a warning does not fail
    monkeypatch.setenv("PATTERN_LINT_CONFIG", "missing.toml")
    assert cli("lib")[0] == 2


def test_graph_of_paths_from_two_libraries_is_a_usage_error(tmp_path, monkeypatch, capsys):
    write(tmp_path, "one/.pattern-lint.toml", "")
    write(tmp_path, "one/transparent-ledger.md", STANDALONE)
    write(tmp_path, "two/.pattern-lint.toml", "")
    write(tmp_path, "two/transparent-ledger.md", STANDALONE)
    monkeypatch.chdir(tmp_path)
    assert cli("graph", "one", "two", "--format", "json")[0] == 2
    assert "different libraries" in capsys.readouterr().err


# -- the cache never answers for another invocation ----------------------------------------------------


def test_a_warm_cache_shows_paths_from_the_current_folder_and_applies_per_file_ignores(repository, monkeypatch):
    # `lint .` at the root, then `cd commons-os && lint series-abc.md`, as reported
    write(repository, "pyproject.toml", '[tool.pattern-lint]\nper-file-ignores = { "commons-os/series-*.md" = '
                                        '["invalid-typeid"] }\n')
    bad_id = edit(pattern("series-abc", OTHER_ID), f"id: {OTHER_ID}", "id: pat_placeholder")
    write(repository, "commons-os/series-abc.md", bad_id)
    write(repository, "commons-os/other.md", edit(BAD_STATUS, "slug: transparent-ledger", "slug: other"))
    cold_root = findings("--select", "invalid-typeid,unknown-vocabulary", ".")
    assert cold_root == (0, [("./commons-os/other.md", "unknown-vocabulary", STATUS_LINE)])
    monkeypatch.chdir(repository / "commons-os")
    for _ in range(2):  # the first run from here reads what the root run cached; the second, its own
        assert findings("--select", "invalid-typeid,unknown-vocabulary", "series-abc.md") == (0, [])
        assert findings("--select", "invalid-typeid,unknown-vocabulary", "other.md") == (
            0, [("other.md", "unknown-vocabulary", STATUS_LINE)])
    assert findings("--no-cache", "--select", "invalid-typeid,unknown-vocabulary", "other.md") == (
        0, [("other.md", "unknown-vocabulary", STATUS_LINE)])


def test_cached_library_findings_name_other_files_from_the_current_folder(repository, monkeypatch):
    write(repository, "patterns/copy/alliance-architecture.md", pattern("alliance-architecture", OTHER_ID))
    expected_root = findings("--select", "duplicate-slug", "patterns")
    assert [row[0] for row in expected_root[1]] == ["patterns/alliance-architecture.md",
                                                    "patterns/copy/alliance-architecture.md"]
    monkeypatch.chdir(repository / "patterns")
    for _ in range(2):
        code, out = cli("--format", "json", "--select", "duplicate-slug", ".")
        messages = [(f["path"], f["message"]) for f in json.loads(out)["findings"]]
        assert [path for path, _ in messages] == ["./alliance-architecture.md", "./copy/alliance-architecture.md"]
        assert "also the slug of ./copy/alliance-architecture.md" in messages[0][1]
        assert "also the slug of ./alliance-architecture.md" in messages[1][1]


# -- --fix is not blocked by what suppressions silence -------------------------------------------------


def _score_and_summary_wrong() -> str:
    """A file with a safe fix to make (overall-score-mismatch) and a summary-mismatch, whose unsafe fix
    is not asked for: re-checking the fixed text still finds that summary-mismatch."""
    text = edit(STANDALONE, "overall_score: 4.4", "overall_score: 3.9")
    return edit(text, "> A pattern for establishing collective trust", "> Something else entirely. A pattern for "
                "establishing collective trust")


def test_a_suppressed_finding_does_not_block_a_fix(tmp_path, monkeypatch):
    text = _score_and_summary_wrong()
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "transparent-ledger.md", text)
    assert ("transparent-ledger.md", "summary-mismatch", line_of(text, "> Something else")) in \
        findings("--ignore", "graph", "transparent-ledger.md")[1]
    text = edit(text, "> Something else", "<!-- pattern-lint: disable-next-line=summary-mismatch -->\n> Something else")
    path = write(tmp_path, "transparent-ledger.md", text)
    code, rows = findings("--ignore", "graph", "--fix", "transparent-ledger.md")
    assert [row for row in rows if row[1] in ("fix-not-applied", "overall-score-mismatch", "summary-mismatch",
                                              "unused-suppression")] == []
    assert "overall_score: 4.4" in path.read_text(encoding="utf-8")


def test_per_file_ignores_do_not_block_a_fix(tmp_path, monkeypatch):
    path = write(tmp_path, "transparent-ledger.md", _score_and_summary_wrong())
    write(tmp_path, ".pattern-lint.toml", 'per-file-ignores = { "*.md" = ["summary-mismatch", "graph"] }\n')
    monkeypatch.chdir(tmp_path)
    code, rows = findings("--fix", "transparent-ledger.md")
    assert [row for row in rows if row[1] in ("fix-not-applied", "overall-score-mismatch", "summary-mismatch")] == []
    assert "overall_score: 4.4" in path.read_text(encoding="utf-8")


# -- output files --------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["graph"], ["report"]])
@pytest.mark.parametrize("target", ["missing-folder/report.out", "."])
def test_an_output_file_that_cannot_be_written_is_a_usage_error(tmp_path, monkeypatch, command, target):
    write(tmp_path, "transparent-ledger.md", STANDALONE)
    monkeypatch.chdir(tmp_path)
    run = subprocess.run([sys.executable, "-m", "lint", *command, ".", "-o", target],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    assert len(run.stderr.splitlines()) == 1 and target in run.stderr and "Traceback" not in run.stderr


# -- standard input, for editors -----------------------------------------------------------------------


def test_stdin_filename_checks_standard_input_against_that_files_library(repository):
    # the file on disk links to nothing; standard input, as the editor's unsaved buffer, links to a
    # pattern that exists and to one that does not
    unsaved = pattern("partner-network", THIRD_ID, "  enables: [alliance-architecture, nowhere-pattern]\n")
    code, rows = findings("--select", "dangling-link", "--stdin-filename", "patterns/business/partner-network.md",
                          stdin=unsaved.encode())
    assert (code, rows) == (1, [("patterns/business/partner-network.md", "dangling-link", LINKS)])


def test_stdin_filename_need_not_exist_and_is_checked_as_that_name(repository):
    text = pattern("new-pattern", "pat_01kg5023wbfw1azjwp99gcgcrn", "  enables: [alliance-architecture]\n")
    assert findings("--ignore", "graph", "--stdin-filename", "patterns/new-pattern.md", stdin=text.encode()) == (0, [])
    code, rows = findings("--stdin-filename", "patterns/not-its-name.md", stdin=text.encode())
    assert ("patterns/not-its-name.md", "slug-filename-mismatch", line_of(text, "slug:")) in rows
    assert not (repository / "patterns" / "not-its-name.md").exists()


def test_stdin_filename_with_other_paths_or_fix_is_a_usage_error(repository):
    with pytest.raises(SystemExit) as exit_:
        cli("--stdin-filename", "a.md", "patterns", stdin=b"")
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        cli("--stdin-filename", "a.md", "--fix", stdin=b"")
    assert exit_.value.code == 2


# -- conventions -------------------------------------------------------------------------------------


def test_output_format_is_the_same_option_as_format(repository):
    assert cli("--output-format", "json", "patterns") == cli("--format", "json", "patterns")


def test_statistics_honours_format_json(tmp_path, monkeypatch):
    write(tmp_path, "transparent-ledger.md", BAD_STATUS)
    monkeypatch.chdir(tmp_path)
    code, out = cli("--statistics", "--format", "json", ".")
    assert json.loads(out) == [{"code": "PL207", "name": "unknown-vocabulary", "severity": "warning", "count": 1,
                                "fixable": 0}]


@pytest.mark.parametrize(("environment", "coloured"), [
    ({}, False),
    ({"FORCE_COLOR": "1"}, True),
    ({"CLICOLOR_FORCE": "1"}, True),
    ({"FORCE_COLOR": "0"}, False),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
])
def test_force_color_colours_output_that_is_not_a_terminal(tmp_path, environment, coloured):
    write(tmp_path, "transparent-ledger.md", BAD_STATUS)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "NO_COLOR")}
    run = subprocess.run([sys.executable, "-m", "lint", os.fspath(tmp_path)], capture_output=True, text=True,
                         env={**env, **environment}, timeout=120)
    assert ("\033[" in run.stdout) is coloured
    assert "unknown-vocabulary" in run.stdout
