import pytest

from helpers import VALID, edit, line_of, rows

NAME = "missing-solution-statement"
CODE = "PL408"
STATEMENT = "> **Therefore, open the books to everyone the books affect.**"


def test_solution_section_without_a_statement_is_reported_at_its_heading(check):
    text = edit(VALID, STATEMENT + "\n\n", "")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "### Section 3: Solution"))]
    assert findings[0].column == 1
    assert "the Solution section has no `> **Therefore, ...**` statement" in findings[0].message


@pytest.mark.parametrize("statement", [
    "Therefore, open the books to everyone the books affect.",
    "> Therefore, open the books to everyone the books affect.",
    "~~~\n> **Therefore, open the books to everyone the books affect.**\n~~~",
], ids=["plain paragraph", "blockquote not bold", "in a code block"])
def test_statement_not_in_the_expected_form_is_reported(check, statement):
    text = edit(VALID, STATEMENT, statement)
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "### Section 3: Solution"))]


def test_therefore_in_another_section_does_not_count(check):
    text = edit(edit(VALID, STATEMENT + "\n\n", ""), "Those who hold the books", STATEMENT + "\n\nThose who hold the books")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "### Section 3: Solution"))]


@pytest.mark.parametrize("statement", [
    STATEMENT,
    "**Therefore, open the books to everyone the books affect.**",
    "> **Therefore** open the books to everyone the books affect.",
], ids=["bold blockquote", "bold paragraph", "bold word only, no comma"])
def test_bold_statement_is_accepted(check, statement):
    assert rows(check(edit(VALID, STATEMENT, statement))) == []


def test_missing_solution_section_is_only_missing_section(check):
    text = edit(VALID, "### Section 3: Solution\n\n" + STATEMENT + "\n\n", "")
    assert [f.name for f in check(text)] == ["missing-section"]
