"""The Solution section has no `> **Therefore, ...**` statement.

What it checks
--------------
The Solution section must state its instruction as a bold line starting with
"Therefore" (a blockquote in the template; a bold paragraph is accepted too). Reported at
the Solution heading; not when the section is missing or empty.

Why it matters
--------------
"Therefore, ..." is the pattern's answer in one sentence: the line readers remember and
the site shows.

Example
-------
    ### Section 3: Solution

    Design the partnership portfolio deliberately.      # no Therefore statement

How to fix
----------
Open the section with `> **Therefore, {the core instruction}.**`.

What it does not report
-----------------------
Nothing when the Solution section is missing (`missing-section`) or has no text
(`empty-section`); only the first Solution section is looked at (a second is
`duplicate-section`). A bold `Therefore` statement anywhere in the section counts, in a
blockquote or a plain paragraph. Formats without such a statement (classification) and
patterns of an unknown format are not checked.
"""

CODE = "PL408"
NAME = "missing-solution-statement"
GROUP = "sections"
SEVERITY = "error"
NEEDS_FORMAT = True

from lint import statements
from lint.findings import Problem


def check(doc, options):
    lacking = statements.lacking_statement(doc, "solution_statement")
    if lacking is not None:
        section, facts = lacking
        yield Problem(section.line, 1, f"the {facts['section']} section has no `> **{facts['prefix']}, ...**` "
                      "statement; add it as the section's first line")
