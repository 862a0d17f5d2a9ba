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

import json
from typing import TextIO

from ..runner import Result
from .locations import fingerprints, repository_root, shown_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
# Code Climate's categories, by rule group: what breaks reading or linking the pattern is a bug
# risk; sections and facts that disagree, and text the page shows otherwise than written, make it unclear.
CATEGORIES = {"file": "Bug Risk", "frontmatter": "Bug Risk", "schema": "Bug Risk", "identity": "Bug Risk",
              "graph": "Bug Risk", "sections": "Clarity", "reconciliation": "Clarity",
              "rendering": "Clarity"}


def write(result: Result, out: TextIO, context=None) -> None:
    from ..registry import all_rules
    from .text import safe

    groups = {rule.code: rule.group for rule in all_rules()}
    root = repository_root(result)
    prints = fingerprints(result, root)
    issues = []
    for finding, fingerprint in zip(result.findings, prints):
        line = max(finding.line, 1)
        issues.append({
            "type": "issue",
            "check_name": finding.name,
            "description": safe(f"{finding.code} [{finding.name}] {finding.message}"),
            "categories": [CATEGORIES.get(groups.get(finding.code, ""), "Bug Risk")],
            "severity": SEVERITIES.get(finding.severity, "info"),
            "fingerprint": fingerprint,
            "location": {"path": safe(shown_path(finding.path, root)), "lines": {"begin": line, "end": line}},
        })
    json.dump(issues, out, indent=2, ensure_ascii=False)
    out.write("\n")
