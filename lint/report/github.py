"""GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=NAME::message` per finding.

Values are escaped as the Actions toolkit does (`%`, CR and LF in the message; also `:`
and `,` in properties), so a file name or value cannot end a command early or forge one;
other control characters are escaped as in the text report.
GitHub shows at most 10 annotations of each level per step; when there are more, a
notice says so and points at SARIF and the job summary.
"""

from __future__ import annotations

import os
from typing import TextIO

from ..runner import Result
from . import Buffer
from .text import safe

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
SHOWN_PER_LEVEL = 10


def escape_data(value: str) -> str:
    return _printable(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _printable(value: str) -> str:
    """Other control characters (an escape sequence that would colour or rewrite the log, say) as
    the text report shows them; CR and LF are left to the workflow command's own %0D and %0A."""
    if value.isprintable():
        return value
    return "\r".join("\n".join(safe(part) for part in segment.split("\n")) for segment in value.split("\r"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def write(result: Result, out: TextIO, context=None) -> None:
    counts: dict[str, int] = {}
    files: dict[str, str] = {}  # path -> its `file=` property (a file has several findings)
    lines = Buffer(out)
    for f in result.findings:
        level = LEVELS.get(f.severity, "notice")
        counts[level] = counts.get(level, 0) + 1
        file = files.get(f.path)
        if file is None:
            file = files[f.path] = f"file={escape_property(_workspace_path(f.path))}"
        properties = f"{file},line={escape_property(str(f.line))},col={escape_property(str(f.column))}," \
                     f"title={escape_property(f.name)}"
        lines.append(f"::{level} {properties}::{escape_data(f'{f.path}:{f.line}:{f.column}: {f.code} {f.message}')}\n")
    lines.flush()
    over = {level: n for level, n in counts.items() if n > SHOWN_PER_LEVEL}
    if over:
        listed = ", ".join(f"{n} {level}s" for level, n in sorted(over.items()))
        out.write(f"::notice title=pattern-lint::{escape_data(f'GitHub shows at most {SHOWN_PER_LEVEL} annotations of each level per step; this run has {listed}. Upload the SARIF report (--format sarif) to code scanning, or write --format markdown to $GITHUB_STEP_SUMMARY, to see them all.')}\n")
    s = result.summary
    out.write(f"pattern-lint: {_count(s.files, 'file')}, {_count(s.patterns, 'pattern')}, {_count(s.errors, 'error')}, "
              f"{_count(s.warnings, 'warning')}\n")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _workspace_path(path: str) -> str:
    """Annotations need paths relative to the repository (the working directory in Actions)."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative.replace(os.sep, "/")
