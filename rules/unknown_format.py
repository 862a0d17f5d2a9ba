"""The pattern's frontmatter matches none of the formats the linter knows.

What it checks
--------------
Reported once for a file that has pattern identity keys (`id` or `slug`) but whose
frontmatter matches no known format. Only the checks that apply to every format run on
it (YAML, identity). `lint explain unknown-format` lists how formats are detected.

Why it matters
--------------
A pattern in an unknown format is checked only partly; the finding says so instead of
staying silent or drowning the file in schema errors.

Example
-------
    ---
    id: pat_01khm0pp0qw6rb1r861rg6dfh1
    slug: transparent-ledger
    title: Transparent Ledger
    ---
    (no `ontology`, `lifecycle`, `relationships`, ... group)

How to fix
----------
Bring the file to a known format (add the v7.1 groups), or wait for the format's support.

What it does not report
-----------------------
Files without `id` or `slug` (section pages, READMEs) are not patterns and are skipped;
frontmatter that does not parse or is not a mapping gets its own finding instead. A file
the configuration's `formats` table assigns to a format is not detected, so it is not
reported here: the schema rules say what does not fit. On an unknown-format pattern the
format's rules (schema, sections, reconciliation, links) stay silent rather than guess.
"""

from lint.findings import Problem

CODE = "PL201"
NAME = "unknown-format"
GROUP = "schema"
SEVERITY = "warning"


def check(doc, options):
    if doc.format is None:
        from lint.formats import FORMATS

        known = ", ".join(f.name for f in FORMATS)
        line, column = doc.position(())
        yield Problem(line, column, f"frontmatter matches no known pattern format (known: {known}; "
                      "`lint explain unknown-format` says how each is recognised), so only the checks "
                      "common to every format ran")
