"""JUnit as GitLab and Jenkins read it: valid against Jenkins' `junit-10.xsd` (the xunit plugin's
schema, tests/schemas/junit-10.xsd) with one attribute added, `file` on `testcase`, which GitLab
reads and the XSD declares only on `testsuite`; a unique (classname, name) per case; `file` the
repository-relative path; warnings as failures only with `--fail-on warning`; README's Jenkins
snippet run as written."""

from __future__ import annotations

import io
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from helpers import STANDALONE, edit, line_of
from lint.cli import main
from lint.findings import Finding
from lint.report import REPORTERS, Context
from lint.runner import Result, Summary

ROOT = Path(__file__).resolve().parents[1]
XSD = ROOT / "tests" / "schemas" / "junit-10.xsd"
GROUP = '<xs:attribute name="group" type="xs:string"/>'


def schemas() -> tuple[xmlschema.XMLSchema, xmlschema.XMLSchema]:
    """(the XSD as published, the XSD with `file` declared on `testcase` too, after its `group`)."""
    text = XSD.read_text(encoding="utf-8")
    at = text.index(GROUP, text.index('<xs:element name="testcase">')) + len(GROUP)
    assert at < text.index('<xs:element name="testsuite">')
    extended = text[:at] + '\n            <xs:attribute name="file" type="xs:string"/>' + text[at:]
    return xmlschema.XMLSchema(text), xmlschema.XMLSchema(extended)


def assert_valid(report: str) -> None:
    """Valid against the XSD with `file` on testcase; and against the XSD as published once the
    testcases' `file` attributes are taken out (so `file` is the only attribute it lacks)."""
    published, extended = schemas()
    extended.validate(report)
    root = ET.fromstring(report)
    for case in root.iter("testcase"):
        assert case.get("file"), case.attrib
        del case.attrib["file"]
    published.validate(ET.tostring(root, encoding="unicode"))


def test_the_published_xsd_declares_file_on_testsuite_only():
    published, extended = schemas()
    assert "file" in published.elements["testsuite"].attributes
    assert "file" not in published.elements["testcase"].attributes
    assert "file" in extended.elements["testcase"].attributes
    case = '<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="n" {}/></testsuite></testsuites>'
    assert not published.is_valid(case.format('file="x.md"'))
    assert published.is_valid(case.format(""))


def cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["--no-cache", *argv], stdout=out), out.getvalue()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "patterns"
    folder.mkdir()
    # Two missing sections reported at the same heading: one rule, one line, one column, twice.
    twice = edit(edit(STANDALONE, "### Section 3: Solution\n\n> **Therefore, open the books to everyone the books "
                      "affect.**\n\nPublish the ledger where every member can read and question it.\n\n", ""),
                 "### Section 4: Implementation\n\nStart with a monthly summary, then the full ledger.\n\n", "")
    (folder / "transparent-ledger.md").write_text(twice, encoding="utf-8")
    (folder / "clean").mkdir()
    clean = edit(edit(STANDALONE, "slug: transparent-ledger", "slug: other"),
                 "id: pat_01khm0pp0qw6rb1r861rg6dfh1", "id: pat_01khm0pp0qw6rb1r861rg6dfh2")
    (folder / "clean" / "other.md").write_text(edit(clean, "  status: stable", "  status: stabel"), encoding="utf-8")
    (folder / "clean" / "fine.md").write_text(
        edit(edit(STANDALONE, "slug: transparent-ledger", "slug: fine"), "id: pat_01khm0pp0qw6rb1r861rg6dfh1",
             "id: pat_01khm0pp0qw6rb1r861rg6dfh3"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cases(report: str) -> list[ET.Element]:
    return list(ET.fromstring(report).iter("testcase"))


def test_report_is_valid_and_names_are_unique(repo):
    code, report = cli("--format", "junit", "patterns")
    assert code == 1
    assert_valid(report)
    pairs = [(case.get("classname"), case.get("name")) for case in cases(report)]
    assert len(set(pairs)) == len(pairs)
    missing = [name for classname, name in pairs if " missing-section " in name]
    assert len(missing) == 2
    assert missing[1] == missing[0] + " #2"  # same rule, line and column: a counter
    assert re.fullmatch(r"PL401 missing-section \d+:\d+", missing[0])


def test_file_is_repository_relative_from_a_subfolder(repo, monkeypatch):
    monkeypatch.chdir(repo / "patterns" / "clean")
    code, report = cli("--format", "junit", ".")
    assert_valid(report)
    found = {(case.get("classname"), case.get("file")) for case in cases(report)}
    assert found == {("./other.md", "patterns/clean/other.md"), ("./fine.md", "patterns/clean/fine.md")}
    assert all((repo / file).is_file() for _, file in found)


def test_warnings_are_skipped_unless_fail_on_warning(repo):
    status = line_of((repo / "patterns/clean/other.md").read_text(encoding="utf-8"), "status:")
    for argv, tag in ((), "skipped"), (("--fail-on", "warning"), "failure"), (("--fail-on", "info"), "failure"):
        code, report = cli("--format", "junit", *argv, "patterns/clean")
        assert_valid(report)
        (case,) = [c for c in cases(report) if len(c)]
        assert case.get("name") == f"PL207 unknown-vocabulary {status}:11"
        (element,) = case
        assert element.tag == tag and element.get("type") == "warning"
        assert "stabel" in element.get("message") and "stabel" in element.text
        suite = ET.fromstring(report).find("testsuite")
        assert suite.get("failures") == ("0" if tag == "skipped" else "1")
        assert suite.get("skipped") == ("1" if tag == "skipped" else "0")


def test_unique_names_for_identical_findings_unit():
    findings = [Finding("x.md", 3, 1, "PL401", "missing-section", "error", f"section {n} is missing") for n in range(3)]
    findings.append(Finding("x.md", 3, 1, "PL401", "missing-section", "warning", "another"))
    result = Result(findings=findings, paths=["x.md", "y.md"], summary=Summary(files=2, patterns=2, errors=3))
    out = io.StringIO()
    REPORTERS["junit"](result, out, Context(fail_on="error"))
    assert_valid(out.getvalue())
    assert [case.get("name") for case in cases(out.getvalue())] == [
        "PL401 missing-section 3:1", "PL401 missing-section 3:1 #2", "PL401 missing-section 3:1 #3",
        "PL401 missing-section 3:1 #4", "y.md: no findings"]


def test_control_characters_stay_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = edit(STANDALONE, "slug: transparent-ledger", 'slug: "bad\\e[31m\\x07red\\nnext"')
    (tmp_path / "transparent-ledger.md").write_text(text, encoding="utf-8")
    _, report = cli("--format", "junit", "transparent-ledger.md")
    assert_valid(report)
    assert "\x1b" not in report and "\x07" not in report
    assert "\\x1b" in report


def readme_block(language: str, first_line: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(rf"```{language}\n(.*?)```", readme, re.S)
    (block,) = [b for b in blocks if b.startswith(first_line)]
    return block


def test_readme_jenkins_snippet_writes_a_valid_report(repo):
    block = readme_block("groovy", "// Jenkinsfile")
    (command,) = re.findall(r"^sh '(.*)'$", block, re.M)
    (report,) = re.findall(r"^junit '(.*)'$", block, re.M)
    argv = shlex.split(command)
    assert argv[0] == "pattern-lint"
    code, out = cli(*argv[1:])
    assert code == 0 and out == ""  # --exit-zero; the report goes to the file
    written = (repo / report).read_text(encoding="utf-8")
    assert_valid(written)
    assert any(len(case) for case in cases(written))
