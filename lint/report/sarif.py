"""SARIF 2.1.0 for GitHub code scanning and other tools.

The driver lists every rule (id = code, name, short and full description, help text, and a
`helpUri` to the rule's row in the README of the project's documentation URL); results carry
the rule index, level, a location and a `partialFingerprints` entry.

- Locations: `artifactLocation.uri` is the file's path relative to the repository root (the git
  work tree holding the files, else the current folder; see `locations.repository_root`),
  percent-encoded, because code scanning maps a result to a file by that relative path and
  ignores `uriBaseId`. The `%SRCROOT%` base it names is that same root, for viewers that resolve
  relative URIs (VS Code's SARIF viewer). A file outside the repository gets a `file:` URI.
- Fingerprints: `locations.fingerprints` (rule, repository-relative path, the message with its
  paths made repository-relative and its numbers left out, occurrence): the same whether the
  library was named `patterns`, `./patterns` or by its absolute path, from the repository's root or
  a subfolder, and when unrelated lines move.
- Baseline: with a baseline (`--baseline`, or `baseline` in the configuration), the results are the
  findings it does not hold, each marked `"baselineState": "new"`; the run's `properties.baseline`
  says how many it hid and how many of its findings are fixed. The baselined findings are left
  out, not written as `"unchanged"`: GitHub code scanning reads neither `baselineState` nor
  `suppressions` and opens an alert for every result uploaded (projects strip suppressed results
  before uploading for that reason: dekobon/big-code-analysis#503, trickle-labs/pg-trickle#411), so
  the thousands of findings a library chose to defer would reappear as open alerts, and would
  count against the 25,000-result limit ahead of the new ones. Every format shows the same findings.
- Limits: GitHub code scanning accepts at most 25,000 results per run ("SARIF results exceed
  limits": https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit)
  and a SARIF file of at most 10 MB gzip-compressed ("SARIF support for code scanning" and
  "SARIF results file is too large":
  https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/file-too-large).
  Results are written most severe first, then by path and line, up to 25,000 and while the whole
  file stays under 10,000,000 bytes uncompressed (so under the limit whether or not the uploader
  compresses it; compact JSON, which also keeps more results under it); when some are left out,
  `invocations[0].toolExecutionNotifications` says how many and how to see them all.
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..findings import SEVERITY_RANK
from ..registry import all_rules
from ..runner import Result
from .locations import Paths, fingerprints, repository_root

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "patternLint/v2"  # v1 hashed the message with the path as typed in it
MAX_RESULTS = 25_000
MAX_BYTES = 10_000_000
# The project's URLs as pyproject.toml declares them ([project.urls]; a test keeps the two equal).
# Read from the installed distribution's metadata at run time; these when it is not installed.
PROJECT_URLS = {
    "Homepage": "https://github.com/pattern-lint/pattern-lint",
    "Repository": "https://github.com/pattern-lint/pattern-lint",
    "Documentation": "https://github.com/pattern-lint/pattern-lint/blob/main/README.md",
    "Issues": "https://github.com/pattern-lint/pattern-lint/issues",
}
_JSON = {"ensure_ascii": False, "separators": (",", ":")}


def project_urls() -> dict[str, str]:
    """[project.urls] of the installed pattern-lint (core metadata `Project-URL: Label, URL`)."""
    try:
        entries = importlib.metadata.metadata("pattern-lint").get_all("Project-URL") or []
    except importlib.metadata.PackageNotFoundError:
        entries = []
    known = {_label(label): label for label in PROJECT_URLS}
    urls = dict(PROJECT_URLS)
    for entry in entries:
        label, _, url = entry.partition(",")
        if _label(label) in known and url.strip():
            urls[known[_label(label)]] = url.strip()
    return urls


def _label(label: str) -> str:
    """Labels compare as PEP 753 normalises them (case, spaces and punctuation do not count)."""
    return "".join(ch for ch in label.lower() if ch.isalnum())


def write(result: Result, out: TextIO, context=None) -> None:
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    root = repository_root(result)
    paths = Paths(root)
    prints = fingerprints(result, root, paths)
    urls = project_urls()
    order = sorted(range(len(result.findings)), key=lambda i: _rank(result.findings[i]))
    invocation = {"executionSuccessful": True}
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pattern-lint",
                "version": __version__,
                "informationUri": urls["Homepage"],
                "rules": [_rule(rule, urls["Documentation"]) for rule in rules],
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": _folder_uri(root)}},
            "results": [],
        }],
    }
    # What the file holds besides the results, with room for the notification and separators.
    budget = MAX_BYTES - len(json.dumps(log, **_JSON).encode("utf-8")) - 2048
    results = []
    for i in order[:MAX_RESULTS]:
        entry = _result(result.findings[i], index, paths, prints[i])
        if result.baseline is not None:
            entry["baselineState"] = "new"
        results.append(entry)
    # A result takes its text and a comma: the list's text less one byte in all. When all fit (the usual
    # case) that is one encoding; else they are counted one by one up to the budget.
    listed = json.dumps(results, **_JSON)
    if len(listed.encode("utf-8")) - 1 > budget:
        used = 0
        for kept, entry in enumerate(results):
            used += len(json.dumps(entry, **_JSON).encode("utf-8")) + 1
            if used > budget:
                del results[kept:]
                break
        listed = json.dumps(results, **_JSON)
    left_out = len(order) - len(results)
    if left_out:
        invocation["toolExecutionNotifications"] = [_left_out(left_out, len(order), results, result.findings, order)]
    if result.baseline is not None:
        log["runs"][0]["properties"] = {"baseline": {k: v for k, v in result.baseline.as_dict().items()}}
    for piece in _text(log, results, listed):
        out.write(piece)
    out.write("\n")


def _text(log: dict, results: list, listed: str) -> tuple[str, ...]:
    """`json.dumps(log)` once `log` holds the `results`, in pieces, without encoding the results a
    second time: their text (`listed`) in place of the empty list. (Not `json.dump`, which always takes
    the pure-Python encoder.) The empty list is found by its text: a `"` inside an encoded string is
    always written `\\"`, so `"results":[]` can only be the key itself, which the log holds once."""
    text, key = json.dumps(log, **_JSON), '"results":[]'
    if text.count(key) == 1:
        head, _, tail = text.partition(key)
        return head, '"results":', listed, tail
    log["runs"][0]["results"] = results
    return (json.dumps(log, **_JSON),)


def _folder_uri(folder: str) -> str:
    """A folder's `file:` URI, ending in `/` as SARIF wants of a base (3.14.14)."""
    base = Path(folder).as_uri()
    return base if base.endswith("/") else base + "/"


def _rank(finding) -> tuple:
    return (-SEVERITY_RANK.get(finding.severity, 0), finding.path, finding.line, finding.column, finding.code,
            finding.message)


def _result(finding, index: dict, paths: Paths, fingerprint: str) -> dict:
    from .text import safe

    reference, relative = paths.uri(finding.path)
    artifact = {"uri": reference, "uriBaseId": "%SRCROOT%"} if relative else {"uri": reference}
    return {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": LEVELS.get(finding.severity, "note"),
        "message": {"text": safe(finding.message)},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)},
        }}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }


def _left_out(left_out: int, total: int, kept: list, findings: list, order: list) -> dict:
    least = findings[order[len(kept)]].severity
    why = (f"GitHub code scanning takes at most {MAX_RESULTS:,} results per run and a file of at most 10 MB"
           if len(kept) < MAX_RESULTS else f"GitHub code scanning takes at most {MAX_RESULTS:,} results per run")
    return {
        "level": "warning",
        "message": {"text": f"{left_out:,} of {total:,} findings are not in this report ({why}); the "
                            f"{len(kept):,} kept are the most severe, and the first one left out is "
                            f"{'an' if least[0] in 'aeiou' else 'a'} {least}. Run pattern-lint with "
                            "--format json or --format text to see every finding."},
        "descriptor": {"id": "results-left-out"},
    }


def _rule(rule, documentation: str) -> dict:
    full = rule.doc.split("\n\n", 1)[0].replace("\n", " ")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": f"{documentation}#{rule.name}",
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "note")},
        "properties": {"tags": [rule.group]},
    }
