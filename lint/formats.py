"""Frontmatter formats: which one a file is written in, and what we know about each.

Each format is data in `schemas/<name>/`: a `format.json` (how to detect it,
its schema, its vocabularies) and its JSON Schemas. Adding a format means
adding a folder, not code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from . import SCHEMAS_DIR


@dataclass(frozen=True)
class Vocabulary:
    name: str
    values: tuple[str, ...]
    path: tuple[str, ...] = ()  # the value at this path must be a known value...
    keys_of: tuple[str, ...] = ()  # ...or the keys of the mapping at this path must be


class Format:
    def __init__(self, folder: Path, spec: dict[str, Any]) -> None:
        self.folder = folder
        self.name: str = spec["name"]
        self.title: str = spec["title"]
        self.priority: int = spec.get("priority", 100)  # detection order: lower first
        self.schema_uri: str = spec["schema"]
        self.detect_doc: str = spec.get("detect_doc", "")
        detect = spec.get("detect", {})
        self._any_key = tuple(detect.get("any_key", ()))
        self._no_key = tuple(detect.get("no_key", ()))
        self.body: dict[str, Any] = spec.get("body", {})  # section list and reconciliation facts
        self.links: dict[str, Any] = spec.get("links", {})  # where relationships live, and their rules
        # where status, domain and scores are (for the graph and report pages): name -> key path
        self.facts: dict[str, list[str]] = spec.get("facts", {})
        self.origin = self
        self.vocabularies = tuple(
            Vocabulary(v["name"], tuple(v["values"]), tuple(v.get("path", ())), tuple(v.get("keys_of", ())))
            for v in spec.get("vocabularies", ())
        )

    def bundled_schema(self) -> dict[str, Any]:
        """The format's schema as one self-contained JSON Schema 2020-12 document, for editors and
        other validators (a YAML language server, check-jsonschema). It accepts what `lint`'s schema
        rules accept (missing-field, unknown-field, wrong-type, invalid-value, score-out-of-range,
        yaml-implicit-type), in frontmatter as those tools read it: YAML 1.2
        (tests/test_schema_agreement.py, README's editor section). Written from the format's schemas:

        - the group schemas are embedded under `$defs`, each under the last part of its `$id`, and
          every `$ref` becomes a JSON pointer into the document: no tool has to resolve a URI (YAML
          language servers long resolved only pointers, not `$id`s of embedded resources);
        - the top level, closed in the schemas with `unevaluatedProperties: false` (the linter leaves
          closed mappings to its unknown-field walk), is closed with `additionalProperties: false` and
          the keys that walk knows there: the same keys, and one invalid field no longer makes every
          field of its group "unevaluated" too;
        - a boolean field also takes `yes`, `no`, `on` and `off`, which the linter (YAML 1.1) reads
          as booleans and YAML 1.2 tools as text.
        """
        resources = {}
        for schema_file in sorted(self.folder.glob("*.schema.json")):
            contents = json.loads(schema_file.read_text(encoding="utf-8"))
            resources[contents["$id"]] = contents
        # where each resource lives in the bundle, as a JSON pointer
        bases = {uri: "" if uri == self.schema_uri else "/$defs/" + uri.rsplit(":", 1)[-1] for uri in resources}
        root = _local_refs(resources[self.schema_uri], self.schema_uri, bases)
        embedded = {}
        for uri, contents in resources.items():
            if uri != self.schema_uri:
                contents = {k: v for k, v in contents.items() if k not in ("$schema", "$id")}
                embedded[bases[uri].rsplit("/", 1)[-1]] = _local_refs(contents, uri, bases)
        if embedded:
            clash = set(embedded) & set(root.get("$defs", {}))
            if clash:
                raise ValueError(f"{self.name}: a group schema and a `$defs` entry share the name {sorted(clash)}")
            root["$defs"] = {**root.get("$defs", {}), **embedded}
        if root.get("unevaluatedProperties") is False:
            del root["unevaluatedProperties"]
            known = self.schema.index.known_keys(())  # the keys the unknown-field walk accepts at the top
            root["properties"] = {**{key: True for key in known}, **root.get("properties", {})}
            root["additionalProperties"] = False
        return _yaml_booleans(root)

    def matches(self, frontmatter: dict[str, Any]) -> bool:
        return any(k in frontmatter for k in self._any_key) and not any(k in frontmatter for k in self._no_key)

    @cached_property
    def schema(self):
        """The validator and schema index, built on first use (jsonschema is imported only then)."""
        if self.origin is not self:
            return self.origin.schema
        from .schema import FormatSchema

        return FormatSchema(self.folder, self.schema_uri)

    origin: "Format"

    def configured(self, config) -> "Format":
        """A copy with the library's vocabularies, confidence labels and source, and relationship pairs."""
        copy = Format.__new__(Format)
        copy.__dict__.update({k: v for k, v in self.__dict__.items() if k != "schema"})
        copy.origin = self
        vocabularies = []
        for vocabulary in self.vocabularies:
            setting = config.vocabularies.get(vocabulary.name.replace(" ", "_"), {})
            values = tuple(setting["replace"]) if "replace" in setting else vocabulary.values
            values += tuple(v for v in setting.get("extend", ()) if v not in values)
            vocabularies.append(Vocabulary(vocabulary.name, values, vocabulary.path, vocabulary.keys_of))
        copy.vocabularies = tuple(vocabularies)
        copy.body = dict(self.body)
        if (config.confidence_labels or config.confidence_source) and "confidence" in self.body:
            confidence = dict(self.body["confidence"])
            confidence["labels"] = {**confidence.get("labels", {}), **config.confidence_labels}
            if config.confidence_source:
                confidence["source"] = config.confidence_source
            copy.body["confidence"] = confidence
        copy.links = dict(self.links)
        for key in ("reciprocal", "exclusive"):
            if getattr(config, key) is not None and self.links:
                copy.links[key] = getattr(config, key)
        return copy

    def __repr__(self) -> str:
        return f"Format({self.name!r})"


def _load_formats(root: Path = SCHEMAS_DIR) -> tuple[Format, ...]:
    formats = []
    for spec_file in sorted(root.glob("*/format.json")):
        formats.append(Format(spec_file.parent, json.loads(spec_file.read_text(encoding="utf-8"))))
    return tuple(sorted(formats, key=lambda f: (f.priority, f.name)))


FORMATS = _load_formats()


def detect(frontmatter: dict[str, Any], formats: tuple[Format, ...] = FORMATS) -> Format | None:
    for fmt in formats:
        if fmt.matches(frontmatter):
            return fmt
    return None


def by_name(name: str, formats: tuple[Format, ...] = FORMATS) -> Format | None:
    return next((f for f in formats if f.name == name), None)


def configured(config) -> tuple[Format, ...]:
    return tuple(f.configured(config) for f in FORMATS)


def _local_refs(schema: Any, uri: str, bases: dict[str, str]) -> Any:
    """`schema` (the resource `uri`) with every `$ref` rewritten as a JSON pointer into the bundle."""
    if isinstance(schema, list):
        return [_local_refs(value, uri, bases) for value in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: _local_refs(value, uri, bases) for key, value in schema.items()}
    ref = schema.get("$ref")
    if isinstance(ref, str):
        target, _, pointer = ref.partition("#")
        target = target or uri
        if target not in bases or (pointer and not pointer.startswith("/")):
            raise ValueError(f"`$ref: {ref}` in {uri} is neither a schema of the format nor a JSON pointer")
        out["$ref"] = "#" + bases[target] + pointer
    return out


# The plain words PyYAML, like YAML 1.1, reads as booleans that a YAML 1.2 loader reads as text
# (`true`, `false` and their capitalisations are booleans in both).
YAML11_BOOLEAN_WORDS = ("yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF")


def _yaml_booleans(schema: Any) -> Any:
    """Every subschema that accepts booleans also accepts the YAML 1.1 boolean words as text."""
    if isinstance(schema, list):
        return [_yaml_booleans(value) for value in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: _yaml_booleans(value) for key, value in schema.items()}
    kind = schema.get("type")
    if kind == "boolean" or (isinstance(kind, list) and "boolean" in kind):
        if "anyOf" in out:
            raise ValueError("a boolean field with its own `anyOf` cannot be written for YAML 1.2")
        del out["type"]
        out["anyOf"] = [{"type": kind}, {"enum": list(YAML11_BOOLEAN_WORDS)}]
    return out
