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

What it does not report
-----------------------
Only the pairs the format lists as exclusive: the classification and collection formats list
none, so nothing is reported for them. Inferred links and body links are not compared with
the relationship lists; a target repeated under one type is `duplicate-link`.
"""

CODE = "PL608"
NAME = "conflicting-link"
GROUP = "graph"
SEVERITY = "warning"
SCOPE = "library"

from typing import Any

from lint.findings import Problem


def check(library, options):
    for entry in library.target_entries():
        pairs = [tuple(p) for p in entry.record.format.links.get("exclusive", ())] if entry.record.format else []
        if not pairs:
            continue
        excluded: dict[str, set] = {}  # a relationship type -> the types it excludes
        for one, other in pairs:
            excluded.setdefault(one, set()).add(other)
            excluded.setdefault(other, set()).add(one)
        # the first entry of each type naming each target, with its place: an entry is compared with
        # those alone (the earliest that excludes it is named), so a list repeating one target
        # thousands of times takes linear time
        first: dict[tuple, tuple[int, Any]] = {}
        for place, link in enumerate(library.links_of(entry)):
            if link.kind != "relationship":
                continue
            resolved = library.resolve(link.target)
            target = id(resolved.record) if resolved else link.target
            earlier = [first[key] for key in ((target, other) for other in excluded.get(link.type, ())) if key in first]
            if earlier:
                _, found = min(earlier, key=lambda item: item[0])
                yield Problem(link.line, link.column, f"`{link.target}` is listed under `{link.type}` and "
                              f"under `{found.type}` (line {found.line}), which exclude each other; keep "
                              "the one that is true", path=entry.path)
            first.setdefault((target, link.type), (place, link))
