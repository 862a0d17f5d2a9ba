import pytest

from helpers import VALID, edit, line_of, rows

NAME = "missing-problem-statement"
CODE = "PL406"
STATEMENT = "> **The core conflict is Information Asymmetry vs. Collective Trust.**"


def test_problem_section_without_a_statement_is_reported_at_its_heading(check):
    text = edit(VALID, STATEMENT + "\n\n", "")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "### Section 2: Problem"))]
    assert findings[0].column == 1
    assert "the Problem section has no `> **The core conflict is ...**` statement" in findings[0].message


@pytest.mark.parametrize("statement", [
    "> The core conflict is Information Asymmetry vs. Collective Trust.",
    "```\n> **The core conflict is Information Asymmetry vs. Collective Trust.**\n```",
    "> **The problem is Information Asymmetry vs. Collective Trust.**",
], ids=["not bold", "in a code block", "other wording"])
def test_statement_not_in_the_expected_form_is_reported(check, statement):
    text = edit(VALID, STATEMENT, statement)
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "### Section 2: Problem"))]


def test_statement_in_another_section_does_not_count(check):
    text = edit(edit(VALID, STATEMENT + "\n\n", ""), "A cooperative grows", STATEMENT + "\n\nA cooperative grows")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "### Section 2: Problem"))]


@pytest.mark.parametrize("statement", [
    STATEMENT,
    "**The core conflict is Information Asymmetry vs. Collective Trust.**",
    "__The core conflict is Information Asymmetry vs. Collective Trust.__",
    "> **The core conflict is** Information Asymmetry vs. Collective Trust.",
], ids=["bold blockquote", "bold paragraph", "underscore bold paragraph", "bold prefix only"])
def test_bold_statement_is_accepted(check, statement):
    assert rows(check(edit(VALID, STATEMENT, statement))) == []


def test_statement_after_other_text_in_the_section_is_accepted(check):
    text = edit(edit(VALID, STATEMENT + "\n\n", ""), "Those who hold the books hold the power.",
                "Those who hold the books hold the power.\n\n" + STATEMENT)
    assert rows(check(text), NAME) == []


def test_missing_problem_section_is_only_missing_section(check):
    text = edit(VALID, "### Section 2: Problem\n\n" + STATEMENT + "\n\nThose who hold the books hold the power.\n\n", "")
    assert [f.name for f in check(text)] == ["missing-section"]


def test_empty_problem_section_is_only_empty_section(check):
    text = edit(VALID, "> **The core conflict is Information Asymmetry vs. Collective Trust.**\n\n"
                       "Those who hold the books hold the power.\n", "")
    assert rows(check(text)) == [("PL405", "empty-section", line_of(text, "### Section 2: Problem"))]
