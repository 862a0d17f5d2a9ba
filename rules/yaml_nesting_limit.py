"""The frontmatter is nested too deeply.

What it checks
--------------
Reported when mappings and lists nest more than 64 levels deep. The depth is measured
before the YAML is composed, since libyaml crashes on very deep input.

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
