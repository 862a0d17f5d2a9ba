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

What it does not report
-----------------------
Nothing when the Problem section is missing (`missing-section`) or has no text
(`empty-section`); only the first Problem section is looked at (a second is
`duplicate-section`). A bold statement anywhere in the section counts, in a blockquote or a
plain paragraph; whether its tension matches the frontmatter is `primary-tension-mismatch`.
Formats without such a statement (classification) and patterns of an unknown format are not
checked.
"""

CODE = "PL406"
NAME = "missing-problem-statement"
GROUP = "sections"
SEVERITY = "error"
NEEDS_FORMAT = True

from lint import statements
from lint.findings import Problem


def check(doc, options):
    lacking = statements.lacking_statement(doc, "problem_statement")
    if lacking is not None:
        section, facts = lacking
        yield Problem(section.line, 1, f"the {facts['section']} section has no `> **{facts['prefix']} ...**` "
                      "statement; add it as the section's first line")
