"""An unquoted value is read as a number, boolean or date where text is meant.

What it checks
--------------
Reported for plain (unquoted) YAML 1.1 values whose type changes their meaning, in
fields whose schema expects text: `1.10` read as the number 1.1, `no`/`yes`/`on`/`off`
read as booleans, `2026-02-19` read as a date, `010` read as 8.

Why it matters
--------------
The value a machine reads is not the value the author wrote: `version: 1.10` becomes
1.1, `status: no` becomes false. The rest of the check uses the text as written.

Example
-------
    lifecycle:
      version: 1.10       # read as 1.1
    title: 2026-02-19     # read as a date

How to fix
----------
Quote the value: `version: "1.10"`, `title: "2026-02-19"`. `--fix` does it (safe: the
text is kept exactly as written).

What it does not report
-----------------------
Quoted values, and values whose field accepts what YAML read: `confidence: 3` where a number
is meant, `version: 1.2` where text or a number is allowed and the number reads back as
written, `last_pruned: 2026-02-17` where a date is meant. A value in a field that takes no
text (`confidence: yes`, `.nan` for a score) is `wrong-type`; one YAML cannot read
(`2026-02-30`) is `yaml-syntax`. Patterns of an unknown format are not checked.
"""

CODE = "PL105"
NAME = "yaml-implicit-type"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "schema"
FIXABLE = True

from lint.document import dotted
from lint.findings import Edit, Fix


# -- messages (the schema layer, lint/schema/, reports them) ----------------------------------------

def read_as(path: tuple, text: str, read_as: str) -> str:
    """The plain scalar `text` at `path` is read as `read_as` (`the boolean `false``, `a date`)."""
    key = path[-1]
    quoted = f'{key}: "{text}"' if isinstance(key, str) else f'"{text}"'
    return f"`{text}` in `{dotted(path)}` is read as {read_as}, not as the text `{text}`; quote it: `{quoted}`"


def quote(text: str, edit: Edit | None) -> Fix | None:
    """The fix: `edit` writes `text` in double quotes (None when the value cannot be replaced)."""
    return Fix(f"quote {text}", True, (edit,)) if edit else None
