"""Two or more patterns share one `slug`.

What it checks
--------------
Reported on each file involved, at its `slug`, naming the other files (the first five, then
how many more; for example the same slug in two folders of the library).

Why it matters
--------------
The slug is the URL (`/patterns/<slug>/`) and how most links name their target: two
patterns with one slug are one page and one link target.

Example
-------
    patterns/a/transparent-ledger.md:  slug: transparent-ledger
    patterns/b/transparent-ledger.md:  slug: transparent-ledger

How to fix
----------
Rename one of them (its slug and its file), and update links that meant it.

What it does not report
-----------------------
Slugs are compared as written: `Transparent-Ledger` and `transparent-ledger` are not
duplicates (`invalid-slug` reports the first). A file whose frontmatter could not be read
stands in under its file name and is not compared, nor is one pattern's file name with
another's slug. Duplicates are reported on the files being checked only.
"""

CODE = "PL605"
NAME = "duplicate-slug"
GROUP = "graph"
SEVERITY = "error"
SCOPE = "library"

from collections import defaultdict

from lint import library as library_module
from lint.findings import Problem


def check(library, options):
    by_slug = defaultdict(list)
    for entry in library.entries:
        if entry.slug and not entry.slug_from_file_name:
            by_slug[entry.slug].append(entry)
    for slug, entries in by_slug.items():
        if len(entries) > 1:
            for entry in entries:
                if library.is_target(entry):
                    others = library_module.others(entries, entry)
                    line, column = entry.record.position(("slug",))
                    yield Problem(line, column, f"slug `{slug}` is also the slug of {others}; give each pattern "
                                  "its own slug", path=entry.path)
