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
"""

CODE = "PL602"
NAME = "dangling-inferred-link"
GROUP = "graph"
SEVERITY = "warning"
SCOPE = "library"
KIND = "inferred"
WHAT = "inferred link"

from lint.findings import Problem


def check(library, options):
    for entry in library.target_entries():
        for link in library.links[id(entry.doc)]:
            if link.kind == KIND and library.resolve(link.target) is None:
                yield Problem(link.line, link.column, message(library, link), path=entry.path)


def message(library, link) -> str:
    what = f"`{link.type}` entry" if link.kind == "relationship" else WHAT
    count = len(library.entries)
    text = f"{what} `{link.target}` names no pattern in the library ({count} pattern{'s' * (count != 1)}"
    text += f" under {', '.join(library.roots)})" if library.roots else ")"
    suggestion = library.suggest(link.target)
    return text + (f"; did you mean `{suggestion}`?" if suggestion else "; fix the target or write the missing pattern")
