"""The same key appears twice in one mapping.

What it checks
--------------
Reported at the second (and any later) occurrence, naming the line of the first.

Why it matters
--------------
YAML readers keep only one of the values, silently (PyYAML keeps the last); the other
is lost without anyone noticing.

Example
-------
    lifecycle:
      status: draft
      confidence: 2
      status: stable      # <- duplicate-key, first at line 2

How to fix
----------
Delete the stale line, or rename it to the key that was meant.
"""

CODE = "PL104"
NAME = "duplicate-key"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"
