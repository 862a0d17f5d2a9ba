"""The frontmatter is not valid YAML.

What it checks
--------------
Reported at the position where the YAML parser gave up, and for scalars that look typed
but cannot be read (`2026-02-30`, `0x_`).

Why it matters
--------------
A file whose frontmatter does not parse has no metadata at all: it drops out of the
site's indexes and the library's graph.

Example
-------
    ontology: {domain: parenting-family, cross_domains: []
      commons_domain:
        - life

    (a flow mapping `{...}` cannot contain block lines)

How to fix
----------
Fix the YAML at the reported line and column; when in doubt, write block style
(`key: value` on its own line) instead of `{...}`, and quote text that contains `: `.

What it does not report
-----------------------
When the frontmatter does not parse, only the first error is reported: the parser stops
there. Values YAML reads with another type than meant (`status: no`) parse fine and are
`yaml-implicit-type`; tabs YAML accepts are `yaml-tab`, repeated keys `duplicate-key`, tags
`yaml-unsupported-tag`, frontmatter too deep or too large `yaml-nesting-limit` and
`yaml-alias-limit`. A value it could not read is kept as written, and `invalid-value` and
the reconciliation rules do not judge it again.
"""

CODE = "PL103"
NAME = "yaml-syntax"
GROUP = "frontmatter"
SEVERITY = "error"
SOURCE = "document"
