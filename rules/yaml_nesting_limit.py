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
"""

CODE = "PL108"
NAME = "yaml-nesting-limit"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"
