"""SARIF 2.1.0 for GitHub code scanning and other tools.

The driver lists every rule (id = code, name, short and full description, help text and
URI, default level); results carry the rule index, level, a location relative to the
library root (`%SRCROOT%`) and a `partialFingerprints` entry that stays the same from run
to run for the same problem (rule, file, message without numbers, occurrence), so alerts
are not reopened when unrelated lines move.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..registry import all_rules
from ..runner import Result

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
HELP_URI = "https://github.com/pattern-lint/pattern-lint/blob/main/README.md#rules"


def write(result: Result, out: TextIO, context=None) -> None:
    from . import relative

    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    seen: dict[str, int] = {}
    results = []
    for f in result.findings:
        path = relative(result, f.path)
        key = f"{f.code}|{path}|{re.sub(r'[0-9]+', '#', f.message)}"
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}|{seen[key]}".encode()).hexdigest()[:32]
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS.get(f.severity, "note"),
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line, "startColumn": f.column},
            }}],
            "partialFingerprints": {"patternLint/v1": fingerprint},
        })
    root = Path(os.path.abspath(result.root or os.getcwd())).as_uri() + "/"
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pattern-lint",
                "version": __version__,
                "informationUri": HELP_URI.split("#")[0],
                "rules": [_rule(rule) for rule in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
            "results": results,
        }],
    }
    json.dump(log, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _rule(rule) -> dict:
    full = rule.doc.split("\n\n", 1)[0].replace("\n", " ")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": f"{HELP_URI}",
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "note")},
        "properties": {"tags": [rule.group]},
    }
