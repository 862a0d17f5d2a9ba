"""The body's confidence rating disagrees with `lifecycle.confidence`, or its label with its stars.

What it checks
--------------
Reads the `Confidence Rating` callout (`> [!NOTE] Confidence Rating: ★★☆ (Medium)`):
the number of ★ must equal `lifecycle.confidence` (1-3), and a label the label map knows
must name the same number of stars (default map: High 3, Medium 2, Low 1; labels it does
not know, such as Established or Observed, are not judged). Reported at the stars,
quoting both values.

Why it matters
--------------
The frontmatter is the source of truth and the callout is what readers see; in the
Commons-OS library about 2,000 files show ★★★ while `lifecycle.confidence` is 1.

Example
-------
    lifecycle:
      confidence: 1
    ...
    > [!NOTE] Confidence Rating: ★★★ (Established)     # body says 3, frontmatter 1

How to fix
----------
Rewrite the callout from `lifecycle.confidence` (3 ★★★ High, 2 ★★☆ Medium, 1 ★☆☆ Low),
or correct `lifecycle.confidence` if the callout is what the author meant. `--fix
--unsafe-fixes` rewrites the stars and the label (from the configured label map).
"""

CODE = "PL501"
NAME = "confidence-mismatch"
GROUP = "reconciliation"
SEVERITY = "error"
NEEDS_FORMAT = True
FIXABLE = True

from lint import fix, reconcile, schema
from lint.document import dotted
from lint.findings import Problem


def check(doc, options):
    facts = doc.format.body.get("confidence")
    rating = reconcile.confidence_rating(doc) if facts else None
    path = facts.get("path") if facts else None  # formats without a confidence field compare label and stars only
    if rating is None or (path and schema.flagged(doc, path)):
        return
    stated = doc.get(*path) if path else None
    labels = {k.casefold(): v for k, v in facts.get("labels", {}).items()}
    meant = labels.get(rating.label.casefold()) if rating.label else None
    problems = []
    if rating.stars is None:  # `Confidence Rating: High`: the label alone carries the rating
        if meant is not None and isinstance(stated, int) and not isinstance(stated, bool) and meant != stated:
            problems.append(f"body says \"{rating.label}\" ({meant}), `{dotted(tuple(path))}` is {stated}")
    else:
        if isinstance(stated, int) and not isinstance(stated, bool) and stated != rating.stars:
            problems.append(f"body says {rating.shown} ({rating.stars}), `{dotted(tuple(path))}` is {stated}")
        if meant is not None and meant != rating.stars:
            problems.append(f"the label \"{rating.label}\" means {meant} star{'s' * (meant != 1)}, "
                            f"the rating shows {rating.stars}")
    if problems:
        yield Problem(rating.line, rating.column, "; ".join(problems) + "; make them agree "
                      "(the frontmatter is the source of truth)", fix=_fix(rating, stated, facts))


def _fix(rating, stated, facts):
    """Rewrite stars and label from the frontmatter (unsafe: the callout may be what the author meant)."""
    if rating.stars is None or not isinstance(stated, int) or isinstance(stated, bool) or not 1 <= stated <= 3:
        return None
    label = next((name for name, n in facts.get("labels", {}).items() if n == stated), None)
    if label is not None and not fix.writable(label):
        return None  # a configured label with a control character or a line break is not written
    text = reconcile.stars(stated) + (f" ({label})" if label else "")
    return fix.Fix(f"rewrite the rating as {text}", False,
                   (fix.Edit(rating.line, rating.column, rating.line, rating.end_column, text),))
