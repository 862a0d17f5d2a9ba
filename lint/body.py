"""The body as blocks and sections, with file line numbers.

markdown-it-py (CommonMark) finds the block structure, so a `###` inside a fenced or
indented code block or an HTML comment is never a heading, and setext headings count.
Only the block parser runs (inline parsing is switched off: we need block boundaries
and raw text, not rendered inline markup). Built once per document, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_CONTAINERS = {"blockquote_open": "blockquote", "bullet_list_open": "list", "ordered_list_open": "list",
               "paragraph_open": "paragraph", "table_open": "table"}
_LEAVES = {"fence": "code", "code_block": "code", "html_block": "html", "hr": "hr"}
_CALLOUT = re.compile(r"^\s*>\s*\[!(\w+)\]")


@dataclass(slots=True)
class Block:
    kind: str  # heading, paragraph, blockquote, list, code, html, hr, table
    line: int  # first line in the file (1-based)
    end_line: int  # last line in the file
    text: str  # the block's source lines
    level: int = 0  # heading level (1-6)
    title: str = ""  # heading text
    items: int = 0  # top-level items of a list
    code: tuple[tuple[int, int], ...] = ()  # line ranges (in `text`, end exclusive) of code nested inside
    html: tuple[tuple[int, int], ...] = ()  # the same for HTML blocks nested inside

    @property
    def prose(self) -> str:
        """`text` with nested code blocks and HTML blanked out (same lines, same columns)."""
        return self._blanked(self.code + self.html)

    @property
    def without_code(self) -> str:
        """`text` with nested code blocks blanked out, HTML (comments) kept."""
        return self._blanked(self.code)

    def _blanked(self, ranges) -> str:
        if not ranges:
            return self.text
        lines = self.text.split("\n")
        for start, end in ranges:
            for i in range(start, min(end, len(lines))):
                lines[i] = " " * len(lines[i])
        return "\n".join(lines)

    @property
    def callout(self) -> str | None:
        """`NOTE` for a blockquote that starts `> [!NOTE]`, else None."""
        match = _CALLOUT.match(self.text) if self.kind == "blockquote" else None
        return match.group(1).upper() if match else None


@dataclass
class Section:
    heading: Block
    blocks: list[Block] = field(default_factory=list)  # everything up to the next heading of its level or above

    @property
    def title(self) -> str:
        return self.heading.title

    @property
    def line(self) -> int:
        return self.heading.line


@dataclass
class Body:
    blocks: list[Block]
    lines: list[str]
    first_line: int

    @property
    def start_line(self) -> int:
        """The line of the body's first block (the body itself may start with blank lines)."""
        return self.blocks[0].line if self.blocks else self.first_line

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def sections(self, level: int) -> list[Section]:
        """Sections whose headings have exactly `level`; each holds its deeper sub-headings."""
        out: list[Section] = []
        current: Section | None = None
        for block in self.blocks:
            if block.kind == "heading" and block.level <= level:
                current = Section(block) if block.level == level else None
                if current is not None:
                    out.append(current)
            elif current is not None:
                current.blocks.append(block)
        return out

    def preamble(self) -> list[Block]:
        """Blocks before the first heading."""
        out = []
        for block in self.blocks:
            if block.kind == "heading":
                break
            out.append(block)
        return out


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.core.ruler.disable("inline")
    return md


def parse(text: str, first_line: int) -> Body:
    lines = text.split("\n")
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    covered: set[int] = set()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.level != 0 or token.map is None:
            i += 1
            continue
        start, end = token.map
        source = "\n".join(lines[start:end])
        if token.type != "heading_open" and token.type not in _CONTAINERS:
            covered.update(range(start, end))
        if token.type == "heading_open":
            covered.update(range(start, end))
            title = tokens[i + 1].content.strip() if i + 1 < len(tokens) else ""
            blocks.append(Block("heading", first_line + start, first_line + end - 1, source,
                                level=int(token.tag[1:]), title=title))
        elif token.type in _CONTAINERS:
            kind = _CONTAINERS[token.type]
            items = 0
            code, html = [], []
            close = token.type.replace("_open", "_close")
            j = i + 1
            while j < len(tokens) and not (tokens[j].type == close and tokens[j].level == 0):
                inner = tokens[j]
                items += inner.type == "list_item_open" and inner.level == 1
                if inner.type in ("fence", "code_block") and inner.map:
                    code.append((inner.map[0] - start, inner.map[1] - start))
                elif inner.type == "html_block" and inner.map:
                    html.append((inner.map[0] - start, inner.map[1] - start))
                j += 1
            blocks.append(Block(kind, first_line + start, first_line + end - 1, source, items=items,
                                code=tuple(code), html=tuple(html)))
            covered.update(range(start, end))
            i = j
        elif token.type in _LEAVES:
            blocks.append(Block(_LEAVES[token.type], first_line + start, first_line + end - 1, source))
        i += 1
    # Link reference definitions (`[label]: url`) become no token: find them among the lines left over.
    for number, line in enumerate(lines):
        if number not in covered and _REFERENCE_DEFINITION.match(line):
            blocks.append(Block("reference", first_line + number, first_line + number, line))
    blocks.sort(key=lambda b: b.line)
    return Body(blocks, lines, first_line)


_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:\s*\S")


def line_and_column(block: Block, offset: int) -> tuple[int, int]:
    """File line and 1-based column of a character offset into `block.text`."""
    line_start = block.text.rfind("\n", 0, offset) + 1
    return block.line + block.text.count("\n", 0, offset), offset - line_start + 1


def of(doc) -> Body:
    body = doc.cache.get("body")
    if body is None:
        body = doc.cache["body"] = parse(doc.body, doc.body_line)
    return body


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
