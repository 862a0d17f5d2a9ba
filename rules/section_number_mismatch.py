"""The number in a section heading is not the section's place in the format's order.

What it checks
--------------
For headings that carry a number (`### Section 3: Solution`, `### 3. Solution`), the
number must be the section's place in the canonical order (v7.1: Context 1 ... Vitality
8). Only a number that is also wrong in the file's own sequence is reported: a heading
numbered 5 that is the file's fifth numbered section heading counts the file's own
sections, and a section missing or added before it is the root cause (reported by
`missing-section`, or allowed). Sections already reported by `section-order` and second
copies of a section are not checked again. Unnumbered headings are fine.

Why it matters
--------------
Numbers are how readers and reviewers refer to sections ("see section 5"); a copied
heading that kept its old number sends them to the wrong place.

Example
-------
    ### 5. Consequences
    ### 5. Known Uses       # <- numbered 5; `Known Uses` is section 6

How to fix
----------
Renumber the heading.

What it does not report
-----------------------
Files that mix two layouts or follow none (`missing-section` reports them once; their
numbers count their own headings, and renumbering them against a layout they do not follow
would be wrong twice). Numbers that count the file's own numbered headings (`### 5.
Implementation` after a `### 4. Application Context` the layout does not have). Headings of
an empty skeleton that `duplicate-section` reports.
"""

CODE = "PL404"
NAME = "section-number-mismatch"
GROUP = "sections"
SEVERITY = "warning"
NEEDS_FORMAT = True

from lint import sections
from lint.findings import Problem


def check(doc, options):
    found = sections.of(doc)
    if found.fit != "follows":
        return  # a file that mixes layouts or follows none is missing-section's finding; its numbers are its own
    misplaced = {id(late) for late, _, _ in sections.out_of_order(found)}
    for section in found.found:
        if section.first and section.number is not None and section.number != section.index \
                and section.number != section.place and id(section) not in misplaced:
            yield Problem(section.line, 1, f"heading numbers `{section.name}` as {section.number}; it is section "
                          f"{section.index} of {len(found.names)}: renumber it {section.index}")
