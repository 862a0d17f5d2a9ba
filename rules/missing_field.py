"""A required field or group is missing.

What it checks
--------------
Reported for each required key that is absent, at the mapping that should hold it (the
group's key, or the frontmatter's first key for top-level fields), and for
relationship entries that name no target.

Why it matters
--------------
Renderers, search and the graph read these fields; a missing `lifecycle.confidence` is a
blank badge, a missing `ontology.commons_assessment` an empty score card.

Example
-------
    lifecycle:            # <- missing-field: `lifecycle.confidence` is missing
      usage_stage: design
      adoption_stage: growth
      status: draft
      version: 1.0

How to fix
----------
Add the field under the group the message names (see the template).

What it does not report
-----------------------
A key that is present but empty (`summary:` is null) is `wrong-type`. A misspelt key
(`usage_stag`) is one `unknown-field` with its did-you-mean, not also a missing
`usage_stage`. Nothing is reported inside a group that is not a mapping (`lifecycle: 5` is
`wrong-type`). Patterns of an unknown format are not checked: their required fields are
not known.
"""

CODE = "PL202"
NAME = "missing-field"
GROUP = "schema"
SEVERITY = "error"
SOURCE = "schema"

from lint.document import dotted


# -- messages (the schema layer, lint/schema/, reports them) ----------------------------------------

def required(path: tuple, hint: str = "") -> str:
    """`path`: the missing key's; `hint`: the schema's description of it."""
    return f"required field `{dotted(path)}` is missing; add it" + (f": {hint}" if hint else "")
