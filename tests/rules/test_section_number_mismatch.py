import re

from helpers import VALID, edit, line_of, rows

NAME = "section-number-mismatch"
CODE = "PL404"

PROBLEM = ("### Section 2: Problem\n\n> **The core conflict is Information Asymmetry vs. Collective Trust.**\n\n"
           "Those who hold the books hold the power.\n\n")
SOLUTION = ("### Section 3: Solution\n\n> **Therefore, open the books to everyone the books affect.**\n\n"
            "Publish the ledger where every member can read and question it.\n\n")


def test_wrong_number_is_reported_with_the_right_one(check):
    text = edit(VALID, "### Section 6: Known Uses", "### Section 5: Known Uses")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "### Section 5: Known Uses"))]
    assert findings[0].column == 1
    assert findings[0].message == "heading numbers `Known Uses` as 5; it is section 6 of 8: renumber it 6"


def test_wrong_number_in_a_numbered_heading_is_reported(check):
    text = edit(re.sub(r"(?m)^### Section (\d): ", r"### \1. ", VALID), "### 6. Known Uses", "### 5. Known Uses")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "### 5. Known Uses"))]


def test_wrong_number_in_a_bold_heading_is_reported(check):
    text = edit(VALID, "### Section 2: Problem", "### **3. Problem**")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "### **3. Problem**"))]


def test_right_numbers_are_fine(check):
    assert rows(check(VALID), NAME) == []
    assert rows(check(edit(VALID, "### Section 2: Problem", "### **2. Problem**")), NAME) == []


def test_unnumbered_headings_are_fine(check):
    assert rows(check(re.sub(r"(?m)^### Section \d: ", "### ", VALID)), NAME) == []


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
