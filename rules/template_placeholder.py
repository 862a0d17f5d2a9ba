"""Text left over from the pattern template.

What it checks
--------------
Reported at each placeholder in the body (outside code) and in frontmatter text values:
braces the template uses (`{TITLE}`, `pat_{TYPEID}`, `{YYYY-MM-DD}`, `{Describe the
situation ...}`: a `{` followed by a capital letter), the word-count hints
(`*(100–200 words)*`, also when left in a heading) and `pat_placeholder` outside `id`
(which `invalid-typeid` covers).

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
Replace the placeholder with the real content, or delete the hint.
"""

CODE = "PL410"
NAME = "template-placeholder"
GROUP = "sections"
SEVERITY = "error"
NEEDS_FORMAT = True

import re

from lint import body as body_model
from lint import schema
from lint.document import dotted
from lint.findings import Problem

PLACEHOLDER = re.compile(
    r"\{[A-Z][^{}\n]{0,300}\}"  # {TITLE}, {Describe the ...}
    r"|\(\s*\d+\s*[–-]\s*\d+\s+words\s*\)"  # (100–200 words)
    r"|\bpat_placeholder\b"
)
_TEXT_BLOCKS = {"heading", "paragraph", "blockquote", "list", "table"}


def check(doc, options):
    texts = dict(_texts(doc.frontmatter, ()))  # one walk, not a lookup from the top for each of ~100 paths
    for path in doc.positions:
        value = texts.get(path) if path and path != ("id",) else None  # a placeholder id is invalid-typeid
        if value is not None:
            match = PLACEHOLDER.search(value)
            if match and not schema.flagged(doc, path):
                line, column = doc.text_position(path)
                yield Problem(line, column, f"template placeholder `{_short(match.group(0))}` left in "
                              f"`{dotted(path)}`; replace it")
    for block in body_model.of(doc).blocks:
        if block.kind not in _TEXT_BLOCKS or ("{" not in block.text and "words" not in block.text
                                              and "pat_" not in block.text):
            continue
        text = body_model.without_inline_code(block.prose, keep_columns=True)
        for match in PLACEHOLDER.finditer(text):
            line, column = body_model.line_and_column(block, match.start())
            yield Problem(line, column, f"template placeholder `{_short(match.group(0))}` left in the body; "
                          "replace it with the real content")


def _texts(value, path: tuple):
    """(path, text) of every text in the frontmatter (what `doc.get(*path)` gives)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"
