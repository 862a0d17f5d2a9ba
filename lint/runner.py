"""A run: which files, each checked (engine.py) or taken from the cache, then the library rules.

The runner plans the run and is the only code that talks to the cache's store (besides
neighbourhood.py, to which it hands the store for a run over a few files): it lists the files,
takes from the cache what still describes them, has the engine check the others (in worker
processes when there are enough), builds the library index and runs the library rules on it,
then applies suppression comments and the configuration to every finding."""

from __future__ import annotations

import dataclasses
import functools
import gc
import os
import re
from dataclasses import dataclass, field
from typing import Any

from . import cache, engine, files, library, neighbourhood, parallel, records, registry, suppression
from .discovery import UsageError, collect, library_roots
from .findings import SEVERITY_RANK, Finding, Fix, summary_of
from .rules import internal_error
from .settings import Settings


@dataclass
class Summary:
    files: int = 0
    patterns: int = 0
    skipped: int = 0
    errors: int = 0
    warnings: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    internal_errors: int = 0
    rules: tuple = ()  # the rules that ran
    paths: list = field(default_factory=list)  # the files checked
    root: str | None = None  # the library root the paths are reported relative to (SARIF)
    library: Any = None  # the library index (library.Library), kept when Options.keep_library is set
    baseline: Any = None  # baseline.Outcome, when a baseline filtered the findings (the command line applies it)

    def add(self, findings: list[Finding]) -> None:
        """Findings found after the run (by the fixer), counted like the others."""
        for finding in findings:
            self.findings.append(finding)
            if finding.severity == "error":
                self.summary.errors += 1
            elif finding.severity == "warning":
                self.summary.warnings += 1
        self.findings.sort(key=Finding.sort_key)

    def fails(self, fail_on: str = "error") -> bool:
        threshold = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)


# The former name of Settings (settings.py), for callers outside this repository.
Options = Settings


@dataclass(slots=True)
class RunState:
    """What one run works out and holds as it goes: the runner's own, made at the start of a run and
    dropped at its end (the settings it runs with are never changed)."""

    settings: Settings
    progress: Any  # called with (done, total[, what, noun]) while files are checked (progress.Progress)
    # Whether the index of the files not checked needs their body links (only orphan-pattern does:
    # leaving them out saves parsing those bodies).
    index_body_links: bool
    shared: records.Shared | None = None  # the records share their equal values (runner.index)


def run(paths: list[str], settings: Settings | None = None, progress: Any = None) -> Result:
    """The findings on the files under `paths`. `progress`: called with (done, total[, what, noun])
    while files are checked (progress.Progress)."""
    # A run builds many small acyclic objects and keeps them until the end; the cyclic garbage
    # collector would rescan that growing heap again and again (one file in a 2,000-pattern
    # library: 5.7 s with it, 3.2 s without). Reference counting still frees everything.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(paths, settings or Settings(), progress)
    finally:
        if enabled:
            gc.enable()


def _run(paths: list[str], settings: Settings, progress: Any) -> Result:
    config = settings.config
    select = settings.select if settings.select is not None else config.select
    try:
        rules = registry.select(select, config.extend_select + settings.extend_select, config.ignore + settings.ignore)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    file_rules = [r for r in rules if r.scope == "file"]
    library_rules = [r for r in rules if r.scope == "library"]
    body_links = settings.keep_library or any(r.name in BODY_LINKS_OF_OTHERS for r in library_rules)
    state = RunState(settings, progress, index_body_links=body_links)
    result = Result(rules=tuple(rules))
    if settings.stdin is not None:
        target_paths = [] if settings.force_exclude and config.excluded(paths[0]) else [os.path.normpath(paths[0])]
    else:
        target_paths = collect(paths, config, force_exclude=settings.force_exclude)
    result.paths = list(target_paths)
    result.root = config.root or (library_roots(paths)[0] if paths else None)
    store = cache.Cache(settings.cache_dir, config, tuple(rules), settings.rule_options,
                        cache.Decoder(rules, Fix, suppression.Directive)) if settings.cache_dir else None
    # The library's files are listed at most once a run (both _unchanged and _check_library need them)
    library_files = functools.cache(functools.partial(_library_files, paths, target_paths, state, store))
    cached = _unchanged(target_paths, library_files, bool(library_rules), state, store)
    # Findings with live fixes (--fix) are never taken from the cache, which keeps no fixes.
    outcomes = cached[0] if cached else _outcomes(target_paths, file_rules, state, store,
                                                   results=not settings.live_fixes)
    targets: list[records.Record] = []
    directives: dict[str, list] = {}
    for path in target_paths:
        outcome = outcomes[path]
        result.summary.files += 1
        result.summary.patterns += outcome.is_pattern
        result.findings.extend(outcome.findings)
        if outcome.directives:
            directives[path] = outcome.directives
        if outcome.indexed is not None:
            targets.append(outcome.indexed)
    if cached:
        result.findings.extend(cached[1])
    elif (library_rules or settings.keep_library) and targets:
        found, index = _check_library(target_paths, library_files, targets, library_rules, state, store)
        result.findings.extend(found)
        if settings.keep_library:
            result.library = index
    if store is not None:
        store.save()
    result.findings = engine.apply_suppressions(result.findings, directives, rules)
    result.summary.skipped = result.summary.files - result.summary.patterns
    result.findings = engine.apply_configuration(result.findings, config)
    result.findings.sort(key=Finding.sort_key)
    for finding in result.findings:
        if finding.severity == "error":
            result.summary.errors += 1
        elif finding.severity == "warning":
            result.summary.warnings += 1
        if finding.name == internal_error.NAME:
            result.internal_errors += 1
    return result


def index(roots: list[str], settings: Settings, progress: Any = None) -> tuple[list[records.Record], list[Finding]]:
    """The record of every file under the library's `roots`, body links included, from the cache
    where it still describes the file (the language server's index); and the internal errors met
    indexing. Nothing else of a run: no file rule, no library rule."""
    state = RunState(settings, progress, index_body_links=True, shared=records.Shared())
    store = cache.Cache(settings.cache_dir, settings.config, (), settings.rule_options,
                        cache.Decoder((), Fix, suppression.Directive)) if settings.cache_dir else None
    listed = [os.path.normpath(path) for path in collect(roots, settings.config)]
    found: list[records.Record] = []
    errors: list[Finding] = []
    for outcome in _outcomes(listed, [], state, store, results=False, index_only=True).values():
        if outcome.indexed is not None:
            found.append(outcome.indexed)
        errors.extend(f for f in outcome.findings if f.name == internal_error.NAME)
    if store is not None:
        store.save()
    return found, errors


# The library rules that need the links in the bodies of files other than those checked (incoming
# links); without them, the files not checked are indexed from their frontmatter alone.
BODY_LINKS_OF_OTHERS = {"orphan-pattern"}


@dataclass(slots=True)
class Outcome:
    """What a run needs of one file once its file rules ran: the main process never holds the
    file's document (10,000 parsed documents took 2.4 GB), only this."""

    findings: list[Finding]
    record: dict | None  # what the library index needs (cache.record_of); None: not read, or made into `indexed`
    directives: list  # suppression comments
    is_pattern: bool
    stamp: tuple | None = None  # cache.stamp_of the bytes checked (size, times, inode, device, hash)
    indexed: records.Record | None = None  # the record as the library index takes it (made in the main process)


def _outcomes(paths: list[str], rules, state: RunState, store, results: bool,
              index_only: bool = False) -> dict[str, Outcome]:
    """Each file's outcome: from the cache when it still describes the file, else by checking it
    (in parallel when there are enough files to pay for it). With `index_only`, only records."""
    out: dict[str, Outcome] = {}
    todo: list[tuple[str, bytes | None]] = []
    if state.settings.stdin is not None and not index_only:
        todo, paths = [(path, state.settings.stdin) for path in paths], []  # standard input: never from the cache
    for path in paths:
        entry = store.lookup(path, state.settings.file_size, want_results=not index_only,
                             body_links=state.index_body_links or not index_only) \
            if store is not None and (results or index_only) else None
        if entry is None:
            todo.append((path, None))
        elif index_only:
            out[path] = _indexed(path, Outcome([], entry.record, [], bool(entry.record["is_pattern"])), state)
        else:
            out[path] = _indexed(path, Outcome(store.findings(entry.results, path), entry.record,
                                               store.directives(entry.results), bool(entry.record["is_pattern"])),
                                 state)
    crashed = functools.partial(_crashed, state=state)
    jobs = 1 if state.settings.live_fixes and not index_only else state.settings.jobs
    progress = state.progress
    if progress is not None and index_only:
        progress = functools.partial(progress, what="indexed", noun="library files")
    for path, outcome in parallel.map_files(_check_one, todo, (rules, state, index_only), progress,
                                            jobs, crashed):
        if store is not None and outcome.stamp is not None and outcome.record is not None:
            store.put(path, outcome.stamp, outcome.record,
                      None if index_only else cache.results_of(outcome.findings, outcome.directives, path))
        out[path] = _indexed(path, outcome, state)
    return out


def _indexed(path: str, outcome: Outcome, state: RunState) -> Outcome:
    """The outcome with its record turned into the Record the library index takes, and the plain
    record let go. Holding every record until every document was built cost a third of a run's
    peak memory (20,000 generated files: 365 MB cold and 422 MB warm, against 246 and 295 MB)."""
    if outcome.record is not None:
        outcome.indexed = records.from_data(path, outcome.record, state.settings.formats, state.shared)
        outcome.record = None
    return outcome


_IDENTITY_LINE = re.compile(r"^(id|slug):[ \t]*['\"]?([\w-]+)['\"]?[ \t]*$", re.MULTILINE)


def _crashed(path: str, state: RunState) -> Outcome:
    """The outcome of a file whose worker died. It stays in the library index, so links to it are
    not reported as dangling: under the `id:` and `slug:` written on its own top-level lines (found
    without parsing it again, which might crash this process too), else under its file name."""
    error = RuntimeError("the process checking this file died (a crash in a native library?)")
    text = (files.read_or_none(path, state.settings.file_size) or b"").decode("utf-8", "replace")
    identity = {key: value for key, value in reversed(_IDENTITY_LINE.findall(text))}
    record = {"is_pattern": True, "format": None, "frontmatter": identity or None, "frontmatter_line": 0,
              "positions": [], "listable": [], "links": []}
    return Outcome([engine.internal_error(path, "checking the file", error, state.settings)], record, [], True)


def _check_one(path: str, data: bytes | None, rules, state: RunState, index_only: bool) -> Outcome:
    """Check one file (in a worker process, or in this one)."""
    before = None
    if state.settings.cache_dir and data is None:
        # Stat, then read (as git does): a change after the stat shows as a new mtime next run.
        before = cache.stat(path)
        data = files.read_or_none(path, state.settings.file_size)  # read here to hash exactly the bytes checked
    doc, findings = engine.check_file(path, [] if index_only else rules, state.settings, data,
                                      only=records.index_paths(state.settings.formats) if index_only else None)
    if doc is None:
        return Outcome(findings, None, [], False)
    found: list = []
    if doc.text is not None and doc.is_pattern and not index_only:
        try:
            found = suppression.parse(doc)
        except Exception as exc:
            findings.append(engine.internal_error(path, "reading suppression comments", exc, state.settings))
    try:
        record = cache.record_of(doc, body_links=state.index_body_links or not index_only)
    except Exception as exc:  # a bug: the index would miss this file and its links would dangle
        return Outcome(findings + [engine.internal_error(path, "indexing the library", exc, state.settings)], None, found, False)
    if not state.settings.live_fixes:  # a fix holds functions: it cannot be cached or sent between processes
        findings = [dataclasses.replace(f, fix=summary_of(f.fix)) if f.fix is not None else f for f in findings]
    stamp = cache.stamp_of(before, data)
    return Outcome(findings, record, found, doc.is_pattern, stamp)


def _unchanged(target_paths: list[str], library_files, library_rules: bool, state: RunState,
               store) -> tuple[dict[str, Outcome], list[Finding]] | None:
    """Every finding from the cache, when neither the files checked nor any other library file
    changed since a run over the same files (a warm full run): no record is read, no document
    built, no library rule run. None otherwise (then the run checks what it must).
    `library_files()`: _library_files' answer, listed once a run."""
    if store is None or not store.available or state.settings.live_fixes or state.settings.keep_library or not library_rules \
            or state.settings.stdin is not None \
            or neighbourhood.few(len(target_paths), store.stamp_count() - len(target_paths)):
        return None  # (a few files of a large library: their neighbourhood is quicker than a digest of it all)
    listing = library_files()  # (the run needs it anyway) with the targets' keys, made once
    for path, key in zip(target_paths, listing.targets):
        if not store.fresh(path, state.settings.file_size, want_results=True, key=key):
            return None
    if store.stale(listing.others, state.settings.file_size, state.index_body_links):
        return None
    key = store.library_key(listing.keys, listing.targets, listing.roots)
    found = store.library_findings(key) if key is not None else None
    results = store.results(dict(zip(listing.targets, target_paths))) if found is not None else {}
    if found is None or len(results) != len(target_paths):
        return None
    try:
        outcomes = {path: Outcome(store.findings(results[path], path), None, store.directives(results[path]),
                                  store.is_pattern(target)) for target, path in zip(listing.targets, target_paths)}
    except (ValueError, TypeError, LookupError, AttributeError):
        return None  # a damaged row: check the files again
    return outcomes, found


@dataclass
class _Listing:
    roots: list[str]  # the library's folders
    keys: list[bytes]  # the cache key of every file in them
    targets: list[bytes]  # the cache key of every file being checked
    others: dict[bytes, str]  # those of them not being checked, by key, in the order listed


def _library_files(paths: list[str], target_paths: list[str], state: RunState, store) -> _Listing:
    roots = library_roots(paths, state.settings.config)
    symlinks: set[str] = set()
    kept = store.listing(roots) if store is not None else None
    if kept is not None:
        listed, keys = kept
    else:
        folders: list = []
        listed = collect(roots, state.settings.config, symlinks=symlinks, folders=folders)
        keys = cache.keys_of(listed, roots)
        if store is not None and not symlinks:
            store.put_listing(roots, folders, listed, keys)
    targets = cache.keys_of(target_paths, roots)
    seen = set(targets)
    if symlinks:  # a symlink to a file being checked is that file (realpath: 45 µs a file, so only then)
        real = {os.path.realpath(p) for p in target_paths}
        seen |= {cache.key_of(p) for p in real}
        seen |= {key for key, p in zip(keys, listed) if p in symlinks and os.path.realpath(p) in real}
    others = dict(zip(keys, listed))
    for key in seen:
        others.pop(key, None)
    return _Listing(roots, keys, targets, others)


def _check_library(target_paths: list[str], library_files, targets: list[records.Record], rules,
                   state: RunState, store) -> tuple[list[Finding], library.Library]:
    """Library rules see every pattern under the library's folders; they report on the targets.
    Their findings are kept in the cache for a run in which nothing changed (_unchanged)."""
    out: list[Finding] = []
    listing = library_files()
    roots, others = listing.roots, listing.others
    few = store is not None and store.available and neighbourhood.few(len(targets), len(others)) \
        and not state.settings.keep_library
    reindex = functools.partial(_outcomes, rules=[], state=state, store=store, results=False, index_only=True)
    index = neighbourhood.index_of(targets, others, roots, state.settings, state.index_body_links, store, out,
                                   reindex) if few else None
    if index is None:  # most of the library, or a neighbourhood the cache could not tell: load it all
        few = False
        docs = list(targets)
        for path, outcome in _outcomes(list(others.values()), [], state, store, results=False,
                                       index_only=True).items():
            if outcome.indexed is None:
                # vanished or unreadable since it was listed: it is not being checked, nothing to say;
                # a bug while indexing it is said, since its links would dangle
                out.extend(f for f in outcome.findings if f.name == internal_error.NAME)
                continue
            docs.append(outcome.indexed)
        if store is not None:
            store.forget({*listing.targets, *others})
        index = library.build(docs, targets, roots)
    for rule in rules:
        try:
            for problem in rule.check(index, state.settings.rule_options.get(rule.name, {})):
                out.append(engine.stamp(rule, problem.path, problem))
        except Exception as exc:
            out.append(engine.internal_error(targets[0].path, f"library rule {rule.name}", exc, state.settings))
    if store is not None and not few:
        key = store.library_key(listing.keys, listing.targets, roots)
        if key is not None:
            store.put_library(key, out)
    return out, index
