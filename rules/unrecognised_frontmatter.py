"""A pattern's frontmatter that is not where frontmatter must be, so no tool reads it.

What it checks
--------------
Reported at the line that opens it, when a file does not start with a line `---` but its
first visible line is a line of dashes and the lines after it name an `id` or a `slug`: a
blank line, a space or tab, or an invisible character (a zero-width space, a word joiner,
a second byte order mark) before the `---`, an invisible character after it, or `----`
instead of `---`. The file counts as a pattern whose frontmatter cannot be read (links to
it resolve by its file name). A file whose first lines name no `id` or `slug` (a README
opening with a thematic break, a section `_index.md`) is skipped as before.

Why it matters
--------------
Site generators, editors and the library's scripts only read frontmatter that opens the
file with exactly `---`: anything before it, even a character no editor shows, turns the
whole block into body text. The pattern silently loses its identity, links and metadata,
and a linter that skipped it would pass it unchecked.

Example
-------
    ----                        # four dashes: not a delimiter
    id: pat_01khm0pp0qw6rb1r861rg6dfh1
    slug: transparent-ledger
    ----

and the same block after an empty first line, or after a zero-width space that no
editor shows.

How to fix
----------
Make the file's first line exactly `---`: delete the blank lines, spaces or invisible
characters before it (an editor's "show invisibles", or `sed -n 1l file.md`, reveals
them), and write three dashes, not four, on the opening and closing lines.

What it does not report
-----------------------
Files whose line of dashes is followed by no `id` or `slug` before the closing dashes (or
within 200 lines), whose first visible line is anything but dashes (a heading, text), or
whose dashes come after twenty or more blank lines: those are Markdown, skipped as before. A
first line `---` with trailing spaces is valid frontmatter. A single byte order mark before
`---` is `byte-order-mark`; `+++` and `{` are `unsupported-frontmatter`.
"""

CODE = "PL111"
NAME = "unrecognised-frontmatter"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"


# -- messages (the reader, lint/document.py, reports them) -------------------------------------------

def unrecognised(reasons: list[str]) -> str:
    """`reasons`: what keeps the opening line from being `---` (from `blank_lines`, `invisible`,
    `indented`, `dashes`), in that order."""
    return ("this file names an `id` or `slug` in what looks like frontmatter, but no tool reads it as "
            f"frontmatter: {'; '.join(reasons)}; make the file's first line exactly `---` (until then its "
            "frontmatter is not checked)")


def blank_lines(count: int) -> str:
    return f"{'a blank line comes' if count == 1 else f'{count} blank lines come'} before `---`"


def invisible(char: str, before: bool, second_bom: bool) -> str:
    """An invisible character before (or after) the dashes; `second_bom` when it is a byte order mark
    right at the start of a file whose first one was taken off."""
    import unicodedata

    where = "comes before" if before else "follows"
    name = ("a second byte order mark (U+FEFF)" if second_bom
            else f"an invisible character (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')})")
    return f"{name} {where} `---`"


def indented() -> str:
    return "`---` is indented"


def dashes(written: str) -> str:
    return f"the opening line is `{written}`, not `---`"
