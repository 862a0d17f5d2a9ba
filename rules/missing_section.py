"""A required body section is missing.

What it checks
--------------
Each of the format's sections (v7.1: Context, Problem, Solution, Implementation,
Consequences, Known Uses, Cognitive Era, Vitality) must have a heading. Recognised styles:
`### Section 1: Context`, `### 1. Context`, `## Context`, and longer titles that start with
the name (`Cognitive Era Considerations`). Other sections (References, ...) are allowed.
Reported at the heading the missing section should precede, with the heading to add in
the file's own style; once, at the body's start, when no section is recognised at all. A
section whose heading has another level than the others still counts. Formats with several
section layouts (the classification format's eight legacy sections and its nine-section
v2.0 layout) are checked against the layout most of the file's headings follow.

Why it matters
--------------
The eight sections are the pattern: a reader who looks for the Consequences and finds
none has half a pattern, and the site's section navigation skips it.

Example
-------
    ### 1. Context
    ### 2. Problem
    ### 4. Implementation      # <- `Solution` is missing; add `### 3. Solution` before this heading

How to fix
----------
Write the missing section under a heading like the others.
"""

CODE = "PL401"
NAME = "missing-section"
GROUP = "sections"
SEVERITY = "error"
NEEDS_FORMAT = True

from lint import body as body_model
from lint import sections
from lint.findings import Problem


def check(doc, options):
    found = sections.of(doc)
    if not found.names:
        return
    present = {f.name for f in found.found}
    missing = [name for name in found.names if name not in present]
    if not missing:
        return
    if not found.found:
        yield Problem(body_model.of(doc).start_line, 1, f"none of the {len(found.names)} required sections has a heading "
                      f"({', '.join(found.names)}); add them, e.g. `### Section 1: {found.names[0]}`")
        return
    for name in missing:
        index = found.names.index(name) + 1
        heading = found.style.format(n=index, name=name)
        before = next((f for f in found.found if f.first and f.index > index), None)
        if before is not None:
            yield Problem(before.line, 1, f"section `{name}` is missing; add `{heading}` before this heading")
        else:
            last = found.found[-1]
            yield Problem(last.line, 1, f"section `{name}` is missing; add `{heading}` after the `{last.name}` "
                          "section that starts here")
