"""`--format gitlab`, GitLab's Code Quality report: valid against the fields GitLab documents
(tests/schemas/gitlab-code-quality.schema.json, written from its documentation) and against the
Code Climate issue spec it follows (tests/schemas/codeclimate-issue.schema.json); paths relative
to the repository; one fingerprint per finding, the same as SARIF's and as stable; README's
`.gitlab-ci.yml` valid against GitLab's CI schema (SchemaStore's copy) and run as written."""

from __future__ import annotations

import io
import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator

from helpers import STANDALONE, edit, schemastore
from lint.cli import main
from lint.report import REPORTERS
from test_report_junit import assert_valid as assert_valid_junit
from test_report_sarif import keyed, repo, run_sarif  # noqa: F401  (repo: the fixture)

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "tests" / "schemas"


def schema(name: str) -> dict:
    loaded = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(loaded)
    return loaded


def assert_valid(report: list) -> None:
    for validator, document in ((Draft202012Validator(schema("gitlab-code-quality.schema.json")), report),
                                *((Draft202012Validator(schema("codeclimate-issue.schema.json")), issue)
                                  for issue in report)):
        errors = list(validator.iter_errors(document))
        assert not errors, [(list(e.absolute_path), e.message) for e in errors[:5]]


def gitlab(*argv: str) -> list:
    out = io.StringIO()
    main(["--no-cache", "--format", "gitlab", *argv], stdout=out)
    assert not out.getvalue().startswith("\ufeff")  # GitLab's parser refuses a byte order mark
    report = json.loads(out.getvalue())
    assert_valid(report)
    return report


def test_the_format_is_registered(capsys):
    assert "gitlab" in REPORTERS
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "gitlab" in capsys.readouterr().out


def test_report_fields(repo):
    report = gitlab("patterns", "other")
    assert {issue["check_name"] for issue in report} >= {
        "dangling-link", "duplicate-id", "duplicate-slug", "missing-reciprocal-link", "score-out-of-range",
        "unknown-vocabulary"}
    for issue in report:
        assert (repo / issue["location"]["path"]).is_file(), issue["location"]
        assert issue["description"].startswith("PL") and f"[{issue['check_name']}]" in issue["description"]
    severities = {issue["check_name"]: issue["severity"] for issue in report}
    assert severities["score-out-of-range"] == "major" and severities["unknown-vocabulary"] == "minor"
    fingerprints = [issue["fingerprint"] for issue in report]
    assert len(set(fingerprints)) == len(fingerprints)


def test_info_is_info(repo):
    report = gitlab("--select", "orphan-pattern", "other")
    assert report and {issue["severity"] for issue in report} == {"info"}


def _keys(report: list) -> set[tuple]:
    return {(issue["check_name"], issue["location"]["path"], issue["fingerprint"]) for issue in report}


def test_fingerprints_are_stable_and_those_of_sarif(repo, monkeypatch):
    plain = gitlab("patterns", "other")
    assert _keys(gitlab("./patterns", "./other")) == _keys(plain)
    assert _keys(gitlab(str(repo / "patterns"), str(repo / "other"))) == _keys(plain)
    sarif_prints = {fingerprint for _, _, fingerprint in keyed(run_sarif("patterns", "other"))}
    assert {issue["fingerprint"] for issue in plain} == sarif_prints
    monkeypatch.chdir(repo / "patterns")
    assert _keys(gitlab(".", "../other")) == _keys(plain)
    monkeypatch.chdir(repo)
    alpha = repo / "patterns/a/alpha.md"
    alpha.write_text(edit(alpha.read_text(encoding="utf-8"), "# ═══ GROUP 2", "# moved\n# ═══ GROUP 2"),
                     encoding="utf-8")
    moved = gitlab("patterns", "other")
    assert _keys(moved) == _keys(plain)
    lines = {issue["fingerprint"]: issue["location"]["lines"]["begin"] for issue in plain}
    assert any(issue["location"]["lines"]["begin"] == lines[issue["fingerprint"]] + 1 for issue in moved)


def test_values_from_files_stay_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "odd\x1bname\nx.md"
    text = edit(STANDALONE, "slug: transparent-ledger", 'slug: "bad\\e[31mred\\nnext"')
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = io.StringIO()
    main(["--no-cache", "--format", "gitlab", name], stdout=out)
    report = json.loads(out.getvalue())
    assert_valid(report)
    for issue in report:
        for value in (issue["description"], issue["location"]["path"]):
            assert value.isprintable(), value
    assert any("\\x1b" in issue["description"] for issue in report)


# -- README's .gitlab-ci.yml -----------------------------------------------------------------------


def gitlab_ci_schema() -> dict:
    return schemastore("https://gitlab.com/gitlab-org/gitlab/-/raw/master/app/assets/javascripts/editor/schema/ci.json")


def readme_gitlab_ci() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if b.startswith("# .gitlab-ci.yml")]
    return block


def test_readme_gitlab_ci_is_valid():
    config = yaml.safe_load(readme_gitlab_ci())
    validator = Draft7Validator(gitlab_ci_schema())
    errors = list(validator.iter_errors(config))
    assert not errors, [(list(e.absolute_path), e.message) for e in errors[:5]]
    (job,) = config.values()
    assert job["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json", "junit": "pattern-lint.xml"}
    assert job["artifacts"]["when"] == "always"


def test_readme_gitlab_ci_script_writes_valid_reports(repo):
    job = next(iter(yaml.safe_load(readme_gitlab_ci()).values()))
    statuses = []
    for line in job["script"]:
        if line.startswith("pip install "):
            continue  # installs the linter (a placeholder URL): the tests run the installed one
        argv = shlex.split(line)
        assert argv[0] == "pattern-lint"
        statuses.append(main(["--no-cache", *argv[1:]], stdout=io.StringIO()))
    assert statuses == [0, 1]  # the Code Quality report never stops the job; the JUnit run fails it on errors
    reports = job["artifacts"]["reports"]
    quality = json.loads((repo / reports["codequality"]).read_text(encoding="utf-8"))
    assert_valid(quality)
    assert quality and all((repo / issue["location"]["path"]).is_file() for issue in quality)
    assert_valid_junit((repo / reports["junit"]).read_text(encoding="utf-8"))
