"""The vitality score's rubric band contradicts the band `vitality_reasoning` names.

What it checks
--------------
The spec's rubric: Generative 4.5-5.0, Sustaining 3.5-4.4, Functional 2.0-3.4,
Extractive 0.0-1.9. When `vitality_reasoning` refers to exactly one band explicitly and it
is not the score's band, the reasoning is reported. An explicit reference is the band's
name used as a verdict on the pattern ("is generative", "is fundamentally extractive",
"Generative.", "Functional but hollow."), as a label ("the generative level", "scores at
the sustaining level", "(Generative)"), or the rubric's own phrase ("sustains vitality",
"depletes vitality", "creates the conditions for new life", "works correctly but does not
contribute"). The phrases are data: `vitality.bands[].named_by` in the format's
`format.json`, and `vitality.negated_by` the words that turn a reference around.

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

What it does not report
-----------------------
A band word used as an adjective of something else ("creating dependency rather than
fostering a generative commons", "can create extractive pressures", "a sustaining loop"):
it describes that thing, not the pattern's band. A reference in a clause with a negation
before it ("is not generative", "rather than being merely functional", "never depletes
vitality", "less generative than"). Hyphenated compounds ("self-sustaining",
"non-functional"), words in quoted titles and in the pattern's own title, and reasoning
that refers to two bands (which of them is meant is a judgement). Only the first 10,000
characters of the reasoning are read.
"""

CODE = "PL504"
NAME = "vitality-band-mismatch"
GROUP = "reconciliation"
SEVERITY = "warning"
NEEDS_FORMAT = True

import re

from lint import literals, schema
from lint.findings import Problem

# Quoted titles; an apostrophe inside a word (ledger's, it's) opens or closes no quote.
# Where a clause starts: a negation further back does not reach the band's words.
_CLAUSE = re.compile(r"[.;:!?,()—–]| - | but | while | whereas | although | though ")
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
    # One line (the phrases are written with single spaces); the spec's reasoning is 1-3 sentences, so the
    # first 10,000 characters are read (a megabyte of text would take seconds per band).
    text = " ".join(_QUOTED.sub(" ", reasoning[:10_000]).split())
    title = doc.get("title")
    if isinstance(title, str) and title.strip():
        text = text.replace(" ".join(title.split()), " ")
    negation = facts.get("negated_by")
    named = [(b, m) for b in bands for m in [_reference(b["named_by"], text, negation)] if m]
    if len(named) == 1 and named[0][0]["name"] != actual["name"]:
        band, match = named[0]
        line, column = doc.text_position(tuple(facts["reasoning"]))
        yield Problem(line, column, f"vitality is {score} ({actual['name']}), but vitality_reasoning describes "
                      f"{band['name']} (\"{match.group(0).strip(' .:;,!')}\"); align the score or the reasoning")


def _reference(named_by: str, text: str, negation: str | None):
    """The first match of a band's phrases that no negation before it in its clause turns around."""
    if not literals.may_match(named_by, text, ignore_case=True):  # most bands' words are not in the text
        return None
    for match in re.finditer(named_by, text, re.IGNORECASE):
        clause = _CLAUSE.split(text[max(0, match.start() - 200):match.start()])[-1]  # a clause is a sentence's part
        if not negation or not re.search(negation, clause, re.IGNORECASE):
            return match
    return None
