"""Aliases in the frontmatter expand to too many values, or refer to themselves.

What it checks
--------------
Reported when anchors and aliases (`&a`, `*a`) expand to more than 50,000 values (an
"alias bomb"), at the top-level key whose value crosses the limit, or when a collection
contains an alias of itself (a cycle), at that collection. Values are counted as they are
built, so the bomb is never expanded; the frontmatter is not checked further.

Why it matters
--------------
A few hundred bytes of nested aliases expand to millions of values and hang every tool
that walks them; a cycle sends them into endless recursion.

Example
-------
    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    ...

How to fix
----------
Write the values out; pattern frontmatter does not need anchors.

What it does not report
-----------------------
Anchors and aliases that stay under the limit (a shared block of defaults, `<<: *base`):
allowed YAML, if unusual in patterns. Once the limit is crossed the frontmatter is not
built, so no schema, identity or link rule runs on it; the file still counts as a pattern,
under its file name, when a line starts with `id:` or `slug:`.
"""

CODE = "PL107"
NAME = "yaml-alias-limit"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"


# -- messages (the YAML reader, lint/yamlnodes.py, reports them) ----------------------------------------

def too_many_values(limit: int) -> str:
    return (f"frontmatter expands to more values than the limit ({limit:,}), through aliases (an alias bomb?) "
            "or sheer size; write the values out instead of using anchors and aliases")


def alias_cycle() -> str:
    return "an alias here refers to a collection that contains it (a cycle); remove the anchor (`&`) or the alias (`*`)"
