"""jsonschema-rs answers "is this frontmatter valid?" and jsonschema describes the errors
(lint/schema.py, `FormatSchema.errors`). Both must always agree, or a valid-looking file would
hide the findings jsonschema would have given: checked on every real file and on Hypothesis
mutations of one file per format."""

from __future__ import annotations

import copy
import datetime
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import CLASSIFICATION, SHARED, VALID
from lint.discovery import collect
from lint.runner import Options, load

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
