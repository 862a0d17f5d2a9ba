"""The frontmatter starts with `---` but is never closed.

What it checks
--------------
Reported when the first line is `---` and no later line is `---`.

Why it matters
--------------
Without the closing line, tools disagree: python-frontmatter silently returns no
metadata, others treat the whole file as YAML. Either way the pattern's data is lost.

Example
-------
    ---
    id: pat_01khm0pp0qw6rb1r861rg6dfh1
    slug: transparent-ledger

    ### Section 1: Context

How to fix
----------
Add a line `---` after the last line of YAML.

What it does not report
-----------------------
A file whose first line `---` is followed by text that does not start like YAML (a `key:`
line) is a Markdown file opening with a thematic break, and is skipped. When a `---` rule
further down the body closes the frontmatter by accident, the YAML usually fails on the
first line of Markdown and `yaml-syntax` reports it there (when that line looks like
Markdown, its message asks whether the closing `---` is missing).
"""

CODE = "PL101"
NAME = "unclosed-frontmatter"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"


# -- messages (the reader, lint/document.py, reports them) -------------------------------------------

def unclosed() -> str:
    return ("frontmatter opened here is never closed; add a line `---` after its last YAML line (everything "
            "after it is the body)")
