"""A YAML tag (`!include`, `!!python/object`, `!!binary`, ...) is used in frontmatter.

What it checks
--------------
Reported for every node with an explicit tag other than the plain YAML types. The tag
is ignored: nothing is constructed, nothing is included or executed.

Why it matters
--------------
Tags make YAML build objects or read other files; in frontmatter from an unreviewed pull
request that is code execution waiting for a careless loader.

Example
-------
    sources: !include sources.yaml
    id: !!python/object/apply:os.system ["echo hi"]

How to fix
----------
Remove the tag and write the value itself.

What it does not report
-----------------------
The plain YAML types written on a value of their kind (`!!str 5`, `!!int`, `!!float`,
`!!bool`, `!!null`, `!!timestamp`, `!!seq`, `!!map`), which build nothing dangerous, and
merge keys (`<<: *base`). A plain type that cannot build its value (`!!int abc`) is
`yaml-syntax`.
"""

CODE = "PL106"
NAME = "yaml-unsupported-tag"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"

from lint.messages import shown


# -- messages (the YAML reader, lint/yamlnodes.py, reports them) ----------------------------------------

def unsupported(tag: str) -> str:
    """`tag` as written (`!!set`, `!foo`)."""
    return (f"YAML tag `{shown(tag)}` is not supported in frontmatter and was not applied; remove the tag and "
            "write a plain value")
