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

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
# Keys that make a frontmatter a pattern; `title` alone is not enough (section `_index.md` pages have one).
PATTERN_KEYS = ("id", "slug")
# Problems that only matter for files we check as patterns (a CRLF `_index.md` is not our business).
_HYGIENE_RULES = {"byte-order-mark", "line-endings"}


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
        while path not in self.positions and path:
            path = path[:-1]
        located = self.positions.get(path)
        if located is None:
            return (self.frontmatter_line or 1, 1)
        return (located.key_line, located.key_column) if key else (located.line, located.column)

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
        doc.add("unreadable-file", 1, 1, "not a regular file (a folder, pipe or device); "
                "pattern files must be plain files")
    except files.TooLarge as exc:
        if exc.grew:
            doc.add("file-too-large", 1, 1, f"file grew past the limit of {max_size:,} bytes while being read; "
                    "it was not checked")
        else:
            doc.add("file-too-large", 1, 1, f"file is {exc.size:,} bytes, more than the limit of "
                    f"{max_size:,}; it was not read. Split it, or raise the limit if it is really a pattern")
    except OSError as exc:
        doc.add("unreadable-file", 1, 1, f"cannot read the file: {exc.strerror or exc}; "
                "check that it exists and is readable")
    return None


def _decode(doc: Document, data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc.add("invalid-encoding", 1, 1, "file is UTF-16; save it as UTF-8 (without byte order mark)")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        doc.add("byte-order-mark", 1, 1, "file starts with a UTF-8 byte order mark, which hides the "
                "frontmatter from many site generators; save the file as UTF-8 without BOM")
        data = data[3:]
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _byte_position(data, nul)
        doc.add("invalid-encoding", line, column, "file contains NUL bytes: it is binary, not Markdown text; "
                "remove it from the library or restore the text")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        doc.add("invalid-encoding", line, column, f"byte 0x{data[exc.start]:02x} is not valid UTF-8; "
                "re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)")
        return None
    if "\r" in text:
        crlf = text.find("\r\n")
        first_cr = text.find("\r")
        line = text.count("\n", 0, first_cr) + 1
        if crlf == first_cr and "\r" not in text.replace("\r\n", ""):
            doc.add("line-endings", line, 1, "file uses CRLF (Windows) line endings; convert it to LF "
                    "(`git config core.autocrlf input`, or your editor's line-ending setting)")
        else:
            doc.add("line-endings", line, 1, "file uses bare CR line endings (mixed or classic Mac), which "
                    "many tools read as one long line; convert it to LF line endings")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _is_delimiter(line: str) -> bool:
    return line.rstrip(" \t") == "---"


def _split(doc: Document, text: str, only: dict | None = None) -> None:
    if not text.strip():
        doc.add("empty-file", 1, 1, "file is empty; write the pattern or delete the file")
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
    close = next((i for i in range(1, len(lines)) if _is_delimiter(lines[i])), None)
    if close is None and not _starts_like_yaml(lines[1:]):
        doc.body, doc.body_line = text, 1
        return  # a Markdown file that opens with a horizontal rule, not frontmatter
    doc.has_frontmatter = True
    if close is None:
        doc.is_pattern = _looks_like_pattern(lines[1:])
        doc.add("unclosed-frontmatter", 1, 1, "frontmatter opened here is never closed; add a line `---` "
                "after its last YAML line (everything after it is the body)")
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
    value = parsed.value
    if value is None:
        return  # empty frontmatter: nothing claims this is a pattern
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else f"a single value ({type(value).__name__})"
        doc.is_pattern = _looks_like_pattern(lines[1:close])
        doc.add("frontmatter-not-mapping", 2, 1, f"frontmatter is {kind}, not a mapping of keys to values; "
                "write it as `key: value` lines")
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
        doc.add("unsupported-frontmatter", 1, 1, f"{kind} frontmatter is not read: pattern files keep their "
                "frontmatter as YAML between `---` lines; convert it")


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
        reasons.append(f"{'a blank line comes' if opening == 1 else f'{opening} blank lines come'} before `---`")
    if before.strip(" \t") or after.strip(" \t"):
        unseen = next(c for c in before + after if c not in " \t")
        where = "comes before" if unseen in before else "follows"
        first = unseen == "\ufeff" and opening == 0 and before[:1] == unseen  # the first BOM was taken off
        name = "a second byte order mark (U+FEFF)" if first else f"an invisible character ({_describe(unseen)})"
        reasons.append(f"{name} {where} `---`")
    elif before:
        reasons.append("`---` is indented")
    if dashes != "---":
        reasons.append(f"the opening line is `{dashes}`, not `---`")
    doc.is_pattern = True
    doc.add("unrecognised-frontmatter", opening + 1, 1, "this file names an `id` or `slug` in what looks like "
            f"frontmatter, but no tool reads it as frontmatter: {'; '.join(reasons)}; make the file's first line "
            "exactly `---` (until then its frontmatter is not checked)")


def _describe(char: str) -> str:
    import unicodedata

    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"


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
