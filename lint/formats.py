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
        self.vocabularies = tuple(
            Vocabulary(v["name"], tuple(v["values"]), tuple(v.get("path", ())), tuple(v.get("keys_of", ())))
            for v in spec.get("vocabularies", ())
        )

    def matches(self, frontmatter: dict[str, Any]) -> bool:
        return any(k in frontmatter for k in self._any_key) and not any(k in frontmatter for k in self._no_key)

    @cached_property
    def schema(self):
        """The validator and schema index, built on first use (jsonschema is imported only then)."""
        from .schema import FormatSchema

        return FormatSchema(self.folder, self.schema_uri)

    def __repr__(self) -> str:
        return f"Format({self.name!r})"


def _load_formats(root: Path = SCHEMAS_DIR) -> tuple[Format, ...]:
    formats = []
    for spec_file in sorted(root.glob("*/format.json")):
        formats.append(Format(spec_file.parent, json.loads(spec_file.read_text(encoding="utf-8"))))
    return tuple(sorted(formats, key=lambda f: (f.priority, f.name)))


FORMATS = _load_formats()


def detect(frontmatter: dict[str, Any]) -> Format | None:
    for fmt in FORMATS:
        if fmt.matches(frontmatter):
            return fmt
    return None


def by_name(name: str) -> Format | None:
    return next((f for f in FORMATS if f.name == name), None)
