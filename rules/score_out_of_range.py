"""A commons assessment score is outside its range.

What it checks
--------------
The seven assessment scores (stakeholder_architecture, value_creation, resilience,
ownership, autonomy, composability, fractal_value) must be 1-5; `vitality` and
`overall_score` 0-5.

Why it matters
--------------
The score card and the vitality rubric (Generative 4.5-5.0 ... Extractive 0.0-1.9) have
no place for a 7 or a 0 on a 1-5 scale; such a score is a typo or a different scale.

Example
-------
    commons_assessment:
      resilience: 7       # outside the range 1-5

How to fix
----------
Use a score within the range; check the other scores were not written on another scale.

What it does not report
-----------------------
Scores within range that are not whole numbers (`resilience: 3.5`): the schema asks for a
number. A score written as text (`"four"`), or as `.nan` or `.inf`, is `wrong-type`.
Whether the scores agree with each other is `overall-score-mismatch` and
`vitality-band-mismatch`, and with the body `cited-score-mismatch`.
"""

CODE = "PL206"
NAME = "score-out-of-range"
GROUP = "schema"
SEVERITY = "error"
SOURCE = "schema"

from lint.document import dotted


# -- messages (the schema layer, lint/schema/, reports them) ----------------------------------------

def outside(path: tuple, value, low, high) -> str:
    """The words for any range a schema sets (`minimum`, `maximum`, exclusive or not), also when a
    format leaves the range to invalid-value; `low` and `high` are `?` where the schema sets none."""
    return f"`{dotted(path)}` is {value!r}, outside the range {low}-{high}; use a value from {low} to {high}"
