"""The same target is listed under two relationship types that exclude each other.

What it checks
--------------
Pairs that exclude each other are data (`links.exclusive` in the format): by default
`requires` and `alternatives`, `complementary` and `alternatives`. Reported at the later
entry, naming the other list and its line.

Why it matters
--------------
A pattern cannot both require another and be an alternative to it: one of the two lists
is wrong, and readers cannot tell which.

Example
-------
    requires: [stakeholder-architecture]
    alternatives: [stakeholder-architecture]

How to fix
----------
Keep the target under the relationship that is true, remove it from the other.
"""

CODE = "PL608"
NAME = "conflicting-link"
GROUP = "graph"
SEVERITY = "warning"
SCOPE = "library"

from lint.findings import Problem


def check(library, options):
    for entry in library.target_entries():
        pairs = [tuple(p) for p in entry.doc.format.links.get("exclusive", ())] if entry.doc.format else []
        if not pairs:
            continue
        by_target = {}
        for link in library.links[id(entry.doc)]:
            if link.kind == "relationship":
                resolved = library.resolve(link.target)
                by_target.setdefault(id(resolved.doc) if resolved else link.target, []).append(link)
        for found in by_target.values():
            for index, later in enumerate(found):
                first = next((f for f in found[:index] if (f.type, later.type) in pairs
                              or (later.type, f.type) in pairs), None)
                if first is not None:
                    yield Problem(later.line, later.column, f"`{later.target}` is listed under `{later.type}` and "
                                  f"under `{first.type}` (line {first.line}), which exclude each other; keep "
                                  "the one that is true", path=entry.path)
