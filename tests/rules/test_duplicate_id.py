import os

from helpers import line_of, pattern, rows, STANDALONE

NAME = "duplicate-id"
CODE = "PL604"
ALPHA, BETA, GAMMA = "pat_01khvcxczrfztsmcf9fgrgy593", "pat_01khvcxd2eemjtdcran0mzqtv1", "pat_01khvcxc4ke2d8723e4k6vjdhp"


def found(findings, root):
    return [(os.path.relpath(f.path, root), f.code, f.name, f.line) for f in findings if f.name == NAME]


def message(findings, root, name):
    return next(f.message for f in findings if f.name == NAME and f.path == os.path.join(root, name))


ID_LINE = line_of(STANDALONE, "id: pat_")


def test_two_patterns_sharing_an_id_are_each_reported_naming_the_other(library, tmp_path):
    files = {"alpha.md": pattern("alpha", ALPHA), "beta.md": pattern("beta", ALPHA), "gamma.md": pattern("gamma", GAMMA)}
    findings = library(files)
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, ID_LINE), ("beta.md", CODE, NAME, ID_LINE)]
    assert all(f.column == len("id: ") + 1 and f.severity == "error" for f in findings if f.name == NAME)
    assert message(findings, tmp_path, "alpha.md") == (f"id `{ALPHA}` is also the id of {tmp_path / 'beta.md'}; "
                                                       "give each pattern its own TypeID")
    assert f"is also the id of {tmp_path / 'alpha.md'};" in message(findings, tmp_path, "beta.md")


def test_patterns_with_their_own_ids_are_fine(library):
    files = {"alpha.md": pattern("alpha", ALPHA), "beta.md": pattern("beta", BETA), "gamma.md": pattern("gamma", GAMMA)}
    assert library(files) == []


def test_duplicate_in_a_nested_folder_is_found(library, tmp_path):
    files = {"alpha.md": pattern("alpha", ALPHA), "sub/beta.md": pattern("beta", ALPHA)}
    assert found(library(files, select=[NAME]), tmp_path) == [
        ("alpha.md", CODE, NAME, ID_LINE), (os.path.join("sub", "beta.md"), CODE, NAME, ID_LINE)]


def test_run_on_one_of_them_reports_only_that_one(library, tmp_path):
    files = {"alpha.md": pattern("alpha", ALPHA), "beta.md": pattern("beta", ALPHA)}
    findings = library(files, "beta.md", select=[NAME])
    assert found(findings, tmp_path) == [("beta.md", CODE, NAME, ID_LINE)]
    assert f"is also the id of {tmp_path / 'alpha.md'};" in findings[0].message


def test_run_on_a_third_file_reports_neither(library):
    files = {"alpha.md": pattern("alpha", ALPHA), "beta.md": pattern("beta", ALPHA), "gamma.md": pattern("gamma", GAMMA)}
    assert rows(library(files, "gamma.md", select=[NAME])) == []


def test_three_placeholders_give_three_findings(library, tmp_path):
    files = {f"{slug}.md": pattern(slug, "pat_placeholder") for slug in ("alpha", "beta", "gamma")}
    findings = library(files)
    assert found(findings, tmp_path) == [(name, CODE, NAME, ID_LINE) for name in ("alpha.md", "beta.md", "gamma.md")]
    assert f"also the id of {tmp_path / 'alpha.md'}, {tmp_path / 'gamma.md'};" in message(findings, tmp_path, "beta.md")
    assert f"also the id of {tmp_path / 'beta.md'}, {tmp_path / 'gamma.md'};" in message(findings, tmp_path, "alpha.md")


def test_thousands_sharing_an_id_each_name_five_others_in_linear_time():
    """Each of 16,000 files naming the 15,999 others made 16,000 messages of 400 KB each."""
    from helpers import assert_linear, index_of
    from lint import registry

    rule = registry.find(NAME)

    def work(n):
        index = index_of({f"lib/p{i:05}.md": {"id": ALPHA, "slug": f"p{i}", "relationships": {}} for i in range(n)})
        return lambda: list(rule.check(index, {}))

    found = work(8)()
    assert [p.path for p in found] == [f"lib/p{i:05}.md" for i in range(8)]
    others = ", ".join(f"lib/p{i:05}.md" for i in range(1, 6))
    assert found[0].message == f"id `{ALPHA}` is also the id of {others} and 2 more; give each pattern its own TypeID"
    assert found[7].message.startswith(f"id `{ALPHA}` is also the id of lib/p00000.md, lib/p00001.md, ")
    assert_linear(work, 4000)
