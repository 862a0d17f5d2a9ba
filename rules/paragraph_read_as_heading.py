"""A `---` directly under a paragraph makes the paragraph a heading.

What it checks
--------------
A line of three or more `-` right under a line of text, with no blank line between, is
not a horizontal rule: CommonMark reads it as the underline of a level-2 (setext)
heading, and the whole paragraph above becomes that heading. The Markdown parser
decides (not a pattern on the text), so a `---` in a code block, under a list item or a
blockquote, or after a blank line is never reported. Reported at the `---` line when the
"heading" reads as prose: more than one line, more than eight words, or ending in
sentence punctuation (`.`, `!`, `?`, `:`, `;`, `,`). The other rules read such a paragraph
as the author meant it (a paragraph, then a rule), so it is not also reported as a section
cut short, an empty section or a Known Uses example missing. More than three in one file are
one habit, one finding at the first, naming the lines of the others (one fix inserts every
blank line).

Why it matters
--------------
The page shows a paragraph of the text as a large heading, and the heading outline (and
every tool that reads sections by their headings) gains a "section" titled with a
sentence. In the commons.engineering library, 30 files end their sections' last
paragraphs this way (209 paragraphs shown as headings).

Example
-------
    ### Section 1: Context
    This pattern operates in markets characterized by ...

    Historically, luxury was the exclusive domain of aristocracy.
    ---                                   # the sentence above renders as a heading
    ### Section 2: Problem

How to fix
----------
Put a blank line between the paragraph and the `---` (it is then a horizontal rule), or
remove the `---`. `--fix` inserts the blank line (a safe fix: it changes nothing else).

What it does not report
-----------------------
A short title-like line (eight words or fewer, one line, no closing punctuation) over a
`---` underline: that is how a setext heading is written on purpose (`Overview` over
`--------`), and the author may mean it. `=` underlines (level-1 setext headings), which
are never a horizontal rule and so never written by mistake for one. A `-` or `--`
underline, which no one writes as a rule. Headings nested in list items or blockquotes
(only the body's top-level blocks are read). The frontmatter's closing `---`, which is not
part of the body.
"""

CODE = "PL701"
NAME = "paragraph-read-as-heading"
GROUP = "rendering"
SEVERITY = "warning"
FIXABLE = True

from lint import body as body_model
from lint.findings import Edit, Fix, Problem


MANY = 3  # more in one file than this are one finding: one habit (a separator glued to paragraphs)


def check(doc, options):
    misread = body_model.of(doc).misread
    edits = [Edit(block.end_line, 1, block.end_line, 1, "\n") for block in misread]
    if len(misread) > MANY:
        first = misread[0]
        others = ", ".join(str(block.end_line) for block in misread[1:-1]) + f" and {misread[-1].end_line}"
        yield Problem(first.end_line, _column(first),
                      f"{len(misread)} `---` lines directly under a paragraph (this one, and lines {others}) make "
                      f"their paragraphs headings (CommonMark reads them as setext underlines), so the page "
                      f"shows paragraphs such as \"{_excerpt(first.title)}\" as large headings; put a blank line "
                      "before each `---` to make it a horizontal rule",
                      fix=Fix("insert a blank line before each `---`", True, tuple(edits)))
        return
    for block, edit in zip(misread, edits):
        yield Problem(block.end_line, _column(block),
                      f"this `---` directly under a paragraph makes the paragraph a heading (CommonMark reads "
                      f"it as a setext underline), so the page shows \"{_excerpt(block.title)}\" as a large "
                      "heading; put a blank line before `---` to make it a horizontal rule, or remove it",
                      fix=Fix("insert a blank line before `---`", True, (edit,)))


def _column(block) -> int:
    underline = block.text.split("\n")[-1]
    return len(underline) - len(underline.lstrip(" ")) + 1


def _excerpt(title: str, words: int = 6) -> str:
    parts = body_model.plain(title).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
