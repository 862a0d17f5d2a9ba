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
"""

CODE = "PL603"
NAME = "dangling-body-link"
GROUP = "graph"
SEVERITY = "warning"
SCOPE = "library"
KIND = "body"
WHAT = "body link"

from lint.findings import Problem


def check(library, options):
    for entry in library.target_entries():
        for link in library.links[id(entry.doc)]:
            if link.kind == KIND and library.resolve(link.target) is None:
                yield Problem(link.line, link.column, message(library, link), path=entry.path)


def message(library, link) -> str:
    what = f"`{link.type}` entry" if link.kind == "relationship" else WHAT
    count = len(library.entries)
    text = f"{what} `{link.target}` names no pattern in the library ({count} pattern{'s' * (count != 1)}"
    text += f" under {', '.join(library.roots)})" if library.roots else ")"
    suggestion = library.suggest(link.target)
    return text + (f"; did you mean `{suggestion}`?" if suggestion else "; fix the target or write the missing pattern")
