"""The library index reads only a few paths of the files it does not check (records.index_paths):
yamlnodes.parse leaves the other values unbuilt. Whatever the file, the index must get exactly
what a whole build gives it (cache.record_of), and the same format and "is a pattern"."""

from __future__ import annotations

import os

import pytest

from helpers import CLASSIFICATION, SHARED, VALID, edit, load_generator
from lint import cache, engine, formats, records, yamlnodes
from lint.discovery import collect
from lint.runner import Options

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _options() -> Options:
    return Options()


def _same_index(path: str, data: bytes | None = None) -> bool:
    options = _options()
    only = records.index_paths(options.formats)
    whole = engine.load(path, options, data)
    part = engine.load(path, options, data, only)
    assert (part.is_pattern, part.format) == (whole.is_pattern, whole.format), path
    assert cache.record_of(part, body_links=False) == cache.record_of(whole, body_links=False), path
    assert cache.record_of(part) == cache.record_of(whole), path
    return part.frontmatter is not None and yamlnodes.SKIPPED in (part.frontmatter or {}).values()


def test_the_index_reads_a_few_paths():
    only = records.index_paths(formats.FORMATS)
    assert only["relationships"] is None and only["id"] is None
    assert only["ontology"]["commons_assessment"] == {"vitality": None, "overall_score": None}
    assert "context_labels" not in only and "provenance" not in only


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/ is not beside the repository")
def test_every_real_file_is_indexed_as_a_whole_build_indexes_it():
    files = collect([os.fspath(SHARED / "corpus-sample"), os.fspath(SHARED / "seeds")], Options().config)
    skipped = sum(_same_index(path) for path in files)
    assert skipped >= 20  # most real files had values left unbuilt


def test_every_generated_and_example_file_is_indexed_as_a_whole_build_indexes_it(tmp_path):
    load_generator().generate(120, os.fspath(tmp_path), seed=7)
    files = collect([os.fspath(tmp_path), os.path.join(REPO, "examples")], Options().config)
    assert sum(_same_index(path) for path in files) >= 100


DEEP = "".join(f"{'  ' * n}l{n}:\n" for n in range(70)) + "  " * 70 + "x: 1\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]\n" for n in range(5))
WIDE = "".join(f"  k{n}: [{', '.join(['1'] * 60)}]\n" for n in range(900))


@pytest.mark.parametrize("name, change", [
    ("an alias", ("license: CC-BY-SA-4.0", "license: &l CC-BY-SA-4.0\nattribution_copy: *l")),
    ("an alias into an index path", ("license: CC-BY-SA-4.0", "license: &l [a]\nextra: *l")),
    ("a merge key", ("license: CC-BY-SA-4.0", "license: CC-BY-SA-4.0\nextra:\n  <<: {a: 1}\n  b: 2")),
    ("a merge key into a path read", ("license: CC-BY-SA-4.0", "license: &m {x: 1}\nrelationships:\n  <<: *m")),
    ("an alias cycle where nothing is read", ("license: CC-BY-SA-4.0", "license: CC-BY-SA-4.0\nextra: &c [*c]")),
    ("an alias bomb where nothing is read", ("license: CC-BY-SA-4.0", "license: CC-BY-SA-4.0\n" + BOMB)),
    ("an anchor read, its alias not", ("id: pat_", "id: &i pat_")),
    ("too deep where nothing is read", ("license: CC-BY-SA-4.0", "license: CC-BY-SA-4.0\nextra:\n" + DEEP)),
    ("too many values where nothing is read", ("license: CC-BY-SA-4.0", "license: CC-BY-SA-4.0\nextra:\n" + WIDE)),
    ("a duplicate key", ("license: CC-BY-SA-4.0", "license: CC-BY-SA-4.0\nlicense: x")),
    ("a non-text key", ("license: CC-BY-SA-4.0", "license: CC-BY-SA-4.0\n[a]: 1")),
    ("a tag", ("license: CC-BY-SA-4.0", "license: !custom CC-BY-SA-4.0")),
    ("a syntax error", ("license: CC-BY-SA-4.0", "license: [CC-BY-SA-4.0")),
    ("an asterisk in text", ("license: CC-BY-SA-4.0", 'license: "**bold** *x*"')),
])
def test_unusual_frontmatter_is_indexed_as_a_whole_build_indexes_it(tmp_path, name, change):
    tried = 0
    for text, file_name in ((VALID, "transparent-ledger.md"), (CLASSIFICATION, "classified-pattern.md")):
        if change[0] not in text:
            continue
        path = tmp_path / file_name
        path.write_text(edit(text, *change), encoding="utf-8")
        _same_index(os.fspath(path))
        tried += 1
    assert tried >= 1


def test_limits_in_values_left_unbuilt_are_still_reported(tmp_path):
    path = tmp_path / "transparent-ledger.md"
    path.write_text(edit(VALID, "license: CC-BY-SA-4.0", "license: CC-BY-SA-4.0\nextra:\n" + DEEP), encoding="utf-8")
    doc = engine.load(os.fspath(path), _options(), None, records.index_paths(_options().formats))
    assert doc.frontmatter is None
    assert [rule for rule, _ in doc.problems if rule.startswith("yaml-")] == ["yaml-nesting-limit"]
