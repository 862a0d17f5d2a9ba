"""The Problem section has no `> **The core conflict is ...**` statement.

What it checks
--------------
The Problem section must state its tension as a bold line starting with "The core
conflict is" (a blockquote in the template; a bold paragraph is accepted too). Reported at
the Problem heading. Not reported when the section is missing or empty (`missing-section`,
`empty-section`).

Why it matters
--------------
The statement is the pattern's one-line problem: the site shows it and
`primary-tension-mismatch` compares it with `ontology.search_hints.primary_tension`.

Example
-------
    ### Section 2: Problem

    Organisations want control but need partners.     # no core conflict statement

How to fix
----------
Open the section with `> **The core conflict is {Tension A} vs. {Tension B}.**`, using the
primary tension from the frontmatter.
"""

CODE = "PL406"
NAME = "missing-problem-statement"
GROUP = "sections"
SEVERITY = "error"
NEEDS_FORMAT = True

from lint import sections
from lint.findings import Problem


def check(doc, options):
    lacking = sections.lacking_statement(doc, "problem_statement")
    if lacking is not None:
        section, facts = lacking
        yield Problem(section.line, 1, f"the {facts['section']} section has no `> **{facts['prefix']} ...**` "
                      "statement; add it as the section's first line")
