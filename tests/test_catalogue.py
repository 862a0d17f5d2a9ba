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
    for rule in all_rules():
        module = rule.name.replace("-", "_")
        assert (ROOT / "tests" / "rules" / f"test_{module}.py").is_file(), rule.name


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


def test_a_fix_from_a_rule_not_declared_fixable_is_dropped():
    from lint.findings import Problem
    from lint.fix import Edit, Fix
    from lint.engine import stamp

    rule = registry.find("duplicate-key")
    problem = Problem(1, 1, "x", fix=Fix("t", True, (Edit(1, 1, 1, 2, "y"),)))
    finding = stamp(rule, "a.md", problem)
    assert finding.fix is None and finding.fixable is False
