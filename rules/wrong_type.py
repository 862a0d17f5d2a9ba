"""A field has the wrong type (a list where text is expected, text where a number is).

What it checks
--------------
Reported at the value, naming what was found and what the format expects.

Why it matters
--------------
Code that reads `confidence` as a number or `aliases` as a list breaks on anything else;
an empty value (`enables:` with nothing after it) is null, not an empty list.

Example
-------
    lifecycle:
      confidence: high    # expected an integer
    relationships:
      enables:            # null; write `enables: []`

How to fix
----------
Write the value with the type the message names.

What it does not report
-----------------------
A plain value YAML read as a number, boolean or date where the field expects text
(`status: no`, `title: 2026-02-19`) is `yaml-implicit-type`, whose fix is to quote it. A
value of the wrong type is not also judged against the field's other constraints
(`confidence: high` is not also "not one of 1, 2, 3"). Patterns of an unknown format are
not checked.
"""

CODE = "PL204"
NAME = "wrong-type"
GROUP = "schema"
SEVERITY = "error"
SOURCE = "schema"

from lint.document import dotted
from lint.messages import describe_value


# -- messages (the schema layer, lint/schema/, reports them) ----------------------------------------

TYPE_WORDS = {
    "string": "a text", "integer": "an integer", "number": "a number", "array": "a list",
    "object": "a mapping", "boolean": "true or false", "null": "empty",
}


def expected(path: tuple, value, types: list, hint: str = "") -> str:
    """`value` at `path` is none of the JSON Schema `types`; `hint`: the schema's description."""
    words = " or ".join(TYPE_WORDS.get(t, t) for t in types)
    return f"`{dotted(path)}` is {describe_value(value)}; expected {words}" + (f": {hint}" if hint else "")


def not_a_number(path: tuple, written: str, value: float) -> str:
    """`.nan` or `.inf` (`written`), which YAML reads as a float that no range check refuses."""
    return f"`{dotted(path)}` is `{written}`, which YAML reads as {value!r}, not a usable number; write a number"
