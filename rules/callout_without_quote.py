"""The confidence callout is written without `>` and renders as plain text.

What it checks
--------------
A line that starts `[!NOTE] Confidence Rating: ...` (or `[!NOTE]` alone, the rating on the
next line) outside any blockquote is a callout written without its `>`: Markdown reads it
as an ordinary paragraph. Reported at the `[!NOTE]` line, as malformed rather than
missing; its stars are still compared with `lifecycle.confidence` (confidence-mismatch).

Why it matters
--------------
Only a blockquote becomes a callout: the page shows `[!NOTE] Confidence Rating: ★★★
(Established)` as a line of text, with no callout box. About 28 files of the Commons-OS
library write it so; calling the callout absent would send their maintainers looking
for something that is there.

Example
-------
    The capacity for uninterrupted concentration is becoming rarer ...

    [!NOTE] Confidence Rating: ★★★ (Established)     # no `>`: a plain paragraph
    This pattern draws on Cal Newport / Cognitive Science.

How to fix
----------
Start each line of the callout with `> `. `--fix` adds them (a safe fix: it inserts `> `
before the callout's lines and changes nothing else; when the callout hangs on a
blockquote above it, it also inserts the blank line that keeps the two apart).

What it does not report
-----------------------
A paragraph that mentions a confidence rating without a `[!...]` marker (`Confidence
Rating: ★★★` as a sentence): that is no callout, and missing-confidence-rating reports the
body as having none. Other callouts written without `>` (`[!TIP] ...`): only the format's
confidence callout is read. Callouts inside list items (only the body's top-level blocks
are read).
"""

CODE = "PL703"
NAME = "callout-without-quote"
GROUP = "rendering"
SEVERITY = "warning"
NEEDS_FORMAT = True
FIXABLE = True

import re

from lint import reconcile
from lint.findings import Edit, Fix, Problem

_QUOTED = re.compile(r" {0,3}>")


def check(doc, options):
    facts = doc.format.body.get("confidence")
    rating = reconcile.confidence_rating(doc) if facts else None
    if rating is None or rating.malformed != "unquoted":
        return
    block = rating.block
    lines = block.text.split("\n")
    first = rating.callout_line - block.line
    yield Problem(rating.callout_line, len(lines[first]) - len(lines[first].lstrip(" ")) + 1,
                  f"the `{facts.get('callout', 'Confidence Rating')}` callout is written without `>`, so the page "
                  "shows `[!NOTE]` as plain text instead of a callout; start each of its lines with `> `",
                  fix=_fix(block, lines, first))


def _fix(block, lines: list[str], first: int):
    """`> ` before the callout's lines: from its `[!NOTE]` line to the end of its paragraph (in a
    blockquote, to the next line with its own `>`; a blank line first there, or the callout would
    be glued to that blockquote)."""
    edits = []
    last = len(lines) - (1 if block.kind == "heading" else 0)  # a setext heading's underline is no callout line
    for offset in range(first, last):
        if block.kind == "blockquote" and offset > first and _QUOTED.match(lines[offset]):
            break
        number = block.line + offset
        glue = "\n" if block.kind == "blockquote" and offset == first else ""
        edits.append(Edit(number, 1, number, 1, glue + "> "))
    return Fix("start the callout's lines with `> `", True, tuple(edits))
