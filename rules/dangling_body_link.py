"""A Markdown link in the body points at a pattern that is not in the library.

What it checks
--------------
Links in the body count when their URL names a pattern: a file `other-slug.md` (any
folder), a site path `/patterns/other-slug/`, or a sibling folder `../other-slug/`.
External links, anchors, images and other files are not checked. Reported at the URL.

Why it matters
--------------
A broken link in the text is a 404 for the reader.

Example
-------
    See [Transparent Ledger](../transparent-ledgr/) for the accounting side.

How to fix
----------
Correct the link, or remove it.

What it does not report
-----------------------
External links (`https://...`, even to the library's own site), anchors, images, other
files, links in code blocks, inline code or HTML, and file names that are not slug-shaped
(`Other_Page.md`) or name no pattern (`README.md`, `index.md`, `CHANGELOG.md`, ...). A link
to the pattern's own page is fine. The links of patterns of an unknown format are not read.
"""

from lint.findings import Problem
from lint.library import dangling

CODE = "PL603"
NAME = "dangling-body-link"
GROUP = "graph"
SEVERITY = "warning"
SCOPE = "library"


def check(library, options):
    for path, line, column, message in dangling(library, "body", "body link"):
        yield Problem(line, column, message, path=path)
