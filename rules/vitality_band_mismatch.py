"""The vitality score's rubric band contradicts the band `vitality_reasoning` names.

What it checks
--------------
The spec's rubric: Generative 4.5-5.0, Sustaining 3.5-4.4, Functional 2.0-3.4,
Extractive 0.0-1.9. When `vitality_reasoning` names exactly one band ("is generative",
"sustains vitality", "functional", "extractive") and it is not the score's band, the
reasoning is reported. Quoted titles are ignored, and reasoning that names two bands is
not judged.

Why it matters
--------------
The reasoning explains the score; when it argues for another band, either the score or
the argument is wrong.

Example
-------
    vitality: 4.7
    vitality_reasoning: >-
      This pattern sustains vitality by maintaining the system's health.   # Sustaining, score is Generative

How to fix
----------
Change the score to the band the reasoning argues for, or rewrite the reasoning.
"""

CODE = "PL504"
NAME = "vitality-band-mismatch"
GROUP = "reconciliation"
SEVERITY = "warning"
NEEDS_FORMAT = True

import re

from lint import schema
from lint.findings import Problem

# Quoted titles; an apostrophe inside a word (ledger's, it's) opens or closes no quote.
_QUOTED = re.compile(r"(?<!\w)(?:'[^'\n]{2,80}'|\"[^\"\n]{2,80}\"|“[^”\n]{2,80}”)(?!\w)")


def check(doc, options):
    facts = doc.format.body.get("vitality")
    if not facts:
        return
    score, reasoning = doc.get(*facts["path"]), doc.get(*facts["reasoning"])
    if not isinstance(score, (int, float)) or isinstance(score, bool) or not isinstance(reasoning, str) \
            or schema.flagged(doc, facts["path"]):
        return
    bands = facts["bands"]
    actual = next((b for b in bands if score >= b["min"]), bands[-1])
    text = _QUOTED.sub(" ", reasoning)
    title = doc.get("title")
    if isinstance(title, str) and title:
        text = text.replace(title, " ")
    named = [(b, m) for b in bands for m in [re.search(b["named_by"], text, re.IGNORECASE)] if m]
    if len(named) == 1 and named[0][0]["name"] != actual["name"]:
        band, match = named[0]
        line, column = doc.text_position(tuple(facts["reasoning"]))
        yield Problem(line, column, f"vitality is {score} ({actual['name']}), but vitality_reasoning describes "
                      f"{band['name']} (\"{match.group(0)}\"); align the score or the reasoning")
