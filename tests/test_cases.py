"""The rule cases kept as data: tests/cases/*.yaml, one file per kind of rule, run by one test.

Each file maps a rule's name to its cases. A case is an edit of a valid pattern and what the
linter must then report:

    invalid-slug:
      - id: double hyphen                      # the test's id (tests/test_cases.py::test_case[invalid-slug: double hyphen])
        base: VALID                            # helpers.VALID (default), STANDALONE or CLASSIFICATION
        edit: [["slug: transparent-ledger", "slug: transparent--ledger"]]   # (old, new), in order; each old must be there
        sub: [["(?m)^### Section \\d: ", "## "]]                           # optional regex substitutions, before `edit`
        append: "text"                         # optional, added at the end
        file: transparent--ledger.md           # the file's name (default transparent-ledger.md)
        options: {select: [...]}               # Options for the run (default: every rule but the library's)
        findings:                              # every finding of the file, in order ...
          - [PL302, invalid-slug, "slug:", 6]  # code, name, line, column (null: not checked)
        rule_findings: [...]                   # ... or only this rule's
        absent: [invalid-value]                # rules that must not report
        fixed: base                            # fixable rules: the fixed text (base, or edits of the case's text)

A line is a number, a text the line contains (helpers.line_of on the edited text), or [text, nth].
A finding is a list, or a mapping with code, name, line, column and also `message` (texts the
message contains) or `message_is` (the whole message). With `fixed`, the rule's fix is applied by
`lint --fix --select RULE` (with `--unsafe-fixes` when the rule's fix is unsafe, after checking that
`--fix` alone leaves the file), must give that text, leave no finding of the rule, and a second
--fix must change nothing. Cases that do not fit this shape keep their own test functions in
tests/rules/.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import helpers
from helpers import cli, edit, line_of

CASES = Path(__file__).resolve().parent / "cases"
FIELDS = {"id", "base", "edit", "sub", "append", "file", "options", "findings", "rule_findings", "absent", "fixed"}


def load_cases() -> list:
    return helpers.case_params(CASES, FIELDS, qualified=True)


def case_text(case: dict) -> str:
    text = getattr(helpers, case.get("base", "VALID"))
    for pattern, replacement in case.get("sub", []):
        text, count = re.subn(pattern, replacement, text)
        assert count, f"{pattern!r} matches nothing"
    for old, new in case.get("edit", []):
        text = edit(text, old, new)
    return text + case.get("append", "")


def expected_row(text: str, row) -> tuple:
    """(code, name, line, column or None) and the message checks of an expected finding."""
    if isinstance(row, dict):
        code, name, line, column = row["code"], row["name"], row["line"], row.get("column")
        contains = row.get("message", [])
        checks = ([contains] if isinstance(contains, str) else contains, row.get("message_is"))
    else:
        code, name, line, column = row
        checks = ([], None)
    if isinstance(line, str):
        line = line_of(text, line)
    elif isinstance(line, list):
        line = line_of(text, *line)
    return (code, name, line, column), checks


def assert_findings(text: str, findings, expected: list) -> None:
    wanted = [expected_row(text, row) for row in expected]
    got = [(f.code, f.name, f.line, f.column if w[0][3] is not None else None)
           for f, w in zip(findings, wanted)] + [(f.code, f.name, f.line, f.column) for f in findings[len(wanted):]]
    assert got == [w[0] for w in wanted]
    for finding, (_, (contains, exact)) in zip(findings, wanted):
        for part in contains:
            assert part in finding.message, (part, finding.message)
        if exact is not None:
            assert finding.message == exact


@pytest.mark.parametrize(("rule", "case"), load_cases())
def test_case(check, tmp_path, rule, case):
    text = case_text(case)
    name = case.get("file", "transparent-ledger.md")
    findings = check(text, name=name, **case.get("options", {}))
    assert "findings" in case or "rule_findings" in case or "absent" in case, "a case asserts something"
    if "findings" in case:
        assert_findings(text, findings, case["findings"])
    if "rule_findings" in case:
        assert_findings(text, [f for f in findings if f.name == rule], case["rule_findings"])
    for other in case.get("absent", []):
        assert [f for f in findings if f.name == other] == []
    if "fixed" in case:
        fixes = [f.fix for f in findings if f.name == rule and f.fixable]
        assert fixes, f"{rule} offers no fix to check against `fixed`"
        path = tmp_path / "fix" / name
        path.parent.mkdir(parents=True)
        path.write_bytes(text.encode("utf-8"))
        flags = ["--fix", "--select", rule]
        if not all(fix.safe for fix in fixes):  # an unsafe fix: --fix alone leaves the file
            cli(*flags, os.fspath(path))
            assert path.read_bytes().decode("utf-8") == text
            flags.append("--unsafe-fixes")
        cli(*flags, os.fspath(path))
        want = getattr(helpers, case.get("base", "VALID")) if case["fixed"] == "base" else text
        if case["fixed"] != "base":
            for old, new in case["fixed"]:
                want = edit(want, old, new)
        assert path.read_bytes().decode("utf-8") == want
        left = json.loads(cli("--format", "json", "--select", rule, os.fspath(path))[1])["findings"]
        assert left == [], "the fix leaves a finding of its rule"
        cli(*flags, os.fspath(path))
        assert path.read_bytes().decode("utf-8") == want, "a second --fix changes the file"


def test_every_case_file_is_read():
    """A case file with a typo'd rule name or no cases would test nothing."""
    from lint.registry import all_rules

    names = {r.name for r in all_rules()}
    cases = load_cases()
    assert len(cases) > 50
    for param in cases:
        rule, case = param.values
        assert rule in names, rule
