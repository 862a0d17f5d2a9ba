"""GitLab Code Quality: the JSON array of Code Climate issues GitLab reads from
`artifacts: reports: codequality:` and shows in the merge request widget and changes view.

GitLab reads `description`, `check_name`, `fingerprint`, `severity`, `location.path` and
`location.lines.begin` ("Implement a custom tool", https://docs.gitlab.com/ci/testing/code_quality/);
the Code Climate spec it follows (https://github.com/codeclimate/platform/blob/master/spec/analyzers/SPEC.md)
also requires `type: "issue"` and `categories`, which are written too, with `lines.end`.

- `fingerprint`: the one SARIF uses (`locations.fingerprints`): distinct for every finding (GitLab
  shows findings with one fingerprint as one), and the same in the next pipeline for the same
  problem, so the widget compares branches by problem, not by line.
- `severity`: error -> `major`, warning -> `minor`, info -> `info`. GitLab orders the widget by
  severity; `critical` and `blocker` are left for what the Code Climate scale means by them
  (security holes, crashes), which no finding about a pattern file is.
- `location.path`: relative to the repository root (GitLab resolves it against the checkout).
- `description`: `CODE [name] message`, on one line, control characters escaped as in the text report.
"""

from __future__ import annotations

from typing import TextIO

from ..runner import Result
from . import indented
from .locations import Paths, fingerprints, repository_root

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
# Code Climate's categories, by rule group: what breaks reading or linking the pattern is a bug
# risk; sections and facts that disagree, and text the page shows otherwise than written, make it unclear.
CATEGORIES = {"file": "Bug Risk", "frontmatter": "Bug Risk", "schema": "Bug Risk", "identity": "Bug Risk",
              "graph": "Bug Risk", "sections": "Clarity", "reconciliation": "Clarity",
              "rendering": "Clarity"}


def write(result: Result, out: TextIO, context=None) -> None:
    """What `json.dump(issues, out, indent=2, ensure_ascii=False)` would write of the issues, put
    together here from a template and their strings encoded by the C encoder (the standard library's
    indented output takes its pure-Python encoder: a second for 10,000 findings), a batch of issues at
    a time (tests/test_report_indented.py checks the text is the standard library's)."""
    from ..registry import all_rules
    from .text import safe

    if not result.findings:
        out.write("[]\n")
        return
    groups = {rule.code: rule.group for rule in all_rules()}
    root = repository_root(result)
    paths = Paths(root)
    prints = fingerprints(result, root, paths)
    shown: dict[str, str] = {}  # path -> as written
    out.write("[\n")
    for start in range(0, len(result.findings), indented.BATCH):
        batch = result.findings[start:start + indented.BATCH]
        values = []
        for finding, fingerprint in zip(batch, prints[start:start + indented.BATCH]):
            where = shown.get(finding.path)
            if where is None:
                where = shown[finding.path] = safe(paths.shown(finding.path))
            values += (finding.name, safe(f"{finding.code} [{finding.name}] {finding.message}"),
                       CATEGORIES.get(groups.get(finding.code, ""), "Bug Risk"),
                       SEVERITIES.get(finding.severity, "info"), fingerprint, where)
        out.write((",\n" if start else "") + _issues(batch, indented.strings(values)))
    out.write("\n]\n")


def _issues(findings, encoded: list[str]) -> str:
    """The issues of `findings`, each at its place in the report's list; `encoded`: each issue's six
    strings, already JSON."""
    issues = []
    for n, finding in enumerate(findings):
        name, description, category, severity, fingerprint, path = encoded[6 * n:6 * n + 6]
        line = max(finding.line, 1)
        issues.append(f"""  {{
    "type": "issue",
    "check_name": {name},
    "description": {description},
    "categories": [
      {category}
    ],
    "severity": {severity},
    "fingerprint": {fingerprint},
    "location": {{
      "path": {path},
      "lines": {{
        "begin": {line},
        "end": {line}
      }}
    }}
  }}""")
    return ",\n".join(issues)
