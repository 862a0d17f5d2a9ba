"""Facts the body states again: the confidence callout and the opening summary."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import body as body_model
from . import sections

_RATING = re.compile(r"Confidence Rating\s*:?\s*(?:\*\*)?\s*([★☆]+)?\s*(?:\*\*)?\s*"
                     r"(?:\(([^)\n]*)\)|(?<=[\s:*])([A-Za-z][\w -]{0,30}?)\s*(?:\*\*)?\s*$)?")


@dataclass
class Rating:
    line: int
    column: int
    stars: int | None  # number of ★, None when the callout shows no stars
    shown: str  # the star string as written
    label: str | None
    end_column: int = 0  # just after the label (or the stars)


def stars(count: int, out_of: int = 3) -> str:
    return "★" * count + "☆" * (out_of - count)


def confidence_rating(doc) -> Rating | None:
    """The first blockquote in the body that states a `Confidence Rating`."""
    for block in body_model.of(doc).blocks:
        if block.kind != "blockquote" or "Confidence Rating" not in block.text:
            continue
        for offset, line in enumerate(block.text.split("\n")):
            match = _RATING.search(line)
            if match:
                shown = match.group(1) or ""
                column = (match.start(1) if shown else match.start(3) if match.group(3) else match.start()) + 1
                label = (match.group(2) or match.group(3) or "").strip() or None
                end = match.end(2) + 1 if match.group(2) is not None else (match.end(3) if match.group(3) else match.end(1))
                return Rating(block.line + offset, column, shown.count("★") if shown else None, shown, label, end + 1)
    return None


def body_summary(doc) -> body_model.Block | None:
    """The paragraph or blockquote that opens the body, before the confidence callout and the first section."""
    found = sections.of(doc)
    first_section = found.found[0].line if found.found else None
    for block in body_model.of(doc).blocks:
        if first_section is not None and block.line >= first_section:
            return None
        if block.kind == "heading" and block.level > 1:
            return None  # a section the format does not know: the opening is over
        if block.kind == "blockquote" and ("Confidence Rating" in block.text or block.callout):
            return None
        if block.kind in ("paragraph", "blockquote"):
            return block
    return None


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def normalise_text(text: str) -> str:
    return body_model.plain(text).translate(_QUOTES).strip().rstrip(".!?").strip()
