"""A required section comes after one that should follow it.

What it checks
--------------
The format's sections must appear in their order (v7.1: Context, Problem, Solution,
Implementation, Consequences, Known Uses, Cognitive Era, Vitality). The sections that
stay are the longest run already in order; each other one is reported once, at its
heading, with the section it should follow. Other sections may stand anywhere.

Why it matters
--------------
Readers and the site rely on the order: the Problem is read before the Solution, the
Vitality diagnostic closes the pattern.

Example
-------
    ### Section 1: Context
    ### Section 3: Solution
    ### Section 2: Problem      # <- out of order: move it after `Context`

How to fix
----------
Move the section to its place; then check the numbers in the headings.

What it does not report
-----------------------
A file whose headings follow none of the format's layouts (`missing-section` reports it
once; the two or three required names such a file happens to use have no order to keep).
Second copies of a section (`duplicate-section`) and sections the format does not require.
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
    if found.fit == "none":
        return  # the few sections a file of another layout names have no order to keep; missing-section reports it
    for late, neighbour, where in sections.out_of_order(found):
        yield Problem(late.line, 1, f"section `{late.name}` is out of order: move it {where} `{neighbour.name}` "
                      f"(line {neighbour.line}); the order is {', '.join(found.names)}")
