"""A pattern whose frontmatter is TOML (`+++`) or JSON (`{`), which the linter does not read.

What it checks
--------------
Reported at line 1 of a file that opens with `+++` (TOML, as Hugo allows) or `{` (JSON)
and names an `id` or `slug` in it: a pattern the linter cannot check. Other files that
open that way (a section page) are skipped as before.

Why it matters
--------------
Pattern libraries keep YAML frontmatter between `---` lines; a pattern in another syntax
is invisible to the library's scripts and would otherwise pass silently, unchecked.

Example
-------
    +++
    id = "pat_01khm0pp0qw6rb1r861rg6dfh1"
    slug = "transparent-ledger"
    +++

How to fix
----------
Convert the frontmatter to YAML between `---` lines.

What it does not report
-----------------------
Files that open with `+++` or `{` but name no `id` or `slug` in their first 20,000
characters (a Hugo section page) are skipped, not reported. The TOML or JSON is not read,
so nothing in it is checked; the file counts as a pattern under its file name, so links to
it do not dangle.
"""

CODE = "PL110"
NAME = "unsupported-frontmatter"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"


# -- messages (the reader, lint/document.py, reports them) -------------------------------------------

def not_yaml(kind: str) -> str:
    """`kind`: the frontmatter's language and how it opens (``TOML (`+++`)``)."""
    return (f"{kind} frontmatter is not read: pattern files keep their frontmatter as YAML between `---` lines; "
            "convert it")
