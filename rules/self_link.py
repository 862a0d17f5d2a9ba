"""A pattern lists itself as a related pattern.

What it checks
--------------
Reported at each relationship entry or inferred link whose target is the pattern itself
(by slug or by id).

Why it matters
--------------
A pattern that enables or requires itself says nothing; it is usually a copy-paste slip
that replaced the intended target.

Example
-------
    slug: transparent-ledger
    relationships:
      complementary: [transparent-ledger]

How to fix
----------
Remove the entry or put the intended target.

What it does not report
-----------------------
Body links to the pattern's own page (`[above](../transparent-ledger/#context)`) are
ordinary cross-references. A self link is not also reported as dangling, and it makes no
loop for `generalization-cycle`.
"""

CODE = "PL606"
NAME = "self-link"
GROUP = "graph"
SEVERITY = "warning"
SCOPE = "library"

from lint.findings import Problem


def check(library, options):
    for entry in library.target_entries():
        for link in library.links_of(entry):
            if link.kind != "body" and library.resolve(link.target) is entry:
                where = f"`{link.type}`" if link.kind == "relationship" else "inferred links"
                yield Problem(link.line, link.column, f"the pattern lists itself under {where}; remove the entry "
                              "or name the pattern that was meant", path=entry.path)
