"""Two or more patterns share one `id`.

What it checks
--------------
Reported on each file involved, at its `id`, naming the other files (the first five, then how
many more).

Why it matters
--------------
The TypeID is the machine identity relationships and the graph use: with two patterns
behind one id, links go to whichever a tool finds first. The Commons-OS library has two
files sharing one id and four sharing `pat_placeholder`.

Example
-------
    patterns/a.md:  id: pat_01khm0pp0qw6rb1r861rg6dfh1
    patterns/b.md:  id: pat_01khm0pp0qw6rb1r861rg6dfh1

How to fix
----------
Give each pattern its own new TypeID; keep the old one on the pattern links were meant for.

What it does not report
-----------------------
Ids are compared as written: an uppercase copy is another id (`invalid-typeid` reports it).
A file whose frontmatter could not be read has no id here (its own finding says why), and
an id that is not text is left to the schema rules. Duplicates are reported on the files
being checked only: a one-file pre-commit run does not report pairs among the others.
"""

CODE = "PL604"
NAME = "duplicate-id"
GROUP = "graph"
SEVERITY = "error"
SCOPE = "library"

from lint import library as library_module
from lint.findings import Problem


def check(library, options):
    for value, entries in library.by_id.items():
        if len(entries) > 1:
            for entry in entries:
                if library.is_target(entry):
                    others = library_module.others(entries, entry)
                    line, column = entry.record.position(("id",))
                    yield Problem(line, column, f"id `{value}` is also the id of {others}; give each pattern its "
                                  "own TypeID", path=entry.path)
