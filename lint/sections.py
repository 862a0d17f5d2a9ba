"""The format's required sections, recognised in the headings real files use.

`### Section 1: Context`, `### 1. Context`, `## Context`, `### **2. Problem**` and longer
titles that start with the canonical one (`Cognitive Era Considerations`, `Vitality: The
Quality Without a Name`) all name a section; `Contextual Factors` does not name Context.
The section level is the heading level most of the recognised headings use, so a
`#### Problem framing` inside the Solution section is content, not a second Problem.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import body as body_model

_NUMBER = re.compile(r"^(?:section\s+)?(\d+)\s*[.:)\-–—]?\s*[:.\-–—]?\s*", re.IGNORECASE)


@dataclass
class Found:
    name: str  # canonical name
    index: int  # 1-based place in the canonical order
    number: int | None  # the number written in the heading, if any
    section: body_model.Section
    first: bool  # False for a second section of the same name

    @property
    def line(self) -> int:
        return self.section.line


@dataclass
class Sections:
    names: list[str]
    found: list[Found]  # in document order
    level: int | None  # heading level of the sections, None when no section was recognised
    style: str  # how this file writes a section heading, `{n}` and `{name}` to fill in

    def first(self, name: str) -> Found | None:
        return next((f for f in self.found if f.name == name and f.first), None)


def recognise(title: str, names: list[str]) -> tuple[str, int | None] | None:
    text = title[:300].strip().strip("*_ ").strip()  # a section's name is near the start of its title
    number = None
    match = _NUMBER.match(text)
    if match:
        number = int(match.group(1))
        text = text[match.end():].strip("*_ ")
    lowered = text.lower()
    for name in names:
        wanted = name.lower()
        if lowered.startswith(wanted) and (len(lowered) == len(wanted) or not lowered[len(wanted)].isalnum()):
            return name, number
    return None


def of(doc) -> Sections:
    cached = doc.cache.get("sections")
    if cached is None:
        cached = doc.cache["sections"] = _find(doc)
    return cached


def _find(doc) -> Sections:
    parsed = body_model.of(doc)
    names = _names(doc.format.body, parsed)
    levels = Counter(h.level for h in parsed.headings if recognise(h.title, names))
    if not levels:
        return Sections(names, [], None, "### Section {n}: {name}")
    level = min(levels, key=lambda lv: (-levels[lv], lv))
    found: list[Found] = []
    seen: set[str] = set()
    for section in parsed.sections(level):
        recognised = recognise(section.title, names)
        if recognised:
            name, number = recognised
            found.append(Found(name, names.index(name) + 1, number, section, name not in seen))
            seen.add(name)
    # A required section whose heading has another level than the others (`### 8.` among `##`) is
    # there all the same: a formatting slip, not a missing section.
    for heading in parsed.headings:
        recognised = recognise(heading.title, names) if heading.level != level else None
        if recognised and recognised[0] not in seen:
            name, number = recognised
            section = next(s for s in parsed.sections(heading.level) if s.heading is heading)
            found.append(Found(name, names.index(name) + 1, number, section, True))
            seen.add(name)
    found.sort(key=lambda f: f.line)
    return Sections(names, found, level, _style([f for f in found if f.section.heading.level == level], level))


def _names(facts: dict, parsed: body_model.Body) -> list[str]:
    """The format's section list; with variants, the one whose names most headings use."""
    variants = facts.get("section_variants") or [facts.get("sections", [])]
    titles = [h.title for h in parsed.headings]
    return max(variants, key=lambda names: sum(1 for t in titles if recognise(t, names)))


def _style(found: list[Found], level: int) -> str:
    hashes = "#" * level
    sample = found[0].section.title if found else ""
    if re.match(r"(?i)section\s+\d", sample):
        return hashes + " Section {n}: {name}"
    if re.match(r"\d", sample):
        return hashes + " {n}. {name}"
    return hashes + " {name}"


def out_of_order(found: Sections) -> list[tuple[Found, Found, str]]:
    """Required sections out of place: (section, neighbour, "after" or "before").

    The sections that stay are the longest run already in order; each of the others is
    reported once, with the section it should follow (or precede, when it belongs first).
    """
    firsts = [f for f in found.found if f.first]
    keep = _longest_increasing(firsts)
    out = []
    for section in firsts:
        if id(section) in keep:
            continue
        after = [f for f in firsts if id(f) in keep and f.index < section.index]
        if after:
            out.append((section, after[-1], "after"))
        else:
            before = next(f for f in firsts if id(f) in keep and f.index > section.index)
            out.append((section, before, "before"))
    return out


def _longest_increasing(sections: list[Found]) -> set[int]:
    best: list[list[Found]] = []
    for i, section in enumerate(sections):
        run = max((best[j] for j in range(i) if sections[j].index < section.index), key=len, default=[])
        best.append(run + [section])
    longest = max(best, key=len, default=[])
    return {id(f) for f in longest}


def is_empty(section: body_model.Section) -> bool:
    """No text: nothing but `---` rules and HTML comments."""
    return not any(_has_text(block) for block in section.blocks)


def _has_text(block: body_model.Block) -> bool:
    if block.kind == "hr":
        return False
    if block.kind == "html":
        return bool(_without_comments(block.text).strip())
    return True


def _without_comments(text: str) -> str:
    """Text outside `<!-- ... -->` (a linear scan: `<!--.*?-->` is quadratic on unclosed comments)."""
    out, position = [], 0
    while True:
        start = text.find("<!--", position)
        if start < 0:
            out.append(text[position:])
            return "".join(out)
        end = text.find("-->", start + 4)
        out.append(text[position:start])
        if end < 0:
            return "".join(out)
        position = end + 3


def blocks_as_read(doc, found: Found) -> list[body_model.Block]:
    """A section's blocks as its reader takes them. In a file whose section headings are written
    with `#`, a paragraph with a `---` right under it (CommonMark's setext heading, level 2) is a
    slip for a paragraph and a rule: it stays in the section, as a paragraph, and so does what
    follows it, up to the next `#` heading of the section's level or above."""
    heading = found.section.heading
    blocks = body_model.of(doc).blocks
    if _is_setext(heading):
        return list(found.section.blocks)
    start = next((i for i, block in enumerate(blocks) if block is heading), None)
    if start is None:
        return list(found.section.blocks)
    out = []
    for block in blocks[start + 1:]:
        if block.kind == "heading" and block.level <= heading.level:
            if not (_is_setext(block) and block.text.rstrip().endswith("-")):
                break
            lines = block.text.split("\n")[:-1]
            block = body_model.Block("paragraph", block.line, block.line + len(lines) - 1, "\n".join(lines))
        out.append(block)
    return out


def _is_setext(heading: body_model.Block) -> bool:
    return not heading.text.lstrip(" ").startswith("#")


def lacking_statement(doc, key: str) -> tuple[Found, dict] | None:
    """(the section, the facts) when the format's `key` statement (`problem_statement`, ...) is missing
    from a section that has text (an empty section is empty-section's, a missing one missing-section's)."""
    facts = doc.format.body.get(key)
    section = of(doc).first(facts["section"]) if facts else None
    if section is None or is_empty(section.section) or statement(section, facts["prefix"]) is not None:
        return None
    return section, facts


def statement(section: Found, prefix: str) -> tuple[body_model.Block, str] | None:
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

