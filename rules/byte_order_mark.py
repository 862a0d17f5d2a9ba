"""The file starts with a UTF-8 byte order mark.

What it checks
--------------
Reported when a pattern file begins with the bytes EF BB BF.

Why it matters
--------------
With a BOM the first line is not exactly `---`, so Jekyll, python-frontmatter and others
see no frontmatter at all and render the YAML as text. The linter strips the BOM and
checks the file anyway.

Example
-------
    <EF BB BF>---
    id: pat_01khm0pp0qw6rb1r861rg6dfh1

How to fix
----------
Save the file as "UTF-8" rather than "UTF-8 with BOM".

What it does not report
-----------------------
Files that are not patterns (a section `_index.md`, a README): their encoding is not the
library's business. Only a BOM at the very start counts: a second one before the opening
`---` is `unrecognised-frontmatter`, and a UTF-16 BOM is `invalid-encoding`.
"""

CODE = "PL004"
NAME = "byte-order-mark"
GROUP = "file"
SEVERITY = "warning"
SOURCE = "document"


# -- messages (the reader, lint/document.py, reports them) -------------------------------------------

def byte_order_mark() -> str:
    return ("file starts with a UTF-8 byte order mark, which hides the frontmatter from many site generators; "
            "save the file as UTF-8 without BOM")
