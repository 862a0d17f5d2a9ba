"""What the cache keeps of a file, as JSON: its findings and suppression comments, the record the
library index needs of it (with its identity and the names its lookup rows hold), and the checks
every value read back must pass (after its checksum: a writer with a bug, or a file written by hand,
must not be able to crash a run).

The cache imports neither the rules nor the fix and suppression types: the caller gives a Decoder
that knows them."""

from __future__ import annotations

import math
import os
from typing import Any, Callable, Iterable

from .. import links
from ..document import Document
from ..findings import Finding
from ..links import lookup_key, names_of
from ..records import IDENTITY_KEYS
from ..yamlnodes import can_extend
from .keys import blob

_IDENTITY_SET = frozenset(IDENTITY_KEYS)
_new = object.__new__
# A Finding is a frozen dataclass whose fields are its instance __dict__ and whose __init__ only sets
# them: then one can be made by filling that __dict__ (tests/test_cache.py checks it equals Finding(...)).
_PLAIN_FINDING = (Finding.__dataclass_params__.frozen and "__slots__" not in vars(Finding)
                  and not hasattr(Finding, "__post_init__")
                  and [f.name for f in Finding.__dataclass_fields__.values()] ==
                  ["path", "line", "column", "code", "name", "severity", "message", "fixable", "fix"])


# Findings and suppression comments ------------------------------------------------------------------

def results_of(findings: list[Finding], directives: list, path: str | None = None) -> dict:
    """Findings and suppression comments as JSON. A finding on `path` itself (the file the entry is
    for) is kept without its path: it is shown as the file is named in the run that reads it back (the
    file's key is its absolute path; `lib/a.md` from one folder is `a.md` from another)."""
    return {
        "findings": [[f.line, f.column, f.name, f.message, None if f.path == path else f.path,
                      [f.fix.title, f.fix.safe] if f.fix else None]
                     for f in findings],
        "directives": [[d.kind, d.names, d.line, d.column, d.first, d.last] for d in directives],
    }


def _ints(values) -> bool:
    return all(type(n) is int for n in values)


def _valid_directive(d: Any) -> bool:
    return type(d) is list and len(d) == 6 and type(d[0]) is str and type(d[1]) is list \
        and all(type(n) is str for n in d[1]) and _ints(d[2:])


_RESULTS_KEYS = frozenset({"findings", "directives"})


class Decoder:
    """How kept findings and suppression comments become objects again: `rules`, the rules that ran
    (a finding's code and severity; a kept finding of any other rule is damage), `fix` makes a fix's
    summary from its title and whether it is safe, `directive` a suppression comment from its fields."""

    def __init__(self, rules: Iterable = (), fix: Callable[[str, bool], Any] | None = None,
                 directive: Callable[..., Any] | None = None) -> None:
        self.rules = {rule.name: rule for rule in rules}
        self._stamped: dict[str, dict] | None = None  # per rule: a finding's code, name and severity
        self.fix = fix
        self.directive = directive

    def valid(self, value: Any) -> bool:
        """Whether `value` is findings and suppression comments as results_of writes them (one loop
        over the findings, no call per finding: a warm run checks every finding of the library)."""
        if type(value) is not dict or value.keys() != _RESULTS_KEYS:
            return False
        findings, directives = value["findings"], value["directives"]
        if type(findings) is not list or type(directives) is not list:
            return False
        rules = self.rules
        for f in findings:
            if type(f) is not list or len(f) != 6:
                return False
            line, column, name, message, where, fix = f
            if type(line) is not int or type(column) is not int or type(name) is not str or name not in rules \
                    or type(message) is not str or (where is not None and type(where) is not str) \
                    or (fix is not None and (type(fix) is not list or len(fix) != 2 or type(fix[0]) is not str
                                             or type(fix[1]) is not bool)):
                return False
        for d in directives:
            if not _valid_directive(d):
                return False
        return True

    def findings(self, results: dict, path: str | None = None) -> list[Finding]:
        """results_of's findings, those of the entry's own file on `path` (as this run names it)."""
        out = []
        make_fix = self.fix
        stamped = self._stamped
        if stamped is None:
            stamped = self._stamped = {name: {"code": rule.code, "name": rule.name, "severity": rule.severity}
                                       for name, rule in self.rules.items()}
        for line, column, name, message, where, fix in results["findings"]:
            if where is None and path is None:
                raise ValueError("a finding without its path")
            if fix is None and _PLAIN_FINDING:  # Finding(...) without its frozen __init__ (a third of the cost)
                finding = _new(Finding)
                fields = finding.__dict__
                fields["path"] = path if where is None else where
                fields["line"] = line
                fields["column"] = column
                fields.update(stamped[name])
                fields["message"] = message
                fields["fixable"] = False
                fields["fix"] = None
                out.append(finding)
            else:
                rule = self.rules[name]
                out.append(Finding(path if where is None else where, line, column, rule.code, rule.name,
                                   rule.severity, message, fix is not None,
                                   make_fix(fix[0], fix[1]) if fix is not None else None))
        return out

    def directives(self, results: dict) -> list:
        make = self.directive
        return [make(kind, list(names), line, column, first, last)
                for kind, names, line, column, first, last in results["directives"]]


# The library record: what the library index needs of a file -----------------------------------------

def _kept(path: tuple, groups: set[str]) -> bool:
    """Positions library rules may report at: identity keys, link lists."""
    return bool(path) and ((len(path) == 1 and path[0] in IDENTITY_KEYS) or (len(path) <= 2 and path[0] in groups))


def record_of(doc: Document, body_links: bool = True) -> dict[str, Any]:
    """What the library index needs of `doc`. Without `body_links`, the links in its body are left
    out (finding them means parsing the body, 60% of indexing a file): only orphan-pattern needs
    the body links of files other than those checked, and such a record says it is partial."""
    facts = doc.format.links if doc.format is not None else {}
    groups = {g[0] for g in facts.get("relationships", ()) if g} | set(facts.get("relationship_keys", ()))
    fm = doc.frontmatter
    shallow = doc.walked.shallow  # the positions of the top two levels (the YAML walk noted them)
    kept = [path for path in shallow if _kept(path, groups)]
    return {
        "is_pattern": doc.is_pattern,
        "format": doc.format.name if doc.format is not None else None,
        "frontmatter": {k: fm[k] for k in IDENTITY_KEYS if k in fm} if isinstance(fm, dict) else None,
        "frontmatter_line": doc.frontmatter_line,
        "positions": [[list(path), p.line, p.column, p.key_line, p.key_column]
                      for path in kept for p in (shallow[path],)],
        # (edits.can_add_to_list of a document just read: its nodes are there)
        "listable": [list(path) for path in kept if can_extend(shallow[path].node)],
        "facts": _facts(doc),
        "links": [[k.kind, k.type, k.target, k.line, k.column, list(k.path) if k.path else None, k.index]
                  for k in ((links.of(doc) if body_links else links.frontmatter_links(doc))
                            if doc.is_pattern and doc.format is not None else [])],
        "body_links": body_links,
    }


def _facts(doc: Document) -> dict[str, Any]:
    """Status, domain and scores where the format keeps them (plain scalars only)."""
    out = {}
    for name, path in (doc.format.facts.items() if doc.format is not None else ()):
        value = doc.get(*path)
        if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)
                                      and math.isfinite(value)):
            out[name] = value  # not NaN or infinity (`.nan` in YAML): JSON has no word for them
    return out


def refs_of(path: str, record: dict) -> set[tuple]:
    """A file's lookup rows: (name, None) for each name a link may use for it, (name, type) for each
    of its links (the relationship or inferred link's type, else the kind of link)."""
    out = {(blob(name), None) for name in names_of(path, bool(record.get("is_pattern")), record.get("frontmatter"))}
    out.update((blob(lookup_key(link[2])), blob(link[1] or link[0])) for link in record["links"])
    return out


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def identity_of(path: str, is_pattern: bool, frontmatter: Any) -> list | None:
    """[slug, title, aliases] of a pattern as the library index sees it (library._entry: a pattern
    whose frontmatter cannot be read goes by its file name), for did-you-mean; None for other files."""
    if not is_pattern:
        return None
    if not isinstance(frontmatter, dict):
        return [os.path.splitext(os.path.basename(path))[0], None, []]
    aliases = [a for name in ("aliases", "aliases_list") if isinstance(frontmatter.get(name), list)
               for a in frontmatter[name] if isinstance(a, str)]
    return [_text(frontmatter.get("slug")), _text(frontmatter.get("title")), aliases]


# The checks of a record and an identity read back -----------------------------------------------------
# (loops, not all() over generators: a warm run after one change checks every record of the library)

def _valid_path(path: Any) -> bool:
    if type(path) is not list:
        return False
    for part in path:
        if type(part) is not str and type(part) is not int:
            return False
    return True


def _valid_positions(positions: Any) -> bool:
    if type(positions) is not list:
        return False
    for p in positions:
        if type(p) is not list or len(p) != 5:
            return False
        path, line, column, key_line, key_column = p
        if type(line) is not int or type(column) is not int or type(key_line) is not int \
                or type(key_column) is not int or not _valid_path(path):
            return False
    return True


def _valid_links(links: Any) -> bool:
    if type(links) is not list:
        return False
    for k in links:
        if type(k) is not list or len(k) != 7:
            return False
        kind, type_, target, line, column, path, index = k
        if type(kind) is not str or (type_ is not None and type(type_) is not str) or type(target) is not str \
                or type(line) is not int or type(column) is not int or type(index) is not int \
                or (path is not None and not _valid_path(path)):
            return False
    return True


_RECORD_KEYS = frozenset({"is_pattern", "format", "frontmatter", "frontmatter_line", "positions", "links"})
_RECORD_ALL = _RECORD_KEYS | {"listable", "facts", "body_links"}  # (the last three: optional)
_FACT_TYPES = (str, int, float)


def valid_record(r: Any) -> bool:
    if type(r) is not dict or not _RECORD_KEYS <= r.keys() <= _RECORD_ALL:
        return False
    fm, facts, listable = r["frontmatter"], r.get("facts", {}), r.get("listable", [])
    if type(r["is_pattern"]) is not bool or (r["format"] is not None and type(r["format"]) is not str) \
            or (fm is not None and (type(fm) is not dict or not fm.keys() <= _IDENTITY_SET)) \
            or type(r["frontmatter_line"]) is not int or type(r.get("body_links", True)) is not bool \
            or type(facts) is not dict or type(listable) is not list:
        return False
    for value in facts.values():
        if type(value) not in _FACT_TYPES:
            return False
    for path in listable:
        if not _valid_path(path):
            return False
    return _valid_positions(r["positions"]) and _valid_links(r["links"])


def valid_identity(value: Any) -> bool:
    return type(value) is list and len(value) == 3 and all(v is None or type(v) is str for v in value[:2]) \
        and type(value[2]) is list and all(type(a) is str for a in value[2])
