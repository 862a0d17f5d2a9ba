"""The body as blocks and sections, with file line numbers.

A CommonMark block parser finds the block structure, so a `###` inside a fenced or
indented code block or an HTML comment is never a heading, and setext headings count.
Only the block rules run: we need block boundaries and raw text, not rendered inline
markup. Three readers give the same blocks:

- a linear scan of the lines (`scan.py`), for the texts it can read exactly (most bodies: headings,
  paragraphs, plain lists, callouts, rules, fenced code): 0.43 s for the 3,600 bodies of a generated
  library where markdown-it-pyrs and the walk over its tree take 1.23 s. It leaves every other text
  to the parsers below.
- markdown-it-pyrs (markdown-it ported to Rust, `native.py`), when it imports: about 0.45 ms
  for a 21 KB body where markdown-it-py takes 1.1-1.5 ms, and built in a millisecond where
  importing and building markdown-it-py takes 30-40 ms, which a one-file pre-commit run
  pays. Its tree gives byte offsets; they become lines there, and titles are cut from
  those lines as markdown-it-py cuts them.
- markdown-it-py (`reference.py`), the reference: used when markdown-it-pyrs is not installed
  or fails on a text (it is beta native code facing hostile input), and for the texts it must
  not see (those it would nest too deep or parse in quadratic time) or reads differently
  (listed in `native.py`; none occurs in the libraries seen).

tests/test_body_backend.py checks that both parsers give the same blocks, and
tests/test_body_scan.py that the scan gives markdown-it-py's, on real files, a generated library,
hand-written cases and fuzzing. Each parser is built once per
process, on first use. The blocks and sections are in `model.py`, the text helpers the
rules share in `text.py`; this module reads a document's body with them.
"""

from __future__ import annotations

import re

from . import native, reference, scan
from .model import Block, Body, Section, line_and_column
from .text import plain, without_inline_code, words

__all__ = ["Block", "Body", "MAX_TITLE_WORDS", "Section", "as_meant", "line_and_column", "of", "parse", "plain",
           "without_inline_code", "words"]


def parse(text: str, first_line: int) -> Body:
    """The blocks of `text`, whose first line is line `first_line` of the file."""
    native_parser = native.parser()  # built once, on first use (a millisecond)
    body = scan.parse(text, first_line)
    if body is None and native_parser is not None:
        body = native.parse(text, first_line)
    return body if body is not None else reference.parse(text, first_line)


def of(doc) -> Body:
    body = doc.cache.get("body")
    if body is None:
        body = doc.cache["body"] = as_meant(parse(doc.body, doc.body_line))
    return body


# A setext underline that is a horizontal rule on its own: three or more `-`, up to three spaces
# before, spaces and tabs after (an underline holds no inner spaces).
_RULE_UNDERLINE = re.compile(r" {0,3}-{3,}[ \t]*")
_CLOSING = frozenset(".!?:;,")
_TRAILING_MARKS = "*_`)]\"'”’» \t"
MAX_TITLE_WORDS = 8  # a setext heading's text with more words is a paragraph, not a title


def as_meant(body: Body) -> Body:
    """`body` with each paragraph that a glued `---` made a level-2 heading read as the author
    meant it: a paragraph, then a horizontal rule. The page shows a heading (the rule
    paragraph-read-as-heading says so, from `misread`); the other rules judge the text as
    written to be read, so one cause makes one finding (not also an empty section, a section
    cut short, or a Known Uses example lost). A short title over `---` (eight words or fewer,
    one line, no closing punctuation) may be a heading written on purpose and stays one."""
    blocks, misread = [], []
    for block in body.blocks:
        if block.kind != "heading" or block.level != 2 or block.end_line == block.line:
            blocks.append(block)  # an ATX heading is one line; a setext one has its underline under it
            continue
        lines = block.text.split("\n")
        if not _RULE_UNDERLINE.fullmatch(lines[-1]) or not _reads_as_prose(lines[:-1]):
            blocks.append(block)
            continue
        misread.append(block)
        blocks.append(Block("paragraph", block.line, block.end_line - 1, "\n".join(lines[:-1])))
        blocks.append(Block("hr", block.end_line, block.end_line, lines[-1]))
    if not misread:
        return body
    return Body(blocks, body.lines, body.first_line, misread)


def _reads_as_prose(lines: list[str]) -> bool:
    if len(lines) > 1:
        return True
    text = plain(lines[0])
    return len(text.split()) > MAX_TITLE_WORDS or text.rstrip(_TRAILING_MARKS)[-1:] in _CLOSING

