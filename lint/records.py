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


def from_data(path: str, data: dict[str, Any], formats) -> Record:
    """The record of `path` from its plain form (cache.record_of; cache.valid_record checked it)."""
    from .formats import by_name

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
