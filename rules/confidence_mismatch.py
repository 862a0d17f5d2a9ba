"""The body's confidence rating disagrees with `lifecycle.confidence`, or its label with its stars.

What it checks
--------------
Reads the `Confidence Rating` callout (`> [!NOTE] Confidence Rating: ★★☆ (Medium)`):
the number of ★ must equal `lifecycle.confidence` (1-3), and a label the label map knows
must name the same number of stars (default map: High 3, Medium 2, Low 1; labels it does
not know, such as Established or Observed, are not judged, and are quoted as written).
Reported at the stars, quoting both values without saying which is right.

Why it matters
--------------
The callout is what readers see, the frontmatter what cards, search and tools read; when
they disagree, one of them misinforms. In the Commons-OS library about 2,000 files show
★★★ (Established) while `lifecycle.confidence` is 1.

Example
-------
    lifecycle:
      confidence: 1
    ...
    > [!NOTE] Confidence Rating: ★★★ (Established)     # the callout says 3, the frontmatter 1

How to fix
----------
Decide which side is right and correct the other: rewrite the callout from
`lifecycle.confidence` (3 ★★★ High, 2 ★★☆ Medium, 1 ★☆☆ Low), or set
`lifecycle.confidence` to the callout's stars. `confidence-source` in the configuration
names the side a fix trusts: `"frontmatter"`, and `--fix --unsafe-fixes` rewrites the stars
and the label (from the configured label map); `"body"`, and it writes the callout's count
of stars into `lifecycle.confidence`. Not set (the default), a disagreement between the
callout and the frontmatter has no fix: the rule cannot know which side the author meant,
and on a library where a generator wrote one side wrongly in every file, an unsafe fix that
guessed would rewrite the right side 2,000 times (one fix per finding, so both directions
cannot be offered). The fix stays unsafe when a side is configured: one file may be the
exception to the library's rule. A label that disagrees with stars that agree with the
frontmatter is fixed (unsafe) whatever the setting: two of the three already agree.

What it does not report
-----------------------
A label the label map does not know (Established, Observed): add it with
`confidence-labels` to have it judged. A `lifecycle.confidence` that is not 1, 2 or 3, or
not a number: `invalid-value` and `wrong-type` report it, and the callout is not compared
with it (its label is still compared with its stars: `★★★★ (High)`). A file
without a callout is `missing-confidence-rating`.
"""

CODE = "PL501"
NAME = "confidence-mismatch"
GROUP = "reconciliation"
SEVERITY = "error"
NEEDS_FORMAT = True
FIXABLE = True

from lint import reconcile, schema
from lint.document import dotted
from lint.edits import replace_value, writable
from lint.findings import Edit, Fix, Problem


def check(doc, options):
    facts = doc.format.body.get("confidence")
    rating = reconcile.confidence_rating(doc) if facts else None
    path = facts.get("path") if facts else None  # formats without a confidence field compare label and stars only
    if rating is None:
        return
    stated = doc.get(*path) if path else None
    if not (isinstance(stated, int) and not isinstance(stated, bool)) or (path and schema.flagged(doc, path)):
        stated = None  # a field a schema rule reports (`confidence: 4`): the callout's label and stars still agree or not
    labels = {k.casefold(): v for k, v in facts.get("labels", {}).items()}
    meant = labels.get(rating.label.casefold()) if rating.label else None
    shown = " ".join(filter(None, (rating.shown, f"({rating.label})" if rating.label else None)))
    field = f"`{dotted(tuple(path))}`" if path else None
    problems, sides = [], False  # sides: the callout and the frontmatter disagree (not only label and stars)
    if rating.stars is None:  # `Confidence Rating: High`: the label alone carries the rating
        if meant is not None and stated is not None and meant != stated:
            problems.append(f"the callout says \"{rating.label}\" ({meant}) where {field} is {stated}")
            sides = True
    else:
        if stated is not None and stated != rating.stars:
            problems.append(f"the callout shows {shown}, {rating.stars} star{'s' * (rating.stars != 1)}, "
                            f"where {field} is {stated}")
            sides = True
        if meant is not None and meant != rating.stars:
            problems.append(f"the label \"{rating.label}\" means {meant} star{'s' * (meant != 1)}, "
                            f"the rating shows {rating.stars}")
    if problems:
        source = facts.get("source")
        advice = "make them agree" if not sides or source else \
            "make them agree (`confidence-source` in the configuration names the side a fix trusts)"
        yield Problem(rating.line, rating.column, "; ".join(problems) + "; " + advice,
                      fix=_fix(doc, rating, stated, meant, facts, path, source if sides else "frontmatter"))


def _fix(doc, rating, stated, meant, facts, path, source):
    """`source` "frontmatter": rewrite stars and label from `lifecycle.confidence`; "body": write the
    callout's star count into `lifecycle.confidence`; None: no fix (either side may be the one meant).
    Unsafe either way: one file may be the exception to the library's rule."""
    if source == "body":
        value = rating.stars if rating.stars is not None else meant  # `Confidence Rating: High`: the label's
        if value is None or not 1 <= value <= 3 or path is None:
            return None
        edit = replace_value(doc, tuple(path), str(value))
        return Fix(f"write {dotted(tuple(path))}: {value}", False, (edit,)) if edit else None
    if source != "frontmatter" or rating.stars is None or stated is None or not 1 <= stated <= 3:
        return None
    label = next((name for name, n in facts.get("labels", {}).items() if n == stated), None)
    if label is not None and not writable(label):
        return None  # a configured label with a control character or a line break is not written
    text = reconcile.stars(stated) + (f" ({label})" if label else "")
    return Fix(f"rewrite the rating as {text}", False,
               (Edit(rating.line, rating.column, rating.line, rating.end_column, text),))
