"""section-number-mismatch: cases about two rules; the simple cases are data in tests/cases/body.yaml."""

from helpers import VALID, edit, line_of, rows

NAME = "section-number-mismatch"
CODE = "PL404"

PROBLEM = ("### Section 2: Problem\n\n> **The core conflict is Information Asymmetry vs. Collective Trust.**\n\n"
           "Those who hold the books hold the power.\n\n")
SOLUTION = ("### Section 3: Solution\n\n> **Therefore, open the books to everyone the books affect.**\n\n"
            "Publish the ledger where every member can read and question it.\n\n")


def test_misordered_section_is_reported_by_section_order_only(check):
    # Problem moved after Solution and the headings renumbered by position: 1 Context, 2 Solution, 3 Problem.
    text = edit(edit(VALID, PROBLEM, ""), SOLUTION, SOLUTION + PROBLEM)
    text = edit(edit(text, "### Section 3: Solution", "### Section 2: Solution"), "### Section 2: Problem",
                "### Section 3: Problem")
    findings = check(text)
    assert rows(findings, "section-order") == [("PL402", "section-order", line_of(text, "### Section 3: Problem"))]
    # The numbers 1, 2, 3 count the file's own headings: they follow from the order, and section-order's fix
    # (move Problem back; its "How to fix" says to check the numbers then) is the one fix for both.
    assert rows(findings, NAME) == []


def test_second_copy_of_a_section_is_not_renumbered(check):
    text = edit(VALID, "### Section 6: Known Uses", "### Section 6: Consequences\n\nMore.\n\n### Section 6: Known Uses")
    findings = check(text)
    assert rows(findings, NAME) == []
    assert rows(findings, "duplicate-section") == [("PL403", "duplicate-section", line_of(text, "### Section 6: Consequences"))]
