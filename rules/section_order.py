"""A required section comes after one that should follow it.

What it checks
--------------
The format's sections must appear in their order (v7.1: Context, Problem, Solution,
Implementation, Consequences, Known Uses, Cognitive Era, Vitality). Reported at each section
heading that comes after a section it should precede. Other sections may stand anywhere.

Why it matters
--------------
Readers and the site rely on the order: the Problem is read before the Solution, the
Vitality diagnostic closes the pattern.

Example
-------
    ### Section 1: Context
    ### Section 3: Solution
    ### Section 2: Problem      # <- comes after `Solution`; move it before

How to fix
----------
Move the section to its place; then check the numbers in the headings.
"""

CODE = "PL402"
NAME = "section-order"
GROUP = "sections"
SEVERITY = "warning"
NEEDS_FORMAT = True

from lint import sections
from lint.findings import Problem


def check(doc, options):
    found = sections.of(doc)
    for late, ahead in sections.out_of_order(found):
        yield Problem(late.line, 1, f"section `{late.name}` comes after `{ahead.name}` (line {ahead.line}); "
                      f"the order is {', '.join(found.names)}: move it before `{ahead.name}`")
