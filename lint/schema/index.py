"""What a format's schema says about a path (types, keys, descriptions), following `$ref`s without referencing."""

from __future__ import annotations

import re
from typing import Any, NamedTuple


class SchemaIndex:
    """Answers "what does the schema say about this path?" without validating."""

    def __init__(self, resolver, root_uri: str) -> None:
        self._root = resolver.lookup(root_uri)  # a `Resolver`, or referencing's
        self._memo: dict[tuple, list] = {}
        self._closed: dict[tuple, frozenset | None] = {}
        self._types: dict[tuple, tuple[frozenset, frozenset]] = {}
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

    def types(self, path: tuple) -> tuple[frozenset[str], frozenset[str]]:
        """The types and formats the value at `path` may have. Asked for every plain scalar YAML reads
        as a bool, number or date (about 16 a file): remembered per path as written."""
        try:
            return self._types[path]
        except KeyError:
            pass
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
        if len(self._types) > 50_000:  # list indices make paths of their own: a huge list must not hoard
            self._types.clear()
        found = self._types[path] = (frozenset(types), frozenset(formats))
        return found

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


class _Resolved(NamedTuple):
    contents: Any
    resolver: "Resolver"


class Resolver:
    """referencing's `Resolver.lookup` for the `$ref`s our schemas use: `#/json/pointer`, another
    resource's `$id`, or both. `for_resources` gives None when a schema uses anything else (a relative
    URI, an anchor, an escaped pointer, an embedded `$id`, `$dynamicRef`), and referencing resolves it."""

    _SIMPLE_POINTER = re.compile(r"#(/[^~%/#]+)*")

    def __init__(self, resources: dict[str, dict], base: str) -> None:
        self.resources = resources
        self.base = base

    @classmethod
    def for_resources(cls, resources: dict[str, dict], root_uri: str) -> Resolver | None:
        if root_uri not in resources:
            return None
        for contents in resources.values():
            for node, top in subschemas(contents):
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
        return _Resolved(contents, self if base == self.base else Resolver(self.resources, base))


def subschemas(schema: Any, top: bool = True):
    """Every mapping in a schema document, with whether it is the document itself."""
    if isinstance(schema, dict):
        yield schema, top
        for value in schema.values():
            yield from subschemas(value, False)
    elif isinstance(schema, list):
        for value in schema:
            yield from subschemas(value, False)
