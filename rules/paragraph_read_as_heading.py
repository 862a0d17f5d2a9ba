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
cut short, an empty section or a Known Uses example missing.

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


def check(doc, options):
    for block in body_model.of(doc).misread:
        underline = block.text.split("\n")[-1]
        shown = _excerpt(block.title)
        yield Problem(block.end_line, len(underline) - len(underline.lstrip(" ")) + 1,
                      f"this `---` directly under a paragraph makes the paragraph a heading (CommonMark reads "
                      f"it as a setext underline), so the page shows \"{shown}\" as a large heading; put a blank "
                      "line before `---` to make it a horizontal rule, or remove it",
                      fix=Fix("insert a blank line before `---`", True,
                              (Edit(block.end_line, 1, block.end_line, 1, "\n"),)))


def _excerpt(title: str, words: int = 6) -> str:
    parts = body_model.plain(title).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
