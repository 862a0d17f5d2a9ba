"""`path:line:col: CODE [name] message`, one finding a line, then a summary."""

from __future__ import annotations

import unicodedata
from typing import TextIO

from ..runner import Result
from . import Buffer


_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def write(result: Result, out: TextIO, context=None) -> None:
    buffer = Buffer(out)
    _lines(result, buffer.append, context)
    buffer.flush()


def _lines(result: Result, write, context) -> None:
    terminal = bool(context and context.terminal)
    colour = bool(context and context.colour)
    lines: dict[str, list[str]] = {}
    for f in result.findings:
        mark = "" if f.fix is None else (" (fixable with --fix)" if f.fix.safe else " (fixable with --unsafe-fixes)")
        where = f"{safe(f.path)}:{f.line}:{f.column}:"
        code = f"{f.code} [{f.name}]"
        if colour:
            where, code = f"{_BOLD}{where}{_RESET}", f"{_COLOURS.get(f.severity, '')}{code}{_RESET}"
        write(f"{where} {code} {safe(f.message)}{mark}\n")
        if terminal:
            _source(write, f, lines, colour)
    if context is not None and context.quiet:
        return
    s = result.summary
    counts = f"{s.errors} error{'s' * (s.errors != 1)}, {s.warnings} warning{'s' * (s.warnings != 1)}"
    write(f"{'' if not result.findings else chr(10)}Checked {s.files} file{'s' * (s.files != 1)}: "
          f"{s.patterns} pattern{'s' * (s.patterns != 1)}, {s.skipped} skipped (not patterns); {counts}.\n")
    if result.baseline is not None:
        from ..baseline import summary_lines

        for line in summary_lines(result.baseline):
            write(line + "\n")
    safe_fixes = sum(1 for f in result.findings if f.fix is not None and f.fix.safe)
    unsafe_fixes = sum(1 for f in result.findings if f.fix is not None and not f.fix.safe)
    if safe_fixes or unsafe_fixes:
        write(f"{safe_fixes} fixable with --fix" + (f" ({unsafe_fixes} more with --fix --unsafe-fixes)"
                                                    if unsafe_fixes else "") + ".\n")


def safe(value: str) -> str:
    """Escape what could forge output lines or hide text: control, format (bidi) and surrogate chars."""
    if value.isprintable():
        return value
    out = []
    for ch in value:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _source(write, finding, cache: dict[str, list[str]], colour: bool) -> None:
    """The offending line and a caret under the column (on a terminal only)."""
    if finding.path not in cache:
        try:
            with open(finding.path, encoding="utf-8", errors="replace") as handle:
                cache[finding.path] = handle.read(4 * 1024 * 1024).split("\n")
        except OSError:
            cache[finding.path] = []
    lines = cache[finding.path]
    if not 1 <= finding.line <= len(lines):
        return
    line = safe(lines[finding.line - 1].rstrip("\r").expandtabs(1))[:200]
    caret = " " * (max(finding.column, 1) - 1) + "^"
    write(f"  {finding.line:>5} | {line}\n        | {_DIM + caret + _RESET if colour else caret}\n")
