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
v2.0 layout, `section_variants` in its format.json) are checked against the layout most of
the file's headings follow. One finding per root cause:
- headings that follow none of the layouts (fewer than half of the best layout's sections,
  and more unrecognised section headings than recognised ones: a GoF-style Intent,
  Motivation, Structure ... file) are one finding at the first section heading, naming the
  headings found and the layouts expected;
- headings that mix two layouts (a numbered `Application Context` and `Evidence & Impact`
  from the v2.0 layout among legacy `Anti-Patterns` and `References`) are one finding at the
  first borrowed heading, saying what each layout still lacks;
- more than three sections missing from a file that follows a layout are one finding
  listing the headings to add.

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
Write the missing section under a heading like the others. For a file of another layout,
rewrite its body under the headings of one of the format's layouts.

What it does not report
-----------------------
Sections the format does not require (References in a v7.1 file, a `Benefits` section in a
classification file that follows a layout): extra sections are allowed. A file whose
sections follow one layout completely but also carry a heading another layout names. The
sections of a file of another layout one by one (that would be five to eight findings on one
line for one root cause), nor their numbers or order (`section-number-mismatch` and
`section-order` stay silent on such files). Headings inside code blocks or HTML comments.
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
    missing = found.missing
    if not missing:
        return
    if not found.found:
        yield Problem(body_model.of(doc).start_line, 1, f"none of the {len(found.names)} required sections has a heading "
                      f"({', '.join(found.names)}); add them, e.g. `### Section 1: {found.names[0]}`")
        return
    if found.fit == "none":
        yield _no_layout(found)
        return
    if found.fit == "mixed":
        yield _mixed(found)
        return
    if len(missing) > _MOST:
        where = _place(found, missing[0])
        headings = ", ".join(f"`{found.style.format(n=found.names.index(n) + 1, name=n)}`" for n in missing)
        yield Problem(where.line, 1, f"{len(missing)} of the {len(found.names)} sections of {found.layout.title} are "
                      f"missing; add {headings}, each at its place in the order ({', '.join(found.names)})")
        return
    for name in missing:
        index = found.names.index(name) + 1
        heading = found.style.format(n=index, name=name)
        before = _place(found, name)
        if before is not found.found[-1] or before.index > index:
            yield Problem(before.line, 1, f"section `{name}` is missing; add `{heading}` before this heading")
        else:
            yield Problem(before.line, 1, f"section `{name}` is missing; add `{heading}` after the `{before.name}` "
                          "section that starts here")


_MOST = 3  # more missing sections than this are one finding: a file this incomplete is one thing to fix
_SHOWN = 8  # headings quoted in a message; more are counted


def _place(found, name):
    """The section a missing one goes before (the next one in the order), else the last one."""
    index = found.names.index(name) + 1
    return next((f for f in found.found if f.first and f.index > index), found.found[-1])


def _quote(titles: list[str]) -> str:
    shown = ", ".join(f"`{t}`" for t in titles[:_SHOWN])
    return shown + (f" and {len(titles) - _SHOWN} more" if len(titles) > _SHOWN else "")


def _no_layout(found) -> Problem:
    titles = [s.title.strip() for s in found.headings]
    named = sorted({f.name for f in found.found}, key=found.names.index)
    expected = " or ".join(f"{layout.title} ({', '.join(layout.names)})" for layout in found.layouts)
    example = found.style.format(n=1, name=found.names[0])
    return Problem(found.headings[0].line, 1,
                   f"the headings follow none of the format's section layouts: found {_quote(titles)}, of which only "
                   f"{', '.join(f'`{n}`' for n in named)} {'names a' if len(named) == 1 else 'name'} required "
                   f"section{'' if len(named) == 1 else 's'}; the format expects {expected}; "
                   f"rewrite the body under the headings of one layout, e.g. `{example}`")


def _mixed(found) -> Problem:
    others = []
    for item in found.foreign:
        if item.layout not in others:
            others.append(item.layout)
    borrowed = ", ".join(f"`{item.name}` (line {item.line})" for item in found.foreign)
    lacks = [f"{found.layout.title} lacks {_names(found.missing)}"]
    for layout in others:
        present = {f.name for f in found.found} | {item.name for item in found.foreign if item.layout is layout}
        lacking = [n for n in layout.names if n not in present]
        lacks.append(f"{layout.title} lacks {_names(lacking)}")
    return Problem(found.foreign[0].line, 1,
                   f"the headings mix section layouts: {borrowed} {'is' if len(found.foreign) == 1 else 'are'} from "
                   f"{' and '.join(l.title for l in others)}, the others from {found.layout.title}; "
                   f"{'; '.join(lacks)}: follow one layout")


def _names(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names) if names else "nothing"
