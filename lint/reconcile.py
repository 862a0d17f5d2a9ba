"""Facts the body states again: the confidence callout and the opening summary."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from . import body as body_model
from . import sections
from .edits import writable
from .document import dotted
from .findings import Edit, Fix


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


# Typography that reads the same: curly and straight quotes, the dashes (hyphen, en, em, minus,
# `--`), the spaces around a dash (`emergence — and`, `emergence—and`; a folded YAML line that ends in
# `co-` reads `co- owned`), soft hyphens and zero-width characters, spaces before punctuation.
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                         "‚": "'", "‛": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-",
                         "−": "-", "…": "...", "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None,
                         "\u2060": None, "\ufeff": None})
_DASH = re.compile(r"\s*-{1,3}\s*")
_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[,.;:!?)])|(?<=\()\s+")


_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")  # the backslash of a Markdown escape
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")  # no bracket inside: linear on "[[[["


def normalise_text(text: str) -> str:
    """The text as a reader sees it: markup, links (their text), line breaks and typography (see
    _QUOTES) left out; the closing sentence mark too."""
    return _typographic(text).rstrip(".!?").strip()


# A sentence ends at . ! ? (or an ellipsis), perhaps closed by quotes or brackets, before a space.
_SENTENCE_END = re.compile(r"(?:[.!?]|\.\.\.)[\"')\]]*$")
_NEXT_SENTENCE = re.compile(r"(?:[.!?]|\.\.\.)[\"')\]]* ")


def leading_sentences(body: str, front: str) -> bool:
    """Whether the text `body` is the first whole sentence or sentences of the text `front`, read
    as normalise_text reads them (the spec's body summary is one sentence; the frontmatter's may be
    two). The body's last sentence mark may be left out."""
    return _leading(_typographic(body), _typographic(front))


def _leading(ours: str, theirs: str) -> bool:
    if not ours or len(ours) >= len(theirs) or not theirs.startswith(ours):
        return False
    rest = theirs[len(ours):]
    return bool(rest[0] == " " and _SENTENCE_END.search(ours) or _NEXT_SENTENCE.match(rest))


def _typographic(text: str) -> str:
    if "\\" in text:
        text = _ESCAPE.sub("", text)
    if "[" in text:  # (each expression needs its first character: a search for one character is cheap)
        text = _LINK.sub(r"\1", text)
    text = body_model.plain(text).translate(_QUOTES)
    if "-" in text:
        text = _DASH.sub("-", text)
    return _BEFORE_PUNCTUATION.sub("", text).strip()


def summary_fix(block, summary: str):
    """Rewrite the body's summary from the frontmatter (unsafe: the body may be the better text).
    The summary's lines are written as they are; in a paragraph without its blank lines (a blank
    line would end the paragraph, and the rest would follow the summary on every run). A summary
    with a control character or another line break than `\n`, or that Markdown would not read as
    one block of the same kind (a line that starts a heading or a list), is not copied. The indentation
    before the summary and the white space after it stay."""
    lines = summary.strip().split("\n")
    if not all(writable(line) for line in lines):
        return None
    quoted = block.kind == "blockquote"
    text = "\n".join((f"> {line}" if line.strip() else ">") if quoted else line
                     for line in lines if line.strip() or quoted)
    if [b.kind for b in body_model.parse(text, 1).blocks] != [block.kind]:
        return None  # the body would read it otherwise (a heading, a list, two blocks): left to the author
    written = block.text.split("\n")
    first, last = written[0], written[-1]
    start = len(first) - len(first.lstrip(" ")) + 1
    return Fix("copy the frontmatter summary into the body", False,
               (Edit(block.line, start, block.end_line, len(last.rstrip(" \t")) + 1, text),))


# -- the body's summary against the frontmatter's --------------------------------------------------

# A body summary that has at least this share of the shorter text's words, in order, in common with
# the frontmatter summary is a copy of it that was edited on one side (`summary-mismatch`); below it,
# the two are different texts, an epigraph or a rewording (`summary-differs`). On the real files the
# copies share 0.71 to 1.0 of their words, the different texts 0.08 to 0.43.
COPY_SHARE = 0.5
_COMPARED_WORDS = 400


@dataclass
class SummaryComparison:
    kind: str  # "copy": an edited copy of the frontmatter summary; "different": another text
    detail: str  # what differs, quoting the words as written
    shared: int  # words in common, in order
    body_words: int
    front_words: int


def summaries(doc) -> tuple[body_model.Block, str, SummaryComparison] | None:
    """(the body's opening summary, the frontmatter's, how they differ) for summary-mismatch and
    summary-differs; None when either is missing or they read the same."""
    facts = doc.format.body.get("summary")
    summary = doc.get(*facts["path"]) if facts else None
    block = body_summary(doc) if isinstance(summary, str) else None
    if block is None:
        return None
    compared = compare_summary(block.text, summary, dotted(tuple(facts["path"])))
    return None if compared is None else (block, summary, compared)


def compare_summary(body: str, front: str, name: str) -> SummaryComparison | None:
    """None when the body's summary reads as the frontmatter's `front` (named `name` in messages):
    the same text after normalise_text, or its first whole sentence(s). Otherwise how they differ."""
    ours_read, theirs_read = _typographic(body), _typographic(front)
    if ours_read.rstrip(".!?").strip() == theirs_read.rstrip(".!?").strip() or _leading(ours_read, theirs_read):
        return None
    ours, theirs = _tokens(body), _tokens(front)
    a, b = [t[0] for t in ours], [t[0] for t in theirs]
    # SequenceMatcher is quadratic in the worst case: a summary is a sentence or two, so a few hundred words
    # are compared (a 1 MB summary of one repeated word must not take minutes).
    matcher = difflib.SequenceMatcher(None, a[:_COMPARED_WORDS], b[:_COMPARED_WORDS], autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    kind = "copy" if a and b and shared >= COPY_SHARE * min(len(a), len(b), _COMPARED_WORDS) else "different"
    shown_ours, shown_theirs = [t[1] for t in ours], [t[1] for t in theirs]
    if len(a) < len(b) and b[:len(a)] == a:
        detail = (f"the body stops mid-sentence after {len(a)} of the {len(b)} words of `{name}`, before "
                  f"\"{_quote(shown_theirs, len(a))}\"")
    elif len(a) > len(b) and a[:len(b)] == b:
        detail = f"the body goes on after the last word of `{name}`: \"{_quote(shown_ours, len(b))}\""
    elif a == b:
        detail = "the same words, with other punctuation"
    else:
        same = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        where = f"after \"{_quote(shown_ours[max(0, same - 3):same], 0)}\" " if same else ""
        detail = (f"{shared} of the body's {len(a)} words in common; {where}the body has "
                  f"\"{_quote(shown_ours, same)}\" where `{name}` has \"{_quote(shown_theirs, same)}\"")
    return SummaryComparison(kind, detail, shared, len(a), len(b))


_NO_SPACE = "\x00"  # marks a word written right after a dash (`works—decision-making`)


def _quote(words: list[str], start: int, count: int = 6) -> str:
    shown = " ".join(words[start:start + count]).replace(" " + _NO_SPACE, "").replace(_NO_SPACE, "")
    return shown + (" …" if len(words) > start + count else "") if shown else "(nothing)"


_DASH_SPLIT = re.compile(r"([\u2010-\u2015\u2212]|-{2,})")  # a dash between words: a word ends there
_PUNCT = ",.;:!?()[]\"'*_"


def _tokens(text: str) -> list[tuple[str, str]]:
    """The words of `text` as (normalised, as written) pairs, counted as a reader counts them: a
    dash ends a word whether or not spaces surround it (`emergence—and`, `emergence — and`: two
    words either way), a hyphen inside a word does not (`decision-making`: one), punctuation is no
    word and no part of one, and a word ending in a hyphen before a line join (`co- owned`, a folded
    YAML line) is one word with the next, as normalise_text reads it."""
    written = body_model.plain(_LINK.sub(r"\1", _ESCAPE.sub("", text))).split()[:_COMPARED_WORDS * 2]
    tokens: list[list[str]] = []  # [normalised, as written]
    glue_next, opening = False, ""
    for word in written:
        if not word.strip("-"):  # a spaced hyphen used as a dash
            if tokens:
                tokens[-1][1] += " " + word
            continue
        parts = _DASH_SPLIT.split(word)
        for i in range(0, len(parts), 2):
            piece, dash = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
            plain = piece.translate(_QUOTES).strip(_PUNCT).lower()
            if not plain:  # punctuation alone: shown with its neighbour
                if tokens and not piece.strip("([\"'“‘"):
                    tokens[-1][1] += (" " if i == 0 and not piece else "") + piece + dash
                elif piece:
                    opening += piece
                continue
            if tokens and glue_next:
                tokens[-1][0] += plain
                tokens[-1][1] += " " + opening + piece + dash
            else:  # a word after a dash inside a written word is shown without the space _quote puts between
                tokens.append([plain, (_NO_SPACE if i else "") + opening + piece + dash])
            opening = ""
            glue_next = not dash and i == len(parts) - 1 and plain.endswith("-")
    # a word is shown up to 40 characters
    return [(normalised, _shorten(shown)) for normalised, shown in tokens]


def _shorten(word: str, limit: int = 40) -> str:
    return word if len(word) <= limit else word[:limit] + "…"
