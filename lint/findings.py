"""What a check produces: problems from rules, findings once the engine stamps them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    fix: Any = field(default=None, compare=False)  # a lint.fix.Fix, when the rule can correct it


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
