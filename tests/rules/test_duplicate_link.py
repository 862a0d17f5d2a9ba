import os

import pytest

from helpers import line_of, pattern, rows

NAME = "duplicate-link"
CODE = "PL607"
ALPHA, BETA, GAMMA = "pat_01khvcxczrfztsmcf9fgrgy593", "pat_01khvcxd2eemjtdcran0mzqtv1", "pat_01khvcxc4ke2d8723e4k6vjdhp"


def found(findings, root):
    return [(os.path.relpath(f.path, root), f.code, f.name, f.line) for f in findings if f.name == NAME]


def lint(library, relationships, *paths):
    text = pattern("alpha", ALPHA, relationships)
    files = {"alpha.md": text, "beta.md": pattern("beta", BETA), "gamma.md": pattern("gamma", GAMMA)}
    return text, library(files, *paths, select=[NAME])


DUPLICATES = {  # relationships, (needle, nth) of the second entry's line, its target as written, the first's line
    "flow list": ("  enables: [beta, gamma, beta]\n", ("enables:", 1), "beta", "enables:"),
    "slug mappings": ("  enables:\n    - slug: beta\n      weight: 0.8\n    - slug: gamma\n    - slug: beta\n"
                      "      weight: 0.3\n", ("slug: beta", 2), "beta", "slug: beta"),
    "id and target": ("  requires:\n    - id: beta\n    - target: beta\n", ("target: beta", 1), "beta", "id: beta"),
    "slug then TypeID": (f"  enables:\n    - slug: beta\n    - id: {BETA}\n", (f"id: {BETA}", 1), BETA, "slug: beta"),
    "TypeID then slug": (f"  enables: [{BETA}, beta]\n", ("enables:", 1), "beta", "enables:"),
    "file name then slug": ("  enables: [beta.md, beta]\n", ("enables:", 1), "beta", "enables:"),
    "same missing target": ("  enables: [missing-pattern, missing-pattern]\n", ("enables:", 1), "missing-pattern",
                            "enables:"),
}


@pytest.mark.parametrize("relationships, second, target, first", DUPLICATES.values(), ids=DUPLICATES)
def test_second_entry_naming_the_same_pattern_is_reported(library, tmp_path, relationships, second, target, first):
    text, findings = lint(library, relationships)
    line = line_of(text, *second)
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line)]
    (finding,) = findings
    assert finding.severity == "warning"
    assert finding.column == text.split("\n")[line - 1].rindex(target) + 1
    list_name = relationships.split(":")[0].strip()
    assert finding.message == (f"`{target}` is already listed under `{list_name}` at line {line_of(text, first)}; "
                               "remove one of the two")


def test_different_targets_in_one_list_are_fine(library):
    _, findings = lint(library, f"  enables: [beta, gamma]\n  requires:\n    - slug: beta\n    - id: {GAMMA}\n")
    assert rows(findings) == []


def test_same_target_in_two_lists_is_not_a_duplicate_link(library):
    _, findings = lint(library, f"  enables: [beta]\n  complementary: [beta]\n  requires:\n    - id: {BETA}\n")
    assert rows(findings) == []


def test_run_on_another_file_does_not_report_it(library):
    _, findings = lint(library, "  enables: [beta, beta]\n", "gamma.md")
    assert rows(findings) == []
