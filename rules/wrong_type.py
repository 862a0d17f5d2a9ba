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
"""

CODE = "PL204"
NAME = "wrong-type"
GROUP = "schema"
SEVERITY = "error"
SOURCE = "schema"
