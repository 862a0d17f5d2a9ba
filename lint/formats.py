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
        """The format's schema as one document: the group schemas embedded under `$defs` with their
        `$id`s (a JSON Schema 2020-12 compound document), so an editor needs no other file."""
        schemas = {}
        for schema_file in sorted(self.folder.glob("*.schema.json")):
            contents = json.loads(schema_file.read_text(encoding="utf-8"))
            schemas[contents["$id"]] = contents
        root = dict(schemas.pop(self.schema_uri))
        embedded = {}
        for uri, contents in schemas.items():
            contents = {k: v for k, v in contents.items() if k != "$schema"}
            embedded[uri.rsplit(":", 1)[-1]] = contents
        if embedded:
            root["$defs"] = {**root.get("$defs", {}), **embedded}
        return root

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
        """A copy with the library's vocabularies, confidence labels and relationship pairs."""
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
        if config.confidence_labels and "confidence" in self.body:
            confidence = dict(self.body["confidence"])
            confidence["labels"] = {**confidence.get("labels", {}), **config.confidence_labels}
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
