"""One format's validators, built once per run: jsonschema to describe errors, jsonschema-rs to say "valid" fast."""

from __future__ import annotations

import datetime
import json
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RULES
from .index import Resolver, SchemaIndex, subschemas

if TYPE_CHECKING:
    from referencing import Registry


def _closed_is_checked_elsewhere(base, keyword: str):
    """`additionalProperties: false` / `unevaluatedProperties: false` stay in the schemas (editors
    use them) but the validator skips them: `errors.py` reports each unknown key at its own
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
    """jsonschema's Draft 2020-12 validator with closed mappings left to the unknown-key walk in
    `errors.py`. Imported on first use: a run that checks no file anew (a warm run) never pays jsonschema's import (0.05 s)."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {
        keyword: _closed_is_checked_elsewhere(Draft202012Validator, keyword)
        for keyword in ("additionalProperties", "unevaluatedProperties")
    })


class FormatSchema:
    """One format's validator and index, built once per run.

    jsonschema and referencing (about 0.15 s to import) are imported only when a file is invalid or
    jsonschema-rs is missing: the index follows `$ref`s with `Resolver`, and jsonschema-rs checks
    formats with `FORMATS`, so a one-file pre-commit run on a valid file never pays for them."""

    def __init__(self, folder: Path, root_uri: str) -> None:
        self.resources: dict[str, dict] = {}
        for schema_file in sorted(folder.glob("*.schema.json")):
            contents = json.loads(schema_file.read_text(encoding="utf-8"))
            # Without `$schema`, jsonschema keeps our validator class when it follows a `$ref` into the
            # resource; with it, it switches to the stock Draft202012Validator there.
            self.resources[contents["$id"]] = {k: v for k, v in contents.items() if k != "$schema"}
        self.root_uri = root_uri
        unknown = {rule for contents in self.resources.values() for node, _ in subschemas(contents)
                   if isinstance(node.get("x-rule"), dict) for rule in node["x-rule"].values() if rule not in RULES}
        if unknown:  # its findings would be dropped: a developer error, reported as internal-error
            raise ValueError(f"{folder}: `x-rule` names {sorted(unknown)}, which the schema layer does not "
                             f"report (it reports {', '.join(sorted(RULES))})")
        resolver = Resolver.for_resources(self.resources, root_uri)
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
