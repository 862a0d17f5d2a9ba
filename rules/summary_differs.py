"""The body opens with another text than the frontmatter `summary` (off by default).

What it checks
--------------
The text that opens the body, before the confidence callout and the first section (see
`summary-mismatch`), when it is not a copy of the frontmatter `summary` at all: fewer than
half of the shorter text's words appear in the other, in order. Usually an epigraph ("To
intervene in a system, you must first understand its music") or the summary written anew.
Informational, and off by default: select it with `--extend-select summary-differs`.
Reported at the body's summary, with how many words they share and how each begins.

Why it matters
--------------
The spec's body opens with "a one-sentence summary of the pattern's core idea", and the
template fills the frontmatter `summary` with the same words. A library that wants the card
and the page to say the same thing can hold every file to it with this rule.

Example
-------
    summary: >-
      Reading the forces, tensions, and life-energy at play in a situation before
      prescribing solutions.
    ---

    > To intervene in a system, you must first understand its music.

How to fix
----------
Nothing, if the epigraph is meant. Otherwise write the frontmatter summary (or its first
sentence) in the body. `--fix --unsafe-fixes` copies the frontmatter summary into the body.

What it does not report
-----------------------
Two texts that are the same after normalising markup and typography, or a body that is the
first whole sentence(s) of the frontmatter summary: nothing differs. A body that is an
edited copy of the frontmatter summary (half of the words or more in common, in order) is
`summary-mismatch`, on by default. Off by default because on the real libraries most body
openings that share little with the frontmatter summary are epigraphs their authors chose
(14 of the 19 differing summaries in the sample and the development set); a warning on
each would be a false alarm to those libraries.
"""

CODE = "PL507"
NAME = "summary-differs"
GROUP = "reconciliation"
SEVERITY = "info"
NEEDS_FORMAT = True
FIXABLE = True
DEFAULT_ENABLED = False

from lint import reconcile
from lint.findings import Problem


def check(doc, options):
    found = reconcile.summaries(doc)
    if found is None or found[2].kind != "different":
        return
    block, summary, compared = found
    yield Problem(block.line, 1, f"the body opens with another text than the frontmatter summary "
                  f"({compared.detail}); if a summary is meant there, write the frontmatter's "
                  "(or its first sentence)", fix=reconcile.summary_fix(block, summary))
