"""jsonschema-rs answers "is this frontmatter valid?" and jsonschema describes the errors
(lint/schema/validator.py, `FormatSchema.errors`). Both must always agree, or a valid-looking file would
hide the findings jsonschema would have given: checked on every real file and on Hypothesis
mutations of one file per format."""

from __future__ import annotations

import copy
import datetime
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import CLASSIFICATION, SHARED, VALID
from lint import schema
from lint.schema.index import Resolver
from lint.discovery import collect
from lint.formats import FORMATS
from lint.engine import load
from lint.runner import Options

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("PATTERN_LINT_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    derandomize="PATTERN_LINT_FUZZ_EXAMPLES" not in os.environ)


def _document(tmp_path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = load(os.fspath(path), Options())
    assert doc.format is not None
    return doc


def _agree(schema, frontmatter) -> None:
    slow = list(schema.validator.iter_errors(frontmatter))
    assert (schema.errors(frontmatter) == []) == (not slow), [(e.json_path, e.message) for e in slow]
    try:
        fast = schema.fast.is_valid(frontmatter)
    except (TypeError, ValueError, OverflowError):
        return  # not a value jsonschema-rs takes: `errors` asked jsonschema instead
    assert fast == (not slow), (frontmatter, [e.message for e in slow])


def test_the_fast_validator_is_in_use(tmp_path):
    doc = _document(tmp_path, VALID, "transparent-ledger.md")
    assert doc.format.schema.fast is not None


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/ is not beside the repository")
def test_both_validators_agree_on_every_real_file():
    files = collect([os.fspath(SHARED / "corpus-sample"), os.fspath(SHARED / "seeds")], Options().config)
    checked = 0
    for path in files:
        doc = load(path, Options())
        if doc.is_pattern and doc.format is not None and isinstance(doc.frontmatter, dict):
            _agree(doc.format.schema, doc.frontmatter)
            checked += 1
    assert checked >= 30


def test_formats_are_checked_as_jsonschema_checks_them(tmp_path):
    """jsonschema-rs alone rejects `2026-01-28 00:00:00+00:00` as a date-time; jsonschema (without
    rfc3339-validator) does not check date-time at all. The fast validator must say what jsonschema says."""
    doc = _document(tmp_path, CLASSIFICATION, "classified-pattern.md")
    frontmatter = dict(doc.frontmatter, created="2026-01-28 00:00:00+00:00")
    _agree(doc.format.schema, frontmatter)
    assert doc.format.schema.errors(frontmatter) == []


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=2**63 - 2, max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["draft", "growth", "design", "pat_01kg5023yje10ty287508kv3vv", "2026-02-30", "1.0", "",
                     "2026-01-28", "not-a-date", "http://x"]),
    st.dates(), st.datetimes(),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, prefix + (index,))


def _replace(value, path, new):
    if not path:
        return new
    value = copy.deepcopy(value)
    holder = value
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = new
    return value


@pytest.mark.parametrize("text, name", [(VALID, "transparent-ledger.md"), (CLASSIFICATION, "classified-pattern.md")])
@SETTINGS
@given(data=st.data())
def test_both_validators_agree_on_mutated_frontmatter(tmp_path_factory, text, name, data):
    doc = _document(tmp_path_factory.mktemp("fast"), text, name)
    paths = [p for p in _paths(doc.frontmatter) if p]
    frontmatter = doc.frontmatter
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(paths))
        if data.draw(st.booleans()) and len(path) > 0 and isinstance(path[-1], str):
            holder = frontmatter
            try:
                for part in path[:-1]:
                    holder = holder[part]
            except (KeyError, IndexError, TypeError):
                continue
            if isinstance(holder, dict):  # drop a key instead
                frontmatter = copy.deepcopy(frontmatter)
                target = frontmatter
                for part in path[:-1]:
                    target = target[part]
                target.pop(path[-1], None)
                continue
        try:
            frontmatter = _replace(frontmatter, path, data.draw(VALUES))
        except (KeyError, IndexError, TypeError):
            continue
    _agree(doc.format.schema, frontmatter)


def test_a_value_jsonschema_rs_cannot_take_is_left_to_jsonschema(tmp_path):
    doc = _document(tmp_path, VALID, "transparent-ledger.md")
    frontmatter = dict(doc.frontmatter, title=datetime.date(2026, 2, 19))
    assert [e.validator for e in doc.format.schema.errors(frontmatter)] == ["type"]


# Valid files are checked without jsonschema and referencing (0.15 s to import): the schema index
# follows `$ref`s with `Resolver` (lint/schema/index.py) and jsonschema-rs checks formats with `schema.FORMATS`. Both must
# say exactly what jsonschema and referencing say.

FORMAT_VALUES = st.one_of(
    st.text(max_size=30), st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True),
    st.from_regex(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?", fullmatch=True),
    st.integers(), st.none(), st.dates(), st.datetimes(), st.lists(st.integers(), max_size=2),
)


@pytest.mark.parametrize("name", sorted(schema.FORMATS))
@SETTINGS
@given(value=FORMAT_VALUES)
def test_format_checks_say_what_jsonschema_says(name, value):
    from jsonschema import Draft202012Validator

    assert schema.FORMATS[name](value) == Draft202012Validator.FORMAT_CHECKER.conforms(value, name)


@pytest.mark.parametrize("name", sorted(schema.FORMATS))
@pytest.mark.parametrize("value", ["2026-02-19", "2026-02-30", "2026-2-19", "２０２６-02-19", "2026-02-19T10:00:00Z",
                                   "2026-02-19t10:00:00z", "2026-02-19 10:00:00+00:00", "2026-02-19T25:00:00Z",
                                   "", "20260219", 20260219])
def test_format_checks_on_known_values(name, value):
    from jsonschema import Draft202012Validator

    assert schema.FORMATS[name](value) == Draft202012Validator.FORMAT_CHECKER.conforms(value, name)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_the_schema_index_follows_refs_as_referencing_does(fmt):
    built = schema.FormatSchema(fmt.folder, fmt.schema_uri)
    assert isinstance(built.index._root.resolver, Resolver)  # the bundled schemas need no referencing
    reference = schema.SchemaIndex(built.registry.resolver(), fmt.schema_uri)
    paths = reference.property_paths()
    assert len(paths) > 10
    assert built.index.property_paths() == paths
    for path in [(), *paths, *(p + (0,) for p in paths)]:
        assert [s for s, _ in built.index.at(path)] == [s for s, _ in reference.at(path)], path
        assert built.index.closed_keys(path) == reference.closed_keys(path), path


ROOT = "urn:test:root"


@pytest.mark.parametrize("ref, simple", [
    ("#/$defs/a", True), ("urn:test:other", True), ("urn:test:other#/$defs/b", True), ("#", True),
    ("other.json", False), ("#anchor", False), ("#/$defs/a~1b", False), ("#/$defs/%61", False),
    ("urn:test:unknown", False),
])
def test_refs_the_resolver_cannot_follow_are_left_to_referencing(ref, simple):
    resources = {ROOT: {"$id": ROOT, "$defs": {"a": {"type": "string"}, "a/b": {}, "%61": {}},
                        "properties": {"x": {"$ref": ref}}},
                 "urn:test:other": {"$id": "urn:test:other", "$defs": {"b": {"type": "integer"}}}}
    assert (Resolver.for_resources(resources, ROOT) is not None) == simple


@pytest.mark.parametrize("keyword", ["$anchor", "$dynamicAnchor", "$dynamicRef", "$id"])
def test_embedded_identifiers_are_left_to_referencing(keyword):
    resources = {ROOT: {"$id": ROOT, "properties": {"x": {keyword: "urn:test:x", "type": "string"}}}}
    assert Resolver.for_resources(resources, ROOT) is None


def test_a_schema_with_other_refs_still_validates_through_referencing(tmp_path):
    (tmp_path / "root.schema.json").write_text(json.dumps({
        "$id": ROOT, "type": "object", "properties": {"x": {"$ref": "#named"}},
        "$defs": {"n": {"$anchor": "named", "type": "string"}}}), encoding="utf-8")
    built = schema.FormatSchema(tmp_path, ROOT)
    assert not isinstance(built.index._root.resolver, Resolver)
    assert built.index.types(("x",)) == ({"string"}, set())
    assert [e.validator for e in built.errors({"x": 1})] == ["type"]
    assert built.errors({"x": "text"}) == []


def test_checking_a_valid_file_imports_neither_jsonschema_nor_referencing(tmp_path):
    (tmp_path / "transparent-ledger.md").write_text(VALID, encoding="utf-8")
    script = textwrap.dedent("""
        import sys
        from lint.runner import Options, run
        result = run([sys.argv[1]], Options())
        names = {f.name for f in result.findings}
        assert not names & {"missing-field", "wrong-type", "invalid-value", "unknown-field"}, names
        assert "jsonschema_rs" in sys.modules
        assert "jsonschema" not in sys.modules and "referencing" not in sys.modules, "imported"
    """)
    done = subprocess.run([sys.executable, "-c", script, os.fspath(tmp_path)], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_date_time_is_checked_as_jsonschema_checks_it_with_rfc3339_validator(monkeypatch):
    """jsonschema checks date-time with rfc3339-validator, upper-cased, when that is installed."""
    seen = []
    fake = type(sys)("rfc3339_validator")
    fake.validate_rfc3339 = lambda text: seen.append(text) or text.endswith("Z")
    monkeypatch.setitem(sys.modules, "rfc3339_validator", fake)
    assert schema.FORMATS["date-time"]("2026-02-19t10:00:00z") is True
    assert schema.FORMATS["date-time"]("2026-02-19 10:00") is False
    assert schema.FORMATS["date-time"](20260219) is True
    assert seen == ["2026-02-19T10:00:00Z", "2026-02-19 10:00"]
