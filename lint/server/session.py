"""What the language server knows, without the protocol: the libraries of the workspace, each with
its configuration (found as `lint` finds it) and its index of records, and the open buffers with
their last findings.

A buffer is checked with the file rules on its unsaved text (engine.check_file), its record
replaces the file's in the index, and the library rules run on it and on the other open buffers
the change can affect, over their neighbourhood (index.Index.library_for). Suppression comments,
the configuration's severities and per-file ignores, and the baseline apply as in a run of `lint`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .. import cache, engine, records, registry, suppression
from ..config import Config
from ..discovery import configurations, inside, library_roots, shown
from ..findings import Finding
from ..settings import Settings
from .index import Index


@dataclass
class Library:
    """One library of the workspace: its settings, rules and index (None: a file outside any library,
    which gets only the file rules)."""

    settings: Settings
    roots: list[str]
    rules: tuple
    file_rules: list
    library_rules: list
    index: Index | None = None
    baseline: object = None  # baseline.Baseline, when the configuration names one


@dataclass
class Buffer:
    """An open document."""

    path: str
    uri: str
    text: str
    version: int | None
    library: Library
    doc: object = None  # document.Document of the text, None when it could not be read
    file_findings: list[Finding] = field(default_factory=list)  # with live fixes
    directives: list = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # what is shown: after suppressions and configuration


class Session:
    def __init__(self, folders: list[str], *, config_path: str | None = None, isolated: bool = False,
                 no_cache: bool = False, debug: bool = False, say=None) -> None:
        self.folders = [os.path.abspath(f) for f in folders]
        self.config_path, self.isolated, self.no_cache, self.debug = config_path, isolated, no_cache, debug
        # called with what the author should know that is no finding of an open file: the internal
        # errors met indexing the library (a file whose links would otherwise dangle unexplained)
        self.say = say or (lambda message: None)
        self.libraries: dict[tuple, Library] = {}
        self.buffers: dict[str, Buffer] = {}

    # -- libraries --------------------------------------------------------------------------------

    def library_of(self, path: str) -> Library:
        """The library `path` belongs to (its index built the first time it is asked for)."""
        config, root = self._config_of(path)
        key = (config.path, root)
        found = self.libraries.get(key)
        if found is None:
            found = self.libraries[key] = self._open_library(config, root)
        return found

    def _config_of(self, path: str) -> tuple[Config, str | None]:
        """The configuration of `path` and the root of its library (None: outside any)."""
        config = configurations([path], self.config_path, self.isolated)[0][0]  # raises ConfigError
        root = config.root
        if root is None:  # no configuration, no git work tree: the workspace folder holding it
            root = next((f for f in self.folders if inside(os.path.abspath(path), f)), None)
            if root is not None and os.path.realpath(root) != os.path.realpath(os.getcwd()):
                # Paths are relative to the configuration's root, else to the working folder (the
                # first workspace folder). There the configuration stays as `lint` run in the
                # folder finds it, with no root, so that the cache such a run wrote is this one's.
                config = Config(root=root)
        return config, root

    def _open_library(self, config: Config, root: str | None) -> Library:
        from ..cache import default_folder

        roots = library_roots([shown(root)], config) if root else []
        cache_dir = None if self.no_cache or not roots else default_folder(roots[0])
        settings = Settings(config=config, cache_dir=cache_dir, debug=self.debug, live_fixes=True)
        rules = registry.select(config.select, config.extend_select, config.ignore)
        library = Library(settings, roots, rules, [r for r in rules if r.scope == "file"],
                          [r for r in rules if r.scope == "library"])
        if config.baseline:
            from ..baseline.file import BaselineError, load

            try:
                library.baseline = load(config.baseline)
            except (BaselineError, OSError):  # missing or damaged: every finding is shown (`lint` says why)
                library.baseline = None
        if roots:
            from .. import runner

            found, errors = runner.index(roots, settings)
            for error in errors:
                self.say(f"{error.path}:{error.line}:{error.column}: {error.code} [{error.name}] {error.message}")
            library.index = Index(found, roots, settings.formats)
        return library

    # -- buffers ----------------------------------------------------------------------------------

    def open(self, uri: str, fs_path: str, text: str, version: int | None) -> list[Buffer]:
        path = local(fs_path)
        buffer = Buffer(path, uri, text, version, self.library_of(path))
        self.buffers[path] = buffer
        return self._changed(buffer)

    def change(self, fs_path: str, text: str, version: int | None) -> list[Buffer]:
        buffer = self.buffers.get(local(fs_path))
        if buffer is None:
            return []
        buffer.text, buffer.version = text, version
        return self._changed(buffer)

    def close(self, fs_path: str) -> list[Buffer]:
        """Forget the buffer; the file's record goes back to what is on disk. Returns the buffers
        whose findings that changed."""
        if self.buffers.pop(local(fs_path), None) is None:
            return []
        return self.files_changed([(fs_path, False)])

    def files_changed(self, changes: list[tuple[str, bool]]) -> list[Buffer]:
        """Files changed, appeared or went on disk (the editor's file watcher: (path, deleted)): their
        records are read again, unless a buffer holds them; returns the buffers whose findings were
        worked out again."""
        touched: dict[str, Buffer] = {}
        for fs_path, deleted in changes:
            for buffer in self._file_changed(local(fs_path), deleted):
                touched[buffer.path] = buffer
        by_library: dict[int, list[Buffer]] = {}
        for buffer in touched.values():
            by_library.setdefault(id(buffer.library), []).append(buffer)
        for buffers in by_library.values():
            self._library_findings(buffers[0].library, buffers)
        return list(touched.values())

    def _file_changed(self, path: str, deleted: bool) -> list[Buffer]:
        if path in self.buffers:  # the buffer is the file while it is open (deleted on disk or not);
            return []              # closing it reads the disk again (close)
        library = self.library_of(path)
        if library.index is None:
            return []
        listed = _in_library(path, library)  # (an excluded file: taken out of the index, if it was in)
        record = self._record_from_disk(path, library) if listed and not deleted else None
        return self._affected(library, self._put(library, path, record))

    def _put(self, library: Library, path: str, record: records.Record | None) -> set[str] | None:
        """Put the record of `path` in the index (take it out: None). The files whose library findings
        that can change: the file's neighbourhood before and after; None: every file, as the
        library's size changed (every dangling-link message says it)."""
        index = library.index
        known = path in index.records
        before = index.neighbourhood([path]) if known else set()
        if record is None:
            index.remove(path)
            return None if known else set()
        index.put(record)
        return before | index.neighbourhood([path]) if known else None

    def _affected(self, library: Library, paths: set[str] | None) -> list[Buffer]:
        """The open buffers of `library` among `paths` (all of them when None), in path order."""
        return sorted((b for b in self.buffers.values() if b.library is library and (paths is None or b.path in paths)),
                      key=lambda b: b.path)

    def _record_from_disk(self, path: str, library: Library) -> records.Record | None:
        if not os.path.isfile(path):
            return None
        doc = engine.load(path, library.settings)
        return records.from_data(path, cache.record_of(doc, body_links=True), library.settings.formats)

    def _changed(self, buffer: Buffer) -> list[Buffer]:
        """Check the buffer's text; returns every buffer whose findings were worked out again."""
        library = buffer.library
        data = buffer.text.encode("utf-8", "surrogatepass")
        doc, found = engine.check_file(buffer.path, library.file_rules, library.settings, data)
        buffer.doc, buffer.file_findings, buffer.directives = doc, found, []
        if doc is not None and doc.text is not None and doc.is_pattern:
            try:
                buffer.directives = suppression.parse(doc)
            except Exception as exc:
                buffer.file_findings.append(engine.internal_error(buffer.path, "reading suppression comments",
                                                                  exc, library.settings))
        affected = [buffer]
        index = library.index
        if index is not None and doc is not None and _in_library(buffer.path, library):
            around: set[str] | None = set()
            try:
                record = records.from_data(buffer.path, cache.record_of(doc, body_links=True), library.settings.formats)
                previous = index.records.get(buffer.path)
                # While the author is in the middle of typing YAML that does not parse yet, the other
                # files keep seeing the pattern as it last parsed: its names and links do not flicker away.
                if record.frontmatter is None and previous is not None and previous.frontmatter is not None:
                    around = index.neighbourhood([buffer.path])
                else:
                    around = self._put(library, buffer.path, record)
            except Exception as exc:
                buffer.file_findings.append(engine.internal_error(buffer.path, "indexing the library", exc,
                                                                  library.settings))
            affected += [b for b in self._affected(library, around) if b is not buffer]
        self._library_findings(library, affected)
        return affected

    def _library_findings(self, library: Library, buffers: list[Buffer]) -> None:
        """The findings of `buffers`: their file findings and the library rules' on them."""
        by_path: dict[str, list[Finding]] = {b.path: list(b.file_findings) for b in buffers}
        index = library.index
        # a buffer whose frontmatter does not parse (yet) gets its yaml-syntax finding, not library
        # findings worked out from the record it last parsed to (see _changed)
        targets = [b.path for b in buffers if index is not None and b.path in index.records and _in_library(b.path, library)
                   and not (b.doc is not None and b.doc.is_pattern and not isinstance(b.doc.frontmatter, dict)
                            and index.records[b.path].frontmatter is not None)]
        if targets and library.library_rules:
            lib = index.library_for(targets)
            for rule in library.library_rules:
                try:
                    for problem in rule.check(lib, library.settings.rule_options.get(rule.name, {})):
                        finding = engine.stamp(rule, problem.path, problem)
                        if finding.path in by_path:
                            by_path[finding.path].append(finding)
                except Exception as exc:
                    by_path[targets[0]].append(engine.internal_error(targets[0], f"library rule {rule.name}", exc,
                                                                     library.settings))
        for buffer in buffers:
            if buffer.doc is not None and not buffer.doc.is_pattern:
                # a README beside the patterns: `lint` skips it, saying only what stops it being read
                # (binary, not UTF-8, frontmatter YAML cannot read): the file rules', never a library rule's
                by_path[buffer.path] = list(buffer.file_findings)
            found = engine.apply_suppressions(by_path[buffer.path],
                                              {buffer.path: buffer.directives} if buffer.directives else {},
                                              library.rules)
            found = engine.apply_configuration(found, library.settings.config)
            if library.baseline is not None:
                from ..baseline.matching import split

                texts = {buffer.path: buffer.text.encode("utf-8", "surrogatepass")}
                found = split(found, library.baseline, [buffer.path], [buffer.path],
                              [rule.name for rule in library.rules], texts)[0]
            found.sort(key=Finding.sort_key)
            buffer.findings = found


def local(fs_path: str) -> str:
    """A path as the linter lists it: relative to the working folder when inside it."""
    absolute = os.path.abspath(fs_path)
    here = os.getcwd()
    return os.path.relpath(absolute, here) if inside(absolute, here) else absolute


def _in_library(path: str, library: Library) -> bool:
    """Whether a walk of the library lists `path`: under one of its roots, not excluded, and
    included (`*.md` by default)."""
    config = library.settings.config
    return any(inside(os.path.abspath(path), os.path.abspath(root)) for root in library.roots) \
        and not config.excluded(path) and config.included(path)
