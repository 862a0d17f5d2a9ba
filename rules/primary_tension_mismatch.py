"""The Problem statement's tension differs from `ontology.search_hints.primary_tension`.

What it checks
--------------
Compares X in `> **The core conflict is X.**` with the frontmatter's primary tension,
after normalising case, white space, quote marks, `vs`/`vs.` and trailing punctuation.
Reported at the statement, quoting both.

Why it matters
--------------
The primary tension is stated twice; search and the rendered page use one each. When
they differ, one of them is stale.

Example
-------
    primary_tension: "Information Asymmetry vs. Collective Trust"
    ...
    > **The core conflict is Secrecy vs. Trust.**

How to fix
----------
Make the two the same; the frontmatter is the source of truth.

What it does not report
-----------------------
Differences of case, white space, quote marks, `vs`/`vs.` and trailing punctuation. Nothing
when the statement is missing (`missing-problem-statement`), the Problem section is missing,
or `primary_tension` is absent or not text (the schema rules). Only the section's first
`The core conflict is` statement is compared. Formats without a primary tension in the
frontmatter (collection, classification) are not checked.
"""

CODE = "PL407"
NAME = "primary-tension-mismatch"
GROUP = "sections"
SEVERITY = "warning"
NEEDS_FORMAT = True

from lint import sections, statements
from lint.document import dotted
from lint.findings import Problem


def check(doc, options):
    facts = doc.format.body.get("problem_statement")
    section = sections.of(doc).first(facts["section"]) if facts else None
    tension = doc.get(*facts["tension"]) if facts and facts.get("tension") else None
    if section is None or not isinstance(tension, str):
        return
    statement = statements.statement(section, facts["prefix"])
    if statement is None:
        return
    block, stated = statement
    if statements.normalise(stated) != statements.normalise(tension):
        yield Problem(block.line, 1, f"the {facts['section']} statement names the tension \"{stated}\", "
                      f"`{dotted(tuple(facts['tension']))}` is \"{tension}\"; make them the same")
