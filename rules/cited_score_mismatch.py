"""The body cites a commons assessment score that differs from the frontmatter.

What it checks
--------------
Finds citations of a dimension's score in the body text, such as "Resilience is the major
vulnerability here (scored 3.0)", "(score: 3)" or "Resilience: 3/5", and compares them with
the frontmatter score (seven dimensions and vitality). Reported at the citation.

Why it matters
--------------
Prose citing a score is written once and forgotten; when the frontmatter score changes,
the prose contradicts the score card on the same page.

Example
-------
    resilience: 4
    ...
    Resilience is the major vulnerability here (scored 3.0).

How to fix
----------
Update the number in the text, or cite the dimension without its score.

What it does not report
-----------------------
Differences up to 0.05; a dimension mentioned without a score in one of the forms above;
scores out of 10 or 100 (`3/10`, `(scored 85)`); text in headings, code blocks, inline code
and HTML. Nothing when the frontmatter score is not a number or a schema rule reports it
(`score-out-of-range`, `wrong-type`). Formats without a commons assessment (classification,
collection) are not checked.
"""

CODE = "PL505"
NAME = "cited-score-mismatch"
GROUP = "reconciliation"
SEVERITY = "warning"
NEEDS_FORMAT = True

import re
from functools import lru_cache

from lint import body as body_model
from lint import schema
from lint.findings import Problem

_TEXT_BLOCKS = {"paragraph", "blockquote", "list", "table"}
_NUMBER = r"(\d(?:\.\d+)?)"
_SLASH_FIVE = re.compile(r"/\s*5")


def _hinted(text: str) -> bool:
    """A cheap test before the real patterns (a case-insensitive regular expression with
    alternatives cost 40 µs per block; lowercasing and `in` cost 3)."""
    lowered = text.lower()
    return "scor" in lowered or "rated" in lowered or ("/" in text and _SLASH_FIVE.search(text) is not None)


@lru_cache(maxsize=8)
def _patterns(names: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    alternatives = "|".join(re.escape(n).replace("_", "[ _-]") for n in names)
    name = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
    # "Resilience is the weak point here (scored 3.0)": the nearest dimension before the parenthesis.
    in_parentheses = re.compile(rf"\b({alternatives})\b[^()]{{0,80}}?\((?:scored|score[ds]?:?|rated)\s*{_NUMBER}"
                                r"(?:\s*/\s*5)?\)", re.IGNORECASE)
    # "Resilience: 3/5", "Resilience score 3/5", "| Resilience | 3/5 |"
    out_of_five = re.compile(rf"\b({alternatives})(?:\s+score)?[\s|:=*]{{0,8}}{_NUMBER}\s*/\s*5\b", re.IGNORECASE)
    return name, in_parentheses, out_of_five


def check(doc, options):
    cited = doc.format.body.get("cited_scores")
    if not cited:
        return
    keys = {k.replace("_", " ").casefold(): k for k in cited}
    name, *patterns = _patterns(tuple(cited))
    for block in body_model.of(doc).blocks:
        if block.kind not in _TEXT_BLOCKS or not _hinted(block.text):
            continue
        text = body_model.without_inline_code(block.prose, keep_columns=True)
        for pattern in patterns:
            for match in pattern.finditer(text):
                nearest = [m for m in name.finditer(text, match.end(1), match.start(2))]
                cited_name = nearest[-1].group(0) if nearest else match.group(1)
                start = nearest[-1].start() if nearest else match.start()
                key = keys.get(re.sub(r"[ _-]+", " ", cited_name).casefold())
                actual = doc.get(*cited[key]) if key else None
                value = float(match.group(2))
                if isinstance(actual, (int, float)) and not isinstance(actual, bool) \
                        and abs(actual - value) > 0.05 and not schema.flagged(doc, cited[key]):
                    line, column = body_model.line_and_column(block, start)
                    yield Problem(line, column, f"the body cites {cited_name} as {match.group(2)}, the "
                                  f"frontmatter score `{key}` is {actual}; update the text")
