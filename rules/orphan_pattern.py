"""A pattern with no links in or out (off by default).

What it checks
--------------
Reported for a pattern that lists no relationship, inferred or body link and that no
other pattern of the library links to. Informational, and off by default: select it with
`--extend-select orphan-pattern`.

Why it matters
--------------
An orphan is invisible in the graph and in "related patterns": readers only find it
by search.

Example
-------
    relationships: {generalizes_from: [], specializes_to: [], enables: [], requires: []}
    # and no other pattern names it

How to fix
----------
Relate it to the patterns it belongs with (both directions where the format keeps both).

What it does not report
-----------------------
Anything, unless selected. A pattern whose only links dangle or name itself still links
somewhere (`dangling-link` and `self-link` report those). Patterns of an unknown format are
not judged (their links are not read), and their links do not count as incoming links of
others.
"""

CODE = "PL611"
NAME = "orphan-pattern"
GROUP = "graph"
SEVERITY = "info"
SCOPE = "library"
DEFAULT_ENABLED = False

from lint.findings import Problem


def check(library, options):
    for entry in library.target_entries():
        if entry.record.format is None or library.links_of(entry) or library.incoming_to(entry):
            continue
        line, column = entry.record.position(("slug",))
        yield Problem(line, column, "no pattern links here and this pattern links nowhere; relate it to the "
                      "patterns it belongs with", path=entry.path)
