"""A key that the format does not define.

What it checks
--------------
Reported for every key of a closed group (top level, `ontology`, `search_hints`,
`commons_assessment`, `lifecycle`, `graph_garden`, `provenance`) that the format does not
know, with a did-you-mean for near misses and a hint when the key belongs to another group.
When the key is also written in the group it belongs to, the message says so instead of
"move it there": with the same value the stray key duplicates it (remove it), with another
value they conflict (both values and the other key's line are named).
`context_labels` and `relationships` are open: any audience and relationship type is a key
(unknown relationship types are `unknown-vocabulary`).

Why it matters
--------------
A misspelt key (`confidance`) is a field that is silently missing; a key in the wrong
group is invisible to the code that reads the right one.

Example
-------
    lifecycle:
      confidance: 3       # did you mean `confidence`?
    commons_domain: [life]  # belongs at `ontology.commons_domain`

How to fix
----------
Rename the key as suggested, move it to the group named, or delete it. When the key is
already in its group, keep the right value there and delete the stray one.

What it does not report
-----------------------
- Keys of the open groups (`context_labels`, `relationships`): any audience or relationship
  type is allowed there; unknown relationship types are unknown-vocabulary's.
- There is no fix: which of two conflicting values is right, or whether a near miss is the
  key meant, is the author's call.
"""

CODE = "PL203"
NAME = "unknown-field"
GROUP = "schema"
SEVERITY = "warning"
SOURCE = "schema"

from lint.document import dotted
from lint.messages import describe_value


# -- messages (the schema layer, lint/schema/, reports them) ----------------------------------------

def unknown(key: str, parent: tuple, hint: str) -> str:
    """`key` in the mapping at `parent`; `hint`: one of the four below."""
    where = f"in `{dotted(parent)}`" if parent else "at the top level"
    return f"unknown field `{key}` {where}; {hint}"


def did_you_mean(key: str) -> str:
    return f"did you mean `{key}`?"


def duplicates(other: tuple, line: int) -> str:
    """The key is also written at `other` (its place, on `line`), with the same value."""
    return f"it duplicates `{dotted(other)}` (line {line}), which has the same value; remove it"


def conflicts(other: tuple, line: int, there, here) -> str:
    """The key is also written at `other`, with another value (`there`; this one is `here`)."""
    return (f"it conflicts with `{dotted(other)}` (line {line}), which is {_shown(there)} where this is "
            f"{_shown(here)}; keep the right value there and remove this one")


def belongs_at(other: tuple) -> str:
    return f"it belongs at `{dotted(other)}`; move it there"


def undefined() -> str:
    return "the format does not define it: remove it, or rename it to a field the format defines"


def _shown(value) -> str:
    """A value for a message: a number as written, anything else described (a text quoted)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"`{value!r}`"
    return describe_value(value)
