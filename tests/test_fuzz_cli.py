"""The whole command line, fuzzed: mutated libraries through every output format, `--diff` applied
with `patch`, `--fix --unsafe-fixes` twice, and a cache reused across all the mutations, compared
with `--no-cache`.

A library of a few patterns that link to each other (a generalization hierarchy with reciprocal
links missing, a dangling link, a duplicate slug) is mutated line by line with values real files
and attackers use; for each mutation:

- every report format runs without an exception, a traceback or an internal error, and the
  machine-readable ones parse (JSON, SARIF, GitLab, JUnit XML);
- the findings with the cache (one cache for the whole test, so entries of earlier mutations are
  there to be wrongly believed) equal those of `--no-cache`;
- `--diff --unsafe-fixes`, applied with the real `patch` to a copy, gives exactly the files
  `--fix --unsafe-fixes` writes; a second `--fix --unsafe-fixes` changes nothing.

Short profile by default (as tests/test_fuzz.py); a long one:

    PATTERN_LINT_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz_cli.py

Inputs that once failed are kept in REGRESSIONS and run every time.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import pattern
from lint import cli

EXAMPLES = int(os.environ.get("PATTERN_LINT_FUZZ_EXAMPLES", "8"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize="PATTERN_LINT_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
FORMATS = ("text", "json", "github", "sarif", "junit", "markdown", "gitlab")

IDS = ["pat_01khm0pp0qw6rb1r861rg6dfh1", "pat_01khvcxczrfztsmcf9fgrgy593", "pat_01kg5023yje10ty287508kv3vv",
       "pat_01kg5023wbfw1azjwp99gcgcrn", "pat_01khm0pp0qw6rb1r861rg6dfh3"]


def library() -> dict[str, str]:
    """Five patterns: `root` is generalized from by three children that it does not list back
    (missing-reciprocal-link, fixable), one child links to a pattern that does not exist, and the
    last shares a slug with `root`."""
    files = {"root.md": pattern("root", IDS[0], "  specializes_to: []\n  enables: []\n")}
    for n, child in enumerate(("alpha", "beta", "gamma"), 1):
        links = "  generalizes_from: [root]\n  enables: [" + ("nowhere" if child == "gamma" else "root") + "]\n"
        files[f"{child}.md"] = pattern(child, IDS[n], links)
    files["copy/root.md"] = pattern("root", IDS[4])
    return files


LINES = [
    "aliases: 5", "aliases_list: 5", "aliases: [.nan, true]", "  status: yes", "  version: 1.10",
    "  specializes_to: []", "  specializes_to: [alpha]", "  generalizes_from: [\"yes\", \"123\"]",
    "  generalizes_from: [root, root, root]", "  enables: [beta, beta]", "summary: >-\n  One.\n\n\n  Two.",
    "title: \"x\\e[31m\\r::error file=a::forged\"", "slug: \"yes\"", "  overall_score: 9.9", "  confidence: 4",
    "<!-- pattern-lint: disable=dangling-link -->", "<!-- pattern-lint: disable -->",
    "# pattern-lint: disable-next-line=unknown-vocabulary", "> [!NOTE] Confidence Rating: ★ (High)",
    "### Section 9: Extra", "[other](../nowhere/)", "\u2028", "\x0b", "---", "", "\t- x",
]


@st.composite
def mutations(draw):
    """(file, line index, operation, text) edits applied in order."""
    names = sorted(library())
    edits = []
    for _ in range(draw(st.integers(1, 5))):
        edits.append((draw(st.sampled_from(names)), draw(st.integers(0, 120)),
                      draw(st.sampled_from(["replace", "insert", "delete", "truncate"])),
                      draw(st.one_of(st.sampled_from(LINES), st.text(max_size=30)))))
    return edits


def mutated(edits) -> dict[str, str]:
    files = library()
    for name, index, operation, text in edits:
        lines = files[name].split("\n")
        index = min(index, len(lines))
        if operation == "replace" and index < len(lines):
            lines[index] = text
        elif operation == "insert":
            lines.insert(index, text)
        elif operation == "delete" and index < len(lines):
            del lines[index]
        elif operation == "truncate":
            lines = lines[:index]
        files[name] = "\n".join(lines)
    return files


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))


def lint(folder: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.chdir(folder):
        code = cli.main(["--isolated", *argv, "."], stdout=out)
    return code, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.md"))}


@pytest.fixture(scope="module")
def shared_cache():
    """One cache for every example: entries written for earlier mutations stay to be (wrongly) reused."""
    with tempfile.TemporaryDirectory() as folder:
        yield folder


REGRESSIONS: list = [  # (edits) that once failed, run by test_regressions
    [("alpha.md", 8, "replace", "aliases: 5")],  # TypeError in the library index: every command died
    [("alpha.md", 1, "replace", "aliases: [.nan, true]")],  # a duplicate key's first value judged: internal error
]


def check(edits, cache: str, tmp: Path) -> None:
    files = mutated(edits)
    base = tmp / "library"
    if base.exists():
        shutil.rmtree(base)
    write(base, files)
    plain = lint(base, "--no-cache", "--format", "json")
    assert plain[0] in (0, 1), plain
    assert "Traceback" not in plain[2]
    expected = json.loads(plain[1])
    assert not [f for f in expected["findings"] if f["code"] == "PL000"], expected
    for fmt in FORMATS:
        code, out, err = lint(base, "--cache-dir", cache, "--format", fmt)
        assert code in (0, 1) and "Traceback" not in err, (fmt, code, err)
        if fmt in ("json", "sarif", "gitlab"):
            data = json.loads(out)
            if fmt == "json":
                assert data == expected, "findings with the cache differ from --no-cache"
        elif fmt == "junit":
            ET.fromstring(out)
    # --diff, applied with patch, is what --fix writes
    patched, fixed = tmp / "patched", tmp / "fixed"
    for copy in (patched, fixed):
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(base, copy)
    code, diff, err = lint(base, "--no-cache", "--diff", "--unsafe-fixes")
    assert code in (0, 1) and "Traceback" not in err, err
    if diff:
        applied = subprocess.run(["patch", "-p1", "--quiet", "--no-backup-if-mismatch", "--force"], cwd=patched,
                                 input=diff.encode("utf-8", "surrogateescape"), capture_output=True, timeout=60)
        assert applied.returncode == 0, (applied.stdout, applied.stderr, diff)
    code, _, err = lint(fixed, "--no-cache", "--fix", "--unsafe-fixes", "--format", "json")
    assert code in (0, 1) and "Traceback" not in err, err
    once = snapshot(fixed)
    assert snapshot(patched) == once, "patch applied to --diff differs from --fix"
    lint(fixed, "--no-cache", "--fix", "--unsafe-fixes", "--format", "json")
    assert snapshot(fixed) == once, "a second --fix changed files"


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
@FUZZ
@given(edits=mutations())
@example(edits=[])
def test_command_line_on_mutated_libraries(shared_cache, tmp_path, edits):
    with tempfile.TemporaryDirectory(dir=tmp_path) as tmp:
        check(edits, shared_cache, Path(tmp))


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
@pytest.mark.parametrize("edits", REGRESSIONS)
def test_regressions(shared_cache, tmp_path, edits):
    check(edits, shared_cache, tmp_path)
