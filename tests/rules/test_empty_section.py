import pytest

from helpers import VALID, edit, line_of, rows

NAME = "empty-section"
CODE = "PL405"
COGNITIVE = "Agents answer members' questions about the ledger.\n"


@pytest.mark.parametrize("content", ["", "---\n", "<!-- TODO: write this -->\n", "<!-- one -->\n\n---\n\n<!--\ntwo\n-->\n"],
                         ids=["nothing", "rule", "html comment", "comments and rule"])
def test_section_with_no_text_is_reported(check, content):
    text = edit(VALID, COGNITIVE, content)
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 7: Cognitive Era"))]
    finding = next(f for f in findings if f.name == NAME)
    assert finding.column == 1
    assert finding.message == "section `Cognitive Era` has no text; write it or remove the heading"


def test_empty_last_section_is_reported(check):
    text = edit(VALID, "Members ask questions: alive. Nobody reads the ledger: decaying.\n", "")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "### Section 8: Vitality"))]


@pytest.mark.parametrize("content", [
    COGNITIVE,
    "<!-- TODO -->\n\nAgents answer.\n",
    "<div>Agents answer.</div>\n",
    "```\nagent.ask()\n```\n",
], ids=["sentence", "comment and sentence", "html with text", "code block"])
def test_section_with_content_is_fine(check, content):
    assert rows(check(edit(VALID, COGNITIVE, content)), NAME) == []
