"""--fix, --diff and the fixer (lint.fix): exact bytes, safety, exit codes, rounds."""

from __future__ import annotations

import io
import json
import os
import stat

import pytest

from helpers import STANDALONE, edit, line_of, pattern
from lint import fix
from lint.cli import main
from lint.findings import Edit, Finding, Fix
from lint.runner import Options, run

BAD = "overall_score: 4.0"  # the mean of STANDALONE's scores is 4.4375: the safe fix writes 4.4
GOOD = "overall_score: 4.4"
NEEDS_FIX = edit(STANDALONE, GOOD, BAD)


def cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["--no-cache", *argv], stdout=out), out.getvalue()


@pytest.fixture
def folder(tmp_path):
    """A folder of its own, so that nothing else (the test cache) sits beside the files."""
    path = tmp_path / "patterns"
    path.mkdir()
    return path


def put(folder, content: str | bytes, name: str = "transparent-ledger.md"):
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def findings(*paths) -> list[dict]:
    code, out = cli("--format", "json", *map(str, paths))
    return json.loads(out)["findings"]


def names(*paths) -> list[str]:
    return [f["name"] for f in findings(*paths)]


# -- byte exactness ---------------------------------------------------------------------------------

def _awkward(text: str) -> str:
    """STANDALONE (banner comments, quoted titles, a folded `>-` summary, flow lists) with more
    hand-made formatting: a flow list broken over lines, trailing spaces, a comment after a value,
    two blank lines, and no line end after the last line."""
    text = edit(text, 'aliases: ["Open Book Management"]', 'aliases: ["Open Book Management",\n    "Open Books"]')
    text = edit(text, "  domain: finance\n", "  domain: finance   # the main one  \n")
    text = edit(text, "# ═══ GROUP 4: LIFECYCLE ═══\n", "\n# ═══ GROUP 4: LIFECYCLE ═══\n")
    text = edit(text, "Start with a monthly summary, then the full ledger.",
                "Start with a monthly summary,   \nthen the full ledger.")
    return text.rstrip("\n")


def test_fix_changes_only_the_targeted_bytes_keeping_crlf_and_bom(folder):
    original = b"\xef\xbb\xbf" + _awkward(NEEDS_FIX).replace("\n", "\r\n").encode("utf-8")
    path = put(folder, original)
    assert BAD.encode() in original and original.count(b"overall_score:") == 1
    cli("--fix", str(path))
    after = path.read_bytes()
    assert after == original.replace(b"overall_score: 4.0", b"overall_score: 4.4")
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n") == original.count(b"\r\n")


def test_two_fixes_in_one_crlf_file_change_only_their_values(folder):
    original = _awkward(edit(NEEDS_FIX, "version: 1.2", "version: 1.10")).replace("\n", "\r\n").encode("utf-8")
    path = put(folder, original)
    cli("--fix", str(path))
    assert path.read_bytes() == original.replace(b"overall_score: 4.0", b"overall_score: 4.4") \
        .replace(b"version: 1.10", b'version: "1.10"')


def test_a_fix_that_inserts_a_line_uses_the_files_crlf(folder):
    alpha = edit(edit(edit(STANDALONE, "slug: transparent-ledger", "slug: alpha"),
                      "id: pat_01khm0pp0qw6rb1r861rg6dfh1", "id: pat_01khvcxczrfztsmcf9fgrgy593"),
                 "relationships:\n  enables: []\n", "relationships:\n  generalizes_from: [beta]\n")
    beta = edit(edit(edit(STANDALONE, "slug: transparent-ledger", "slug: beta"),
                     "id: pat_01khm0pp0qw6rb1r861rg6dfh1", "id: pat_01khvcxd2eemjtdcran0mzqtv1"),
                "relationships:\n  enables: []\n", "relationships:\n  specializes_to:\n    - slug: gamma\n")
    put(folder, alpha, "alpha.md")
    original = b"\xef\xbb\xbf" + beta.replace("\n", "\r\n").encode("utf-8")
    path = put(folder, original, "beta.md")
    cli("--fix", "--unsafe-fixes", str(folder))
    assert path.read_bytes() == original.replace(b"    - slug: gamma\r\n", b"    - slug: gamma\r\n    - slug: alpha\r\n")
    assert "missing-reciprocal-link" not in names(folder)


# -- safety -----------------------------------------------------------------------------------------

def test_written_file_keeps_its_mode_and_no_temporary_file_is_left(folder):
    path = put(folder, NEEDS_FIX)
    os.chmod(path, 0o640)
    cli("--fix", str(path))
    assert path.read_bytes() == edit(NEEDS_FIX, BAD, GOOD).encode("utf-8")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert os.listdir(folder) == ["transparent-ledger.md"]


def test_read_only_file_is_not_written_and_says_so(folder):
    path = put(folder, NEEDS_FIX)
    os.chmod(path, 0o444)  # root could write it anyway: the fixer goes by the mode bits
    try:
        code, out = cli("--fix", "--format", "json", str(path))
        assert path.read_bytes() == NEEDS_FIX.encode("utf-8")
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o444
    finally:
        os.chmod(path, 0o644)
    found = json.loads(out)["findings"]
    assert [(f["code"], f["name"], f["line"], f["message"]) for f in found if f["name"] == "fix-not-applied"] == [
        ("PL008", "fix-not-applied", 1, "fixes were not written: it is read-only")]
    assert "overall-score-mismatch" in [f["name"] for f in found]
    assert code == 1  # the error that was not fixed is still there
    assert os.listdir(folder) == ["transparent-ledger.md"]


def test_symlink_is_not_written(folder):
    target = put(folder, NEEDS_FIX, "real.md")
    link = folder / "transparent-ledger.md"
    link.symlink_to(target.name)
    code, out = cli("--fix", str(link))
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert target.read_bytes() == NEEDS_FIX.encode("utf-8")
    assert f"{link}:1:1: PL008 [fix-not-applied] fixes were not written: it is a symlink" in out
    assert sorted(os.listdir(folder)) == ["real.md", "transparent-ledger.md"]


def test_hard_linked_file_is_not_written(folder):
    path = put(folder, NEEDS_FIX)
    os.link(path, folder / "other.md")
    code, out = cli("--fix", str(path))
    assert path.read_bytes() == NEEDS_FIX.encode("utf-8")
    assert os.stat(path).st_nlink == 2
    assert "PL008 [fix-not-applied] fixes were not written: it has other hard links" in out


def test_file_with_bare_cr_line_ends_is_not_written(folder):
    original = NEEDS_FIX.replace("\n", "\r\n").replace("Start with", "Start\rwith").encode("utf-8")
    path = put(folder, original)
    code, out = cli("--fix", str(path))
    assert path.read_bytes() == original
    assert "PL008 [fix-not-applied] fixes were not written: it uses bare CR line ends" in out


@pytest.mark.parametrize("old, new, rule", [
    ('title: "Transparent Ledger"', "title: 2026-02-30", "yaml-syntax"),
    ("license: CC-BY-SA-4.0\n", "license: CC-BY-SA-4.0\nlicense: CC-BY-4.0\n", "duplicate-key"),
], ids=["yaml-syntax", "duplicate-key"])
def test_file_whose_structure_is_uncertain_is_never_touched(folder, old, new, rule):
    original = edit(NEEDS_FIX, old, new).encode("utf-8")
    path = put(folder, original)
    assert rule in names(path)
    for flags in (["--fix"], ["--fix", "--unsafe-fixes"]):
        code, out = cli(*flags, str(path))
        assert path.read_bytes() == original
        assert "PL008 [fix-not-applied] fixes were not written: it has findings that make its structure " \
               "uncertain" in out
    code, out = cli("--diff", str(path))
    assert out == "" and code == 0


def _outcome(path):
    options = Options()
    result = run([str(path)], options)
    (outcome,) = fix.fix_files(result.findings, result.rules, options, unsafe=False)
    return outcome


def test_file_changed_on_disk_since_it_was_read_is_not_written(folder):
    path = put(folder, NEEDS_FIX)
    outcome = _outcome(path)
    assert outcome.refused is None and outcome.after == edit(NEEDS_FIX, BAD, GOOD)
    newer = edit(NEEDS_FIX, "Start with a monthly summary", "Start with a weekly summary")
    path.write_text(newer, encoding="utf-8")
    assert fix.write(outcome) == "it changed on disk since it was read"
    assert path.read_text(encoding="utf-8") == newer
    assert os.listdir(folder) == ["transparent-ledger.md"]


def test_changed_on_disk_during_a_run_is_reported(folder, monkeypatch):
    path = put(folder, NEEDS_FIX)
    newer = edit(NEEDS_FIX, "Start with a monthly summary", "Start with a weekly summary")
    real_read = fix._read

    def read_then_someone_saves(name):
        data = real_read(name)
        path.write_text(newer, encoding="utf-8")  # an editor saves right after the fixer read the file
        return data

    monkeypatch.setattr(fix, "_read", read_then_someone_saves)
    code, out = cli("--fix", str(path))
    assert path.read_text(encoding="utf-8") == newer
    assert "PL008 [fix-not-applied] fixes were not written: it changed on disk since it was read" in out
    assert os.listdir(folder) == ["transparent-ledger.md"]


def test_failed_write_leaves_the_file_and_no_temporary_file(folder, monkeypatch):
    path = put(folder, NEEDS_FIX)
    outcome = _outcome(path)

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fix.os, "replace", failing_replace)
    assert fix.write(outcome) == "writing failed: No space left on device"
    assert path.read_bytes() == NEEDS_FIX.encode("utf-8")
    assert os.listdir(folder) == ["transparent-ledger.md"]


def test_fix_that_would_add_findings_is_not_written(folder):
    path = put(folder, NEEDS_FIX)
    options = Options()
    result = run([str(path)], options)
    line = line_of(NEEDS_FIX, "title:")
    end = len('title: "Transparent Ledger') + 1
    breaking = Fix("break the title", True, (Edit(line, end, line, end + 1, ""),))  # drops the closing quote
    fake = Finding(str(path), line, end, "PL999", "fake", "error", "fake", True, breaking)
    (outcome,) = fix.fix_files(result.findings + [fake], result.rules, options, unsafe=False)
    assert outcome.refused == "fixing it would add yaml-syntax findings"
    assert outcome.after == outcome.before == NEEDS_FIX and outcome.fixed == []


# -- --diff, idempotence, exit codes, --show-fixes --------------------------------------------------

def test_diff_prints_a_unified_diff_and_writes_nothing(folder):
    path = put(folder, NEEDS_FIX)
    code, out = cli("--diff", str(path))
    assert code == 1
    assert path.read_bytes() == NEEDS_FIX.encode("utf-8")
    lines = out.splitlines()
    assert lines[0] == f"--- a/{path}"
    assert lines[1] == f"+++ b/{path}"
    assert lines[2].startswith("@@ ")
    assert [line for line in lines if line[:1] in "+-" and not line.startswith(("---", "+++"))] == [
        "-    overall_score: 4.0", "+    overall_score: 4.4"]
    assert os.listdir(folder) == ["transparent-ledger.md"]


def test_diff_with_nothing_to_fix_prints_nothing_and_exits_0(folder):
    path = put(folder, STANDALONE)
    assert cli("--diff", str(path)) == (0, "")


def test_diff_shows_unsafe_fixes_only_when_asked(folder):
    text = edit(STANDALONE, "  status: stable", "  status: Draft")
    path = put(folder, text)
    assert cli("--diff", str(path)) == (0, "")
    code, out = cli("--diff", "--unsafe-fixes", str(path))
    assert code == 1 and "-  status: Draft\n+  status: draft\n" in out
    assert path.read_bytes() == text.encode("utf-8")


def test_second_fix_changes_nothing(folder):
    path = put(folder, edit(NEEDS_FIX, "version: 1.2", "version: 1.10"))
    cli("--fix", str(path))
    once = path.read_bytes()
    assert once == edit(edit(NEEDS_FIX, BAD, GOOD), "version: 1.2", 'version: "1.10"').encode("utf-8")
    mtime = os.stat(path).st_mtime_ns
    assert cli("--fix", "--exit-non-zero-on-fix", str(path)) == (0, "Checked 1 file: 1 pattern, 0 skipped "
                                                                  "(not patterns); 0 errors, 0 warnings.\n")
    assert path.read_bytes() == once
    assert os.stat(path).st_mtime_ns == mtime  # not even rewritten with the same bytes
    assert cli("--diff", str(path)) == (0, "")


def test_exit_non_zero_on_fix_exits_1_when_a_file_changed(folder):
    path = put(folder, NEEDS_FIX)
    code, out = cli("--fix", "--exit-non-zero-on-fix", str(path))
    assert code == 1
    assert path.read_bytes() == edit(NEEDS_FIX, BAD, GOOD).encode("utf-8")
    assert "0 errors, 0 warnings" in out


def test_without_exit_non_zero_on_fix_the_exit_follows_what_is_left(folder):
    path = put(folder, NEEDS_FIX)
    assert cli("--fix", str(path))[0] == 0  # the only error was fixed
    path = put(folder, edit(NEEDS_FIX, "  confidence: 3", "  confidence: 9"))
    code, out = cli("--fix", str(path))
    assert code == 1  # overall_score fixed, the invalid confidence is left
    assert "overall-score-mismatch" not in out and "PL205 [invalid-value]" in out


def test_show_fixes_lists_each_fix_applied(folder):
    text = edit(edit(NEEDS_FIX, "version: 1.2", "version: 1.10"), "  status: stable", "  status: Draft")
    path = put(folder, text)
    code, out = cli("--fix", "--show-fixes", str(path))
    lines = out.splitlines()
    fixed = [line for line in lines if line.startswith("fixed ")]
    assert fixed == [
        f"fixed {path}:{line_of(text, 'overall_score:')}: [overall-score-mismatch] write overall_score 4.4",
        f"fixed {path}:{line_of(text, 'version:')}: [yaml-implicit-type] quote 1.10",
    ]
    # the unsafe fix is left and the report says how to apply it
    assert f"{path}:{line_of(text, 'status:')}:11: PL207 [unknown-vocabulary]" in out
    assert "(fixable with --unsafe-fixes)" in out


def test_show_fixes_without_fix_lists_nothing(folder):
    path = put(folder, NEEDS_FIX)
    code, out = cli("--show-fixes", str(path))
    assert "fixed " not in out and path.read_bytes() == NEEDS_FIX.encode("utf-8")


def test_after_fix_and_unsafe_fixes_nothing_fixable_is_left(folder):
    text = edit(NEEDS_FIX, "version: 1.2", "version: 1.10")
    text = edit(text, "  status: stable", "  status: Draft")
    text = edit(text, "  confidence: 3", "  confidence: 2")
    text = edit(text, "> and financial records accessible to all relevant stakeholders.\n", "")
    path = put(folder, text)
    assert sum(f["fixable"] for f in findings(path)) == 4  # the callout against the frontmatter: no side named
    put(folder, 'confidence-source = "frontmatter"\n', ".pattern-lint.toml")
    assert sum(f["fixable"] for f in findings(path)) == 5
    assert cli("--fix", "--unsafe-fixes", str(path))[0] == 0
    expected = edit(text, BAD, GOOD)
    expected = edit(expected, "version: 1.10", 'version: "1.10"')
    expected = edit(expected, "  status: Draft", "  status: draft")
    expected = edit(expected, "★★★ (High)", "★★☆ (Medium)")
    expected = edit(expected, "> A pattern for establishing collective trust by making operational data\n",
                    "> A pattern for establishing collective trust by making operational data and financial records "
                    "accessible to all relevant stakeholders.\n")
    assert path.read_text(encoding="utf-8") == expected
    assert findings(path) == []


# -- applying edits ---------------------------------------------------------------------------------

def test_apply_edits_skips_an_edit_that_overlaps_an_earlier_one_for_the_next_round():
    raw = "abcdefgh\n"
    first, second = Edit(1, 2, 1, 5, "X"), Edit(1, 4, 1, 7, "Y")  # bcd and def overlap at d
    text, used = fix.apply_edits(raw, [second, first])
    assert (text, used) == ("aXefgh\n", [first])
    # the next round works on the new text, with the edit made anew for it (efg is now at columns 3-5)
    text, used = fix.apply_edits(text, [Edit(1, 3, 1, 6, "Y")])
    assert (text, used) == ("aXYh\n", [Edit(1, 3, 1, 6, "Y")])


def test_apply_edits_applies_edits_that_only_touch():
    raw = "abcdef\n"
    edits = [Edit(1, 1, 1, 3, "X"), Edit(1, 3, 1, 5, "Y"), Edit(1, 7, 1, 7, "!")]
    assert fix.apply_edits(raw, edits) == ("XYef!\n", edits)


def test_apply_edits_takes_one_insertion_per_place():
    first, second = Edit(1, 3, 1, 3, "1"), Edit(1, 3, 1, 3, "2")
    assert fix.apply_edits("abcd", [first, second]) == ("ab1cd", [first])
    replace, insert = Edit(1, 1, 1, 3, "X"), Edit(1, 3, 1, 3, "+")
    assert fix.apply_edits("abcd", [replace, insert]) == ("Xcd", [replace])  # insertion at the end of a replacement


def test_apply_edits_maps_columns_onto_crlf_lines_and_writes_crlf_line_breaks():
    raw = "a: 1\r\nb: 2\r\n"
    edits = [Edit(1, 4, 1, 5, "9"), Edit(2, 5, 2, 5, "\nc: 3")]  # column past the line end: before CR LF
    assert fix.apply_edits(raw, edits) == ("a: 9\r\nb: 2\r\nc: 3\r\n", edits)


def test_apply_edits_past_the_last_line_appends():
    edit_ = Edit(9, 1, 9, 1, "z")
    assert fix.apply_edits("ab\n", [edit_]) == ("ab\nz", [edit_])


def test_fixes_in_different_places_of_one_file_are_applied_in_one_round(folder):
    path = put(folder, edit(NEEDS_FIX, "version: 1.2", "version: 1.10"))
    outcome = _outcome(path)
    assert [name for name, line, title in outcome.fixed] == ["overall-score-mismatch", "yaml-implicit-type"]
    assert fix.MAX_ROUNDS >= 2


# -- rounds settle, and only what the run reports is fixed --------------------------------------------

def test_a_suppressed_finding_is_not_fixed_in_a_later_round(folder):
    # Round 2 used to take its fixes from the re-check of the fixed text, where nothing is suppressed.
    text = edit(NEEDS_FIX, BAD, BAD + "  # pattern-lint: disable=overall-score-mismatch")
    text = edit(text, "version: 1.2", "version: 1.10")
    path = put(folder, text)
    cli("--fix", str(path))
    assert path.read_text(encoding="utf-8") == edit(text, "version: 1.10", 'version: "1.10"')


def test_a_fix_that_never_takes_effect_is_refused_not_applied_again_and_again(folder):
    path = put(folder, NEEDS_FIX)
    options = Options()
    result = run([str(path)], options)
    line = line_of(NEEDS_FIX, "title:")
    # a fix worked out on the current text that always finds more to add (its finding never goes away)
    growing = Fix("grow", True, make=lambda doc: (Edit(line, 1, line, 1, "# more\n"),))
    fake = Finding(str(path), line, 1, "PL999", "fake", "warning", "fake", True, growing)
    (outcome,) = fix.fix_files(result.findings + [fake], result.rules, options, unsafe=False)
    assert outcome.refused == "the fix `grow` did not take effect (a bug: please report it)"
    assert outcome.after == outcome.before == NEEDS_FIX and outcome.fixed == []


def test_fixes_that_do_not_settle_within_the_rounds_are_refused(folder, monkeypatch):
    path = put(folder, edit(NEEDS_FIX, "version: 1.2", "version: 1.10"))
    monkeypatch.setattr(fix, "MAX_ROUNDS", 1)
    # the two fixes do not overlap: one round does both, and the check that nothing is left passes
    assert _outcome(path).refused is None
    options = Options()
    result = run([str(path)], options)
    line = line_of(NEEDS_FIX, "overall_score:")
    # an edit over the whole line that leaves it wrong: the real fix it overlaps is needed in a second round
    overlapping = Fix("overlap", True, (Edit(line, 5, line, 23, "overall_score: 4.1"),))
    fake = Finding(str(path), line, 5, "PL999", "fake", "warning", "fake", True, overlapping)
    (outcome,) = fix.fix_files(result.findings + [fake], result.rules, options, unsafe=False)
    assert outcome.refused == "its fixes did not settle in 1 round (a bug: please report it)"
    assert outcome.after == outcome.before


def test_a_fix_in_one_file_that_makes_another_file_fixable_is_applied_in_the_same_run(tmp_path):
    # Writing `Generalizes_From` as `generalizes_from` makes alpha's link count: beta then lacks its half.
    alpha = pattern("alpha", "pat_01khvcxczrfztsmcf9fgrgy593", "  Generalizes_From: [beta]\n")
    beta = pattern("beta", "pat_01khvcxd2eemjtdcran0mzqtv1", "  specializes_to: []\n")
    (tmp_path / "alpha.md").write_text(alpha, encoding="utf-8")
    (tmp_path / "beta.md").write_text(beta, encoding="utf-8")
    code, out = cli("--fix", "--unsafe-fixes", "--show-fixes", str(tmp_path))
    assert (tmp_path / "alpha.md").read_text(encoding="utf-8") == edit(alpha, "Generalizes_From", "generalizes_from")
    assert (tmp_path / "beta.md").read_text(encoding="utf-8") == edit(beta, "specializes_to: []",
                                                                      "specializes_to: [alpha]")
    assert "[missing-reciprocal-link] add alpha to specializes_to" in out
    assert findings(tmp_path) == []


def test_fixes_that_do_not_settle_within_the_passes_are_an_error_finding(tmp_path, monkeypatch):
    alpha = pattern("alpha", "pat_01khvcxczrfztsmcf9fgrgy593", "  Generalizes_From: [beta]\n")
    beta = pattern("beta", "pat_01khvcxd2eemjtdcran0mzqtv1", "  specializes_to: []\n")
    (tmp_path / "alpha.md").write_text(alpha, encoding="utf-8")
    (tmp_path / "beta.md").write_text(beta, encoding="utf-8")
    monkeypatch.setattr(fix, "MAX_PASSES", 1)
    code, out = cli("--fix", "--unsafe-fixes", "--format", "json", str(tmp_path))
    left = [(os.path.basename(f["path"]), f["name"], f["fixable"], f["message"]) for f in json.loads(out)["findings"]]
    assert ("beta.md", "fix-not-applied", False, "fixes were not written: fixing one file made others fixable for "
            "more than 1 pass over the library (a bug: please report it)") in left
    assert [row[:3] for row in left if row[1] == "missing-reciprocal-link"] == [("beta.md", "missing-reciprocal-link",
                                                                                  True)]
    assert (tmp_path / "beta.md").read_text(encoding="utf-8") == beta  # the pass that would fix it never ran


# -- --diff that patch applies --------------------------------------------------------------------------

def _patched_equals_fixed(tmp_path, monkeypatch, content: bytes, *flags: str) -> str:
    """Apply `--diff`'s output with the real `patch` to one copy, run `--fix` on another: the same bytes."""
    import shutil
    import subprocess

    if shutil.which("patch") is None:
        pytest.skip("needs the patch program")
    for copy in ("by-diff", "by-fix"):
        (tmp_path / copy / "patterns").mkdir(parents=True)
        (tmp_path / copy / "patterns" / "transparent-ledger.md").write_bytes(content)
    monkeypatch.chdir(tmp_path / "by-diff")
    code, patch = cli("--diff", *flags, "patterns")
    assert code == 1 and patch
    done = subprocess.run(["patch", "-p1", "--batch", "--fuzz=0", "--no-backup-if-mismatch"], input=patch.encode("utf-8"),
                          capture_output=True)
    assert done.returncode == 0, (done.stdout + done.stderr).decode("utf-8", "replace")
    monkeypatch.chdir(tmp_path / "by-fix")
    cli("--fix", *flags, "patterns")
    fixed = (tmp_path / "by-fix" / "patterns" / "transparent-ledger.md").read_bytes()
    assert fixed != content
    assert (tmp_path / "by-diff" / "patterns" / "transparent-ledger.md").read_bytes() == fixed
    assert sorted(os.listdir(tmp_path / "by-diff" / "patterns")) == ["transparent-ledger.md"]
    return patch


NEAR_THE_SUMMARY = "> [!NOTE] Confidence Rating: ★★★ (High)\n> A well-established, proven pattern.\n"
WITH_SUMMARY_FIX = edit(NEEDS_FIX, "> and financial records accessible to all relevant stakeholders.\n", "")


@pytest.mark.parametrize("content", [
    NEEDS_FIX.encode("utf-8"),
    _awkward(NEEDS_FIX).replace("\n", "\r\n").encode("utf-8"),
    b"\xef\xbb\xbf" + edit(edit(NEEDS_FIX, "# ═══ GROUP 1: CORE IDENTITY ═══\n", ""),
                           'title: "Transparent Ledger"', "title: 2026-02-19").encode("utf-8"),
    b"\xef\xbb\xbf" + edit(edit(NEEDS_FIX, "# ═══ GROUP 1: CORE IDENTITY ═══\n", ""),
                           'title: "Transparent Ledger"', "title: 2026-02-19").replace("\n", "\r\n").encode("utf-8"),
    edit(WITH_SUMMARY_FIX, NEAR_THE_SUMMARY, NEAR_THE_SUMMARY.replace("proven", "\u2028proven")).encode("utf-8"),
    edit(WITH_SUMMARY_FIX, NEAR_THE_SUMMARY, NEAR_THE_SUMMARY.replace("proven", "\x0bproven")).encode("utf-8"),
    edit(WITH_SUMMARY_FIX, NEAR_THE_SUMMARY, NEAR_THE_SUMMARY.replace("proven", "\x0c\x1c\x85\u2029proven"))
    .replace("\n", "\r\n").encode("utf-8"),
    (NEEDS_FIX.split("\n---\n", 1)[0] + "\n---\n\n> A pattern for establishing collective trust.").encode("utf-8"),  # fixed last line, no line end
    (NEEDS_FIX.split("\n---\n", 1)[0] + "\n---\n\n> A pattern for establishing collective trust.\n\nThe end.").encode("utf-8"),  # context line
], ids=["LF", "CRLF", "BOM, fix near line 1", "BOM and CRLF", "U+2028 near the fix", "VT near the fix",
        "other breaks, CRLF", "no line end after the fixed line", "no line end after a context line"])
def test_diff_applied_with_patch_gives_what_fix_writes(tmp_path, monkeypatch, content):
    _patched_equals_fixed(tmp_path, monkeypatch, content, "--unsafe-fixes")


def test_diff_marks_a_last_line_without_a_line_end(tmp_path, monkeypatch):
    content = (NEEDS_FIX.split("\n---\n", 1)[0] + "\n---\n\n> A pattern for establishing collective trust.").encode("utf-8")
    patch = _patched_equals_fixed(tmp_path, monkeypatch, content, "--unsafe-fixes")
    assert patch.endswith("-> A pattern for establishing collective trust.\n\\ No newline at end of file\n"
                          "+> A pattern for establishing collective trust by making operational data and financial "
                          "records accessible to all relevant stakeholders.\n\\ No newline at end of file\n")


# -- owner, group, extended attributes, temporary files -----------------------------------------------

def _nobody() -> tuple[int, int]:
    import grp
    import pwd

    uid = pwd.getpwnam("nobody").pw_uid
    for group in ("nogroup", "nobody"):
        try:
            return uid, grp.getgrnam(group).gr_gid
        except KeyError:
            continue
    pytest.skip("no nogroup or nobody group")


as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root (chown)")


@as_root
def test_fix_as_root_keeps_the_files_owner_group_mode_and_extended_attributes(folder):
    path = put(folder, NEEDS_FIX)
    uid, gid = _nobody()
    os.chown(path, uid, gid)
    os.chmod(path, 0o640)
    try:
        os.setxattr(path, "user.origin", b"kept \x00 as bytes")
    except OSError:
        pytest.skip("the file system takes no user. extended attributes")
    cli("--fix", str(path))
    assert path.read_bytes() == edit(NEEDS_FIX, BAD, GOOD).encode("utf-8")
    info = os.stat(path)
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (uid, gid, 0o640)
    assert os.getxattr(path, "user.origin") == b"kept \x00 as bytes"
    assert os.listdir(folder) == ["transparent-ledger.md"]


@as_root
def test_fix_that_cannot_keep_the_owner_is_refused(folder, monkeypatch):
    path = put(folder, NEEDS_FIX)
    uid, gid = _nobody()
    os.chown(path, uid, gid)

    def refused(*args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(fix.os, "fchown", refused)
    code, out = cli("--fix", str(path))
    assert path.read_bytes() == NEEDS_FIX.encode("utf-8")
    assert (os.stat(path).st_uid, os.stat(path).st_gid) == (uid, gid)
    assert "PL008 [fix-not-applied] fixes were not written: its owner or group cannot be kept" in out
    assert os.listdir(folder) == ["transparent-ledger.md"]


def test_fix_that_cannot_keep_an_extended_attribute_is_refused(folder, monkeypatch):
    path = put(folder, NEEDS_FIX)
    try:
        os.setxattr(path, "user.origin", b"kept")
    except (OSError, AttributeError):
        pytest.skip("the file system takes no user. extended attributes")

    def refused(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(fix.os, "setxattr", refused)
    code, out = cli("--fix", str(path))
    assert path.read_bytes() == NEEDS_FIX.encode("utf-8")
    assert "PL008 [fix-not-applied] fixes were not written: its extended attributes cannot be kept" in out
    assert os.listdir(folder) == ["transparent-ledger.md"]


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def test_temporary_file_names_its_writer_and_stale_ones_are_removed(folder, monkeypatch):
    path = put(folder, NEEDS_FIX)
    stale = folder / f".pattern-lint-{_dead_pid()}-k2j4h1x_.tmp"
    live = folder / f".pattern-lint-{os.getppid()}-a8b7c6d5.tmp"  # the process that started this test lives
    other = folder / ".pattern-lint-notes.tmp"  # not a name the fixer gives: never touched
    for leftover in (stale, live, other):
        leftover.write_bytes(b"half a file")
    names = []
    real_replace = os.replace

    def replace(src, dst):
        names.append(os.path.basename(src))
        real_replace(src, dst)

    monkeypatch.setattr(fix.os, "replace", replace)
    cli("--fix", str(path))
    assert path.read_bytes() == edit(NEEDS_FIX, BAD, GOOD).encode("utf-8")
    assert sorted(os.listdir(folder)) == sorted([live.name, other.name, "transparent-ledger.md"])
    (name,) = names
    assert name.startswith(f".pattern-lint-{os.getpid()}-") and name.endswith(".tmp")


def test_temporary_file_of_a_killed_fixer_is_removed_by_the_next_run(folder):
    import signal
    import subprocess
    import sys

    path = put(folder, NEEDS_FIX)
    # a fixer that stops between writing its temporary file and renaming it, and is killed there
    script = ("import os, sys, time\n"
              "from lint import cli\n"
              "def replace(src, dst):\n"
              "    print(os.path.basename(src), flush=True)\n"
              "    time.sleep(600)\n"
              "os.replace = replace\n"
              "cli.main(['--no-cache', '--fix', sys.argv[1]])\n")
    child = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        temp = child.stdout.readline().strip()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert temp.startswith(f".pattern-lint-{child.pid}-")
    assert sorted(os.listdir(folder)) == sorted([temp, "transparent-ledger.md"])
    assert path.read_bytes() == NEEDS_FIX.encode("utf-8")
    cli("--fix", str(path))
    assert path.read_bytes() == edit(NEEDS_FIX, BAD, GOOD).encode("utf-8")
    assert os.listdir(folder) == ["transparent-ledger.md"]
