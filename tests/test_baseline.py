"""The baseline (lint/baseline/): --write-baseline, --baseline, `baseline` in the configuration,
--strict-baseline, renamed files, every report format, bad baseline files.

The issue's done-when checks run on copies of ../shared/corpus-sample and ../shared/corpus-dev as
one library (skipped when ../shared is absent). No assertion depends on a message's wording
(other work rewrites messages): findings are compared by rule, path and line.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import SHARED, STANDALONE, edit, line_of
from lint import baseline as baseline_module
from lint.baseline.matching import sections
from lint.cli import main

DATA = Path(__file__).resolve().parent / "data"
BASELINE = baseline_module.DEFAULT_NAME
needs_shared = pytest.mark.skipif(not (SHARED / "corpus-sample").is_dir() or not (SHARED / "corpus-dev").is_dir(),
                                  reason="../shared is not here")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


def findings(*argv: str) -> tuple[int, list[dict], dict]:
    code, out = run("--no-cache", "--format", "json", *argv)
    payload = json.loads(out)
    return code, payload["findings"], payload


def where(found: list[dict]) -> list[tuple[str, str, int]]:
    return sorted((f["name"], f["path"].removeprefix("./"), f["line"]) for f in found)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """corpus-sample and corpus-dev copied into one library (tmp/lib), the working folder."""
    if not (SHARED / "corpus-sample").is_dir() or not (SHARED / "corpus-dev").is_dir():
        pytest.skip("../shared is not here")
    lib = tmp_path / "lib"
    for name in ("corpus-sample", "corpus-dev"):
        shutil.copytree(SHARED / name, lib, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    monkeypatch.chdir(lib)
    return lib


def _most_findings(found: list[dict], exclude: str | None = None) -> str:
    counts: dict[str, int] = {}
    for f in found:
        path = f["path"].removeprefix("./")
        if path != exclude:
            counts[path] = counts.get(path, 0) + 1
    return max(sorted(counts), key=lambda p: counts[p])


# -- the done-when checks, on the real files -----------------------------------------------

@needs_shared
def test_write_then_baseline_gives_exit_0_and_no_finding(corpus):
    code, before, _ = findings()
    assert code == 1 and len(before) > 100  # the corpus has errors: the gate fails without a baseline
    code, out = run("--no-cache", "--write-baseline")
    assert code == 0
    data = json.loads((corpus / BASELINE).read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"] == "pattern-lint"
    assert len(data["findings"]) == len(before)
    code, after, payload = findings("--baseline", BASELINE)
    assert code == 0 and after == []
    assert payload["baseline"]["hidden"] == len(before) and payload["baseline"]["fixed"] == 0
    # warm: the findings come from the cache, and the baseline still hides every one
    for _ in range(2):
        code, out = run("--baseline", BASELINE)
        assert code == 0 and out.splitlines()[0].startswith("Checked ")


@needs_shared
def test_one_new_defect_gives_exactly_that_finding(corpus):
    run("--no-cache", "--write-baseline")
    _, before, _ = findings()
    target = _most_findings(before)
    text = (corpus / target).read_text(encoding="utf-8")
    assert text.startswith("---\n")
    (corpus / target).write_text("---\nnot_a_field_of_any_format: 1\n" + text[4:], encoding="utf-8")
    code, after, _ = findings("--baseline", BASELINE)
    assert where(after) == [("unknown-field", target, 2)]  # and the file's old findings, one line lower, stay hidden


@needs_shared
def test_moving_a_block_40_lines_up_gives_no_finding(corpus):
    """The top-level frontmatter block holding most of a file's findings (a relationships list, in
    the file with most findings) moved above the blocks before it, at least 40 lines up."""
    run("--no-cache", "--write-baseline")
    _, before, _ = findings()
    target = _most_findings(before)
    lines = (corpus / target).read_text(encoding="utf-8").split("\n")
    end = lines.index("---", 1)
    starts = [i for i in range(1, end) if re.match(r"[A-Za-z_]", lines[i])] + [end]
    blocks = list(zip(starts, starts[1:]))
    lines_of = [f["line"] - 1 for f in before if f["path"].removeprefix("./") == target]
    moved = max(blocks, key=lambda b: sum(b[0] <= n < b[1] for n in lines_of))
    above = [b for b in blocks if moved[0] - b[0] >= 40]
    assert above and sum(moved[0] <= n < moved[1] for n in lines_of) >= 5
    first = above[-1][0]
    lines = lines[:first] + lines[moved[0]:moved[1]] + lines[first:moved[0]] + lines[moved[1]:]
    (corpus / target).write_text("\n".join(lines), encoding="utf-8")
    _, now, _ = findings("--isolated")
    shifted = {f["line"] for f in now if f["path"].removeprefix("./") == target} - {n + 1 for n in lines_of}
    assert len(shifted) >= 5  # the findings did move
    code, after, payload = findings("--baseline", BASELINE)
    assert after == [] and code == 0 and payload["baseline"]["fixed"] == 0


@needs_shared
def test_fixing_a_baselined_defect_is_reported_as_fixed_and_fails_strict(corpus):
    run("--no-cache", "--write-baseline")
    _, before, _ = findings()
    # a dangling link on a list item line of its own (`    - some-slug`), the item deleted: fixed
    for dangling in (f for f in before if f["name"] == "dangling-link"):
        path = corpus / dangling["path"]
        lines = path.read_text(encoding="utf-8").split("\n")
        if re.fullmatch(r"\s+- [\w-]+\s*", lines[dangling["line"] - 1]) \
                and re.fullmatch(r"\s+- [\w-]+\s*", lines[dangling["line"]]):
            break
    del lines[dangling["line"] - 1]
    path.write_text("\n".join(lines), encoding="utf-8")
    code, out = run("--no-cache", "--baseline", BASELINE)
    assert code == 0
    assert "1 baseline finding fixed: run --write-baseline to drop them." in out.splitlines()
    code, found, payload = findings("--baseline", BASELINE)
    assert (code, found, payload["baseline"]["fixed"]) == (0, [], 1)
    code, _ = run("--no-cache", "--baseline", BASELINE, "--strict-baseline")
    assert code == 1
    run("--no-cache", "--write-baseline")  # drops it
    code, out = run("--no-cache", "--baseline", BASELINE, "--strict-baseline")
    assert code == 0 and "fixed" not in out


# -- small libraries -------------------------------------------------------------------------------

BAD = edit(edit(STANDALONE, "slug: transparent-ledger", "slug: bad-one"), "  status: stable", "  status: stabel")
BAD = edit(BAD, "id: pat_01khm0pp0qw6rb1r861rg6dfh1", "id: pat_01khvcxczrfztsmcf9fgrgy593")


@pytest.fixture
def small(tmp_path, monkeypatch):
    (tmp_path / "transparent-ledger.md").write_text(STANDALONE, encoding="utf-8")
    (tmp_path / "bad-one.md").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_configured_baseline_is_relative_to_the_configuration(small):
    (small / "sub").mkdir()
    (small / ".pattern-lint.toml").write_text('baseline = "sub/known.json"\n', encoding="utf-8")
    code, _ = run("--no-cache", "--write-baseline")  # writes the configured file
    assert code == 0 and (small / "sub" / "known.json").is_file() and not (small / BASELINE).exists()
    entries = json.loads((small / "sub" / "known.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e["rule"], e["line"]) for e in entries] == [
        ("../bad-one.md", "unknown-vocabulary", line_of(BAD, "status: stabel"))]
    os.chdir(small / "sub")  # from another folder, naming the file: the same
    code, found, _ = findings(str(small))
    assert (code, found) == (0, [])
    code, found, _ = findings("--no-baseline", str(small))
    assert where(found) == [("unknown-vocabulary", f"{small}/bad-one.md", line_of(BAD, "status: stabel"))]


def test_file_is_sorted_stable_and_one_finding_a_line(small):
    text = STANDALONE.replace("  status: stable", "  status: stabel").replace("  usage_stage: design",
                                                                                "  usage_stage: desing")
    (small / "transparent-ledger.md").write_text(text, encoding="utf-8")
    run("--no-cache", "--write-baseline")
    first = (small / BASELINE).read_text(encoding="utf-8")
    lines = first.splitlines()
    assert lines[:4] == ["{", '  "version": 1,', '  "tool": "pattern-lint",', '  "findings": [']
    entries = [json.loads(line.strip().rstrip(",")) for line in lines[4:-2]]
    assert len(entries) == 3
    assert [(e["path"], e["rule"]) for e in entries] == sorted((e["path"], e["rule"]) for e in entries)
    assert {"path", "rule", "code", "fingerprint", "section", "line", "message"} <= set(entries[0])
    # lines added above: only the `line` fields change, no entry moves
    (small / "transparent-ledger.md").write_text(text.replace("---\n", "---\n# a comment\n\n", 1), encoding="utf-8")
    run("--no-cache", "--write-baseline")
    second = (small / BASELINE).read_text(encoding="utf-8")
    strip = lambda t: re.sub(r'"line": \d+', "", t)  # noqa: E731
    assert strip(first) == strip(second) and first != second


def test_multiset_two_entries_hide_at_most_two(tmp_path):
    from lint.findings import Finding

    page = tmp_path / "a.md"
    page.write_text("---\nid: x\n---\n# A\n\n- TODO\n- TODO\n- TODO\n", encoding="utf-8")

    def finding(line):
        return Finding(str(page), line, 3, "PL410", "template-placeholder", "error", "placeholder `TODO` left")

    two = [finding(6), finding(7)]
    base = baseline_module.Baseline(str(tmp_path / BASELINE), baseline_module.entries_of(two, str(tmp_path)))
    assert len(base.entries) == 2 and base.entries[0].fingerprint == base.entries[1].fingerprint
    three = two + [finding(8)]
    shown, hidden, fixed = baseline_module.split(three, base, [str(page)], [str(tmp_path)], ["template-placeholder"])
    assert (len(shown), len(hidden), fixed) == (1, 2, [])
    shown, hidden, fixed = baseline_module.split(three[:1], base, [str(page)], [str(tmp_path)],
                                                 ["template-placeholder"])
    assert (shown, len(hidden), len(fixed)) == ([], 1, 1)
    # a rule that did not run, or a file not checked: its entries are not "fixed"
    assert baseline_module.split([], base, [str(page)], [str(tmp_path)], ["other-rule"])[2] == []
    assert baseline_module.split([], base, [], [], ["template-placeholder"])[2] == []


def test_fix_fixes_baselined_findings_and_reports_only_new_ones(small):
    # a fixable finding (overall-score-mismatch: not the mean of the eight scores; safe), baselined
    text = edit(STANDALONE, "    overall_score: 4.4", "    overall_score: 3.9")
    (small / "transparent-ledger.md").write_text(text, encoding="utf-8")
    run("--no-cache", "--write-baseline")
    _, before, _ = findings("--no-baseline")
    assert any(f["fixable"] for f in before)
    code, out = run("--no-cache", "--baseline", BASELINE, "--fix", "--unsafe-fixes")
    assert code == 0
    _, after, _ = findings("--no-baseline")
    assert len(after) < len(before)  # the baselined fixable finding was fixed anyway


def test_every_format_respects_the_baseline(small):
    run("--no-cache", "--write-baseline")
    (small / "new.md").write_text(edit(edit(BAD, "slug: bad-one", "slug: new"),
                                       "id: pat_01khvcxczrfztsmcf9fgrgy593", "id: pat_01khvcxczrfztsmcf9fgrgy594"),
                                  encoding="utf-8")
    expected = line_of(BAD, "status: stabel")
    for fmt in ("text", "github", "gitlab", "markdown"):
        code, out = run("--no-cache", "--baseline", BASELINE, "--format", fmt)
        assert "new.md" in out, fmt
        assert "bad-one.md" not in out, fmt
    code, out = run("--no-cache", "--baseline", BASELINE, "--format", "junit", "--fail-on", "warning")
    assert out.count("<failure") == 1 and out.count("<testcase") == 3
    code, out = run("--no-cache", "--baseline", BASELINE, "--format", "sarif")
    log = json.loads(out)
    results = log["runs"][0]["results"]
    assert [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["baselineState"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("new.md", "new", expected)]
    assert log["runs"][0]["properties"]["baseline"]["hidden"] == 1
    code, out = run("--no-cache", "--baseline", BASELINE, "--statistics")
    assert out.splitlines()[-1].split()[:1] == ["1"] and "hidden by the baseline" in out
    code, out = run("--no-cache", "--format", "sarif")
    assert all("baselineState" not in r for r in json.loads(out)["runs"][0]["results"])  # no baseline: as before


def test_partial_run_keeps_the_entries_of_files_it_did_not_check(small):
    run("--no-cache", "--write-baseline")
    (small / "other.md").write_text(edit(edit(BAD, "slug: bad-one", "slug: other"),
                                         "id: pat_01khvcxczrfztsmcf9fgrgy593", "id: pat_01khvcxczrfztsmcf9fgrgy595"),
                                    encoding="utf-8")
    code, _ = run("--no-cache", "other.md", "--write-baseline")
    paths = [e["path"] for e in json.loads((small / BASELINE).read_text(encoding="utf-8"))["findings"]]
    assert paths == ["bad-one.md", "other.md"]
    # a run over one file says nothing about the entries of the others
    code, found, payload = findings("--baseline", BASELINE, "transparent-ledger.md")
    assert (code, found, payload["baseline"]["fixed"]) == (0, [], 0)


def test_write_baseline_before_paths_naming_a_folder_is_a_usage_error(small, capsys):
    code, _ = run("--no-cache", "--write-baseline", ".")
    assert code == 2 and "is a folder" in capsys.readouterr().err


@needs_git
def test_renamed_file_keeps_its_entries(small):
    def git(*args):
        subprocess.run(["git", *args], cwd=small, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "-q",
        "--allow-empty", "-m", "start")
    run("--no-cache", "--write-baseline")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "-q",
        "-m", "baseline")
    (small / "moved").mkdir()
    git("mv", "bad-one.md", "moved/bad-one.md")
    code, found, payload = findings("--baseline", BASELINE)
    assert (code, found, payload["baseline"]["hidden"], payload["baseline"]["fixed"]) == (0, [], 1, 0)
    # committed: the baseline was written before the commit that renamed it, git still says so
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "-q",
        "-m", "move")
    code, found, _ = findings("--baseline", BASELINE)
    assert (code, found) == (0, [])
    # moved without telling git (not added): git cannot say, the entry counts as fixed, the finding is new
    (small / "elsewhere").mkdir()
    os.rename(small / "moved" / "bad-one.md", small / "elsewhere" / "bad-one.md")
    code, found, payload = findings("--baseline", BASELINE)
    assert where(found) == [("unknown-vocabulary", "elsewhere/bad-one.md", line_of(BAD, "status: stabel"))]
    assert payload["baseline"]["fixed"] == 1


# -- bad baseline files ----------------------------------------------------------------------------

@pytest.mark.parametrize("content, says", [
    (None, "no such baseline file"),
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"[]", "not a pattern-lint baseline"),
    (b'{"version": 1, "findings": []}', "not a pattern-lint baseline"),  # another tool's JSON
    (b'{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": []}',
     "not a pattern-lint baseline"),
    (b'{"version": 99, "tool": "pattern-lint", "findings": []}', "newer than this pattern-lint reads"),
    (b'{"version": "1", "tool": "pattern-lint", "findings": []}', "`version` must be a whole number"),
    (b'{"version": 1, "tool": "pattern-lint", "findings": {}}', "`findings` must be a list"),
    (b'{"version": 1, "tool": "pattern-lint", "findings": [{"rule": "x"}]}', "finding 1 has no `path`"),
    (b'{"version": 1, "tool": "pattern-lint", "findings": [{"path": "a.md", "rule": "x", "line": "3"}]}',
     "`line` must be a whole number"),
])
def test_bad_baseline_file_is_a_usage_error_naming_it(small, capsys, content, says):
    if content is not None:
        (small / "base.json").write_bytes(content)
    code, out = run("--no-cache", "--baseline", "base.json")
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    assert err.startswith("lint: base.json: ") and says in err, err


def test_configured_baseline_missing_is_a_usage_error(small, capsys):
    (small / ".pattern-lint.toml").write_text('baseline = "known.json"\n', encoding="utf-8")
    code, _ = run("--no-cache")
    err = capsys.readouterr().err
    assert code == 2 and "known.json: no such baseline file" in err


def test_unreadable_baseline_is_a_usage_error(small, capsys):
    (small / "base.json").mkdir()
    code, _ = run("--no-cache", "--baseline", "base.json")
    assert code == 2 and "base.json: cannot read the baseline" in capsys.readouterr().err
    if os.geteuid() != 0:
        (small / "locked.json").write_text("{}", encoding="utf-8")
        (small / "locked.json").chmod(0)
        code, _ = run("--no-cache", "--baseline", "locked.json")
        assert code == 2 and "locked.json: cannot read the baseline: Permission denied" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["", 3, ["a.json"]])
def test_bad_configured_baseline_value(small, capsys, value):
    (small / ".pattern-lint.toml").write_text(f"baseline = {json.dumps(value)}\n", encoding="utf-8")
    code, _ = run("--no-cache")
    assert code == 2 and "`baseline` must be the path of a baseline file" in capsys.readouterr().err


def test_a_baseline_written_by_an_older_version_still_matches(small):
    """tests/data/baseline-v1.json: a version-1 file, checked in, its messages in an older wording
    and its `line`s stale; it must keep hiding the findings it recorded."""
    shutil.copy(DATA / "baseline-v1.json", small / "old.json")
    code, found, payload = findings("--baseline", "old.json")
    assert (code, found, payload["baseline"]["hidden"], payload["baseline"]["fixed"]) == (0, [], 1, 0)


# -- the fingerprint's pieces ----------------------------------------------------------------------

def test_sections_of_frontmatter_and_body():
    lines = ["---", "a: 1", "rel:", "  enables:", "  - x", "  - y", "b:", "- z", "---", "# Title", "text",
             "```", "# not a heading", "```", "### 2. Known Uses", "- a use"]
    got = sections(lines)
    assert got[1] == "frontmatter" and got[4] == got[5] == "frontmatter: rel.enables"
    assert got[7] == "frontmatter: b"
    assert got[10] == got[13] == "# Title"
    assert got[15] == "### 2. Known Uses"


def test_report_page_counts_new_and_baselined(small):
    run("--no-cache", "--write-baseline")
    (small / "new.md").write_text(edit(edit(BAD, "slug: bad-one", "slug: new"),
                                       "id: pat_01khvcxczrfztsmcf9fgrgy593", "id: pat_01khvcxczrfztsmcf9fgrgy594"),
                                  encoding="utf-8")
    code, _ = run("report", "--no-cache", "-q", "-o", "page.html", "--baseline", BASELINE)
    assert code == 0
    page = (small / "page.html").read_text(encoding="utf-8")
    figures = dict(re.findall(r'data-figure="([a-z_]+)" data-value="(\d+)"', page))
    assert (figures["findings"], figures["new"], figures["baselined"], figures["baseline_fixed"]) == ("2", "1", "1", "0")
    code, _ = run("report", "--no-cache", "-q", "-o", "page.html")
    assert "new" not in dict(re.findall(r'data-figure="([a-z_]+)" data-value="(\d+)"',
                                        (small / "page.html").read_text(encoding="utf-8")))
