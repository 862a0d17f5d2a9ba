"""The `slug` is not lowercase words separated by single hyphens.

What it checks
--------------
The slug must match `^[a-z0-9]+(-[a-z0-9]+)*$`: lowercase letters and digits, words
joined by single hyphens, no spaces, underscores or other characters (ADR-0001).

Why it matters
--------------
The slug is the file name and the URL (`/patterns/<slug>/`); anything else breaks links
or produces two URLs for one pattern.

Example
-------
    slug: Transparent_Ledger

How to fix
----------
Write the slug in lowercase with hyphens (`transparent-ledger`) and rename the file to match.

What it does not report
-----------------------
A `slug` that is absent, not text (the schema rules say so) or unreadable (`yaml-syntax`).
A valid slug that differs from the file name is `slug-filename-mismatch`; one shared with
another pattern, `duplicate-slug`. Whether the slug matches the title is not checked (many
slugs shorten it).
"""

import re

from lint.findings import Problem

CODE = "PL302"
NAME = "invalid-slug"
GROUP = "identity"
SEVERITY = "error"

# Unambiguous (every hyphen is followed by a word), so it runs in linear time on any input.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def check(doc, options):
    value = doc.get("slug")
    if isinstance(value, str) and doc.readable("slug") and not SLUG.fullmatch(value):
        line, column = doc.position(("slug",))
        yield Problem(line, column, f"slug `{_show(value)}` is not lowercase words joined by hyphens; "
                      f"write it as `{suggest(value)}` and name the file after it" if suggest(value)
                      else f"slug `{_show(value)}` is empty or has no letters or digits; write the pattern's slug")


def suggest(value: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", value.lower()))


def _show(value: str) -> str:
    return value if len(value) <= 60 else value[:59] + "…"
