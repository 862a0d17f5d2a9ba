"""The body's blocks from markdown-it-py, the reference parser and the fallback for the native one."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Block, Body

_CONTAINERS = {"blockquote_open": "blockquote", "bullet_list_open": "list", "ordered_list_open": "list",
               "paragraph_open": "paragraph", "table_open": "table"}
_LEAVES = {"fence": "code", "code_block": "code", "html_block": "html", "hr": "hr"}


@lru_cache(maxsize=1)
def parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.core.ruler.disable("inline")
    return md


def parse(text: str, first_line: int) -> Body:
    lines = text.split("\n")
    tokens = parser().parse(text)
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
    return with_references(blocks, covered, lines, first_line)


def with_references(blocks: list[Block], covered: set[int], lines: list[str], first_line: int) -> Body:
    # Link reference definitions (`[label]: url`) become no token: find them among the lines left over.
    for number, line in enumerate(lines):
        if number not in covered and _REFERENCE_DEFINITION.match(line):
            blocks.append(Block("reference", first_line + number, first_line + number, line))
    blocks.sort(key=lambda b: b.line)
    return Body(blocks, lines, first_line)


_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:\s*\S")

