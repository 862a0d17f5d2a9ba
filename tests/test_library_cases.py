"""The library rules' cases kept as data: tests/cases/library/library.yaml, run by one test.

Library rules (scope "library") need several files, so a case is a small library and what the
linter must then report. (The file sits in a folder of its own: tests/test_cases.py reads every
tests/cases/*.yaml as single-file cases.)

    self-link:
      - id: slug listing itself                 # tests/test_library_cases.py::test_case[self-link: slug listing itself]
        files:                                  # relative path -> helpers.pattern(...) keyword arguments ...
          alpha.md: {slug: alpha, id: "{ALPHA}", relationships: "  complementary: [beta, alpha]\n"}
          beta.md: {slug: beta, id: "{BETA}"}
          broken.md: {base: STANDALONE, edit: [["old", "new"]], append: "text"}   # ... or an edit of a base
                                                # (helpers.VALID, STANDALONE, ...) or {text: "..."}; `edit` and
                                                # `append` also apply after pattern(...)
        paths: [beta.md]                        # what is linted (default: the whole folder)
        options: {select: [graph]}              # Options for the run (default: {select: [the rule]})
        findings:                               # the rule's findings, in order ...
          - [alpha.md, PL606, self-link, ["alpha", 2], alpha]   # file, code, name, line, column
        all_findings: [...]                     # ... or every finding of the run

A line is a number, a text the line contains (the first such line of that file's text) or [text,
nth]. A column is a number, null (not checked) or a text: the column of its last occurrence on the
finding's line. A finding is a list, or a mapping with file, code, name, line, column and also
`message` (texts the message contains), `message_starts` (its start), `message_is` (the whole
message) or `severity`. In every text, {ALPHA} {BETA} {GAMMA} {DELTA} stand for four TypeIDs and
{root} for the library's folder (paths in messages are written with `/`).
Cases that do not fit (real files, the command line, timing, the cache) keep their own test
functions in tests/rules/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import helpers
from helpers import edit, line_of, pattern

CASES = Path(__file__).resolve().parent / "cases" / "library"
FIELDS = {"id", "files", "paths", "options", "findings", "all_findings"}
FILE_FIELDS = {"slug", "id", "relationships", "title", "aliases", "inferred", "body", "base", "text", "edit", "append"}
ROW_FIELDS = {"file", "code", "name", "line", "column", "message", "message_starts", "message_is", "severity"}
IDS = {"{ALPHA}": "pat_01khvcxczrfztsmcf9fgrgy593", "{BETA}": "pat_01khvcxd2eemjtdcran0mzqtv1",
       "{GAMMA}": "pat_01khvcxc4ke2d8723e4k6vjdhp", "{DELTA}": "pat_01khvcxcv2fzv8p69mg7t1hrwe"}


def load_cases() -> list:
    return helpers.case_params(CASES, FIELDS, qualified=False)


def fill(value, root: str = ""):
    """`value` with the placeholders of every text replaced."""
    if isinstance(value, str):
        for key, typeid in IDS.items():
            value = value.replace(key, typeid)
        return value.replace("{root}", root)
    if isinstance(value, list):
        return [fill(item, root) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, root) for key, item in value.items()}
    return value


def file_text(spec: dict) -> str:
    unknown = set(spec) - FILE_FIELDS
    assert not unknown, f"unknown file keys {sorted(unknown)}"
    spec = fill(spec)
    if "text" in spec:
        text = spec["text"]
    elif "base" in spec:
        text = getattr(helpers, spec["base"])
    else:
        kwargs = {key: spec[key] for key in ("relationships", "title", "aliases", "inferred", "body") if key in spec}
        text = pattern(spec["slug"], spec["id"], **kwargs)
    for old, new in spec.get("edit", []):
        text = edit(text, old, new)
    return text + spec.get("append", "")


def expected(texts: dict[str, str], row, root: str) -> tuple:
    """(file, code, name, line, column or None) and the other checks of an expected finding."""
    if isinstance(row, dict):
        unknown = set(row) - ROW_FIELDS
        assert not unknown, f"unknown finding keys {sorted(unknown)}"
        file, code, name, line, column = (row["file"], row["code"], row["name"], row["line"], row.get("column"))
        contains = row.get("message", [])
        checks = {"message": [contains] if isinstance(contains, str) else contains,
                  "message_starts": row.get("message_starts"), "message_is": row.get("message_is"),
                  "severity": row.get("severity")}
    else:
        file, code, name, line, column = row
        checks = {"message": [], "message_starts": None, "message_is": None, "severity": None}
    checks = fill(checks, root)
    text = texts[file]
    line, column = fill(line), fill(column)
    if isinstance(line, str):
        line = line_of(text, line)
    elif isinstance(line, list):
        line = line_of(text, *line)
    if isinstance(column, str):
        column = text.split("\n")[line - 1].rindex(column) + 1
    return (os.path.normpath(file), code, name, line, column), checks


def assert_findings(texts: dict[str, str], findings, rows: list, root: str) -> None:
    wanted = [expected(texts, row, root) for row in rows]
    got = [(os.path.relpath(f.path, root), f.code, f.name, f.line, f.column) for f in findings]
    got = [g[:4] + ((g[4] if w[0][4] is not None else None),) for g, w in zip(got, wanted)] + got[len(wanted):]
    assert got == [w[0] for w in wanted]
    for finding, (_, checks) in zip(findings, wanted):
        for part in checks["message"]:
            assert part in finding.message, (part, finding.message)
        if checks["message_starts"] is not None:
            assert finding.message.startswith(checks["message_starts"]), finding.message
        if checks["message_is"] is not None:
            assert finding.message == checks["message_is"]
        if checks["severity"] is not None:
            assert finding.severity == checks["severity"]


@pytest.mark.parametrize(("rule", "case"), load_cases())
def test_case(library, tmp_path, rule, case):
    assert "findings" in case or "all_findings" in case, "a case asserts something"
    texts = {os.path.normpath(name): file_text(spec) for name, spec in case["files"].items()}
    findings = library(texts, *case.get("paths", []), **case.get("options", {"select": [rule]}))
    root = os.fspath(tmp_path)
    if "findings" in case:
        assert_findings(texts, [f for f in findings if f.name == rule], case["findings"], root)
    if "all_findings" in case:
        assert_findings(texts, findings, case["all_findings"], root)


def test_every_case_is_of_a_library_rule():
    """A typo'd rule name, or a case of a single-file rule, would test nothing here."""
    from lint.registry import all_rules

    library_rules = {r.name for r in all_rules() if r.scope == "library"}
    cases = load_cases()
    assert len(cases) > 20
    for param in cases:
        rule, case = param.values
        assert rule in library_rules, rule
