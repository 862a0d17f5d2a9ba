"""The body as blocks and sections, with file line numbers.

A CommonMark block parser finds the block structure, so a `###` inside a fenced or
indented code block or an HTML comment is never a heading, and setext headings count.
Only the block rules run: we need block boundaries and raw text, not rendered inline
markup. Two parsers give the same blocks:

- markdown-it-pyrs (markdown-it ported to Rust), when it imports: about 0.45 ms for a
  21 KB body where markdown-it-py takes 1.1-1.5 ms, and built in a millisecond where
  importing and building markdown-it-py takes 30-40 ms, which a one-file pre-commit run
  pays. Its tree gives byte offsets; they become lines here, and titles are cut from
  those lines as markdown-it-py cuts them.
- markdown-it-py, the reference: used when markdown-it-pyrs is not installed or fails on
  a text (it is beta native code facing hostile input), and for the texts it must not
  see (those it would nest too deep or parse in quadratic time) or reads differently
  (listed in the markdown-it-pyrs section below; none occurs in the libraries seen).

tests/test_body_backend.py checks that both give the same blocks, on real files, a
generated library, hand-written cases and fuzzing. Each parser is built once per
process, on first use.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, count
from operator import add

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


def parse(text: str, first_line: int) -> Body:
    """The blocks of `text`, whose first line is line `first_line` of the file."""
    body = _parse_rs(text, first_line) if _rs_parser() is not None else None
    return body if body is not None else _parse_py(text, first_line)


# --- markdown-it-py: the reference ------------------------------------------------------------------

@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.core.ruler.disable("inline")
    return md


def _parse_py(text: str, first_line: int) -> Body:
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
    return _with_references(blocks, covered, lines, first_line)


def _with_references(blocks: list[Block], covered: set[int], lines: list[str], first_line: int) -> Body:
    # Link reference definitions (`[label]: url`) become no token: find them among the lines left over.
    for number, line in enumerate(lines):
        if number not in covered and _REFERENCE_DEFINITION.match(line):
            blocks.append(Block("reference", first_line + number, first_line + number, line))
    blocks.sort(key=lambda b: b.line)
    return Body(blocks, lines, first_line)


_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:\s*\S")


# --- markdown-it-pyrs: the same blocks, faster ------------------------------------------------------

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
def _rs_parser():
    """markdown-it-pyrs with CommonMark's block rules; None when it is not installed."""
    try:
        import markdown_it_pyrs
    except ImportError:
        return None
    md = markdown_it_pyrs.MarkdownIt("zero")
    md.enable_many(_RS_BLOCK_RULES)
    return md


def _parse_rs(text: str, first_line: int) -> Body | None:
    """`_parse_py(text, first_line)` from markdown-it-pyrs; None for a text it must leave to markdown-it-py."""
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
        root = _rs_parser().tree(text)
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
            title = _atx_title(lines[start]) if name == "heading" else "\n".join(lines[start:end - 1]).strip()
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
    return _with_references(blocks, covered, lines, first_line)


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


def _atx_title(line: str) -> str:
    """The text of an ATX heading line, as markdown-it-py takes it: without the opening `#`s and
    a closing sequence of `#`s (which needs a space or tab before it)."""
    content = line.lstrip(" \t").lstrip("#").rstrip(" \t")
    unclosed = content.rstrip("#")
    if len(unclosed) < len(content) and unclosed[-1:] in (" ", "\t"):
        content = unclosed
    return content.strip()


def line_and_column(block: Block, offset: int) -> tuple[int, int]:
    """File line and 1-based column of a character offset into `block.text`."""
    line_start = block.text.rfind("\n", 0, offset) + 1
    return block.line + block.text.count("\n", 0, offset), offset - line_start + 1


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
