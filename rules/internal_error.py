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

What it does not report
-----------------------
Anything the linter understands: a file that is wrong in a way a rule knows gets that rule's
finding, never this one. The findings of the step that failed are missing, not guessed. It
cannot be silenced: suppression comments, per-file ignores and `--ignore` leave it in place,
since a run must say when it could not check a file.
"""

CODE = "PL000"
NAME = "internal-error"
GROUP = "file"
SEVERITY = "error"
SOURCE = "document"


# -- messages (the engine reports them: lint/runner.py) -------------------------------------------------

def crashed(during: str, error: Exception) -> str:
    """The linter failed while `during` (`rule missing-section`, `reading the file`) with `error`."""
    message = (f"internal error while {during}: {type(error).__name__}: {error}; the file was only partly checked. "
               "Please report it (run with --debug for the traceback)")
    return " ".join(message.split())
