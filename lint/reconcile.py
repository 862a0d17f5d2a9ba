"""Facts the body states again: the confidence callout and the opening summary."""

from __future__ import annotations

import re
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
    # How the callout is written where it does not render as one: "joined" (its `> [!NOTE]` is
    # not the first line of its blockquote, glued to the blockquote above), "unquoted" (its
    # `[!NOTE]` line has no `>`); None for a callout that renders (or a rating without `[!...]`).
    malformed: str | None = None
    callout_line: int = 0  # the line of the `[!NOTE]` marker (0 when there is none)
    block: body_model.Block | None = None  # the block the rating was read from


def stars(count: int, out_of: int = 3) -> str:
    return "★" * count + "☆" * (out_of - count)


def confidence_rating(doc) -> Rating | None:
    """The first blockquote in the body that states a `Confidence Rating`, or the first paragraph
    with a `[!NOTE] Confidence Rating` callout written without `>` (the callout is then `malformed`)."""
    cached = doc.cache.get("confidence_rating", False)
    if cached is not False:
        return cached
    found = None
    for block in body_model.of(doc).blocks:
        if block.kind not in ("blockquote", "paragraph", "heading") or "Confidence Rating" not in block.text:
            continue
        if block.kind == "heading" and block.end_line == block.line:
            continue  # an ATX heading; a setext one is a paragraph with a `---` under it (paragraph-read-as-heading)
        found = _rating_in(block)
        if found is not None:
            break
    doc.cache["confidence_rating"] = found
    return found


def _rating_in(block: body_model.Block) -> Rating | None:
    lines = block.text.split("\n")
    if block.kind == "heading":
        lines.pop()  # the setext underline
    for offset, line in enumerate(lines):
        rating = _parse_rating(line)
        if rating is None:
            continue
        marker = callout_marker(lines, offset)
        if block.kind != "blockquote" and marker is None:
            return None  # a sentence about the rating, not a callout: missing-confidence-rating's case
        malformed = None
        if marker is not None and not _QUOTED.match(lines[marker]):
            malformed = "unquoted"  # in a paragraph, or a lazy line of the blockquote above
        elif marker is not None and marker > 0:
            malformed = "joined"
        column, stars, shown, label, end = rating
        return Rating(block.line + offset, column, stars, shown, label, end, malformed,
                      block.line + marker if marker is not None else 0, block)
    return None


# A callout's marker, `[!NOTE]`, after a blockquote's `>` or without one (up to three spaces first).
_MARKER = re.compile(r" {0,3}(?:>[ \t]?)?[ \t]*\[!\w+\]")
_QUOTED = re.compile(r" {0,3}>")


def callout_marker(lines: list[str], offset: int) -> int | None:
    """The index of the `[!NOTE]` line that opens the callout whose rating is on `lines[offset]`:
    that line, or the one just before it (`> [!NOTE]` alone, the rating under it); None for none."""
    if _MARKER.match(lines[offset]):
        return offset
    if offset > 0 and _MARKER.match(lines[offset - 1]) and not lines[offset - 1].split("]", 1)[1].strip():
        return offset - 1
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
        rating = confidence_rating(doc)
        if rating is not None and rating.block is block and rating.callout_line > block.line:
            return _before_callout(block, rating.callout_line)  # the summary, with the callout glued under it
        if rating is not None and rating.block is block:
            return None  # the callout opens the body: no summary
        if block.kind == "blockquote" and ("Confidence Rating" in block.text or block.callout):
            return None
        if block.kind in ("paragraph", "blockquote"):
            return block
    return None


def _before_callout(block: body_model.Block, callout_line: int) -> body_model.Block | None:
    """The lines of `block` above its glued callout, without the quote marks-only lines (`>`) at their end."""
    lines = block.text.split("\n")[:callout_line - block.line]
    while lines and not lines[-1].strip(" \t>"):
        lines.pop()
    if not lines:
        return None
    return body_model.Block(block.kind, block.line, block.line + len(lines) - 1, "\n".join(lines))


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
