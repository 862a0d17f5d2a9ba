"""A tab character where YAML parsers disagree (indentation, or right after a key's colon).

What it checks
--------------
Reported once per file, at the first line of frontmatter that has a tab in its leading
whitespace or directly after `key:`, when the YAML still parses (a tab that breaks the
parse is `yaml-syntax`). The message counts the other lines.

Why it matters
--------------
PyYAML accepts `status:<TAB>draft`; ruamel.yaml, which pattern-lint's fixes and many
editors use, rejects it. A file that one tool reads and another refuses is a trap for
the next person who edits it.

Example
-------
    lifecycle:
      status:<TAB>draft

How to fix
----------
Replace the tab with spaces (most editors: "convert indentation to spaces").

What it does not report
-----------------------
Tabs all YAML parsers read alike: inside a value (`title: a<TAB>b`), after a space
(`key: <TAB>value`), in a comment after a value, and anywhere in the body. A tab that breaks
the parse is `yaml-syntax`. Only the first line is reported; the message counts the others.
"""

CODE = "PL109"
NAME = "yaml-tab"
GROUP = "frontmatter"
SEVERITY = "warning"
SOURCE = "document"


# -- messages (the YAML reader, lint/yamlnodes.py, reports them) ----------------------------------------

def tabs(lines: int) -> str:
    """`lines`: how many lines have such a tab (the finding is at the first)."""
    more = f" (and on {lines - 1} more line{'s' * (lines > 2)})" if lines > 1 else ""
    return f"tab character in the frontmatter{more}; some YAML parsers reject tabs here: use spaces"
