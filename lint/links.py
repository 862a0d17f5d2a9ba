"""The links a pattern makes: relationship entries, inferred links and Markdown links in the body.

Where each format keeps them is data (`"links"` in `schemas/<format>/format.json`): the
mappings of relationship lists, and the list of inferred links with the key that names
the target. An entry names its target as a string (slug or TypeID) or as a mapping with
`slug`, `id` (real files put either a slug or a TypeID there) or `target`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from . import body as body_model

TARGET_KEYS = ("slug", "id", "target")


@dataclass(frozen=True)
class Link:
    kind: str  # "relationship", "inferred" or "body"
    type: str | None  # the relationship type (its list's key) or the inferred link's `type`
    target: str  # as written: a slug, a TypeID, or the slug a body link's URL names
    line: int
    column: int
    path: tuple | None = None  # the frontmatter path of the entry; None for body links
    index: int = -1  # place in its list


def of(doc) -> list[Link]:
    cached = doc.cache.get("links")
    if cached is None:
        cached = doc.cache["links"] = _frontmatter_links(doc) + _body_links(doc)
    return cached


def frontmatter_links(doc) -> list[Link]:
    """The relationship entries and inferred links, without parsing the body for its links."""
    cached = doc.cache.get("links")
    return [k for k in cached if k.kind != "body"] if cached is not None else _frontmatter_links(doc)


def relationships(doc) -> list[Link]:
    return [link for link in of(doc) if link.kind == "relationship"]


def _frontmatter_links(doc) -> list[Link]:
    facts = doc.format.links if doc.format is not None else {}
    out: list[Link] = []
    only = set(facts.get("relationship_keys", ()))  # lists kept beside other keys (the flat formats)
    for group in facts.get("relationships", ()):
        mapping = doc.get(*group) if group else doc.frontmatter
        if not isinstance(mapping, dict):
            continue
        for kind, entries in mapping.items():
            if isinstance(entries, list) and (not only or kind in only):
                out += _entries(doc, tuple(group) + (kind,), entries, "relationship", kind)
    inferred = facts.get("inferred")
    if inferred:
        entries = doc.get(*inferred["path"])
        if isinstance(entries, list):
            out += _entries(doc, tuple(inferred["path"]), entries, "inferred", None)
    return out


def _entries(doc, path: tuple, entries: list, kind: str, link_type: str | None) -> list[Link]:
    out = []
    for index, entry in enumerate(entries):
        target, where = _target(entry)
        if target is None:
            continue  # the schema rules report entries without a target
        line, column = doc.position(path + (index,) + where)
        entry_type = entry.get("type") if kind == "inferred" and isinstance(entry, dict) else link_type
        out.append(Link(kind, entry_type if isinstance(entry_type, str) else link_type, target, line, column,
                        path + (index,), index))
    return out


def _target(entry) -> tuple[str | None, tuple]:
    if isinstance(entry, str) and entry.strip():
        return entry.strip(), ()
    if isinstance(entry, dict):
        for key in TARGET_KEYS:
            value = entry.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip(), (key,)
    return None, ()


# Inline links `[text](url "title")` (not images `![alt](src)`) and reference definitions `[label]: url`.
_INLINE = re.compile(r"(?<!!)\[(?:[^\[\]\n]|\n(?![ \t]*\n)|\[[^\[\]\n]*\])*\]\(\s*<?([^()\s<>]+)>?"
                     r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE = re.compile(r"(?m)^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SIBLING_DIR = re.compile(r"\.\.?/([a-z0-9-]++)/?$")  # then checked against the slug grammar
_NOT_PATTERNS = {"readme", "index", "_index", "changelog", "license", "contributing"}
_TEXT_BLOCKS = {"paragraph", "list", "blockquote", "table", "heading", "reference"}


def pattern_slug_of_url(url: str) -> str | None:
    """The slug a body link points at, when its URL is a link to a pattern; else None."""
    url = url.split("#", 1)[0].split("?", 1)[0]
    if not url or _SCHEME.match(url):
        return None
    name = url.rstrip("/").rsplit("/", 1)[-1]
    if url.endswith(".md"):
        stem = name[:-3]
        return stem if stem.lower() not in _NOT_PATTERNS and re.fullmatch(_SLUG, stem) else None
    parts = url.rstrip("/").split("/")
    if "patterns" in parts[:-1] and re.fullmatch(_SLUG, name):  # /patterns/[section/]slug/
        return name
    match = _SIBLING_DIR.match(url)
    return match.group(1) if match and re.fullmatch(_SLUG, match.group(1)) else None


def has_link_mark(text: str) -> bool:
    """`"](" in text or "]:" in text`: a search for `]`, which is fast, then a look at the next
    character (a two-character `in` costs 20 µs on a 20 kB text that is not ASCII)."""
    at = text.find("]")
    while at != -1:
        if text[at + 1:at + 2] in ("(", ":"):
            return True
        at = text.find("]", at + 1)
    return False


def _body_links(doc) -> list[Link]:
    if not has_link_mark(doc.body):
        return []
    out = []
    for block in body_model.of(doc).blocks:
        if block.kind not in _TEXT_BLOCKS or not has_link_mark(block.text):
            continue
        text = body_model.without_inline_code(block.prose, keep_columns=True)
        for match in (_REFERENCE if block.kind == "reference" else _INLINE).finditer(text):
            slug = pattern_slug_of_url(match.group(1))
            if slug is not None:
                line, column = body_model.line_and_column(block, match.start(1))
                out.append(Link("body", None, slug, line, column))
    return out


def lookup_key(target: str) -> str:
    """What a link target is looked up by: a `.md` file name works as its slug."""
    key = target.strip()
    return key[:-3] if key.endswith(".md") else key


def names_of(path: str, is_pattern: bool, frontmatter) -> set[str]:
    """Every name a link may use for this file (its TypeID, slug and file name), as library._entry and
    Library.resolve see them; empty for a file that is not a pattern."""
    if not is_pattern:
        return set()
    stem = os.path.splitext(os.path.basename(path))[0]
    if not isinstance(frontmatter, dict):
        return {stem} - {""}
    return {_text(frontmatter.get("slug")), _text(frontmatter.get("id")), stem} - {None, ""}


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
