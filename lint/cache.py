"""What a run keeps for the next one (as ruff does): per file, its findings and what the library
index needs from it.

Each file's entry is keyed by its content hash, the linter's version with its format
definitions, and the resolved configuration (`salt`); its findings also by the rules that ran
(`rules`). A file whose size and modification time are those recorded is not read again (as
git does); otherwise its bytes are hashed, and an unchanged hash still reuses the entry. Only
file rules' findings are kept: library rules (dangling links, duplicate ids, reciprocal links,
cycles) run on every run, on the index rebuilt from the entries' records, so a warm run still
reports every dangling link after a file elsewhere changed.

The cache is one JSON file in a folder holding a `.gitignore` of `*`, so it never shows up in
`git status`. A cache that is missing, unreadable, corrupt, from another version of
pattern-lint or written for another configuration is ignored and rewritten; it is written
atomically (a temporary file renamed over the old one), and not at all when the folder is
read-only.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat as stat_module
import tempfile
from typing import Any

from . import SCHEMAS_DIR, __version__
from .document import Document
from .findings import Finding
from .links import Link
from .yamlnodes import Located

FILE_NAME = "files.json"
FOLDER_NAME = ".pattern-lint-cache"
IDENTITY_KEYS = ("id", "slug", "title", "aliases", "aliases_list")


def _version() -> str:
    digest = hashlib.sha256()
    for spec in sorted(SCHEMAS_DIR.glob("*/*.json")):
        digest.update(spec.read_bytes())
    return f"{__version__}:{digest.hexdigest()[:16]}"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Cache:
    def __init__(self, folder: str, config=None, rules: tuple = (), rule_options: dict | None = None) -> None:
        self.folder = folder
        self.path = os.path.join(folder, FILE_NAME)
        # Records depend on the format definitions and the configuration (formats per glob,
        # vocabularies); findings also on the rules that ran and their options.
        salt = json.dumps(config.as_dict() if config is not None else {}, sort_keys=True, default=str)
        self.salt = _version() + ":" + hashlib.sha256(salt.encode()).hexdigest()[:16]
        self.rules = hashlib.sha256(json.dumps([sorted(r.name for r in rules), rule_options or {}],
                                               sort_keys=True, default=str).encode()).hexdigest()[:16]
        self.old: dict[str, list] = {}
        self.new: dict[str, list] = {}
        self.changed = False
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
            if isinstance(data, dict) and data.get("salt") == self.salt and isinstance(data.get("files"), dict):
                self.old = data["files"]
                if data.get("rules") != self.rules:  # other rules ran: keep the records, not the findings
                    self.old = {k: v[:4] + [None] if isinstance(v, list) and len(v) == 5 else v
                                for k, v in self.old.items()}
        except (OSError, ValueError, RecursionError):
            pass

    # An entry: [size, mtime_ns, hash, record, results or None]

    def _entry(self, key: str) -> list | None:
        entry = self.old.get(key)
        if isinstance(entry, list) and len(entry) == 5 and isinstance(entry[3], dict):
            return entry
        return None

    def lookup(self, path: str, max_size: int, want_results: bool) -> list | None:
        """The cached entry of `path` when it still describes the file, else None."""
        key = os.path.abspath(path)
        entry = self._entry(key)
        if entry is None or (want_results and entry[4] is None):
            return None
        info = stat(path)
        if info is None or not stat_module.S_ISREG(info.st_mode) or info.st_size > max_size:
            return None
        if entry[0] == info.st_size and entry[1] == info.st_mtime_ns:
            self.new[key] = entry
            return entry
        data = read(path, max_size)
        if data is None or digest(data) != entry[2]:
            return None
        self.new[key] = [info.st_size, info.st_mtime_ns] + entry[2:]  # touched, not changed
        self.changed = True
        return self.new[key]

    def put(self, path: str, stamp: tuple, record: dict[str, Any], results: dict | None) -> None:
        """`stamp`: (size, mtime_ns, hash) of the bytes that were checked."""
        key = os.path.abspath(path)
        old = self.new.get(key) or self._entry(key)
        if old is not None and old[:3] == list(stamp) and (results is None or old[4] == results):
            self.new[key] = old
            return
        self.new[key] = [*stamp, record, results]
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
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".files-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    # dumps, not dump: dump streams through the pure-Python encoder (20 s for 10,000 files)
                    handle.write(json.dumps({"salt": self.salt, "rules": self.rules, "files": self.new},
                                            separators=(",", ":")))
                os.replace(temp, self.path)
            except BaseException:
                os.unlink(temp)
                raise
        except OSError:
            pass


def read(path: str, max_size: int) -> bytes | None:
    """The bytes of a regular file of at most `max_size` bytes; None for anything else (the
    document reader then reads it and says what is wrong)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat_module.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read(max_size + 1)
    except OSError:
        return None
    return data if len(data) <= max_size else None


def stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def stamp_of(info: os.stat_result | None, data: bytes | None) -> tuple | None:
    """(size, mtime_ns, hash) for bytes read from a file after `info` was taken, or None when they
    cannot be tied to it (it changed size meanwhile: then it is not cached)."""
    if info is None or data is None or info.st_size != len(data):
        return None
    return info.st_size, info.st_mtime_ns, digest(data)


# Findings and suppression comments, as JSON ---------------------------------------------------------

def results_of(findings: list[Finding], directives: list) -> dict:
    return {
        "findings": [[f.line, f.column, f.name, f.message, f.path, [f.fix.title, f.fix.safe] if f.fix else None]
                     for f in findings],
        "directives": [[d.kind, d.names, d.line, d.column, d.first, d.last] for d in directives],
    }


def findings_from(results: dict) -> list[Finding]:
    from . import registry
    from .fix import Fix

    out = []
    for line, column, name, message, path, fix in results["findings"]:
        rule = registry.find(name)
        out.append(Finding(path, line, column, rule.code, rule.name, rule.severity, message, fix is not None,
                           Fix(fix[0], fix[1]) if fix is not None else None))
    return out


def directives_from(results: dict) -> list:
    from .suppression import Directive

    return [Directive(kind, list(names), line, column, first, last)
            for kind, names, line, column, first, last in results["directives"]]


# What the library index needs of a file -------------------------------------------------------------

def _kept(path: tuple, groups: set[str]) -> bool:
    """Positions library rules may report at: identity keys, link lists."""
    return bool(path) and ((len(path) == 1 and path[0] in IDENTITY_KEYS) or (len(path) <= 2 and path[0] in groups))


def record_of(doc: Document) -> dict[str, Any]:
    from . import links
    from .fix import can_add_to_list

    facts = doc.format.links if doc.format is not None else {}
    groups = {g[0] for g in facts.get("relationships", ()) if g} | set(facts.get("relationship_keys", ()))
    fm = doc.frontmatter
    kept = [path for path in doc.positions if _kept(path, groups)]
    return {
        "is_pattern": doc.is_pattern,
        "format": doc.format.name if doc.format is not None else None,
        "frontmatter": {k: fm[k] for k in IDENTITY_KEYS if k in fm} if isinstance(fm, dict) else None,
        "frontmatter_line": doc.frontmatter_line,
        "positions": [[list(path), p.line, p.column, p.key_line, p.key_column]
                      for path in kept for p in (doc.positions[path],)],
        "listable": [list(path) for path in kept if can_add_to_list(doc, path)],
        "facts": _facts(doc),
        "links": [[k.kind, k.type, k.target, k.line, k.column, list(k.path) if k.path else None, k.index]
                  for k in (links.of(doc) if doc.is_pattern and doc.format is not None else [])],
    }


def _facts(doc: Document) -> dict[str, Any]:
    """Status, domain and scores where the format keeps them (plain scalars only)."""
    out = {}
    for name, path in (doc.format.facts.items() if doc.format is not None else ()):
        value = doc.get(*path)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            out[name] = value
    return out


def document_from(path: str, record: dict[str, Any], formats=None) -> Document:
    from .formats import FORMATS, by_name

    doc = Document(path=path)
    doc.is_pattern = bool(record["is_pattern"])
    doc.format = by_name(record["format"], formats or FORMATS) if record["format"] else None
    doc.frontmatter = record["frontmatter"]
    doc.frontmatter_line = record["frontmatter_line"]
    doc.positions = {tuple(p[0]): Located(p[1], p[2], p[3], p[4], None) for p in record["positions"]}
    doc.cache["facts"] = record.get("facts") or {}
    doc.cache["listable"] = {tuple(p) for p in record.get("listable", ())}
    doc.cache["links"] = [Link(k[0], k[1], k[2], k[3], k[4], tuple(k[5]) if k[5] is not None else None, k[6])
                          for k in record["links"]]
    return doc


def default_folder(library_root: str | None) -> str:
    """$PATTERN_LINT_CACHE_DIR, else `.pattern-lint-cache` in the library's root folder."""
    return os.environ.get("PATTERN_LINT_CACHE_DIR") or os.path.join(library_root or ".", FOLDER_NAME)
