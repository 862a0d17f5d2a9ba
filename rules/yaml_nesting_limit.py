"""The frontmatter is nested too deeply.

What it checks
--------------
Reported at the first mapping or list nested more than 64 levels deep. Text that could
nest thousands of levels (many brackets, very long lines) is measured from the parser's
events before it is composed, since libyaml's composer crashes on very deep input.

Why it matters
--------------
Pattern frontmatter nests four or five levels. Thousands of levels are an attack or an
accident, and crash parsers (a segmentation fault in libyaml at ~25,000 levels).

Example
-------
    a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]...

How to fix
----------
Flatten the structure.

What it does not report
-----------------------
Nesting up to 64 levels, many more than any pattern needs; deep nesting in the body (lists,
blockquotes) is Markdown, not YAML, and is not checked. Once the limit is crossed the
frontmatter is not built, so no schema, identity or link rule runs on it; the file still
counts as a pattern, under its file name, when a line starts with `id:` or `slug:`.
"""

CODE = "PL108"
NAME = "yaml-nesting-limit"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"


# -- messages (the YAML reader, lint/yamlnodes.py, reports them) ----------------------------------------

def too_deep(limit: int) -> str:
    return f"frontmatter nests more than {limit} levels deep here; pattern frontmatter needs a handful, so flatten it"
