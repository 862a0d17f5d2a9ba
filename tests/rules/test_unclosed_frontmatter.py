from helpers import VALID, edit, rows

NAME = "unclosed-frontmatter"
CLOSE = 'cloudsters.net"\n---\n'


def test_frontmatter_without_closing_line_is_reported_at_line_1(check):
    findings = check(edit(VALID, CLOSE, 'cloudsters.net"\n'))
    assert rows(findings, NAME) == [("PL101", NAME, 1)]


def test_closing_line_with_trailing_spaces_closes(check):
    assert rows(check(edit(VALID, CLOSE, 'cloudsters.net"\n---  \n')), NAME) == []


def test_closed_frontmatter_is_fine(check):
    assert rows(check(VALID), NAME) == []


def test_markdown_opening_with_a_horizontal_rule_is_not_frontmatter(check):
    assert check("---\nA note that opens with a rule, not with YAML.\n", name="notes.md") == []
