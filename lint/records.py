"""What the library index holds of one file: a `Record`, not a document.

A run checks some files and indexes the others; the library rules see every file through its
record: its identity (the frontmatter's identity keys), its format, where its identity keys and
link lists are written, which of those lists a fix can add to, its facts (status, domain,
scores) and its links. Records cross process boundaries and the cache as plain data (the dict
`cache.record_of` makes); `from_data` turns that into a `Record`, `of_document` makes one from a
document read in this process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from . import yamlnodes
from .document import Document
from .yamlnodes import Located
from .links import Link

IDENTITY_KEYS = ("id", "slug", "title", "aliases", "aliases_list")  # the frontmatter keys a record keeps


@dataclass(eq=False, slots=True)
class Record:
    path: str
    is_pattern: bool
    format: Any = None  # formats.Format, or None when not a pattern in a known format
    frontmatter: dict | None = None  # the identity keys only; None when the frontmatter is not a mapping
    frontmatter_line: int = 0
    positions: dict[tuple, Located] = field(default_factory=dict)  # identity keys and link lists
    listable: frozenset = frozenset()  # the list paths a fix can add an entry to (edits.can_add_to_list)
    facts: dict[str, Any] = field(default_factory=dict)  # status, domain, scores (formats' `facts`)
    links: list[Link] = field(default_factory=list)

    def position(self, path: tuple, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or key) at `path`, or of its nearest written ancestor (as
        Document.position)."""
        return yamlnodes.position(self.positions, path, self.frontmatter_line or 1, key)


def from_data(path: str, data: dict[str, Any], formats, shared: "Shared | None" = None) -> Record:
    """The record of `path` from its plain form (cache.record_of; cache.valid_record checked it).
    `shared`: made one object with the equal values of the other records made through it."""
    from .formats import by_name

    if shared is not None:
        return shared.record(path, data, by_name(data["format"], formats) if data["format"] else None)
    return Record(
        path=path,
        is_pattern=bool(data["is_pattern"]),
        format=by_name(data["format"], formats) if data["format"] else None,
        frontmatter=data["frontmatter"],
        frontmatter_line=data["frontmatter_line"],
        positions={tuple(p[0]): Located(p[1], p[2], p[3], p[4], None) for p in data["positions"]},
        listable=frozenset(tuple(p) for p in data.get("listable", ())),
        facts=data.get("facts") or {},
        links=[Link(k[0], k[1], k[2], k[3], k[4], tuple(k[5]) if k[5] is not None else None, k[6])
               for k in data["links"]],
    )


class Shared:
    """Records that hold one object for each of their equal values (keys' paths, positions, link
    types and targets, listable sets): the language server keeps every record of a library in
    memory, and 20,000 generated files' records took 210 MB, 80 MB shared. Records from plain
    data only: their positions carry no YAML node, and nothing changes a record's values."""

    __slots__ = ("values", "places")

    def __init__(self) -> None:
        self.values: dict = {}  # a string, a path (tuple of strings and ints) or a set of paths -> itself
        self.places: dict[tuple, Located] = {}  # (line, column, key line, key column) -> a Located

    def record(self, path: str, data: dict[str, Any], format) -> Record:
        value, key = self.value, self.path
        places = self.places
        positions = {}
        for p in data["positions"]:
            place = (p[1], p[2], p[3], p[4])
            located = places.get(place)
            if located is None:
                located = places[place] = Located(p[1], p[2], p[3], p[4], None)
            positions[key(p[0])] = located
        listable = [key(p) for p in data.get("listable", ())]
        facts = data.get("facts") or {}
        return Record(
            path=path, is_pattern=bool(data["is_pattern"]), format=format, frontmatter=data["frontmatter"],
            frontmatter_line=data["frontmatter_line"], positions=positions,
            listable=self._set(listable),
            facts={value(k): value(v) if type(v) is str else v for k, v in facts.items()},
            links=[Link(value(k[0]), value(k[1]) if k[1] is not None else None, value(k[2]), k[3], k[4],
                        key(k[5]) if k[5] is not None else None, k[6]) for k in data["links"]],
        )

    def value(self, text):
        return self.values.setdefault(text, text) if type(text) is str else text

    def path(self, items) -> tuple:
        """The tuple of `items`, shared when they are strings and integers (True equals 1 and 1.0:
        a path with a boolean or a number of another type is never shared)."""
        made = tuple(items)
        for item in made:
            kind = type(item)
            if kind is not str and kind is not int:
                return made
        return self.values.setdefault(made, made)

    def _set(self, paths: list[tuple]) -> frozenset:
        made = frozenset(paths)
        if all(self.values.get(p) is p for p in paths):  # every path shared: no boolean in any
            return self.values.setdefault(made, made)
        return made


def of_document(doc: Document) -> Record:
    """The record of a document read in this process (its positions keep their YAML nodes)."""
    from . import links
    from .edits import can_add_to_list

    fm = doc.frontmatter
    known = doc.is_pattern and doc.format is not None
    return Record(
        path=doc.path, is_pattern=doc.is_pattern, format=doc.format,
        frontmatter={k: fm[k] for k in IDENTITY_KEYS if k in fm} if isinstance(fm, dict) else None,
        frontmatter_line=doc.frontmatter_line, positions=dict(doc.positions),
        listable=frozenset(path for path in doc.positions if can_add_to_list(doc, path)),
        facts={name: doc.get(*path) for name, path in (doc.format.facts.items() if known else ()) if path},
        links=links.of(doc) if known else [],
    )


@functools.lru_cache(maxsize=4)
def index_paths(known: tuple) -> dict | None:
    """The paths the library index reads of a file it does not check (cache.record_of: the identity
    keys, where each format keeps its links, and its facts), as yamlnodes.parse's `only`; None when a
    format reads every top-level list as a relationship. A path to a mapping asks for all of it."""
    paths = [(key,) for key in IDENTITY_KEYS]
    for fmt in known:
        links = fmt.links
        for group in links.get("relationships", ()):
            if group:
                paths.append(tuple(group))
            elif links.get("relationship_keys"):
                paths += [(key,) for key in links["relationship_keys"]]
            else:
                return None
        if links.get("inferred"):
            paths.append(tuple(links["inferred"]["path"]))
        paths += [tuple(path) for path in fmt.facts.values() if path]
    spec: dict = {}
    for path in sorted(paths, key=len, reverse=True):  # a shorter path (more of the value) wins
        node = spec
        for part in path[:-1]:
            node = node.setdefault(part, {}) if node.get(part, {}) is not None else None
            if node is None:
                break
        else:
            node[path[-1]] = None
    return spec
