"""A section's length is outside the range the spec suggests (off by default).

What it checks
--------------
Counts the words of each required section (text outside code blocks, without the
heading) and compares them with the spec's ranges (v7.1: Context and Problem 100-200,
Solution 200-400, Implementation 300-500, Consequences and Known Uses 200-300, Cognitive
Era 150-250, Vitality 200-300). Off by default: select it with `--select section-length`
or `--extend-select section-length`.

Why it matters
--------------
The ranges are the spec's guidance for a readable pattern; libraries that want them
enforced can turn the rule on.

Example
-------
    ### Section 1: Context

    Teams share tools.        # 3 words; the spec suggests 100-200

How to fix
----------
Expand or tighten the section.

What it does not report
-----------------------
Anything, unless selected. Only the first section of each name is counted (a second is
`duplicate-section`), and only the sections the format gives a range for; words in code
blocks, HTML and the heading do not count. Formats without ranges (classification) and
patterns of an unknown format are not checked.
"""

CODE = "PL411"
NAME = "section-length"
GROUP = "sections"
SEVERITY = "warning"
NEEDS_FORMAT = True
DEFAULT_ENABLED = False

from lint import body as body_model
from lint import sections
from lint.findings import Problem


def check(doc, options):
    ranges = doc.format.body.get("section_words", {})
    for section in sections.of(doc).found:
        if not section.first or section.name not in ranges:
            continue
        low, high = ranges[section.name]
        words = sum(body_model.words(b.text) for b in section.section.blocks if b.kind not in ("code", "html", "hr"))
        if not low <= words <= high:
            yield Problem(section.line, 1, f"`{section.name}` has {words} words; the spec suggests {low}-{high}")
