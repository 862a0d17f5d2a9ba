"""A key that the format does not define.

What it checks
--------------
Reported for every key of a closed group (top level, `ontology`, `search_hints`,
`commons_assessment`, `lifecycle`, `graph_garden`, `provenance`) that the format does not
know, with a did-you-mean for near misses and a hint when the key belongs to another group.
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
Rename the key as suggested, move it to the group named, or delete it.
"""

CODE = "PL203"
NAME = "unknown-field"
GROUP = "schema"
SEVERITY = "warning"
SOURCE = "schema"
