"""Recall and precision on a generated library whose defects are known (bench/generate.py).

The generator writes ~300 patterns of both formats, injects each kind of defect at known
places and records the findings each must produce, worked out from the lines it wrote
(never by running the linter). The linter must report exactly those: every recorded
finding (recall 1.0) and nothing else, not even on the clean files (precision 1.0).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from helpers import load_generator
from lint.runner import Options, run

COUNT = 300
SEED = 20260301


generator = load_generator()


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """(folder, manifest rows, finding rows) of the generated library, linted once with the default rules."""
    folder = tmp_path_factory.mktemp("library")
    manifest = generator.generate(COUNT, os.fspath(folder), seed=SEED)
    result = run([os.fspath(folder)], Options())
    expected = Counter((e["path"], e["rule"], e["line"], e["column"]) for e in manifest)
    found = Counter((os.path.relpath(f.path, folder), f.name, f.line, f.column) for f in result.findings)
    return folder, expected, found


def _rows(counter: Counter) -> str:
    return "\n".join(f"  {path}:{line}:{column} {rule}" for path, rule, line, column in sorted(counter.elements())) \
        or "  (none)"


def test_every_injected_defect_is_found_and_nothing_else(library):
    _, expected, found = library
    missed, unexpected = expected - found, found - expected
    assert not missed and not unexpected, (
        f"recall {1 - sum(missed.values()) / sum(expected.values()):.3f}, "
        f"precision {1 - sum(unexpected.values()) / max(sum(found.values()), 1):.3f}\n"
        f"missed (in the manifest, not reported):\n{_rows(missed)}\n"
        f"unexpected (reported, not in the manifest):\n{_rows(unexpected)}")


@pytest.mark.parametrize("round_name", ["cold", "warm", "warm after a change elsewhere"])
def test_workers_and_cache_find_exactly_the_same(library, tmp_path_factory, round_name):
    """The command line's path: files checked in two worker processes, results cached; the warm
    runs take every file rule's findings from the cache and must still report every cross-file one."""
    folder, expected, _ = library
    options = Options(live_fixes=False, jobs=2, cache_dir=os.fspath(tmp_path_factory.getbasetemp() / "accuracy-cache"))
    if round_name == "cold":
        shutil.rmtree(options.cache_dir, ignore_errors=True)
    elif round_name == "warm after a change elsewhere":
        clean = sorted(p for p in folder.glob("*.md") if not any(p.name == path for path, *_ in expected))[0]
        clean.write_text(clean.read_text(encoding="utf-8") + "\n<!-- edited -->\n", encoding="utf-8")
    result = run([os.fspath(folder)], options)
    found = Counter((os.path.relpath(f.path, folder), f.name, f.line, f.column) for f in result.findings)
    assert found == expected, f"missed:\n{_rows(expected - found)}\nunexpected:\n{_rows(found - expected)}"


def test_every_defect_kind_is_injected(library):
    _, expected, _ = library
    kinds = {rule for _, rule, _, _ in expected}
    assert kinds == set(generator.DEFECTS), f"not injected: {sorted(set(generator.DEFECTS) - kinds)}"


def test_most_files_are_clean_and_both_formats_are_there(library):
    folder, expected, _ = library
    files = sorted(p.name for p in folder.glob("*.md"))
    assert len(files) == COUNT
    defective = {path for path, _, _, _ in expected}
    assert COUNT // 30 <= len(defective) <= COUNT // 10
    flat = sum(1 for name in files if "\nclassification:\n" in (folder / name).read_text(encoding="utf-8"))
    assert 0.25 * COUNT <= flat <= 0.55 * COUNT


def test_a_clean_library_gets_no_finding(tmp_path):
    assert generator.generate(60, os.fspath(tmp_path), seed=SEED, defects=False) == []
    findings = run([os.fspath(tmp_path)], Options()).findings
    assert not findings, "\n".join(f"{f.path}:{f.line}:{f.column} {f.name} {f.message}" for f in findings)


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    first = generator.generate(40, os.fspath(tmp_path / "a"), seed=SEED)
    second = generator.generate(40, os.fspath(tmp_path / "b"), seed=SEED)
    generator.generate(40, os.fspath(tmp_path / "c"), seed=SEED + 1)
    assert first == second
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_a_few_files_against_a_warm_cache_find_what_the_whole_index_finds(library, tmp_path_factory, monkeypatch):
    """Pre-commit's case: a run over one or two files of a cached library loads only their
    neighbourhood (neighbourhood.index_of). Its findings must be word for word those of the same
    run with every record loaded, and on the file itself exactly the injected ones."""
    from lint import neighbourhood

    folder, expected, _ = library
    options = Options(live_fixes=False, cache_dir=os.fspath(tmp_path_factory.mktemp("neighbourhood-cache")))
    run([os.fspath(folder)], options)
    defective = sorted({path for path, *_ in expected})
    clean = sorted(p.name for p in folder.glob("*.md") if p.name not in defective)[::40]
    cases = [[name] for name in defective + clean] + [defective[:2], [defective[0], clean[0]]]
    for names in cases:
        paths = [os.fspath(folder / name) for name in names]
        few = [f.as_dict() for f in run(paths, options).findings]
        with monkeypatch.context() as patch:
            patch.setattr(neighbourhood, "SHARE", 10 ** 9)  # load every record
            whole = [f.as_dict() for f in run(paths, options).findings]
        assert few == whole, names
        own = Counter((os.path.relpath(f["path"], folder), f["name"], f["line"], f["column"]) for f in few
                      if os.path.basename(f["path"]) in names)
        assert own == Counter({row: n for row, n in expected.items() if row[0] in names}), names


@pytest.mark.parametrize("per_file", [1, 3])
def test_a_library_with_findings_in_every_file_gets_exactly_them(tmp_path, per_file):
    """`--findings-per-file K` (the benchmark's warm run with many findings): K stacked defects in
    almost every file, and still every recorded finding and nothing else."""
    manifest = generator.generate(200, os.fspath(tmp_path), seed=SEED, per_file=per_file)
    expected = Counter((e["path"], e["rule"], e["line"], e["column"]) for e in manifest)
    result = run([os.fspath(tmp_path)], Options())
    found = Counter((os.path.relpath(f.path, tmp_path), f.name, f.line, f.column) for f in result.findings)
    assert found == expected, f"missed:\n{_rows(expected - found)}\nunexpected:\n{_rows(found - expected)}"
    per_path = Counter(path for path, *_ in expected.elements())
    assert sum(n == per_file for n in per_path.values()) >= 0.9 * 200
    kinds = {rule for _, rule, _, _ in expected}
    assert set().union(*(kind for groups in generator.STACKABLE.values() for kind in groups)) <= kinds


def test_findings_per_file_adds_to_the_defects_of_the_plain_library(tmp_path):
    """The option draws its extra defects from a generator of its own: the plain library's defects
    are all still there, in the same files."""
    plain = generator.generate(40, os.fspath(tmp_path / "a"), seed=SEED)
    many = generator.generate(40, os.fspath(tmp_path / "b"), seed=SEED, per_file=3)
    assert len(many) > 2 * len(plain)
    assert {(e["path"], e["rule"]) for e in plain} <= {(e["path"], e["rule"]) for e in many}
