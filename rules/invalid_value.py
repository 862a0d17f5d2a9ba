"""A field has a value the format does not allow.

What it checks
--------------
Reported for values of the right type that break another constraint: an empty title, a
confidence other than 1, 2 or 3, a `last_pruned` that is not a date.

Why it matters
--------------
These values pass a type check but cannot be rendered or compared: a confidence of 4 has
no star rating, `2026-13-01` is no date.

Example
-------
    lifecycle:
      confidence: 4       # use one of 1, 2, 3

How to fix
----------
Use a value from the range or list the message gives.

What it does not report
-----------------------
Values of the wrong type (`wrong-type`, once per value), values YAML could not read
(`yaml-syntax`), scores outside their range (`score-out-of-range`), unknown keys
(`unknown-field`), and words outside the vocabulary (`unknown-vocabulary`: status, stages
and relationship types are open text in the schema). The shape of `id` and `slug` is left to
`invalid-typeid` and `invalid-slug`.
"""

CODE = "PL205"
NAME = "invalid-value"
GROUP = "schema"
SEVERITY = "error"
SOURCE = "schema"

from lint.document import dotted


# -- messages (the schema layer, lint/schema/, reports them) ----------------------------------------

def not_one_of(path: tuple, value, allowed: list) -> str:
    return f"`{dotted(path)}` is {value!r}; use one of {', '.join(repr(v) for v in allowed)}"


def bad_format(path: tuple, value, format_name: str) -> str:
    return f"`{dotted(path)}` is `{value}`, not a valid {format_name} (YYYY-MM-DD for a date)"


def empty(path: tuple) -> str:
    return f"`{dotted(path)}` is empty; fill it in or remove the key"


def refused(path: tuple, detail: str) -> str:
    """Any other way the schema refuses the value; `detail`: the validator's own words."""
    return f"`{dotted(path)}`: {detail}"
