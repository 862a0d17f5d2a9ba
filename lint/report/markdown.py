"""Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a table per rule, then the
first findings of each file.

GitHub refuses a comment body over 65,536 characters and a job summary over 1 MiB, so the
summary is kept within 65,536 characters (counted as UTF-16 code units, as a browser counts
them, which is never fewer than the code points; at most 4 bytes each, so far under 1 MiB): the
counts and the per-rule table are always written; findings are listed file by file (at most 10
a file) while they fit, and a last line says how many are not listed and how to see them all.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TextIO

from ..runner import Result

FIRST_PER_FILE = 10
MAX_CHARS = 65_536
ICONS = {"error": "🔴", "warning": "🟡", "info": "🔵"}
_END = "\n</details>\n"
_ROOM_FOR_LAST_LINE = 400  # the "not listed" line and the end of the details block


def _cell(text: str, longest: int = 600) -> str:
    from .text import safe

    if len(text) > longest:  # one value from a file cannot take the whole comment
        text = text[:longest] + "…"
    return safe(text.replace("\n", " ")).replace("|", "\\|").replace("<", "&lt;")


def _code(text: str, longest: int = 600) -> str:
    """`text` as a Markdown code span, whatever it holds: a file name with `*`, `_` or backticks must
    not turn into emphasis or end the span early (CommonMark: a fence of one backtick more than the
    longest run inside, padded with spaces when the text starts or ends with one)."""
    from .text import safe

    if len(text) > longest:
        text = text[:longest] + "…"
    text = safe(text.replace("\n", " "))
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip(" ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def size(text: str) -> int:
    """Characters as GitHub's limits count them (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def write(result: Result, out: TextIO, context=None) -> None:
    out.write(render(result))


def render(result: Result, limit: int = MAX_CHARS) -> str:
    s = result.summary
    plural = lambda n, word: f"{n:,} {word}{'s' * (n != 1)}"  # noqa: E731
    head = ["## pattern-lint\n\n",
            f"Checked {plural(s.files, 'file')} ({plural(s.patterns, 'pattern')}, {s.skipped:,} skipped): "
            f"**{plural(s.errors, 'error')}**, {plural(s.warnings, 'warning')}.\n\n"]
    if result.baseline is not None and (result.baseline.hidden or result.baseline.fixed):
        from ..baseline import summary_lines

        head.append(" ".join(_cell(line) for line in summary_lines(result.baseline)) + "\n\n")
    if not result.findings:
        return "".join(head) + "No findings. ✅\n"
    counts = Counter((f.code, f.name, f.severity) for f in result.findings)
    head.append("| rule | severity | findings |\n|---|---|---:|\n")
    for (code, name, severity), n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        head.append(f"| {code} `{name}` | {ICONS.get(severity, '')} {severity} | {n:,} |\n")
    head.append("\n<details><summary>Findings by file</summary>\n\n")
    parts, used = head, size("".join(head))
    budget = limit - _ROOM_FOR_LAST_LINE
    by_file = defaultdict(list)
    for f in result.findings:
        by_file[f.path].append(f)
    listed, full = 0, False
    for path in sorted(by_file):
        found = by_file[path]
        header = f"**{_code(path)}**\n\n"
        lines = [f"- {ICONS.get(f.severity, '')} line {f.line}: {f.code} `{f.name}` {_cell(f.message)}\n"
                 for f in found[:FIRST_PER_FILE]]
        shown = len(lines)  # as many of the file's lines as fit
        while shown and used + size(header + "".join(lines[:shown])) + 40 > budget:
            shown -= 1
        if shown:
            hidden = len(found) - shown
            text = header + "".join(lines[:shown]) + (f"- … and {hidden:,} more\n" if hidden else "") + "\n"
            parts.append(text)
            used += size(text)
            listed += shown
        if shown < len(lines):
            full = True
            break
    parts.append(_END)
    left_out = len(result.findings) - listed
    if left_out:
        reason = ("to keep this summary within GitHub's 65,536-character limit for a comment, and at most "
                  f"{FIRST_PER_FILE} a file" if full else f"at most {FIRST_PER_FILE} are listed a file")
        parts.append(f"\n{left_out:,} of {len(result.findings):,} findings are not listed here ({reason}). "
                     "`pattern-lint --format text` prints them all; so do the code-scanning alerts of "
                     "`--format sarif`.\n")
    return "".join(parts)
