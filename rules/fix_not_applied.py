"""A fix was asked for (`--fix`) but the file was not written.

What it checks
--------------
Reported on a file whose fixes `--fix` did not write, saying why: the file has findings
that make its structure uncertain (`yaml-syntax`, `duplicate-key`, ...), it is read-only,
a symlink or hard-linked, it uses bare CR line ends, it changed on disk while the run was
working on it, or checking the fixed text found something new that the fixes would add.

Why it matters
--------------
A fixer that silently skips a file leaves a maintainer believing it was fixed; one that
writes anyway may lose work or break what it does not understand.

Example
-------
    chmod a-w patterns/transparent-ledger.md
    lint --fix patterns/      # transparent-ledger.md:1:1: PL008 [fix-not-applied] ... it is read-only

How to fix
----------
Remove the reason (make the file writable, fix the YAML first, ...) and run `--fix` again,
or fix the findings by hand.

What it does not report
-----------------------
Nothing without `--fix`; with `--diff`, the reasons are printed on standard error and no
finding is added. A file whose only fixes are unsafe, in a run without `--unsafe-fixes`, is
not refused: its findings say `fixable with --unsafe-fixes`. Findings that have no fix at
all are never a reason for this one.
"""

CODE = "PL008"
NAME = "fix-not-applied"
GROUP = "file"
SEVERITY = "warning"
SOURCE = "engine"


# -- messages (the command line, lint/cli.py, reports them) --------------------------------------------

def not_written(why: str) -> str:
    """`why`: the fixer's reason (lint/fix.py), which `--fix` also prints on standard error."""
    return f"fixes were not written: {why}"
