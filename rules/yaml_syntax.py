"""The frontmatter is not valid YAML.

What it checks
--------------
Reported at the position where the YAML parser gave up, and for scalars that look typed
but cannot be read (`2026-02-30`, `0x_`).

Why it matters
--------------
A file whose frontmatter does not parse has no metadata at all: it drops out of the
site's indexes and the library's graph.

Example
-------
    ontology: {domain: parenting-family, cross_domains: []
      commons_domain:
        - life

    (a flow mapping `{...}` cannot contain block lines)

How to fix
----------
Fix the YAML at the reported line and column; when in doubt, write block style
(`key: value` on its own line) instead of `{...}`, and quote text that contains `: `.

What it does not report
-----------------------
When the frontmatter does not parse, only the first error is reported: the parser stops
there. Values YAML reads with another type than meant (`status: no`) parse fine and are
`yaml-implicit-type`; tabs YAML accepts are `yaml-tab`, repeated keys `duplicate-key`, tags
`yaml-unsupported-tag`, frontmatter too deep or too large `yaml-nesting-limit` and
`yaml-alias-limit`. A value it could not read is kept as written, and `invalid-value` and
the reconciliation rules do not judge it again.
"""

CODE = "PL103"
NAME = "yaml-syntax"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"

import re

from lint.messages import one_line, shown


# -- messages (the YAML reader, lint/yamlnodes.py, reports them) ----------------------------------------

_MARKDOWN_LINE = re.compile(r"(?:>|#{1,6} |[*_]{2}\w|\[!)")


def not_yaml(problem: str | None, context: str | None, opened_at: tuple[int, int] | None,
             line_text: str | None, column: int) -> str:
    """Where the parser gave up. `problem` and `context` are its words; `opened_at` the line and column
    of what it was reading (an unclosed bracket) when that is on another line; `line_text` the line it
    gave up on (None when it has no position) and `column` the 0-based column there."""
    problem = one_line(problem or "")
    context = one_line(context or "")
    if context and opened_at is not None:
        context += f" (opened at line {opened_at[0]}, column {opened_at[1]})"
    if line_text is not None and "\t" in line_text[: column + 1]:
        return "tab character in the frontmatter: YAML indentation must use spaces; replace the tab with spaces"
    detail = f"{context}, {problem}" if context and problem else (problem or context or "unreadable YAML")
    if line_text is not None and _MARKDOWN_LINE.match(line_text):
        return (f"frontmatter is not valid YAML ({detail}) at a line that looks like Markdown: is the closing "
                "`---` missing? The frontmatter now ends at the next `---` line, probably a rule in the body")
    return f"frontmatter is not valid YAML: {detail}; fix the syntax at this position"


def unreadable(error: str) -> str:
    """The parser failed without a position (`error`: what it said)."""
    return f"frontmatter is not valid YAML: {one_line(error)}"


def key_not_scalar() -> str:
    return "a mapping key must be a plain word, not a list or mapping; rewrite the key"


def merge_not_mapping() -> str:
    return "a merge key (`<<`) must refer to a mapping"


def unreadable_scalar(value: str, kind: str, error: str) -> str:
    """A typed scalar (`kind`: `an integer`, `a date`) that cannot be read as one."""
    return f"`{shown(value)}` cannot be read as {kind} ({one_line(error)}); correct it or quote it to keep it as text"
