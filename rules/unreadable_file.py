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
"""

CODE = "PL001"
NAME = "unreadable-file"
GROUP = "file"
SEVERITY = "error"
SOURCE = "document"
