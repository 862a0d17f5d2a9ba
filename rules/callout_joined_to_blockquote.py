"""The confidence callout is glued to the blockquote above it and does not render.

What it checks
--------------
A `> [!NOTE] Confidence Rating: ...` callout must open its own blockquote. When its line
comes right after another blockquote's line (the summary `> ...`, or a `>` alone), with
no blank line between, the two are one blockquote, and the `[!NOTE]` marker is not on
its first line. Reported at the callout's `[!NOTE]` line. Its stars are still compared
with `lifecycle.confidence` (confidence-mismatch).

Why it matters
--------------
A callout (GitHub's alerts, and the renderers that follow them) is recognised only on the
first line of a blockquote: glued under the summary, the page shows the summary followed
by the literal text `[!NOTE] Confidence Rating: ★★☆`, with no callout box. About 60 files
of the commons.engineering library write their callout this way.

Example
-------
    > The art of luxury is to make the inaccessible desirable.
    > [!NOTE] Confidence Rating: ★★☆ (Medium)        # part of the summary's blockquote
    > This pattern is well-documented ...

How to fix
----------
Put a blank line before the `> [!NOTE]` line, so that the callout starts a blockquote of
its own. `--fix` inserts it (a safe fix: it changes nothing else).

What it does not report
-----------------------
Other callouts (`> [!TIP]`, `> [!WARNING]`) in the same position: only the format's
confidence callout is read. A rating written without a `[!...]` marker (`> **Confidence
Rating:** ★★☆` under the summary) is a plain quote by intent and renders as written. A
callout written without `>` is callout-without-quote's finding, not this one; a body with
no callout at all is missing-confidence-rating's.
"""

CODE = "PL702"
NAME = "callout-joined-to-blockquote"
GROUP = "rendering"
SEVERITY = "warning"
NEEDS_FORMAT = True
FIXABLE = True

from lint import reconcile
from lint.findings import Edit, Fix, Problem


def check(doc, options):
    facts = doc.format.body.get("confidence")
    rating = reconcile.confidence_rating(doc) if facts else None
    if rating is None or rating.malformed != "joined":
        return
    line = rating.block.text.split("\n")[rating.callout_line - rating.block.line]
    yield Problem(rating.callout_line, len(line) - len(line.lstrip(" ")) + 1,
                  f"the `{facts.get('callout', 'Confidence Rating')}` callout follows the blockquote above it "
                  "without a blank line: they are one blockquote, and the page shows `[!NOTE]` as text instead "
                  "of a callout; put a blank line before the callout",
                  fix=Fix("insert a blank line before the callout", True,
                          (Edit(rating.callout_line, 1, rating.callout_line, 1, "\n"),)))
