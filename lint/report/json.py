"""One JSON object: `{"findings": [...], "summary": {...}}`; lines and columns 1-based."""

from __future__ import annotations

from operator import attrgetter
from typing import TextIO

from ..findings import Finding
from ..runner import Result
from . import indented

FIELDS = ("path", "line", "column", "code", "name", "severity", "message", "fixable")  # Finding.as_dict's keys
_values = attrgetter(*FIELDS)
_path_of = attrgetter("path")


def write(result: Result, out: TextIO, context=None) -> None:
    payload = {
        "findings": findings_json(result.findings),
        "summary": result.summary.as_dict(),
    }
    if result.baseline is not None:  # {"file", "new", "hidden", "fixed"}
        payload["baseline"] = result.baseline.as_dict()
    indented.write(payload, out)  # json.dump(payload, out, indent=2, ensure_ascii=False), C-encoded
    out.write("\n")


def findings_json(findings: list) -> indented.Rows | list[dict]:
    """`[as_json(f) for f in findings]`; as indented.Rows (no mapping made per finding) when every
    finding is a plain Finding, whose as_dict is its FIELDS in order."""
    if set(map(type, findings)) - {Finding} or set(map(type, map(_path_of, findings))) - {str}:
        return [as_json(f) for f in findings]
    rows = list(map(_values, findings))
    paths = {path: _path(path) for path in {row[0] for row in rows}}
    if any(path is not shown for path, shown in paths.items()):
        rows = [(paths[row[0]], *row[1:]) for row in rows]
    return indented.Rows(FIELDS, rows)


def as_json(finding) -> dict:
    """A finding as this report writes it (also the findings of `lint graph`/`lint report`)."""
    out = finding.as_dict()
    out["path"] = _path(out["path"])
    return out


def _path(path: str) -> str:
    # File names that are not valid UTF-8 arrive as lone surrogates, which no encoder accepts.
    shown = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return path if shown == path else shown
