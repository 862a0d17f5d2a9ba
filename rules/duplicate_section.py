"""A required section appears twice.

What it checks
--------------
Reported at the second (and any later) heading that names the same required section,
with the line of the first. An empty skeleton (three or more empty section headings in a
row, most of whose sections are written out further down, as when a template's headings
were left above the real sections) is one finding at its first heading, with its lines.

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
Merge the two sections, or rename the one that is really another section; delete an
empty skeleton.

What it does not report
-----------------------
Each heading of an empty skeleton as a duplicate (nor `empty-section` each as empty): the
skeleton is one mistake. Two headings that name sections the format does not require (two
`Notes`). Headings inside code blocks or HTML comments.
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
    for skeleton in found.skeletons:
        heads = skeleton.sections
        yield Problem(heads[0].line, 1,
                      f"an empty skeleton of {len(heads)} section headings (lines {heads[0].line}-{heads[-1].line}: "
                      f"`{heads[0].title.strip()}` ... `{heads[-1].title.strip()}`) stands above the written sections "
                      f"that repeat them from line {skeleton.repeated_at}; delete the skeleton")
    for again in found.found:
        if not again.first:
            first = found.first(again.name)
            yield Problem(again.line, 1, f"second `{again.name}` section (the first is at line {first.line}); "
                          "merge them or rename one")
