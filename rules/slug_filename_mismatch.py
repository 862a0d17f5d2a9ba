"""The file name is not `<slug>.md`.

What it checks
--------------
Compares the file name with the frontmatter's `slug` (ADR-0001: slug-only file names).
Not reported when the slug itself is invalid (that is `invalid-slug`).

Why it matters
--------------
Links, URLs and the library's scripts find a pattern by its file name; a file whose
name and slug differ is found under one name and linked under the other.

Example
-------
    patterns/1025-steward-ownership.md
    slug: steward-ownership

How to fix
----------
Rename the file to `<slug>.md` (`git mv`), or correct the slug if the file name is right.

What it does not report
-----------------------
Nothing when the slug is absent, not text or invalid: `invalid-slug` says how to write it
first, so the file is renamed once. Only the file's name is compared, not its folder. Links
resolve by both the slug and the file name, so the mismatch is reported once, here, not as
dangling links.
"""

import os

from lint.findings import Problem

from .invalid_slug import SLUG

CODE = "PL303"
NAME = "slug-filename-mismatch"
GROUP = "identity"
SEVERITY = "error"


def check(doc, options):
    slug = doc.get("slug")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        return
    name = os.path.basename(doc.path)
    if name != f"{slug}.md":
        line, column = doc.position(("slug",))
        yield Problem(line, column, f"file name `{name}` does not match slug `{slug}`; rename the file to "
                      f"`{slug}.md` or correct the slug")
