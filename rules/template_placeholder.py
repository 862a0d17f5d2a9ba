"""Text left over from the pattern template.

What it checks
--------------
Reported at each placeholder in the body (outside code) and in frontmatter text values:
braces the template uses (`{TITLE}`, `pat_{TYPEID}`, `{YYYY-MM-DD}`, `{Describe the
situation ...}`: a `{` followed by a capital letter), the word-count hints
(`*(100–200 words)*`, also when left in a heading) and `pat_placeholder` outside `id`
(which `invalid-typeid` covers). In a heading, also a parenthesised word count,
`### Section 1: Context (189 words)`, and a hint with a count of items first,
`### 2. Core Principles (3-7 principles, 200-400 words)`.

Word counts left in several headings are one cause (a generator, or the template's hints kept
throughout): one finding at the first, naming the lines of the others. Likewise more than
three placeholders in one body (a template copied and not filled in) are one finding at the
first, with the count and the other lines; up to three are reported each at its place.

Why it matters
--------------
Template text in a published pattern is visible to every reader and means the part it
stands in for was never written.

Example
-------
    ### Section 1: Context

    *(100–200 words)*

    {Describe the situation or environment in which the problem arises.}

How to fix
----------
Replace the placeholder with the real content, or delete the hint. `--fix` deletes every word
count or hint that ends a heading line, with the blanks before it
(`### Section 1: Context (189 words)` becomes `### Section 1: Context`).

What it does not report
-----------------------
A single word count in running text (`an abstract (150 words) says ...` may be the author's
own); only a range, the template's hint, is taken there. Lowercase braces (`{x}`, code-like
text), ordinary parentheses (`(about 200 words)`, `(1-2 pages)`) and anything in code, inline
code or HTML comments. A placeholder `id` (invalid-typeid) and a placeholder in a field whose
value the schema already rejects (a date, reported by invalid-value).
"""

CODE = "PL410"
NAME = "template-placeholder"
GROUP = "sections"
SEVERITY = "error"
NEEDS_FORMAT = True
FIXABLE = True

import re

from lint import body as body_model
from lint import schema
from lint.document import dotted
from lint.findings import Edit, Fix, Problem

_PLACEHOLDERS = (
    r"\{[A-Z][^{}\n]{0,300}\}"  # {TITLE}, {Describe the ...}
    r"|\(\s*\d+\s*[–-]\s*\d+\s+words\s*\)"  # (100–200 words)
    r"|\bpat_placeholder\b"
)
PLACEHOLDER = re.compile(_PLACEHOLDERS)
# In a heading, also a word count left by a generator or an editor, `(189 words)`, and the
# classification template's hints with a count of items first, `(3-7 principles, 200-400 words)`.
IN_HEADING = re.compile(
    _PLACEHOLDERS
    + r"|\(\s*(?:\d+\s*[–-]\s*\d+\s+[A-Za-z]+\s*,\s*)?~?\d[\d,]*(?:\s*[–-]\s*\d[\d,]*)?\s+words\s*\)"
)
_TEXT_BLOCKS = {"heading", "paragraph", "blockquote", "list", "table"}
MANY = 3  # more placeholders than this in one body are one finding


def check(doc, options):
    for path, value in doc.walked.texts.items():  # every text value, noted by the YAML walk
        # (each of PLACEHOLDER's three forms holds one of these: most values are passed over without a search)
        if ("{" in value or "(" in value or "pat_placeholder" in value) and path and path != ("id",):
            match = PLACEHOLDER.search(value)  # (a placeholder id is invalid-typeid)
            if match and not schema.flagged(doc, path):
                line, column = doc.text_position(path)
                yield Problem(line, column, f"template placeholder `{_short(match.group(0))}` left in "
                              f"`{dotted(path)}`; replace it")
    counts, others = [], []  # (line, column, shown, fix) of heading word counts; (line, column, shown) of the rest
    for block in body_model.of(doc).blocks:
        if block.kind not in _TEXT_BLOCKS or ("{" not in block.text and "words" not in block.text
                                              and "pat_" not in block.text):
            continue
        text = body_model.without_inline_code(block.prose, keep_columns=True)
        heading = block.kind == "heading"
        for match in (IN_HEADING if heading else PLACEHOLDER).finditer(text):
            line, column = body_model.line_and_column(block, match.start())
            shown = _short(match.group(0))
            if heading and match.group(0).endswith("words)"):
                counts.append((line, column, shown, _delete_from_heading(text, match, line)))
            else:
                others.append((line, column, shown))
    yield from _word_counts(counts)
    yield from _placeholders(others)


def _word_counts(counts: list):
    """Word counts left in headings come from one cause (a generator or the template's hints kept
    throughout the file): one finding at the first, naming the others, with one fix deleting every
    count that can be deleted."""
    if not counts:
        return
    line, column, shown, _ = counts[0]
    if len(counts) == 1:
        yield Problem(line, column, f"word count `{shown}` left in a heading; delete it", fix=counts[0][3])
        return
    edits = tuple(edit for *_, one in counts if one is not None for edit in one.edits)
    yield Problem(line, column, f"word counts left in {len(counts)} headings (`{shown}` here, and on "
                  f"{_lines([c[0] for c in counts[1:]])}); delete them",
                  fix=Fix("delete the word counts", True, edits) if edits else None)


def _placeholders(others: list):
    """Each template placeholder in the body, or, past MANY of them, one finding for the file: a
    body that still holds that much of the template was never written, one cause."""
    if len(others) <= MANY:
        for line, column, shown in others:
            yield Problem(line, column, f"template placeholder `{shown}` left in the body; "
                          "replace it with the real content")
        return
    line, column, shown = others[0]
    yield Problem(line, column, f"{len(others)} template placeholders left in the body (`{shown}` here, and on "
                  f"{_lines([o[0] for o in others[1:]])}); replace them with the real content")


def _lines(lines: list[int]) -> str:
    """`line 4`, `lines 4, 9 and 12`, `lines 4, 9, 12, 20, 31 and 7 more`."""
    unique = sorted(set(lines))
    if len(unique) == 1:
        return f"line {unique[0]}"
    shown = [str(n) for n in unique[:5]]
    if len(unique) > 5:
        return f"lines {', '.join(shown)} and {len(unique) - 5} more"
    return f"lines {', '.join(shown[:-1])} and {shown[-1]}"


def _delete_from_heading(text: str, match, line: int):
    """Delete the count and the blanks before it, when it ends its heading line (an ATX closing
    `#`s may follow) after a title: nothing else of the heading changes, and the fixed heading
    has nothing left to delete."""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    end = len(text) if end < 0 else end
    before, after = text[start:match.start()], text[match.end():end]
    kept = before.rstrip(" \t")
    if len(kept) == len(before) or not kept.lstrip(" #").strip() or after.strip(" \t#"):
        return None  # glued to other text, the whole title, or text follows: left to the author
    return Fix("delete the word count", True,
               (Edit(line, len(kept) + 1, line, match.end() - start + 1, ""),))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"
