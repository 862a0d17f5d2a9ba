"""JUnit XML for GitLab's unit test reports and Jenkins' `junit` step: a test case per finding,
and a passing case per file without findings.

- A case's `classname` is the file as it was named and its `name` the rule and `line:column`,
  with ` #2`, ` #3` ... added when two findings of one rule share a position: GitLab keeps only the
  first of two cases with the same name, and Jenkins merges them.
- `file` (on each case) is the file's path relative to the repository (or the current folder),
  which GitLab shows with the case and links to. Jenkins' `junit-10.xsd` (the schema of the xunit
  plugin) declares `file` only on `testsuite`; Jenkins' junit step and GitLab ignore attributes they
  do not know, and the tests check the report against that XSD with `file` added to `testcase`.
- Findings at or above the failing severity (`--fail-on`, `error` unless set) are `<failure>`s;
  the others (warnings by default, and info) are `<skipped>` with the message, as `message` and as
  text. Both UIs count skipped cases apart and list them with their reason (Jenkins shows the
  `message` attribute, GitLab the element's text), where a passing case's `<system-out>` is hidden
  (GitLab's parser drops it for a passing case; Jenkins shows it only on the case's own page) -
  and a skipped case, unlike a failure, does not make Jenkins mark the build unstable, which would
  contradict the linter's own exit status.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from ..findings import SEVERITY_RANK
from ..runner import Result
from . import Buffer
from .text import safe
from .locations import Paths, repository_root


def _clean(text: str) -> str:
    """Values escaped as in the text report: XML 1.0 cannot hold most control characters, and a
    line break inside a value must not start a line of its own in a CI log that shows the file."""
    return safe(text)


def write(result: Result, out: TextIO, context=None) -> None:
    threshold = SEVERITY_RANK[getattr(context, "fail_on", None) or "error"]
    paths = Paths(repository_root(result))
    by_file = defaultdict(list)
    for f in result.findings:
        by_file[f.path].append(f)
    clean_files = [p for p in result.paths if p not in by_file]
    failures = sum(SEVERITY_RANK.get(f.severity, 0) >= threshold for f in result.findings)
    tests = len(result.findings) + len(clean_files)
    skipped = len(result.findings) - failures
    lines = Buffer(out)
    lines.append('<?xml version="1.0" encoding="UTF-8"?>\n'
                 f'<testsuites name="pattern-lint" tests="{tests}" failures="{failures}" errors="0">\n'
                 f'  <testsuite name="pattern-lint" tests="{tests}" failures="{failures}" errors="0" '
                 f'skipped="{skipped}">\n')
    seen: dict[tuple[str, str], int] = {}
    for path in sorted(by_file):
        classname = _clean(path)
        attributes = f"classname={quoteattr(classname)}", f"file={quoteattr(_clean(paths.shown(path)))}"
        for f in by_file[path]:
            name = _unique(seen, classname, f"{f.code} {f.name} {f.line}:{f.column}")
            message = quoteattr(_clean(f.message))
            detail = escape(_clean(f"{path}:{f.line}:{f.column}: {f.code} [{f.name}] {f.message}"))
            kind = "failure" if SEVERITY_RANK.get(f.severity, 0) >= threshold else "skipped"
            lines.append(f"    <testcase {attributes[0]} name={quoteattr(name)} {attributes[1]}>\n"
                         f"      <{kind} type={quoteattr(f.severity)} message={message}>{detail}</{kind}>\n"
                         "    </testcase>\n")
    for path in clean_files:
        classname, file = _clean(path), _clean(paths.shown(path))
        name = _unique(seen, classname, f"{classname}: no findings")
        lines.append(f"    <testcase classname={quoteattr(classname)} name={quoteattr(name)} file={quoteattr(file)}/>\n")
    lines.append("  </testsuite>\n</testsuites>\n")
    lines.flush()


def _unique(seen: dict, classname: str, name: str) -> str:
    """`name`, or `name #2`, `name #3` ...: the first that this class has not used yet (`seen` keeps,
    per name used, the last counter tried for it)."""
    candidate, n = name, seen.get((classname, name), 1)
    while (classname, candidate) in seen:
        n += 1
        candidate = f"{name} #{n}"
    seen[(classname, name)] = n
    seen[(classname, candidate)] = seen.get((classname, candidate), 1)
    return candidate
