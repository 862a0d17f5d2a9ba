from helpers import VALID, edit, line_of, rows

NAME = "unclosed-frontmatter"
CLOSE = 'cloudsters.net"\n---\n'


def test_frontmatter_without_closing_line_is_reported_at_line_1(check):
    text = edit(edit(VALID, CLOSE, 'cloudsters.net"\n'), "\n---\n\n### Section 1", "\n\n### Section 1")
    findings = check(text)
    assert rows(findings, NAME) == [("PL101", NAME, 1)]


def test_missing_closing_line_with_a_rule_in_the_body_says_so(check):
    # The body's `---` rule now closes the frontmatter, and its Markdown fails as YAML.
    text = edit(VALID, CLOSE, 'cloudsters.net"\n')
    findings = check(text)
    assert rows(findings) == [("PL103", "yaml-syntax", line_of(text, "> A pattern for establishing"))]
    assert "is the closing `---` missing?" in findings[0].message


def test_closing_line_with_trailing_spaces_closes(check):
    assert rows(check(edit(VALID, CLOSE, 'cloudsters.net"\n---  \n')), NAME) == []


def test_closed_frontmatter_is_fine(check):
    assert rows(check(VALID), NAME) == []


def test_markdown_opening_with_a_horizontal_rule_is_not_frontmatter(check):
    assert check("---\nA note that opens with a rule, not with YAML.\n", name="notes.md") == []
