"""The file is empty or holds only whitespace.

What it checks
--------------
Reported for a file with no content at all.

Why it matters
--------------
An empty file in a pattern library is a placeholder that was never written or a
failed save; it renders as a blank page.

Example
-------
    touch patterns/new-pattern.md

How to fix
----------
Write the pattern (copy the template) or delete the file.

What it does not report
-----------------------
A file with frontmatter and no body is not empty: `missing-section` reports the sections it
lacks. A file whose frontmatter is empty or holds only comments (`---` followed by `---`)
claims nothing, is not a pattern and is skipped.
"""

CODE = "PL006"
NAME = "empty-file"
GROUP = "file"
SEVERITY = "warning"
SOURCE = "document"


# -- messages (the reader, lint/document.py, reports them) -------------------------------------------

def empty() -> str:
    return "file is empty; write the pattern or delete the file"
