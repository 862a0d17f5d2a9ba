"""jsonschema's errors and the unknown-key and YAML-typing walks turned into the findings of six rules."""

from __future__ import annotations

import difflib
import math
from typing import Any

from .. import yamlnodes
from ..edits import quoted, replace_value
from ..findings import Problem
from ..rules import invalid_value, missing_field, score_out_of_range, unknown_field, wrong_type, yaml_implicit_type
from .index import SchemaIndex

# The rules this layer reports, each writing its own messages; what an `x-rule` may name.
RULES = {module.NAME: module for module in (missing_field, wrong_type, invalid_value, score_out_of_range,
                                            unknown_field, yaml_implicit_type)}
_DEFAULT_RULE = {"required": missing_field.NAME, "type": wrong_type.NAME}
_RANGE = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def problems(doc, rule: str) -> list[Problem]:
    """The problems of one schema-derived rule; all of them are computed once per document."""
    return [problem for name, problem in _all(doc) if name == rule]


def _all(doc) -> list[tuple[str, Problem]]:
    found = doc.cache.get("schema")
    if found is None:
        found = doc.cache["schema"] = _validate(doc)
    return found


def flagged(doc, path) -> bool:
    """True when a schema rule already reports the value at `path` (reconciliation then leaves it alone)."""
    paths = doc.cache.get("schema-paths")
    if paths is None:
        paths = doc.cache["schema-paths"] = {p.extra["path"] for name, p in _all(doc)
                                             if "path" in p.extra and name != missing_field.NAME}
    return tuple(path) in paths


def _validate(doc) -> list[tuple[str, Problem]]:
    fmt_schema = doc.format.schema
    index = fmt_schema.index
    found: list[tuple[str, Problem]] = []
    _scalar_traps(doc, index, found)
    seen: set[tuple] = set()
    for error in fmt_schema.errors(doc.frontmatter):
        for name, problem in _from_error(doc, index, error):
            # jsonschema yields a `required` error per missing key, each naming all of them
            key = (name, problem.line, problem.column, problem.message)
            if key not in seen:
                seen.add(key)
                found.append((name, problem))
    found = _one_per_value(doc, found)
    _unknown_fields(doc, index, found)
    # A misspelt required key is one defect: report it as the unknown key with its
    # did-you-mean, not also as the missing key it was meant to be.
    meant = {p.extra["meant"] for name, p in found if name == unknown_field.NAME and "meant" in p.extra}
    return [(name, p) for name, p in found if not (name == missing_field.NAME and p.extra.get("path") in meant)]


def _one_per_value(doc, found: list) -> list:
    """One finding per value: a wrong type hides the value's other failures (`confidence: high` is
    not also "not one of 1, 2, 3"), and a scalar yaml-syntax could not read is not judged again."""
    typed = {p.extra["path"] for name, p in found if name == wrong_type.NAME and "path" in p.extra}
    kept = []
    for name, problem in found:
        path = problem.extra.get("path")
        if path is not None and name not in (wrong_type.NAME, missing_field.NAME, yaml_implicit_type.NAME):
            located = doc.positions.get(path)
            if path in typed or (located is not None and id(located.node) in doc.unreadable):
                continue
        kept.append((name, problem))
    return kept


def _scalar_traps(doc, index: SchemaIndex, found: list) -> None:
    """YAML 1.1 typing traps: a plain scalar read as a bool/number/date where text is meant
    (and `.nan`/`.inf`, which pass any range check, where a number is meant). The candidates, every
    readable plain scalar typed so, with its value, are those the YAML walk noted (`walked.typed`)."""
    for path, (located, value) in doc.walked.typed.items():
        node = located.node
        types, formats = index.types(path)
        if isinstance(value, float) and not math.isfinite(value) and "number" in types:
            found.append((wrong_type.NAME, Problem(located.line, located.column,
                                                   wrong_type.not_a_number(path, node.value, value),
                                                   extra={"path": path})))
            continue
        if "string" not in types:
            continue
        text = node.value
        if node.tag == yamlnodes.TIMESTAMP:
            read_as = None if formats & {"date", "date-time"} else "a date"
        elif node.tag == yamlnodes.BOOL:
            read_as = None if "boolean" in types else f"the boolean `{str(value).lower()}`"
        else:
            numeric_ok = "number" in types or (node.tag == yamlnodes.INT and "integer" in types)
            read_as = None if numeric_ok and _round_trips(text, value) else f"the number {value!r}"
        if read_as is None:
            continue
        edit = replace_value(doc, path, quoted(text))
        found.append((yaml_implicit_type.NAME, Problem(located.line, located.column,
                                                       yaml_implicit_type.read_as(path, text, read_as),
                                                       extra={"path": path}, fix=yaml_implicit_type.quote(text, edit))))
        _set(doc.frontmatter, path, text)  # check the rest against what the author meant
        doc.walked.texts[path] = text


def _round_trips(text: str, value: Any) -> bool:
    return (repr(value) if isinstance(value, float) else str(value)) == text


def _set(container: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        container = container[part]
    container[path[-1]] = value


def _from_error(doc, index: SchemaIndex, error) -> list[tuple[str, Problem]]:
    keyword = error.validator
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        return []  # reported by _unknown_fields, with positions per key and hints
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    rule = (schema.get("x-rule") or {}).get(keyword) or _DEFAULT_RULE.get(keyword, invalid_value.NAME)
    custom = (schema.get("x-message") or {}).get(keyword)
    instance = error.instance
    if keyword == "required":
        line, column = doc.position(path, key=True)
        out = []
        for key in error.validator_value:
            if isinstance(instance, dict) and key not in instance:
                message = missing_field.required(path + (key,), index.describe(path + (key,)))
                out.append((rule, Problem(line, column, message, extra={"path": path + (key,)})))
        return out
    line, column = doc.position(path)
    if custom:
        message = custom
    elif keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        message = wrong_type.expected(path, instance, expected, index.describe(path))
    elif keyword in _RANGE:
        message = score_out_of_range.outside(path, instance, schema.get("minimum", "?"), schema.get("maximum", "?"))
    elif keyword == "enum":
        message = invalid_value.not_one_of(path, instance, error.validator_value)
    elif keyword == "format":
        message = invalid_value.bad_format(path, instance, error.validator_value)
    elif keyword == "minLength":
        message = invalid_value.empty(path)
    else:
        message = invalid_value.refused(path, error.message)
    return [(rule, Problem(line, column, message, extra={"path": path}))]


def _unknown_fields(doc, index: SchemaIndex, found: list) -> None:
    """Each key of a mapping the schema closes that it does not name, from the mappings the YAML walk
    noted (`walked.mappings`): the schema is asked once per mapping, not once per key."""
    positions = doc.positions
    for parent, mapping in doc.walked.mappings.items():
        closed = index.closed_keys(parent)
        if closed is None:
            continue
        for key in mapping:
            if key in closed:
                continue
            path = parent + (key,)
            located = positions.get(path)
            if located is None:
                continue  # a value left unbuilt (yamlnodes.parse's `only`)
            _unknown_field(doc, index, found, path, located)


def _unknown_field(doc, index: SchemaIndex, found: list, path: tuple, located) -> None:
    """The finding of the unknown key at `path`, with the hint that fits: did you mean, it is already
    written where it belongs, it belongs elsewhere, or nothing of the kind is defined."""
    parent, key = path[:-1], path[-1]
    known = index.known_keys(parent)  # in the schema's order, for the hint
    normal = key.lower().replace("-", "_").replace(" ", "_")
    close = [k for k in known if k == normal] or difflib.get_close_matches(key, known, n=1, cutoff=0.75)
    elsewhere = [p for p in index.property_paths() if p[-1] == key and p[:-1] != parent]
    written = [p for p in elsewhere if p in doc.positions]  # the key is already where it belongs
    if close:
        hint, extra = unknown_field.did_you_mean(close[0]), {"meant": parent + (close[0],)}
    elif written:
        there, here = doc.get(*written[0]), doc.get(*path)
        line = doc.positions[written[0]].key_line
        if _same_value(there, here):
            hint = unknown_field.duplicates(written[0], line)
        else:
            hint = unknown_field.conflicts(written[0], line, there, here)
        extra = {}
    elif elsewhere:
        hint, extra = unknown_field.belongs_at(elsewhere[0]), {}
    else:
        hint, extra = unknown_field.undefined(), {}
    found.append((unknown_field.NAME, Problem(located.key_line, located.key_column,
                                              unknown_field.unknown(key, parent, hint), extra=extra)))


def _same_value(a: Any, b: Any) -> bool:
    """Equal as YAML values: `3` and `3.0` are, `3` and `true` or `"3"` are not."""
    if type(a) is bool or type(b) is bool:
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_value(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b
