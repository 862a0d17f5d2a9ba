"""The body's opening summary is an edited copy of the frontmatter `summary`.

What it checks
--------------
The text that opens the body, before the confidence callout and the first section (a
blockquote or a paragraph, the template's `> {A one-sentence summary ...}`), is the
summary. It may be the frontmatter `summary` or its first whole sentence(s): the spec asks
for a one-sentence summary in the body, the template for one or two sentences in the
frontmatter. Compared as a reader sees them: markup, line breaks, link targets, curly and
straight quotes, the kinds of dash and the spaces around a dash (`emergence — and`,
`emergence—and`, a folded `co-` / `owned`), soft hyphens and the closing sentence mark do
not count. A body that shares at least half of its words (of the shorter text's), in order,
with the frontmatter summary and still differs is a copy edited on one side: reported at
the body's summary, saying how many words they share and quoting where they part.

Why it matters
--------------
The summary is written twice; cards and search show the frontmatter one, the page shows
the body one. A copy edited on one side only drifts.

Example
-------
    summary: >-
      A pattern for establishing collective trust by making records auditable.
    ---

    > A pattern for establishing collective trust.

How to fix
----------
Copy the frontmatter summary (or its first sentence) into the body, or the other way round,
word for word. `--fix --unsafe-fixes` rewrites the body's summary from the frontmatter.

What it does not report
-----------------------
A body that is the first sentence, or the first few sentences, of the frontmatter summary
(the spec allows it), and differences of typography only. A body that shares fewer than
half of its words with the frontmatter summary is another text, usually an epigraph the
author chose: that is `summary-differs`, off by default. Case is compared (`a pattern`
and `A pattern` differ).
"""

CODE = "PL506"
NAME = "summary-mismatch"
GROUP = "reconciliation"
SEVERITY = "warning"
NEEDS_FORMAT = True
FIXABLE = True

from lint import reconcile
from lint.findings import Problem


def check(doc, options):
    found = reconcile.summaries(doc)
    if found is None or found[2].kind != "copy":
        return
    block, summary, compared = found
    yield Problem(block.line, 1, f"the body's opening summary differs from the frontmatter summary "
                  f"({compared.detail}); make them the same (the body may be its first sentence alone)",
                  fix=reconcile.summary_fix(block, summary))
