"""A required section appears twice.

What it checks
--------------
Reported at the second (and any later) heading that names the same required section,
with the line of the first.

Why it matters
--------------
Two `Problem` sections are usually a merge or copy-paste accident: one of them is stale,
and tools that read "the" Problem section see only one.

Example
-------
    ### Section 5: Consequences
    ...
    ### Section 5: Consequences    # <- second `Consequences` section; the first is at line 120

How to fix
----------
Merge the two sections, or rename the one that is really another section.
"""

CODE = "PL403"
NAME = "duplicate-section"
GROUP = "sections"
SEVERITY = "error"
NEEDS_FORMAT = True

from lint import sections
from lint.findings import Problem


def check(doc, options):
    found = sections.of(doc)
    for again in found.found:
        if not again.first:
            first = found.first(again.name)
            yield Problem(again.line, 1, f"second `{again.name}` section (the first is at line {first.line}); "
                          "merge them or rename one")
