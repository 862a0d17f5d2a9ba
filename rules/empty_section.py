"""A required section has no text.

What it checks
--------------
Reported at the heading of a required section whose content (up to the next heading of
its level) is empty: nothing but blank lines, `---` rules or HTML comments.

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
"""

CODE = "PL405"
NAME = "empty-section"
GROUP = "sections"
SEVERITY = "error"
NEEDS_FORMAT = True

from lint import sections
from lint.findings import Problem


def check(doc, options):
    for section in sections.of(doc).found:
        if sections.is_empty(section.section):
            yield Problem(section.line, 1, f"section `{section.name}` has no text; write it or remove the heading")
