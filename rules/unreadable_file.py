"""The file could not be read (missing, unreadable, or not a regular file).

What it checks
--------------
Reported for a pipe or device named on the command line or found while walking a
folder (a folder, whatever its name, is searched), and for a file that vanished or could
not be opened between listing and reading.

Why it matters
--------------
A pattern the linter cannot read is a pattern nobody checked; pipes and devices are
never opened, so they cannot hang the run.

Example
-------
    mkfifo patterns/pipe.md
    lint patterns/        # pipe.md:1:1: PL001 [unreadable-file] not a regular file ...

How to fix
----------
Fix the permissions, restore the file, or remove the odd entry from the library.

What it does not report
-----------------------
Files the run never looks at: those the configuration excludes, hidden folders, files not
named `*.md` (or the configuration's `include`) found while walking, and symlinks found
while walking that lead outside the folder walked; they are left out, not reported. A path
named on the command line that does not exist is a usage error (exit status 2). A file that
is read but is not UTF-8 is `invalid-encoding`; one over the size limit, `file-too-large`.
"""

CODE = "PL001"
NAME = "unreadable-file"
GROUP = "file"
SEVERITY = "error"
SOURCE = "document"


# -- messages (the reader, lint/document.py, reports them) -------------------------------------------

def not_a_regular_file() -> str:
    return "not a regular file (a folder, pipe or device); pattern files must be plain files"


def cannot_read(reason: str) -> str:
    """`reason`: the operating system's words (`No such file or directory`)."""
    return f"cannot read the file: {reason}; check that it exists and is readable"
