"""One file as the linter sees it: its bytes (read by lint.files), frontmatter with positions, body with lines.

Frontmatter grammar (one, stated here because libraries disagree): the first
line of the file is `---` (trailing spaces allowed), the frontmatter ends at
the next line that is `---` (trailing spaces allowed); everything after is
the body. A UTF-8 byte order mark and CRLF or CR line endings are reported
and tolerated; lines are counted on line breaks after CRLF/CR are made LF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import files, yamlnodes
from .findings import Problem
from .rules import (byte_order_mark, empty_file, file_too_large, frontmatter_not_mapping, invalid_encoding,
                    line_endings, unclosed_frontmatter, unreadable_file, unrecognised_frontmatter,
                    unsupported_frontmatter)

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
# Keys that make a frontmatter a pattern; `title` alone is not enough (section `_index.md` pages have one).
PATTERN_KEYS = ("id", "slug")
# The rules whose problems the reader finds (the YAML reader's too), each writing its own messages.
EMITS = frozenset(module.NAME for module in (
    unreadable_file, file_too_large, invalid_encoding, byte_order_mark, line_endings, empty_file,
    unclosed_frontmatter, frontmatter_not_mapping, unsupported_frontmatter, unrecognised_frontmatter)) | yamlnodes.EMITS
# Problems that only matter for files we check as patterns (a CRLF `_index.md` is not our business).
_HYGIENE_RULES = {byte_order_mark.NAME, line_endings.NAME}


@dataclass(slots=True)
class Document:
    path: str  # as shown to the user
    text: str | None = None  # decoded, line endings made LF; None when unreadable
    has_frontmatter: bool = False
    frontmatter_line: int = 0  # line of the first YAML line (1-based)
    frontmatter_end_line: int = 0  # line of the closing `---`
    frontmatter: Any = None
    positions: dict[tuple, yamlnodes.Located] = field(default_factory=dict)
    unreadable: set[int] = field(default_factory=set)  # id() of YAML nodes that could not be read
    walked: yamlnodes.Walked = field(default_factory=yamlnodes.Walked)  # what the YAML walk noted (yamlwalk.py)
    body: str = ""
    body_line: int = 1  # line of the body's first line
    problems: list[tuple[str, Problem]] = field(default_factory=list)
    is_pattern: bool = False
    format: Any = None  # lint.formats.Format once detected
    cache: dict[str, Any] = field(default_factory=dict)

    def add(self, rule: str, line: int, column: int, message: str) -> None:
        self.problems.append((rule, Problem(line, column, message)))

    def problems_of(self, rule: str):
        return (problem for name, problem in self.problems if name == rule)

    def position(self, path: tuple, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or key) at `path`, or of its nearest written ancestor."""
        return yamlnodes.position(self.positions, path, self.frontmatter_line or 1, key)

    def text_position(self, path: tuple) -> tuple[int, int]:
        """Where the text of the value at `path` starts: for a block scalar (`>-`, `|`), its first
        content line rather than the indicator."""
        located = self.positions.get(path)
        node = located.node if located else None
        if node is None or getattr(node, "style", None) not in (">", "|") or self.text is None:
            return self.position(path)
        lines = self.text.split("\n")
        for number in range(located.line + 1, min(len(lines), node.end_mark.line + self.frontmatter_line) + 1):
            content = lines[number - 1]
            if content.strip():
                return number, len(content) - len(content.lstrip(" ")) + 1
        return self.position(path)

    def readable(self, *path: Any) -> bool:
        """False when YAML could not read the value at `path` (it was reported and kept as text)."""
        located = self.positions.get(path)
        return located is None or id(located.node) not in self.unreadable

    def get(self, *path: Any, default: Any = None) -> Any:
        value = self.frontmatter
        for part in path:
            if isinstance(value, dict) and isinstance(part, str) and part in value:
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and -len(value) <= part < len(value):
                value = value[part]
            else:
                return default
        return value


def load(path: str, *, max_size: int = DEFAULT_MAX_FILE_SIZE, data: bytes | None = None,
         only: dict | None = None) -> Document:
    """The document at `path`; with `data`, those bytes stand for the file's content (a fix being checked).
    With `only`, the values it does not name are yamlnodes.SKIPPED (for the library index)."""
    doc = Document(path=path)
    if data is None:
        data = _read(doc, path, max_size)
    if data is None:
        return doc
    text = _decode(doc, data)
    if text is None:
        return doc
    doc.text = text
    _split(doc, text, only)
    if not doc.is_pattern:
        doc.problems = [(rule, p) for rule, p in doc.problems if rule not in _HYGIENE_RULES]
    return doc


def _read(doc: Document, path: str, max_size: int) -> bytes | None:
    """The file's bytes (files.read), or None with the problem that kept it from being read."""
    try:
        return files.read(path, max_size)
    except files.NotRegular:
        doc.add(unreadable_file.NAME, 1, 1, unreadable_file.not_a_regular_file())
    except files.TooLarge as exc:
        if exc.grew:
            doc.add(file_too_large.NAME, 1, 1, file_too_large.grew_too_large(max_size))
        else:
            doc.add(file_too_large.NAME, 1, 1, file_too_large.too_large(exc.size, max_size))
    except OSError as exc:
        doc.add(unreadable_file.NAME, 1, 1, unreadable_file.cannot_read(exc.strerror or str(exc)))
    return None


def _decode(doc: Document, data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc.add(invalid_encoding.NAME, 1, 1, invalid_encoding.utf16())
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        doc.add(byte_order_mark.NAME, 1, 1, byte_order_mark.byte_order_mark())
        data = data[3:]
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _byte_position(data, nul)
        doc.add(invalid_encoding.NAME, line, column, invalid_encoding.nul_bytes())
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        doc.add(invalid_encoding.NAME, line, column, invalid_encoding.not_utf8(data[exc.start]))
        return None
    if "\r" in text:
        crlf = text.find("\r\n")
        first_cr = text.find("\r")
        line = text.count("\n", 0, first_cr) + 1
        if crlf == first_cr and "\r" not in text.replace("\r\n", ""):
            doc.add(line_endings.NAME, line, 1, line_endings.crlf())
        else:
            doc.add(line_endings.NAME, line, 1, line_endings.bare_cr())
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _is_delimiter(line: str) -> bool:
    return line.rstrip(" \t") == "---"


def _closing_line(text: str, first_break: int) -> int | None:
    """The index (in `text.split("\n")`) of the first line after the first that `_is_delimiter`
    accepts, found with `str.find` rather than by testing each line."""
    pos = text.find("\n---", first_break) if first_break != -1 else -1
    while pos != -1:
        end = text.find("\n", pos + 4)
        if not text[pos + 4:end if end != -1 else len(text)].strip(" \t"):
            return text.count("\n", 0, pos + 1)
        pos = text.find("\n---", pos + 1)
    return None


def _split(doc: Document, text: str, only: dict | None = None) -> None:
    if not text.strip():
        doc.add(empty_file.NAME, 1, 1, empty_file.empty())
        return
    first_break = text.find("\n")
    first = text if first_break == -1 else text[:first_break]
    if not _is_delimiter(first):
        doc.body, doc.body_line = text, 1
        if first.rstrip() == "+++" or first.startswith("{"):
            _other_frontmatter(doc, text, "TOML (`+++`)" if first.rstrip() == "+++" else "JSON (`{`)")
        else:
            _near_miss(doc, text)
        return  # no frontmatter: not a pattern, skipped (unless it was meant to be one)
    lines = text.split("\n")
    close = _closing_line(text, first_break)
    if close is None and not _starts_like_yaml(lines[1:]):
        doc.body, doc.body_line = text, 1
        return  # a Markdown file that opens with a horizontal rule, not frontmatter
    doc.has_frontmatter = True
    if close is None:
        doc.is_pattern = _looks_like_pattern(lines[1:])
        doc.add(unclosed_frontmatter.NAME, 1, 1, unclosed_frontmatter.unclosed())
        return
    doc.frontmatter_line = 2
    doc.frontmatter_end_line = close + 1
    doc.body = "\n".join(lines[close + 1:])
    doc.body_line = close + 2
    parsed = yamlnodes.parse("\n".join(lines[1:close]), 2, only=only)
    for problem in parsed.problems:
        doc.add(problem.rule, problem.line, problem.column, problem.message)
    if not parsed.ok:
        doc.is_pattern = _looks_like_pattern(lines[1:close])
        return
    doc.frontmatter = parsed.value
    doc.positions = parsed.positions
    doc.unreadable = parsed.unreadable
    doc.walked = parsed.walked
    value = parsed.value
    if value is None:
        return  # empty frontmatter: nothing claims this is a pattern
    if not isinstance(value, dict):
        doc.is_pattern = _looks_like_pattern(lines[1:close])
        doc.add(frontmatter_not_mapping.NAME, 2, 1, frontmatter_not_mapping.not_a_mapping(value))
        return
    doc.is_pattern = any(key in value for key in PATTERN_KEYS)


_YAML_KEY = re.compile(r"[A-Za-z_][\w-]*:(?:\s|$)")


def _starts_like_yaml(lines: list[str]) -> bool:
    first = next((line for line in lines if line.strip() and not line.startswith("#")), "")
    return bool(_YAML_KEY.match(first))


_TOML_IDENTITY = re.compile(r'(?m)^[ \t]*"?(?:id|slug)"?[ \t]*[=:]')
_JSON_IDENTITY = re.compile(r'"(?:id|slug)"[ \t]*:')  # anywhere: JSON may be written on one line


def _other_frontmatter(doc: Document, text: str, kind: str) -> None:
    """TOML or JSON frontmatter is not read; a pattern written that way is told so (others are skipped)."""
    head = text[:20000]
    if _TOML_IDENTITY.search(head) or (kind.startswith("JSON") and _JSON_IDENTITY.search(head)):
        doc.is_pattern = True
        doc.add(unsupported_frontmatter.NAME, 1, 1, unsupported_frontmatter.not_yaml(kind))


# Characters that do not show, or show as space, around a `---` (str.strip() keeps the zero-width ones).
_UNSEEN = "\\s\ufeff\u200b-\u200d\u2060\u180e"
_NEAR_DELIMITER = re.compile(f"([{_UNSEEN}]*)(-{{3,}})([{_UNSEEN}]*)")
_BLANK = re.compile(f"[{_UNSEEN}]*")
_IDENTITY_KEY = re.compile(r"[ \t]*(?:id|slug)[ \t]*:(?:\s|$)")
NEAR_MISS_LINES = 200  # how far a near miss's frontmatter is looked into for an identity key


def _near_miss(doc: Document, text: str) -> None:
    """A file that does not open with `---` but meant to: its first visible line is a line of
    dashes after blank lines, spaces or invisible characters (a zero-width space, a second byte
    order mark), or is `----`, and the lines after it name an `id` or `slug`. No tool reads such
    frontmatter; the file is told so and counts as a pattern whose frontmatter cannot be read.
    Files whose first lines name no identity (a README opening with a rule) stay skipped."""
    lines = text[:65536].split("\n", NEAR_MISS_LINES + 20)[:NEAR_MISS_LINES + 20]
    opening = next((i for i, line in enumerate(lines[:20]) if not _BLANK.fullmatch(line)), None)
    found = _NEAR_DELIMITER.fullmatch(lines[opening]) if opening is not None else None
    if found is None:
        return
    for line in lines[opening + 1:opening + 1 + NEAR_MISS_LINES]:
        if _NEAR_DELIMITER.fullmatch(line):
            return  # its end, and no identity key before it
        if _IDENTITY_KEY.match(line):
            break
    else:
        return
    before, dashes, after = found.groups()
    reasons = []
    if opening:
        reasons.append(unrecognised_frontmatter.blank_lines(opening))
    if before.strip(" \t") or after.strip(" \t"):
        unseen = next(c for c in before + after if c not in " \t")
        first = unseen == "\ufeff" and opening == 0 and before[:1] == unseen  # the first BOM was taken off
        reasons.append(unrecognised_frontmatter.invisible(unseen, unseen in before, first))
    elif before:
        reasons.append(unrecognised_frontmatter.indented())
    if dashes != "---":
        reasons.append(unrecognised_frontmatter.dashes(dashes))
    doc.is_pattern = True
    doc.add(unrecognised_frontmatter.NAME, opening + 1, 1, unrecognised_frontmatter.unrecognised(reasons))


def _looks_like_pattern(lines: list[str]) -> bool:
    """For frontmatter we could not parse: does it still claim to be a pattern?"""
    return any(line.startswith(("id:", "slug:")) for line in lines)


@lru_cache(maxsize=4096)
def dotted(path: tuple) -> str:
    if not path:
        return "frontmatter"
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
