"""`path:line:col: CODE [name] message`, one finding a line, then a summary."""

from __future__ import annotations

import unicodedata
from typing import TextIO

from ..runner import Result


def write(result: Result, out: TextIO) -> None:
    for f in result.findings:
        mark = "" if f.fix is None else (" (fixable with --fix)" if f.fix.safe else " (fixable with --unsafe-fixes)")
        out.write(f"{safe(f.path)}:{f.line}:{f.column}: {f.code} [{f.name}] {safe(f.message)}{mark}\n")
    s = result.summary
    counts = f"{s.errors} error{'s' * (s.errors != 1)}, {s.warnings} warning{'s' * (s.warnings != 1)}"
    out.write(f"{'' if not result.findings else chr(10)}Checked {s.files} file{'s' * (s.files != 1)}: "
              f"{s.patterns} pattern{'s' * (s.patterns != 1)}, {s.skipped} skipped (not patterns); {counts}.\n")
    safe_fixes = sum(1 for f in result.findings if f.fix is not None and f.fix.safe)
    unsafe_fixes = sum(1 for f in result.findings if f.fix is not None and not f.fix.safe)
    if safe_fixes or unsafe_fixes:
        out.write(f"{safe_fixes} fixable with --fix" + (f" ({unsafe_fixes} more with --fix --unsafe-fixes)"
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
