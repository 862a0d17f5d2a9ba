import pytest

from helpers import VALID, edit, line_of, rows

NAME = "primary-tension-mismatch"
CODE = "PL407"
STATEMENT = "> **The core conflict is Information Asymmetry vs. Collective Trust.**"
TENSION = 'primary_tension: "Information Asymmetry vs. Collective Trust"'


def test_different_tension_is_reported_at_the_statement_quoting_both(check):
    text = edit(VALID, STATEMENT, "> **The core conflict is Secrecy vs. Trust.**")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "The core conflict is Secrecy"))]
    assert findings[0].column == 1
    assert findings[0].message == (
        'the Problem statement names the tension "Secrecy vs. Trust", `ontology.search_hints.primary_tension` '
        'is "Information Asymmetry vs. Collective Trust"; make them the same')


def test_one_word_different_is_reported(check):
    text = edit(VALID, STATEMENT, "> **The core conflict is Information Symmetry vs. Collective Trust.**")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "The core conflict is"))]


def test_different_tension_in_a_bold_paragraph_is_reported(check):
    text = edit(VALID, STATEMENT, "Some framing first.\n\n**The core conflict is Secrecy vs. Trust.**")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "**The core conflict is Secrecy"))]


@pytest.mark.parametrize("statement", [
    "> **The core conflict is information asymmetry VS. collective trust.**",
    "> **The core conflict is Information Asymmetry vs Collective Trust.**",
    "> **The core conflict is Information Asymmetry vs. Collective Trust**",
    "> **The core conflict is Information Asymmetry   vs.\n> Collective Trust.**",
    "> **The core conflict is: Information Asymmetry vs. Collective Trust.**",
    "> **The core conflict is “Information Asymmetry vs. Collective Trust”.**",
], ids=["case", "vs without period", "no trailing period", "white space", "colon", "curly quotes around"])
def test_same_tension_written_differently_is_fine(check, statement):
    assert rows(check(edit(VALID, STATEMENT, statement)), NAME) == []


def test_curly_apostrophe_matches_a_straight_one(check):
    text = edit(VALID, STATEMENT, "> **The core conflict is the Owner’s Asymmetry vs. Collective Trust.**")
    assert rows(check(edit(text, TENSION, "primary_tension: \"the Owner's Asymmetry vs. Collective Trust\"")), NAME) == []
    assert rows(check(edit(text, TENSION, "primary_tension: \"the Owners' Asymmetry vs. Collective Trust\"")), NAME) == [
        (CODE, NAME, line_of(text, "The core conflict is"))]


def test_missing_statement_is_not_judged(check):
    findings = check(edit(VALID, STATEMENT + "\n\n", ""))
    assert rows(findings, NAME) == []
    assert [f.name for f in findings] == ["missing-problem-statement"]
