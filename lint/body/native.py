"""The same blocks from markdown-it-pyrs (native code, faster), or None for a text markdown-it-py must read."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, count
from operator import add

from . import reference
from .model import Block, Body
from .text import atx_title

# CommonMark's block rules, in markdown-it's order. The "zero" preset plus these is "commonmark"
# without the inline rules: inline text stays one text node (never read), and the inline parser,
# which takes minutes and then overflows the stack on 100,000 nested `_a`, never runs.
_RS_BLOCK_RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
                   "reference", "html_block"]
_RS_KINDS = {"heading": "heading", "lheading": "heading", "paragraph": "paragraph", "blockquote": "blockquote",
             "bullet_list": "list", "ordered_list": "list", "fence": "code", "code_block": "code",
             "html_block": "html", "hr": "hr"}
_RS_LISTS = {"bullet_list", "ordered_list"}
_RS_NESTING = {"blockquote", "bullet_list", "ordered_list", "list_item"}  # the containers blocks nest in
_RS_CODE = {"fence", "code_block"}

# Texts markdown-it-pyrs must not see. Its tree is freed recursively: 50,000 nested `>` overflow
# the stack, a crash no `except` catches. Each level of nesting takes at least a character of
# a line's prefix (`>`, a list marker, or indentation: a tab may stand for two list levels), so
# no line with a prefix of 128 such characters means no more than 4 x 128 levels. (A rule line
# of 128 dashes goes to markdown-it-py too: slower, never different.) Searched for after a `\n`,
# a literal the regex engine skips to: `^` with MULTILINE is tried at every character.
_RS_DEEP = re.compile(r"[ \t>*+\-0-9.)]{128}")
_RS_DEEP_LINE = re.compile(r"\n[ \t>*+\-0-9.)]{128}")
# It reads a run of link reference definitions in quadratic time (each one scans the rest of
# its paragraph: 30 s for 200 KB of `[a]: b` lines; markdown-it-py 1 s). About 0.1 us per
# definition and line after it: more than a million of those (0.1 s) go to markdown-it-py.
# Each definition has a `]`, and counting `]` is a memchr (counting `]:` costs three times more).
_RS_DEFINITION_BUDGET = 1_000_000

# Where the two read CommonMark differently, markdown-it-py (the reference) decides: the text
# goes to it. Found by tests/test_body_backend.py's fuzzing; none occurs in the libraries seen.
# - CR and NUL: markdown-it-py replaces them (with LF, U+FFFD) before parsing, markdown-it-pyrs
#   reads CR as a line break as it goes and NUL as a control character (`[a]:` then `a\0b` is a
#   definition to one and a paragraph to the other). lint.document never hands over either.
# - Nesting: markdown-it-py's commonmark preset tokenizes nothing inside a container 20 levels
#   deep (its maxNesting; a list level is two, the list and its item).
# - Definitions over several lines: markdown-it-py gathers a definition's lines until anything
#   that could start a list (`2.`, an empty `-`), markdown-it-pyrs as for a paragraph, so `[a]:`
#   then `1.` is a definition to one and a paragraph to the other.
# - The same in blockquotes: after a quoted paragraph, markdown-it-pyrs keeps an unquoted `2. x`
#   or `-` in the quote (neither can interrupt a paragraph), markdown-it-py ends the quote there.
# - A link destination ending a line in a backslash (`[a]: x\`): a definition to markdown-it-py
#   only.
# - A last line of container marks only (`>`) without a `\n` after it.
# - A blockquote ending in a line of container marks only (`>`, `> - >`): markdown-it-py's skip
#   over blank lines inside runs on past the quote's end, and its token.map with it, to the next text.
# - An HTML block that ends at its closing sequence (a comment, `<?`, `<!X`, CDATA, script, pre,
#   style, textarea) inside a list item: markdown-it-pyrs ends it at a blank line, markdown-it-py
#   (rightly) goes on.
_PY_MAX_NESTING = 20
_LIST_LINE = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]*$|(?!0*1[.)])\d{1,9}[.)][ \t])")
_QUOTED_BLANK = re.compile(r"[ \t>]*")
_MARKS_ONLY = re.compile(r"[ \t>*+\-0-9.)]*")
_BACKSLASH_LINE_END = re.compile(r"\\(?:\n|$)")
# Such a block's opening (after container markers), and what closes it (CommonMark's kinds 1-5).
_HTML_UNTIL_CLOSED = re.compile(r"[ \t>*+\-0-9.)]*<(?:(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z])|(script|pre|style|textarea))",
                                re.IGNORECASE)
_HTML_CLOSING = [re.compile(pattern, re.IGNORECASE) for pattern in
                 ("-->", r"\?>", r"\]\]>", ">", "</(?:script|pre|style|textarea)>")]


@lru_cache(maxsize=1)
def parser():
    """markdown-it-pyrs with CommonMark's block rules; None when it is not installed."""
    try:
        import markdown_it_pyrs
    except ImportError:
        return None
    md = markdown_it_pyrs.MarkdownIt("zero")
    md.enable_many(_RS_BLOCK_RULES)
    return md


def parse(text: str, first_line: int) -> Body | None:
    """`reference.parse(text, first_line)` from markdown-it-pyrs; None for a text it must leave to markdown-it-py."""
    if "\r" in text or _RS_DEEP.match(text) or _RS_DEEP_LINE.search(text):
        return None
    lines = text.split("\n")
    brackets = text.count("]")
    if brackets * (len(lines) + len(text) // 256) > _RS_DEFINITION_BUDGET:
        return None
    if brackets and "\\" in text and _BACKSLASH_LINE_END.search(text) and "]:" in text:
        return None
    # Spans are byte offsets into the UTF-8 text: `ends[i]` is where line i's `\n` is (or the
    # text ends), so the line of an offset is a bisection. For ASCII, characters are bytes.
    if text.isascii():
        if "\0" in text:
            return None
        lengths = map(len, lines)
    else:
        try:
            encoded = list(map(str.encode, lines))
        except UnicodeEncodeError:  # a lone surrogate: not from a decoded file, and not for Rust
            return None
        if b"\0" in b"".join(encoded):  # `"\0" in text` is slow on a text that is not Latin-1
            return None
        lengths = map(len, encoded)
    ends = list(map(add, accumulate(lengths), count()))
    if lines[-1] and _MARKS_ONLY.fullmatch(lines[-1]):
        # A last line without a `\n`: markdown-it-py has no line for it if it is spaces and tabs
        # (nor will markdown-it-pyrs), and ends the blocks before it its own way if it is `>`.
        if lines[-1].strip(" \t"):
            return None
        text = text[:len(text) - len(lines[-1])]
    try:
        root = parser().tree(text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # also pyo3's PanicException (a BaseException): a Rust panic on this text
        return None
    blocks: list[Block] = []
    covered: set[int] = set()
    for node in root.children:
        name = node.name
        span = node.srcmap
        if span is None:
            return None
        # A block's span runs from its first character to the end of its last line: the lines
        # of markdown-it-py's token.map (a list's trailing blank lines included, as there).
        start, end = bisect_left(ends, span[0]), bisect_left(ends, span[1]) + 1
        if name == "definition":
            if end - start > 1:
                return None
            continue  # markdown-it-py makes no token of it: found with the lines left over, below
        kind = _RS_KINDS.get(name)
        if kind is None:
            return None  # a node markdown-it-py would not make: let it decide
        covered.update(range(start, end))
        source = "\n".join(lines[start:end])
        if kind == "heading":
            title = atx_title(lines[start]) if name == "heading" else "\n".join(lines[start:end - 1]).strip()
            blocks.append(Block(kind, first_line + start, first_line + end - 1, source,
                                level=node.meta["level"], title=title))
        elif name in _RS_NESTING:
            if name == "blockquote" and _MARKS_ONLY.fullmatch(lines[end - 1]) and end < len(lines) \
                    and not lines[end].strip():
                return None  # ends in a line of marks only, then a blank line
            nested = _nested(node, lines, ends, start)
            if nested is None:
                return None
            code, html = nested
            blocks.append(Block(kind, first_line + start, first_line + end - 1, source,
                                items=len(node.children) if kind == "list" else 0, code=code, html=html))
        else:
            blocks.append(Block(kind, first_line + start, first_line + end - 1, source))
    return reference.with_references(blocks, covered, lines, first_line)


def _nested(container, lines: list[str], ends: list[int], start: int):
    """Line ranges (from `start`, end exclusive) of the code blocks and HTML blocks nested in a
    top-level container, in document order; None where markdown-it-py may read it otherwise."""
    code, html = [], []
    # Containers still open: their children left, nesting level, and whether inside a list.
    stack = [(iter([container]), 0, False)]
    while stack:
        children, level, in_list = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            continue
        name = node.name
        span = node.srcmap
        if name in _RS_NESTING:
            if level + 1 >= _PY_MAX_NESTING:
                return None
            if name == "blockquote" and _lazy_list_line(span, lines, ends):
                return None
            stack.append((iter(node.children), level + 1, in_list or name in _RS_LISTS))
            continue
        if name not in _RS_CODE and name != "html_block" and name != "definition":
            continue  # a paragraph, heading, rule, or inline text of a tight list item
        if span is None:
            return None
        first, last = bisect_left(ends, span[0]), bisect_left(ends, span[1])
        if name == "definition":
            if last > first:
                return None
        elif name in _RS_CODE:
            code.append((first - start, last + 1 - start))
        else:
            if in_list and _html_cut_short(lines, first, last):
                return None
            html.append((first - start, last + 1 - start))
    return tuple(code), tuple(html)


def _html_cut_short(lines: list[str], first: int, last: int) -> bool:
    """Whether an HTML block in a list item may have been ended by the blank line after it,
    not by its closing sequence."""
    opening = _HTML_UNTIL_CLOSED.match(lines[first])
    if opening is None or last + 1 >= len(lines) or not _QUOTED_BLANK.fullmatch(lines[last + 1]):
        return False
    # Look for the closing after the opening, or on the last line after any quote marks (a `>`
    # there may be one: then this says "cut short", and markdown-it-py decides).
    rest = lines[first][opening.end():] if last == first else lines[last].lstrip(" \t>")
    return not _HTML_CLOSING[opening.lastindex - 1].search(rest)


def _lazy_list_line(span: tuple[int, int] | None, lines: list[str], ends: list[int]) -> bool:
    """Whether a line of a blockquote after its first could start a list that markdown-it-py
    lets end the quote (an empty item, or one not numbered 1). Quoted lists numbered from 2 match
    too: never in the libraries seen, and markdown-it-py reads them right."""
    if span is None:
        return True
    first, last = bisect_left(ends, span[0]), bisect_left(ends, span[1])
    return any(_LIST_LINE.match(lines[number]) for number in range(first + 1, last + 1))
