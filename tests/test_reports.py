"""Every report format on the same small library: text (plain, and on a terminal with source
lines, carets and colour), json, github, sarif (validated against the official SARIF 2.1.0
schema), junit and markdown; and --output-file, --statistics, --exit-zero."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from jsonschema import Draft7Validator

from helpers import STANDALONE, edit, line_of, schemastore
from lint.cli import main
from lint.findings import Finding
from lint.registry import all_rules
from lint.report import REPORTERS, github
from lint.runner import Result, Summary

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def variant(slug: str, typeid: str) -> str:
    text = edit(STANDALONE, "slug: transparent-ledger", f"slug: {slug}")
    return edit(text, "id: pat_01khm0pp0qw6rb1r861rg6dfh1", f"id: {typeid}")


CLEAN = STANDALONE  # transparent-ledger.md
BAD = edit(edit(variant("bad-one", "pat_01khvcxczrfztsmcf9fgrgy593"), "  status: stable", "  status: stabel"),
           "    resilience: 5", "    resilience: 7")
FIXABLE = edit(variant("fix-me", "pat_01khvcxczrfztsmcf9fgrgy594"), "  version: 1.2", "  version: 1.10")

RESILIENCE = line_of(BAD, "resilience: 7")
STATUS = line_of(BAD, "status: stabel")
VERSION = line_of(FIXABLE, "version: 1.10")

RESILIENCE_MESSAGE = "`ontology.commons_assessment.resilience` is 7, outside the range 1-5; use a value from 1 to 5"
STATUS_MESSAGE = ("unknown status `stabel` in `lifecycle.status`; did you mean `stable`? (if your library uses "
                  "this value on purpose, add it to the library's vocabulary)")
VERSION_MESSAGE = "`1.10` in `lifecycle.version` is read as the number 1.1, not as the text `1.10`; " \
                  "quote it: `version: \"1.10\"`"

# (file, line, column, code, name, severity, message), in report order
EXPECTED = [
    ("bad-one.md", RESILIENCE, 17, "PL206", "score-out-of-range", "error", RESILIENCE_MESSAGE),
    ("bad-one.md", STATUS, 11, "PL207", "unknown-vocabulary", "warning", STATUS_MESSAGE),
    ("fix-me.md", VERSION, 12, "PL105", "yaml-implicit-type", "error", VERSION_MESSAGE),
]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def cli(*argv: str, stream: io.StringIO | None = None) -> tuple[int, str]:
    out = stream if stream is not None else io.StringIO()
    code = main(["--no-cache", *argv], stdout=out)
    return code, out.getvalue()


@pytest.fixture
def lib(tmp_path, monkeypatch):
    """The library in tmp_path/lib; the working directory is tmp_path, so reported paths are lib/…"""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "lib"
    folder.mkdir()
    for name, text in (("transparent-ledger.md", CLEAN), ("bad-one.md", BAD), ("fix-me.md", FIXABLE)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# -- text ------------------------------------------------------------------------------------------


TEXT_LINES = [
    f"lib/bad-one.md:{RESILIENCE}:17: PL206 [score-out-of-range] {RESILIENCE_MESSAGE}",
    f"lib/bad-one.md:{STATUS}:11: PL207 [unknown-vocabulary] {STATUS_MESSAGE}",
    f"lib/fix-me.md:{VERSION}:12: PL105 [yaml-implicit-type] {VERSION_MESSAGE} (fixable with --fix)",
    "",
    "Checked 3 files: 3 patterns, 0 skipped (not patterns); 2 errors, 1 warning.",
    "1 fixable with --fix.",
]


def test_text_exact_lines_without_source_or_colour_off_a_terminal(lib):
    code, out = cli("lib")
    assert code == 1
    assert out.splitlines() == TEXT_LINES
    assert "\x1b" not in out and " | " not in out


def _source_block(text: str, line: int, column: int) -> list[str]:
    source = text.split("\n")[line - 1]
    return [f"  {line:>5} | {source}", "        | " + " " * (column - 1) + "^"]


TERMINAL_LINES = [
    TEXT_LINES[0], *_source_block(BAD, RESILIENCE, 17),
    TEXT_LINES[1], *_source_block(BAD, STATUS, 11),
    TEXT_LINES[2], *_source_block(FIXABLE, VERSION, 12),
    *TEXT_LINES[3:],
]


def test_text_on_a_terminal_with_no_color_shows_source_and_caret_without_colour(lib, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    code, out = cli("lib", stream=Terminal())
    assert code == 1
    assert "\x1b" not in out
    assert out.splitlines() == TERMINAL_LINES
    # The caret sits under the offending value.
    lines = out.splitlines()
    for index, value in ((1, "7"), (4, "stabel"), (7, "1.10")):
        source, caret = lines[index], lines[index + 1]
        assert caret.index("^") == source.index(value, source.index(" | ") + 3)


def test_text_on_a_terminal_is_coloured(lib):
    code, out = cli("lib", stream=Terminal())
    assert code == 1
    assert "\x1b[" in out
    first = out.splitlines()[0]
    assert "\x1b[31mPL206 [score-out-of-range]\x1b[0m" in first  # errors red
    assert "\x1b[33mPL207 [unknown-vocabulary]\x1b[0m" in out.splitlines()[3]  # warnings yellow
    # Without the colour codes it is exactly the NO_COLOR terminal output.
    assert ANSI.sub("", out).splitlines() == TERMINAL_LINES


# -- json ------------------------------------------------------------------------------------------


def test_json(lib):
    code, out = cli("--format", "json", "lib")
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == {"files": 3, "patterns": 3, "skipped": 0, "errors": 2, "warnings": 1}
    assert data["findings"] == [
        {"path": f"lib/{file}", "line": line, "column": column, "code": code_, "name": name,
         "severity": severity, "message": message, "fixable": code_ == "PL105"}
        for file, line, column, code_, name, severity, message in EXPECTED]


# -- github ----------------------------------------------------------------------------------------


def test_github_annotations(lib):
    code, out = cli("--format", "github", "lib")
    assert code == 1
    assert out.splitlines() == [
        f"::error file=lib/bad-one.md,line={RESILIENCE},col=17,title=score-out-of-range::"
        f"lib/bad-one.md:{RESILIENCE}:17: PL206 {RESILIENCE_MESSAGE}",
        f"::warning file=lib/bad-one.md,line={STATUS},col=11,title=unknown-vocabulary::"
        f"lib/bad-one.md:{STATUS}:11: PL207 {STATUS_MESSAGE}",
        f"::error file=lib/fix-me.md,line={VERSION},col=12,title=yaml-implicit-type::"
        f"lib/fix-me.md:{VERSION}:12: PL105 {VERSION_MESSAGE}",
        "pattern-lint: 3 files, 3 patterns, 2 errors, 1 warning",
    ]


def test_github_info_is_a_notice(lib):
    code, out = cli("--format", "github", "--extend-select", "orphan-pattern", "lib")
    notices = [line for line in out.splitlines() if line.startswith("::notice ")]
    assert len(notices) == 3  # no pattern of the library links anywhere
    assert all(",title=orphan-pattern::" in line and ": PL611 " in line for line in notices)
    assert {line.split(",", 1)[0] for line in notices} == {
        "::notice file=lib/bad-one.md", "::notice file=lib/fix-me.md", "::notice file=lib/transparent-ledger.md"}
    assert not any(line.startswith("::info") for line in out.splitlines())


def test_github_is_the_default_under_github_actions(lib, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out = cli("lib")
    assert code == 1
    assert out.splitlines()[0].startswith("::error file=lib/bad-one.md,")
    assert out == cli("--format", "github", "lib")[1]
    # An explicit --format wins.
    assert cli("--format", "text", "lib")[1].splitlines() == TEXT_LINES


def test_github_escape_functions():
    assert github.escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert github.escape_property("a,b:c%d\r\ne") == "a%2Cb%3Ac%25d%0D%0Ae"
    # `%` first, so an escape is not escaped twice, and an existing `%0A` cannot be forged into a newline.
    assert github.escape_data("%0A") == "%250A"
    assert github.escape_property("%2C") == "%252C"


def test_github_escapes_file_names_and_messages(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "odd").mkdir()
    name = "odd,name:x.md"
    text = edit(STANDALONE, "  status: stable", '  status: "st%ab\\r\\nle"')
    (tmp_path / "odd" / name).write_text(text, encoding="utf-8")
    code, out = cli("--format", "github", "odd")
    lines = out.splitlines()
    assert len(lines) == 3  # two findings (slug/file name, status) and the summary: nothing forged
    mismatch, status, summary = lines
    assert mismatch.startswith("::error file=odd/odd%2Cname%3Ax.md,line=4,col=7,title=slug-filename-mismatch::"
                               "odd/odd,name:x.md:4:7: PL303 ")
    status_line = line_of(text, "status:")
    assert status.startswith(f"::warning file=odd/odd%2Cname%3Ax.md,line={status_line},col=11,"
                             f"title=unknown-vocabulary::odd/odd,name:x.md:{status_line}:11: PL207 ")
    assert "`st%25ab%0D%0Ale`" in status
    assert summary.startswith("pattern-lint: 1 file")


def _finding(n: int, severity: str) -> Finding:
    return Finding(f"p{n:02}.md", n, 1, "PL207", "unknown-vocabulary", severity, f"problem {n}")


@pytest.mark.parametrize("count, noticed", [(10, False), (11, True)])
def test_github_limit_notice_unit(count, noticed):
    result = Result(findings=[_finding(n, "warning") for n in range(1, count + 1)],
                    summary=Summary(files=count, patterns=count, warnings=count))
    out = io.StringIO()
    github.write(result, out)
    lines = out.getvalue().splitlines()
    assert sum(line.startswith("::warning ") for line in lines) == count  # all are still written
    limit = [line for line in lines if line.startswith("::notice title=pattern-lint::")]
    assert bool(limit) == noticed


def test_github_more_than_10_of_a_level_adds_a_notice(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "many").mkdir()
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    for n in range(11):
        text = edit(variant(f"p{n:02}", "pat_01khm0pp0qw6rb1r861rg6d" + "f" + alphabet[n] + "0"),
                    "  status: stable", "  status: stabel")
        (tmp_path / "many" / f"p{n:02}.md").write_text(text, encoding="utf-8")
    code, out = cli("--format", "github", "many")
    lines = out.splitlines()
    assert sum(line.startswith("::warning ") for line in lines) == 11
    assert not any(line.startswith("::error ") for line in lines)
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) == 1
    notice = notices[0]
    assert notice.startswith("::notice title=pattern-lint::")
    assert "at most 10 annotations of each level" in notice
    assert "11 warnings" in notice
    assert "--format sarif" in notice and "GITHUB_STEP_SUMMARY" in notice
    assert lines[-1] == "pattern-lint: 11 files, 11 patterns, 0 errors, 11 warnings"


# -- sarif -----------------------------------------------------------------------------------------


def sarif_schema() -> dict:
    return schemastore("sarif-2.1.0")


def sarif(*argv: str) -> dict:
    code, out = cli("--format", "sarif", *argv)
    log = json.loads(out)
    schema = sarif_schema()
    Draft7Validator.check_schema(schema)
    errors = sorted(Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(log),
                    key=lambda e: list(e.absolute_path))
    assert not errors, [(list(e.absolute_path), e.message) for e in errors[:5]]
    return log


def test_sarif_is_valid_and_complete(lib):
    log = sarif("lib")
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "pattern-lint"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for descriptor, rule in zip(rules, all_rules()):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"]
        assert descriptor["helpUri"].startswith("https://")
    # No git work tree here: paths are relative to the current folder (tmp_path), which the base names.
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == lib.parent.as_uri() + "/"
    results = run["results"]
    assert len(results) == len(EXPECTED)
    levels = {"error": "error", "warning": "warning"}
    # Most severe first, then by path and line.
    expected = sorted(EXPECTED, key=lambda row: (row[5] != "error", row[0], row[1]))
    for got, (file, line, column, code, name, severity, message) in zip(results, expected):
        assert got["ruleId"] == code
        assert rules[got["ruleIndex"]]["id"] == code and rules[got["ruleIndex"]]["name"] == name
        assert got["level"] == levels[severity]
        assert got["message"]["text"] == message
        (location,) = got["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": f"lib/{file}", "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {"startLine": line, "startColumn": column}
        assert set(got["partialFingerprints"]) == {"patternLint/v2"}
    fingerprints = [r["partialFingerprints"]["patternLint/v2"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_info_is_a_note(lib):
    log = sarif("--extend-select", "orphan-pattern", "lib")
    notes = [r for r in log["runs"][0]["results"] if r["ruleId"] == "PL611"]
    assert len(notes) == 3 and all(r["level"] == "note" for r in notes)


def _fingerprints(log: dict) -> dict:
    return {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]):
            (r["partialFingerprints"]["patternLint/v2"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in log["runs"][0]["results"]}


def test_sarif_fingerprints_are_stable(lib):
    first = _fingerprints(sarif("lib"))
    # Another run with the library named by its absolute path (from another working directory the
    # paths, outside any git work tree, are relative to that folder: see test_report_sarif.py).
    assert _fingerprints(sarif(str(lib))) == first
    # Unrelated lines added: a comment above the findings in the frontmatter, a blank line at the top
    # of the body. The findings move; their fingerprints do not.
    moved = edit(BAD, "# ═══ GROUP 2", "# an unrelated comment\n# ═══ GROUP 2")
    moved = edit(moved, "---\n\n> A pattern", "---\n\n\n> A pattern")
    (lib / "bad-one.md").write_text(moved, encoding="utf-8")
    again = _fingerprints(sarif(str(lib)))
    assert set(again) == set(first)
    for key, (fingerprint, line) in first.items():
        if key[1] == "lib/bad-one.md":
            assert again[key] == (fingerprint, line + 1)
        else:
            assert again[key] == (fingerprint, line)


# -- junit -----------------------------------------------------------------------------------------


def test_junit(lib):
    code, out = cli("--format", "junit", "lib")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert suite.get("tests") == root.get("tests") == str(len(cases)) == "4"
    # Only errors fail (the default --fail-on); the warning is a skipped case with its message.
    assert suite.get("failures") == root.get("failures") == "2"
    assert suite.get("skipped") == "1"
    names = [case.get("name") for case in cases]
    assert len(set(names)) == len(names)
    findings = [case for case in cases if len(case)]
    assert [(case.get("classname"), case.get("name"), case.get("file")) for case in findings] == [
        (f"lib/{file}", f"{code_} {name} {line}:{column}", f"lib/{file}")
        for file, line, column, code_, name, _, _ in EXPECTED]
    for case, (file, line, column, code_, name, severity, message) in zip(findings, EXPECTED):
        (element,) = case
        assert element.tag == ("failure" if severity == "error" else "skipped")
        assert element.get("type") == severity
        assert element.get("message") == message
        assert element.text == f"lib/{file}:{line}:{column}: {code_} [{name}] {message}"
    passing = [case for case in cases if not len(case)]
    assert [(case.get("classname"), case.get("name"), case.get("file")) for case in passing] == [
        ("lib/transparent-ledger.md", "lib/transparent-ledger.md: no findings", "lib/transparent-ledger.md")]


def test_junit_fail_on_warning_makes_warnings_failures(lib):
    code, out = cli("--format", "junit", "--fail-on", "warning", "lib")
    assert code == 1
    suite = ET.fromstring(out).find("testsuite")
    assert suite.get("failures") == "3" and suite.get("skipped") == "0"
    assert [case[0].tag for case in suite.findall("testcase") if len(case)] == ["failure"] * 3


# -- markdown --------------------------------------------------------------------------------------


def test_markdown(lib):
    code, out = cli("--format", "markdown", "lib")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "## pattern-lint"
    assert "Checked 3 files (3 patterns, 0 skipped): **2 errors**, 1 warning." in lines
    header = lines.index("| rule | severity | findings |")
    assert lines[header + 1] == "|---|---|---:|"
    assert lines[header + 2:header + 5] == [
        "| PL105 `yaml-implicit-type` | 🔴 error | 1 |",
        "| PL206 `score-out-of-range` | 🔴 error | 1 |",
        "| PL207 `unknown-vocabulary` | 🟡 warning | 1 |",
    ]
    assert lines[header + 5] == ""
    bad, fixable = lines.index("**`lib/bad-one.md`**"), lines.index("**`lib/fix-me.md`**")
    assert bad < fixable
    assert [line for line in lines[bad:fixable] if line.startswith("- ")] == [
        f"- 🔴 line {RESILIENCE}: PL206 `score-out-of-range` {RESILIENCE_MESSAGE}",
        f"- 🟡 line {STATUS}: PL207 `unknown-vocabulary` {STATUS_MESSAGE}",
    ]
    assert lines[fixable + 2] == f"- 🔴 line {VERSION}: PL105 `yaml-implicit-type` {VERSION_MESSAGE}"
    assert "**lib/transparent-ledger.md**" not in lines  # no section for a clean file


# -- --output-file, --statistics, --exit-zero -------------------------------------------------------


@pytest.mark.parametrize("report_format", ["text", "json", "github", "sarif", "junit", "gitlab", "markdown"])
def test_output_file_gets_the_report_and_stdout_nothing(lib, tmp_path, report_format):
    _, expected = cli("--format", report_format, "lib")
    target = tmp_path / f"report.{report_format}"
    code, out = cli("--format", report_format, "--output-file", str(target), "lib")
    assert code == 1
    assert out == ""
    assert target.read_text(encoding="utf-8") == expected


def test_output_file_from_a_terminal_is_plain_text(lib, tmp_path):
    target = tmp_path / "report.txt"
    code, out = cli("--output-file", str(target), "lib", stream=Terminal())
    assert out == ""
    assert target.read_text(encoding="utf-8").splitlines() == TEXT_LINES


def test_statistics(lib):
    code, out = cli("--statistics", "lib")
    assert code == 1
    assert out.splitlines() == [
        "     1  PL105  yaml-implicit-type           error  (1 fixable)",
        "     1  PL206  score-out-of-range           error",
        "     1  PL207  unknown-vocabulary           warning",
        "     3  total in 3 files (2 errors, 1 warning)",
    ]


def test_statistics_counts_several_findings_of_a_rule(lib):
    (lib / "bad-two.md").write_text(
        edit(variant("bad-two", "pat_01khvcxczrfztsmcf9fgrgy595"), "  status: stable", "  status: stabel"),
        encoding="utf-8")
    code, out = cli("--statistics", "lib")
    assert out.splitlines()[0] == "     2  PL207  unknown-vocabulary           warning"


def test_exit_zero(lib):
    assert cli("lib")[0] == 1
    code, out = cli("--exit-zero", "lib")
    assert code == 0
    assert out.splitlines() == TEXT_LINES
    assert cli("--exit-zero", "--format", "sarif", "lib")[0] == 0


# -- every format: values from files stay escaped ---------------------------------------------------


@pytest.mark.parametrize("report_format", sorted(REPORTERS))
def test_every_format_escapes_names_and_values(tmp_path, monkeypatch, report_format):
    monkeypatch.chdir(tmp_path)
    name = "odd\x1b[31mname\n::error file=a::x.md"
    text = edit(STANDALONE, "slug: transparent-ledger", 'slug: "bad\\e[31mred\\n::error file=a::forged"')
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, out = cli("--format", report_format, name)
    assert code == 1
    assert "\x1b" not in out and "\r" not in out
    for line in out.split("\n"):
        assert not line.startswith("::error file=a"), line
