"""Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a table per rule, then the
first findings of each file."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TextIO

from ..runner import Result

FIRST_PER_FILE = 10
ICONS = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def write(result: Result, out: TextIO, context=None) -> None:
    s = result.summary
    out.write("## pattern-lint\n\n")
    plural = lambda n, word: f"{n} {word}{'s' * (n != 1)}"  # noqa: E731
    out.write(f"Checked {plural(s.files, 'file')} ({plural(s.patterns, 'pattern')}, {s.skipped} skipped): "
              f"**{plural(s.errors, 'error')}**, {plural(s.warnings, 'warning')}.\n\n")
    if not result.findings:
        out.write("No findings. ✅\n")
        return
    counts = Counter((f.code, f.name, f.severity) for f in result.findings)
    out.write("| rule | severity | findings |\n|---|---|---:|\n")
    for (code, name, severity), n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"| {code} `{name}` | {ICONS.get(severity, '')} {severity} | {n} |\n")
    by_file = defaultdict(list)
    for f in result.findings:
        by_file[f.path].append(f)
    out.write("\n<details><summary>Findings by file</summary>\n\n")
    for path in sorted(by_file):
        found = by_file[path]
        out.write(f"**{_cell(path)}**\n\n")
        for f in found[:FIRST_PER_FILE]:
            out.write(f"- {ICONS.get(f.severity, '')} line {f.line}: {f.code} `{f.name}` {_cell(f.message)}\n")
        if len(found) > FIRST_PER_FILE:
            out.write(f"- … and {len(found) - FIRST_PER_FILE} more\n")
        out.write("\n")
    out.write("</details>\n")
