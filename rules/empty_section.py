"""A required section has no text.

What it checks
--------------
Reported at the heading of a required section whose content (up to the next heading of
its level) is empty: nothing but blank lines, `---` rules or HTML comments. Three or more
empty sections in a row are one finding at the first, with their names and lines.

Why it matters
--------------
An empty section is a missing section that looks present: the heading promises content
the reader never gets.

Example
-------
    ### Section 6: Known Uses

    ---

    ### Section 7: Cognitive Era

How to fix
----------
Write the section, or, if the pattern is not ready, keep it as a draft (`status: draft`)
with at least a sentence saying what is missing.

What it does not report
-----------------------
The headings of an empty skeleton above sections that repeat them with text
(`duplicate-section` reports the skeleton once). Empty sections the format does not require.
A section whose only content is a sub-heading (it has a structure, if not yet prose).
"""

CODE = "PL405"
NAME = "empty-section"
GROUP = "sections"
SEVERITY = "error"
NEEDS_FORMAT = True

from lint import sections
from lint.findings import Problem


_RUN = 3  # this many empty sections in a row or more are one finding: an unwritten stretch, one thing to do


def check(doc, options):
    for run in sections.empty_runs(sections.of(doc)):
        if len(run) >= _RUN:
            names = ", ".join(f"`{f.name}`" for f in run)
            yield Problem(run[0].line, 1, f"{len(run)} sections in a row have no text ({names}, lines "
                          f"{run[0].line}-{run[-1].line}); write them or remove the headings")
        else:
            for section in run:
                yield Problem(section.line, 1, f"section `{section.name}` has no text; write it or remove the heading")
