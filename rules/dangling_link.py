"""A relationship entry points at a pattern that is not in the library.

What it checks
--------------
Each entry of the relationship lists (`relationships.enables`, ...) names its target by
slug or TypeID, alone or as `slug`, `id` or `target` in a mapping. The target must be a
pattern of the library: every pattern file under the folders checked (or under the folders
of the files checked), not only the files passed, so a pre-commit run on one file still
sees the whole library. Reported at the entry, with a did-you-mean among slugs, titles and
aliases spelt close to the target: the same name first, then one the target begins or ends
at a word boundary, then one holding it as whole words (`choice-architecture` ->
`choice-architecture-for-self`, not a longer alias that shares two of its words); within
each, a slug before a title before an alias, then the most words in common, then the closest
spelling (of names equally close, the first slug in order, so every run suggests the same).
A file whose YAML is broken still counts, under its file name.

Why it matters
--------------
A dangling link is a dead end in the rendered graph and a broken "Related patterns"
link; in the Commons-OS library about 1,000 entries point at patterns that do not exist.

Example
-------
    relationships:
      enables:
        - slug: adaptive-facilitaton      # did you mean `adaptive-facilitation`?

How to fix
----------
Correct the target, or write the missing pattern.

What it does not report
-----------------------
Entries that name no target (`missing-field`) or whose target is not text (`wrong-type`). A
target naming a pattern by its file name, with or without `.md`, resolves even when the slug
differs (`slug-filename-mismatch` reports that), and so does one naming a pattern whose
frontmatter is broken. The links of patterns of an unknown format are not read.
A missing target the file names again (under another relationship type) or in an inferred
link is one finding, at its first entry, whose message gives the other lines. TypeIDs get no did-you-mean (they are random: nothing is "close" to one), nor does a name
spelt far from every pattern's (it must be at least 80% alike by edit similarity, or be the
start of a longer slug or title at a word boundary when it has two words or more). A pattern is
never suggested for its own link (through one of its aliases). Body links and `graph_garden.inferred_links` entries are dangling-body-link's
and dangling-inferred-link's.
"""

from lint.findings import Problem
from lint.library import dangling

CODE = "PL601"
NAME = "dangling-link"
GROUP = "graph"
SEVERITY = "error"
SCOPE = "library"


def check(library, options):
    for path, line, column, message in dangling(library, "relationship", "relationship entry"):
        yield Problem(line, column, message, path=path)
