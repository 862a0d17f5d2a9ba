import pytest

from helpers import VALID, edit, line_of, rows

NAME = "cited-score-mismatch"
CODE = "PL505"
CONSEQUENCES = "Trust rises; so does the cost of explaining every number."
# VALID: stakeholder_architecture 5, value_creation 4, resilience 5, ownership 5, autonomy 4,
# composability 3, fractal_value 5, vitality 4.5, overall_score 4.4.


def cite(sentence):
    return edit(VALID, CONSEQUENCES, CONSEQUENCES + "\n\n" + sentence)


def test_cited_score_differing_from_the_frontmatter_is_reported_at_the_citation(check):
    text = cite("Resilience is the major vulnerability here (scored 3.0).")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "(scored 3.0)"))]
    assert findings[0].column == 1
    assert findings[0].message == ("the body cites Resilience as 3.0, the frontmatter score `resilience` is 5; "
                                   "update the text")


def test_citation_in_mid_line_is_reported_at_its_column(check):
    text = cite("Members agree. Resilience is the major vulnerability here (scored 3.0).")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "(scored 3.0)"))]
    assert findings[0].column == len("Members agree. ") + 1


@pytest.mark.parametrize("sentence, column, cited, key, actual", [
    ("Resilience: 3/5", 1, "Resilience as 3", "resilience", 5),
    ("- **Resilience:** 3/5", 5, "Resilience as 3", "resilience", 5),
    ("Resilience = 3 / 5", 1, "Resilience as 3", "resilience", 5),
    ("Composability is weak (score: 4).", 1, "Composability as 4", "composability", 3),
    ("Fractal value is high (rated 4/5).", 1, "Fractal value as 4", "fractal_value", 5),
    ("Stakeholder Architecture score: 3/5", 1, "Stakeholder Architecture as 3", "stakeholder_architecture", 5),
    ("Vitality (scored 4.0) is high.", 1, "Vitality as 4.0", "vitality", 4.5),
    ("Overall score: 3/5", 1, "Overall score as 3", "overall_score", 4.4),
    ("> Resilience: 3/5", 3, "Resilience as 3", "resilience", 5),
], ids=["out of five", "bold list item", "spaced", "score:", "rated", "two words", "vitality", "overall", "quote"])
def test_citation_forms(check, sentence, column, cited, key, actual):
    text = cite(sentence)
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, sentence))]
    assert findings[0].column == column
    assert f"the body cites {cited}, the frontmatter score `{key}` is {actual}" in findings[0].message


def test_two_citations_on_a_line_are_two_findings(check):
    text = cite("Resilience: 3/5 and Autonomy: 2/5.")
    line = line_of(text, "Resilience: 3/5")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line), (CODE, NAME, line)]
    assert [f.column for f in findings] == [1, len("Resilience: 3/5 and ") + 1]


@pytest.mark.parametrize("sentence", [
    "Resilience is the major vulnerability here (scored 5).",
    "Resilience is strong (scored 5.0).",
    "Resilience: 5/5",
    "Vitality (scored 4.5) is high.",
    "Overall (scored 4.4), and overall score: 4.4/5.",
    "Resilience is strong; it took 3 years to get there.",
], ids=["scored 5", "scored 5.0", "5/5", "vitality 4.5", "overall 4.4", "number that is not a score"])
def test_citation_agreeing_with_the_frontmatter_is_fine(check, sentence):
    assert rows(check(cite(sentence))) == []


@pytest.mark.parametrize("sentence", ["```\nResilience: 3/5\n```", "    Resilience: 3/5", "<!-- Resilience: 3/5 -->"],
                         ids=["fence", "indented code", "html comment"])
def test_citation_in_code_or_a_comment_is_fine(check, sentence):
    assert rows(check(cite(sentence))) == []


def test_out_of_range_score_is_only_score_out_of_range(check):
    text = edit(cite("Resilience: 3/5"), "resilience: 5", "resilience: 7")
    assert rows(check(text)) == [("PL206", "score-out-of-range", line_of(text, "resilience: 7"))]


def test_score_in_parentheses_belongs_to_the_nearest_dimension(check):
    # autonomy is 4: the sentence cites autonomy correctly and says nothing about resilience's score.
    assert rows(check(cite("Resilience is strong; autonomy (scored 4) lags.")), NAME) == []


def test_citation_on_the_second_line_of_a_paragraph_is_reported_at_that_line(check):
    text = cite("Members ask hard questions.\nResilience is the major vulnerability here (scored 3.0).")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "(scored 3.0)"))]
    assert findings[0].column == 1


def test_citation_wrapped_over_two_lines_is_reported(check):
    # The same sentence as above, hard-wrapped the way many pattern files are.
    text = cite("Resilience is the major vulnerability\nhere (scored 3.0).")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "Resilience is the major"))]


def test_citation_in_inline_code_is_not_a_citation(check):
    text = edit(VALID, "Trust rises;", "Write `Resilience: 3/5` in the card. Trust rises;")
    assert rows(check(text), NAME) == []


def test_score_table_row_is_checked(check):
    text = edit(VALID, "Trust rises;", "| Dimension | Score |\n|---|---|\n| Resilience | 3/5 |\n\nTrust rises;")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "| Resilience | 3/5 |"))]
