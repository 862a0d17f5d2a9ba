"""The file uses CRLF or bare CR line endings instead of LF.

What it checks
--------------
Reported once per pattern file, at the first line that ends in CR.

Why it matters
--------------
Mixed endings make noisy diffs, and bare CR files look like one line to many tools
(python-frontmatter finds no frontmatter in them). The linter reads them as LF.

Example
-------
    ---<CR><LF>
    id: pat_01khm0pp0qw6rb1r861rg6dfh1<CR><LF>

How to fix
----------
Convert the file to LF (`dos2unix`, your editor's line-ending setting), and add
`* text=auto eol=lf` to `.gitattributes`.

What it does not report
-----------------------
Files that are not patterns (a CRLF `_index.md` or README). One finding per file, not one
per line: a file mixing LF and CRLF is reported as CRLF, at its first CR. A missing final
newline and trailing white space are not checked by any rule.
"""

CODE = "PL005"
NAME = "line-endings"
GROUP = "file"
SEVERITY = "warning"
SOURCE = "document"


# -- messages (the reader, lint/document.py, reports them) -------------------------------------------

def crlf() -> str:
    return ("file uses CRLF (Windows) line endings; convert it to LF (`git config core.autocrlf input`, or your "
            "editor's line-ending setting)")


def bare_cr() -> str:
    return ("file uses bare CR line endings (mixed or classic Mac), which many tools read as one long line; "
            "convert it to LF line endings")
