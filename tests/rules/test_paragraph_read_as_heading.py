import json

import pytest

from helpers import SHARED, STANDALONE, VALID, cli, edit, line_of, rows

NAME = "paragraph-read-as-heading"
CODE = "PL701"
CONTEXT = "A cooperative grows past the size where everyone sees every transaction.\n"
# The way the commons.engineering business-model files end every section (copied from a real
# file of that library, its sentences shortened): the last paragraph, then `---` with no blank line.
GLUED = CONTEXT + "\nHistorically, luxury was the exclusive domain of aristocracy and inherited wealth.\n---\n"


def test_rule_directly_under_a_paragraph_is_reported_at_the_rule(check):
    text = edit(VALID, CONTEXT, GLUED)
    findings = check(text)
    line = line_of(text, "Historically, luxury") + 1
    assert rows(findings) == [(CODE, NAME, line)]
    assert findings[0].column == 1
    assert findings[0].message == (
        "this `---` directly under a paragraph makes the paragraph a heading (CommonMark reads it as a setext "
        "underline), so the page shows \"Historically, luxury was the exclusive domain …\" as a large heading; put a blank "
        "line before `---` to make it a horizontal rule, or remove it")
    assert findings[0].fixable and findings[0].fix.safe


def test_one_line_sentence_and_bold_label_are_reported(check):
    text = edit(VALID, CONTEXT, "Members see the books.\n---\n\n**Signs of decay:**\n---\n")
    assert rows(check(text)) == [(CODE, NAME, line_of(text, "Members see") + 1),
                                 (CODE, NAME, line_of(text, "**Signs of decay:**") + 1)]


def test_long_line_without_closing_punctuation_is_reported(check):
    # Context's only paragraph: read as meant, it is not also an empty section (one cause, one finding).
    text = edit(VALID, CONTEXT, "Members of the cooperative see every transaction of the ledger as it happens\n---\n")
    assert rows(check(text)) == [(CODE, NAME, line_of(text, "Members of the") + 1)]


@pytest.mark.parametrize("written", [
    CONTEXT + "\n---\n",  # a blank line: a horizontal rule
    CONTEXT + "\nOverview\n--------\n",  # a setext heading written on purpose: a short title
    CONTEXT + "\nMembers see the books\n===\n",  # `=`: a level-1 heading, never a rule
    CONTEXT + "\n```\nMembers see the books.\n---\n```\n",  # in a fenced code block
    CONTEXT + "\n    Members see the books.\n    ---\n",  # in an indented code block
    CONTEXT + "\n> Members see the books.\n---\n",  # after a blockquote: a rule ends it
    CONTEXT + "\n- Members see the books.\n---\n",  # after a list item: a rule ends it
    CONTEXT + "\n<!--\nMembers see the books.\n---\n-->\n",  # in an HTML comment
    CONTEXT + "--\n",  # `--` is a setext underline, but nobody writes it as a rule
], ids=["blank line", "short title", "equals", "fence", "indented", "blockquote", "list", "comment", "two dashes"])
def test_what_is_not_a_paragraph_read_as_heading(check, written):
    assert rows(check(edit(VALID, CONTEXT, written)), NAME) == []


def test_known_uses_examples_over_a_rule_still_count(check):
    # Known Uses as the business-model files write it: bold-led paragraphs, the last one on the `---`.
    uses = ("- **Employee-owned firms:** open-book management.\n"
            "- **Participatory cities:** public budgets.\n")
    text = edit(VALID, uses, "**Employee-owned firms** practise open-book management.\n\n"
                             "**Participatory cities** publish their budgets.\n---\n")
    assert rows(check(text)) == [(CODE, NAME, line_of(text, "**Participatory cities**") + 1)]


def test_frontmatter_close_and_the_rule_after_the_callout_are_fine(check):
    assert rows(check(VALID), NAME) == []


def test_format_unknown_still_checked(check):
    # A Markdown matter: the page renders the same whatever the frontmatter's format.
    text = "---\nid: pat_01khm0pp0qw6rb1r861rg6dfh1\nslug: x\ntitle: T\n---\n\nA paragraph of the body.\n---\n"
    assert rows(check(text, name="x.md")) == [("PL201", "unknown-format", 2), (CODE, NAME, 8)]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_fix_inserts_one_blank_line_and_nothing_else(tmp_path, newline):
    text = edit(edit(STANDALONE, CONTEXT, GLUED), "Members ask questions: alive. Nobody reads the ledger: decaying.\n",
                "Members ask questions: alive. Nobody reads the ledger: decaying.\n---\n")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    assert cli("--fix", "--select", NAME, str(path))[0] == 0
    fixed = (edit(edit(STANDALONE, CONTEXT, GLUED.replace("wealth.\n---", "wealth.\n\n---")),
                  "decaying.\n", "decaying.\n\n---\n"))
    assert path.read_bytes() == fixed.replace("\n", newline).encode("utf-8")
    code, out = cli("--format", "json", str(path))
    assert [f["name"] for f in json.loads(out)["findings"] if f["name"] == NAME] == []
    assert cli("--fix", str(path))[0] == 0 and path.read_bytes() == fixed.replace("\n", newline).encode("utf-8")


@pytest.mark.skipif(not (SHARED / "corpus-dev").is_dir(), reason="needs ../shared")
def test_real_business_model_files_end_their_sections_so(check):
    # corpus-dev's commons.engineering business-model files: each section's last paragraph sits on a `---`,
    # seven times in two files: one habit, one finding per file (issue 19: at most three per root cause)
    # naming the other six lines.
    import re

    found = {}
    for path in sorted((SHARED / "corpus-dev" / "commons-engineering").glob("*.md")):
        for f in check(path.read_bytes(), name=path.name, select=[NAME]):
            found.setdefault(path.name, []).append(f)
    assert {name: len(findings) for name, findings in found.items()} == {"high-end-premium-branding.md": 1,
                                                                       "tiered-access-model.md": 1}
    for name, (finding,) in found.items():
        text = (SHARED / "corpus-dev" / "commons-engineering" / name).read_text(encoding="utf-8").split("\n")
        assert finding.message.startswith("7 `---` lines directly under a paragraph")
        others = [int(n) for n in re.findall(r"\d+", finding.message.split("lines ", 1)[1].split(")")[0])]
        for line in [finding.line, *others]:
            assert text[line - 1] == "---" and text[line - 2].strip() and text[line - 3] == ""
        assert len(finding.fix.edits) == 7


@pytest.mark.parametrize("count", [3, 4])
def test_more_than_three_in_a_file_are_one_finding_with_one_fix(check, tmp_path, count):
    paragraphs = "".join(f"\n\nParagraph number {n} of the context, which ends with a full stop.\n---" for n in range(count))
    text = edit(STANDALONE, CONTEXT, CONTEXT + paragraphs)
    findings = [f for f in check(text) if f.name == NAME]
    lines = text.split("\n")
    underlines = [i + 1 for i, line in enumerate(lines) if line == "---" and lines[i - 1].startswith("Paragraph number")]
    assert [(f.code, f.name, f.line) for f in findings] == (
        [(CODE, NAME, line) for line in underlines] if count <= 3 else [(CODE, NAME, underlines[0])])
    if count == 4:
        assert findings[0].message.startswith(f"4 `---` lines directly under a paragraph (this one, and lines "
                                              f"{underlines[1]}, {underlines[2]} and {underlines[3]})")
        path = tmp_path / "transparent-ledger.md"
        path.write_bytes(text.encode("utf-8"))
        cli("--fix", str(path))
        fixed = path.read_text(encoding="utf-8")
        assert fixed == text.replace(".\n---", ".\n\n---")
        cli("--fix", str(path))
        assert path.read_text(encoding="utf-8") == fixed
