"""The Known Uses section gives fewer than two examples.

What it checks
--------------
Counts the examples in Known Uses as a reader of the page would, and reports fewer than
two (the spec: "at least two real-world examples") at the heading. What counts:

- each top-level list item, and each sub-heading;
- in a paragraph, each label: the bold text it starts with (`**Mondragon (Spain):** ...`,
  `**Case 1: Mozilla**` on a line of its own, `**Needle exchange (1980s).**`) and each bold
  text followed by or ending in a colon inside it (`**Corporate use**: ...`), so one
  paragraph with four labels gives four examples;
- in a paragraph without labels, each bold name: a bold text of at most eight words that
  starts with a capital and is no sentence (`**Spotify** is ... **Dropbox** pioneered ...`
  gives two). A name after `its`, `their`, `whose` and the like is a part of an example
  already named, and a name written twice counts once;
- when the section has none of these (no list, sub-heading, bold-led paragraph or label),
  each paragraph is one example (or as many as the bold names in it).

A paragraph that only introduces the examples ("Several organisations use it.") counts for
nothing when the section marks its examples, and neither does the text under a paragraph
that is only a label (`**Case 1: Mozilla**`, then the story). A paragraph that a `---`
right under it turned into a heading (CommonMark reads it so; another rule reports the
`---`) is still read here as the paragraph it was meant to be.

Why it matters
--------------
A pattern is a solution seen to work more than once; one example is an anecdote.

Example
-------
    ### Section 6: Known Uses

    **Open source communities:** maintainers ...     # one example

How to fix
----------
Add a second documented use, each as its own bold-led paragraph or list item.

What it does not report
-----------------------
An empty or missing Known Uses (empty-section, missing-section say so). Names that are not
bold are not recognised (telling "Spotify and Netflix" from any other capitalised words
needs more than the text's markup): a paragraph naming two organisations in plain text
counts once when the section marks its examples otherwise, and is then reported only if
the section holds no other example. Inside a labelled example, bold names are taken as
emphasis, not as further examples; a paragraph of bold names may, the other way round,
count a bold part of one example (`the **General Assembly** of ...`) as a second.
"""

CODE = "PL409"
NAME = "too-few-known-uses"
GROUP = "sections"
SEVERITY = "warning"
NEEDS_FORMAT = True

import re

from lint import body as body_model
from lint import sections
from lint.findings import Problem

_BOLD = re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1", re.DOTALL)
_SENTENCE_END = (".", "!", "?", ":")
_POSSESSIVE = re.compile(r"(?i)\b(?:its|their|his|her|our|your|whose)\s+$")
_MAX_NAME_WORDS = 8


def check(doc, options):
    facts = doc.format.body.get("known_uses")
    section = sections.of(doc).first(facts["section"]) if facts else None
    if section is None or sections.is_empty(section.section):
        return  # missing-section / empty-section say so
    count = count_examples(sections.blocks_as_read(doc, section))
    if count < facts["minimum"]:
        yield Problem(section.line, 1, f"{facts['section']} gives {count} example{'s' * (count != 1)}; the spec "
                      f"asks for at least {facts['minimum']} (as list items, bold-led paragraphs or sub-headings)")


def count_examples(blocks: list[body_model.Block]) -> int:
    marked = 0
    marks = False  # whether the section marks its examples (lists, sub-headings, bold leads, labels)
    unmarked: list[int] = []  # the bold names of each paragraph that marks nothing
    under_label = False  # the paragraph before was only a label: this one is its text
    for block in blocks:
        if block.kind == "list":
            marked += block.items
            marks = True
        elif block.kind == "heading":
            marked += 1
            marks = True
        elif block.kind == "paragraph" and not under_label:
            paragraph = _Paragraph(block.text)
            if paragraph.marked:
                marks = True
                marked += paragraph.examples
            else:
                unmarked.append(paragraph.names)
            under_label = paragraph.label_only
            continue
        under_label = False
    if marks:
        return marked + sum(unmarked)
    return sum(max(1, names) for names in unmarked)


class _Paragraph:
    """The labels and bold names of a paragraph."""

    def __init__(self, text: str):
        text = body_model.without_inline_code(text).strip()
        self.labels = 0  # the bold lead when it is a label, and bold text followed by or ending in `:`
        self.led = self.led_by_label = self.label_only = False
        names = set()
        for match in _BOLD.finditer(text):
            inner = " ".join(match.group(2).split())
            end = match.end()
            label = inner.endswith(":") or text.startswith(":", end)
            if match.start() == 0:
                self.led = True
                rest = text[end:].lstrip(" \t")  # once per paragraph
                label = label or inner.endswith(_SENTENCE_END) or rest[:1] in ("", "\n", "—", "–", "-")
                self.led_by_label = label
                self.label_only = label and not rest.strip(" \t:.")
            if label:
                self.labels += 1
            elif _is_name(inner) and not _POSSESSIVE.search(text, max(0, match.start() - 12), match.start()):
                names.add(inner.casefold())
        self.names = len(names)

    @property
    def marked(self) -> bool:
        return self.led or self.labels > 0

    @property
    def examples(self) -> int:
        if self.labels:  # bold names inside labelled examples are emphasis
            return self.labels + (self.led and not self.led_by_label)
        return max(1, self.names) if self.led else self.names


def _is_name(text: str) -> bool:
    first = text.lstrip("\"'“‘(")[:1]
    return first.isupper() and not text.endswith(_SENTENCE_END) and len(text.split()) <= _MAX_NAME_WORDS
