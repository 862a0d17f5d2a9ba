"""The library as a whole: every pattern's identity, built once per run, and link resolution.

The index holds every pattern file of the library, not only the files being checked, so a
pre-commit run that passes two changed files still resolves their links against all the
others. A file whose YAML does not parse still contributes its slug from its file name,
so links to it are not reported as dangling while its own finding says what is wrong.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from .links import Link, lookup_key, names_of  # noqa: F401  (defined beside the links: the cache needs them too)
from .records import Record


@dataclass(eq=False, slots=True)
class Entry:
    """One pattern of the library."""

    record: Record
    slug: str | None  # from the frontmatter, or the file name when the frontmatter is unreadable
    id: str | None
    title: str | None
    aliases: tuple[str, ...] = ()
    stem: str = ""  # file name without extension
    slug_from_file_name: bool = False  # True when the frontmatter could not be read

    @property
    def path(self) -> str:
        return self.record.path

    @property
    def name(self) -> str:
        return self.slug or self.stem


@dataclass(frozen=True)
class Elsewhere:
    """The patterns of the library the index does not hold (other than the targets): how many, and
    their (slug, title, aliases) for did-you-mean, each worked out when a message first needs it."""

    count: Callable[[], int]
    names: Callable[[], list[tuple]]


@dataclass
class Library:
    """The patterns library rules see. For a run over a few files of a large library (pre-commit)
    `entries` holds only the targets' neighbourhood (the runner's neighbourhood: every pattern that
    could change a finding on a target), and `elsewhere` the rest of the library: `count` and
    the names for did-you-mean then describe the whole library."""

    entries: list[Entry]
    targets: list[Record]  # the files this run reports on
    roots: list[str] = field(default_factory=list)
    elsewhere: Elsewhere | None = None
    # did-you-mean over the whole library, when the caller keeps one (the language server's, made
    # once while no pattern's names change); else made from `entries` and `elsewhere`
    suggester: "Suggester | None" = None

    @cached_property
    def count(self) -> int:
        """Patterns in the whole library."""
        if self.elsewhere is None:
            return len(self.entries)
        return self.elsewhere.count() + len(self.target_entries())

    @cached_property
    def by_slug(self) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for key in {entry.slug, entry.stem} - {None, ""}:
                index[key].append(entry)
        return index

    @cached_property
    def by_id(self) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            if entry.id:
                index[entry.id].append(entry)
        return index

    @cached_property
    def _by_record(self) -> dict[int, Entry]:
        return {id(entry.record): entry for entry in self.entries}

    def entry(self, record: Record) -> Entry | None:
        """The entry of a file's record (None when it is not a pattern)."""
        return self._by_record.get(id(record))

    def target_entries(self) -> list[Entry]:
        return [e for e in (self.entry(record) for record in self.targets) if e is not None]

    def is_target(self, entry: Entry) -> bool:
        return id(entry.record) in self._target_ids

    @cached_property
    def _target_ids(self) -> set[int]:
        return {id(record) for record in self.targets}

    def resolve(self, target: str) -> Entry | None:
        """The pattern a link names by TypeID or slug (a `.md` file name works too)."""
        # memoised: every library rule resolves every link of the files checked again
        if target in self._resolved:
            return self._resolved[target]
        key = lookup_key(target)
        found = self.by_id.get(key) or self.by_slug.get(key)
        self._resolved[target] = found = found[0] if found else None
        return found

    def links_of(self, entry: Entry) -> list[Link]:
        """The entry's links (only a pattern whose format is known has any)."""
        return entry.record.links if entry.record.format is not None else []

    def incoming_to(self, entry: Entry) -> list[tuple[Entry, Link]]:
        """The entries linking to `entry`, each with its link, in the order of the index."""
        return self._incoming.get(id(entry.record), [])

    @cached_property
    def _incoming(self) -> dict[int, list[tuple[Entry, Link]]]:
        found: dict[int, list[tuple[Entry, Link]]] = defaultdict(list)
        for source in self.entries:
            for link in self.links_of(source):
                target = self.resolve(link.target)
                if target is not None:
                    found[id(target.record)].append((source, link))
        return found

    @cached_property
    def _resolved(self) -> dict[str, Entry | None]:
        return {}

    def suggest(self, target: str, exclude: str | None = None) -> str | None:
        """The pattern `target` most likely means, never `exclude` (the linking pattern: a name it
        holds as an alias would otherwise make a pattern suggest itself)."""
        return self._suggester.suggest(target, exclude)

    @cached_property
    def _suggester(self) -> "Suggester":
        if self.suggester is not None:
            return self.suggester
        if self.elsewhere is None:
            return Suggester([(e.slug, e.title, e.aliases) for e in self.entries])
        return Suggester(self.elsewhere.names() + [(e.slug, e.title, e.aliases) for e in self.target_entries()])


def dangling(library: Library, kind: str, what: str):
    """(path, line, column, message) for each link of `kind` in the checked files that names no pattern."""
    count = library.count
    where = f"({count} pattern{'s' * (count != 1)}" + (f" under {', '.join(library.roots)})" if library.roots else ")")
    for entry in library.target_entries():
        links = library.links_of(entry)
        # One missing pattern is one finding per file: a target named again (under another relationship
        # type, or twice in the body) is said in the first one's message, and inferred links naming a
        # target the relationships name are said in dangling-link's message, not reported again.
        named_by = {link.target for link in links if link.kind == "relationship"}
        inferred = {}
        for link in links:
            if link.kind == "inferred":
                inferred.setdefault(link.target, link.line)
        repeats: dict[str, list[int]] = {}  # a target named again by links of this kind: the lines after the first
        first = []
        for link in links:
            if link.kind != kind or library.resolve(link.target) is not None:
                continue
            if kind == "inferred" and link.target in named_by:
                continue
            if link.target in repeats:
                repeats[link.target].append(link.line)
            else:
                repeats[link.target] = []
                first.append(link)
        for link in first:
            named = f"`{link.type}` entry" if kind == "relationship" else what
            suggestion = library.suggest(link.target, entry.slug)
            hint = f"did you mean `{suggestion}`?" if suggestion else (
                "remove the entry (or re-run the tool that writes the graph garden), or write the missing pattern"
                if kind == "inferred" else "fix the target or write the missing pattern")
            also = []
            if repeats[link.target]:
                lines = repeats[link.target]
                also.append(f"named again on line{'s' * (len(lines) > 1)} {', '.join(map(str, lines))}")
            if kind == "relationship" and link.target in inferred:
                also.append(f"an inferred link names it too, line {inferred[link.target]}")
            shown = f" ({'; '.join(also)})" if also else ""
            yield (entry.path, link.line, link.column,
                   f"{named} `{link.target}` names no pattern in the library {where}{shown}; {hint}")


def others(entries: list[Entry], entry: Entry, shown: int = 5) -> str:
    """The paths of `entries` other than `entry`: the first `shown`, then how many more. Naming
    them all made each of 16,000 files sharing one id a message of 400 KB."""
    named = [e.path for e in entries[:shown + 1] if e is not entry][:shown]
    more = len(entries) - 1 - len(named)
    return ", ".join(named) + (f" and {more:,} more" if more > 0 else "")


def build(records: list[Record], targets: list[Record], roots: list[str],
          elsewhere: Elsewhere | None = None, suggester: "Suggester | None" = None) -> Library:
    """The index of `records` (the targets among them), the library's `roots`; `elsewhere`: the
    patterns not among `records`, when only the targets' neighbourhood was loaded."""
    entries = []
    for record in records:
        entry = _entry(record)
        if entry is not None:
            entries.append(entry)
    return Library(entries, targets, roots, elsewhere, suggester)


def _entry(record: Record) -> Entry | None:
    stem = os.path.splitext(os.path.basename(record.path))[0]
    fm = record.frontmatter
    if isinstance(fm, dict) and record.is_pattern:
        return Entry(record, _text(fm.get("slug")), _text(fm.get("id")), _text(fm.get("title")), aliases_of(fm), stem)
    if record.is_pattern:  # claims to be a pattern but its frontmatter cannot be read: the file name stands in
        return Entry(record, stem, None, None, (), stem, slug_from_file_name=True)
    return None


def aliases_of(frontmatter: dict) -> tuple[str, ...]:
    """A pattern's other names: the texts in its `aliases` and `aliases_list` lists. Any other value
    (`aliases: 5`, a mapping, a number in the list) names nothing here; the schema rules report it."""
    return tuple(name for key in ("aliases", "aliases_list") if isinstance(value := frontmatter.get(key), list)
                 for name in value if isinstance(name, str))


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def names_for_suggestions(record: Record) -> tuple | None:
    """(slug, title, aliases) did-you-mean knows a pattern by, as the index's entry of `record` has
    them; None when it is not a pattern."""
    entry = _entry(record)
    return (entry.slug, entry.title, entry.aliases) if entry is not None else None


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def claims(slug, title, aliases) -> list[tuple[str, tuple[int, str]]]:
    """(name, (rank, slug)) for each name did-you-mean knows a pattern by: its slug (rank 0), title (1)
    and aliases (2), slugified; none when it has no slug."""
    if not isinstance(slug, str) or not slug:
        return []
    out = []
    for rank, name in ((0, slug), (1, title), *((2, alias) for alias in aliases or ())):
        if isinstance(name, str) and (name := slugify(name)):
            out.append((name, (rank, slug)))
    return out


class Suggester:
    """Did-you-mean for link targets among slugs, titles and aliases.

    Comparing a target with every name is too slow for 100,000 patterns and thousands of
    dangling targets (difflib: ~250 ms per target over 100,000 names; rapidfuzz: 15 ms), so
    candidates are first narrowed to names that share a word or the first three letters with
    the target, and rapidfuzz ranks them (in a library with few distinct words the narrowed
    set is still large: difflib spent 81 s ranking 5,618 targets of a 2,000-pattern library).
    """

    CUTOFF = 80  # rapidfuzz's ratio, 0-100
    COMMON = 2000  # words shared by more names than this do not narrow anything

    def __init__(self, entries) -> None:
        """`entries`: (slug, title, aliases) of every pattern, in any order: a name two patterns
        share goes to the one whose slug it is, else whose title, else whose alias it is, and among
        those to the first slug in order (a full run and a one-file run list patterns differently)."""
        chosen: dict[str, tuple[int, str]] = {}  # a name (slugified) -> (rank, the slug to suggest)
        for slug, title, aliases in entries:
            for name, claim in claims(slug, title, aliases):
                if name not in chosen or claim < chosen[name]:
                    chosen[name] = claim
        self.names: dict[str, str] = {name: slug for name, (_, slug) in chosen.items()}
        self.kinds: dict[str, int] = {name: rank for name, (rank, _) in chosen.items()}  # 0 slug, 1 title, 2 alias
        self.by_word: dict[str, list[str]] = defaultdict(list)
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        for name in self.names:
            for word in set(name.split("-")):
                self.by_word[word].append(name)
            self.by_prefix[name[:3]].append(name)
        self.memo: dict[str, list[str]] = {}

    def suggest(self, target: str, exclude: str | None = None) -> str | None:
        query = slugify(target)
        if query not in self.memo:
            self.memo[query] = self._ranked(query)
        return next((slug for slug in self.memo[query] if slug != exclude), None)

    def _ranked(self, query: str) -> list[str]:
        """The slugs of every close name, the best first (two, as only one may be excluded)."""
        if not query or query.startswith("pat-"):
            return []  # TypeIDs are random: nothing is "close" to one
        prefixed = self.by_prefix.get(query[:3], ())
        candidates: set[str] = set(prefixed) if len(prefixed) <= self.COMMON else set()
        for word in set(query.split("-")):
            names = self.by_word.get(word, ())
            if len(names) <= self.COMMON:
                candidates.update(names)
        from rapidfuzz import fuzz, process  # only when a target dangles

        # Every name at least CUTOFF close (few). The obvious one first: the same name, then a name
        # the target begins (or that begins the target) at a word boundary, then one holding it as a
        # run of whole words (or held in it); within each, a slug before a title before an alias, then
        # the most words in common (token-set similarity), then the closest spelling. Plain edit
        # similarity alone ranked a long alias sharing two words above the slug that extends the
        # target (`choice-architecture` -> `choice-architecture-for-self`). Equally close names go by
        # the slug they suggest: never by the order of a set, which changes with the hash seed.
        close = process.extract(query, sorted(candidates), scorer=fuzz.ratio, score_cutoff=self.CUTOFF, limit=None)
        # A name that begins with a target of two or more words, at a word boundary, is close however
        # much longer it is (`subscription-model` -> `subscription-model-recurring-revenue`, 67% alike);
        # one that holds it further in is not (`systems-thinking` is no hint for the title "Finding Your
        # Systems Thinking Tribe").
        if "-" in query:
            seen = {found[0] for found in close}
            close += [(name, fuzz.ratio(query, name), None) for name in sorted(candidates)
                      if name not in seen and name.startswith(query + "-")]
        if not close:
            return []
        spaced = query.replace("-", " ")

        def rank(found):
            name, similarity = found[0], found[1]
            return (_match_class(query, name), self.kinds[name],
                    -fuzz.token_set_ratio(spaced, name.replace("-", " ")), -similarity, self.names[name], name)

        ranked = []
        for name, *_ in sorted(close, key=rank):
            if self.names[name] not in ranked:
                ranked.append(self.names[name])
                if len(ranked) == 2:
                    break
        return ranked


def _match_class(query: str, name: str) -> int:
    """0: the same name; 1: one begins the other at a word boundary; 2: one holds the other as a run
    of whole words; 3: neither."""
    if query == name:
        return 0
    if name.startswith(query + "-") or query.startswith(name + "-"):
        return 1
    if f"-{query}-" in f"-{name}-" or f"-{name}-" in f"-{query}-":
        return 2
    return 3
