"""One JSON object: `{"findings": [...], "summary": {...}}`; lines and columns 1-based."""

from __future__ import annotations

import json
from typing import TextIO

from ..runner import Result


def write(result: Result, out: TextIO, context=None) -> None:
    payload = {
        "findings": [_clean(f.as_dict()) for f in result.findings],
        "summary": result.summary.as_dict(),
    }
    json.dump(payload, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _clean(finding: dict) -> dict:
    # File names that are not valid UTF-8 arrive as lone surrogates, which no encoder accepts.
    finding["path"] = finding["path"].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return finding
