"""The frontmatter is a list or a single value, not a mapping of keys.

What it checks
--------------
Reported when the YAML between the `---` lines parses to something other than a mapping.

Why it matters
--------------
Every field of a pattern is a key of that mapping; a list or a sentence carries none.

Example
-------
    ---
    - id: pat_01khm0pp0qw6rb1r861rg6dfh1
    - slug: transparent-ledger
    ---

How to fix
----------
Write the frontmatter as `key: value` lines without a leading `- `.

What it does not report
-----------------------
Empty frontmatter, or frontmatter that holds only comments, is not a list or a value: the
file claims nothing and is skipped as not a pattern. Frontmatter that does not parse is
`yaml-syntax`; a mapping with odd values is left to the schema rules.
"""

CODE = "PL102"
NAME = "frontmatter-not-mapping"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"


# -- messages (the reader, lint/document.py, reports them) -------------------------------------------

def not_a_mapping(value) -> str:
    """`value`: the frontmatter as read (a list, or a single value)."""
    kind = "a list" if isinstance(value, list) else f"a single value ({type(value).__name__})"
    return f"frontmatter is {kind}, not a mapping of keys to values; write it as `key: value` lines"
