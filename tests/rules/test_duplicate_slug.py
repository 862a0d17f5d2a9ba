import os

from helpers import STANDALONE, line_of, pattern, rows

NAME = "duplicate-slug"
CODE = "PL605"
ALPHA, BETA, GAMMA = "pat_01khvcxczrfztsmcf9fgrgy593", "pat_01khvcxd2eemjtdcran0mzqtv1", "pat_01khvcxc4ke2d8723e4k6vjdhp"


def found(findings, root):
    return [(os.path.relpath(f.path, root), f.code, f.name, f.line) for f in findings if f.name == NAME]


SLUG_LINE = line_of(STANDALONE, "slug: ")
X, Y = os.path.join("x", "alpha.md"), os.path.join("y", "alpha.md")


def test_same_slug_in_two_folders_is_reported_on_each_naming_the_other(library, tmp_path):
    findings = library({X: pattern("alpha", ALPHA), Y: pattern("alpha", BETA)})
    assert found(findings, tmp_path) == [(X, CODE, NAME, SLUG_LINE), (Y, CODE, NAME, SLUG_LINE)]
    first, second = findings
    assert first.column == len("slug: ") + 1 and first.severity == "error"
    assert first.message == f"slug `alpha` is also the slug of {tmp_path / Y}; give each pattern its own slug"
    assert f"is also the slug of {tmp_path / X};" in second.message


def test_different_slugs_in_two_folders_are_fine(library):
    assert library({X: pattern("alpha", ALPHA), os.path.join("y", "beta.md"): pattern("beta", BETA)}) == []


def test_run_on_one_of_them_reports_only_that_one(library, tmp_path):
    files = {"alpha.md": pattern("alpha", ALPHA), "alpha-copy.md": pattern("alpha", BETA)}
    findings = library(files, "alpha-copy.md", select=[NAME])
    assert found(findings, tmp_path) == [("alpha-copy.md", CODE, NAME, SLUG_LINE)]
    assert f"is also the slug of {tmp_path / 'alpha.md'};" in findings[0].message


def test_run_on_a_third_file_reports_neither(library):
    files = {"alpha.md": pattern("alpha", ALPHA), "alpha-copy.md": pattern("alpha", BETA),
             "gamma.md": pattern("gamma", GAMMA)}
    assert rows(library(files, "gamma.md", select=[NAME])) == []


def test_three_files_sharing_a_slug_name_the_two_others(library, tmp_path):
    files = {name: pattern("alpha", id) for name, id in (("a.md", ALPHA), ("b.md", BETA), ("c.md", GAMMA))}
    findings = library(files, select=[NAME])
    assert found(findings, tmp_path) == [(name, CODE, NAME, SLUG_LINE) for name in ("a.md", "b.md", "c.md")]
    assert f"is also the slug of {tmp_path / 'a.md'}, {tmp_path / 'c.md'};" in findings[1].message


def test_file_with_broken_yaml_named_like_the_slug_is_not_a_duplicate(library):
    broken = "---\nid: pat_01khvcxd2eemjtdcran0mzqtv1\nslug: alpha\ntitle: \"Alpha\n---\n\nBroken.\n"
    findings = library({X: pattern("alpha", ALPHA), Y: broken})
    assert rows(findings, NAME) == []
    assert [f.name for f in findings] == ["yaml-syntax"]


def test_thousands_sharing_a_slug_each_name_five_others_in_linear_time():
    from helpers import assert_linear, index_of, typeid
    from lint import registry

    rule = registry.find(NAME)

    def work(n):
        index = index_of({f"lib/p{i:05}.md": {"id": typeid(i), "slug": "alpha", "relationships": {}} for i in range(n)})
        return lambda: list(rule.check(index, {}))

    found = work(8)()
    assert [p.path for p in found] == [f"lib/p{i:05}.md" for i in range(8)]
    others = ", ".join(f"lib/p{i:05}.md" for i in (0, 1, 2, 3, 5))
    assert found[4].message == f"slug `alpha` is also the slug of {others} and 2 more; give each pattern its own slug"
    assert_linear(work, 4000)
