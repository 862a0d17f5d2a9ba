"""The Known Uses section gives fewer than two examples.

What it checks
--------------
Counts the examples in Known Uses: top-level list items, paragraphs that start in bold
(`**Mondragon (Spain):** ...`) and sub-headings; when the section uses none of these, each
paragraph counts as one example. Fewer than two (the spec: "at least two real-world
examples") is reported at the heading.

Why it matters
--------------
A pattern is a solution seen to work more than once; one example is an anecdote.

Example
-------
    ### Section 6: Known Uses

    **Open source communities:** maintainers ...     # one example

How to fix
----------
Add a second documented use, each as its own bold-led paragraph or list item.
"""

CODE = "PL409"
NAME = "too-few-known-uses"
GROUP = "sections"
SEVERITY = "warning"
NEEDS_FORMAT = True

from lint import sections
from lint.findings import Problem


def check(doc, options):
    facts = doc.format.body.get("known_uses")
    section = sections.of(doc).first(facts["section"]) if facts else None
    if section is None or sections.is_empty(section.section):
        return  # missing-section / empty-section say so
    count = sections.count_examples(section.section)
    if count < facts["minimum"]:
        yield Problem(section.line, 1, f"{facts['section']} gives {count} example{'s' * (count != 1)}; the spec "
                      f"asks for at least {facts['minimum']} (as list items, bold-led paragraphs or sub-headings)")
