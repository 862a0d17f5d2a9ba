"""The language server's library: every file's record in memory, kept up to date file by file.

Built once when the server starts (from the cache when it is warm: runner.index), then changed
one record at a time: a buffer the author edits, a file the editor reports changed, created or
deleted. What a check of a few files needs is their neighbourhood, as for a pre-commit run over
a cached library (neighbourhood.py): the patterns that share a name with them, that they link to,
that link to them, and the part of the generalization hierarchy they are in. Two dictionaries
answer that without a scan: every name (TypeID, slug, file name) to the files that hold it, and
every name a link uses to the files whose links use it. A check therefore costs the same in a
library of 300 files or 20,000.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .. import library, links as links_module
from ..records import Record


class Index:
    def __init__(self, records: list[Record], roots: list[str], formats: tuple) -> None:
        self.roots = roots
        self.records: dict[str, Record] = {}
        self.order: dict[str, int] = {}  # the listing's order: resolution takes the first of duplicates
        self.named: dict[str, set[str]] = defaultdict(set)  # a name -> the files it names
        self.linking: dict[str, set[str]] = defaultdict(set)  # a name links use -> the files whose links use it
        self.patterns = 0
        self._suggester: LiveSuggester | None = None
        self.generalization = {t for f in formats for t in (f.links.get("generalization") or {}).values()}
        for record in records:
            self.put(record)

    # -- changes ----------------------------------------------------------------------------------

    def put(self, record: Record) -> None:
        """Add `record`, or replace the record of its file."""
        path = record.path
        old = self.records.get(path)
        if old is not None:
            self._unlink(old)
        else:
            self.order[path] = len(self.order)
        self.records[path] = record
        for name in self.names(record):
            self.named[name].add(path)
        for name in self.link_names(record):
            self.linking[name].add(path)
        self.patterns += record.is_pattern
        if self._suggester is not None:
            self._suggester.change(old, record)

    def remove(self, path: str) -> Record | None:
        old = self.records.pop(path, None)
        if old is not None:
            self._unlink(old)
            self.order.pop(path, None)
            if self._suggester is not None:
                self._suggester.change(old, None)
        return old

    def _unlink(self, record: Record) -> None:
        for name in self.names(record):
            self._discard(self.named, name, record.path)
        for name in self.link_names(record):
            self._discard(self.linking, name, record.path)
        self.patterns -= record.is_pattern

    @staticmethod
    def _discard(table: dict[str, set[str]], name: str, path: str) -> None:
        paths = table.get(name)
        if paths is not None:
            paths.discard(path)
            if not paths:
                del table[name]

    # -- questions --------------------------------------------------------------------------------

    @staticmethod
    def names(record: Record) -> set[str]:
        return links_module.names_of(record.path, record.is_pattern, record.frontmatter)

    @staticmethod
    def link_names(record: Record) -> set[str]:
        return {links_module.lookup_key(link.target) for link in record.links} if record.format is not None else set()

    def neighbourhood(self, paths: list[str]) -> set[str]:
        """The files other than `paths` that can change a library finding on them (neighbourhood.py's
        rule, answered from memory)."""
        targets = [self.records[p] for p in paths if p in self.records]
        own = set().union(*(self.names(r) for r in targets)) if targets else set()
        named = set().union(*(self.link_names(r) for r in targets)) if targets else set()
        wanted = self._holding(own | named) | self._linking(own)
        if self.generalization:
            reached = set(paths)
            frontier = set(paths)
            while frontier:
                docs = [self.records[p] for p in frontier if p in self.records]
                names = set().union(*(self.names(r) for r in docs)) if docs else set()
                up = {links_module.lookup_key(link.target) for r in docs if r.format is not None for link in r.links
                      if (link.type or link.kind) in self.generalization}
                down = {p for p in self._linking(names) if any(
                    (link.type or link.kind) in self.generalization and links_module.lookup_key(link.target) in names
                    for link in self.records[p].links)}
                frontier = (down | self._holding(up)) - reached
                reached |= frontier
            wanted |= reached
        return wanted - set(paths)

    def _holding(self, names: set[str]) -> set[str]:
        return set().union(*(self.named.get(n, ()) for n in names)) if names else set()

    def _linking(self, names: set[str]) -> set[str]:
        return set().union(*(self.linking.get(n, ()) for n in names)) if names else set()

    def library_for(self, paths: list[str]) -> library.Library:
        """The library index library rules see when they report on `paths` (files of this library):
        the targets, their neighbourhood, and the rest of the library's size and names."""
        targets = [self.records[p] for p in paths if p in self.records]
        around = sorted(self.neighbourhood(paths), key=self.order.__getitem__)
        docs = targets + [self.records[p] for p in around]
        target_patterns = sum(r.is_pattern for r in targets)
        # did-you-mean over the whole library, made once and kept up to date pattern by pattern
        return library.build(docs, targets, self.roots, library.Elsewhere(
            count=lambda: self.patterns - target_patterns, names=lambda: []), self.suggester())

    def suggester(self) -> library.Suggester:
        if self._suggester is None:
            self._suggester = LiveSuggester(self.records.values())
        return self._suggester

    def resolve(self, target: str) -> Record | None:
        """The file a link names, as Library.resolve finds it: by TypeID, else by slug or file name,
        the first in the listing's order."""
        key = links_module.lookup_key(target)
        holding = [self.records[p] for p in self.named.get(key, ())]
        found = [r for r in holding if r.is_pattern and _id(r) == key] or holding
        return min(found, key=lambda r: self.order[r.path]) if found else None

    def linking_to(self, record: Record) -> list[tuple[Record, links_module.Link]]:
        """The links of other files (and of `record` itself) that name `record`, in the listing's order."""
        names = self.names(record)
        out = []
        for path in sorted(self._linking(names), key=self.order.__getitem__):
            source = self.records[path]
            for link in source.links:
                key = links_module.lookup_key(link.target)
                if key in names and self.resolve(link.target) is record:
                    out.append((source, link))
        return out


class LiveSuggester(library.Suggester):
    """library.Suggester over the records of a library, changed one record at a time: a name two
    patterns share goes to the same slug as a Suggester made afresh would give it (the smallest
    (rank, slug) of those that claim it), so the whole library's names are never read again when an
    author renames a pattern (a new Suggester took 130 ms at 3,600 files)."""

    def __init__(self, records) -> None:
        super().__init__(())
        self.claims: dict[str, Counter] = defaultdict(Counter)  # a name -> its claims: (rank, slug) -> how many
        for record in records:
            for name, claim in _claims(record):
                self.claims[name][claim] += 1
        for name in self.claims:
            self._choose(name)

    def change(self, old: Record | None, new: Record | None) -> None:
        """`old` (None: a new file) became `new` (None: gone)."""
        before, after = _claims(old), _claims(new)
        if before == after:
            return
        for name, claim in before:
            held = self.claims[name]
            held[claim] -= 1
            if held[claim] <= 0:
                del held[claim]
        for name, claim in after:
            self.claims[name][claim] += 1
        for name in {name for name, _ in before + after}:
            self._choose(name)
        self.memo.clear()

    def _choose(self, name: str) -> None:
        held = self.claims.get(name)
        if not held:
            self.claims.pop(name, None)
            if self.names.pop(name, None) is not None:
                del self.kinds[name]
                for word in set(name.split("-")):
                    _drop(self.by_word, word, name)
                _drop(self.by_prefix, name[:3], name)
            return
        rank, slug = min(held)
        if name not in self.names:
            for word in set(name.split("-")):
                self.by_word[word].append(name)
            self.by_prefix[name[:3]].append(name)
        self.names[name], self.kinds[name] = slug, rank


def _claims(record: Record | None) -> list[tuple[str, tuple[int, str]]]:
    """(name, (rank, slug)) of every name a pattern claims, as library.Suggester counts them."""
    found = library.names_for_suggestions(record) if record is not None else None
    return library.claims(*found) if found is not None else []


def _drop(table: dict[str, list[str]], key: str, name: str) -> None:
    names = table[key]
    names.remove(name)
    if not names:
        del table[key]


def _id(record: Record) -> str | None:
    fm = record.frontmatter
    value = fm.get("id") if isinstance(fm, dict) else None
    return value.strip() if isinstance(value, str) else None

