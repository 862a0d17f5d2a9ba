"""The format's required sections, recognised in the headings real files use.

`### Section 1: Context`, `### 1. Context`, `## Context`, `### **2. Problem**` and longer
titles that start with the canonical one (`Cognitive Era Considerations`, `Vitality: The
Quality Without a Name`) all name a section; `Contextual Factors` does not name Context.
A format may give other spellings of a name (`section_aliases`: `Seven Pillars Assessment`).
The section level is the heading level most of the recognised headings use, so a
`#### Problem framing` inside the Solution section is content, not a second Problem.

A format may have several layouts (`section_variants`, named by `section_layout_names`); a
file is judged against the one whose sections it has most of, and is said to
- follow it (its missing sections are real gaps, each reported),
- mix it with another layout (it lacks some of this layout's sections and has sections only
  another layout names: one finding says so), or
- follow none (fewer than half of the layout's sections, and more unrecognised headings than
  recognised ones at the section level, as in a GoF-style Intent/Motivation/Structure file:
  one finding names the layouts expected and the headings found).
An empty skeleton (three or more empty section headings in a row whose sections are written
out further down) is set aside: the sections are the written ones, the skeleton is one finding.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from . import body as body_model

_NUMBER = re.compile(r"^(?:section\s+)?(\d+)\s*[.:)\-–—]?\s*[:.\-–—]?\s*", re.IGNORECASE)


@dataclass
class Found:
    name: str  # canonical name
    index: int  # 1-based place in the canonical order
    number: int | None  # the number written in the heading, if any
    section: body_model.Section
    first: bool  # False for a second section of the same name
    place: int | None = None  # 1-based place among the file's numbered section headings, if numbered

    @property
    def line(self) -> int:
        return self.section.line


@dataclass
class Layout:
    name: str  # "v7.1", "legacy", ... ("" when the format names none)
    names: list[str]

    @property
    def title(self) -> str:
        return f"the {self.name} layout" if self.name else "the format's layout"


@dataclass
class Foreign:
    """A section-level heading that names a section of another layout only."""
    name: str
    layout: Layout
    section: body_model.Section

    @property
    def line(self) -> int:
        return self.section.line


@dataclass
class Skeleton:
    """Empty section headings in a row above the sections that repeat them with text."""
    sections: list[body_model.Section]
    repeated_at: int  # line of the first written section that repeats one of them


@dataclass
class Sections:
    names: list[str]
    found: list[Found]  # in document order
    level: int | None  # heading level of the sections, None when no section was recognised
    style: str  # how this file writes a section heading, `{n}` and `{name}` to fill in
    layout: Layout | None = None  # the layout the file is judged against
    layouts: list[Layout] = field(default_factory=list)  # all of the format's layouts
    fit: str = "follows"  # "follows", "mixed" or "none" (see the module's doc)
    foreign: list[Foreign] = field(default_factory=list)  # headings of another layout (fit "mixed")
    headings: list[body_model.Section] = field(default_factory=list)  # the section-level sections, skeleton aside
    skeletons: list[Skeleton] = field(default_factory=list)

    def first(self, name: str) -> Found | None:
        return next((f for f in self.found if f.name == name and f.first), None)

    @property
    def missing(self) -> list[str]:
        present = {f.name for f in self.found}
        return [name for name in self.names if name not in present]


class Matcher:
    """Recognises the section names (and their `aliases`) in heading titles; remembers each title's answer."""

    def __init__(self, names: list[str], aliases: dict | None = None):
        self.spellings = [(name, spelling.lower()) for name in names
                          for spelling in [name] + [a for a in ((aliases or {}).get(name) or []) if isinstance(a, str)]]
        self.digit_first = any(spelling[:1].isdigit() for _, spelling in self.spellings)
        self.seen: dict[str, tuple[str, int | None] | None] = {}

    def match(self, title: str) -> tuple[str, int | None] | None:
        try:
            return self.seen[title]
        except KeyError:
            if len(self.seen) > 20_000:  # a Matcher lasts the process (`matcher`): bound its memory
                self.seen.clear()
            return self.seen.setdefault(title, self._match(title))

    def _match(self, title: str) -> tuple[str, int | None] | None:
        text = title[:300].strip().strip("*_ ").strip()  # a section's name is near the start of its title
        match = _NUMBER.match(text)
        if match:
            found = self._at_start(text[match.end():].strip("*_ "))
            if found:
                return found, int(match.group(1))
            if not self.digit_first:
                return None
        found = self._at_start(text)  # `7 Pillars Assessment`: the digit is the name's
        return (found, None) if found else None

    def _at_start(self, text: str) -> str | None:
        lowered = text.lower()
        for name, wanted in self.spellings:
            if lowered.startswith(wanted) and (len(lowered) == len(wanted) or not lowered[len(wanted)].isalnum()):
                return name
        return None


def recognise(title: str, names: list[str], aliases: dict | None = None) -> tuple[str, int | None] | None:
    return matcher(names, aliases).match(title)


_MATCHERS: dict[tuple, tuple[dict | None, Matcher]] = {}


def matcher(names: list[str], aliases: dict | None = None) -> Matcher:
    """The Matcher of these names and aliases, built once per process (a format's aliases are one
    dict), so that each distinct heading title is recognised once per run, not once per file and
    layout: files repeat the same headings (`### 1. Context`)."""
    aliases = aliases or None
    key = (tuple(names), id(aliases))
    entry = _MATCHERS.get(key)
    if entry is None or entry[0] is not aliases:
        if len(_MATCHERS) > 1000:
            _MATCHERS.clear()
        entry = _MATCHERS[key] = (aliases, Matcher(names, aliases))
    return entry[1]


def number_of(title: str) -> int | None:
    """The number a heading starts with (`### 3. Solution`, `### Section 3: ...`), if any."""
    match = _NUMBER.match(title[:300].strip().strip("*_ ").strip())
    return int(match.group(1)) if match else None


def of(doc) -> Sections:
    cached = doc.cache.get("sections")
    if cached is None:
        cached = doc.cache["sections"] = _find(doc)
    return cached


def _find(doc) -> Sections:
    parsed = body_model.of(doc)
    facts = doc.format.body
    aliases = facts.get("section_aliases") if isinstance(facts.get("section_aliases"), dict) else {}
    layouts = _layouts(facts)
    titles = [h.title for h in parsed.headings]
    layout = _best(layouts, titles, aliases)
    names = layout.names
    match = matcher(names, aliases).match
    levels = Counter(h.level for h in parsed.headings if match(h.title))
    if not levels:
        return Sections(names, [], None, "### Section {n}: {name}", layout, layouts, "none")
    level = min(levels, key=lambda lv: (-levels[lv], lv))
    at_level = parsed.sections(level)
    skeletons = _skeletons(at_level, parsed, match)
    set_aside = {id(s.heading) for skeleton in skeletons for s in skeleton.sections}
    at_level = [s for s in at_level if id(s.heading) not in set_aside]
    found: list[Found] = []
    seen: set[str] = set()
    for section in at_level:
        recognised = match(section.title)
        if recognised:
            name, number = recognised
            found.append(Found(name, names.index(name) + 1, number, section, name not in seen))
            seen.add(name)
    # A required section whose heading has another level than the others (`### 8.` among `##`) is
    # there all the same: a formatting slip, not a missing section.
    for heading in parsed.headings:
        recognised = match(heading.title) if heading.level != level else None
        if recognised and recognised[0] not in seen and id(heading) not in set_aside:
            name, number = recognised
            section = next(s for s in parsed.sections(heading.level) if s.heading is heading)
            found.append(Found(name, names.index(name) + 1, number, section, True))
            seen.add(name)
    found.sort(key=lambda f: f.line)
    _places(found, at_level)
    result = Sections(names, found, level, _style([f for f in found if f.section.heading.level == level], level),
                      layout, layouts, "follows", [], at_level, skeletons)
    result.fit, result.foreign = _fit(result, match, aliases)
    return result


def _layouts(facts: dict) -> list[Layout]:
    variants = facts.get("section_variants") or [facts.get("sections") or []]
    labels = facts.get("section_layout_names") or []
    out = []
    for i, names in enumerate(variants):
        label = labels[i] if i < len(labels) and isinstance(labels[i], str) else ""
        out.append(Layout(label, [n for n in names if isinstance(n, str)]))
    return out


def _best(layouts: list[Layout], titles: list[str], aliases: dict) -> Layout:
    """The layout whose sections the headings name most of (ties: the one lacking fewest)."""
    def score(layout: Layout) -> tuple[int, int]:
        match = matcher(layout.names, aliases).match
        present = {r[0] for r in (match(t) for t in titles) if r}
        return len(present), len(present) - len(layout.names)
    return max(layouts, key=score)


def _skeletons(at_level: list[body_model.Section], parsed: body_model.Body, match) -> list[Skeleton]:
    """Runs of three or more empty section headings whose sections are written out further down."""
    lines: dict[str, list[int]] = {}  # each name's heading lines, in order
    for heading in parsed.headings:
        recognised = match(heading.title)
        if recognised:
            lines.setdefault(recognised[0], []).append(heading.line)
    out: list[Skeleton] = []
    run: list[body_model.Section] = []
    for section in at_level + [None]:
        if section is not None and is_empty(section):
            run.append(section)
            continue
        named = {r[0] for r in (match(s.title) for s in run) if r}
        if len(named) >= 3:
            end = run[-1].line
            later = [found[0] for found in (lines[name][bisect.bisect_right(lines[name], end):] for name in named)
                     if found]
            if 2 * len(later) >= len(named):
                out.append(Skeleton(run, min(later)))
        run = []
    return out


def _places(found: list[Found], at_level: list[body_model.Section]) -> None:
    """Each numbered section's place among the file's numbered section headings (its own sequence)."""
    numbers = {id(f.section.heading): f.number for f in found}  # `7 Pillars Assessment` is not numbered 7
    sections = [s for s in at_level
                if (numbers[id(s.heading)] if id(s.heading) in numbers else number_of(s.title)) is not None]
    ids = {id(s.heading) for s in sections}
    sections += [f.section for f in found if f.number is not None and id(f.section.heading) not in ids]
    sections.sort(key=lambda s: s.line)
    place = {id(s.heading): i for i, s in enumerate(sections, 1)}
    for f in found:
        if f.number is not None:
            f.place = place.get(id(f.section.heading))


def _fit(found: Sections, match, aliases: dict) -> tuple[str, list[Foreign]]:
    missing = found.missing
    if not missing:
        return "follows", []
    present = {f.name for f in found.found}
    others = [(layout, matcher([n for n in layout.names if n not in found.names], aliases).match)
              for layout in found.layouts if layout is not found.layout]
    foreign = []
    for section in found.headings:
        for layout, other in others:
            recognised = other(section.title)
            if recognised:
                foreign.append(Foreign(recognised[0], layout, section))
                break
    recognised = sum(1 for s in found.headings if match(s.title))
    if 2 * len(present) < len(found.names) and len(found.headings) - recognised > recognised:
        return "none", []
    return ("mixed", foreign) if foreign else ("follows", [])


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


def empty_runs(found: Sections) -> list[list[Found]]:
    """The required sections with no text, grouped into runs of neighbours (no written heading between)."""
    empty = {id(f.section.heading): f for f in found.found if is_empty(f.section)}
    runs: list[list[Found]] = []
    run: list[Found] = []
    for section in found.headings:
        hit = empty.pop(id(section.heading), None)
        if hit is not None:
            run.append(hit)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    runs += [[f] for f in empty.values()]  # sections at another heading level than the others
    return sorted(runs, key=lambda r: r[0].line)


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
