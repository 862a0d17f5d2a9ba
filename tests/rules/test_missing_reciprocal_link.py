import os

import pytest

from helpers import STANDALONE, edit, line_of, rows

NAME = "missing-reciprocal-link"
CODE = "PL609"
ALPHA, BETA, GAMMA = "pat_01khvcxczrfztsmcf9fgrgy593", "pat_01khvcxd2eemjtdcran0mzqtv1", "pat_01khvcxc4ke2d8723e4k6vjdhp"


def pattern(slug, id, relationships="  enables: []\n"):
    text = STANDALONE
    for old, new in (("slug: transparent-ledger", f"slug: {slug}"), ("id: pat_01khm0pp0qw6rb1r861rg6dfh1", f"id: {id}"),
                     ('title: "Transparent Ledger"', f'title: "{slug.title()}"'),
                     ("relationships:\n  enables: []\n", "relationships:\n" + relationships)):
        text = edit(text, old, new)
    return text


def found(findings, root):
    return [(os.path.relpath(f.path, root), f.code, f.name, f.line) for f in findings if f.name == NAME]


DIRECTIONS = [("generalizes_from", "specializes_to"), ("specializes_to", "generalizes_from")]


@pytest.mark.parametrize("forward, backward", DIRECTIONS)
def test_missing_entry_is_reported_on_the_other_file_at_its_list(library, tmp_path, forward, backward):
    beta = pattern("beta", BETA, f"  {backward}: []\n  enables: []\n")
    findings = library({"alpha.md": pattern("alpha", ALPHA, f"  {forward}: [beta]\n"), "beta.md": beta}, select=[NAME])
    assert found(findings, tmp_path) == [("beta.md", CODE, NAME, line_of(beta, f"  {backward}:"))]
    (finding,) = findings
    assert finding.column == 3 and finding.severity == "warning"
    assert finding.message == (f"`alpha` ({tmp_path / 'alpha.md'}) lists this pattern under `{forward}`, but this "
                               f"pattern's `{backward}` does not list `alpha`; add it")


@pytest.mark.parametrize("forward, backward", DIRECTIONS)
def test_missing_list_is_reported_at_the_relationships_key(library, tmp_path, forward, backward):
    beta = pattern("beta", BETA, "  enables: [gamma]\n")
    files = {"alpha.md": pattern("alpha", ALPHA, f"  {forward}: [gamma, beta]\n"), "beta.md": beta,
             "gamma.md": pattern("gamma", GAMMA, f"  {backward}: [alpha]\n")}
    findings = library(files, select=[NAME])
    assert found(findings, tmp_path) == [("beta.md", CODE, NAME, line_of(beta, "relationships:"))]
    assert findings[0].column == 1


@pytest.mark.parametrize("forward, backward", DIRECTIONS)
def test_both_directions_recorded_is_fine(library, forward, backward):
    files = {"alpha.md": pattern("alpha", ALPHA, f"  {forward}: [beta]\n"),
             "beta.md": pattern("beta", BETA, f"  {backward}:\n    - id: {ALPHA}\n")}
    assert rows(library(files, select=[NAME])) == []


def test_run_on_the_file_that_lists_reports_the_other(library, tmp_path):
    beta = pattern("beta", BETA, "  specializes_to: []\n")
    files = {"alpha.md": pattern("alpha", ALPHA, "  generalizes_from: [beta]\n"), "beta.md": beta,
             "gamma.md": pattern("gamma", GAMMA)}
    assert found(library(files, "alpha.md", select=[NAME]), tmp_path) == [
        ("beta.md", CODE, NAME, line_of(beta, "  specializes_to:"))]


def test_run_on_the_file_that_lacks_reports_it(library, tmp_path):
    beta = pattern("beta", BETA, "  specializes_to: []\n")
    files = {"alpha.md": pattern("alpha", ALPHA, "  generalizes_from: [beta]\n"), "beta.md": beta}
    assert found(library(files, "beta.md", select=[NAME]), tmp_path) == [
        ("beta.md", CODE, NAME, line_of(beta, "  specializes_to:"))]


def test_run_on_neither_file_reports_nothing(library):
    files = {"alpha.md": pattern("alpha", ALPHA, "  generalizes_from: [beta]\n"),
             "beta.md": pattern("beta", BETA, "  specializes_to: []\n"), "gamma.md": pattern("gamma", GAMMA)}
    assert rows(library(files, "gamma.md", select=[NAME])) == []


def test_relationship_types_that_are_not_reciprocal_are_fine(library):
    files = {"alpha.md": pattern("alpha", ALPHA, "  enables: [beta]\n  requires: [beta]\n"),
             "beta.md": pattern("beta", BETA)}
    assert rows(library(files, select=[NAME])) == []
