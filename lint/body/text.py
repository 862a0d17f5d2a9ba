"""Text helpers for block source: plain text, code spans dropped, words as a reader counts them."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"[*_`]+")


def plain(text: str) -> str:
    """Block source without blockquote markers, emphasis and inline code marks; one line."""
    text = re.sub(r"(?m)^\s{0,3}>\s?", "", text)
    return " ".join(_MARKUP.sub("", text).split())


def without_inline_code(text: str, keep_columns: bool = False) -> str:
    """Drop `code spans` (replaced by spaces when columns must stay where they were).

    A linear scan, not a regular expression: a backreference regex for "a run of backticks
    closed by a run of the same length" backtracks quadratically on a line of backticks.
    A span may wrap onto the next line but not across a blank line (a new paragraph).
    """
    if "`" not in text:
        return text
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    pointer = {length: 0 for length in by_length}
    pieces, position, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        length = end - start
        candidates = by_length[length]
        while pointer[length] < len(candidates) and candidates[pointer[length]] <= index:
            pointer[length] += 1
        close = candidates[pointer[length]] if pointer[length] < len(candidates) else None
        if close is None or _BLANK_LINE.search(text, end, runs[close][0]):
            index += 1
            continue
        close_end = runs[close][1]
        pieces.append(text[position:start])
        span = text[start:close_end]
        pieces.append(_BLANK.sub(" ", span) if keep_columns else "")
        position = close_end
        index = close + 1
    pieces.append(text[position:])
    return "".join(pieces)


_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


_BLANK = re.compile(r"[^\n]")
_LINE_MARKERS = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+)?")


def words(text: str) -> int:
    """Words of a block as a reader counts them: no quote, list or heading markers."""
    return len(plain(_LINE_MARKERS.sub("", text)).split())


def atx_title(line: str) -> str:
    """The text of an ATX heading line, as markdown-it-py takes it: without the opening `#`s and
    a closing sequence of `#`s (which needs a space or tab before it)."""
    content = line.lstrip(" \t").lstrip("#").rstrip(" \t")
    unclosed = content.rstrip("#")
    if len(unclosed) < len(content) and unclosed[-1:] in (" ", "\t"):
        content = unclosed
    return content.strip()
