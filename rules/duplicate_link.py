"""The same target appears twice in one relationship list.

What it checks
--------------
Reported at the second entry of a list (`relationships.enables`, ...) that names the same
pattern as an earlier one, by slug or by id (a slug and the TypeID of the same pattern are
the same target).

Why it matters
--------------
The duplicate is noise in the graph and in the rendered list, and an edited weight or
description on one copy contradicts the other.

Example
-------
    enables:
      - slug: participatory-budgeting
      - slug: participatory-budgeting     # already listed

How to fix
----------
Delete one of the two entries (keep the one with the right weight and description).

What it does not report
-----------------------
The same target under two relationship types (`enables` and `tools`): that can be true,
and the pairs that cannot are `conflicting-link`. Repeated inferred links and repeated body
links are not reported.
"""

CODE = "PL607"
NAME = "duplicate-link"
GROUP = "graph"
SEVERITY = "warning"
SCOPE = "library"

from lint.findings import Problem


def check(library, options):
    for entry in library.target_entries():
        seen = {}
        for link in library.links_of(entry):
            if link.kind != "relationship":
                continue
            resolved = library.resolve(link.target)
            key = (link.type, id(resolved.record) if resolved else link.target)
            if key in seen:
                yield Problem(link.line, link.column, f"`{link.target}` is already listed under `{link.type}` at line "
                              f"{seen[key].line}; remove one of the two", path=entry.path)
            else:
                seen[key] = link
