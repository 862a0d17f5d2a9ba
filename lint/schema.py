"""JSON Schema validation of frontmatter, with every error turned into a finding at its line.

The validator is built once per format. Errors map to rules by keyword
(`required` -> missing-field, `type` -> wrong-type, anything else ->
invalid-value) unless the failing subschema names a rule itself with
`"x-rule": {keyword: rule}` (and optionally `"x-message"`); an `x-rule` must name
one of the rules in `RULES`. The words come from the rule modules' message
builders, chosen by keyword (a range's from score-out-of-range, whichever rule
reports it). Unknown keys are
found by walking the document against the schema (`SchemaIndex`), which also
gives did-you-mean hints; the same index tells which types a path accepts, so
YAML 1.1 typing traps can be recognised before validation.
"""

from __future__ import annotations

import datetime
import difflib
import json
import math
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from yaml.nodes import ScalarNode

from . import yamlnodes
from .edits import quoted, replace_value
from .findings import Problem
from .rules import invalid_value, missing_field, score_out_of_range, unknown_field, wrong_type, yaml_implicit_type

if TYPE_CHECKING:
    from referencing import Registry

# The rules this layer reports, each writing its own messages; what an `x-rule` may name.
RULES = {module.NAME: module for module in (missing_field, wrong_type, invalid_value, score_out_of_range,
                                            unknown_field, yaml_implicit_type)}
_DEFAULT_RULE = {"required": missing_field.NAME, "type": wrong_type.NAME}
_RANGE = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


class SchemaIndex:
    """Answers "what does the schema say about this path?" without validating."""

    def __init__(self, resolver, root_uri: str) -> None:
        self._root = resolver.lookup(root_uri)  # a `_Resolver`, or referencing's
        self._memo: dict[tuple, list] = {}
        self._closed: dict[tuple, frozenset | None] = {}
        self._property_paths: list[tuple[str, ...]] | None = None

    def _flatten(self, schema: Any, resolver, depth: int = 0) -> list:
        if not isinstance(schema, dict) or depth > 32:
            return []
        out = [(schema, resolver)]
        if "$ref" in schema:
            resolved = resolver.lookup(schema["$ref"])
            out += self._flatten(resolved.contents, resolved.resolver, depth + 1)
        for keyword in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(keyword, ()):
                out += self._flatten(sub, resolver, depth + 1)
        return out

    def at(self, path: tuple) -> list:
        generic = tuple(0 if isinstance(p, int) else p for p in path)
        if generic in self._memo:
            return self._memo[generic]
        if not generic:
            flat = self._flatten(self._root.contents, self._root.resolver)
        else:
            flat = []
            for schema, resolver in self.at(generic[:-1]):
                for child in _children(schema, generic[-1]):
                    flat += self._flatten(child, resolver)
        self._memo[generic] = flat
        return flat

    def types(self, path: tuple) -> tuple[set[str], set[str]]:
        types: set[str] = set()
        formats: set[str] = set()
        for schema, _ in self.at(path):
            kind = schema.get("type")
            if isinstance(kind, str):
                types.add(kind)
            elif isinstance(kind, list):
                types.update(kind)
            if "format" in schema:
                formats.add(schema["format"])
        return types, formats

    def is_closed(self, path: tuple) -> bool:
        flat = self.at(path)
        closed = any(s.get("additionalProperties") is False or s.get("unevaluatedProperties") is False
                     for s, _ in flat)
        return closed and not any(isinstance(s.get("additionalProperties"), dict) for s, _ in flat)

    def closed_keys(self, path: tuple) -> frozenset | None:
        """The keys the mapping at `path` may hold when the schema closes it, else None. Asked for
        every key of every file (about 100 a file): remembered per path as written."""
        try:
            return self._closed[path]
        except KeyError:
            keys = frozenset(self.known_keys(path)) if self.is_closed(path) else None
            if len(self._closed) > 50_000:  # list indices make paths of their own: a huge list must not hoard
                self._closed.clear()
            self._closed[path] = keys
            return keys

    def known_keys(self, path: tuple) -> list[str]:
        keys: dict[str, None] = {}
        for schema, _ in self.at(path):
            keys.update(dict.fromkeys(schema.get("properties", ())))
        return list(keys)

    def describe(self, path: tuple) -> str:
        return next((s["description"] for s, _ in self.at(path) if "description" in s), "")

    def property_paths(self) -> list[tuple[str, ...]]:
        """Every path the schema names explicitly, for "this key belongs under X" hints."""
        if self._property_paths is None:
            found: list[tuple[str, ...]] = []
            todo: list[tuple[str, ...]] = [()]
            while todo:
                path = todo.pop()
                for key in self.known_keys(path):
                    if len(path) < 4 and path + (key,) not in found:
                        found.append(path + (key,))
                        todo.append(path + (key,))
            self._property_paths = found
        return self._property_paths


def _children(schema: dict, segment: Any) -> list:
    if isinstance(segment, int):
        items = schema.get("items")
        return [items] if isinstance(items, dict) else []
    properties = schema.get("properties", {})
    if segment in properties:
        return [properties[segment]]
    for pattern, sub in schema.get("patternProperties", {}).items():
        if re.search(pattern, segment):
            return [sub]
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        if isinstance(schema.get(keyword), dict):
            return [schema[keyword]]
    return []


def _closed_is_checked_elsewhere(base, keyword: str):
    """`additionalProperties: false` / `unevaluatedProperties: false` stay in the schemas (editors
    use them) but the validator skips them: `_unknown_fields` reports each unknown key at its own
    line with a hint. Skipping them halves validation time (unevaluatedProperties re-validates
    every group to learn which keys were evaluated)."""
    original = base.VALIDATORS[keyword]  # base: jsonschema's Draft202012Validator

    def check(validator, value, instance, schema):
        if value is False:
            return ()
        return original(validator, value, instance, schema)

    return check


@lru_cache(maxsize=1)
def _validator_class():
    """jsonschema's Draft 2020-12 validator with closed mappings left to `_unknown_fields`. Imported
    on first use: a run that checks no file anew (a warm run) never pays jsonschema's import (0.05 s)."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {
        keyword: _closed_is_checked_elsewhere(Draft202012Validator, keyword)
        for keyword in ("additionalProperties", "unevaluatedProperties")
    })


class FormatSchema:
    """One format's validator and index, built once per run.

    jsonschema and referencing (about 0.15 s to import) are imported only when a file is invalid or
    jsonschema-rs is missing: the index follows `$ref`s with `_Resolver`, and jsonschema-rs checks
    formats with `FORMATS`, so a one-file pre-commit run on a valid file never pays for them."""

    def __init__(self, folder: Path, root_uri: str) -> None:
        self.resources: dict[str, dict] = {}
        for schema_file in sorted(folder.glob("*.schema.json")):
            contents = json.loads(schema_file.read_text(encoding="utf-8"))
            # Without `$schema`, jsonschema keeps our validator class when it follows a `$ref` into the
            # resource; with it, it switches to the stock Draft202012Validator there.
            self.resources[contents["$id"]] = {k: v for k, v in contents.items() if k != "$schema"}
        self.root_uri = root_uri
        unknown = {rule for contents in self.resources.values() for node, _ in _subschemas(contents)
                   if isinstance(node.get("x-rule"), dict) for rule in node["x-rule"].values() if rule not in RULES}
        if unknown:  # its findings would be dropped: a developer error, reported as internal-error
            raise ValueError(f"{folder}: `x-rule` names {sorted(unknown)}, which the schema layer does not "
                             f"report (it reports {', '.join(sorted(RULES))})")
        resolver = _Resolver.for_resources(self.resources, root_uri)
        self.index = SchemaIndex(resolver or self.registry.resolver(), root_uri)
        self.fast = _fast_validator(self.resources, root_uri)

    @cached_property
    def registry(self) -> Registry:
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        resources = [(uri, DRAFT202012.create_resource(contents)) for uri, contents in self.resources.items()]
        return Registry().with_resources(resources).crawl()

    @cached_property
    def validator(self):
        validator_class = _validator_class()
        return validator_class(self.registry.contents(self.root_uri), registry=self.registry,
                               format_checker=validator_class.FORMAT_CHECKER)

    def errors(self, instance) -> list:
        """jsonschema's errors for `instance`. Most frontmatter is valid: jsonschema-rs says so in
        0.06 ms where jsonschema needs 2.2 ms, so jsonschema runs only to describe the errors."""
        try:
            if self.fast is not None and self.fast.is_valid(instance):
                return []
        except (TypeError, ValueError, OverflowError):
            pass  # a value jsonschema-rs cannot take (a date, a huge integer): jsonschema decides
        return list(self.validator.iter_errors(instance))


class _Resolved(NamedTuple):
    contents: Any
    resolver: "_Resolver"


class _Resolver:
    """referencing's `Resolver.lookup` for the `$ref`s our schemas use: `#/json/pointer`, another
    resource's `$id`, or both. `for_resources` gives None when a schema uses anything else (a relative
    URI, an anchor, an escaped pointer, an embedded `$id`, `$dynamicRef`), and referencing resolves it."""

    _SIMPLE_POINTER = re.compile(r"#(/[^~%/#]+)*")

    def __init__(self, resources: dict[str, dict], base: str) -> None:
        self.resources = resources
        self.base = base

    @classmethod
    def for_resources(cls, resources: dict[str, dict], root_uri: str) -> _Resolver | None:
        if root_uri not in resources:
            return None
        for contents in resources.values():
            for node, top in _subschemas(contents):
                if "$dynamicRef" in node or "$anchor" in node or "$dynamicAnchor" in node:
                    return None
                if "$id" in node and not top:
                    return None
                ref = node.get("$ref")
                if ref is not None and (not isinstance(ref, str) or cls._split(ref, resources) is None):
                    return None
        return cls(resources, root_uri)

    @classmethod
    def _split(cls, ref: str, resources: dict[str, dict]) -> tuple[str | None, list[str]] | None:
        uri, hash_, fragment = ref.partition("#")
        if uri and uri not in resources:
            return None
        if hash_ and not cls._SIMPLE_POINTER.fullmatch("#" + fragment):
            return None
        return uri or None, [p for p in fragment.split("/")[1:]]

    def lookup(self, ref: str) -> _Resolved:
        uri, pointer = self._split(ref, self.resources)
        base = uri or self.base
        contents: Any = self.resources[base]
        for part in pointer:
            contents = contents[int(part)] if isinstance(contents, list) else contents[part]
        return _Resolved(contents, self if base == self.base else _Resolver(self.resources, base))


def _subschemas(schema: Any, top: bool = True):
    """Every mapping in a schema document, with whether it is the document itself."""
    if isinstance(schema, dict):
        yield schema, top
        for value in schema.values():
            yield from _subschemas(value, False)
    elif isinstance(schema, list):
        for value in schema:
            yield from _subschemas(value, False)


_RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return bool(_RE_DATE.fullmatch(value) and datetime.date.fromisoformat(value))
    except ValueError:
        return False


def _is_date_time(value: object) -> bool:
    try:
        from rfc3339_validator import validate_rfc3339
    except ImportError:
        return True  # jsonschema checks date-time only when rfc3339-validator is installed
    return not isinstance(value, str) or validate_rfc3339(value.upper())


# jsonschema's own format checks (jsonschema/_format.py) for the formats our schemas use, so that
# jsonschema-rs says what jsonschema would without importing it; tests/test_schema_fast.py compares them.
FORMATS = {"date": _is_date, "date-time": _is_date_time}


def _fast_validator(resources: dict[str, dict], root_uri: str):
    """The same schemas for jsonschema-rs, with the same semantics as `_validator_class`: closed mappings
    are not checked (see `_closed_is_checked_elsewhere`) and formats are checked as jsonschema's own
    format checker checks them, so both always agree on what is valid (tests/test_schema_fast.py)."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    schemas = [(uri, _open(contents)) for uri, contents in resources.items()]
    used = {f for _, contents in schemas for f in _formats_in(contents)}
    formats = {name: FORMATS.get(name) or (lambda value, name=name: _validator_class().FORMAT_CHECKER.conforms(
        value, name)) for name in used}
    return jsonschema_rs.Draft202012Validator(dict(schemas)[root_uri], registry=jsonschema_rs.Registry(schemas),
                                              validate_formats=True, formats=formats)


def _open(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {k: _open(v) for k, v in schema.items()
                if not (k in ("additionalProperties", "unevaluatedProperties") and v is False)}
    if isinstance(schema, list):
        return [_open(v) for v in schema]
    return schema


def _formats_in(schema: Any):
    if isinstance(schema, dict):
        if isinstance(schema.get("format"), str):
            yield schema["format"]
        for value in schema.values():
            yield from _formats_in(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _formats_in(value)


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
    (and `.nan`/`.inf`, which pass any range check, where a number is meant)."""
    for path, located in doc.positions.items():
        node = located.node
        if not path or not isinstance(node, ScalarNode) or node.style:  # plain style: None or ""
            continue
        if node.tag not in (yamlnodes.BOOL, yamlnodes.INT, yamlnodes.FLOAT, yamlnodes.TIMESTAMP):
            continue
        if id(node) in doc.unreadable:
            continue  # yaml-syntax already said it could not be read; it was kept as text
        types, formats = index.types(path)
        value = doc.get(*path)
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
    for path, located in doc.positions.items():
        if not path or not isinstance(path[-1], str):
            continue
        parent, key = path[:-1], path[-1]
        closed = index.closed_keys(parent)
        if closed is None or key in closed:
            continue
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
