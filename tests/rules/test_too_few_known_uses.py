import pytest

from helpers import VALID, edit, line_of, rows

NAME = "too-few-known-uses"
CODE = "PL409"
USES = "- **Employee-owned firms:** open-book management.\n- **Participatory cities:** public budgets.\n"


@pytest.mark.parametrize("uses", [
    "**Employee-owned firms:** open-book management.\n",
    "- **Employee-owned firms:** open-book management.\n",
    "Employee-owned firms use open-book management.\n",
    "- **Employee-owned firms:** open-book management.\n  - in the UK\n  - in the US\n",
], ids=["one bold paragraph", "one list item", "one plain paragraph", "one item with nested items"])
def test_one_example_is_reported(check, uses):
    text = edit(VALID, USES, uses)
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "### Section 6: Known Uses"))]
    assert findings[0].column == 1
    assert findings[0].message.startswith("Known Uses gives 1 example; the spec asks for at least 2")


def test_bold_example_plus_an_introduction_paragraph_is_one_example(check):
    text = edit(VALID, USES, "Several organisations use it.\n\n**Employee-owned firms:** open-book management.\n")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "### Section 6: Known Uses"))]


@pytest.mark.parametrize("uses", [
    USES,
    "1. Employee-owned firms.\n2. Participatory cities.\n",
    "**Employee-owned firms:** open-book management.\n\n**Participatory cities:** public budgets.\n",
    "Employee-owned firms use open-book management.\n\nParticipatory cities publish budgets.\n\nCo-ops share ledgers.\n",
    "#### Employee-owned firms\n\nOpen-book management.\n\n#### Participatory cities\n\nPublic budgets.\n",
], ids=["two list items", "two ordered items", "two bold paragraphs", "three plain paragraphs", "two sub-headings"])
def test_two_or_more_examples_are_fine(check, uses):
    assert rows(check(edit(VALID, USES, uses)), NAME) == []


def test_empty_known_uses_is_only_empty_section(check):
    text = edit(VALID, "- **Employee-owned firms:** open-book management.\n- **Participatory cities:** public budgets.\n", "")
    assert rows(check(text)) == [("PL405", "empty-section", line_of(text, "### Section 6: Known Uses"))]
