"""Write a synthetic pattern library for benchmarks: `python bench/generate.py N DIR [--seed S]`.

Deterministic for a given N and seed. Each file is a v7.1 pattern shaped like the real ones
(banner comments, the seven groups, 3-8 relationship entries mostly pointing at other
generated patterns, eight sections, ~20 KB of body). A few links point at patterns that do
not exist, so the dangling-link path and its did-you-mean are exercised too.
"""

from __future__ import annotations

import argparse
import os
import random

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
WORDS = ("commons stewardship ledger trust governance value stream boundary network alliance resilience "
         "feedback learning practice circle budget ownership autonomy vitality pattern design system "
         "community care market platform protocol signal capacity ritual garden orchard river").split()
SECTIONS = ("Context", "Problem", "Solution", "Implementation", "Consequences", "Known Uses", "Cognitive Era",
            "Vitality")
TYPES = ("generalizes_from", "specializes_to", "enables", "requires", "alternatives", "complementary", "tools")
BANNER = "# " + "═" * 67


def typeid(rng: random.Random) -> str:
    return "pat_0" + "".join(rng.choice(CROCKFORD) for _ in range(25)).replace("0", "k", 1)


def slugs(count: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        slug = "-".join(rng.sample(WORDS, rng.randint(2, 4)))
        if slug in seen:
            slug = f"{slug}-{len(out)}"
        seen.add(slug)
        out.append(slug)
    return out


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def pattern(slug: str, all_slugs: list[str], rng: random.Random) -> str:
    title = slug.replace("-", " ").title()
    summary = sentence(rng, 24)
    scores = [rng.randint(1, 5) for _ in range(7)]
    vitality = round(rng.uniform(2.0, 5.0), 1)
    overall = round((sum(scores) + vitality) / 8, 1)
    confidence = rng.randint(1, 3)
    relationships = []
    for kind in TYPES:
        entries = []
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            target = rng.choice(all_slugs) if rng.random() > 0.03 else slug + "-missing"
            entries.append(f"    - slug: {target}\n      weight: {rng.randint(5, 9) / 10}")
        relationships.append(f"  {kind}:" + ("\n" + "\n".join(entries) if entries else " []"))
    names = ["stakeholder_architecture", "value_creation", "resilience", "ownership", "autonomy",
             "composability", "fractal_value"]
    frontmatter = f"""---
{BANNER}
# GROUP 1: CORE IDENTITY
{BANNER}
id: {typeid(rng)}
slug: {slug}
title: "{title}"
aliases: []
summary: >-
  {summary}

{BANNER}
# GROUP 2: CONTEXTUAL TRANSLATION
{BANNER}
context_labels:
  corporate: "{title} for Organizations"
  government: "{title} in Public Service"
  activist: "{title} for Movements"
  tech: "{title} for Products"

{BANNER}
# GROUP 3: ONTOLOGY
{BANNER}
ontology:
  domain: {rng.choice(WORDS)}
  cross_domains: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]
  search_hints:
    primary_tension: "{rng.choice(WORDS).title()} vs. {rng.choice(WORDS).title()}"
    vector_keywords: [{", ".join(f'"{w}"' for w in rng.sample(WORDS, 5))}]
  commons_assessment:
{chr(10).join(f"    {n}: {s}" for n, s in zip(names, scores))}
    vitality: {vitality}
    vitality_reasoning: >-
      {sentence(rng, 30)}
    overall_score: {overall}

{BANNER}
# GROUP 4: LIFECYCLE
{BANNER}
lifecycle:
  usage_stage: design
  adoption_stage: growth
  status: draft
  version: "1.0"
  confidence: {confidence}

{BANNER}
# GROUP 5: RELATIONSHIPS
{BANNER}
relationships:
{chr(10).join(relationships)}

{BANNER}
# GROUP 6: GRAPH GARDEN
{BANNER}
graph_garden:
  last_pruned: 2026-02-17
  entities: [{", ".join(rng.sample(WORDS, 4))}]
  communities: []
  inferred_links: []

{BANNER}
# GROUP 7: PROVENANCE
{BANNER}
contributors: ["bench"]
sources: []
license: CC-BY-SA-4.0
attribution: "pattern-lint benchmark library"
---
"""
    stars = "★" * confidence + "☆" * (3 - confidence)
    label = {3: "High", 2: "Medium", 1: "Low"}[confidence]
    body = [f"\n> {summary}\n", f"> [!NOTE] Confidence Rating: {stars} ({label})\n> Generated.\n", "---\n"]
    for number, name in enumerate(SECTIONS, 1):
        body.append(f"### Section {number}: {name}\n")
        if name == "Problem":
            tension = frontmatter.split("primary_tension: ")[1].split("\n")[0].strip('"')
            body.append(f"> **The core conflict is {tension}.**\n")
        if name == "Solution":
            body.append(f"> **Therefore, {sentence(rng, 12).lower()}**\n")
        if name == "Known Uses":
            body.append("\n".join(f"- **{rng.choice(WORDS).title()}:** {sentence(rng, 40)}" for _ in range(3)) + "\n")
        for _ in range(5):
            body.append(sentence(rng, 80) + "\n")
        body.append("---\n")
    return frontmatter + "\n".join(body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    names = slugs(args.count, rng)
    os.makedirs(args.folder, exist_ok=True)
    for slug in names:
        with open(os.path.join(args.folder, f"{slug}.md"), "w", encoding="utf-8") as handle:
            handle.write(pattern(slug, names, rng))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
