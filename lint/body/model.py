"""The body's blocks and sections, kept apart from the parsers that find them and the text helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    # Setext headings that are a paragraph with a `---` rule glued under it (see `as_meant`): the
    # headings as CommonMark reads them; `blocks` holds the paragraph and the rule instead.
    misread: list[Block] = field(default_factory=list)

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


def line_and_column(block: Block, offset: int) -> tuple[int, int]:
    """File line and 1-based column of a character offset into `block.text`."""
    line_start = block.text.rfind("\n", 0, offset) + 1
    return block.line + block.text.count("\n", 0, offset), offset - line_start + 1
