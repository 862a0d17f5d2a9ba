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

What it does not report
-----------------------
The same key in two different mappings (`status` at the top and under `lifecycle`), keys
that differ in case or spelling (`Status` and `status`: `unknown-field` reports one the
format does not define), and a key given both explicitly and through a merge key
(`<<: *base`), where YAML lets the explicit one win. A target repeated in a relationship
list is `duplicate-link`.
"""

CODE = "PL104"
NAME = "duplicate-key"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"

from lint.messages import shown


# -- messages (the YAML reader, lint/yamlnodes.py, reports them) ----------------------------------------

def duplicate(key: str, first_line: int) -> str:
    return (f"duplicate key `{shown(key)}`: it is already set at line {first_line}, and YAML readers keep only "
            "one of the two values; remove or rename one of them")
