"""What the library index needs from each file, kept between runs.

Library rules see every pattern of the library, so a pre-commit run on one file would
otherwise parse the whole library's YAML (about 1.3 ms a file: 13 s for 10,000 patterns).
For files that are not being checked, the index needs only their identity, links and the
positions of their top-level keys; those are stored here per file, keyed by size and
modification time, and read back instead of parsing the file again. Files being checked
are always read and parsed in full.

The cache is one JSON file in a folder holding a `.gitignore` of `*` (as ruff's does), so it
never shows up in `git status`. A cache that is missing, unreadable, from another version of
pattern-lint or written for other format definitions is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from typing import Any

from . import SCHEMAS_DIR, __version__
from .document import Document
from .links import Link
from .yamlnodes import Located

FILE_NAME = "library-index.json"
IDENTITY_KEYS = ("id", "slug", "title", "aliases", "aliases_list")


def _version() -> str:
    digest = hashlib.sha256()
    for spec in sorted(SCHEMAS_DIR.glob("*/format.json")):
        digest.update(spec.read_bytes())
    return f"{__version__}:{digest.hexdigest()[:16]}"


class IndexCache:
    def __init__(self, folder: str, formats=None, config=None) -> None:
        from .formats import FORMATS

        self.folder = folder
        self.path = os.path.join(folder, FILE_NAME)
        self.formats = formats or FORMATS
        # Records depend on the format definitions and on the configuration (formats per glob).
        salt = json.dumps(config.as_dict(), sort_keys=True, default=str) if config is not None else ""
        self.version = _version() + ":" + hashlib.sha256(salt.encode()).hexdigest()[:12]
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.changed = False
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
            if isinstance(data, dict) and data.get("version") == self.version and isinstance(data.get("files"), dict):
                self.old = data["files"]
        except (OSError, ValueError):
            pass

    def get(self, path: str, stat: os.stat_result) -> Document | None:
        key = os.path.abspath(path)
        entry = self.old.get(key)
        if not isinstance(entry, dict) or entry.get("size") != stat.st_size or entry.get("mtime_ns") != stat.st_mtime_ns:
            return None
        try:
            doc = document_from(path, entry["record"], self.formats)
        except (KeyError, TypeError, ValueError):
            return None
        self.new[key] = entry
        return doc

    def put(self, path: str, stat: os.stat_result, doc: Document) -> None:
        key = os.path.abspath(path)
        old = self.old.get(key)
        if isinstance(old, dict) and old.get("size") == stat.st_size and old.get("mtime_ns") == stat.st_mtime_ns:
            self.new[key] = old  # unchanged since it was cached
            return
        self.new[key] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "record": record_of(doc)}
        self.changed = True

    def save(self) -> None:
        """Write atomically; a cache that cannot be written (read-only checkout) is simply not kept."""
        if not self.changed and set(self.new) == set(self.old):
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            ignore = os.path.join(self.folder, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as handle:
                    handle.write("# Written by pattern-lint: its cache, never to be committed.\n*\n")
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".index-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    # dumps, not dump: dump streams through the pure-Python encoder (20 s for 10,000 files)
                    handle.write(json.dumps({"version": self.version, "files": self.new}, separators=(",", ":")))
                os.replace(temp, self.path)
            except BaseException:
                os.unlink(temp)
                raise
        except OSError:
            pass


def _kept(path: tuple, groups: set[str]) -> bool:
    """Positions library rules may report at in a file they do not check: identity keys, link lists."""
    return bool(path) and ((len(path) == 1 and path[0] in IDENTITY_KEYS) or (len(path) <= 2 and path[0] in groups))


def _listable(doc: Document, path: tuple) -> bool:
    from .fix import can_add_to_list

    return can_add_to_list(doc, path)


def record_of(doc: Document) -> dict[str, Any]:
    from . import links

    facts = doc.format.links if doc.format is not None else {}
    groups = {g[0] for g in facts.get("relationships", ()) if g} | set(facts.get("relationship_keys", ()))
    fm = doc.frontmatter
    return {
        "is_pattern": doc.is_pattern,
        "format": doc.format.name if doc.format is not None else None,
        "frontmatter": {k: fm[k] for k in IDENTITY_KEYS if k in fm} if isinstance(fm, dict) else None,
        "frontmatter_line": doc.frontmatter_line,
        "positions": [[list(path), p.line, p.column, p.key_line, p.key_column]
                      for path, p in doc.positions.items() if _kept(path, groups)],
        "listable": [list(path) for path in doc.positions if _kept(path, groups) and _listable(doc, path)],
        "links": [[k.kind, k.type, k.target, k.line, k.column, list(k.path) if k.path else None, k.index]
                  for k in (links.of(doc) if doc.is_pattern and doc.format is not None else [])],
    }


def document_from(path: str, record: dict[str, Any], formats=None) -> Document:
    from .formats import FORMATS, by_name

    doc = Document(path=path)
    doc.is_pattern = bool(record["is_pattern"])
    doc.format = by_name(record["format"], formats or FORMATS) if record["format"] else None
    doc.frontmatter = record["frontmatter"]
    doc.frontmatter_line = record["frontmatter_line"]
    doc.positions = {tuple(p[0]): Located(p[1], p[2], p[3], p[4], None) for p in record["positions"]}
    doc.cache["listable"] = {tuple(p) for p in record.get("listable", ())}
    doc.cache["links"] = [Link(k[0], k[1], k[2], k[3], k[4], tuple(k[5]) if k[5] is not None else None, k[6])
                          for k in record["links"]]
    return doc


def default_folder() -> str:
    return os.environ.get("PATTERN_LINT_CACHE_DIR") or ".pattern-lint-cache"
