import os

from helpers import STANDALONE, edit, line_of, pattern, rows

NAME = "orphan-pattern"
CODE = "PL611"
ALPHA, BETA, GAMMA = "pat_01khvcxczrfztsmcf9fgrgy593", "pat_01khvcxd2eemjtdcran0mzqtv1", "pat_01khvcxc4ke2d8723e4k6vjdhp"


def found(findings, root):
    return [(os.path.relpath(f.path, root), f.code, f.name, f.line) for f in findings if f.name == NAME]


SLUG_LINE = line_of(STANDALONE, "slug: ")
ORPHANED = {"alpha.md": pattern("alpha", ALPHA, "  enables: [beta]\n"), "beta.md": pattern("beta", BETA),
            "gamma.md": pattern("gamma", GAMMA)}


def test_off_by_default(library):
    assert library(ORPHANED) == []


def test_pattern_with_no_links_in_or_out_is_reported_when_selected(library, tmp_path):
    findings = library(ORPHANED, extend_select=[NAME])
    assert found(findings, tmp_path) == [("gamma.md", CODE, NAME, SLUG_LINE)]
    (finding,) = findings
    assert finding.severity == "info" and finding.column == len("slug: ") + 1
    assert finding.message == ("no pattern links here and this pattern links nowhere; relate it to the patterns it "
                               "belongs with")


def test_pattern_with_an_incoming_link_only_is_fine(library):
    files = dict(ORPHANED, **{"alpha.md": pattern("alpha", ALPHA, "  enables: [beta, gamma]\n")})
    assert rows(library(files, extend_select=[NAME]), NAME) == []


def test_pattern_with_an_outgoing_link_only_is_fine(library):
    files = dict(ORPHANED, **{"gamma.md": pattern("gamma", GAMMA, "  complementary: [beta]\n")})
    assert rows(library(files, extend_select=[NAME]), NAME) == []


def test_incoming_inferred_link_counts(library):
    alpha = edit(ORPHANED["alpha.md"], "  inferred_links: []\n", "  inferred_links:\n    - target: gamma\n"
                 "      type: complementary\n      confidence: 0.8\n      reason: \"Both open the books.\"\n")
    assert rows(library(dict(ORPHANED, **{"alpha.md": alpha}), extend_select=[NAME]), NAME) == []


def test_outgoing_body_link_counts(library):
    gamma = pattern("gamma", GAMMA, body="\nSee [Alpha](../alpha/) for the other side.\n")
    assert rows(library(dict(ORPHANED, **{"gamma.md": gamma}), extend_select=[NAME]), NAME) == []


def test_run_on_one_file_sees_links_from_files_not_passed(library, tmp_path):
    assert rows(library(ORPHANED, "beta.md", extend_select=[NAME]), NAME) == []
    assert found(library(ORPHANED, "gamma.md", extend_select=[NAME]), tmp_path) == [("gamma.md", CODE, NAME, SLUG_LINE)]
