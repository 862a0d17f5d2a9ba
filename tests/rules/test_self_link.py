import os

import pytest

from helpers import line_of, pattern, rows

NAME = "self-link"
CODE = "PL606"
ALPHA, BETA = "pat_01khvcxczrfztsmcf9fgrgy593", "pat_01khvcxd2eemjtdcran0mzqtv1"


def found(findings, root):
    return [(os.path.relpath(f.path, root), f.code, f.name, f.line) for f in findings if f.name == NAME]


CASES = {
    "slug": ("  complementary: [beta, {t}]\n", "alpha"),
    "TypeID": ("  requires:\n    - id: {t}\n      weight: 0.7\n", ALPHA),
    "slug mapping": ("  enables:\n    - slug: {t}\n", "alpha"),
}


@pytest.mark.parametrize("form, target", CASES.values(), ids=CASES)
def test_pattern_listing_itself_is_reported_at_the_entry(library, tmp_path, form, target):
    text = pattern("alpha", ALPHA, form.format(t=target))
    findings = library({"alpha.md": text, "beta.md": pattern("beta", BETA)}, select=[NAME])
    line = line_of(text, target, 2)  # the first hit is the pattern's own `slug` or `id` line
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line)]
    (finding,) = findings
    assert finding.severity == "warning"
    assert finding.column == text.split("\n")[line - 1].index(target) + 1
    list_name = form.split(":")[0].strip()
    assert finding.message.startswith(f"the pattern lists itself under `{list_name}`")


@pytest.mark.parametrize("form, target", CASES.values(), ids=CASES)
def test_pattern_listing_another_is_fine(library, form, target):
    other = "beta" if target == "alpha" else BETA
    text = pattern("alpha", ALPHA, form.format(t=other))
    assert rows(library({"alpha.md": text, "beta.md": pattern("beta", BETA)}, select=[NAME])) == []


def test_inferred_link_to_itself_is_reported(library, tmp_path):
    text = pattern("alpha", ALPHA, inferred=["alpha"])
    findings = library({"alpha.md": text}, select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(text, "target: alpha"))]
    assert findings[0].message.startswith("the pattern lists itself under inferred links")


def test_inferred_link_to_another_is_fine(library):
    files = {"alpha.md": pattern("alpha", ALPHA, inferred=["beta"]), "beta.md": pattern("beta", BETA)}
    assert rows(library(files, select=[NAME])) == []


def test_body_link_to_itself_is_not_a_self_link(library):
    text = pattern("alpha", ALPHA) + "\nSee [this pattern](alpha.md) again.\n"
    assert rows(library({"alpha.md": text}, select=[NAME])) == []


def test_run_on_another_file_does_not_report_it(library):
    files = {"alpha.md": pattern("alpha", ALPHA, "  enables: [alpha]\n"), "beta.md": pattern("beta", BETA)}
    assert rows(library(files, "beta.md", select=[NAME])) == []
