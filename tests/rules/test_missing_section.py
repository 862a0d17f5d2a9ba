import re

import pytest

from helpers import VALID, edit, line_of, rows

NAME = "missing-section"
CODE = "PL401"

PROBLEM = ("### Section 2: Problem\n\n> **The core conflict is Information Asymmetry vs. Collective Trust.**\n\n"
           "Those who hold the books hold the power.\n\n")
SOLUTION = ("### Section 3: Solution\n\n> **Therefore, open the books to everyone the books affect.**\n\n"
            "Publish the ledger where every member can read and question it.\n\n")
CONSEQUENCES = "### Section 5: Consequences\n\nTrust rises; so does the cost of explaining every number.\n\n"


def numbered(text):
    """`### Section 3: Solution` -> `### 3. Solution`."""
    return re.sub(r"(?m)^### Section (\d): ", r"### \1. ", text)


def unnumbered(text):
    """`### Section 3: Solution` -> `## Solution`."""
    return re.sub(r"(?m)^### Section \d: ", "## ", text)


def message(findings):
    return next(f for f in findings if f.name == NAME).message


def test_all_eight_sections_present(check):
    assert rows(check(VALID), NAME) == []


def test_removed_section_is_reported_at_the_next_heading_with_the_heading_to_add(check):
    text = edit(VALID, SOLUTION, "")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 4: Implementation"))]
    finding = next(f for f in findings if f.name == NAME)
    assert finding.column == 1
    assert finding.message == ("section `Solution` is missing; add `### Section 3: Solution` before this heading")


def test_numbered_file_is_told_to_add_a_numbered_heading(check):
    text = numbered(edit(VALID, SOLUTION, ""))
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### 4. Implementation"))]
    assert "add `### 3. Solution` before this heading" in message(findings)


def test_unnumbered_file_is_told_to_add_a_plain_heading_at_its_level(check):
    text = unnumbered(edit(VALID, SOLUTION, ""))
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "## Implementation"))]
    assert "add `## Solution` before this heading" in message(findings)


def test_two_missing_sections_are_two_findings(check):
    text = edit(edit(VALID, SOLUTION, ""), CONSEQUENCES, "")
    assert rows(check(text), NAME) == [
        (CODE, NAME, line_of(text, "### Section 4: Implementation")),
        (CODE, NAME, line_of(text, "### Section 6: Known Uses")),
    ]


def test_last_section_missing_is_reported_at_the_last_present_section(check):
    text = VALID.split("### Section 8: Vitality")[0]
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 7: Cognitive Era"))]
    assert message(findings) == ("section `Vitality` is missing; add `### Section 8: Vitality` after the "
                                 "`Cognitive Era` section that starts here")


def test_no_section_at_all_is_one_finding_at_the_start_of_the_body(check):
    text = VALID.split("### Section 1: Context")[0] + "Just some prose.\n\n### Notes\n\nMore prose.\n"
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "> A pattern for establishing"))]
    assert "none of the 8 required sections has a heading" in findings[0].message
    assert "e.g. `### Section 1: Context`" in findings[0].message


@pytest.mark.parametrize("variant", [
    pytest.param(numbered, id="1. Context"),
    pytest.param(unnumbered, id="## Context"),
    pytest.param(lambda t: edit(t, "### Section 2: Problem", "### **2. Problem**"), id="bold **2. Problem**"),
    pytest.param(lambda t: edit(edit(numbered(t), "### 7. Cognitive Era", "### 7. Cognitive Era Considerations"),
                                "### 8. Vitality", "### 8. Vitality: The Quality Without a Name"),
                 id="longer titles"),
    pytest.param(lambda t: edit(t, "### Section 8: Vitality", "### References\n\n- A book.\n\n### Section 8: Vitality"),
                 id="extra References section"),
])
def test_heading_styles_real_files_use_are_recognised(check, variant):
    assert rows(check(variant(VALID))) == []  # not only no missing section: no finding at all


def test_setext_heading_counts_as_level_2(check):
    text = edit(unnumbered(VALID), "## Context", "Context\n-------")
    assert rows(check(text)) == []


def test_setext_heading_among_level_3_sections_still_counts(check):
    # `Context\n-------` is a level-2 heading among level-3 sections: a formatting slip, not a missing section.
    text = edit(VALID, "### Section 1: Context", "Context\n-------")
    assert rows(check(text), NAME) == []


def test_section_with_another_heading_level_still_counts(check):
    text = edit(VALID, "### Section 8: Vitality", "## Section 8: Vitality")
    assert rows(check(text)) == []


def test_contextual_factors_does_not_name_context(check):
    text = edit(VALID, "### Section 1: Context", "### Section 1: Contextual Factors")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 2: Problem"))]
    assert "section `Context` is missing" in message(findings)


@pytest.mark.parametrize("hidden", [
    "```markdown\n### Section 2: Problem\n```",
    "~~~\n### Section 2: Problem\n~~~",
    "    ### Section 2: Problem",
    "<!--\n### Section 2: Problem\n-->",
], ids=["backtick fence", "tilde fence", "indented code", "html comment"])
def test_heading_in_code_or_comment_does_not_hide_a_missing_section(check, hidden):
    text = edit(edit(VALID, PROBLEM, ""), "### Section 3: Solution", hidden + "\n\n### Section 3: Solution")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 3: Solution"))]
    assert "add `### Section 2: Problem` before this heading" in message(findings)
