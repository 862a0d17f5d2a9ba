"""The rule catalogue: finds the rule modules, checks their identity and docs, answers look-ups.

A rule module (in the repository's top-level `rules/` folder, installed as
`lint.rules`) declares CODE, NAME, GROUP, SEVERITY and a docstring whose first
line is the summary and which has the sections below. It either defines
`check(doc, options)` yielding `Problem`s, or declares SOURCE = "document"
(problems found while reading the file), SOURCE = "schema" (problems found
by JSON Schema validation) or SOURCE = "engine" (the runner or the command line
reports them); the engine then collects them by the rule's name. Such a rule
still owns its messages: its module defines the functions that write them,
which the reader (`document.EMITS`), the schema layer (`schema.RULES`) or the
engine (`ENGINE_EMITS`) calls. The catalogue checks when it is first loaded
that every name those layers emit is a registered rule of that SOURCE, and
that every such rule is emitted by its layer: a misnamed finding is an error,
not a finding silently dropped. A rule that yields a fix without declaring
FIXABLE is an error too (engine.stamp raises CatalogueError, which the run
reports as internal-error).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable

from . import document, schema
from .findings import SEVERITIES, Problem
from .rules import fix_not_applied, internal_error, unused_suppression

DOC_SECTIONS = ("What it checks", "Why it matters", "Example", "How to fix", "What it does not report")
CODE_RE = re.compile(r"^PL\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCES = ("check", "document", "schema", "engine")  # engine: the runner itself produces the findings
# The rules the runner and the command line report themselves (internal-error on any file, as if read).
ENGINE_EMITS = frozenset((internal_error.NAME, unused_suppression.NAME, fix_not_applied.NAME))


class CatalogueError(Exception):
    """A rule module breaks the catalogue's contract (a developer error, caught by the tests)."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    group: str
    severity: str
    summary: str
    doc: str
    source: str  # "check", "document" or "schema"
    scope: str  # "file" or "library"
    fixable: bool
    needs_format: bool  # runs only on patterns whose format is known
    default_enabled: bool  # False: runs only when selected by name, code or group
    check: Callable[[Any, dict], Iterable[Problem]]

    @property
    def for_every_file(self) -> bool:
        """Document problems are reported on any file; other rules run on patterns only."""
        return self.source == "document"


def _rule_from_module(module) -> Rule:
    where = module.__name__
    try:
        code, name, group, severity = module.CODE, module.NAME, module.GROUP, module.SEVERITY
    except AttributeError as exc:
        raise CatalogueError(f"{where}: missing constant ({exc})") from None
    doc = (module.__doc__ or "").strip()
    source = getattr(module, "SOURCE", "check")
    if not CODE_RE.match(code):
        raise CatalogueError(f"{where}: code {code!r} is not PL followed by three digits")
    if not NAME_RE.match(name):
        raise CatalogueError(f"{where}: name {name!r} is not kebab-case")
    if severity not in SEVERITIES:
        raise CatalogueError(f"{where}: severity {severity!r} is not one of {SEVERITIES}")
    if source not in SOURCES:
        raise CatalogueError(f"{where}: SOURCE {source!r} is not one of {SOURCES}")
    missing = [s for s in DOC_SECTIONS if f"\n{s}\n" not in f"\n{doc}\n"]
    if not doc or missing:
        raise CatalogueError(f"{where}: docstring lacks a summary line or sections {missing}")
    if source != "check" and not any(callable(value) and getattr(value, "__module__", None) == where
                                     and not key.startswith("_") for key, value in vars(module).items()):
        raise CatalogueError(f"{where}: SOURCE = {source!r}, but it defines no function that writes its messages")
    if source == "check":
        check = getattr(module, "check", None)
        if check is None:
            raise CatalogueError(f"{where}: defines no check() and no SOURCE")
    elif source == "engine":
        def check(doc_, options):
            return ()
    elif source == "document":
        def check(doc_, options, _name=name):
            return doc_.problems_of(_name)
    else:
        def check(doc_, options, _name=name):
            return schema.problems(doc_, _name)
    return Rule(
        code=code, name=name, group=group, severity=severity, summary=doc.splitlines()[0].strip(),
        doc=doc, source=source, scope=getattr(module, "SCOPE", "file"),
        fixable=getattr(module, "FIXABLE", False),
        needs_format=source == "schema" or getattr(module, "NEEDS_FORMAT", False),
        default_enabled=getattr(module, "DEFAULT_ENABLED", True), check=check,
    )


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    catalogue = importlib.import_module("lint.rules")
    rules = tuple(_rule_from_module(importlib.import_module(f"lint.rules.{m}")) for m in catalogue.MODULES)
    for attribute in ("code", "name"):
        values = [getattr(r, attribute) for r in rules]
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            raise CatalogueError(f"rule {attribute}s used twice: {duplicates}")
    check_emitted(rules)
    return tuple(sorted(rules, key=lambda r: r.code))


def check_emitted(rules, emitted: dict[str, frozenset] | None = None) -> None:
    """Every rule name the reader, the schema layer and the engine can emit is a registered rule of that
    SOURCE, and every rule of those SOURCEs is emitted by one of them; else CatalogueError."""
    if emitted is None:
        emitted = {"document": document.EMITS, "schema": frozenset(schema.RULES), "engine": ENGINE_EMITS}
    by_name = {rule.name: rule for rule in rules}
    for layer, names in emitted.items():
        for name in sorted(names):
            rule = by_name.get(name)
            if rule is None:
                raise CatalogueError(f"the {layer} layer emits {name!r}, which is no registered rule")
            if rule.source != layer and not (layer == "engine" and rule.source == "document"):
                raise CatalogueError(f"the {layer} layer emits {name!r}, whose SOURCE is {rule.source!r}")
    every = frozenset().union(*emitted.values())
    for rule in rules:
        if rule.source != "check" and rule.name not in every:
            raise CatalogueError(f"rule {rule.name}: SOURCE = {rule.source!r}, but nothing emits it")


def find(name_or_code: str) -> Rule | None:
    wanted = name_or_code.strip()
    for rule in all_rules():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None


def closest_names(name_or_code: str) -> list[str]:
    import difflib

    return difflib.get_close_matches(name_or_code.lower(), [r.name for r in all_rules()], n=3, cutoff=0.6)


def select(select: list[str] | None = None, extend: list[str] = (), ignore: list[str] = ()) -> tuple[Rule, ...]:
    """The rules a run uses. Selectors are codes, names, groups or code prefixes (`PL4`).

    Without `select`, the default-enabled rules run; `extend` adds to them, `ignore` removes.
    `internal-error` always stays: it is how the run says it could not check a file.
    Raises ValueError naming a selector that matches no rule.
    """
    rules = all_rules()
    chosen = {r.name for r in rules if r.default_enabled} if select is None else set(_match(select))
    chosen |= set(_match(extend))
    chosen -= set(_match(ignore))
    chosen.add("internal-error")
    return tuple(r for r in rules if r.name in chosen)


def names(selectors) -> list[str]:
    """Rule names matched by codes, names, groups or code prefixes; ValueError for one that matches nothing."""
    return _match(selectors)


def _match(selectors) -> list[str]:
    names = []
    for selector in selectors:
        wanted = selector.strip()
        hits = [r.name for r in all_rules()
                if wanted.lower() in (r.name, r.group) or (wanted.upper().startswith("PL") and r.code.startswith(wanted.upper()))]
        if not hits:
            near = closest_names(wanted)
            raise ValueError(f"no rule, group or code matches {wanted!r}" + (f"; did you mean {', '.join(near)}?" if near else ""))
        names.extend(hits)
    return names
