"""README's "Adopting on an existing library" is copy-paste true, end to end.

The commands are taken from the README section itself (the `lint ...` spans of its numbered steps,
the ```toml block naming the baseline, the `--strict-baseline` flag and the quoted summary line),
not retyped here, so a README change that breaks one fails this test. They run with the installed
`lint` entry point, in a subprocess, in a git repository holding copies of ../shared/corpus-sample
and ../shared/corpus-dev as one library (skipped when ../shared or git is absent). The cache goes
to the test's temporary folder (PATTERN_LINT_CACHE_DIR, set by conftest.py).

No assertion depends on a finding's message (other work rewrites messages): findings are compared
by rule, path and line. tests/test_baseline.py and tests/test_init.py test the pieces in process;
tests/test_precommit_real.py runs the pre-commit hooks with a configured baseline.
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from helpers import SHARED

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LINT = Path(sys.executable).parent / "lint"
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)

pytestmark = [
    pytest.mark.skipif(not (SHARED / "corpus-sample").is_dir() or not (SHARED / "corpus-dev").is_dir(),
                       reason="../shared is not here"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not LINT.is_file(), reason="the `lint` entry point is not installed next to this Python"),
]


# -- the README section ----------------------------------------------------------------------------

def section() -> str:
    match = re.search(r"^## Adopting on an existing library\n(.*?)(?=^## )", README, re.MULTILINE | re.DOTALL)
    assert match, "README has no '## Adopting on an existing library' section"
    return match.group(1)


def steps() -> dict[int, str]:
    """{number: text} of the section's numbered steps (`1. **Describe the library.** ...`)."""
    parts = re.split(r"^(\d+)\. \*\*", section(), flags=re.MULTILINE)
    found = {int(number): text for number, text in zip(parts[1::2], parts[2::2])}
    assert sorted(found) == [1, 2, 3, 4, 5], sorted(found)
    return found


def spans(step: int) -> list[str]:
    """The inline code spans of a step, its fenced blocks left out."""
    return re.findall(r"`([^`\n]+)`", FENCE.sub("", steps()[step]))


def commands(step: int) -> list[str]:
    """The `lint ...` commands of a step, those with a placeholder (`lint init PATH`) left out."""
    return [s for s in spans(step) if (s == "lint" or s.startswith("lint ")) and not re.search(r"\b[A-Z]{2,}\b", s)]


def toml_block(step: int) -> str:
    found = [m.group(3) for m in FENCE.finditer(steps()[step]) if m.group(2) == "toml"]
    assert len(found) == 1, found
    return "\n".join(line.strip() for line in found[0].splitlines()) + "\n"


# -- running it ------------------------------------------------------------------------------------

def environment() -> dict[str, str]:
    """This process's environment (the cache folder conftest.py set) without git's variables, which
    a test run from a git hook would otherwise pass on to the library's repository, and without a
    configuration named for every run (the library's own is the one under test)."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith("GIT_") and k not in ("NO_COLOR", "PATTERN_LINT_CONFIG")}


def lint(lib: Path, command: str, *extra: str) -> tuple[int, str]:
    """Run a README command (`lint ...`) with the installed entry point; (exit status, stdout)."""
    argv = shlex.split(command)
    assert argv[0] == "lint", command
    proc = subprocess.run([os.fspath(LINT), *argv[1:], *extra], cwd=lib, env=environment(), capture_output=True,
                          text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), (command, extra, proc.returncode, proc.stderr)
    return proc.returncode, proc.stdout


def report(lib: Path, *extra: str) -> tuple[int, list[dict], dict]:
    """`lint --format json ...`: (exit status, findings, the whole payload)."""
    code, out = lint(lib, "lint", "--format", "json", *extra)
    payload = json.loads(out)
    return code, payload["findings"], payload


def where(found: list[dict]) -> list[tuple[str, str, int]]:
    return sorted((f["name"], f["path"].removeprefix("./"), f["line"]) for f in found)


def git(lib: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=lib, env=environment(), check=True, capture_output=True,
                          text=True).stdout


def commit(lib: Path, message: str) -> None:
    git(lib, "add", "-A")
    git(lib, "commit", "-q", "-m", message)


@pytest.fixture
def lib(tmp_path):
    """corpus-sample and corpus-dev copied (their README.md left out) into one folder, writable like a
    real library's, committed in a new git repository."""
    lib = tmp_path / "lib"
    for name in ("corpus-sample", "corpus-dev"):
        shutil.copytree(SHARED / name, lib, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    for path in [lib, *lib.rglob("*")]:  # the shared copies are read-only; --fix would not write them
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    git(lib, "init", "-q")
    git(lib, "config", "user.name", "Test")
    git(lib, "config", "user.email", "test@example.com")
    git(lib, "config", "commit.gpgsign", "false")
    commit(lib, "the library")
    return lib


# -- the first done-when: init keeps every error and a third of the warnings at most -------

def test_init_keeps_every_error_and_at_most_a_third_of_the_warnings(lib):
    _, before, _ = report(lib)  # no configuration yet
    _, isolated, _ = report(lib, "--isolated")
    assert where(before) == where(isolated)
    init = commands(1)[0]
    code, _ = lint(lib, init)
    assert code == 0 and (lib / ".pattern-lint.toml").is_file()
    _, after, _ = report(lib)

    def errors(found):
        return {(f["path"], f["line"], f["name"]) for f in found if f["severity"] == "error"}

    def warnings(found):
        return [f for f in found if f["severity"] == "warning"]

    assert errors(after) == errors(before) and len(errors(before)) > 100
    assert len(warnings(before)) > 100
    assert 3 * len(warnings(after)) <= len(warnings(before)), (len(warnings(after)), len(warnings(before)))


# -- the five steps, and what step 3 and step 5 promise ---------------------------------------------

def _slugs(lib: Path) -> set[str]:
    names = set()
    for path in lib.rglob("*.md"):
        names.add(path.stem)
        match = re.search(r"^slug:\s*['\"]?([\w-]+)", path.read_text(encoding="utf-8"), re.MULTILINE)
        if match:
            names.add(match.group(1))
    return names


ENTRY = re.compile(r"(\s+- (?:slug: )?)([a-z0-9][a-z0-9-]*[a-z0-9])\s*")


def _item_end(lines: list[str], first: int, match: re.Match) -> int:
    """The line after the list item starting at `first` (its mapping's other keys included)."""
    indent = len(match.group(1)) - len(match.group(1).lstrip())
    end = first + 1
    while end < len(lines) and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    return end


def add_dangling_link(lib: Path, everything: list[dict]) -> tuple[str, int, str]:
    """After a relationship entry that resolves (`    - slug: some-pattern`, no finding on its line),
    the same entry with a letter of its slug dropped: a link to a misspelt existing slug. Only in a
    file whose relationships are read (it has a dangling link already: its YAML is not broken).
    Returns (path, line of the new entry, the file's text before)."""
    flagged = {(f["path"].removeprefix("./"), f["line"]) for f in everything}
    read = {f["path"].removeprefix("./") for f in everything if f["name"] == "dangling-link"}
    slugs = _slugs(lib)
    for path in sorted(p.relative_to(lib).as_posix() for p in lib.rglob("*.md")):
        if path not in read:
            continue
        text = (lib / path).read_text(encoding="utf-8")
        lines = text.split("\n")
        if lines[0] != "---" or "---" not in lines[1:]:
            continue
        end = lines.index("---", 1)
        for i in range(1, end):
            match = ENTRY.fullmatch(lines[i])
            if not match or (path, i + 1) in flagged or match.group(2) not in slugs or len(match.group(2)) < 8:
                continue
            slug = match.group(2)
            k = next(k for k in range(len(slug) // 2, len(slug)) if slug[k].isalpha())
            misspelt = slug[:k] + slug[k + 1:]
            if misspelt in slugs:
                continue
            after = _item_end(lines, i, match)  # after the entry's mapping (`weight: 0.8`), if any
            lines.insert(after, match.group(1) + misspelt)
            (lib / path).write_text("\n".join(lines), encoding="utf-8")
            return path, after + 1, text
    raise AssertionError("no resolved relationship entry to misspell")


HEADING = re.compile(r"(#{1,6})\s+\S")


def _blocks(lines: list[str], start: int) -> list[tuple[int, int, int]]:
    """(level, first line, end) of each heading's block in the body (0-based; fenced code skipped)."""
    heads, fenced = [], False
    for i in range(start, len(lines)):
        if lines[i].lstrip().startswith("```"):
            fenced = not fenced
        match = None if fenced else HEADING.match(lines[i])
        if match:
            heads.append((len(match.group(1)), i))
    out = []
    for n, (level, first) in enumerate(heads):
        end = next((i for lv, i in heads[n + 1:] if lv <= level), len(lines))
        out.append((level, first, end))
    return out


def move_a_section_up(lib: Path, everything: list[dict], avoid: set[str]) -> str:
    """Move a body section holding findings above its nearest sibling section (same level, same
    parent) 40 lines up or more, where that changes no rule's count in the file: a required section
    moved out of the format's order is a new finding (`section-order`), rightly, so files whose
    headings fit no layout (a `missing-section` finding) are tried first. Returns the file's path."""
    by_file: dict[str, list[dict]] = collections.defaultdict(list)
    for f in everything:
        by_file[f["path"].removeprefix("./")].append(f)
    candidates = []
    for path, found in by_file.items():
        if path in avoid:
            continue
        lines = (lib / path).read_text(encoding="utf-8").split("\n")
        body = lines.index("---", 1) + 1 if lines[0] == "---" and "---" in lines[1:] else 0
        blocks = _blocks(lines, body)
        for n, (level, first, end) in enumerate(blocks):
            inside = sum(first < f["line"] <= end for f in found)
            siblings = itertools.takewhile(lambda b: b[0] >= level, reversed(blocks[:n]))
            target = next((b[1] for b in siblings if b[0] == level and first - b[1] >= 40), None)
            if inside and target is not None:
                unfit = any(f["name"] == "missing-section" for f in found)
                candidates.append((not unfit, -inside, path, first, end, target))
    assert candidates, "no body section with findings 40 lines below a sibling"
    for *_, path, first, end, target in sorted(candidates)[:8]:
        text = (lib / path).read_text(encoding="utf-8")
        lines = text.split("\n")
        if end == len(lines) and lines[-1] == "":  # the last block: keep the file's final newline
            end -= 1
        moved = lines[:target] + lines[first:end] + lines[target:first] + lines[end:]
        _, old, _ = report(lib, "--no-baseline", path)
        (lib / path).write_text("\n".join(moved), encoding="utf-8")
        _, new, _ = report(lib, "--no-baseline", path)
        if collections.Counter(f["name"] for f in new) == collections.Counter(f["name"] for f in old):
            assert {f["line"] for f in new} != {f["line"] for f in old}  # the findings did move
            return path
        (lib / path).write_text(text, encoding="utf-8")
    raise AssertionError("no body section could be moved up without changing a rule's count")


def fix_dangling_links(lib: Path, everything: list[dict], count: int, avoid: set[str]) -> list[str]:
    """Delete `count` dangling relationship entries (`- some-slug`, or `- slug: some-slug` and the
    lines of its mapping), each with no other finding and followed by another entry (so no list is
    left empty), in as many files. Returns the files."""
    on_line = collections.Counter((f["path"].removeprefix("./"), f["line"]) for f in everything)
    done: list[str] = []
    for f in sorted(everything, key=lambda f: (f["path"], f["line"])):
        path = f["path"].removeprefix("./")
        if f["name"] != "dangling-link" or path in avoid or path in done:
            continue
        lines = (lib / path).read_text(encoding="utf-8").split("\n")
        first = f["line"] - 1
        match = ENTRY.fullmatch(lines[first])
        if not match:
            continue
        end = _item_end(lines, first, match)
        if end < len(lines) and lines[end].startswith(match.group(1).split("-")[0] + "- ") and on_line[(path, f["line"])] == 1 \
                and not any(on_line[(path, n + 1)] for n in range(first + 1, end)):
            del lines[first:end]
            (lib / path).write_text("\n".join(lines), encoding="utf-8")
            done.append(path)
            if len(done) == count:
                return done
    raise AssertionError(f"fewer than {count} dangling entries to delete")


def entries(lib: Path, name: str) -> list[dict]:
    return json.loads((lib / name).read_text(encoding="utf-8"))["findings"]


def test_the_adoption_section_end_to_end(lib):
    init, fix = commands(1)[0], commands(2)[0]
    write_baseline, gate = commands(3)
    shrink_write, show_everything = commands(5)
    strict = next(s for s in spans(5) if re.fullmatch(r"--[a-z-]+", s) and "strict" in s)
    configured = tomllib.loads(toml_block(3))
    name = configured["baseline"]
    fixed_quote = next(s for s in spans(5) if re.fullmatch(r"\d+ baseline findings? fixed: .*", s))
    assert write_baseline.split()[1:] == shrink_write.split()[1:] == ["--write-baseline"]

    # 1. describe the library
    code, _ = lint(lib, init)
    assert code == 0
    config = lib / ".pattern-lint.toml"
    assert config.is_file()

    # 2. the safe fixes: they change files, and a second run changes nothing more
    code, _ = lint(lib, fix)
    assert code == 1  # errors are left
    assert git(lib, "diff", "--name-only").strip()
    diff = git(lib, "diff")
    lint(lib, fix)
    assert git(lib, "diff") == diff
    commit(lib, "lint --fix")

    # 3. record what is left, name it in the configuration (its last lines), commit both
    code, _ = lint(lib, write_baseline)
    assert code == 0 and (lib / name).is_file()  # the file the README names, in the library root
    recorded = len(entries(lib, name))
    assert recorded > 400
    config.write_text(config.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + toml_block(3), encoding="utf-8")
    assert tomllib.loads(config.read_text(encoding="utf-8"))["baseline"] == name
    commit(lib, "the configuration and the baseline")

    code, out = lint(lib, gate)
    lines = out.splitlines()
    assert code == 0
    assert not [line for line in lines if re.match(r"\S+:\d+:\d+: ", line)], out
    assert f"{recorded} findings hidden by the baseline ({name})." in lines, out  # the summary says how many

    code, everything, payload = report(lib, "--no-baseline")
    assert code == 1 and len(everything) == recorded

    # one new defect in one file: exactly that finding
    defect_path, defect_line, before = add_dangling_link(lib, everything)
    code, found, _ = report(lib)
    assert code == 1 and where(found) == [("dangling-link", defect_path, defect_line)]
    # 4. ... SARIF marks it "baselineState": "new" and leaves the baselined ones out
    _, out = lint(lib, gate, "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert [(r["ruleId"], r["baselineState"]) for r in results] == [("PL601", "new")]
    (lib / defect_path).write_text(before, encoding="utf-8")
    code, found, _ = report(lib)
    assert (code, found) == (0, [])

    # a section of another file moved 40 lines up or more: nothing new, nothing fixed
    moved = move_a_section_up(lib, everything, avoid={defect_path})
    assert git(lib, "diff", "--name-only").split() == [moved]
    code, found, payload = report(lib)
    assert (code, found) == (0, []) and payload["baseline"] == {"file": name, "new": 0, "hidden": recorded,
                                                                 "fixed": 0}
    commit(lib, "a section moved up")

    # 4. `lint report` still shows every finding, with the new and baselined counts
    (report_command,) = commands(4)
    code, _ = lint(lib, report_command)
    assert code == 0
    page = (lib / "report.html").read_text(encoding="utf-8")
    figures = dict(re.findall(r'data-figure="(\w+)" data-value="(\d+)"', page))
    assert (figures["findings"], figures["new"], figures["baselined"]) == (str(recorded), "0", str(recorded))
    (lib / "report.html").unlink()

    # 5. the hook the README tells to give --strict-baseline is one pre-commit can run
    hook = next(s for s in spans(5) if s.startswith("pattern-lint"))
    assert hook in [h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))]

    # 5. fix recorded findings: the summary says so in the README's words, --strict-baseline fails
    count = int(fixed_quote.split()[0])
    fix_dangling_links(lib, everything, count, avoid={defect_path, moved})
    code, out = lint(lib, gate)
    assert code == 0
    assert fixed_quote in out.splitlines() or fixed_quote + "." in out.splitlines(), (fixed_quote, out)
    assert f"{recorded - count} findings hidden by the baseline ({name})." in out.splitlines()
    code, _ = lint(lib, gate, strict)
    assert code == 1
    code, _ = lint(lib, shrink_write)  # drops them
    assert code == 0 and len(entries(lib, name)) == recorded - count
    code, out = lint(lib, gate, strict)
    assert code == 0 and "fixed" not in out
    commit(lib, "fixed and dropped")
    recorded -= count

    # a file with recorded findings moved with `git mv` keeps its entries, staged and committed
    counts = collections.Counter(e["path"] for e in entries(lib, name))
    renamed = max(sorted(counts), key=lambda p: counts[p])
    assert counts[renamed] >= 5
    (lib / "moved").mkdir()
    git(lib, "mv", renamed, f"moved/{Path(renamed).name}")
    for state in ("staged", "committed"):
        code, out = lint(lib, gate, strict)
        assert code == 0 and f"{recorded} findings hidden by the baseline ({name})." in out.splitlines(), (state, out)
        if state == "staged":
            commit(lib, "a file moved")

    # everything that is left
    code, out = lint(lib, show_everything)
    assert code == 1
    shown = [line for line in out.splitlines() if re.match(r"\S+:\d+:\d+: PL\d+ ", line)]
    assert len(shown) == recorded, out[-2000:]
    assert "hidden by the baseline" not in out
