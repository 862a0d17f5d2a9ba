"""The one YAML walk (lint/yamlwalk.py) gives what the separate passes it replaced gave, and the
first-character resolver (yamlnodes._first_character_resolver) types every scalar as PyYAML does.

The walk notes, as it builds the values: every text (template-placeholder read them by walking the
values again), every readable plain scalar typed as a bool, number or date (the schema layer's
typing traps filtered every position for them), every mapping (the unknown-key check asked the
schema per key) and the positions of the top two levels (the library record filtered all of
them). Each is compared here with what the old pass computed, on every real file, a generated
library and hostile texts."""

from __future__ import annotations

import math
import os

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from helpers import SHARED, VALID, load_generator
from lint import document, records, yamlnodes
from lint.discovery import collect
from lint.runner import Options

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = sorted([*SHARED.glob("corpus-sample/**/*.md"), *SHARED.glob("corpus-dev/**/*.md"),
               *SHARED.glob("seeds/*.txt")]) if SHARED.is_dir() else []
HOSTILE = [
    "a: 1\na: [x, {b: 2}]\nc: yes\n",  # a duplicate key whose first value is forgotten
    "a: {b: '{TITLE}', c: 1}\na: text\n",  # ... a mapping replaced by a text
    "a: text\na: {b: 2020-01-01}\n",  # ... a text replaced by a mapping
    "base: &b {x: on, y: '{X}'}\nm:\n  <<: *b\n  y: 3\nn: [*b, *b]\n",  # merges and aliases
    "t: !!int 3\nu: !!str 4\nv: !custom 5\nw: 12:30\nz: .nan\nn: ~\nd: 2024-13-45\n",  # tags, unreadable
    "- 1\n- a\n",  # not a mapping
    "x: \u2028y\nz: 1\n",  # a YAML-only line break: positions from the mark's index
]


def _texts(value, path: tuple):
    """The pass template-placeholder made: (path, text) of every text in the values."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


def _same(a, b) -> bool:
    return (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)) or \
        (type(a) is type(b) and a == b)


def assert_walk_equals_passes(parsed) -> None:
    positions, walked = parsed.positions, parsed.walked
    texts = dict(_texts(parsed.value, ()))
    assert walked.texts == {p: texts[p] for p in positions if p in texts}
    typed = [p for p, located in positions.items() if p and isinstance(located.node, ScalarNode)
             and not located.node.style and located.node.tag in (yamlnodes.BOOL, yamlnodes.INT, yamlnodes.FLOAT,
                                                                  yamlnodes.TIMESTAMP)
             and id(located.node) not in parsed.unreadable]
    assert sorted(walked.typed, key=repr) == sorted(typed, key=repr)
    for path, (located, value) in walked.typed.items():
        assert located is positions[path]
        assert _same(value, document.Document("x", frontmatter=parsed.value).get(*path))
    keys = [p for p in positions if p and isinstance(p[-1], str)]
    assert sorted((parent + (key,) for parent, mapping in walked.mappings.items() for key in mapping
                   if parent + (key,) in positions), key=repr) == sorted(keys, key=repr)
    assert list(walked.shallow.items()) == [(p, located) for p, located in positions.items() if len(p) <= 2]


def _frontmatter(path) -> str | None:
    text = open(path, encoding="utf-8", errors="replace").read().replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    return None if close is None else "\n".join(lines[1:close])


@pytest.mark.skipif(not REAL, reason="../shared/ is not beside the repository")
def test_the_walk_gives_what_the_passes_gave_on_every_real_file():
    seen = 0
    for path in REAL:
        text = _frontmatter(path)
        if text is not None:
            assert_walk_equals_passes(yamlnodes.parse(text, 2))
            seen += 1
    assert seen >= 60


def test_the_walk_gives_what_the_passes_gave_on_a_generated_library_and_hostile_texts(tmp_path):
    load_generator().generate(150, os.fspath(tmp_path), seed=3)
    texts = [_frontmatter(p) for p in collect([os.fspath(tmp_path)], Options().config)]
    texts = [t for t in texts if t is not None] + HOSTILE + [VALID.split("---\n")[1]]
    assert len(texts) >= 150
    for text in texts:
        assert_walk_equals_passes(yamlnodes.parse(text, 2))
    only = records.index_paths(Options().formats)  # the library index's partial build
    for text in texts:
        assert_walk_equals_passes(yamlnodes.parse(text, 2, only=only))


def test_a_text_the_typing_trap_restores_is_a_text_again(tmp_path):
    path = tmp_path / "p.md"
    path.write_text(VALID.replace('title: "Transparent Ledger"', "title: yes"), encoding="utf-8")
    doc = document.load(os.fspath(path))
    assert ("title",) not in doc.walked.texts and ("title",) in doc.walked.typed
    from lint import formats, schema

    doc.format = formats.detect(doc.frontmatter, formats.FORMATS)
    assert [p.line for p in schema.problems(doc, "yaml-implicit-type")] == [doc.position(("title",))[0]]
    assert doc.walked.texts[("title",)] == "yes" == doc.frontmatter["title"]


# The resolver --------------------------------------------------------------------------------------

def _tags(node, out: list) -> list:
    out.append((type(node).__name__, node.tag, node.value if isinstance(node, ScalarNode) else None))
    if isinstance(node, SequenceNode):
        for item in node.value:
            _tags(item, out)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            _tags(key, out)
            _tags(value, out)
    return out


def test_the_loader_resolves_with_the_first_character_resolver():
    assert yamlnodes.LOADER != "libyaml" or yamlnodes._Loader.resolve is not yaml.CSafeLoader.resolve


@pytest.mark.skipif(not REAL, reason="../shared/ is not beside the repository")
def test_every_node_of_every_real_file_is_typed_as_pyyaml_types_it():
    for path in REAL:
        text = _frontmatter(path)
        if text is None:
            continue
        try:
            expected = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            continue
        assert _tags(yaml.compose(text, Loader=yamlnodes._Loader), []) == _tags(expected, []), path


_PYYAML = yaml.SafeLoader("")
_OURS = yamlnodes._Loader("")
_WORDS = ["", "~", "null", "Null", "NULL", "yes", "No", "ON", "off", "y", "n", "true", "False", "0", "-0", "+1",
          "0x1F", "0o17", "017", "0b101", "1_000", "1:20", "190:20:30", ".5", "-.inf", ".NaN", "1e3", "6.8523015e+5",
          "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2002-12-14 21:59:43.10 +5", "<<", "=", "!", "&a", "*a",
          "culture", "Shared", "0.85", "1.", "- x", "tRue", "nUll", "2024-1-1", "12:", "0x", "._"]


@settings(max_examples=3000, deadline=None, database=None)
@given(st.one_of(st.sampled_from(_WORDS), st.text(max_size=8),
                 st.from_regex(r"[-+.0-9a-fA-FxXoObB:_ ~<=!&*ntyNTYesElulrEOUS]{0,12}", fullmatch=True),
                 st.builds(lambda a, b: a + b, st.sampled_from(_WORDS), st.sampled_from(_WORDS))),
       st.sampled_from([(True, False), (False, True), (False, False), (True, True)]))
def test_every_scalar_is_resolved_as_pyyaml_resolves_it(value, implicit):
    assert _OURS.resolve(ScalarNode, value, implicit) == _PYYAML.resolve(ScalarNode, value, implicit)


def test_collections_are_resolved_as_pyyaml_resolves_them():
    for kind in (SequenceNode, MappingNode):
        for implicit in (True, False):
            assert _OURS.resolve(kind, None, implicit) == _PYYAML.resolve(kind, None, implicit)
