"""A `graph_garden.inferred_links` entry points at a pattern that is not in the library.

What it checks
--------------
Like `dangling-link`, for the machine-written inferred links (their `target`). A warning,
since a tool writes them: the fix usually belongs in that tool or its next pruning run.

Why it matters
--------------
Inferred links feed the graph view; a link to nothing shows as a broken edge.

Example
-------
    graph_garden:
      inferred_links:
        - target: achievement-celebration     # no such pattern

How to fix
----------
Prune the entry (or re-run the tool that writes the graph garden), or write the pattern.

What it does not report
-----------------------
A target the same file's relationships name too: that is one missing pattern, reported once
by dangling-link at the relationship entry, whose message says the inferred link names it too.
Inferred links without a `target` text (the schema rules), and targets that resolve as for
`dangling-link` (by slug, TypeID or file name). The link's `type`, `confidence` and `reason`
are not checked here. Formats without inferred links (classification, collection) have
nothing to check.
"""

from lint.findings import Problem
from lint.library import dangling

CODE = "PL602"
NAME = "dangling-inferred-link"
GROUP = "graph"
SEVERITY = "warning"
SCOPE = "library"


def check(library, options):
    for path, line, column, message in dangling(library, "inferred", "inferred link"):
        yield Problem(line, column, message, path=path)
