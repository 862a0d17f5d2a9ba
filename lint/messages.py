"""How messages show values: the helpers the rules' message builders share.

A leaf module (it imports nothing of the linter), so that any rule module can use it while
the reader (`document.py`, `yamlnodes.py`) and the schema layer (`schema/`) import those
rule modules to build their messages.
"""

from __future__ import annotations

import json
from typing import Any


def one_line(text: str) -> str:
    """`text` with every run of white space (line breaks too) made one space."""
    return " ".join(text.split())


def shown(value: str, limit: int = 60) -> str:
    """A key or value as written, on one line and at most `limit` characters."""
    value = value.replace("\n", "\\n")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def describe_value(value: Any) -> str:
    """A value read from YAML, described for a message: `the number 3`, `the text "x"`, `a list`."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"the boolean `{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:39] + "…"
        return f"the text {json.dumps(text, ensure_ascii=False)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
