"""SARIF as GitHub code scanning maps it: every `uri` relative to the repository root (and a file
there, from two folders and from a subfolder), fingerprints that do not change with how the
library is named or where the linter runs or when unrelated lines move (the rules whose messages
name other files included), at most 25,000 results and 10 MB with a notification for the rest,
and each rule's `helpUri` at its own anchor in the README of the project's documentation URL.
Every log is validated against the official SARIF 2.1.0 schema (SchemaStore's copy)."""

from __future__ import annotations

import io
import json
import os
import re
import tomllib
from pathlib import Path
from urllib.parse import unquote

import pytest

from helpers import STANDALONE, edit, pattern
from lint.cli import main
from lint.findings import Finding
from lint.registry import all_rules
from lint.report import locations, sarif
from lint.runner import Result, Summary
from test_reports import sarif_schema

ROOT = Path(__file__).resolve().parents[1]
TITLE = "Transparent Ledger"  # the template's title, kept
IDS = ["pat_01khvcxczrfztsmcf9fgrgy5" + s for s in ("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7")]


def validated(log: dict) -> dict:
    from jsonschema import Draft7Validator

    schema = sarif_schema()
    errors = list(Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(log))
    assert not errors, [(list(e.absolute_path), e.message) for e in errors[:5]]
    return log


def run_sarif(*argv: str) -> dict:
    out = io.StringIO()
    main(["--no-cache", "--format", "sarif", *argv], stdout=out)
    return validated(json.loads(out.getvalue()))


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git work tree (a `.git` folder is all the linter looks for) with a library in `patterns/`
    whose findings include every rule that names other files in its message."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    files = {
        # alpha generalizes from beta, which does not specialize to it: missing-reciprocal-link on
        # beta naming alpha's path; alpha's `enables: [nowhere]` is a dangling-link.
        "patterns/a/alpha.md": pattern("alpha", IDS[0], "  generalizes_from: [beta]\n  enables: [nowhere]\n", title=TITLE),
        "patterns/b/beta.md": pattern("beta", IDS[1], title=TITLE),
        # gamma and delta share an id; the two `same.md` share a slug.
        "patterns/a/gamma.md": pattern("gamma", IDS[2], title=TITLE),
        "patterns/b/delta.md": pattern("delta", IDS[2], title=TITLE),
        "patterns/a/same.md": pattern("same", IDS[3], title=TITLE),
        "patterns/b/same.md": edit(pattern("same", IDS[4], title=TITLE), "  status: stable", "  status: stabel"),
        "other/omega.md": edit(pattern("omega", IDS[5], title=TITLE), "    resilience: 5", "    resilience: 7"),
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def results(log: dict) -> list[dict]:
    return log["runs"][0]["results"]


def keyed(log: dict) -> set[tuple]:
    """(rule, uri, fingerprint) of every result."""
    return {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["partialFingerprints"][sarif.FINGERPRINT]) for r in results(log)}


def test_uris_are_repository_relative_and_name_existing_files(repo):
    log = run_sarif("patterns", "other")
    names = {r["ruleId"] for r in results(log)}
    assert {"PL601", "PL604", "PL605", "PL609", "PL206", "PL207"} <= names
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}
    uris = set()
    for result in results(log):
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert (repo / unquote(artifact["uri"])).is_file(), artifact
        uris.add(artifact["uri"])
    # Both folders' files, each under its own folder (the second folder's were once made relative
    # to the first, naming files that do not exist).
    assert {"patterns/a/alpha.md", "patterns/b/beta.md", "other/omega.md"} <= uris


def test_uris_from_a_subfolder(repo, monkeypatch):
    monkeypatch.chdir(repo / "patterns" / "b")
    log = run_sarif("..", "../../other")
    for result in results(log):
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert (repo / unquote(uri)).is_file(), uri
    assert keyed(log) == keyed(run_sarif_from(repo, monkeypatch, "patterns", "other"))


def run_sarif_from(folder: Path, monkeypatch, *argv: str) -> dict:
    monkeypatch.chdir(folder)
    return run_sarif(*argv)


def test_fingerprints_do_not_depend_on_how_the_library_is_named(repo, monkeypatch):
    plain = run_sarif("patterns", "other")
    assert len(keyed(plain)) == len(results(plain))  # one fingerprint per result, all distinct
    assert len({r["partialFingerprints"][sarif.FINGERPRINT] for r in results(plain)}) == len(results(plain))
    assert keyed(run_sarif("./patterns", "./other")) == keyed(plain)
    assert keyed(run_sarif(str(repo / "patterns"), str(repo / "other"))) == keyed(plain)
    assert keyed(run_sarif_from(repo / "patterns", monkeypatch, ".", "../other")) == keyed(plain)
    assert keyed(run_sarif_from(repo / "patterns" / "a", monkeypatch, str(repo / "patterns"), "../../other")) \
        == keyed(plain)


def test_messages_naming_paths_are_normalised(repo, monkeypatch):
    """The messages do name paths as the run shows them (from the folder it runs in, or as typed),
    so the old fingerprints changed with them; what the fingerprints read holds neither the
    absolute path nor the form the path was typed in."""
    absolute = run_sarif(str(repo / "patterns"), str(repo / "other"))
    texts = [r["message"]["text"] for r in results(absolute) if r["ruleId"] in ("PL601", "PL604", "PL605", "PL609")]
    assert len(texts) >= 6 and all(".md" in text or "patterns under" in text for text in texts)
    monkeypatch.chdir(repo / "patterns")
    for paths, library in ((["."], "patterns"), ([str(repo / "patterns")], "patterns"),
                           (["./a", "b"], "patterns/a, patterns/b")):
        result = _run(paths)
        root = locations.repository_root(result)
        assert root == str(repo)
        for finding in result.findings:
            stable = locations.stable_message(finding, root)
            assert str(repo) not in stable and "./" not in stable and not re.search(r"[0-9]", stable)
            if finding.name in ("duplicate-id", "duplicate-slug", "missing-reciprocal-link"):
                assert re.search(r"patterns/[ab]/[a-z]+\.md", stable), stable
            if finding.name == "dangling-link":
                assert stable == f"`enables` entry `nowhere` names no pattern in the library (under {library})"


def _run(paths):
    from lint.runner import Options, run

    return run(paths, Options())


def test_fingerprints_survive_unrelated_lines_moving(repo):
    before = run_sarif("patterns", "other")
    alpha = repo / "patterns/a/alpha.md"
    text = alpha.read_text(encoding="utf-8")
    text = edit(text, "# ═══ GROUP 2", "# an unrelated comment\n# another one\n# ═══ GROUP 2")
    text = edit(text, "\n### Section 1: Context", "\nAn unrelated paragraph.\n\n### Section 1: Context")
    alpha.write_text(text, encoding="utf-8")
    after = run_sarif("patterns", "other")
    assert keyed(after) == keyed(before)
    lines = {(r["ruleId"], r["partialFingerprints"][sarif.FINGERPRINT]):
             r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results(before)}
    moved = [r for r in results(after) if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
             == "patterns/a/alpha.md" and r["ruleId"] == "PL601"]
    assert moved and all(r["locations"][0]["physicalLocation"]["region"]["startLine"]
                         == lines[(r["ruleId"], r["partialFingerprints"][sarif.FINGERPRINT])] + 2 for r in moved)


def test_identical_findings_get_distinct_fingerprints_by_occurrence():
    findings = [Finding("lib/x.md", line, 1, "PL207", "unknown-vocabulary", "warning", f"unknown status at {line}")
                for line in (3, 9, 40)]
    result = Result(findings=findings, paths=["lib/x.md"], summary=Summary(files=1, patterns=1, warnings=3))
    prints = locations.fingerprints(result, os.getcwd())
    assert len(set(prints)) == 3
    # The first two swap lines with other text: each keeps its fingerprint by its order in the file.
    moved = [Finding(f.path, f.line + 5, 1, f.code, f.name, f.severity, f.message) for f in findings]
    assert locations.fingerprints(Result(findings=moved, paths=["lib/x.md"]), os.getcwd()) == prints


def test_uri_is_percent_encoded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "odd dir#1"
    folder.mkdir()
    (folder / "ümlaut 100%.md").write_text(edit(STANDALONE, "  status: stable", "  status: stabel"), encoding="utf-8")
    log = run_sarif(str(folder))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results(log)}
    assert uris == {"odd%20dir%231/%C3%BCmlaut%20100%25.md"}
    assert all((tmp_path / unquote(uri)).is_file() for uri in uris)


# -- limits ----------------------------------------------------------------------------------------


def generated(count: int, message_size: int = 40) -> Result:
    """`count` findings over count/10 files, a third of them errors, without linting anything."""
    findings = []
    for n in range(count):
        severity = ("error", "warning", "info")[n % 3]
        rule = {"error": ("PL206", "score-out-of-range"), "warning": ("PL207", "unknown-vocabulary"),
                "info": ("PL611", "orphan-pattern")}[severity]
        findings.append(Finding(f"lib/p{n // 10:05}.md", n % 10 + 1, 1, *rule, severity,
                                f"finding {n} " + "x" * message_size))
    findings.sort(key=Finding.sort_key)
    errors = sum(f.severity == "error" for f in findings)
    return Result(findings=findings, paths=sorted({f.path for f in findings}),
                  summary=Summary(files=count // 10, patterns=count // 10, errors=errors,
                                  warnings=sum(f.severity == "warning" for f in findings)))


def written(result: Result) -> tuple[str, dict]:
    out = io.StringIO()
    sarif.write(result, out)
    return out.getvalue(), json.loads(out.getvalue())


def test_at_most_25000_results_most_severe_first_with_a_notification(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = generated(30_000)
    text, log = written(result)
    validated(log)
    kept = results(log)
    assert len(kept) == 25_000
    levels = [r["level"] for r in kept]
    assert levels == ["error"] * 10_000 + ["warning"] * 10_000 + ["note"] * 5_000
    # Within a level: path, then line.
    warnings = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in kept if r["level"] == "warning"]
    assert warnings == sorted(warnings)
    (invocation,) = log["runs"][0]["invocations"]
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "warning"
    assert "5,000 of 30,000 findings are not in this report" in notification["message"]["text"]
    assert "--format json" in notification["message"]["text"]
    # The fingerprints of those kept are those of a report without the cap.
    every = locations.fingerprints(result, str(tmp_path))
    assert {r["partialFingerprints"][sarif.FINGERPRINT] for r in kept} <= set(every)


def test_no_notification_under_the_limits(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, log = written(generated(300))
    assert len(results(log)) == 300
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_the_file_stays_under_10_mb(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = generated(20_000, message_size=700)  # about 1 KB a result: 20 MB in all
    text, log = written(result)
    validated(log)
    assert sarif.MAX_BYTES - 5_000 < len(text.encode("utf-8")) <= sarif.MAX_BYTES  # filled, not over
    kept = len(results(log))
    assert 5_000 < kept < 20_000
    (notification,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert f"{20_000 - kept:,} of 20,000 findings are not in this report" in notification["message"]["text"]
    assert "10 MB" in notification["message"]["text"]


# -- rule documentation links ----------------------------------------------------------------------


def test_help_uri_is_the_rules_anchor_in_the_documentation_url(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.md").write_text(STANDALONE, encoding="utf-8")
    log = run_sarif("x.md")
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == urls["Homepage"]
    for descriptor, rule in zip(driver["rules"], all_rules()):
        assert descriptor["helpUri"] == f"{urls['Documentation']}#{rule.name}"


def test_project_urls_are_read_from_the_installed_metadata(monkeypatch):
    import importlib.metadata

    class Metadata:
        def get_all(self, name):
            assert name == "Project-URL"
            return ["documentation, https://example.org/docs/README.md", "Source Code, https://example.org/src"]

    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: Metadata())
    urls = sarif.project_urls()
    assert urls["Documentation"] == "https://example.org/docs/README.md"  # labels compare normalised
    assert urls["Homepage"] == sarif.PROJECT_URLS["Homepage"]  # not declared: the fallback

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "metadata", missing)
    assert sarif.project_urls() == sarif.PROJECT_URLS


def test_fallback_urls_equal_pyproject():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert declared == sarif.PROJECT_URLS
    assert declared["Documentation"].endswith("/README.md")


def test_every_rule_has_an_anchor_in_the_readme_rules_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    headings = {re.sub(r"[^a-z0-9 -]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
                for line in readme.splitlines() if line.startswith("#")}
    for rule in all_rules():
        row = next((line for line in readme.splitlines() if line.startswith(f"| {rule.code} | {rule.name} |")), None)
        assert row is not None, rule.name
        assert f'<a id="{rule.name}"></a>' in row, rule.name
        assert readme.count(f'id="{rule.name}"') == 1, rule.name
        assert rule.name not in headings, rule.name  # no heading's own anchor takes the name


def test_a_repository_at_the_file_system_root_keeps_the_messages_slashes():
    finding = Finding("/srv/lib/a.md", 1, 1, "PL000", "internal-error", "error", "failed on /srv/lib/a.md: x/y")
    assert locations.stable_message(finding, os.sep) == "failed on /srv/lib/a.md: x/y"
    assert locations.stable_message(finding, "/srv") == "failed on lib/a.md: x/y"


def test_a_dangling_message_naming_other_lines_fingerprints_without_them(tmp_path, monkeypatch):
    # Issue 19 folds a missing target's other entries into one finding: "(named again on line 88; an inferred
    # link names it too, line 165)" follows the library's folders, and must not be read as one of them (the
    # fingerprint then held an absolute ".../line 165" that changed with the working folder).
    from types import SimpleNamespace

    from lint.report.locations import stable_message

    (tmp_path / "lib").mkdir()
    monkeypatch.chdir(tmp_path)
    message = ("`enables` entry `gone` names no pattern in the library (3 patterns under lib) (named again on line 88; "
               "an inferred link names it too, line 165); fix the target or write the missing pattern")
    finding = SimpleNamespace(name="dangling-link", message=message)
    assert stable_message(finding, str(tmp_path)) == "`enables` entry `gone` names no pattern in the library (under lib)"
