import json

import pytest

from helpers import SHARED, STANDALONE, VALID, cli, edit, line_of, rows

NAME = "callout-joined-to-blockquote"
CODE = "PL702"
SEPARATE = "stakeholders.\n\n> [!NOTE] Confidence Rating: ★★★ (High)"
# As the commons.engineering business-model files write it (copied from one, with VALID's summary):
# the callout on the line right under the summary, in the same blockquote.
JOINED = edit(VALID, SEPARATE, "stakeholders.\n> [!NOTE] Confidence Rating: ★★★ (High)")


def test_callout_under_the_summary_is_reported_at_the_callout(check):
    findings = check(JOINED)
    # Not also missing-confidence-rating (the callout is there), nor summary-mismatch (the summary
    # above the callout is the frontmatter's).
    assert rows(findings) == [(CODE, NAME, line_of(JOINED, "[!NOTE]"))]
    assert findings[0].column == 1
    assert findings[0].message == (
        "the `Confidence Rating` callout follows the blockquote above it without a blank line: they are one "
        "blockquote, and the page shows `[!NOTE]` as text instead of a callout; put a blank line before the callout")
    assert findings[0].fixable and findings[0].fix.safe


def test_its_stars_are_still_reconciled(check):
    text = edit(JOINED, "  confidence: 3\n", "  confidence: 1\n")
    assert rows(check(text)) == [(CODE, NAME, line_of(text, "[!NOTE]")),
                                 ("PL501", "confidence-mismatch", line_of(text, "[!NOTE]"))]


def test_a_quote_marks_only_line_between_does_not_separate_them(check):
    text = edit(VALID, SEPARATE, "stakeholders.\n>\n> [!NOTE] Confidence Rating: ★★★ (High)")
    assert rows(check(text)) == [(CODE, NAME, line_of(text, "[!NOTE]"))]


def test_marker_alone_with_the_rating_under_it(check):
    text = edit(VALID, SEPARATE, "stakeholders.\n> [!NOTE]\n> Confidence Rating: ★★★ (High)")
    assert rows(check(text)) == [(CODE, NAME, line_of(text, "[!NOTE]"))]


def test_a_summary_that_differs_is_still_compared(check):
    text = edit(JOINED, "> A pattern for establishing collective trust by making operational data\n"
                        "> and financial records accessible to all relevant stakeholders.\n",
                "> A pattern for establishing collective trust by opening operational data\n"
                "> and financial records to every stakeholder.\n")  # an edited copy (an epigraph would be summary-differs)
    assert rows(check(text)) == [("PL506", "summary-mismatch", line_of(text, "> A pattern for establishing")),
                                 (CODE, NAME, line_of(text, "[!NOTE]"))]


@pytest.mark.parametrize("written", [
    SEPARATE,  # its own blockquote
    "stakeholders.\n> **Confidence Rating:** ★★★ (High)",  # no `[!NOTE]`: a quote, meant to render as one
], ids=["separate", "no marker"])
def test_what_is_fine(check, written):
    assert rows(check(edit(VALID, SEPARATE, written)), NAME) == []


def test_without_the_format_nothing_is_read(check):
    text = "---\nid: pat_01khm0pp0qw6rb1r861rg6dfh1\nslug: x\ntitle: T\n---\n\n> S.\n> [!NOTE] Confidence Rating: ★★★\n"
    assert rows(check(text, name="x.md")) == [("PL201", "unknown-format", 2)]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_fix_inserts_one_blank_line_and_nothing_else(tmp_path, newline):
    joined = edit(STANDALONE, SEPARATE, "stakeholders.\n> [!NOTE] Confidence Rating: ★★★ (High)")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(joined.replace("\n", newline).encode("utf-8"))
    assert cli("--fix", "--select", NAME, str(path))[0] == 0
    assert path.read_bytes() == STANDALONE.replace("\n", newline).encode("utf-8")
    code, out = cli("--format", "json", "--select", "reconciliation,rendering", str(path))
    assert json.loads(out)["findings"] == []


@pytest.mark.skipif(not (SHARED / "corpus-dev").is_dir(), reason="needs ../shared")
def test_real_business_model_files(check):
    # corpus-dev's commons.engineering business-model files glue the callout under the epigraph; their stars
    # agree with `lifecycle.confidence` (2, ★★), or the confidence is out of range (4, invalid-value) and the
    # callout shows ★★★★ (High): its label and stars disagree, which confidence-mismatch reports (issue 19).
    found = {}
    for path in sorted((SHARED / "corpus-dev" / "commons-engineering").glob("*.md")):
        findings = check(path.read_bytes(), name=path.name, select=["rendering", "reconciliation"])
        lines = path.read_text(encoding="utf-8").split("\n")
        for f in findings:
            if f.name == NAME:
                assert lines[f.line - 1].startswith("> [!NOTE] Confidence Rating") and lines[f.line - 2].startswith("> ")
        found[path.name] = sorted({f.name for f in findings} & {NAME, "missing-confidence-rating", "confidence-mismatch"})
    assert found.pop("subsidized-base-with-recurring-consumables.md") == [NAME, "confidence-mismatch"]
    assert sum(names == [NAME] for names in found.values()) == 3
    assert all(names in ([], [NAME]) for names in found.values())
