"""Moving along the library's links in the editor: the link under the cursor, the pattern it names
(go to definition, hover), the patterns that link to this one (references), and the slugs a
relationship list can take (completion).

A link is a relationship entry, an inferred link or a Markdown link in the body to another pattern
(links.py), as the index holds it: its target as written, and where it starts. Its extent is the
word written there (up to a space, comma, closing bracket or quote).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .. import engine, library as library_module, links as links_module
from ..records import Record
from .protocol import Lines

_WORD = re.compile(r"[^\s,\]\}\)>'\"]*")


@dataclass(frozen=True)
class Place:
    """A link's target as written, where it starts (0-based line, character) and ends."""

    link: links_module.Link
    line: int
    start: int
    end: int


def links_in(record: Record | None, lines: Lines) -> list[Place]:
    out = []
    for link in (record.links if record is not None and record.format is not None else ()):
        number = link.line - 1
        text = lines.line(number)
        start = link.column - 1 + (1 if lines.bom and number == 0 else 0)
        if start < len(text) and text[start] in "'\"":
            start += 1
        end = start + len(_WORD.match(text, min(start, len(text))).group())
        out.append(Place(link, number, start, end))
    return out


def link_at(record: Record | None, lines: Lines, line: int, character: int) -> Place | None:
    """The link whose written target holds the cursor (0-based line, character index)."""
    for place in links_in(record, lines):
        if place.line == line and place.start <= character <= place.end:
            return place
    return None


def summary_of(doc) -> str | None:
    """A pattern's summary from its document: the format's summary field, else `summary`; None
    without a document."""
    if doc is None:
        return None
    path = ("summary",)
    if doc.format is not None:
        path = tuple((doc.format.body.get("summary") or {}).get("path") or path)
    value = doc.get(*path)
    return value.strip() if isinstance(value, str) and value.strip() else None


def hover_text(target: str, found: Record | None, doc, count: int, suggestion: str | None) -> str:
    """Markdown for a hover on a link to `target`."""
    if found is None:
        where = f"no such pattern among the library's {count:,} pattern{'s' * (count != 1)}"
        hint = f"; did you mean `{suggestion}`?" if suggestion else ""
        return f"`{target}`: {where}{hint}"
    fm = found.frontmatter if isinstance(found.frontmatter, dict) else {}
    title = fm.get("title") if isinstance(fm.get("title"), str) else None
    slug = fm.get("slug") if isinstance(fm.get("slug"), str) else os.path.splitext(os.path.basename(found.path))[0]
    status = found.facts.get("status")
    head = f"**{_escape(title)}** (`{slug}`)" if title else f"`{slug}`"
    parts = [head + (f" · status: {_escape(str(status))}" if status not in (None, "") else "")]
    summary = summary_of(doc)
    if summary:
        parts.append(_escape(summary))
    parts.append(f"`{found.path}`")
    return "\n\n".join(parts)


def plain(markdown: str) -> str:
    """hover_text's Markdown as plain text, for a client that shows no Markdown."""
    text = re.sub(r"\*\*(.*?)\*\*", r"\1", markdown)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return re.sub(r"\\([\\`*_{}\[\]<>()#+!|])", r"\1", text)


def _escape(text: str) -> str:
    """Text shown as Markdown as written (no HTML, no links made from it)."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|])", r"\\\1", text)


def read(path: str, settings):
    """The document of a file on disk (None when it cannot be read)."""
    try:
        return engine.load(path, settings)
    except Exception:
        return None


# -- completion ----------------------------------------------------------------------------------

_ITEM = re.compile(r"^(\s*)-\s+(?:(?:slug|id|target):\s*)?['\"]?([\w.-]*)$")
_FLOW = re.compile(r"^(\s*)([\w-]+):\s*\[([^\]]*)$")
_KEY = re.compile(r"^(\s*)(?:-\s+)?([\w-]+):\s*(?:#.*)?$")
_INNER_KEY = re.compile(r"^(\s*)(?:slug|id|target):\s*['\"]?([\w.-]*)$")


def completion_context(lines: Lines, line: int, character: int) -> tuple[tuple, str] | None:
    """(the key path of the list the cursor is in, the word typed so far) when the cursor is at an
    entry of a list in the frontmatter; else None."""
    if lines.line(0).lstrip("\ufeff").rstrip() != "---":
        return None
    for number in range(1, line):
        if lines.line(number).rstrip() in ("---", "..."):
            return None  # past the frontmatter
    before = lines.line(line)[:character]
    flow = _FLOW.match(before)
    if flow:
        word = re.split(r"[,\s'\"]", flow.group(3))[-1]
        return _parents(lines, line, len(flow.group(1))) + (flow.group(2),), word
    item = _ITEM.match(before)
    inner = _INNER_KEY.match(before) if not item else None
    if item is None and inner is None:
        return None
    indent = len((item or inner).group(1))
    word = (item or inner).group(2)
    if inner is not None:  # `  slug: ...` inside a list entry: the list is above the entry's `-`
        for number in range(line - 1, 0, -1):
            text = lines.line(number)
            dash = re.match(r"^(\s*)-\s", text)
            if dash and len(dash.group(1)) < indent:
                indent = len(dash.group(1))
                line = number
                break
        else:
            return None
    return _parents(lines, line, indent, item_at=True), word


def _parents(lines: Lines, line: int, indent: int, item_at: bool = False) -> tuple:
    """The keys above `line` that hold what starts at `indent` (a list item may sit at its key's indent)."""
    path: list[str] = []
    limit = indent + (1 if item_at else 0)  # `key:` then `- item` at the same indent
    for number in range(line - 1, 0, -1):
        text = lines.line(number)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        key = _KEY.match(text)
        own = len(text) - len(text.lstrip())
        if key and own < limit:
            path.append(key.group(2))
            limit = own
            if own == 0:
                break
        elif own < limit and not key:
            if text.lstrip().startswith("-"):
                limit = own
                continue
            break
    return tuple(reversed(path))


def is_link_list(path: tuple, formats) -> bool:
    """Whether the list at `path` holds links in one of `formats` (where format.json says they are)."""
    for fmt in formats:
        facts = fmt.links
        only = set(facts.get("relationship_keys", ()))
        for group in facts.get("relationships", ()):
            group = tuple(group)
            if len(path) == len(group) + 1 and path[:len(group)] == group and (not only or path[-1] in only):
                return True
        inferred = facts.get("inferred")
        if inferred and path == tuple(inferred["path"]):
            return True
    return False


def completions(records, word: str, exclude: set[str], limit: int = 100) -> tuple[list[tuple[str, str | None]], bool]:
    """(slug, title) of the patterns whose slug or title holds `word` (those whose slug begins with
    it first), at most `limit`; and whether more were left out."""
    wanted = library_module.slugify(word) if word else ""
    first, then = [], []
    for record in records:
        names = library_module.names_for_suggestions(record)
        if names is None or not names[0] or names[0] in exclude:
            continue
        slug, title = names[0], names[1]
        if not wanted or slug.startswith(wanted):
            first.append((slug, title))
        elif wanted in slug or (title and wanted in library_module.slugify(title)):
            then.append((slug, title))
    found = sorted(first) + sorted(then)
    return found[:limit], len(found) > limit
