"""Fixes converge: one `--fix --unsafe-fixes` leaves nothing a second one would change, and the fixed
files re-lint with no more findings of any rule than before.

On generated libraries (hypothesis: one target listed by 20 children, in every list style, with
other fixable defects and awkward names in the same files), on a library from bench/generate.py,
and on a copy of every real sample file (../shared, copied into a temporary folder). Short profile
by default; a long one:

    PATTERN_LINT_FUZZ_EXAMPLES=500 .venv/bin/python -m pytest tests/test_fix_converge.py
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from helpers import CLASSIFICATION, SHARED, cli, edit, load_generator, pattern

EXAMPLES = int(os.environ.get("PATTERN_LINT_FUZZ_EXAMPLES", "30"))
# A library is about 20 times the work of one file: a third of test_fuzz's examples, at least 8.
# Not shrunk: shrinking a library takes many minutes; the failure names the files and rules instead.
LIBRARIES = settings(max_examples=max(8, EXAMPLES // 3), deadline=None, database=None,
                     phases=[Phase.explicit, Phase.reuse, Phase.generate],
                     derandomize="PATTERN_LINT_FUZZ_EXAMPLES" not in os.environ,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                            HealthCheck.data_too_large])
FAN_IN = 20


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {os.fspath(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _counts(folder: Path) -> Counter:
    """(file, rule) -> findings, every rule selected (those off by default too)."""
    code, out = cli("--select", "PL", "--format", "json", os.fspath(folder))
    assert code in (0, 1), out
    return Counter((os.path.relpath(f["path"], folder), f["name"]) for f in json.loads(out)["findings"])


def assert_fixes_converge(folder: Path) -> None:
    before = _counts(folder)
    code, out = cli("--fix", "--unsafe-fixes", "--format", "json", os.fspath(folder))
    assert code in (0, 1), out
    report = json.loads(out)["findings"]
    assert not [f for f in report if f["name"] == "internal-error"]
    refused = {f["path"] for f in report if f["name"] == "fix-not-applied"}
    once = _snapshot(folder)
    code, out = cli("--fix", "--unsafe-fixes", "--format", "json", os.fspath(folder))
    changed = sorted(name for name, data in _snapshot(folder).items() if once.get(name) != data)
    assert changed == [], f"a second --fix --unsafe-fixes changed {changed}"
    after = _counts(folder)
    grown = {key: (before[key], count) for key, count in after.items() if count > before[key]}
    assert grown == {}, f"findings the fixes added, (file, rule): (before, after): {grown}"
    left = [(f["path"], f["name"], f["message"]) for f in json.loads(out)["findings"]
            if f["fixable"] and f["path"] not in refused]
    assert left == [], "fixable findings a run of --fix left, outside the files it refused"


# -- generated libraries: one target, 20 children -------------------------------------------------

def _typeid(n: int) -> str:
    return f"pat_01khvcxd{n:018d}"


TARGET_LISTS = ["  specializes_to: []\n", "  specializes_to: [x]\n", "  specializes_to: [x, ]\n",
                "  specializes_to: [\n    x\n  ]\n", "  specializes_to:\n    - x\n",
                "  specializes_to:\n  - x\n", "  specializes_to:\n    - slug: x\n      weight: 0.5\n",
                "  specializes_to:\n    - x\n\n  # a comment after the list\n", "  specializes_to: [2026-01-01]\n"]
# Names a child may have: plain slugs, names YAML reads as other types, a name two children share.
NAMES = st.one_of(st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True),
                  st.sampled_from(["yes", "no", "on", "null", "123", "1.10", "2026-01-01", "7-pillars", "twin"]))
# Other defects in the same file, each with its fix (and some that overlap the link's fix).
DEFECTS = {
    "overall score": ("overall_score: 4.4", "overall_score: 4.0"),
    "implicit type": ("version: 1.2", "version: 1.10"),
    "vocabulary": ("  status: stable", "  status: Draft"),
    "relationship key": None,  # the child writes `Generalizes_From` (fixed, then its link counts)
    "confidence": ("  confidence: 3", "  confidence: 2"),
    "summary": ("> and financial records accessible to all relevant stakeholders.\n", ""),
    "summary in paragraphs": ("summary: >-\n", "summary: >-\n  Open the books.\n\n\n"),
    "trailing space": ("> A pattern for establishing collective trust by making operational data\n",
                       "> A pattern for establishing collective trust by making operational data   \n"),
    "suppressed": ("overall_score: 4.4", "overall_score: 4.0  # pattern-lint: disable=overall-score-mismatch"),
}


@st.composite
def libraries(draw):
    files: dict[str, str] = {}
    target_list = draw(st.sampled_from(TARGET_LISTS))
    by_id = draw(st.booleans())  # the flat format names its targets by TypeID
    if by_id:
        target = edit(edit(CLASSIFICATION, "id: pat_01kg5023yje10ty287508kv3vv", f"id: {_typeid(0)}"),
                      "slug: empathy-mapping", "slug: target")
        target = edit(target, "specializes_to: []\n", draw(st.sampled_from(
            ["specializes_to: []\n", "specializes_to:\n- pat_01kg5023wbfw1azjwp99gcgcrn\n"])))
    else:
        target = pattern("target", _typeid(0), target_list)
    files["target.md"] = _styled(draw, target)
    for n in range(1, FAN_IN + 1):
        name = draw(NAMES)
        defects = draw(st.lists(st.sampled_from(sorted(DEFECTS)), max_size=3, unique=True))
        key = "Generalizes_From" if "relationship key" in defects else "generalizes_from"
        link = draw(st.sampled_from([f"  {key}: [target]\n", f"  {key}:\n    - target\n",
                                     f"  {key}: [{_typeid(0)}]\n", f"  {key}: [target, target]\n"]))
        text = pattern("child", _typeid(n), link)
        text = edit(text, "slug: child", f'slug: "{name}"')
        for defect in defects:
            if DEFECTS[defect] is not None and DEFECTS[defect][0] in text:  # (two defects may want one line)
                text = text.replace(*DEFECTS[defect], 1)
        files[f"child-{n:02d}.md"] = _styled(draw, text)
    return files


def _styled(draw, text: str) -> bytes:
    data = text.replace("\n", "\r\n") if draw(st.booleans()) else text
    return (b"\xef\xbb\xbf" if draw(st.integers(0, 4)) == 0 else b"") + data.encode("utf-8")


@LIBRARIES
@given(files=libraries())
def test_fixes_on_a_generated_library_with_a_fan_in_of_20_converge(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("library")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    assert_fixes_converge(folder)


def test_the_fan_in_library_gets_every_entry_in_one_run(tmp_path):
    # the example the property starts from, spelt out: 20 children, one empty flow list
    for n in range(1, FAN_IN + 1):
        (tmp_path / f"child-{n:02d}.md").write_text(pattern(f"child-{n:02d}", _typeid(n),
                                                            "  generalizes_from: [target]\n"), encoding="utf-8")
    (tmp_path / "target.md").write_text(pattern("target", _typeid(0), "  specializes_to: []\n"), encoding="utf-8")
    cli("--fix", "--unsafe-fixes", os.fspath(tmp_path))
    children = ", ".join(f"child-{n:02d}" for n in range(1, FAN_IN + 1))
    assert f"  specializes_to: [{children}]\n" in (tmp_path / "target.md").read_text(encoding="utf-8")
    assert_fixes_converge(tmp_path)


def test_fixes_on_a_benchmark_library_converge(tmp_path):
    load_generator().generate(200, os.fspath(tmp_path / "library"), seed=3, defects=True)
    (tmp_path / "library" / "manifest.json").unlink(missing_ok=True)
    assert_fixes_converge(tmp_path / "library")


# -- every real sample file --------------------------------------------------------------------------

needs_shared = pytest.mark.skipif(not (SHARED / "corpus-sample").is_dir(), reason="needs ../shared")


def _copy_real_samples(folder: Path) -> int:
    """corpus-sample, corpus-dev and the seeds (as .md) under `folder`, writable; how many files."""
    count = 0
    for name in ("corpus-sample", "corpus-dev"):
        if (SHARED / name).is_dir():
            shutil.copytree(SHARED / name, folder / name, ignore=shutil.ignore_patterns(".pattern-lint-cache"))
    (folder / "seeds").mkdir()
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        shutil.copyfile(seed, folder / "seeds" / (seed.stem + ".md"))
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)  # the shared copies are read-only
        count += path.is_file()
    return count


@needs_shared
def test_fixes_on_every_real_sample_file_as_one_library_converge(tmp_path):
    assert _copy_real_samples(tmp_path) >= 39 + 5
    original = _snapshot(tmp_path)
    assert_fixes_converge(tmp_path)
    assert _snapshot(tmp_path) != original  # the samples do have fixable findings


def _slugs_with_specializes_to(folder: Path) -> list[str]:
    """The slugs of the patterns under `folder` that keep a `specializes_to` list (v7.1 or flat format)."""
    import yaml

    slugs = []
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        if not text.startswith("---\n") or "\n---" not in text[4:]:
            continue
        try:
            front = yaml.safe_load(text[4:text.index("\n---", 4)])
        except yaml.YAMLError:
            continue
        if not isinstance(front, dict) or not isinstance(front.get("slug"), str):
            continue
        group = front.get("relationships") if isinstance(front.get("relationships"), dict) else front
        if "specializes_to" in group:
            slugs.append(front["slug"])
    return slugs


@needs_shared
def test_fixes_on_the_real_samples_with_20_children_of_every_real_target_converge(tmp_path):
    # Every real pattern that keeps a `specializes_to` list, in whatever style it is written, gains
    # 20 entries in one run (there were five per run, one a round).
    _copy_real_samples(tmp_path)
    targets = sorted(set(_slugs_with_specializes_to(tmp_path)))
    assert len(targets) >= 10
    (tmp_path / "children").mkdir()
    listing = "".join(f"    - {slug}\n" for slug in targets)
    for n in range(1, FAN_IN + 1):
        child = pattern(f"child-{n:02d}", _typeid(n), f"  generalizes_from:\n{listing}")
        (tmp_path / "children" / f"child-{n:02d}.md").write_text(child, encoding="utf-8")
    assert_fixes_converge(tmp_path)
    code, out = cli("--select", "missing-reciprocal-link", "--format", "json", os.fspath(tmp_path))
    left = json.loads(out)["findings"]
    # Left: the one entry that names the wrong one of two alike patterns (issue 19), which no fix guesses.
    assert [(os.path.basename(f["path"]), f["line"], f["fixable"]) for f in left] == [("commons-engineer.md", 87, False)]
    assert left[0]["message"].endswith("did you mean `ce-leverage-point-identification`?")


@needs_shared
@pytest.mark.parametrize("source", ["frontmatter", "body"])
def test_fixes_on_the_real_samples_with_a_confidence_source_converge(tmp_path, source):
    # With a side configured, the ★★★ (Established) callouts against `confidence: 1` get a fix: it
    # rewrites only the stars and label, or only the value, and a second run changes nothing.
    _copy_real_samples(tmp_path)
    (tmp_path / ".pattern-lint.toml").write_text(f'confidence-source = "{source}"\n', encoding="utf-8")
    before = _counts(tmp_path)[("corpus-dev/commons-os/acceptance-and-commitment.md", "confidence-mismatch")]
    assert before == 1
    original = _snapshot(tmp_path)
    assert_fixes_converge(tmp_path)
    assert _counts(tmp_path)[("corpus-dev/commons-os/acceptance-and-commitment.md", "confidence-mismatch")] == 0
    name = "corpus-dev/commons-os/acceptance-and-commitment.md"
    old, new = original[name].decode("utf-8"), _snapshot(tmp_path)[name].decode("utf-8")
    changed = [(a, b) for a, b in zip(old.split("\n"), new.split("\n")) if a != b and "onfidence" in a + b]
    if source == "frontmatter":
        assert changed == [("> [!NOTE] Confidence Rating: ★★★ (Established)", "> [!NOTE] Confidence Rating: ★☆☆ (Low)")]
    else:
        assert changed == [("  confidence: 1", "  confidence: 3")]


@needs_shared
def test_fixes_on_each_real_sample_file_alone_converge(tmp_path):
    _copy_real_samples(tmp_path / "all")
    for number, path in enumerate(sorted((tmp_path / "all").rglob("*.md"))):
        alone = tmp_path / f"alone-{number}"
        alone.mkdir()
        shutil.copyfile(path, alone / path.name)
        assert_fixes_converge(alone)
