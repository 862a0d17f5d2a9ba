"""A run: collect files, read each once, apply the rules, stamp findings."""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
import traceback
from dataclasses import dataclass, field
from typing import Any

from . import cache, document, formats, library, links, registry, suppression
from .config import Config
from .discovery import UsageError, collect, library_roots
from .findings import SEVERITY_RANK, Finding, Problem


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


@dataclass
class Options:
    """What a run does. Values set here (the command line) win over the configuration's."""

    max_file_size: int | None = None
    debug: bool = False
    config: Config = field(default_factory=Config)
    fail_on: str | None = None
    force_exclude: bool = False  # apply the configured excludes to files named explicitly too
    # Worked out at the start of a run from the configuration:
    formats: tuple = field(default=formats.FORMATS, repr=False)
    file_size: int = field(default=document.DEFAULT_MAX_FILE_SIZE, repr=False)
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    cache_dir: str | None = None  # where the library index is kept between runs; None: not kept
    rule_options: dict[str, Any] = field(default_factory=dict)


def run(paths: list[str], options: Options | None = None) -> Result:
    # A run builds many small acyclic objects and keeps them until the end; the cyclic garbage
    # collector would rescan that growing heap again and again (one file in a 2,000-pattern
    # library: 5.7 s with it, 3.2 s without). Reference counting still frees everything.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(paths, options or Options())
    finally:
        if enabled:
            gc.enable()


def _run(paths: list[str], options: Options) -> Result:
    config = options.config
    select = options.select if options.select is not None else config.select
    try:
        rules = registry.select(select, config.extend_select + options.extend_select, config.ignore + options.ignore)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    options.formats = formats.configured(config)
    options.file_size = options.max_file_size or config.max_file_size or document.DEFAULT_MAX_FILE_SIZE
    file_rules = [r for r in rules if r.scope == "file"]
    library_rules = [r for r in rules if r.scope == "library"]
    result = Result(rules=tuple(rules))
    targets: list[document.Document] = []
    directives: dict[str, list] = {}
    target_paths = collect(paths, config, force_exclude=options.force_exclude)
    result.paths = list(target_paths)
    result.root = config.root or (library_roots(paths)[0] if paths else None)
    for path in target_paths:
        doc, findings = check_file(path, file_rules, options)
        result.summary.files += 1
        result.summary.patterns += doc is not None and doc.is_pattern
        result.findings.extend(findings)
        if doc is not None:
            if doc.text is not None and doc.is_pattern:
                try:
                    directives[doc.path] = suppression.parse(doc)
                except Exception as exc:
                    result.findings.append(_internal_error(path, "reading suppression comments", exc, options))
            targets.append(_library_only(doc))  # its file rules are done: keep what library rules need
    if library_rules and targets:
        result.findings.extend(_check_library(paths, target_paths, targets, library_rules, options))
    result.findings = _suppressed(result.findings, directives, rules)
    result.summary.skipped = result.summary.files - result.summary.patterns
    result.findings = _configured(result.findings, options)
    result.findings.sort(key=Finding.sort_key)
    for finding in result.findings:
        if finding.severity == "error":
            result.summary.errors += 1
        elif finding.severity == "warning":
            result.summary.warnings += 1
        if finding.name == "internal-error":
            result.internal_errors += 1
    return result


def check_file(path: str, rules, options: Options,
               data: bytes | None = None) -> tuple[document.Document | None, list[Finding]]:
    """The file's document (None when it could not even be read) and its findings."""
    out: list[Finding] = []
    try:
        doc = load(path, options, data)
    except Exception as exc:  # a bug in the reader: report it on the file, go on with the others
        return None, [_internal_error(path, "reading the file", exc, options)]
    for rule in rules:
        if not _applies(rule, doc):
            continue
        try:
            for problem in rule.check(doc, options.rule_options.get(rule.name, {})):
                out.append(_stamp(rule, doc.path, problem))
        except Exception as exc:
            out.append(_internal_error(path, f"rule {rule.name}", exc, options))
    return doc, out


def load_text(path: str, data: bytes, options: Options) -> document.Document:
    """The document `path` would be if it held `data`."""
    return load(path, options, data)


def check_text(path: str, data: bytes, rules, options: Options) -> tuple[document.Document | None, list[Finding]]:
    """File rules on `data` as the content of `path` (to check a fix before writing it)."""
    return check_file(path, rules, options, data)


def load(path: str, options: Options, data: bytes | None = None) -> document.Document:
    doc = document.load(path, max_size=options.file_size, data=data)
    if doc.is_pattern and isinstance(doc.frontmatter, dict):
        known = options.formats
        forced = options.config.format_for(path)
        doc.format = formats.by_name(forced, known) if forced else formats.detect(doc.frontmatter, known)
    return doc


def _suppressed(findings: list[Finding], directives: dict[str, list], rules) -> list[Finding]:
    """Findings the file's suppression comments do not silence, and the comments that silenced nothing."""
    if not directives:
        return findings
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    running = {rule.name for rule in rules}
    unused_rule = registry.find("unused-suppression")
    out: list[Finding] = []
    for path, found in by_path.items():
        out.extend(suppression.apply(found, directives.get(path, [])))
    if unused_rule.name in running:
        for path, items in directives.items():
            for line, column, message in suppression.unused(items, running):
                out.append(_stamp(unused_rule, path, Problem(line, column, message)))
    return out


def _configured(findings: list[Finding], options: Options) -> list[Finding]:
    """The configuration's severities and per-file ignores, applied to every finding."""
    config = options.config
    if not config.severity and not config.per_file_ignores:
        return findings
    ignored: dict[str, set[str]] = {}
    out = []
    for finding in findings:
        if finding.path not in ignored:
            ignored[finding.path] = config.ignored_rules(finding.path)
        if finding.name in ignored[finding.path] and finding.name != "internal-error":
            continue
        severity = config.severity.get(finding.name)
        out.append(dataclasses.replace(finding, severity=severity) if severity else finding)
    return out


def _check_library(paths: list[str], target_paths: list[str], targets: list[document.Document], rules,
                   options: Options) -> list[Finding]:
    """Library rules see every pattern under the library's folders; they report on the targets."""
    out: list[Finding] = []
    seen = {os.path.abspath(p) for p in target_paths} | {os.path.realpath(p) for p in target_paths}
    docs = list(targets)
    roots = library_roots(paths, options.config)
    index_cache = cache.IndexCache(options.cache_dir, options.formats, options.config) if options.cache_dir else None
    for path in collect(roots, options.config):
        if os.path.abspath(path) in seen or (os.path.islink(path) and os.path.realpath(path) in seen):
            continue
        try:
            stat = os.stat(path)  # before reading: a change after it shows as a new mtime next run
            doc = index_cache.get(path, stat) if index_cache else None
            if doc is None:
                doc = _library_only(load(path, options))
                if index_cache:
                    index_cache.put(path, stat, doc)
            docs.append(doc)
        except OSError:
            continue  # vanished or unreadable since it was listed: not being checked, nothing to say
        except Exception as exc:  # a bug: the index would miss this file and its links would dangle
            out.append(_internal_error(path, "indexing the library", exc, options))
    if index_cache:
        for doc in targets:
            try:
                index_cache.put(doc.path, os.stat(doc.path), doc)
            except OSError:
                continue
        index_cache.save()
    index = library.build(docs, targets, roots)
    for rule in rules:
        try:
            for problem in rule.check(index, options.rule_options.get(rule.name, {})):
                out.append(_stamp(rule, problem.path, problem))
        except Exception as exc:
            out.append(_internal_error(targets[0].path, f"library rule {rule.name}", exc, options))
    return out


def _library_only(doc: document.Document) -> document.Document:
    """Keep what library rules need of a file: its identity, its links and the positions of its
    top-level keys and groups; drop its text, body and the rest (memory, for 10,000 files)."""
    if doc.is_pattern and doc.format is not None:
        links.of(doc)
    doc.positions = {path: located for path, located in doc.positions.items() if len(path) <= 2}
    doc.text, doc.body = None, ""
    doc.cache = {"links": doc.cache.get("links", [])}
    return doc


def _applies(rule: registry.Rule, doc: document.Document) -> bool:
    if rule.scope != "file":
        return False
    if rule.for_every_file:
        return True
    if not doc.is_pattern or not isinstance(doc.frontmatter, dict):
        return False
    return doc.format is not None or not rule.needs_format


def _stamp(rule: registry.Rule, path: str, problem: Problem) -> Finding:
    fix = problem.fix if rule.fixable else None  # a rule that does not declare FIXABLE offers no fix
    return Finding(
        path=problem.path or path, line=problem.line, column=problem.column, code=rule.code,
        name=rule.name, severity=rule.severity, message=problem.message, fixable=fix is not None, fix=fix,
    )


def _internal_error(path: str, during: str, exc: Exception, options: Options) -> Finding:
    if options.debug:
        traceback.print_exception(exc, file=sys.stderr)
    rule = registry.find("internal-error")
    message = (f"internal error while {during}: {type(exc).__name__}: {exc}; the file was only partly checked. "
               "Please report it (run with --debug for the traceback)")
    return Finding(path, 1, 1, rule.code, rule.name, rule.severity, " ".join(message.split()))

