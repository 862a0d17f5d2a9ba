"""What a check produces: problems from rules, findings once the engine stamps them, and the fixes
(edits to the file's text) either may carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Problem:
    """What a rule yields: where and what. The engine adds code, name and severity."""

    line: int
    column: int
    message: str
    # Lets one rule report at another file (library rules do) without a second type.
    path: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    fix: Any = field(default=None, compare=False)  # a Fix, when the rule can correct it


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    name: str
    severity: str
    message: str
    fixable: bool = False
    fix: Any = field(default=None, compare=False, repr=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "fixable": self.fixable,
        }


@dataclass(frozen=True)
class Edit:
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    # An insertion that other `join` insertions at the same place follow, in order, in the same
    # round (entries added to one list); any other edit at a place taken waits for the next round.
    join: bool = False


@dataclass(frozen=True)
class Fix:
    title: str
    safe: bool
    edits: tuple[Edit, ...] = ()
    # For fixes worked out on another file's full text (a library rule's finding may come from
    # a file that was indexed, not read): called with that file's document at fix time; returns
    # the edits, () when there is nothing (more) to do, None when the fix cannot be placed.
    make: Callable | None = field(default=None, compare=False)

    def edits_for(self, doc) -> tuple[Edit, ...] | None:
        if self.make is None:
            return self.edits
        made = self.make(doc)
        return None if made is None else tuple(made)


def summary_of(fix: Fix | None) -> Fix | None:
    """What reports show of a fix (its title, whether it is safe), without what it would edit:
    it can be cached and sent between processes. Only runs with --fix or --diff keep whole fixes."""
    return Fix(fix.title, fix.safe) if fix is not None else None
