"""JUnit XML: a failing test case per finding, named with its rule and `line:col` (CI systems
drop test cases with repeated names), and a passing case per file without findings."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from ..runner import Result


def _clean(text: str) -> str:
    """Values escaped as in the text report: XML 1.0 cannot hold most control characters, and a
    line break inside a value must not start a line of its own in a CI log that shows the file."""
    from .text import safe

    return safe(text)


def write(result: Result, out: TextIO, context=None) -> None:
    by_file = defaultdict(list)
    for f in result.findings:
        by_file[f.path].append(f)
    clean_files = [p for p in result.paths if p not in by_file]
    failures = sum(1 for f in result.findings if f.severity in ("error", "warning"))
    tests = len(result.findings) + len(clean_files)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuites name="pattern-lint" tests="{tests}" failures="{failures}">\n')
    out.write(f'  <testsuite name="pattern-lint" tests="{tests}" failures="{failures}" errors="0">\n')
    for path in sorted(by_file):
        for f in by_file[path]:
            name = f"{f.code} {f.name} {f.line}:{f.column}"
            out.write(f"    <testcase classname={quoteattr(_clean(path))} name={quoteattr(name)}>\n")
            tag = "failure" if f.severity in ("error", "warning") else "system-out"
            if tag == "failure":
                out.write(f"      <failure type={quoteattr(f.severity)} message={quoteattr(_clean(f.message))}>"
                          f"{escape(_clean(f'{path}:{f.line}:{f.column}: {f.code} [{f.name}] {f.message}'))}"
                          "</failure>\n")
            else:
                out.write(f"      <system-out>{escape(_clean(f.message))}</system-out>\n")
            out.write("    </testcase>\n")
    for path in clean_files:
        out.write(f"    <testcase classname={quoteattr(_clean(path))} name={quoteattr(_clean(path) + ': no findings')}/>\n")
    out.write("  </testsuite>\n</testsuites>\n")
