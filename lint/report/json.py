"""One JSON object: `{"findings": [...], "summary": {...}}`; lines and columns 1-based."""

from __future__ import annotations

from typing import TextIO

from ..runner import Result
from . import indented


def write(result: Result, out: TextIO, context=None) -> None:
    payload = {
        "findings": [as_json(f) for f in result.findings],
        "summary": result.summary.as_dict(),
    }
    if result.baseline is not None:  # {"file", "new", "hidden", "fixed"}
        payload["baseline"] = result.baseline.as_dict()
    indented.write(payload, out)  # json.dump(payload, out, indent=2, ensure_ascii=False), C-encoded
    out.write("\n")


def as_json(finding) -> dict:
    """A finding as this report writes it (also the findings of `lint graph`/`lint report`)."""
    out = finding.as_dict()
    # File names that are not valid UTF-8 arrive as lone surrogates, which no encoder accepts.
    out["path"] = out["path"].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return out
