import os

from helpers import line_of, pattern, rows

NAME = "generalization-cycle"
CODE = "PL610"
ALPHA, BETA, GAMMA, DELTA = ("pat_01khvcxczrfztsmcf9fgrgy593", "pat_01khvcxd2eemjtdcran0mzqtv1",
                             "pat_01khvcxc4ke2d8723e4k6vjdhp", "pat_01khvcxcv2fzv8p69mg7t1hrwe")


def found(findings, root):
    return [(os.path.relpath(f.path, root), f.code, f.name, f.line) for f in findings if f.name == NAME]


def loop_message(loop):
    return (f"generalization cycle: {loop} (along generalizes_from / specializes_to); a hierarchy cannot loop: "
            "remove the link that is wrong")


def test_two_patterns_specializing_each_other_are_one_loop(library, tmp_path):
    alpha = pattern("alpha", ALPHA, "  specializes_to: [beta]\n")
    files = {"alpha.md": alpha, "beta.md": pattern("beta", BETA, "  specializes_to: [alpha]\n")}
    findings = library(files, select=[NAME])
    line = line_of(alpha, "specializes_to: [beta]")
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line)]
    (finding,) = findings
    assert finding.severity == "error"
    assert finding.column == alpha.split("\n")[line - 1].index("beta") + 1
    assert finding.message == loop_message("alpha → beta → alpha")


def test_three_pattern_loop_is_one_finding_listing_it(library, tmp_path):
    alpha = pattern("alpha", ALPHA, "  specializes_to: [beta]\n")
    files = {"alpha.md": alpha, "beta.md": pattern("beta", BETA, "  specializes_to: [gamma]\n"),
             "gamma.md": pattern("gamma", GAMMA, f"  specializes_to: [{ALPHA}]\n"), "delta.md": pattern("delta", DELTA)}
    findings = library(files, select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(alpha, "specializes_to: [beta]"))]
    assert findings[0].message == loop_message("alpha → beta → gamma → alpha")


def test_loop_is_reported_on_the_first_file_by_path(library, tmp_path):
    # the loop is written starting from gamma, but alpha.md comes first
    alpha = pattern("alpha", ALPHA, "  specializes_to: [gamma]\n")
    files = {"gamma.md": pattern("gamma", GAMMA, "  specializes_to: [beta]\n"),
             "beta.md": pattern("beta", BETA, "  specializes_to: [alpha]\n"), "alpha.md": alpha}
    findings = library(files, select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(alpha, "specializes_to: [gamma]"))]
    assert findings[0].message == loop_message("alpha → gamma → beta → alpha")


def test_loop_mixing_both_lists_is_found(library, tmp_path):
    # alpha generalizes from gamma: gamma is below alpha, as alpha specializing to gamma would say
    alpha = pattern("alpha", ALPHA, "  specializes_to: [beta]\n  generalizes_from: [gamma]\n")
    files = {"alpha.md": alpha, "beta.md": pattern("beta", BETA, "  specializes_to: [gamma]\n"),
             "gamma.md": pattern("gamma", GAMMA)}
    findings = library(files, select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(alpha, "specializes_to: [beta]"))]
    assert findings[0].message == loop_message("alpha → beta → gamma → alpha")


def test_same_links_without_the_closing_one_are_fine(library):
    files = {"alpha.md": pattern("alpha", ALPHA, "  specializes_to: [beta]\n  generalizes_from: [delta]\n"),
             "beta.md": pattern("beta", BETA, "  specializes_to: [gamma]\n"), "gamma.md": pattern("gamma", GAMMA),
             "delta.md": pattern("delta", DELTA)}
    assert rows(library(files, select=[NAME])) == []


def test_run_on_one_file_of_the_loop_reports_it_there(library, tmp_path):
    gamma = pattern("gamma", GAMMA, "  specializes_to: [alpha]\n")
    files = {"alpha.md": pattern("alpha", ALPHA, "  specializes_to: [beta]\n"),
             "beta.md": pattern("beta", BETA, "  specializes_to: [gamma]\n"), "gamma.md": gamma}
    findings = library(files, "gamma.md", select=[NAME])
    assert found(findings, tmp_path) == [("gamma.md", CODE, NAME, line_of(gamma, "specializes_to: [alpha]"))]
    assert findings[0].message == loop_message("gamma → alpha → beta → gamma")


def test_run_on_a_file_outside_the_loop_reports_nothing(library):
    files = {"alpha.md": pattern("alpha", ALPHA, "  specializes_to: [beta]\n"),
             "beta.md": pattern("beta", BETA, "  specializes_to: [alpha]\n"), "delta.md": pattern("delta", DELTA)}
    assert rows(library(files, "delta.md", select=[NAME])) == []


def test_chain_without_a_loop_is_fine(library):
    files = {"alpha.md": pattern("alpha", ALPHA, "  specializes_to: [beta]\n"),
             "beta.md": pattern("beta", BETA, "  specializes_to: [gamma]\n"),
             "gamma.md": pattern("gamma", GAMMA, "  enables: [alpha]\n")}
    assert rows(library(files, select=[NAME])) == []


def test_link_recorded_in_both_directions_is_not_a_loop(library):
    files = {"alpha.md": pattern("alpha", ALPHA, "  specializes_to: [beta]\n"),
             "beta.md": pattern("beta", BETA, "  generalizes_from: [alpha]\n")}
    assert rows(library(files, select=[NAME])) == []


def test_pattern_specializing_itself_is_left_to_self_link(library):
    findings = library({"alpha.md": pattern("alpha", ALPHA, "  specializes_to: [alpha]\n")}, select=["graph"])
    assert rows(findings, NAME) == []
    assert [f.name for f in findings] == ["self-link"]


def test_loop_written_only_with_generalizes_from_is_reported_at_the_first_files_entry(library, tmp_path):
    alpha = pattern("alpha", ALPHA, "  generalizes_from: [beta]\n")
    files = {"alpha.md": alpha, "beta.md": pattern("beta", BETA, "  generalizes_from: [gamma]\n"),
             "gamma.md": pattern("gamma", GAMMA, "  generalizes_from: [alpha]\n")}
    findings = library(files, select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(alpha, "generalizes_from: [beta]"))]
