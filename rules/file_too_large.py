"""The file is larger than the size limit and was not read.

What it checks
--------------
Reported when a file is bigger than the limit (10 MB by default); the size is checked
before anything is read, so a huge file costs nothing.

Why it matters
--------------
Real patterns are 10-200 KB. A file of many megabytes is a mistake (a generated dump, a
binary, a log) and reading it whole would slow every run.

Example
-------
    patterns/dump.md   (250 MB)
    dump.md:1:1: PL002 [file-too-large] file is 262,144,000 bytes, more than the limit ...

How to fix
----------
Remove or split the file. A later configuration option raises the limit for a library
that really needs it.

What it does not report
-----------------------
Files at or under the limit (`--max-file-size`, or `max-file-size` in the configuration),
however long their lines or sections. The file is not read, so nothing else is checked in
it and it does not count as a pattern: a link that names it is reported by `dangling-link`.
"""

CODE = "PL002"
NAME = "file-too-large"
GROUP = "file"
SEVERITY = "error"
SOURCE = "document"


# -- messages (the reader, lint/document.py, reports them) -------------------------------------------

def too_large(size: int, limit: int) -> str:
    return (f"file is {size:,} bytes, more than the limit of {limit:,}; it was not read. Split it, or raise "
            "the limit if it is really a pattern")


def grew_too_large(limit: int) -> str:
    """The file was under the limit when its size was taken, and over it when read."""
    return f"file grew past the limit of {limit:,} bytes while being read; it was not checked"
