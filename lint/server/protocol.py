"""Findings and fixes in the Language Server Protocol's terms.

The linter counts lines from 1 and columns from 1 in characters (code points) of lines split at
`\\n`; LSP counts both from 0, and columns in the code units the client and server agreed on at
start (UTF-16 unless the client offers UTF-8 or UTF-32): `★` is one UTF-16 unit, an emoji two.
`Lines` converts between the two for one text.
"""

from __future__ import annotations

import functools
import re

from lsprotocol import types

from ..findings import Finding
from ..report.sarif import project_urls

SOURCE = "pattern-lint"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
_TOKEN = re.compile(r"[^\s,\]\}\)>]*")


class Lines:
    """One text's lines, for positions in both counts."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.bom = text.startswith("\ufeff")  # the linter's columns start after it
        self.lines = text.split("\n")
        self.encoding = encoding

    def line(self, number: int) -> str:
        """Line `number` (0-based) without its line end; "" past the end."""
        if 0 <= number < len(self.lines):
            line = self.lines[number]
            return line[:-1] if line.endswith("\r") else line
        return ""

    def units(self, text: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8", "surrogatepass"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(text)
        return len(text.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of the linter's 1-based `line` and `column`."""
        number = max(line - 1, 0)
        shift = 1 if self.bom and number == 0 else 0
        text = self.line(number)
        return types.Position(number, self.units(text[:max(column - 1, 0) + shift]))

    def character(self, position: types.Position) -> tuple[int, int]:
        """(0-based line, 0-based character index) of an LSP position."""
        text = self.line(position.line)
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return position.line, index
            units += self.units(char)
        return position.line, len(text)

    def span(self, line: int, column: int) -> types.Range:
        """The range of the word a finding at `line`, `column` (1-based) points at: up to the next
        space, comma or closing bracket (a quoted value: up to its closing quote), at least one
        character."""
        number = max(line - 1, 0)
        text = self.line(number)
        start = max(column - 1, 0) + (1 if self.bom and number == 0 else 0)
        quote = text[start:start + 1]
        close = text.find(quote, start + 1) if quote in ("'", '"') else -1
        # a quoted value, spaces and all, up to its closing quote; else the word
        end = close + 1 if close > start else start + len(_TOKEN.match(text, min(start, len(text))).group())
        if end == start:
            end = min(start + 1, len(text))
        return types.Range(types.Position(number, self.units(text[:start])),
                           types.Position(number, self.units(text[:end])))

    def offset_position(self, offset: int) -> types.Position:
        """The LSP position of a character offset in the whole text."""
        number = self.text.count("\n", 0, offset)
        start = self.text.rfind("\n", 0, offset) + 1
        return types.Position(number, self.units(self.text[start:offset]))


@functools.cache
def _documentation() -> str:
    return project_urls()["Documentation"]


def diagnostic(finding: Finding, lines: Lines) -> types.Diagnostic:
    documentation = _documentation()
    return types.Diagnostic(
        range=lines.span(finding.line, finding.column),
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Information),
        code=finding.code,
        code_description=types.CodeDescription(href=f"{documentation}#{finding.name}"),
        source=SOURCE,
        message=f"{finding.message} [{finding.name}]",
        data={"name": finding.name, "line": finding.line, "column": finding.column, "fixable": finding.fixable},
    )


def edit_between(before: str, after: str, lines: Lines) -> types.TextEdit | None:
    """The one edit that turns `before` into `after`: the changed middle, the common start and end kept."""
    if before == after:
        return None
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[len(before) - 1 - end] == after[len(after) - 1 - end]:
        end += 1
    if start and before[start - 1] == "\r" and before[start:start + 1] == "\n":
        start -= 1  # never split a CRLF line end
    return types.TextEdit(types.Range(lines.offset_position(start), lines.offset_position(len(before) - end)),
                          after[start:len(after) - end])
