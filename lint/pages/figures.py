"""The report's figures: the library model turned into the totals and top lists the health page shows, counted as `lint --format json` counts them."""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from typing import Any

from .model import relative

TOP = 25
SCORES = ("vitality", "overall_score")
SCORE_MIN, SCORE_MAX, BIN_WIDTH = 0.0, 5.0, 0.5
BINS = int((SCORE_MAX - SCORE_MIN) / BIN_WIDTH)
SEVERITIES = ("error", "warning", "info")
DANGLING_RULES = ("dangling-link", "dangling-inferred-link", "dangling-body-link")
NONE = "(none)"
UNKNOWN_GROUP = "(unknown)"

_NAMES_NO_PATTERN = "` names no pattern in the library"
_DID_YOU_MEAN = re.compile(r"did you mean `(.+)`\?$")
_NAMED_AGAIN = re.compile(r"\(named again on lines? ([0-9, ]+)[;)]")
_INFERRED_TOO = "an inferred link names it too"


# ----------------------------------------------------------------------------- aggregation

def aggregate(data: dict[str, Any]) -> dict[str, Any]:
    """The figures the page shows, computed from the model `data`."""
    findings = data.get("findings") or []
    root = str(data.get("root") or ".")
    nodes = data.get("nodes") or []
    patterns = [n for n in nodes if n.get("in_scope") and not n.get("dangling")]
    summary = data.get("summary") or {}
    rules = _per_rule(findings, data.get("rules") or {})
    dangling = _dangling(findings, {n.get("label") for n in nodes if n.get("dangling")}, root,
                         ran=any(name in (data.get("rules") or {}) for name in DANGLING_RULES))
    return {
        "root": _text(root),
        "headline": {
            "files": int(summary.get("files", 0)),
            "patterns": int(summary.get("patterns", 0)),
            "skipped": int(summary.get("skipped", 0)),
            "errors": int(summary.get("errors", 0)),
            "warnings": int(summary.get("warnings", 0)),
            "findings": len(findings),
            "dangling_targets": dangling["targets"],
            "files_with_findings": len({f.get("path") for f in findings}),
            **_baseline_counts(data.get("baseline")),
        },
        "rules": rules,
        "groups": _per_group(rules),
        "dangling": dangling,
        "status": _tally(patterns, "status"),
        "format": _tally(patterns, "format"),
        "scores": {name: _score(patterns, name) for name in SCORES},
        "files": _top_files(findings, root),
        "patterns_in_scope": len(patterns),
    }


def _baseline_counts(outcome: Any) -> dict[str, int]:
    """With a baseline: the findings it does not hold (new), those it holds, and its fixed entries."""
    if not isinstance(outcome, dict):
        return {}
    return {"new": int(outcome.get("new", 0)), "baselined": int(outcome.get("hidden", 0)),
            "baseline_fixed": int(outcome.get("fixed", 0))}


def _per_rule(findings: list[dict], rules: dict[str, dict]) -> list[dict]:
    by_rule: dict[str, Counter] = defaultdict(Counter)
    codes: dict[str, str] = {}
    for finding in findings:
        name = str(finding.get("name"))
        by_rule[name][str(finding.get("severity"))] += 1
        codes.setdefault(name, str(finding.get("code") or ""))
    rows = []
    for name, severities in by_rule.items():
        known = rules.get(name) or _catalogue().get(name) or {}
        rows.append({
            "rule": name, "code": codes[name] or known.get("code", ""),
            "group": known.get("group") or UNKNOWN_GROUP,
            # the findings' severity: the configuration may have changed the rule's default
            "severity": severities.most_common(1)[0][0],
            "count": sum(severities.values()),
            **{severity: severities.get(severity, 0) for severity in SEVERITIES},
        })
    rows.sort(key=lambda r: (-r["count"], r["code"], r["rule"]))
    return rows


def _catalogue() -> dict[str, dict]:
    """Code and group of every rule, for findings of rules the model's `rules` does not list."""
    try:
        from ..registry import all_rules

        return {r.name: {"code": r.code, "group": r.group, "severity": r.severity} for r in all_rules()}
    except Exception:  # the page is still worth writing without the groups
        return {}


def _per_group(rules: list[dict]) -> list[dict]:
    groups: dict[str, dict] = {}
    for row in rules:
        group = groups.setdefault(row["group"], {"group": row["group"], "count": 0, "rules": 0,
                                                 **{severity: 0 for severity in SEVERITIES}})
        group["count"] += row["count"]
        group["rules"] += 1
        for severity in SEVERITIES:
            group[severity] += row[severity]
    return sorted(groups.values(), key=lambda g: (-g["count"], g["group"]))


def target_of(message: str, known: set = frozenset()) -> str | None:
    """The target a dangling-link finding's message names: "... `TARGET` names no pattern in the
    library ...". Relationship entries start with "`TYPE` entry", so the target is the text after
    the backtick that leaves a known dangling target (or, with none known, after the last one)."""
    end = message.find(_NAMES_NO_PATTERN)
    if end < 0:
        return None
    head = message[:end]
    start = head.find("`")
    while start >= 0:
        if head[start + 1:] in known:
            return head[start + 1:]
        start = head.find("`", start + 1)
    return head.rsplit("`", 1)[-1] if "`" in head else None


def _dangling(findings: list[dict], known: set, root: str, ran: bool) -> dict[str, Any]:
    links: Counter = Counter()
    named_by: dict[str, dict[str, None]] = {}  # insertion-ordered set of paths
    hint: dict[str, str] = {}
    for finding in findings:
        if finding.get("name") not in DANGLING_RULES:
            continue
        message = str(finding.get("message") or "")
        target = target_of(message, known)
        if target is None:
            continue
        # one finding per missing target per file: the other links to it are named in its message
        again = _NAMED_AGAIN.search(message)
        links[target] += 1 + (len(again.group(1).split(",")) if again else 0) + (_INFERRED_TOO in message)
        named_by.setdefault(target, {})[str(finding.get("path"))] = None
        if target not in hint:
            suggestion = _DID_YOU_MEAN.search(message)
            hint[target] = suggestion.group(1) if suggestion else ""
    ranked = sorted(links, key=lambda t: (-links[t], -len(named_by[t]), t))
    top = [{"target": _text(t), "links": links[t], "patterns": len(named_by[t]),
            "named_by": [_text(relative(p, root)) for p in list(named_by[t])[:3]],
            "did_you_mean": _text(hint[t])} for t in ranked[:TOP]]
    return {"targets": len(links), "links": sum(links.values()), "top": top, "ran": ran}


def _value(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return NONE
    return _text(str(value))


def _tally(patterns: list[dict], key: str) -> list[dict]:
    counts = Counter(_value(n.get(key)) for n in patterns)
    return [{"value": value, "count": count} for value, count in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]


def is_score(value: Any) -> bool:
    """A number the figures can use: not a bool, NaN, infinite, or an integer too large for a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def bin_of(value: float) -> int | None:
    """Index of the histogram bin holding `value`: bins [0, 0.5), [0.5, 1), ... [4.5, 5], the last
    one closed; None outside 0-5."""
    if not SCORE_MIN <= value <= SCORE_MAX:
        return None
    return min(int((value - SCORE_MIN) / BIN_WIDTH), BINS - 1)


def _score(patterns: list[dict], key: str) -> dict[str, Any]:
    values, missing, invalid = [], Counter(), 0
    bins = [0] * BINS
    outside = 0
    for node in patterns:
        value = node.get(key)
        if value is None:
            missing[_value(node.get("format"))] += 1
        elif not is_score(value):
            invalid += 1
        else:
            values.append(value)
            index = bin_of(value)
            if index is None:
                outside += 1
            else:
                bins[index] += 1
    return {
        "count": len(values),
        "mean": statistics.fmean(values) if values else None,
        "median": statistics.median(values) if values else None,
        "min": min(values) if values else None,
        "max": max(values) if values else None,
        "missing": sum(missing.values()),
        "missing_by_format": sorted(missing.items(), key=lambda i: (-i[1], i[0])),
        "invalid": invalid,  # text, NaN, infinity: not a finite number
        "outside": outside,  # numbers outside 0-5 (in the figures above, not in the histogram)
        "bins": [{"start": SCORE_MIN + i * BIN_WIDTH, "end": SCORE_MIN + (i + 1) * BIN_WIDTH, "count": c}
                 for i, c in enumerate(bins)],
    }


def _top_files(findings: list[dict], root: str) -> list[dict]:
    by_path: dict[str, Counter] = defaultdict(Counter)
    for finding in findings:
        by_path[str(finding.get("path"))][str(finding.get("severity"))] += 1
    rows = [{"path": _text(path), "shown": _text(relative(path, root)), "count": sum(c.values()),
             **{severity: c.get(severity, 0) for severity in SEVERITIES}} for path, c in by_path.items()]
    rows.sort(key=lambda r: (-r["count"], -r["error"], -r["warning"], r["path"]))
    return rows[:TOP]


def _text(value: Any) -> str:
    """Text safe to write as UTF-8: lone surrogates (undecodable file names) become U+FFFD."""
    return str(value).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
