"""A suppression comment that silences nothing, or names no rule.

What it checks
--------------
Every `pattern-lint: disable=...` (or `disable-next-line=...`) comment is checked after the
run: a rule it names that produced no finding where the comment applies is reported at
the comment, and so is a name that is no rule. Suppressions of rules that did not run
(not selected) are left alone. A comment that starts like a suppression but is not one
silences nothing and is reported with what was expected: `disable` with no rule list
(there is no blanket suppression), an unknown word (`disabel=`), names that cannot be read,
or `enable=` in the frontmatter (where a comment covers its own line or, with
`disable-next-line=`, the next one).

Why it matters
--------------
Suppressions rot: the problem is fixed, the comment stays, and one day it hides a new
problem of the same kind. A misspelt rule name silences nothing while looking as if it did.

Example
-------
    <!-- pattern-lint: disable=confidence-mismatch -->    # the callout already agrees

How to fix
----------
Remove the comment, or correct the rule's name or the directive's spelling.

What it does not report
-----------------------
Suppressions of rules that did not run (not selected, or `--ignore`d): whether they would
silence something is unknown. Directives inside code blocks or inline code are examples, not
directives, and are not checked; neither are comments in files that are not patterns.
"""

CODE = "PL007"
NAME = "unused-suppression"
GROUP = "file"
SEVERITY = "warning"
SOURCE = "engine"


# -- messages (lint/suppression.py reads the comments; the engine reports these) ---------------------

def no_such_rule(name: str) -> str:
    return f"`{name}` in this suppression names no rule; correct the name (`lint rules` lists them) or remove it"


def silences_nothing(name: str) -> str:
    return (f"this suppression of `{name}` silences nothing (there is no such finding where it applies); "
            "remove it")


# A comment that starts like a directive but is not one. `example`: how a directive is written there.

def no_directive(example: str) -> str:
    return f"this suppression names no directive; write {example}"


def enable_in_frontmatter(example: str) -> str:
    return (f"`enable` is for ranges in the body; in the frontmatter a comment silences its own line or the next: "
            f"write {example}")


def unknown_directive(word: str, near: str | None, example: str) -> str:
    hint = f"did you mean `{near}`? " if near else ""
    return f"`{word}` is no suppression directive; {hint}write {example}"


def names_no_rule(word: str) -> str:
    return (f"`{word}` names no rule, so it silences nothing (a suppression names the rules it silences); "
            f"write `{word}=NAME[,NAME]`")


def unreadable(word: str, names: str, example: str) -> str:
    return (f"this suppression could not be read after `{word}={names}`; write rule names separated by commas: "
            f"{example}")
