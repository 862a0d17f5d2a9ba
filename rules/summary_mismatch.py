"""The body's opening summary differs from the frontmatter `summary`.

What it checks
--------------
The text that opens the body, before the confidence callout and the first section (a
blockquote or a paragraph, the template's `> {A one-sentence summary ...}`), is the
summary; where there is one it must equal the frontmatter `summary` after normalising white
space, line breaks, emphasis and quote marks. A truncated copy is a mismatch. Reported at
the body's summary.

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
Copy the frontmatter summary into the body (or the other way round), word for word.
`--fix --unsafe-fixes` rewrites the body's summary from the frontmatter.
"""

CODE = "PL506"
NAME = "summary-mismatch"
GROUP = "reconciliation"
SEVERITY = "warning"
NEEDS_FORMAT = True
FIXABLE = True

from lint import body, fix, reconcile
from lint.document import dotted
from lint.findings import Problem


def check(doc, options):
    facts = doc.format.body.get("summary")
    summary = doc.get(*facts["path"]) if facts else None
    block = reconcile.body_summary(doc) if isinstance(summary, str) else None
    if block is None:
        return
    ours, theirs = reconcile.normalise_text(block.text), reconcile.normalise_text(summary)
    if ours == theirs:
        return
    name = dotted(tuple(facts["path"]))
    if theirs.startswith(ours):
        detail = f"it stops after {len(ours.split())} of the {len(theirs.split())} words of `{name}`"
    elif ours.startswith(theirs):
        detail = f"the body goes on after the frontmatter's last word: \"{_words(ours.split(), len(theirs.split()))}\""
    else:
        detail = _first_difference(ours.split(), theirs.split(), name)
    yield Problem(block.line, 1, f"the body's opening summary differs from the frontmatter summary ({detail}); "
                  "make them the same", fix=_fix(block, summary))


def _fix(block, summary: str):
    """Rewrite the body's summary from the frontmatter (unsafe: the body may be the better text).
    The summary's lines are written as they are; in a paragraph without its blank lines (a blank
    line would end the paragraph, and the rest would follow the summary on every run). A summary
    with a control character or another line break than `\n`, or that Markdown would not read as
    one block of the same kind (a line that starts a heading or a list), is not copied. The indentation
    before the summary and the white space after it stay."""
    lines = summary.strip().split("\n")
    if not all(fix.writable(line) for line in lines):
        return None
    quoted = block.kind == "blockquote"
    text = "\n".join((f"> {line}" if line.strip() else ">") if quoted else line
                     for line in lines if line.strip() or quoted)
    if [b.kind for b in body.parse(text, 1).blocks] != [block.kind]:
        return None  # the body would read it otherwise (a heading, a list, two blocks): left to the author
    written = block.text.split("\n")
    first, last = written[0], written[-1]
    start = len(first) - len(first.lstrip(" ")) + 1
    return fix.Fix("copy the frontmatter summary into the body", False,
                   (fix.Edit(block.line, start, block.end_line, len(last.rstrip(" \t")) + 1, text),))


def _first_difference(body: list[str], front: list[str], name: str) -> str:
    same = next((i for i, (a, b) in enumerate(zip(body, front)) if a != b), min(len(body), len(front)))
    if same == 0:
        return f"body: \"{_words(body, 0)}\", `{name}`: \"{_words(front, 0)}\""
    return (f"they agree for {same} words, then the body has \"{_words(body, same)}\" where `{name}` has "
            f"\"{_words(front, same)}\"")


def _words(words: list[str], start: int, count: int = 6) -> str:
    shown = " ".join(words[start:start + count])
    return shown + (" …" if len(words) > start + count else "") if shown else "(nothing)"
