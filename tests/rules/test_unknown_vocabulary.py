"""unknown-vocabulary: fixes checked on the whole run, classification values, guesses never made; the simple
cases (and two of the fixes) are data in tests/cases/frontmatter.yaml."""

import json

import pytest

from helpers import CLASSIFICATION, STANDALONE, VALID, cli, edit, line_of, rows

NAME = "unknown-vocabulary"


# -- the fix (unsafe, spelling variants only) -------------------------------------------------------


def _left(path):
    return [(f["name"], f["fixable"]) for f in json.loads(cli("--format", "json", str(path))[1])["findings"]]


@pytest.mark.parametrize("old, new, fixed", [
    ("status: stable", "status: Draft", "status: draft"),
    ("status: stable", 'status: "Draft"', "status: draft"),
    ("usage_stage: design", "usage_stage: DESIGN", "usage_stage: design"),
    ("relationships:\n  enables: []", "relationships:\n  Enables: []", "relationships:\n  enables: []"),
    ("relationships:\n  enables: []", "relationships:\n  generalizes-from: []", "relationships:\n  generalizes_from: []"),
], ids=["case", "quoted", "upper", "relationship type", "dash for underscore"])
def test_fix_writes_the_known_value_only_with_unsafe_fixes(tmp_path, old, new, fixed):
    text = edit(STANDALONE, old, new)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, True)]
    assert cli("--fix", str(path))[0] == 0
    assert path.read_bytes() == text.encode("utf-8")  # unsafe: --fix alone leaves it
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == edit(text, new, fixed).encode("utf-8")
    assert _left(path) == []


@pytest.mark.parametrize("value", ["stabel", "finished"])
def test_a_misspelling_is_never_guessed(tmp_path, value):
    text = edit(STANDALONE, "status: stable", f"status: {value}")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, False)]
    assert cli("--diff", "--unsafe-fixes", str(path)) == (0, "")
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == text.encode("utf-8")


def test_fix_is_unsafe(check):
    (finding,) = check(edit(VALID, "status: stable", "status: Draft"))
    assert finding.fixable and not finding.fix.safe and finding.fix.title == "write `draft`"


@pytest.mark.parametrize("select", [[], ["--select", NAME]], ids=["default rules", "only this rule"])
@pytest.mark.parametrize("known, old, fixed", [
    ("Yes", '"YES"', '"Yes"'),  # written plain, `Yes` would be read as the boolean true
    ("1.10", '"1.10 "', '"1.10"'),  # and this as the number 1.1
])
def test_fix_quotes_a_configured_value_yaml_would_read_as_another_type(tmp_path, select, known, old, fixed):
    (tmp_path / ".pattern-lint.toml").write_text(f'[vocabularies]\nstatus = ["{known}"]\n', encoding="utf-8")
    text = edit(STANDALONE, "status: stable", f"status: {old}")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, True)]
    cli("--fix", "--unsafe-fixes", *select, str(path))
    assert path.read_bytes() == edit(text, f"status: {old}", f"status: {fixed}").encode("utf-8")
    assert _left(path) == []


# -- each format is judged by its own vocabularies ---------------------------------------------------


@pytest.mark.parametrize("old, new", [
    ("status: draft", "status: published"),  # as a real classification file writes it (beachhead-market.md)
    ("status: draft", "status: review"),
    ("universality: domain", "universality: universal"),
    ("domain: operations", "domain: sovereignty"),
], ids=["published", "review", "universal", "sovereignty"])
def test_classification_values_of_the_librarys_own_validator_are_known(check, old, new):
    assert rows(check(edit(CLASSIFICATION, old, new), name="empathy-mapping.md"), NAME) == []


@pytest.mark.parametrize("old, new, column, known", [
    ("status: draft", "status: stable", len("  status: ") + 1, "draft, review, published"),
    ("universality: domain", "universality: context-dependent", len("  universality: ") + 1, "universal, domain"),
    ("domain: operations", "domain: platform", len("  domain: ") + 1, "governance, operations, finance"),
], ids=["v7 status", "universality", "domain"])
def test_classification_value_outside_its_own_vocabulary_is_reported(check, old, new, column, known):
    text = edit(CLASSIFICATION, old, new)
    findings = [f for f in check(text, name="empathy-mapping.md") if f.name == NAME]
    assert rows(findings) == [("PL207", NAME, line_of(text, new))]
    assert findings[0].column == column
    assert f"known values: {known}" in findings[0].message
    assert not findings[0].fixable  # `stable` is v7.1's word: never "fixed" to another format's value


def test_v7_status_published_is_not_a_v7_value(check):
    text = edit(VALID, "status: stable", "status: Published")
    (finding,) = [f for f in check(text) if f.name == NAME]
    assert (finding.code, finding.line) == ("PL207", line_of(text, "status: Published"))
    assert not finding.fixable  # `published` is the classification format's, not v7.1's
    assert "known values: draft, revised, stable, deprecated" in finding.message


@pytest.mark.parametrize("old, new, fixed", [
    ("status: draft", "status: Published", "status: published"),
    ("universality: domain", "universality: Universal", "universality: universal"),
], ids=["status", "universality"])
def test_classification_fix_writes_its_own_formats_value(tmp_path, old, new, fixed):
    text = edit(CLASSIFICATION, old, new)
    path = tmp_path / "empathy-mapping.md"
    path.write_bytes(text.encode("utf-8"))
    assert (NAME, True) in _left(path)
    cli("--fix", "--unsafe-fixes", "--select", NAME, str(path))
    assert path.read_bytes() == edit(text, new, fixed).encode("utf-8")
    assert (NAME, True) not in _left(path) and (NAME, False) not in _left(path)
