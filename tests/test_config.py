"""Configuration: discovery, every key of `[tool.pattern-lint]` / `.pattern-lint.toml`, and bad settings."""

from __future__ import annotations

import io
import json
import os

import pytest

from helpers import SHARED, STANDALONE, edit, line_of, pattern
from lint import config as config_module
from lint.cli import main

OTHER_ID = "pat_01khvcxczrfztsmcf9fgrgy593"
STATUS_LINE = line_of(STANDALONE, "  status: stable")
BAD_STATUS = edit(STANDALONE, "  status: stable", "  status: stabel")  # one PL207 warning, nothing else


def cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


def findings(*argv: str) -> tuple[int, list[tuple[str, str, str, int]]]:
    """Exit status and (file name, code, name, line) of each finding of a JSON run."""
    code, out = cli("--format", "json", *argv)
    data = json.loads(out)
    return code, [(os.path.basename(f["path"]), f["code"], f["name"], f["line"]) for f in data["findings"]]


def severities(*argv: str) -> list[tuple[str, str]]:
    _, out = cli("--format", "json", *argv)
    return [(f["name"], f["severity"]) for f in json.loads(out)["findings"]]


def show_config(*argv: str) -> dict:
    code, out = cli("--show-config", *argv)
    assert code == 0
    return json.loads(out)


def write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def here(tmp_path, monkeypatch):
    """An empty working folder: configuration discovery starts here."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def usage_error(capsys, *argv: str) -> str:
    code, out = cli(*argv)
    assert code == 2
    assert out == ""
    return capsys.readouterr().err


# -- discovery -------------------------------------------------------------------------------------


def test_no_configuration_file_gives_the_defaults(here):
    data = show_config()
    assert data["config-file"] is None
    assert data["library-root"] is None
    assert data["include"] == ["*.md"]
    assert data["exclude"] == [".git", "node_modules", "_site"]
    assert data["fail-on"] == "error"


def test_dot_pattern_lint_toml_in_the_working_folder_is_used(here):
    write(here, ".pattern-lint.toml", 'ignore = ["unknown-vocabulary"]\n')
    write(here, "transparent-ledger.md", BAD_STATUS)
    assert show_config()["config-file"] == str(here / ".pattern-lint.toml")
    assert findings("transparent-ledger.md") == (0, [])
    (here / ".pattern-lint.toml").unlink()
    assert findings("transparent-ledger.md") == (0, [("transparent-ledger.md", "PL207", "unknown-vocabulary",
                                                      STATUS_LINE)])


def test_pyproject_section_in_a_parent_folder_is_found_from_a_subfolder(tmp_path, monkeypatch):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.pattern-lint]\nfail-on = "warning"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert config_module.find() == str(tmp_path / "pyproject.toml")
    data = show_config()
    assert data["config-file"] == str(tmp_path / "pyproject.toml")
    assert data["library-root"] == str(tmp_path)
    assert data["fail-on"] == "warning"


def test_pyproject_without_the_section_is_skipped(tmp_path, monkeypatch):
    write(tmp_path, ".pattern-lint.toml", 'fail-on = "info"\n')
    write(tmp_path, "sub/pyproject.toml", '[project]\nname = "x"\n\n[tool.black]\nline-length = 100\n')
    monkeypatch.chdir(tmp_path / "sub")
    assert config_module.find() == str(tmp_path / ".pattern-lint.toml")
    data = show_config()
    assert data["config-file"] == str(tmp_path / ".pattern-lint.toml")
    assert data["fail-on"] == "info"


def test_dot_pattern_lint_toml_wins_over_pyproject_in_the_same_folder(here):
    write(here, "pyproject.toml", '[tool.pattern-lint]\nfail-on = "info"\n')
    write(here, ".pattern-lint.toml", 'fail-on = "warning"\n')
    assert config_module.find(str(here)) == str(here / ".pattern-lint.toml")
    assert show_config()["fail-on"] == "warning"


def test_the_configuration_folder_is_the_library_root(here):
    # A pattern in a subfolder links to a pattern in the root folder; only the subfolder file is passed.
    write(here, "open-budgeting.md", pattern("open-budgeting", OTHER_ID, title="Transparent Ledger"))
    write(here, "sub/transparent-ledger.md",
          edit(STANDALONE, "relationships:\n  enables: []\n", "relationships:\n  enables: [open-budgeting]\n"))
    target = os.path.join("sub", "transparent-ledger.md")
    line = line_of(STANDALONE, "relationships:") + 1
    # No configuration: the library is the file's folder, so the link dangles.
    assert findings("--select", "dangling-link", target) == (
        1, [("transparent-ledger.md", "PL601", "dangling-link", line)])
    write(here, ".pattern-lint.toml", "")
    assert show_config()["library-root"] == str(here)
    assert findings("--select", "dangling-link", target) == (0, [])
    # And from inside the subfolder too: the root is where the configuration is, not the working folder.
    os.chdir(here / "sub")
    assert findings("--select", "dangling-link", "transparent-ledger.md") == (0, [])


def test_config_option_names_the_file(here):
    conf = write(here, "settings/lint.toml", 'ignore = ["PL207"]\n')
    write(here, ".pattern-lint.toml", 'fail-on = "warning"\n')  # not used when --config is given
    write(here, "transparent-ledger.md", BAD_STATUS)
    data = show_config("--config", str(conf))
    assert data["config-file"] == str(conf)
    assert data["library-root"] == str(here / "settings")
    assert data["ignore"] == ["PL207"]
    assert data["fail-on"] == "error"
    assert findings("--config", str(conf), "transparent-ledger.md") == (0, [])


def test_config_option_with_a_pyproject_reads_its_section(here):
    conf = write(here, "elsewhere/pyproject.toml", '[tool.pattern-lint]\nselect = ["unknown-vocabulary"]\n')
    assert show_config("--config", str(conf))["select"] == ["unknown-vocabulary"]


def test_missing_config_file_is_exit_2(here, capsys):
    write(here, "transparent-ledger.md", STANDALONE)
    err = usage_error(capsys, "--config", "nope.toml", "transparent-ledger.md")
    assert err == "lint: nope.toml: no such configuration file\n"


# -- include and exclude ---------------------------------------------------------------------------


def test_include_sets_what_folders_are_searched_for(here):
    write(here, ".pattern-lint.toml", 'include = ["*.markdown"]\n')
    write(here, "lib/transparent-ledger.markdown", BAD_STATUS)
    write(here, "lib/other.md", BAD_STATUS)
    # (slug-filename-mismatch still wants `<slug>.md`, whatever `include` says)
    assert findings("--ignore", "slug-filename-mismatch", "lib") == (
        0, [("transparent-ledger.markdown", "PL207", "unknown-vocabulary", STATUS_LINE)])
    code, out = cli("--show-files", "lib")
    assert out == "lib/transparent-ledger.markdown: format v7 (detected)\n"


def test_default_exclude_leaves_out_git_node_modules_and_site(here):
    write(here, ".pattern-lint.toml", "")
    for folder in (".git", "node_modules", "_site", "lib"):
        write(here, f"{folder}/transparent-ledger.md", BAD_STATUS)
    code, found = findings(".")
    assert code == 0
    assert found == [("transparent-ledger.md", "PL207", "unknown-vocabulary", STATUS_LINE)]
    code, out = cli("--show-files", ".")
    assert out.splitlines() == [
        "./lib/transparent-ledger.md: format v7 (detected)",
        "./_site: skipped: excluded by the configuration",
        "./node_modules: skipped: excluded by the configuration",
    ]


def test_default_exclude_without_a_configuration_file(here):
    write(here, "node_modules/transparent-ledger.md", BAD_STATUS)
    write(here, "lib/transparent-ledger.md", STANDALONE)
    assert findings(".") == (0, [])


def test_user_exclude_adds_to_the_defaults_and_with_force_exclude_applies_to_files_named(here):
    write(here, ".pattern-lint.toml", 'exclude = ["drafts/"]\n')
    write(here, "drafts/transparent-ledger.md", BAD_STATUS)
    write(here, "node_modules/transparent-ledger.md", BAD_STATUS)
    write(here, "transparent-ledger.md", STANDALONE)
    assert show_config()["exclude"] == [".git", "node_modules", "_site", "drafts/"]
    assert findings(".") == (0, [])
    named = os.path.join("drafts", "transparent-ledger.md")
    # A file named on the command line is checked (as ruff does; here it also duplicates the root's pattern) ...
    assert ("transparent-ledger.md", "PL207", "unknown-vocabulary", STATUS_LINE) in findings(named)[1]
    # ... unless --force-exclude, which the pre-commit hooks pass: then the exclude holds.
    assert findings("--force-exclude", named) == (0, [])
    code, out = cli("--show-files", "--force-exclude", named)
    assert out == "drafts/transparent-ledger.md: skipped: excluded by the configuration\n"


def test_exclude_glob_for_files(here):
    write(here, ".pattern-lint.toml", 'exclude = ["*-draft.md"]\n')
    write(here, "lib/transparent-ledger-draft.md", BAD_STATUS)
    write(here, "lib/transparent-ledger.md", BAD_STATUS)
    assert findings("lib") == (0, [("transparent-ledger.md", "PL207", "unknown-vocabulary", STATUS_LINE)])


# -- select, extend-select, ignore, per-file-ignores ----------------------------------------------------


TWO_PROBLEMS = edit(BAD_STATUS, "  confidence: 3", "  confidence: 9")  # PL207 warning, PL205 error (+ PL501)


def test_select_in_the_configuration(here):
    write(here, ".pattern-lint.toml", 'select = ["unknown-vocabulary"]\n')
    write(here, "transparent-ledger.md", TWO_PROBLEMS)
    assert findings("transparent-ledger.md") == (0, [("transparent-ledger.md", "PL207", "unknown-vocabulary",
                                                      STATUS_LINE)])


def test_command_line_select_wins_over_the_configuration(here):
    write(here, ".pattern-lint.toml", 'select = ["unknown-vocabulary"]\n')
    write(here, "transparent-ledger.md", TWO_PROBLEMS)
    line = line_of(STANDALONE, "  confidence: 3")
    assert findings("--select", "PL205", "transparent-ledger.md") == (
        1, [("transparent-ledger.md", "PL205", "invalid-value", line)])


def test_ignore_in_the_configuration_by_code(here):
    write(here, ".pattern-lint.toml", 'ignore = ["PL207", "reconciliation"]\n')
    write(here, "transparent-ledger.md", TWO_PROBLEMS)
    line = line_of(STANDALONE, "  confidence: 3")
    assert findings("transparent-ledger.md") == (1, [("transparent-ledger.md", "PL205", "invalid-value", line)])


def test_extend_select_turns_on_a_rule_off_by_default(here):
    write(here, "transparent-ledger.md", STANDALONE)
    assert findings("--ignore", "graph", "transparent-ledger.md") == (0, [])
    write(here, ".pattern-lint.toml", 'extend-select = ["section-length"]\nignore = ["graph"]\n')
    code, found = findings("transparent-ledger.md")
    assert code == 0  # warnings only
    assert {name for _, _, name, _ in found} == {"section-length"}
    assert ("transparent-ledger.md", "PL411", "section-length", line_of(STANDALONE, "### Section 1: Context")) in found


def test_per_file_ignores_silence_rules_only_for_matching_files(here):
    write(here, ".pattern-lint.toml", '[per-file-ignores]\n"drafts/*.md" = ["unknown-vocabulary"]\n')
    write(here, "drafts/transparent-ledger.md", BAD_STATUS)
    write(here, "final/transparent-ledger.md", BAD_STATUS)
    code, out = cli("--format", "json", "--ignore", "graph", ".")
    paths = [(f["path"], f["code"], f["line"]) for f in json.loads(out)["findings"]]
    assert paths == [("./final/transparent-ledger.md", "PL207", STATUS_LINE)]


def test_per_file_ignores_glob_on_the_file_name(here):
    write(here, ".pattern-lint.toml", '[per-file-ignores]\n"transparent-*.md" = ["PL2"]\n')
    write(here, "lib/transparent-ledger.md", edit(BAD_STATUS, "★★★ (High)", "★★☆ (Medium)"))
    write(here, "lib/other.md", BAD_STATUS)
    code, found = findings("--ignore", "graph,identity", "lib")
    # The schema group is silenced in the matching file only; its reconciliation finding stays.
    assert [(n, c) for n, c, _, _ in found] == [("other.md", "PL207"), ("transparent-ledger.md", "PL501")]


# -- fail-on and severity --------------------------------------------------------------------------


def test_fail_on_warning_makes_a_warning_only_run_exit_1(here):
    write(here, "transparent-ledger.md", BAD_STATUS)
    assert findings("transparent-ledger.md")[0] == 0
    write(here, ".pattern-lint.toml", 'fail-on = "warning"\n')
    assert findings("transparent-ledger.md") == (1, [("transparent-ledger.md", "PL207", "unknown-vocabulary",
                                                      STATUS_LINE)])
    # The command line wins.
    assert findings("--fail-on", "error", "transparent-ledger.md")[0] == 0
    assert show_config("--fail-on", "error")["fail-on"] == "error"
    assert show_config()["fail-on"] == "warning"


def test_fail_on_info(here):
    write(here, ".pattern-lint.toml", 'fail-on = "info"\nextend-select = ["orphan-pattern"]\n')
    write(here, "transparent-ledger.md", STANDALONE)
    code, found = findings("transparent-ledger.md")
    assert found == [("transparent-ledger.md", "PL611", "orphan-pattern", found[0][3])]
    assert code == 1
    assert findings("--fail-on", "warning", "transparent-ledger.md")[0] == 0


def test_severity_override_to_warning_changes_the_finding_and_the_exit_status(here):
    text = edit(STANDALONE, "  version: 1.2", "  version: [1.2]")  # wrong-type, an error
    write(here, "transparent-ledger.md", text)
    assert severities("transparent-ledger.md") == [("wrong-type", "error")]
    assert findings("transparent-ledger.md")[0] == 1
    write(here, ".pattern-lint.toml", '[severity]\nwrong-type = "warning"\n')
    assert severities("transparent-ledger.md") == [("wrong-type", "warning")]
    assert findings("transparent-ledger.md")[0] == 0
    assert findings("--fail-on", "warning", "transparent-ledger.md")[0] == 1
    assert show_config()["severity"] == {"wrong-type": "warning"}


def test_severity_override_by_code_to_error(here):
    write(here, ".pattern-lint.toml", '[severity]\nPL207 = "error"\n')
    write(here, "transparent-ledger.md", BAD_STATUS)
    assert severities("transparent-ledger.md") == [("unknown-vocabulary", "error")]
    assert findings("transparent-ledger.md")[0] == 1
    assert show_config()["severity"] == {"unknown-vocabulary": "error"}
    _, out = cli("transparent-ledger.md")
    assert out.splitlines()[-1] == "Checked 1 file: 1 pattern, 0 skipped (not patterns); 1 error, 0 warnings."


# -- formats -----------------------------------------------------------------------------------------


COLLECTION_AND_RELATIONSHIPS = """\
---
title: Adaptive Learning
slug: adaptive-learning
type: pattern
summary: Learning paths that adapt.
collection: commons-blueprint
relationships:
  enables: []
---

Body.
"""


def test_formats_glob_forces_a_format(here):
    write(here, "lib/adaptive-learning.md", COLLECTION_AND_RELATIONSHIPS)
    code, out = cli("--show-files", "lib")
    assert out == "lib/adaptive-learning.md: format v7 (detected)\n"
    write(here, ".pattern-lint.toml", '[formats]\n"lib/*.md" = "collection"\n')
    code, out = cli("--show-files", "lib")
    assert out == "lib/adaptive-learning.md: format collection (set by the configuration)\n"
    code, found = findings("--select", "schema", "lib")
    # As a collection file `relationships` is no field of the format, and the v7 groups are not required.
    assert found == [("adaptive-learning.md", "PL203", "unknown-field", 7)]


def test_formats_unknown_name_is_an_error_with_did_you_mean(here, capsys):
    write(here, ".pattern-lint.toml", '[formats]\n"*.md" = "colection"\n')
    err = usage_error(capsys, ".")
    assert str(here / ".pattern-lint.toml") in err
    assert "`formats`" in err
    assert "unknown format 'colection'; did you mean 'collection'?" in err


# -- vocabularies ----------------------------------------------------------------------------------


def test_vocabularies_list_form_extends(here):
    write(here, ".pattern-lint.toml", 'vocabularies = { status = ["stabel"] }\n')
    write(here, "transparent-ledger.md", BAD_STATUS)
    assert findings("transparent-ledger.md") == (0, [])
    # `stable` is still known
    write(here, "transparent-ledger.md", STANDALONE)
    assert findings("transparent-ledger.md") == (0, [])
    assert show_config()["vocabularies"] == {"status": {"extend": ["stabel"]}}


def test_vocabularies_table_form_replace(here):
    write(here, ".pattern-lint.toml", '[vocabularies.adoption_stage]\nreplace = ["pilot", "scaled"]\n')
    write(here, "transparent-ledger.md", STANDALONE)  # adoption_stage: growth
    code, out = cli("--format", "json", "transparent-ledger.md")
    (finding,) = json.loads(out)["findings"]
    assert (finding["code"], finding["line"]) == ("PL207", line_of(STANDALONE, "adoption_stage: growth"))
    assert "unknown adoption_stage `growth`" in finding["message"]
    assert "known values: pilot, scaled" in finding["message"]
    write(here, "transparent-ledger.md", edit(STANDALONE, "adoption_stage: growth", "adoption_stage: pilot"))
    assert findings("transparent-ledger.md") == (0, [])


def test_vocabularies_relationship_type_with_underscore(here):
    write(here, ".pattern-lint.toml", 'vocabularies = { relationship_type = ["inspires"] }\n')
    text = edit(STANDALONE, "relationships:\n  enables: []\n", "relationships:\n  enables: []\n  inspires: []\n")
    write(here, "transparent-ledger.md", text)
    assert findings("--ignore", "graph", "transparent-ledger.md") == (0, [])


def test_vocabularies_unknown_name_is_an_error(here, capsys):
    write(here, ".pattern-lint.toml", 'vocabularies = { usage_stages = ["application"] }\n')
    err = usage_error(capsys, ".")
    assert err == (f"lint: {here / '.pattern-lint.toml'}: `vocabularies`: unknown vocabulary `usage_stages`; "
                   "did you mean `usage_stage`?\n")


def test_vocabularies_bad_table_is_an_error(here, capsys):
    write(here, ".pattern-lint.toml", '[vocabularies.status]\nadd = ["x"]\n')
    err = usage_error(capsys, ".")
    assert "`vocabularies`.status must be a list of values to add, or a table with `extend` and/or `replace`" in err


# -- confidence-labels -------------------------------------------------------------------------------


def test_confidence_labels_add_a_label(here):
    two_stars = edit(edit(STANDALONE, "  confidence: 3", "  confidence: 2"),
                     "★★★ (High)", "★★☆ (Established)")
    write(here, "transparent-ledger.md", two_stars)
    callout = line_of(two_stars, "Confidence Rating")
    assert findings("transparent-ledger.md") == (0, [])  # an unknown label is not checked
    write(here, ".pattern-lint.toml", '[confidence-labels]\nEstablished = 3\n')
    code, out = cli("--format", "json", "transparent-ledger.md")
    (finding,) = json.loads(out)["findings"]
    assert (finding["code"], finding["name"], finding["line"]) == ("PL501", "confidence-mismatch", callout)
    assert "Established" in finding["message"]
    assert code == 1
    # Three stars and the label agree.
    write(here, "transparent-ledger.md", edit(STANDALONE, "★★★ (High)", "★★★ (Established)"))
    assert findings("transparent-ledger.md") == (0, [])


def test_confidence_labels_value_out_of_range_is_an_error(here, capsys):
    write(here, ".pattern-lint.toml", '[confidence-labels]\nEstablished = 4\n')
    err = usage_error(capsys, ".")
    assert err == (f"lint: {here / '.pattern-lint.toml'}: `confidence-labels` must be a table of `Label = stars` "
                   "with stars 1, 2 or 3\n")


# -- confidence-source -------------------------------------------------------------------------------


@pytest.mark.parametrize("source, fixed", [
    (None, None),
    ("frontmatter", ("★★★ (High)", "★☆☆ (Low)")),
    ("body", ("  confidence: 1", "  confidence: 3")),
], ids=["unset", "frontmatter", "body"])
def test_confidence_source_names_the_side_the_fix_trusts(here, source, fixed):
    text = edit(STANDALONE, "  confidence: 3", "  confidence: 1")
    write(here, "transparent-ledger.md", text)
    if source:
        write(here, ".pattern-lint.toml", f'confidence-source = "{source}"\n')
    code, out = cli("--format", "json", "transparent-ledger.md")
    (finding,) = json.loads(out)["findings"]
    assert (finding["code"], finding["name"], finding["line"]) == (
        "PL501", "confidence-mismatch", line_of(text, "Confidence Rating"))
    assert finding["fixable"] == (source is not None)
    cli("--fix", "--unsafe-fixes", "transparent-ledger.md")
    written = (here / "transparent-ledger.md").read_text(encoding="utf-8")
    assert written == (edit(text, *fixed) if fixed else text)


def test_confidence_source_must_be_frontmatter_or_body(here, capsys):
    write(here, ".pattern-lint.toml", 'confidence-source = "callout"\n')
    err = usage_error(capsys, ".")
    assert err == (f"lint: {here / '.pattern-lint.toml'}: `confidence-source` must be \"frontmatter\" (the callout "
                   "is rewritten from `lifecycle.confidence`) or \"body\" (`lifecycle.confidence` is rewritten from "
                   "the callout), not 'callout'\n")


def test_confidence_source_is_shown_with_the_configuration(here):
    write(here, ".pattern-lint.toml", 'confidence-source = "body"\n')
    code, out = cli("--show-config")
    assert "confidence-source" in out and "body" in out


# -- reciprocal and exclusive ------------------------------------------------------------------------


def test_exclusive_pair_makes_a_conflicting_link(here):
    write(here, "open-budgeting.md", pattern("open-budgeting", OTHER_ID, title="Transparent Ledger"))
    write(here, "transparent-ledger.md", edit(
        STANDALONE, "relationships:\n  enables: []\n",
        "relationships:\n  enables: [open-budgeting]\n  requires: [open-budgeting]\n"))
    assert findings("--select", "conflicting-link", ".") == (0, [])
    write(here, ".pattern-lint.toml", 'exclusive = [["enables", "requires"]]\n')
    line = line_of(STANDALONE, "relationships:") + 2
    assert findings("--select", "conflicting-link", ".") == (
        0, [("transparent-ledger.md", "PL608", "conflicting-link", line)])


def test_empty_reciprocal_silences_missing_reciprocal_link(here):
    write(here, "open-budgeting.md", pattern("open-budgeting", OTHER_ID, title="Transparent Ledger"))
    write(here, "transparent-ledger.md", edit(
        STANDALONE, "relationships:\n  enables: []\n", "relationships:\n  specializes_to: [open-budgeting]\n"))
    code, found = findings("--select", "missing-reciprocal-link", ".")
    # reported at the pattern that lacks the link back
    assert [(n, c) for n, c, _, _ in found] == [("open-budgeting.md", "PL609")]
    write(here, ".pattern-lint.toml", "reciprocal = []\n")
    assert findings("--select", "missing-reciprocal-link", ".") == (0, [])
    assert show_config()["reciprocal"] == []


def test_reciprocal_pair_of_the_library(here):
    write(here, ".pattern-lint.toml", 'reciprocal = [["enables", "requires"]]\n')
    write(here, "open-budgeting.md", pattern("open-budgeting", OTHER_ID, title="Transparent Ledger"))
    write(here, "transparent-ledger.md", edit(
        STANDALONE, "relationships:\n  enables: []\n", "relationships:\n  enables: [open-budgeting]\n"))
    code, found = findings("--select", "missing-reciprocal-link", ".")
    assert [(n, c) for n, c, _, _ in found] == [("open-budgeting.md", "PL609")]
    (here / ".pattern-lint.toml").unlink()
    assert findings("--select", "missing-reciprocal-link", ".") == (0, [])


def test_pairs_of_the_wrong_shape_are_an_error(here, capsys):
    write(here, ".pattern-lint.toml", 'exclusive = ["enables", "requires"]\n')
    err = usage_error(capsys, ".")
    assert "`exclusive` must be a list of pairs of relationship types" in err


# -- max-file-size -------------------------------------------------------------------------------------


def test_max_file_size(here):
    write(here, ".pattern-lint.toml", "max-file-size = 100\n")
    write(here, "transparent-ledger.md", STANDALONE)
    assert findings("transparent-ledger.md") == (1, [("transparent-ledger.md", "PL002", "file-too-large", 1)])
    # The command line wins.
    assert findings("--max-file-size", "100000", "transparent-ledger.md") == (0, [])


def test_max_file_size_must_be_positive(here, capsys):
    write(here, ".pattern-lint.toml", "max-file-size = 0\n")
    err = usage_error(capsys, ".")
    assert err == f"lint: {here / '.pattern-lint.toml'}: `max-file-size` must be a positive number of bytes\n"



TOO_LARGE = "must be at most 1,073,741,824 bytes (1 GiB)"


@pytest.mark.parametrize("value, message", [("-1", "must be a positive number of bytes"),
                                            ("0", "must be a positive number of bytes"),
                                            ("1073741825", TOO_LARGE), ("100000000000", TOO_LARGE),
                                            ("9223372036854775806", TOO_LARGE), ("9223372036854775807", TOO_LARGE)])
def test_max_file_size_out_of_range_is_a_usage_error(here, capsys, value, message):
    """On the command line and in the configuration: one line, exit 2, before any file is read
    (100000000000 was a MemoryError on every file, 9223372036854775806 an OverflowError, -1 taken)."""
    write(here, "transparent-ledger.md", STANDALONE)
    err = usage_error(capsys, "--max-file-size", value, "transparent-ledger.md")
    assert err == f"lint: --max-file-size {message}\n"
    write(here, ".pattern-lint.toml", f"max-file-size = {value}\n")
    err = usage_error(capsys, "transparent-ledger.md")
    assert err == f"lint: {here / '.pattern-lint.toml'}: `max-file-size` {message}\n"


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_the_largest_max_file_size_is_never_allocated_up_front(here, cache):
    """A read asks for what the file holds, not for the limit (read(n) allocates n bytes first)."""
    import tracemalloc

    write(here, "transparent-ledger.md", STANDALONE)
    tracemalloc.start()
    try:
        status, _ = cli("--max-file-size", "1073741824", *(() if cache else ("--no-cache",)), "transparent-ledger.md")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 0
    assert peak < 50_000_000, f"{peak:,} bytes at the peak"


# -- bad configuration ------------------------------------------------------------------------------


def test_unknown_key_with_did_you_mean(here, capsys):
    write(here, ".pattern-lint.toml", 'selct = ["PL207"]\n')
    err = usage_error(capsys, ".")
    assert err == f"lint: {here / '.pattern-lint.toml'}: unknown key `selct`; did you mean `select`?\n"


def test_unknown_key_far_from_any_lists_the_keys(here, capsys):
    write(here, ".pattern-lint.toml", 'zzz = 1\n')
    err = usage_error(capsys, ".")
    assert "unknown key `zzz`; known keys: include, exclude, select," in err


def test_unknown_key_in_pyproject_names_the_section(here, capsys):
    write(here, "pyproject.toml", '[tool.pattern-lint]\nfail_on = "warning"\n')
    err = usage_error(capsys, ".")
    assert err == (f"lint: {here / 'pyproject.toml'} [tool.pattern-lint]: unknown key `fail_on`; "
                   "did you mean `fail-on`?\n")


@pytest.mark.parametrize("setting, message", [
    ('include = "*.md"', "`include` must be a list of strings"),
    ('exclude = [1]', "`exclude` must be a list of strings"),
    ('select = "PL207"', "`select` must be a list of strings"),
    ('per-file-ignores = ["x"]', "`per-file-ignores` must be a table of `\"glob\" = [rules]`"),
    ('fail-on = "fatal"', "`fail-on` must be one of error, warning, info, not 'fatal'"),
    ('severity = "warning"', "`severity` must be a table of `rule = \"error|warning|info\"`"),
    ('formats = ["v7"]', "`formats` must be a table of `\"glob\" = \"format\"`"),
    ('vocabularies = ["x"]', "`vocabularies` must be a table of vocabularies"),
    ('confidence-labels = { High = "3" }', "`confidence-labels` must be a table of `Label = stars`"),
    ('reciprocal = [["a"]]', "`reciprocal` must be a list of pairs of relationship types"),
    ('max-file-size = "1MB"', "`max-file-size` must be a positive number of bytes"),
    ('max-file-size = true', "`max-file-size` must be a positive number of bytes"),
])
def test_wrong_value_types_are_exit_2_naming_key_and_file(here, capsys, setting, message):
    write(here, ".pattern-lint.toml", setting + "\n")
    err = usage_error(capsys, ".")
    assert err.startswith(f"lint: {here / '.pattern-lint.toml'}: ")
    assert message in err


def test_unknown_rule_in_select(here, capsys):
    write(here, ".pattern-lint.toml", 'select = ["unknown-vocab"]\n')
    err = usage_error(capsys, ".")
    assert err.startswith(f"lint: {here / '.pattern-lint.toml'}: `select`: no rule, group or code matches "
                          "'unknown-vocab'; did you mean ")
    assert "unknown-vocabulary" in err


def test_unknown_rule_in_per_file_ignores(here, capsys):
    write(here, ".pattern-lint.toml", '[per-file-ignores]\n"*.md" = ["PL999"]\n')
    err = usage_error(capsys, ".")
    assert str(here / ".pattern-lint.toml") in err and "`per-file-ignores`" in err and "'PL999'" in err


def test_unknown_rule_in_severity(here, capsys):
    write(here, ".pattern-lint.toml", '[severity]\nunknown-vocab = "error"\n')
    err = usage_error(capsys, ".")
    assert str(here / ".pattern-lint.toml") in err and "`severity`" in err and "'unknown-vocab'" in err


def test_bad_severity(here, capsys):
    write(here, ".pattern-lint.toml", '[severity]\nunknown-vocabulary = "fatal"\n')
    err = usage_error(capsys, ".")
    assert err == (f"lint: {here / '.pattern-lint.toml'}: `severity`: `unknown-vocabulary` must be one of "
                   "error, warning, info, not 'fatal'\n")


def test_invalid_toml(here, capsys):
    write(here, ".pattern-lint.toml", 'select = ["PL207"\n')
    err = usage_error(capsys, ".")
    assert err.startswith(f"lint: {here / '.pattern-lint.toml'}: not valid TOML: ")


def test_invalid_toml_in_a_pyproject_that_mentions_us_is_reported(here, capsys):
    write(here, "pyproject.toml", '[tool.pattern-lint]\nselect = \n')
    err = usage_error(capsys, ".")
    assert err.startswith(f"lint: {here / 'pyproject.toml'}: not valid TOML: ")


def test_bad_configuration_is_reported_for_show_config_and_show_files_too(here, capsys):
    write(here, ".pattern-lint.toml", 'selct = []\n')
    assert usage_error(capsys, "--show-config")
    assert usage_error(capsys, "--show-files", ".")


# -- --show-config and --show-files ------------------------------------------------------------------


def test_show_config_prints_the_resolved_values(here):
    write(here, ".pattern-lint.toml", """\
exclude = ["drafts/"]
ignore = ["orphan-pattern"]
fail-on = "warning"
vocabularies = { usage_stage = ["application"] }
confidence-labels = { Established = 3 }
exclusive = [["enables", "requires"]]
max-file-size = 5000

[severity]
PL207 = "error"

[formats]
"legacy/*.md" = "classification"
""")
    data = show_config()
    assert data == {
        "config-file": str(here / ".pattern-lint.toml"),
        "library-root": str(here),
        "include": ["*.md"],
        "exclude": [".git", "node_modules", "_site", "drafts/"],
        "select": None,
        "extend-select": [],
        "ignore": ["orphan-pattern"],
        "per-file-ignores": {},
        "fail-on": "warning",
        "severity": {"unknown-vocabulary": "error"},
        "formats": {"legacy/*.md": "classification"},
        "vocabularies": {"usage_stage": {"extend": ["application"]}},
        "confidence-labels": {"Established": 3},
        "confidence-source": None,
        "reciprocal": None,
        "exclusive": [["enables", "requires"]],
        "max-file-size": 5000,
        "baseline": None,
    }


def test_show_files_lists_formats_and_what_is_skipped(here):
    write(here, ".pattern-lint.toml", '[formats]\n"legacy/*.md" = "collection"\n')
    write(here, "lib/transparent-ledger.md", STANDALONE)
    write(here, "lib/notes.md", "Just notes, no frontmatter.\n")
    write(here, "lib/index.md", "---\ntitle: Index\n---\n")
    write(here, "lib/odd.md", "---\nid: x\nslug: odd\n---\n")
    write(here, "legacy/old.md", STANDALONE)
    write(here, "_site/copy.md", STANDALONE)
    code, out = cli("--show-files", ".")
    assert code == 0
    assert out.splitlines() == [
        "./legacy/old.md: format collection (set by the configuration)",
        "./lib/odd.md: pattern in no known format",
        "./lib/transparent-ledger.md: format v7 (detected)",
        "./_site: skipped: excluded by the configuration",
        "./lib/index.md: skipped: frontmatter has no `id` or `slug`",
        "./lib/notes.md: skipped: no frontmatter",
    ]


# -- the corpus with a configuration (../shared is read in place, nothing is copied) ------------------


CORPUS = SHARED / "corpus-sample"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus-sample is not available")


@needs_corpus
def test_corpus_vocabularies_from_a_configuration(here):
    # the classification files' values outside their validator's lists too (universality, domain)
    conf = write(here, ".pattern-lint.toml", 'vocabularies = { usage_stage = ["application"], '
                                             'adoption_stage = ["early_adopters", "mainstream"], '
                                             'universality = ["context-dependent"], '
                                             'domain = ["design", "platform", "value-creation"] }\n')
    code, out = cli("--format", "json", "--no-cache", "--config", str(conf), str(CORPUS))
    data = json.loads(out)
    assert data["summary"]["files"] > 30
    assert [f for f in data["findings"] if f["name"] == "unknown-vocabulary"] == []


@needs_corpus
def test_corpus_without_the_configuration_reports_the_values(here):
    code, out = cli("--format", "json", "--no-cache", "--select", "unknown-vocabulary", str(CORPUS))
    found = json.loads(out)["findings"]
    assert found
    assert {f["severity"] for f in found} == {"warning"}
    assert {f["code"] for f in found} == {"PL207"}
    messages = "\n".join(f["message"] for f in found)
    for value in ("unknown usage_stage `application`", "unknown adoption_stage `early_adopters`",
                  "unknown adoption_stage `mainstream`"):
        assert value in messages
    aoo = [(f["line"], f["column"]) for f in found if f["path"].endswith("business/access-over-ownership-model.md")]
    assert aoo == [(45, 16), (46, 19)]
    assert code == 0  # warnings only


@needs_corpus
def test_corpus_replace_makes_the_standard_values_unknown(here):
    conf = write(here, "lint.toml", '[vocabularies.usage_stage]\nreplace = ["application"]\n')
    code, out = cli("--format", "json", "--no-cache", "--config", str(conf), "--select", "unknown-vocabulary",
                    str(CORPUS))
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert not any("usage_stage `application`" in m for m in messages)
    assert any("adoption_stage `early_adopters`" in m for m in messages)
