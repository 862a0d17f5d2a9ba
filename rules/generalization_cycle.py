"""Patterns generalize each other in a loop.

What it checks
--------------
Follows `generalizes_from` and `specializes_to` (`links.generalization`) across the
library; a loop means some pattern is more general than itself. One finding per loop, on
the first of its files among those checked, at its link to the next pattern, listing the
loop.

Why it matters
--------------
A generalization hierarchy is a tree; navigation up or down a loop never ends, and the
hierarchy the site draws is wrong.

Example
-------
    a.md:  specializes_to: [b]
    b.md:  specializes_to: [a]      # a and b each specialise the other

How to fix
----------
Decide which pattern is the more general one and remove the link that says otherwise.

What it does not report
-----------------------
A consistent pair (`a` specializes to `b`, `b` generalizes from `a`) is one link, not a
loop. A pattern that generalizes itself is `self-link` and a link to no pattern
`dangling-link`; neither makes a loop. Loops through other relationship types (`enables`,
`requires`) are allowed. One finding per group of patterns caught in loops, however many
loops run through it, and none when no pattern of the loop is among the files checked.
"""

CODE = "PL610"
NAME = "generalization-cycle"
GROUP = "graph"
SEVERITY = "error"
SCOPE = "library"

from lint import graph
from lint.findings import Problem


def check(library, options):
    edges = {}  # id(doc) -> {id(doc) of the more general pattern: the link that says so}
    entries = {id(e.record): e for e in library.entries}
    for source in library.entries:
        rules = source.record.format.links.get("generalization") if source.record.format else None
        if not rules:
            continue
        for link in library.links_of(source):
            if link.kind != "relationship" or link.type not in (rules["up"], rules["down"]):
                continue
            target = library.resolve(link.target)
            if target is None or target is source:
                continue
            child, parent = (source, target) if link.type == rules["up"] else (target, source)
            edges.setdefault(id(child.record), {}).setdefault(id(parent.record), (source, link))
    for cycle in graph.cycles({k: list(v) for k, v in edges.items()}):
        members = [entries[key] for key in cycle]
        start = min(range(len(members)), key=lambda i: (not library.is_target(members[i]), members[i].path))
        if not library.is_target(members[start]):
            continue
        ordered = members[start:] + members[:start]
        keys = cycle[start:] + cycle[:start]
        steps = [edges[keys[i]][keys[(i + 1) % len(keys)]] for i in range(len(keys))]
        # the loop's link that is written in the reported file (an edge may be recorded by either end)
        where = next((link for source, link in steps if source is ordered[0]), None)
        loop = " → ".join(e.name for e in ordered + ordered[:1])
        line, column = (where.line, where.column) if where else ordered[0].record.position(("slug",))
        yield Problem(line, column, f"generalization cycle: {loop} (along generalizes_from / specializes_to); a "
                      "hierarchy cannot loop: remove the link that is wrong", path=ordered[0].path)
