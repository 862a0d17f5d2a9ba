"""Write a synthetic pattern library with known defects, and the findings the linter must report.

    python bench/generate.py N DIR [--seed S] [--manifest PATH] [--clean | --findings-per-file K]

Writes N pattern files `DIR/<slug>.md`, deterministic for a given N and seed, shaped like
the real ones: about 60% in the v7.1 grouped format (banner comment blocks per group, the
seven groups, eight sections with the problem and solution statements, known uses, a
confidence callout and an opening summary that agree with the frontmatter) and 40% in the
flat classification format (top-level TypeID relationship lists, the eight legacy
sections). Each file has 3-8 relationship entries pointing at other generated files; a
clean file gets no finding at all from `lint` with the default rules.

About one file in twenty carries one injected defect (`DEFECTS`; every kind appears at
least once from N = 200). The findings each defect must produce are worked out here from
the lines as they are written, never by running the linter, and saved as the manifest
(default `DIR/manifest.json`): a sorted JSON list of {"path", "rule", "line", "column"},
`path` relative to DIR. `--clean` writes no defects (and an empty manifest).

`--findings-per-file K` (1 to 3) gives a library with many findings, as a real one can have:
besides the defects above, every file that has none (or one of the kinds below) gets K
defects in all, drawn from the kinds that give one finding each wherever they stand together
(`STACKABLE`: dangling-link, unknown-vocabulary, one of missing-section and section-order, and
in v7.1 files confidence-mismatch and overall-score-mismatch). Files whose identity a defect
breaks, and the two files of a pair defect, keep their one defect.

Defects and where they are reported:

- dangling-link: an extra `enables` entry naming no pattern; at the entry.
- duplicate-id: a file takes another clean file's id; on both files, at `id`.
- confidence-mismatch (v7.1): the callout shows other stars than `lifecycle.confidence`; at the stars.
- overall-score-mismatch (v7.1): `overall_score` off the mean by 0.3; at its value.
- missing-section: a section (not the last) left out; at the heading of the section after it.
- section-order: the second section moved after the fourth; at its heading.
- yaml-syntax: an unquoted title with `: ` in it; at that colon.
- invalid-typeid: the id in uppercase; at `id`.
- unknown-vocabulary: status `stabel`; at its value.
- missing-reciprocal-link: one half of a generalizes_from/specializes_to pair left out; on
  the file that lacks it, at its (empty) list's key.

Knock-on effects are avoided by construction: files whose identity a defect breaks
(yaml-syntax, duplicate-id, invalid-typeid) are never linked to and take part in no
generalization pair; generalization only runs from a lower to a higher file index, so it
cannot loop; no file lists one target twice, so no list has duplicates or exclusive
conflicts. Keeping it fast (100,000 files in about a minute): the library is planned in
one pass with O(1) work per link, and the prose comes from a sentence pool drawn once.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
from collections import Counter
from dataclasses import dataclass, field

DEFECTS = ("dangling-link", "duplicate-id", "confidence-mismatch", "overall-score-mismatch", "missing-section",
           "section-order", "yaml-syntax", "invalid-typeid", "unknown-vocabulary", "missing-reciprocal-link")
DEFECT_EVERY = 20  # one file in this many carries a defect
V7_ONLY = {"confidence-mismatch", "overall-score-mismatch"}  # facts the classification format does not state
UNLINKABLE = {"yaml-syntax", "duplicate-id", "invalid-typeid"}  # identity broken: nothing may link to the file
V7_SHARE = 0.6
# Defects one file can carry together, each giving one finding where it alone would (--findings-per-file):
# groups of kinds, one kind drawn per group; the two section defects share a group (both move headings).
STACKABLE = {"v7": (("dangling-link",), ("confidence-mismatch",), ("overall-score-mismatch",),
                    ("missing-section", "section-order"), ("unknown-vocabulary",)),
             "classification": (("dangling-link",), ("missing-section", "section-order"), ("unknown-vocabulary",))}
MAX_PER_FILE = min(len(groups) for groups in STACKABLE.values())

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
BANNER = "# " + "═" * 67
V7_TYPES = ("generalizes_from", "specializes_to", "enables", "requires", "alternatives", "complementary", "tools")
CLASSIFICATION_TYPES = ("generalizes_from", "specializes_to", "enables", "requires", "related")
V7_SECTIONS = ("Context", "Problem", "Solution", "Implementation", "Consequences", "Known Uses", "Cognitive Era",
               "Vitality")
CLASSIFICATION_SECTIONS = ("Overview", "Core Principles", "Key Practices", "Implementation", "7 Pillars Assessment",
                           "When to Use", "Anti-Patterns and Gotchas", "References")
SCORES = ("stakeholder_architecture", "value_creation", "resilience", "ownership", "autonomy", "composability",
          "fractal_value")
PILLARS = ("Purpose", "Governance", "Culture", "Incentives", "Knowledge", "Technology", "Resilience")
STARS = {1: "★☆☆ (Low)", 2: "★★☆ (Medium)", 3: "★★★ (High)"}
CALLOUT = "> [!NOTE] Confidence Rating: "
# Sections a missing-section defect may leave out: not the last (it is reported at the next one), none that
# carries a fact another rule checks.
DROPPABLE = {"v7": ("Context", "Implementation", "Consequences", "Cognitive Era"),
             "classification": ("Key Practices", "Implementation", "7 Pillars Assessment", "When to Use")}
# Vitality bands (lowest score of each) and the word that names them in vitality_reasoning.
BANDS = ((4.5, "generative"), (3.5, "sustaining"), (2.0, "functional"), (0.0, "extractive"))

# Words for slugs and prose. None of them names a vitality band, cites a score, or looks like a template placeholder.
WORDS = ("commons stewardship ledger trust governance value stream boundary network alliance resilience feedback "
         "learning practice circle budget ownership autonomy pattern design system community care market platform "
         "protocol signal capacity ritual garden orchard river harvest seed weave bridge compass lantern harbor "
         "mosaic relay canopy root current tide beacon forge anchor meadow council charter guild cohort mentor "
         "steward keeper commitment agreement tension rhythm cycle threshold field map story voice table hearth "
         "archive library workshop studio exchange credit dividend surplus reserve mutual shared open local regional "
         "distributed layered nested patient careful steady living").split()
VERBS = "builds keeps opens shares tends grows holds links guides shapes gathers carries balances renews".split()
DOMAINS = "governance finance community technology education health ecology culture operations strategy".split()
USAGE_STAGES = ("ideation", "design", "implementation", "operation", "recognition")
ADOPTION_STAGES = ("emerging", "growth", "mature")
STATUSES = ("draft", "revised", "stable")
# The classification format's own vocabularies (schemas/classification/format.json: its library's validator's)
CLASSIFICATION_STATUSES = ("draft", "review", "published")
CLASSIFICATION_DOMAINS = ("governance", "operations", "finance", "technology", "culture", "security", "startup")


@dataclass(slots=True)
class Pattern:
    index: int
    slug: str
    id: str
    format: str  # "v7" or "classification"
    defect: str | None = None
    partner: int | None = None  # the other file of a duplicate-id or missing-reciprocal-link defect
    links: dict[str, list[int]] = field(default_factory=dict)  # relationship type -> target indices
    extras: tuple[str, ...] = ()  # more defects of the kinds in STACKABLE (--findings-per-file)

    def has(self, kind: str) -> bool:
        return self.defect == kind or kind in self.extras

    @property
    def title(self) -> str:
        return self.slug.replace("-", " ").title()

    @property
    def linkable(self) -> bool:
        return self.defect not in UNLINKABLE

    @property
    def path(self) -> str:
        return self.slug + ".md"


def generate(count: int, folder: str, seed: int = 1, defects: bool = True, per_file: int = 0) -> list[dict]:
    """Write `count` patterns into `folder`; return the manifest entries (sorted)."""
    return write(count, folder, seed, defects, per_file)[0]


def write(count: int, folder: str, seed: int = 1, defects: bool = True,
          per_file: int = 0) -> tuple[list[dict], Counter]:
    """`generate`, also returning counts: files per format, bytes, frontmatter bytes."""
    patterns = plan(count, seed, defects, per_file)
    pool = Pool(random.Random(seed))
    os.makedirs(folder, exist_ok=True)
    manifest, counts = [], Counter()
    for pattern in patterns:
        text = render(pattern, patterns, pool, random.Random(seed * 1_000_003 + pattern.index))
        with open(os.path.join(folder, pattern.path), "wb") as handle:
            handle.write(text.data)
        counts[pattern.format] += 1
        counts["bytes"] += len(text.data)
        counts["frontmatter bytes"] += text.frontmatter_bytes
        manifest += [{"path": pattern.path, "rule": rule, "line": line, "column": column}
                     for rule, line, column in text.findings]
    manifest.sort(key=lambda e: (e["path"], e["line"], e["column"], e["rule"]))
    return manifest, counts


# --- Planning: names, formats, defects and links for the whole library -------------------------------------------


def plan(count: int, seed: int, defects: bool, per_file: int = 0) -> list[Pattern]:
    rng = random.Random(seed)
    slugs, ids = _slugs(count, rng), _typeids(count, rng)
    patterns = [Pattern(i, slugs[i], ids[i], "v7" if rng.random() < V7_SHARE else "classification")
                for i in range(count)]
    if defects:
        _assign_defects(patterns, rng)
        if per_file:  # a generator of its own: the library is otherwise the one without the option
            _assign_extras(patterns, random.Random(seed * 7_919 + per_file), per_file)
    for pattern in patterns:
        pattern.links = {kind: [] for kind in _types(pattern)}
    for pattern in patterns:
        if pattern.defect == "missing-reciprocal-link":  # the partner writes its half, this file does not
            low, high = sorted((pattern.index, pattern.partner))
            _write_pair(patterns, low, high, general=low != pattern.index, special=high != pattern.index)
    _pair_generalizations(patterns, rng)
    _add_links(patterns, rng)
    return patterns


def _slugs(count: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        slug = "-".join(rng.sample(WORDS, rng.randint(2, 3)))
        if slug in seen:
            slug = f"{slug}-{len(out)}"  # words have no digits: a numbered slug is unique
        seen.add(slug)
        out.append(slug)
    return out


def _typeids(count: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        value = typeid(rng)
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


def typeid(rng: random.Random) -> str:
    """A valid TypeID that looks like a 2026 one: `pat_01k` and 23 more base32 characters."""
    bits = rng.getrandbits(115)
    return "pat_01k" + "".join(CROCKFORD[(bits >> shift) & 31] for shift in range(0, 115, 5))


def _types(pattern: Pattern) -> tuple[str, ...]:
    return V7_TYPES if pattern.format == "v7" else CLASSIFICATION_TYPES


def _assign_defects(patterns: list[Pattern], rng: random.Random) -> None:
    """The kinds in turn, each on the next free file of a shuffled order; some take a clean partner."""
    order = iter(rng.sample(range(len(patterns)), len(patterns)))
    for number in range(len(patterns) // DEFECT_EVERY):
        kind = DEFECTS[number % len(DEFECTS)]
        pattern = next((patterns[i] for i in order if _free(patterns[i])), None)
        if pattern is None:
            return
        if kind in ("duplicate-id", "missing-reciprocal-link"):
            partner = _free_neighbour(patterns, pattern.index, below=rng.random() < 0.5)
            if partner is None:
                continue
            pattern.partner, partner.partner = partner.index, pattern.index
            if kind == "duplicate-id":
                partner.defect, pattern.id = kind, partner.id
        pattern.defect = kind
        if kind in V7_ONLY:
            pattern.format = "v7"


def _assign_extras(patterns: list[Pattern], rng: random.Random, per_file: int) -> None:
    """Every file gets stackable defects up to `per_file` in all: the files without a defect, and
    those whose one defect is stackable (counted in). Files with another defect (their identity
    broken, or one of a pair) are left as they are."""
    if not 0 < per_file <= MAX_PER_FILE:
        raise ValueError(f"findings per file: 1 to {MAX_PER_FILE}")
    for pattern in patterns:
        if pattern.partner is not None:
            continue
        groups = STACKABLE[pattern.format]
        own = [g for g in groups if pattern.defect in g]
        if pattern.defect is not None and not own:
            continue
        free = [g for g in groups if g not in own]
        chosen = rng.sample(free, per_file - len(own))
        pattern.extras = tuple(rng.choice(group) for group in chosen)


def _free(pattern: Pattern) -> bool:
    return pattern.defect is None and pattern.partner is None


def _free_neighbour(patterns: list[Pattern], index: int, below: bool) -> Pattern | None:
    """The nearest file without a defect or a partner, looking first below `index` or first above it."""
    down, up = range(index - 1, -1, -1), range(index + 1, len(patterns))
    others = itertools.chain(down, up) if below else itertools.chain(up, down)
    return next((patterns[i] for i in others if _free(patterns[i])), None)


def _write_pair(patterns: list[Pattern], low: int, high: int, general: bool = True, special: bool = True) -> None:
    """The lower file generalizes_from the higher, the higher specializes_to the lower: every generalization
    edge runs from a higher index to a lower one, so the hierarchy cannot loop."""
    if general:
        patterns[low].links["generalizes_from"].append(high)
    if special:
        patterns[high].links["specializes_to"].append(low)


def _pair_generalizations(patterns: list[Pattern], rng: random.Random) -> None:
    """About one file in three generalizes from one a little further on, which takes at most two such links."""
    for low, pattern in enumerate(patterns):
        high = low + rng.randint(1, 30)
        if rng.random() < 0.35 and high < len(patterns) and _pairable(pattern) and _pairable(patterns[high]) \
                and len(patterns[high].links["specializes_to"]) < 2:
            _write_pair(patterns, low, high)


def _pairable(pattern: Pattern) -> bool:
    return pattern.linkable and pattern.defect != "missing-reciprocal-link"


def _add_links(patterns: list[Pattern], rng: random.Random) -> None:
    """Fill each file up to 3-8 entries with its one-way lists; a file names each target once."""
    linkable = [p.index for p in patterns if p.linkable]
    for pattern in patterns:
        kinds = _types(pattern)[2:]  # the lists after generalizes_from and specializes_to
        used = {pattern.index, *(t for targets in pattern.links.values() for t in targets)}
        wanted = rng.randint(3, 8) - (len(used) - 1)
        attempts = 3 * wanted if linkable else 0  # a tiny library may not have enough targets
        while wanted > 0 and attempts > 0:
            attempts -= 1
            target = linkable[rng.randrange(len(linkable))]
            if target not in used:
                used.add(target)
                pattern.links[rng.choice(kinds)].append(target)
                wanted -= 1


# --- Prose ---------------------------------------------------------------------------------------------------------


class Pool:
    """Sentences drawn once per seed; files pick from them (drawing every word per file is too slow)."""

    def __init__(self, rng: random.Random, size: int = 800) -> None:
        self.sentences = [self._sentence(rng) for _ in range(size)]

    @staticmethod
    def _sentence(rng: random.Random) -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
        words.insert(rng.randint(1, len(words) - 1), rng.choice(VERBS))
        return " ".join(words).capitalize() + "."

    def sentence(self, rng: random.Random) -> str:
        return self.sentences[rng.randrange(len(self.sentences))]

    def paragraph(self, rng: random.Random, low: int = 4, high: int = 6) -> str:
        return " ".join(rng.choices(self.sentences, k=rng.randint(low, high)))

    def wrapped(self, rng: random.Random, sentences: int, width: int = 88) -> list[str]:
        """Some sentences as lines of at most `width` characters (for folded YAML and blockquotes)."""
        lines: list[str] = []
        current = ""
        for word in " ".join(rng.choices(self.sentences, k=sentences)).split():
            if current and len(current) + 1 + len(word) > width:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        return lines + [current]


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.sample(WORDS, count)).title()


# --- Rendering: one file, its lines counted as they are written --------------------------------------------------


class Text:
    """A file being written: `lines[n - 1]` is file line n; `findings` the (rule, line, column) it must get."""

    def __init__(self) -> None:
        self.lines = ["---"]
        self.findings: list[tuple[str, int, int]] = []
        self.frontmatter_bytes = 0
        self.data = b""

    @property
    def next_line(self) -> int:
        return len(self.lines) + 1

    @property
    def last_line(self) -> int:
        return len(self.lines)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def expect(self, rule: str, line: int, column: int) -> None:
        self.findings.append((rule, line, column))

    def close_frontmatter(self) -> None:
        self.lines.append("---")
        self.frontmatter_bytes = len("\n".join(self.lines).encode()) + 1

    def finish(self) -> "Text":
        self.data = ("\n".join(self.lines) + "\n").encode()
        return self


def render(pattern: Pattern, patterns: list[Pattern], pool: Pool, rng: random.Random) -> Text:
    """One pattern file in its format, with the findings its defect must produce."""
    text = Text()
    summary = pool.wrapped(rng, 2)
    if pattern.format == "v7":
        confidence = rng.randint(1, 3)
        _v7_frontmatter(text, pattern, patterns, pool, rng, summary, confidence)
        _v7_body(text, pattern, pool, rng, summary, confidence)
    else:
        _classification_frontmatter(text, pattern, patterns, rng, summary)
        _classification_body(text, pattern, pool, rng)
    return text.finish()


def _identity(text: Text, pattern: Pattern, quote: str) -> None:
    """`id`, `slug` and `title`, with the identity defects."""
    written = "pat_" + pattern.id[4:].upper() if pattern.defect == "invalid-typeid" else pattern.id
    if pattern.defect in ("invalid-typeid", "duplicate-id"):
        text.expect(pattern.defect, text.next_line, len("id: ") + 1)
    text.add(f"id: {written}", f"slug: {pattern.slug}")
    if pattern.defect == "yaml-syntax":  # a plain scalar cannot hold `: `; the parser stops at that colon
        text.expect("yaml-syntax", text.next_line, len(f"title: {pattern.title}") + 1)
        text.add(f"title: {pattern.title}: A Working Draft")
    else:
        text.add(f"title: {quote}{pattern.title}{quote}")


def _status(text: Text, pattern: Pattern, rng: random.Random, indent: str, statuses=STATUSES) -> None:
    if pattern.has("unknown-vocabulary"):
        text.expect("unknown-vocabulary", text.next_line, len(f"{indent}status: ") + 1)
        text.add(f"{indent}status: stabel")
    else:
        text.add(f"{indent}status: {rng.choice(statuses)}")


def _missing_half(pattern: Pattern) -> str | None:
    """The reciprocal list this file leaves without its partner (missing-reciprocal-link)."""
    if pattern.defect != "missing-reciprocal-link":
        return None
    return "specializes_to" if pattern.partner < pattern.index else "generalizes_from"


def _group(text: Text, number: int, name: str) -> None:
    text.add(BANNER, f"# GROUP {number}: {name}", BANNER)


def _v7_frontmatter(text: Text, pattern: Pattern, patterns: list[Pattern], pool: Pool, rng: random.Random,
                    summary: list[str], confidence: int) -> None:
    """The seven groups under their banner comments, as the v7.1 template writes them."""
    title = pattern.title
    _group(text, 1, "CORE IDENTITY")
    _identity(text, pattern, '"')
    text.add("aliases:", *(f'  - "{_words(rng, 2)}"' for _ in range(rng.randint(1, 2))))
    text.add("summary: >-", *(f"  {line}" for line in summary), "")
    _group(text, 2, "CONTEXTUAL TRANSLATION")
    text.add("context_labels:", f'  corporate: "{title} for Organizations"', f'  government: "{title} in Public Service"',
             f'  activist: "{title} for Movements"', f'  tech: "{title} for Products"',
             f'  community: "{title} for Neighbourhoods"', "")
    _group(text, 3, "ONTOLOGY & SEARCH OPTIMIZATION")
    text.add("ontology:", f"  domain: {rng.choice(DOMAINS)}", "  cross_domains:",
             *(f"    - {d}" for d in rng.sample(DOMAINS, 3)), "  search_hints:",
             f'    primary_tension: "{_tension(pattern)}"',
             f"    vector_keywords: {json.dumps(rng.sample(WORDS, 8))}")
    _assessment(text, pattern, pool, rng)
    text.add("")
    _group(text, 4, "LIFECYCLE & CONFIDENCE")
    text.add("lifecycle:", f"  usage_stage: {rng.choice(USAGE_STAGES)}",
             f"  adoption_stage: {rng.choice(ADOPTION_STAGES)}")
    _status(text, pattern, rng, "  ")
    text.add('  version: "1.0"', f"  confidence: {confidence}", "")
    _group(text, 5, "HARD RELATIONSHIPS")
    text.add("relationships:")
    _relationship_lists(text, pattern, patterns, rng, "  ")
    text.add("")
    _group(text, 6, "GRAPH GARDEN")
    _graph_garden(text, pattern, patterns, rng)
    text.add("")
    _group(text, 7, "PROVENANCE")
    text.add('contributors: ["higgerix", "cloudsters"]', "sources:",
             *(f'  - "{_words(rng, 3)}, {2000 + rng.randrange(26)}"' for _ in range(rng.randint(2, 5))),
             "license: CC-BY-SA-4.0", 'attribution: "pattern-lint benchmark library, https://example.org"')
    text.close_frontmatter()


def _tension(pattern: Pattern) -> str:
    first, second = pattern.slug.split("-")[:2]
    return f"{first.title()} vs. {second.title()}"


def _assessment(text: Text, pattern: Pattern, pool: Pool, rng: random.Random) -> None:
    """The seven scores, vitality (its reasoning names its band) and overall_score (their mean, or not)."""
    scores = [rng.randint(1, 5) for _ in SCORES]
    vitality = rng.randint(10, 50) / 10
    mean = (sum(scores) + vitality) / 8
    overall = round(mean, 1)
    if pattern.has("overall-score-mismatch"):
        overall = round(mean + (0.3 if mean <= 4.5 else -0.3), 1)
    band = next(name for low, name in BANDS if vitality >= low)
    text.add("  commons_assessment:", *(f"    {name}: {score}" for name, score in zip(SCORES, scores)),
             f"    vitality: {vitality}", "    vitality_reasoning: >-",
             f"      The pattern is {band} for the commons it serves.",
             *(f"      {line}" for line in pool.wrapped(rng, 1)), f"    overall_score: {overall:.1f}")
    if pattern.has("overall-score-mismatch"):
        text.expect("overall-score-mismatch", text.last_line, len("    overall_score: ") + 1)


def _relationship_lists(text: Text, pattern: Pattern, patterns: list[Pattern], rng: random.Random,
                        indent: str) -> None:
    """Every list of the format, `[]` when empty, so each key has its line; the link defects."""
    item = indent + "  " if indent else ""  # v7 lists are indented under `relationships:`, flat ones are not
    for kind, targets in pattern.links.items():
        if kind == _missing_half(pattern):
            text.expect("missing-reciprocal-link", text.next_line, len(indent) + 1)
        entries = [_entry(pattern, patterns[t], rng) for t in targets]
        if kind == "enables" and pattern.has("dangling-link"):
            entries.append(_dangling_entry(pattern, rng))
        text.add(f"{indent}{kind}:" + ("" if entries else " []"))
        for lines, column, dangling in entries:
            if dangling:
                text.expect("dangling-link", text.next_line, len(item) + column)
            text.add(*(item + line for line in lines))


def _entry(source: Pattern, target: Pattern, rng: random.Random) -> tuple[list[str], int, bool]:
    """An entry's lines and the column (in the entry) where the target is named: flat files name a
    TypeID, v7.1 files mostly a slug in a mapping, sometimes a bare slug or an `id`."""
    if source.format == "classification":
        return [f"- {target.id}"], 3, False
    style = rng.random()
    if style < 0.15:
        return [f"- {target.slug}"], 3, False
    weight = f"  weight: {rng.randint(5, 9) / 10}"
    if style < 0.3:
        return [f"- id: {target.id}", weight], 7, False
    lines = [f"- slug: {target.slug}", weight]
    if style < 0.6:
        lines.append(f'  description: "{_words(rng, 4)}"')
    return lines, 9, False


def _dangling_entry(pattern: Pattern, rng: random.Random) -> tuple[list[str], int, bool]:
    """An entry naming no pattern: a slug no file has (no word is `unwritten`), or a TypeID no file has
    (generated ones start `pat_01k`)."""
    if pattern.format == "classification":
        return [f"- pat_01j{typeid(rng)[7:]}"], 3, True
    return [f"- slug: {pattern.slug}-unwritten", "  weight: 0.5"], 9, True


def _graph_garden(text: Text, pattern: Pattern, patterns: list[Pattern], rng: random.Random) -> None:
    """Entities, communities and inferred links to some of the patterns the file already links to."""
    text.add("graph_garden:", f"  last_pruned: 2026-02-{rng.randint(10, 28)}", "  entities:")
    for word in rng.sample(WORDS, rng.randint(2, 4)):
        text.add(f"    - id: {word}", f"      type: {rng.choice(('concept', 'practice'))}",
                 f'      label: "{word.title()} {_words(rng, 1)}"', f"      relevance: {rng.randint(60, 95) / 100}")
    text.add("  communities:")
    for word in rng.sample(WORDS, 2):
        text.add(f"    - id: {word}-commons", f'      label: "{_words(rng, 3)}"', "      source: inferred",
                 f"      confidence: {rng.randint(60, 95) / 100}")
    linked = [t for targets in pattern.links.values() for t in targets][:2]
    text.add("  inferred_links:" + ("" if linked else " []"))
    for target in linked:
        text.add(f"    - target: {patterns[target].slug}", f"      type: {rng.choice(('complementary', 'enabler'))}",
                 f"      confidence: {rng.randint(60, 95) / 100}", f'      reason: "{_words(rng, 5)}"')


def _v7_body(text: Text, pattern: Pattern, pool: Pool, rng: random.Random, summary: list[str],
             confidence: int) -> None:
    """Summary, confidence callout and the eight sections, each closed by a `---` rule."""
    text.add("", *(f"> {line}" for line in summary), "")
    shown = confidence % 3 + 1 if pattern.has("confidence-mismatch") else confidence
    if shown != confidence:
        text.expect("confidence-mismatch", text.next_line, len(CALLOUT) + 1)
    text.add(CALLOUT + STARS[shown], "> This rating reflects how often the pattern has been seen to work.", "",
             "---", "")
    for number, name in _sections(text, pattern, V7_SECTIONS, rng):
        text.add(f"### Section {number}: {name}", "")
        if name == "Problem":
            text.add(f"> **The core conflict is {_tension(pattern)}.**", "")
        elif name == "Solution":
            text.add(f"> **Therefore, {pool.sentence(rng).lower()}**", "")
        elif name == "Known Uses":
            text.add(*(f"- **{_words(rng, 2)}:** {pool.paragraph(rng, 2, 3)}" for _ in range(rng.randint(2, 4))), "")
        for _ in range(rng.randint(3, 5)):
            text.add(pool.paragraph(rng), "")
        text.add("---", "")


def _sections(text: Text, pattern: Pattern, names: tuple[str, ...], rng: random.Random):
    """(number, name) of the sections in the order written, expecting the section defects' findings at the
    headings: a missing section at the heading that follows it; the second section, moved after the fourth,
    at its own heading (the other seven stay the longest run in order, so it alone is out of place)."""
    order = list(enumerate(names, 1))
    missing = rng.choice(DROPPABLE[pattern.format]) if pattern.has("missing-section") else None
    if missing is not None:
        order = [(n, name) for n, name in order if name != missing]
    if pattern.has("section-order"):
        order.insert(3, order.pop(1))
    for number, name in order:
        if missing is not None and number == names.index(missing) + 2:
            text.expect("missing-section", text.next_line, 1)
        if pattern.has("section-order") and number == 2:
            text.expect("section-order", text.next_line, 1)
        yield number, name


def _classification_frontmatter(text: Text, pattern: Pattern, patterns: list[Pattern], rng: random.Random,
                                 summary: list[str]) -> None:
    """The flat format as the commons-os files write it (no banners, block lists without indentation)."""
    site = f"https://commons-os.github.io/patterns/{pattern.slug}/"
    day = rng.randint(10, 28)
    _identity(text, pattern, "")
    text.add(f"page_url: {site}", f"github_url: https://github.com/commons-os/patterns/blob/main/_patterns/{pattern.path}",
             "aliases: []", "summary: >-", *(f"  {line}" for line in summary), "version: 1.0",
             f"created: 2026-01-{day} 00:00:00+00:00", f"modified: 2026-01-{day} 16:01:00+00:00",
             "classification:", f"  universality: {rng.choice(('universal', 'domain'))}",
             f"  domain: {rng.choice(CLASSIFICATION_DOMAINS)}", "  category:", *(f"  - {w}" for w in rng.sample(WORDS, 2)),
             "  era:", "  - digital", "  - cognitive", "  origin: []")
    _status(text, pattern, rng, "  ", CLASSIFICATION_STATUSES)
    text.add(f"  commons_alignment: {rng.randint(1, 5)}", "  commons_domain:",
             *(f"  - {d}" for d in rng.sample(DOMAINS, 2)))
    _relationship_lists(text, pattern, patterns, rng, "")
    text.add(f"confidence_score: {rng.randint(3, 9) / 10}", "contributors:", "- higgerix", "- cloudsters", "sources:",
             *(f"- https://example.org/{'-'.join(rng.sample(WORDS, 3))}" for _ in range(rng.randint(4, 10))),
             "license: CC-BY-SA-4.0", "attribution: Commons OS distributed by cloudsters, https://cloudsters.net",
             "repository: https://github.com/commons-os/patterns")
    text.close_frontmatter()


def _classification_body(text: Text, pattern: Pattern, pool: Pool, rng: random.Random) -> None:
    """A title and the eight legacy sections: prose, numbered principles, a pillar table, bullets, references."""
    text.add("", f"# {pattern.title}", "")
    for number, name in _sections(text, pattern, CLASSIFICATION_SECTIONS, rng):
        text.add(f"### {number}. {name}", "")
        if name == "Core Principles":
            for item in range(1, rng.randint(4, 7)):
                text.add(f"{item}.  **{_words(rng, 2)}:** {pool.paragraph(rng, 2, 4)}", "")
        elif name == "7 Pillars Assessment":
            text.add("| Pillar | Score | Rationale |", "|---|---|---|",
                     *(f"| {pillar} | {rng.randint(1, 5)} | {pool.paragraph(rng, 1, 2)} |" for pillar in PILLARS), "")
        elif name in ("When to Use", "Anti-Patterns and Gotchas"):
            for _ in range(rng.randint(4, 7)):
                text.add(f"-   **{_words(rng, 2)}:** {pool.paragraph(rng, 2, 3)}", "")
        elif name == "References":
            text.add(*(f"{item}.  [{_words(rng, 3)}](https://example.org/{'-'.join(rng.sample(WORDS, 2))})"
                       for item in range(1, rng.randint(4, 8))), "")
            continue
        for _ in range(rng.randint(3, 5)):
            text.add(pool.paragraph(rng), "")


# --- Command line --------------------------------------------------------------------------------------------------


def summary(count: int, folder: str, manifest: list[dict], counts: Counter) -> str:
    per_file = counts["bytes"] / max(count, 1) / 1024
    frontmatter = counts["frontmatter bytes"] / max(count, 1) / 1024
    rules = Counter(entry["rule"] for entry in manifest)
    found = ", ".join(f"{rule} {rules[rule]}" for rule in DEFECTS if rules[rule]) or "none"
    return (f"wrote {count} patterns ({counts['v7']} v7.1, {counts['classification']} classification) to {folder}: "
            f"{counts['bytes'] / 1e6:.1f} MB, {per_file:.1f} KB per file of which {frontmatter:.1f} KB frontmatter; "
            f"{len(manifest)} expected findings: {found}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manifest", help="where to write the manifest (default: DIR/manifest.json)")
    parser.add_argument("--clean", action="store_true", help="inject no defects")
    parser.add_argument("--findings-per-file", type=int, default=0, choices=range(MAX_PER_FILE + 1), metavar="K",
                        help=f"give every file K defects (1 to {MAX_PER_FILE}; default: one file in "
                             f"{DEFECT_EVERY} with one), each with its one finding")
    args = parser.parse_args(argv)
    if args.clean and args.findings_per_file:
        parser.error("--clean writes no defects: not with --findings-per-file")
    manifest, counts = write(args.count, args.folder, args.seed, defects=not args.clean,
                             per_file=args.findings_per_file)
    path = args.manifest or os.path.join(args.folder, "manifest.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1)
        handle.write("\n")
    print(summary(args.count, args.folder, manifest, counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
