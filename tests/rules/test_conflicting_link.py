import os

import pytest

from helpers import edit, line_of, pattern, rows

NAME = "conflicting-link"
CODE = "PL608"
ALPHA, BETA, GAMMA = "pat_01khvcxczrfztsmcf9fgrgy593", "pat_01khvcxd2eemjtdcran0mzqtv1", "pat_01khvcxc4ke2d8723e4k6vjdhp"


def found(findings, root):
    return [(os.path.relpath(f.path, root), f.code, f.name, f.line) for f in findings if f.name == NAME]


def lint(library, relationships, *paths):
    text = pattern("alpha", ALPHA, relationships)
    files = {"alpha.md": text, "beta.md": pattern("beta", BETA), "gamma.md": pattern("gamma", GAMMA)}
    return text, library(files, *paths, select=[NAME])


CONFLICTS = {  # relationships, the later list, the earlier list, the later entry as written, its line
    "requires and alternatives": ("  requires: [beta]\n  alternatives: [gamma, beta]\n", "alternatives", "requires",
                                  "beta", "alternatives:"),
    "alternatives and requires": ("  alternatives: [beta]\n  requires:\n    - slug: beta\n", "requires", "alternatives",
                                  "beta", "slug: beta"),
    "complementary and alternatives": ("  complementary: [beta]\n  enables: [gamma]\n  alternatives: [beta]\n",
                                       "alternatives", "complementary", "beta", "alternatives:"),
    "slug and TypeID": (f"  requires: [beta]\n  alternatives:\n    - id: {BETA}\n", "alternatives", "requires", BETA,
                        f"id: {BETA}"),
}


@pytest.mark.parametrize("relationships, later, earlier, target, needle", CONFLICTS.values(), ids=CONFLICTS)
def test_target_under_two_exclusive_lists_is_reported_at_the_later(library, tmp_path, relationships, later, earlier,
                                                                     target, needle):
    text, findings = lint(library, relationships)
    line, first_line = line_of(text, needle), line_of(text, f"{earlier}:")
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line)]
    (finding,) = findings
    assert finding.severity == "warning"
    assert finding.column == text.split("\n")[line - 1].rindex(target) + 1
    assert finding.message == (f"`{target}` is listed under `{later}` and under `{earlier}` (line {first_line}), which "
                               "exclude each other; keep the one that is true")


FINE = {
    "enables and requires": "  enables: [beta]\n  requires: [beta]\n",
    "complementary and requires": "  complementary: [beta]\n  requires: [beta]\n",
    "requires and alternatives, other targets": "  requires: [beta]\n  alternatives: [gamma]\n",
}


@pytest.mark.parametrize("relationships", FINE.values(), ids=FINE)
def test_lists_that_do_not_exclude_each_other_are_fine(library, relationships):
    assert rows(lint(library, relationships)[1]) == []


def test_run_on_another_file_does_not_report_it(library):
    assert rows(lint(library, "  requires: [beta]\n  alternatives: [beta]\n", "gamma.md")[1]) == []


def test_conflict_written_on_one_line_is_reported(library, tmp_path):
    text = edit(pattern("alpha", ALPHA), "relationships:\n  enables: []\n",
                "relationships: {requires: [beta], alternatives: [beta]}\n")
    findings = library({"alpha.md": text, "beta.md": pattern("beta", BETA)}, select=[NAME])
    line = line_of(text, "relationships: {")
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line)]
    assert findings[0].column == text.split("\n")[line - 1].rindex("beta") + 1


def test_conflict_is_reported_once_when_the_earlier_list_repeats_the_target(library, tmp_path):
    text, findings = lint(library, "  requires: [beta, beta]\n  alternatives: [beta]\n")
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(text, "alternatives:"))]


def test_one_target_repeated_thousands_of_times_takes_linear_time():
    """Each entry is compared with the first of each list that excludes it, not with every entry
    before it (16,000 repeats took 36 s)."""
    from helpers import assert_linear, index_of, typeid
    from lint import registry

    rule = registry.find(NAME)

    def work(n):
        index = index_of({"lib/alpha.md": {"id": typeid(0), "slug": "alpha",
                                           "relationships": {"requires": ["beta"] * n, "alternatives": ["beta"] * n}},
                          "lib/beta.md": {"id": typeid(1), "slug": "beta", "relationships": {}}}, ["lib/alpha.md"])
        return lambda: list(rule.check(index, {}))

    found = work(3)()
    assert [p.message.split(";")[0] for p in found] == \
        ["`beta` is listed under `alternatives` and under `requires` (line 1), which exclude each other"] * 3
    assert_linear(work, 4000)
