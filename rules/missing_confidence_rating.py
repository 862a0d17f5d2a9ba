"""A pattern has no `Confidence Rating` callout in its body.

What it checks
--------------
For formats whose body carries the rating (v7.1), the body must contain a blockquote with
`Confidence Rating:` and stars, normally `> [!NOTE] Confidence Rating: ★★☆ (Medium)` after
the summary. Reported at the first line of the body when there is no such callout, and at
the callout when it shows no stars (`Confidence Rating: High`).

Why it matters
--------------
Readers see confidence only through the callout; without it a draft idea and a proven
pattern look the same.

Example
-------
    ---

    > A pattern for ...

    ### Section 1: Context        # no Confidence Rating callout before it

How to fix
----------
Add the callout after the summary, with the stars for `lifecycle.confidence`.

What it does not report
-----------------------
A callout that is there but does not render: glued under the summary's blockquote
(callout-joined-to-blockquote) or written without `>` (callout-without-quote). Those rules
say what is wrong with it; calling it absent would be a second, wrong finding for one
cause. A rating stated in a sentence without a `[!NOTE]` marker, outside a blockquote, is
no callout and is reported here.

A body with neither the summary nor the callout above its first section: the whole opening
is missing, and missing-opening-summary reports it once, callout included.
"""

CODE = "PL502"
NAME = "missing-confidence-rating"
GROUP = "reconciliation"
SEVERITY = "warning"
NEEDS_FORMAT = True

from lint import body as body_model
from lint import reconcile
from lint.findings import Problem


def check(doc, options):
    facts = doc.format.body.get("confidence")
    if not facts or not facts.get("required"):
        return
    rating = reconcile.confidence_rating(doc)
    if rating is not None and rating.stars is not None:
        return
    if rating is None and reconcile.opening_without_summary(doc) is not None:
        return  # the whole opening is missing: missing-opening-summary says so, callout included
    count = doc.get(*facts["path"]) if facts.get("path") else None
    count = count if isinstance(count, int) and not isinstance(count, bool) and 1 <= count <= 3 else 2
    label = next((name for name, n in facts.get("labels", {}).items() if n == count), "")
    wanted = f"{facts['callout']}: {reconcile.stars(count)} ({label})"
    if rating is None:
        yield Problem(body_model.of(doc).start_line, 1, f"the body has no `{facts['callout']}` callout; add "
                      f"`> [!NOTE] {wanted}` after the summary")
    else:
        yield Problem(rating.line, rating.column, f"the `{facts['callout']}` callout shows no stars; write `{wanted}`")
