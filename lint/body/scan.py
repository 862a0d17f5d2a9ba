"""The same blocks from a linear scan of the lines, or None for a text the parsers must read.

Most bodies are headings, paragraphs, lists of plain items, callouts (`> [!NOTE]`), rules and
fenced code. For those a scan of the lines, a few string tests per line, finds the blocks
markdown-it-py finds, in a third of the time markdown-it-pyrs takes to build its tree and the
walk over it takes to read the tree (the walk alone cost 1.35 s of 15 s on the real library).

The scan reads CommonMark as markdown-it-py does (its block rules and the order it tries them:
code, fence, blockquote, hr, list, reference, html_block, heading, lheading, paragraph) for:
ATX and setext headings, paragraphs and what may interrupt them, thematic breaks, fenced and
indented code, HTML comments, blockquotes, and lists (nested too) whose items hold paragraphs
and lists. It gives up (None: the tree decides) on anything else, tested cheaply as it goes:
tabs, CR, NUL; a line that could start a link reference definition; HTML other than a
comment; inside a blockquote or a list: code, HTML, headings, rules, quotes in lists, lists
on one line (`- - x`), empty items, and lines whose meaning hangs on markdown-it-py's own
readings (a lazy line that could start a list, a quote ending in marks only). Giving up is
never wrong, only slower; tests/test_body_scan.py checks the scan against markdown-it-py on
every real file, a generated library and fuzzed text.
"""

from __future__ import annotations

import re

from .model import Block, Body
from .text import atx_title

# Applied to a line without its leading spaces.
_ATX = re.compile(r"#{1,6}(?: |$)")
_HR = re.compile(r"([-*_])(?: *\1){2,} *$")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_MARKER = re.compile(r"([-*+]|[0-9]{1,9}[.)])(?: +|$)")
_UNDERLINE = re.compile(r"(?:=+|-+) *$")
# Not a line of plain paragraph text: it starts (or may start) another block, or is blank.
_NOT_PLAIN = re.compile(r" *(?:[>#<=`~]|[-*+](?= |$)|[0-9]{1,9}[.)](?= |$)|[-*_=][-*_= ]*$|$)")
_SPECIAL = frozenset(">#<=`~-*+_0123456789")  # a line starting otherwise is plain text
# A blockquote line's content that may hold code, HTML or a nested quote.
_QUOTED_UNSAFE = re.compile(r"[ *+\-0-9.)]*?(?:    |[`~<>])")
_MARKS_ONLY = re.compile(r"[ >*+\-0-9.)]*")
# A line that may start a link reference definition (its label closes in `]:`, holds a
# backslash, or runs on to the next line): markdown-it-py makes no block of it.
_DEFINITION = re.compile(r"\n[ >*+\-0-9.)]*\[[^\]\\\n]*(?:\]:|\\|\n|$)")
_MAX_DEPTH = 8  # nested list items (markdown-it-py stops at 20 levels of nesting)


class _GiveUp(Exception):
    pass


def parse(text: str, first_line: int) -> Body | None:
    """`reference.parse(text, first_line)`, or None for a text the scan leaves to the parsers."""
    if "\t" in text or "\r" in text or "\0" in text:
        return None
    if "[" in text and _DEFINITION.search("\n" + text):
        return None
    lines = text.split("\n")
    last = lines[-1]
    if last and _MARKS_ONLY.fullmatch(last):  # see native.py: markdown-it-py's own reading of it
        return None
    count = len(lines) - 1 if not last else len(lines)  # markdown-it-py's lines: no empty one after the last `\n`
    try:
        blocks = _blocks(lines, count, first_line)
    except _GiveUp:
        return None
    return Body(blocks, lines, first_line)


def _blocks(lines: list[str], count: int, first_line: int) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < count:
        line = lines[i]
        stripped = line.lstrip(" ")
        if not stripped:
            i += 1
            continue
        if stripped[0] not in _SPECIAL and len(line) - len(stripped) < 4:  # plain text: a paragraph (most blocks)
            end, level = _paragraph(lines, i, count)
            if level:
                blocks.append(Block("heading", first_line + i, first_line + end - 1, "\n".join(lines[i:end]),
                                    level=level, title="\n".join(lines[i:end - 1]).strip()))
            else:
                blocks.append(Block("paragraph", first_line + i, first_line + end - 1,
                                    line if end == i + 1 else "\n".join(lines[i:end])))
            i = end
            continue
        level = items = 0
        title = ""
        if len(line) - len(stripped) >= 4:
            kind, end = "code", _indented_code(lines, i, count)
        else:
            first = stripped[0]
            fence = _FENCE.match(stripped) if first in "`~" else None
            marker = _MARKER.match(stripped) if first in "-*+" or "0" <= first <= "9" else None
            if first == "#" and _ATX.match(stripped):
                kind, end, level = "heading", i + 1, len(stripped) - len(stripped.lstrip("#"))
                title = atx_title(line)
            elif first in "-*_" and _HR.match(stripped):
                kind, end = "hr", i + 1
            elif fence and not (first == "`" and "`" in fence.group(2)):
                kind, end = "code", _fenced_code(lines, i, count, fence.group(1))
            elif first == ">":
                kind, end = "blockquote", _blockquote(lines, i, count)
            elif first == "<":
                if not stripped.startswith("<!--"):
                    raise _GiveUp
                kind, end = "html", _comment(lines, i, count)
            elif marker:
                kind = "list"
                end, items = _list(lines, i, count, stripped, len(line) - len(stripped), marker)
            else:
                end, level = _paragraph(lines, i, count)
                kind = "heading" if level else "paragraph"
                if level:
                    title = "\n".join(lines[i:end - 1]).strip()
        blocks.append(Block(kind, first_line + i, first_line + end - 1, "\n".join(lines[i:end]),
                            level=level, title=title, items=items))
        i = end
    return blocks


def _indented_code(lines: list[str], i: int, count: int) -> int:
    end = j = i + 1
    while j < count:
        line = lines[j]
        stripped = line.lstrip(" ")
        j += 1
        if stripped:
            if len(line) - len(stripped) < 4:
                break
            end = j
    return end


def _fenced_code(lines: list[str], i: int, count: int, opening: str) -> int:
    mark = opening[0]
    for j in range(i + 1, count):
        line = lines[j]
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) < 4 and stripped.startswith(opening):
            if not stripped.rstrip(" ").strip(mark):
                return j + 1
    return count


def _comment(lines: list[str], i: int, count: int) -> int:
    for j in range(i, count):
        if "-->" in lines[j]:
            return j + 1
    return count


def _interrupts(stripped: str) -> bool:
    """Whether a line (no leading spaces, not plain) ends a paragraph; raises where unsure."""
    first = stripped[0]
    if first == ">":
        return True
    if first == "#":
        return bool(_ATX.match(stripped))
    if first in "-*_" and _HR.match(stripped):
        return True
    if first in "`~":
        fence = _FENCE.match(stripped)
        return bool(fence) and not (first == "`" and "`" in fence.group(2))
    if first == "<":
        if stripped.startswith("<!--"):
            return True
        raise _GiveUp  # other HTML: some kinds end a paragraph, some do not
    marker = _MARKER.match(stripped)
    if marker:
        # A list item ends a paragraph if it has text and, numbered, starts at 1.
        number = marker.group(1)[:-1]
        return len(stripped) > marker.end() and (not number or int(number) == 1)
    return False


def _paragraph(lines: list[str], i: int, count: int) -> tuple[int, int]:
    """Where a paragraph starting at line i ends, and its level if a setext underline ends it."""
    j = i + 1
    while j < count:
        line = lines[j]
        stripped = line.lstrip(" ")
        if not stripped:
            break
        if stripped[0] not in _SPECIAL or len(line) - len(stripped) >= 4:
            j += 1
            continue
        if stripped[0] in "=-" and _UNDERLINE.match(stripped):
            return j + 1, 1 if stripped[0] == "=" else 2
        if _interrupts(stripped):
            break
        j += 1
    return j, 0


def _blockquote(lines: list[str], i: int, count: int) -> int:
    """Where a blockquote starting at line i ends, if it holds no code, HTML or nested quote."""
    j = i
    plain = marks_only = False  # what the last quoted line holds
    while j < count:
        line = lines[j]
        stripped = line.lstrip(" ")
        if not stripped:
            break
        if stripped[0] == ">":  # after the first line, at any indentation (markdown-it-py)
            content = stripped[2:] if stripped[1:2] == " " else stripped[1:]
            if _QUOTED_UNSAFE.match(content) or len(content) - len(content.lstrip(" *+-0123456789.)")) > 12:
                raise _GiveUp
            marks_only = bool(_MARKS_ONLY.fullmatch(content))
            plain = not _NOT_PLAIN.match(content)
            j += 1
            continue
        if plain and (len(line) - len(stripped) >= 4 or not _NOT_PLAIN.match(stripped)):
            j += 1  # a lazy continuation line of the quoted paragraph (indented: not a block)
            continue
        if not (plain and _interrupts(stripped) and not _MARKER.match(stripped)):
            raise _GiveUp  # markdown-it-py's own readings (see native.py), or a rare case
        break
    if marks_only:
        raise _GiveUp
    return j


def _item(stripped: str, indent: int, marker: re.Match) -> tuple[int, str]:
    """(content column, kind of marker) of a list item whose text is a plain paragraph."""
    rest = stripped[marker.end():]
    if not rest or marker.end() - len(marker.group(1)) > 4 or _NOT_PLAIN.match(rest):
        raise _GiveUp  # empty, indented code, or another block on the item's first line
    return indent + marker.end(), marker.group(1)[-1]


def _list(lines: list[str], i: int, count: int, stripped: str, indent: int, marker: re.Match) -> tuple[int, int]:
    """Where a list starting at line i ends, and its number of items."""
    stack = [_item(stripped, indent, marker)]  # the open items: content column, marker kind
    items = 1
    paragraph = True  # the last line was paragraph text (of the innermost item)
    j = i + 1
    while j < count:
        line = lines[j]
        stripped = line.lstrip(" ")
        if not stripped:
            paragraph = False
            j += 1
            continue
        indent = len(line) - len(stripped)
        depth = len(stack)
        while depth and indent < stack[depth - 1][0]:
            depth -= 1  # the items this line's indentation still reaches
        parent = stack[depth - 1][0] if depth else 0
        if paragraph and (not _NOT_PLAIN.match(stripped) or (depth == len(stack) and indent - parent >= 4)):
            j += 1  # paragraph continuation, lazy or not
            continue
        first = stripped[0]
        if first in "-*_" and _HR.match(stripped):
            if depth:
                raise _GiveUp
            break
        marker = _MARKER.match(stripped) if first in "-*+" or "0" <= first <= "9" else None
        if marker:
            if indent - parent >= 4:
                raise _GiveUp
            if depth == len(stack):  # a list inside the innermost item
                if paragraph and not _interrupts(stripped):
                    raise _GiveUp
                if len(stack) >= _MAX_DEPTH:
                    raise _GiveUp
                stack.append(_item(stripped, indent, marker))
            elif depth:  # the next item of a nested list, or a new list in item `depth`
                stack[depth:] = [_item(stripped, indent, marker)]
            elif marker.group(1)[-1] == stack[0][1]:
                stack[:] = [_item(stripped, indent, marker)]
                items += 1
            else:
                break  # another kind of list
            paragraph = True
            j += 1
            continue
        if not depth:
            if paragraph and not _interrupts(stripped):
                raise _GiveUp
            break
        if paragraph or _NOT_PLAIN.match(stripped) or indent - parent >= 4:
            raise _GiveUp
        del stack[depth:]
        paragraph = True  # a new paragraph in item `depth`
        j += 1
    return j, items
