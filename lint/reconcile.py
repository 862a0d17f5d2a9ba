"""Facts the body states again: the confidence callout and the opening summary."""

from __future__ import annotations

from dataclasses import dataclass

from . import body as body_model
from . import sections

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
            rating = _parse_rating(line)
            if rating is not None:
                column, stars, shown, label, end = rating
                return Rating(block.line + offset, column, stars, shown, label, end)
    return None


def _parse_rating(line: str):
    """(column of the stars, star count, stars as written, label, column after the label) from
    `Confidence Rating: ★★☆ (Medium)`, `**Confidence Rating:** ★★☆`, `Confidence Rating: High`;
    string operations only (a regex with several optional blanks backtracks on long blank runs)."""
    at = line.find("Confidence Rating")
    if at < 0:
        return None
    position = at + len("Confidence Rating")
    rest = line[position:]
    stripped = rest.lstrip(" \t:*")
    position += len(rest) - len(stripped)
    stars = len(stripped) - len(stripped.lstrip("★☆"))
    shown = stripped[:stars]
    column = position + 1 if shown else at + 1
    after = stripped[stars:]
    tail = after.lstrip(" \t*")
    label_at = position + stars + (len(after) - len(tail))
    label, end = None, position + stars
    if tail.startswith("("):
        close = tail.find(")")
        if close > 0:
            label, end = tail[1:close].strip() or None, label_at + close + 1
    elif tail[:1].isalpha():
        word = tail.split("*")[0].strip()
        if len(word) <= 30 and all(c.isalnum() or c in " -_" for c in word):
            label, end = word, label_at + len(word)
    return column, (shown.count("★") if shown else None), shown, label, end + 1
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


def opening_without_summary(doc) -> body_model.Block | None:
    """For a format whose body must open with a summary (`body.summary.required`), the block that
    opens the body when nothing above the first section is a summary: nothing but `---` rules,
    HTML comments, a `#` title and callouts (`> [!NOTE] Confidence Rating ...`) comes before it.
    The first rule or callout, else the first section heading; None when there is a summary, or
    no heading at all (missing-section says so)."""
    facts = doc.format.body.get("summary") if doc.format else None
    if not isinstance(facts, dict) or facts.get("required") is not True:
        return None
    found = sections.of(doc)
    first_section = found.found[0].line if found.found else None
    first = None
    for block in body_model.of(doc).blocks:
        ends = (first_section is not None and block.line >= first_section) or \
            (block.kind == "heading" and block.level > 1)
        if ends:
            return first or block
        if block.kind == "blockquote" and _callout_first(block) or block.kind == "hr":
            first = first or block
        elif block.kind not in ("html", "reference", "heading"):
            return None  # a paragraph, a quoted summary, or content of another kind: not for this check
    return None


def _callout_first(block: body_model.Block) -> bool:
    """A blockquote whose first line is a callout or the confidence rating (a summary quoted on
    the lines before a callout is still a summary)."""
    line = block.text.split("\n", 1)[0]
    return block.callout is not None or "Confidence Rating" in line


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def normalise_text(text: str) -> str:
    return body_model.plain(text).translate(_QUOTES).strip().rstrip(".!?").strip()
