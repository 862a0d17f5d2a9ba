"""The rule catalogue's contract: unique codes and names, complete docs, README lists every rule."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from lint import registry
from lint.registry import CatalogueError, _rule_from_module, all_rules

ROOT = Path(__file__).resolve().parents[1]


def test_codes_and_names_are_unique_and_well_formed():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_every_rule_has_a_test_module():
    """Its own module in tests/rules/, or cases in tests/cases/ (library rules: tests/cases/library/) that it
    fails and passes."""
    import test_library_cases
    from test_cases import load_cases

    reported, clean = set(), set()
    for param in load_cases():
        rule, case = param.values
        expected = case.get("rule_findings", case.get("findings", []))
        names = {row["name"] if isinstance(row, dict) else row[1] for row in expected}
        (reported if rule in names else clean).add(rule)
    for param in test_library_cases.load_cases():
        rule, case = param.values
        expected = case.get("findings", case.get("all_findings", []))
        names = {row["name"] if isinstance(row, dict) else row[2] for row in expected}
        (reported if rule in names else clean).add(rule)
    for rule in all_rules():
        module = rule.name.replace("-", "_")
        has_cases = rule.name in reported and rule.name in clean
        assert (ROOT / "tests" / "rules" / f"test_{module}.py").is_file() or has_cases, rule.name


def test_readme_lists_every_rule():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"| {rule.code} | {rule.name} | {rule.severity} |" in readme, rule.name


def test_rule_modules_are_all_listed():
    import lint.rules

    on_disk = {p.stem for p in (ROOT / "rules").glob("*.py") if p.stem != "__init__"}
    assert on_disk == set(lint.rules.MODULES)


def _module(**attrs):
    module = types.ModuleType("lint.rules.fake")
    module.__doc__ = ("Summary.\n\nWhat it checks\nx\n\nWhy it matters\nx\n\nExample\nx\n\nHow to fix\nx\n\n"
                      "What it does not report\nx\n")
    module.CODE, module.NAME, module.GROUP, module.SEVERITY = "PL999", "fake-rule", "test", "error"
    module.check = lambda doc, options: ()
    for key, value in attrs.items():
        setattr(module, key, value)
    return module


def test_a_well_formed_module_is_accepted():
    rule = _rule_from_module(_module())
    assert (rule.code, rule.name, rule.summary) == ("PL999", "fake-rule", "Summary.")


@pytest.mark.parametrize("attrs", [
    {"CODE": "X1"}, {"NAME": "Fake_Rule"}, {"SEVERITY": "fatal"}, {"SOURCE": "elsewhere"},
    {"__doc__": "Summary only."}, {"check": None},
])
def test_a_broken_module_is_refused(attrs):
    with pytest.raises(CatalogueError):
        _rule_from_module(_module(**attrs))


def test_find_accepts_code_or_name():
    assert registry.find("PL303").name == "slug-filename-mismatch"
    assert registry.find("slug-filename-mismatch").code == "PL303"
    assert registry.find("nothing") is None


def test_fixable_rules_are_the_ones_with_fixes():
    fixable = {r.name for r in all_rules() if r.fixable}
    assert fixable == {"overall-score-mismatch", "yaml-implicit-type", "confidence-mismatch", "unknown-vocabulary",
                       "missing-reciprocal-link", "summary-mismatch", "paragraph-read-as-heading",
                       "callout-joined-to-blockquote", "callout-without-quote", "template-placeholder",
                       "summary-differs"}


def test_every_group_has_a_gitlab_category():
    # A new group must say how GitLab's code quality report files it (it would fall back to "Bug Risk").
    from lint.report.gitlab import CATEGORIES

    assert {r.group for r in all_rules()} <= set(CATEGORIES)


def test_a_fix_from_a_rule_not_declared_fixable_is_an_error():
    # It was dropped silently; now it is a bug the run reports (a developer error, never a lost fix).
    from lint.findings import Edit, Fix, Problem
    from lint.engine import stamp

    rule = registry.find("duplicate-key")
    problem = Problem(1, 1, "x", fix=Fix("t", True, (Edit(1, 1, 1, 2, "y"),)))
    with pytest.raises(CatalogueError, match="duplicate-key offers a fix but does not declare FIXABLE"):
        stamp(rule, "a.md", problem)


def test_a_run_reports_a_fix_from_a_rule_not_declared_fixable_as_an_internal_error(tmp_path):
    import dataclasses

    from helpers import VALID
    from lint.findings import Edit, Fix, Problem
    from lint.engine import check_file
    from lint.settings import Settings

    path = tmp_path / "transparent-ledger.md"
    path.write_text(VALID, encoding="utf-8")
    offers = dataclasses.replace(registry.find("duplicate-key"), check=lambda doc, options: [
        Problem(2, 1, "x", fix=Fix("t", True, (Edit(2, 1, 2, 2, "y"),)))])
    _, findings = check_file(str(path), [offers], Settings())
    assert [(f.name, f.line) for f in findings] == [("internal-error", 1)]
    assert "rule duplicate-key offers a fix but does not declare FIXABLE" in findings[0].message


def test_a_rule_found_while_reading_writes_its_own_messages():
    with pytest.raises(CatalogueError, match="defines no function that writes its messages"):
        _rule_from_module(_module(SOURCE="document"))  # its only function, check, is this test's lambda

    def message() -> str:
        return "what is wrong; what to do"

    message.__module__ = "lint.rules.fake"
    assert _rule_from_module(_module(SOURCE="document", message=message)).source == "document"


def test_every_rule_name_the_reader_schema_and_engine_emit_is_registered():
    from lint import document, schema

    rules = all_rules()
    registry.check_emitted(rules)  # all_rules() ran it too
    assert "yaml-syntax" in document.EMITS and "missing-field" in schema.RULES
    with pytest.raises(CatalogueError, match="emits 'yaml-syntx', which is no registered rule"):
        registry.check_emitted(rules, {"document": document.EMITS | {"yaml-syntx"}, "schema": frozenset(schema.RULES),
                                       "engine": registry.ENGINE_EMITS})
    with pytest.raises(CatalogueError, match="emits 'dangling-link', whose SOURCE is 'check'"):
        registry.check_emitted(rules, {"document": document.EMITS | {"dangling-link"},
                                       "schema": frozenset(schema.RULES), "engine": registry.ENGINE_EMITS})
    with pytest.raises(CatalogueError, match="rule yaml-tab: SOURCE = 'document', but nothing emits it"):
        registry.check_emitted(rules, {"document": document.EMITS - {"yaml-tab"}, "schema": frozenset(schema.RULES),
                                       "engine": registry.ENGINE_EMITS})


def test_every_format_schema_routes_errors_to_schema_rules_only(tmp_path):
    from lint import formats
    from lint.schema import FormatSchema

    for fmt in formats.FORMATS:
        assert fmt.schema.index is not None  # builds; an `x-rule` naming no schema rule would raise
    (tmp_path / "a.schema.json").write_text(
        '{"$id": "urn:test:a", "type": "object", "properties": {"n": {"type": "integer", "minimum": 1, '
        '"x-rule": {"minimum": "score-out-of-rang"}}}}', encoding="utf-8")
    with pytest.raises(ValueError, match="score-out-of-rang"):
        FormatSchema(tmp_path, "urn:test:a")
