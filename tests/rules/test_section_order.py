import re

from helpers import VALID, edit, line_of, rows

NAME = "section-order"
CODE = "PL402"

PROBLEM = ("### Section 2: Problem\n\n> **The core conflict is Information Asymmetry vs. Collective Trust.**\n\n"
           "Those who hold the books hold the power.\n\n")
SOLUTION = ("### Section 3: Solution\n\n> **Therefore, open the books to everyone the books affect.**\n\n"
            "Publish the ledger where every member can read and question it.\n\n")
CONTEXT = "### Section 1: Context\n\nA cooperative grows past the size where everyone sees every transaction.\n\n"

SWAPPED = edit(edit(VALID, PROBLEM, ""), SOLUTION, SOLUTION + PROBLEM)


def test_section_after_one_it_should_precede_is_reported(check):
    findings = check(SWAPPED)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(SWAPPED, "### Section 2: Problem"))]
    finding = next(f for f in findings if f.name == NAME)
    assert finding.column == 1
    # The sections kept are the longest run in order (Context, Solution, Implementation, ...);
    # Problem is the one out of place, and belongs after Context.
    assert finding.message.startswith(f"section `Problem` is out of order: move it after `Context` "
                                      f"(line {line_of(SWAPPED, '### Section 1: Context')})")


def test_unnumbered_headings_are_ordered_by_name(check):
    text = re.sub(r"(?m)^### Section \d: ", "### ", SWAPPED)
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "### Problem"))]


def test_first_section_moved_to_the_end_is_reported_once(check):
    text = edit(VALID, CONTEXT, "") + "\n" + CONTEXT
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "### Section 1: Context"))]


def test_sections_in_order_are_fine(check):
    assert rows(check(VALID), NAME) == []


def test_extra_section_between_required_ones_is_fine(check):
    text = edit(VALID, "### Section 8: Vitality", "### References\n\n- A book.\n\n### Section 8: Vitality")
    assert rows(check(text), NAME) == []


def test_missing_section_is_not_an_order_problem(check):
    assert rows(check(edit(VALID, SOLUTION, "")), NAME) == []


def test_heading_in_a_code_block_is_not_out_of_order(check):
    text = edit(VALID, "Start with a monthly summary", "```markdown\n### Section 1: Context\n```\n\nStart with a monthly summary")
    assert rows(check(text), NAME) == []


def test_last_section_moved_to_the_front_is_reported_once(check):
    vitality = VALID[VALID.index("### Section 8: Vitality"):]
    text = edit(VALID, vitality, "").replace("### Section 1: Context", vitality + "\n### Section 1: Context")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 8: Vitality"))]
    assert "move it after `Cognitive Era`" in findings[0].message
