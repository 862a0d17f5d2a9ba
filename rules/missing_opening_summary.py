"""The body starts with a heading: its opening summary is missing.

What it checks
--------------
For formats whose body opens with a summary (v7.1: the spec's and the template's
`> A one-sentence summary of the pattern's core idea.` above the confidence callout and the
first section), something above the first section must be the summary: a blockquote or a
paragraph. Reported when only `---` rules, HTML comments, a `#` title or a callout come
before the first section heading, at the first rule or callout (else at that heading). When
the `Confidence Rating` callout is missing too, the one finding says so, and
missing-confidence-rating stays silent: the whole opening is missing, one cause.

Why it matters
--------------
The summary is the first thing the page shows, before any section; without it a reader
lands in the Context with no idea what the pattern is about. The frontmatter `summary`
(cards, search) is then the only one.

Example
-------
    ---

    ### Section 1: Context          # <- no `> summary` (nor callout) above it

How to fix
----------
Add the frontmatter `summary` as a blockquote at the top of the body (`> ...`), followed
by the `> [!NOTE] Confidence Rating: ...` callout, before the first section.

What it does not report
-----------------------
A summary that is there but differs from the frontmatter one (summary-mismatch), or is
quoted in the same blockquote as the callout, or comes after the callout: the summary is
written, and placing it is another matter. Content of another kind above the first
section (a list, a table, code) is taken as the author's opening. A body with no heading at
all, or only a title, has no sections to open (missing-section). Formats whose body does
not open with a summary: the classification format, and the commons.engineering collection
format (its site's files open either way, and its spec does not ask for one).
"""

CODE = "PL412"
NAME = "missing-opening-summary"
GROUP = "sections"
SEVERITY = "warning"
NEEDS_FORMAT = True

from lint import reconcile
from lint.findings import Problem


def check(doc, options):
    block = reconcile.opening_without_summary(doc)
    if block is None:
        return
    where = ("before this rule" if block.kind == "hr" else "before this callout" if block.kind == "blockquote"
             else "before this heading")
    callout = doc.format.body.get("confidence") or {}
    if callout.get("required") and reconcile.confidence_rating(doc) is None:
        yield Problem(block.line, 1, f"the body has no opening summary and no `{callout['callout']}` callout; "
                      f"add the summary as a blockquote (`> ...`) and the callout {where}")
    else:
        yield Problem(block.line, 1, f"the body has no opening summary; add it as a blockquote (`> ...`) {where}")
