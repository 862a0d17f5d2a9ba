"""The pattern's `id` is not a valid TypeID.

What it checks
--------------
A TypeID is `pat_` followed by 26 characters of lowercase Crockford base32
(`0-9a-hjkmnp-tv-z`, no i, l, o, u), the first of them 0-7. Also reported: placeholders
(`pat_placeholder`) and ids written as hexadecimal UUID digits instead of base32 (an id
made only of 0-9 and a-f; a real TypeID of this century has a letter above `f` among its
first timestamp characters, `01k...` in 2026).

Why it matters
--------------
The id is the pattern's permanent machine identity: relationships and the graph refer to
it. A placeholder is shared by every file that kept it; a hex id is not what the
library's tools generate or parse.

Example
-------
    id: pat_placeholder
    id: pat_019c8c2122167afdb69a82ae10     # hex digits, not base32
    id: pat_01KHM0PP0QW6RB1R861RG6DFH1     # uppercase

How to fix
----------
Generate a new id with the library's TypeID script (`python3 scripts/generate_typeid.py`)
and update links that used the old one.

What it does not report
-----------------------
An `id` that is absent, not text (the schema rules say so) or unreadable (`yaml-syntax`). An
id shared by several patterns is `duplicate-id`. Apart from the hexadecimal check, the
timestamp inside a well-formed TypeID is not judged: an id from another year passes.
"""

import re

from lint.findings import Problem

CODE = "PL301"
NAME = "invalid-typeid"
GROUP = "identity"
SEVERITY = "error"

# `pat_` + 26 characters of lowercase Crockford base32, the first 0-7 (128 bits fit in 26 characters).
TYPEID = re.compile(r"pat_[0-7][0-9a-hjkmnp-tv-z]{25}")
HEX_ONLY = re.compile(r"pat_[0-9a-f]{26}")


def check(doc, options):
    value = doc.get("id")
    if not isinstance(value, str) or not doc.readable("id"):
        return  # absent, not text, or unreadable: missing-field / wrong-type / yaml-syntax say so
    line, column = doc.position(("id",))
    message = problem_with(value)
    if message:
        yield Problem(line, column, message + "; generate a new TypeID and update links that use the old one")


def problem_with(value: str) -> str | None:
    shown = value if len(value) <= 40 else value[:39] + "…"
    if not TYPEID.fullmatch(value):
        if not value.startswith("pat_"):
            return f"id `{shown}` is not a pattern TypeID (`pat_` followed by 26 base32 characters)"
        suffix = value[4:]
        if not suffix or not any(c.isdigit() for c in suffix):
            return f"id `{shown}` is a placeholder, not a TypeID"
        if suffix != suffix.lower() and TYPEID.fullmatch("pat_" + suffix.lower()):
            return f"id `{shown}` has uppercase letters; TypeIDs are lowercase"
        if len(suffix) != 26:
            return f"id `{shown}` has {len(suffix)} characters after `pat_`, a TypeID has 26"
        bad = sorted({c for c in suffix if c not in "0123456789abcdefghjkmnpqrstvwxyz"})
        if bad:
            return f"id `{shown}` contains {', '.join(repr(c) for c in bad)}, not in the TypeID alphabet (Crockford base32: no i, l, o, u)"
        if HEX_ONLY.fullmatch(value):  # `pat_8915a431...`: the cause is the hex, not its first digit
            return _HEX.format(shown=shown)
        return f"id `{shown}` starts with `{suffix[0]}` after `pat_`; a TypeID's first character is 0-7"
    if HEX_ONLY.fullmatch(value):
        return _HEX.format(shown=shown)
    return None


_HEX = "id `{shown}` is written in hexadecimal digits (a UUID's hex, cut to 26), not the base32 of a TypeID"
