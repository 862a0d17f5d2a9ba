"""`path:line:col: CODE [name] message`, one finding a line, then a summary."""

from __future__ import annotations

import unicodedata
from typing import TextIO

from ..runner import Result


def write(result: Result, out: TextIO) -> None:
    for f in result.findings:
        out.write(f"{safe(f.path)}:{f.line}:{f.column}: {f.code} [{f.name}] {safe(f.message)}\n")
    s = result.summary
    counts = f"{s.errors} error{'s' * (s.errors != 1)}, {s.warnings} warning{'s' * (s.warnings != 1)}"
    out.write(f"{'' if not result.findings else chr(10)}Checked {s.files} file{'s' * (s.files != 1)}: "
              f"{s.patterns} pattern{'s' * (s.patterns != 1)}, {s.skipped} skipped (not patterns); {counts}.\n")


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
