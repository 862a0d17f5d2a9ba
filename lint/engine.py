"""One document through the file rules: read it, parse it, apply the rules, stamp their problems.

The engine knows nothing of the cache, of worker processes or of the command line: the runner
(runner.py) plans a run (which files, from the cache or checked, the library rules) and calls
`check_file` for each file it checks; the fixer (fix.py) calls `check_text` on a fixed text before
writing it. What the engine reads of the settings (runner.Settings or anything with the same
attributes): `file_size`, `formats`, `config.format_for`, `rule_options` and `debug`.
"""

from __future__ import annotations

import dataclasses
import sys

from . import document, formats, registry, suppression
from .findings import Finding, Problem
from .rules import internal_error as internal_error_rule, unused_suppression


def load(path: str, settings, data: bytes | None = None, only: dict | None = None) -> document.Document:
    """The file's document, its format detected (or set by the configuration). `data`: the file's
    bytes, when already read; `only`: the frontmatter paths to parse (yamlnodes.parse)."""
    doc = document.load(path, max_size=settings.file_size, data=data, only=only)
    if doc.is_pattern and isinstance(doc.frontmatter, dict):
        known = settings.formats
        forced = settings.config.format_for(path)
        doc.format = formats.by_name(forced, known) if forced else formats.detect(doc.frontmatter, known)
    return doc


def check_file(path: str, rules, settings, data: bytes | None = None,
               only: dict | None = None) -> tuple[document.Document | None, list[Finding]]:
    """The file's document (None when it could not even be read) and the findings of `rules` on it."""
    out: list[Finding] = []
    try:
        doc = load(path, settings, data, only)
    except Exception as exc:  # a bug in the reader: report it on the file, go on with the others
        return None, [internal_error(path, "reading the file", exc, settings)]
    options = settings.rule_options
    for rule in applying(rules, doc):
        try:
            for problem in rule.check(doc, options.get(rule.name, {})):
                out.append(stamp(rule, doc.path, problem))
        except Exception as exc:
            out.append(internal_error(path, f"rule {rule.name}", exc, settings))
    return doc, out


def load_text(path: str, data: bytes, settings) -> document.Document:
    """The document `path` would be if it held `data`."""
    return load(path, settings, data)


def check_text(path: str, data: bytes, rules, settings) -> tuple[document.Document | None, list[Finding]]:
    """File rules on `data` as the content of `path` (to check a fix before writing it)."""
    return check_file(path, rules, settings, data)


# The rules that apply to each kind of document (see `_kind`), for the last list of rules seen: the
# list itself (kept alive, so its id names it) and a copy (a list changed in place is not trusted).
_applying: tuple[list, list, dict] | None = None


def _kind(doc: document.Document) -> tuple[bool, bool, bool]:
    """What `applies` reads of a document."""
    return doc.is_pattern, isinstance(doc.frontmatter, dict), doc.format is not None


def applying(rules, doc: document.Document) -> list[registry.Rule]:
    """The rules of `rules` that apply to `doc`, in their order: `applies` asked once per kind of
    document and list of rules, not once per rule and file."""
    global _applying
    if not isinstance(rules, (list, tuple)):
        rules = list(rules)
    cached = _applying
    if cached is None or cached[0] is not rules or cached[1] != rules:
        cached = _applying = (rules, rules[:], {})
    kind = _kind(doc)
    chosen = cached[2].get(kind)
    if chosen is None:
        chosen = cached[2][kind] = [rule for rule in rules if applies(rule, doc)]
    return chosen


def applies(rule: registry.Rule, doc: document.Document) -> bool:
    """Whether the file rule `rule` runs on `doc` (a pattern in a known format, unless the rule says)."""
    if rule.scope != "file":
        return False
    if rule.for_every_file:
        return True
    if not doc.is_pattern or not isinstance(doc.frontmatter, dict):
        return False
    return doc.format is not None or not rule.needs_format


def stamp(rule: registry.Rule, path: str, problem: Problem) -> Finding:
    """The finding of a rule's problem: code, name and severity from the catalogue."""
    fix = problem.fix
    if fix is not None and not rule.fixable:  # a bug in the rule: reported as internal-error, never dropped
        raise registry.CatalogueError(f"rule {rule.name} offers a fix but does not declare FIXABLE = True")
    return Finding(
        path=problem.path or path, line=problem.line, column=problem.column, code=rule.code,
        name=rule.name, severity=rule.severity, message=problem.message, fixable=fix is not None, fix=fix,
    )


def internal_error(path: str, during: str, exc: Exception, settings) -> Finding:
    """The finding of a bug met while checking `path` (the traceback printed with `settings.debug`)."""
    if settings.debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    rule = registry.find(internal_error_rule.NAME)
    return Finding(path, 1, 1, rule.code, rule.name, rule.severity, internal_error_rule.crashed(during, exc))


def apply_suppressions(findings: list[Finding], directives: dict[str, list], rules) -> list[Finding]:
    """Findings the files' suppression comments (`directives` by path) do not silence, and the
    comments that silenced nothing (unused-suppression, when it is among `rules`)."""
    if not directives:
        return findings
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    running = {rule.name for rule in rules}
    unused_rule = registry.find(unused_suppression.NAME)
    out: list[Finding] = []
    for path, found in by_path.items():
        out.extend(suppression.apply(found, directives.get(path, [])))
    if unused_rule.name in running:
        for path, items in directives.items():
            for line, column, message in suppression.unused(items, running):
                out.append(stamp(unused_rule, path, Problem(line, column, message)))
    return out


def apply_configuration(findings: list[Finding], config) -> list[Finding]:
    """The configuration's severities and per-file ignores, applied to every finding."""
    if not config.severity and not config.per_file_ignores:
        return findings
    ignored: dict[str, set[str]] = {}
    out = []
    for finding in findings:
        if finding.path not in ignored:
            ignored[finding.path] = config.ignored_rules(finding.path)
        if finding.name in ignored[finding.path] and finding.name != internal_error_rule.NAME:
            continue
        severity = config.severity.get(finding.name)
        out.append(dataclasses.replace(finding, severity=severity) if severity else finding)
    return out
