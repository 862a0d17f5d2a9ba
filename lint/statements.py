"""The bold statements that open a section (`> **The core conflict is ...**`, `> **Therefore, ...**`):
finding them, and comparing their text."""

from __future__ import annotations

import re

from . import body as body_model
from . import sections


def lacking_statement(doc, key: str) -> tuple[sections.Found, dict] | None:
    """(the section, the facts) when the format's `key` statement (`problem_statement`, ...) is missing
    from a section that has text (an empty section is empty-section's, a missing one missing-section's)."""
    facts = doc.format.body.get(key)
    section = sections.of(doc).first(facts["section"]) if facts else None
    if section is None or sections.is_empty(section.section) or statement(section, facts["prefix"]) is not None:
        return None
    return section, facts


def statement(section: sections.Found, prefix: str) -> tuple[body_model.Block, str] | None:
    """The section's bold `prefix ...` statement (blockquote or paragraph) and the text after the prefix."""
    for block in section.section.blocks:
        if block.kind not in ("blockquote", "paragraph"):
            continue
        stripped = re.sub(r"(?m)^\s{0,3}>\s?", "", block.text).lstrip()
        if not stripped.startswith(("**", "__")):
            continue
        text = body_model.plain(stripped)
        if text.lower().startswith(prefix.lower()):
            return block, text[len(prefix):].strip(" ,:").rstrip(".!").strip()
    return None


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def normalise(text: str) -> str:
    text = " ".join(text.translate(_QUOTES).casefold().split())
    text = re.sub(r"\bvs\.?(?=\s)", "vs", text)
    return text.strip("\"' ").rstrip(".!?;:").strip("\"' ")

