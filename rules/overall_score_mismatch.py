"""`overall_score` is not the mean of the eight scores.

What it checks
--------------
The mean of the seven commons assessment scores and `vitality` must equal
`overall_score` within 0.05. Reported at `overall_score` with the expected value.
Not reported when a score is missing or not a number (the schema rules say so).

Why it matters
--------------
The template defines it as the calculated average ("now includes vitality"); the score
card shows it. A hand-written average goes stale the first time a score changes.

Example
-------
    stakeholder_architecture: 4
    value_creation: 5
    ...
    vitality: 4.5
    overall_score: 4.4      # the mean is 3.94

How to fix
----------
Write the mean (rounded to one decimal) as `overall_score`. `--fix` does it (a safe fix),
with as many decimals as the value it replaces.

What it does not report
-----------------------
Differences up to 0.05, so a mean rounded to one decimal always passes. Nothing when a score
or `overall_score` is missing, not a number, or reported by a schema rule (a score out of
range makes any mean meaningless). Formats without an `overall_score` (classification,
collection) are not checked.
"""

CODE = "PL503"
NAME = "overall-score-mismatch"
GROUP = "reconciliation"
SEVERITY = "error"
NEEDS_FORMAT = True
FIXABLE = True

from lint import schema
from lint.edits import replace_value
from lint.findings import Fix, Problem


def check(doc, options):
    facts = doc.format.body.get("overall_score")
    if not facts:
        return
    values = [doc.get(*path) for path in facts["mean_of"]]
    overall = doc.get(*facts["path"])
    paths = facts["mean_of"] + [facts["path"]]
    if not all(_number(v) for v in values + [overall]) or any(schema.flagged(doc, p) for p in paths):
        return  # a score is missing, not a number or out of range: the schema rules report it
    mean = sum(values) / len(values)
    if abs(overall - mean) > facts["tolerance"] + 1e-9:
        line, column = doc.position(tuple(facts["path"]))
        rounded = round(mean, 1)
        suggestion = rounded if abs(rounded - mean) <= facts["tolerance"] + 1e-9 else round(mean, 2)
        path = tuple(facts["path"])
        written = _in_style(mean, doc.positions[path].node.value if path in doc.positions else str(overall))
        edit = replace_value(doc, path, written)
        yield Problem(line, column, f"overall_score is {overall}, but the mean of the {len(values)} scores is "
                      f"{_show(mean)}; write {suggestion}",
                      fix=Fix(f"write overall_score {written}", True, (edit,)) if edit else None)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _show(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _in_style(mean: float, written: str) -> str:
    """The mean with as many decimals as the file's value has (at least one, at most two)."""
    decimals = len(written.split(".", 1)[1]) if "." in written else 1
    return f"{mean:.{min(max(decimals, 1), 2)}f}"
