"""summary-differs: the epigraph (off by default, its severity) and the fix on the whole run; the other cases
are data in tests/cases/body.yaml."""

import json

from helpers import STANDALONE, VALID, cli, edit, line_of, rows

NAME = "summary-differs"
CODE = "PL507"
SUMMARY = ("> A pattern for establishing collective trust by making operational data\n"
           "> and financial records accessible to all relevant stakeholders.\n")
ONE_LINE = ("A pattern for establishing collective trust by making operational data and financial records "
            "accessible to all relevant stakeholders.")
# From a copied real file (Commons-OS, a pattern on diagnosing a context): the body opens with an epigraph.
EPIGRAPH_FRONT = ("summary: Reading the forces, tensions, and life-energy at play in a situation before "
                  "prescribing solutions.\n")
EPIGRAPH = "> To intervene in a system, you must first understand its music.\n"
FRONT = ("summary: >-\n  A pattern for establishing collective trust by making operational data\n"
         "  and financial records accessible to all relevant stakeholders.\n")


def test_an_epigraph_is_reported_only_when_selected(check):
    text = edit(edit(VALID, FRONT, EPIGRAPH_FRONT), SUMMARY, EPIGRAPH)
    assert rows(check(text)) == []  # off by default
    findings = check(text, extend_select=[NAME])
    assert rows(findings) == [(CODE, NAME, line_of(text, "> To intervene"))]
    assert findings[0].column == 1 and findings[0].severity == "info"
    assert findings[0].message == (
        "the body opens with another text than the frontmatter summary (2 of the body's 11 words in common; the "
        "body has \"To intervene in a system, you …\" where `summary` has \"Reading the forces, tensions, and "
        "life-energy …\"); if a summary is meant there, write the frontmatter's (or its first sentence)")


def test_fix_copies_the_frontmatter_summary_only_with_unsafe_fixes(tmp_path):
    text = edit(STANDALONE, SUMMARY, "> Open the books.\n")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    left = json.loads(cli("--format", "json", "--extend-select", NAME, str(path))[1])["findings"]
    assert [(f["name"], f["fixable"]) for f in left] == [(NAME, True)]
    cli("--fix", "--extend-select", NAME, str(path))
    assert path.read_bytes() == text.encode("utf-8")  # unsafe: --fix alone leaves it
    cli("--fix", "--unsafe-fixes", "--extend-select", NAME, str(path))
    assert path.read_bytes() == edit(text, "> Open the books.\n", f"> {ONE_LINE}\n").encode("utf-8")
    assert json.loads(cli("--format", "json", "--extend-select", NAME, str(path))[1])["findings"] == []
