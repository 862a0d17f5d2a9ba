"""The linter failed on this file; the run went on with the other files.

What it checks
--------------
Reported when checking a file raised an unexpected exception inside the linter.
The other files are still checked and the run exits with status 2.

Why it matters
--------------
It is a bug in pattern-lint, not in your file: the file was only partly checked.

Example
-------
Any file that triggers a bug; the message names the exception.

How to fix
----------
Run again with `--debug` to see the traceback and report it with the file attached.
Until it is fixed, the rest of the library is still checked.
"""

CODE = "PL000"
NAME = "internal-error"
GROUP = "file"
SEVERITY = "error"
SOURCE = "document"
