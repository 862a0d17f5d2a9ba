"""The library index of a run over a few files of a large, cached library (pre-commit): the targets
and their neighbourhood, every pattern that can change a finding on them, read from the cache's
records and lookup rows instead of loading the whole library (the runner decides when, with `few`).

It talks to the store the runner hands it and indexes files again through the runner's `reindex`
callable: it imports neither the runner nor the engine."""

from __future__ import annotations

from typing import Callable

from . import cache, library, records
from .findings import Finding
from .rules import internal_error
from .settings import Settings


# A run over at most 1/SHARE of a cached library (pre-commit) loads only the targets'
# neighbourhood; a larger one loads every record (one query is then cheaper than many).
SHARE = 4


def few(targets: int, others: int) -> bool:
    return targets * SHARE < others


def index_of(targets: list[records.Record], others: dict[bytes, str], roots: list[str], settings: Settings,
             body_links: bool, store, out: list[Finding], reindex: Callable[[list[str]], dict]) -> library.Library | None:
    """The library index for a few targets: the targets and every other pattern that can change a
    finding on them, read from the cache. That is each pattern that shares a name (TypeID, slug,
    file name) with a target (duplicates), that a target links to (dangling links, reciprocal
    links), that links to a target (orphans, reciprocal links), and the whole part of the
    generalization hierarchy the targets are in (cycles). The size of the whole library and every
    pattern's names (for did-you-mean) come from the cache too, so findings are word for word those
    of a run that loads everything (tests/test_cache.py, tests/test_accuracy.py).
    Every record read is checked (a file whose record fails is indexed again), and so is every
    lookup by name; None when the cache cannot tell the neighbourhood (it failed, or its lookup rows
    do not add up: they are made again when the run writes), and the run loads the whole library.
    `body_links`: whether records indexed again keep their body links; `reindex(paths)`: the runner's
    outcomes of indexing those files again (runner.Outcome by path)."""
    alive = dict(others)
    errors: list[Finding] = []
    fresh: dict[bytes, records.Record] = {}  # indexed again in this run
    loaded: dict[bytes, records.Record] = {}  # from the cache's records

    def index_again(paths: list[str]) -> None:
        for path, outcome in reindex(paths).items():
            if outcome.indexed is None:
                errors.extend(f for f in outcome.findings if f.name == internal_error.NAME)
                alive.pop(cache.key_of(path), None)
                continue
            fresh[cache.key_of(path)] = outcome.indexed

    def records_of(keys: set[bytes]) -> list[records.Record]:
        todo = [key for key in keys if key in alive and key not in fresh and key not in loaded]
        rows = store.records(todo) if todo else {}
        for key in todo:
            if key in rows:
                loaded[key] = records.from_data(alive[key], rows[key], settings.formats)
        index_again(sorted(alive[key] for key in todo if key not in rows))  # a damaged row: index the file again
        return [fresh.get(key) or loaded[key] for key in keys if key in fresh or key in loaded]

    index_again(store.stale(alive, settings.file_size, body_links))
    by_key = {cache.key_of(doc.path): doc for doc in targets}
    for key in by_key:
        alive.pop(key, None)
    store.forget(set(alive) | set(by_key))
    store.flush()  # the queries below see this run's records
    own = set().union(*(library.names_of(d.path, d.is_pattern, d.frontmatter) for d in targets))
    named = {library.lookup_key(link.target) for d in targets if d.format is not None for link in d.links}
    found = store.named(own | named), store.linking_to(own)
    if None in found:
        return None
    wanted = found[0] | found[1]
    types = {t for f in settings.formats for t in (f.links.get("generalization") or {}).values()}
    if types:  # the connected part of the hierarchy, followed both ways
        reached = set(by_key)
        frontier = set(by_key)
        while frontier:
            docs = [by_key[key] for key in frontier if key in by_key] + records_of(frontier)
            names = set().union(*(library.names_of(d.path, d.is_pattern, d.frontmatter) for d in docs))
            up = {library.lookup_key(link.target) for d in docs if d.format is not None for link in d.links
                  if (link.type or link.kind) in types}
            found = store.linking_to(names, types), store.named(up)
            if None in found:
                return None
            frontier = (found[0] | found[1]) - reached
            reached |= frontier
        wanted |= reached
    wanted &= set(alive)
    records_of(wanted)
    docs = list(targets)
    for key in alive:  # in the order of a full run: resolution takes the first of duplicates
        if key in fresh:
            docs.append(fresh[key])
        elif key in wanted and key in loaded:
            docs.append(loaded[key])
    elsewhere = set(alive)
    index = library.build(docs, targets, roots, library.Elsewhere(
        count=lambda: store.patterns(elsewhere), names=lambda: _names_elsewhere(store, elsewhere, alive, reindex)))
    out.extend(errors)
    return index


def _names_elsewhere(store, keys: set[bytes], paths: dict[bytes, str],
                     reindex: Callable[[list[str]], dict]) -> list[tuple]:
    """(slug, title, aliases) of the patterns among `keys`, for did-you-mean: from the cache, and from
    the file itself for one whose row fails its checks (or every one, when the cache failed)."""
    names, missing = store.identities(keys)
    for path, outcome in reindex(sorted(paths[key] for key in missing if key in paths)).items():
        doc = outcome.indexed
        identity = cache.identity_of(path, doc.is_pattern, doc.frontmatter) if doc is not None else None
        if identity is not None:
            names.append((identity[0], identity[1], tuple(identity[2])))
    return names
