import json

import pytest

from helpers import SHARED, STANDALONE, VALID, cli, edit, line_of, rows

NAME = "callout-without-quote"
CODE = "PL703"
CALLOUT = "> [!NOTE] Confidence Rating: ★★★ (High)\n> A well-established, proven pattern.\n"
# As Commons-OS files write it (copied from one, with VALID's rating): the callout's lines without `>`.
BARE = "[!NOTE] Confidence Rating: ★★★ (High)\nA well-established, proven pattern.\n"
UNQUOTED = edit(VALID, CALLOUT, BARE)


def test_callout_without_quote_is_reported_as_malformed_not_missing(check):
    findings = check(UNQUOTED)
    assert rows(findings) == [(CODE, NAME, line_of(UNQUOTED, "[!NOTE]"))]
    assert findings[0].column == 1
    assert findings[0].message == (
        "the `Confidence Rating` callout is written without `>`, so the page shows `[!NOTE]` as plain text instead "
        "of a callout; start each of its lines with `> `")
    assert findings[0].fixable and findings[0].fix.safe


def test_its_stars_are_still_reconciled(check):
    text = edit(UNQUOTED, "  confidence: 3\n", "  confidence: 1\n")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "[!NOTE]")),
                              ("PL501", "confidence-mismatch", line_of(text, "[!NOTE]"))]
    assert findings[1].column == len("[!NOTE] Confidence Rating: ") + 1  # at the stars, as for a callout with `>`


def test_marker_alone_with_the_rating_under_it(check):
    text = edit(VALID, CALLOUT, "[!NOTE]\nConfidence Rating: ★★★ (High)\n")
    assert rows(check(text)) == [(CODE, NAME, line_of(text, "[!NOTE]"))]


def test_callout_glued_under_the_summary_paragraph(check):
    # The summary above it is still the summary (not "summary + callout"), and agrees with the frontmatter.
    text = edit(VALID, "> A pattern for establishing collective trust by making operational data\n"
                       "> and financial records accessible to all relevant stakeholders.\n\n" + CALLOUT,
                "A pattern for establishing collective trust by making operational data\n"
                "and financial records accessible to all relevant stakeholders.\n" + BARE)
    assert rows(check(text)) == [(CODE, NAME, line_of(text, "[!NOTE]"))]


def test_callout_as_a_lazy_line_of_the_summary_blockquote(check):
    text = edit(VALID, "stakeholders.\n\n" + CALLOUT, "stakeholders.\n" + BARE)
    assert rows(check(text)) == [(CODE, NAME, line_of(text, "[!NOTE]"))]  # not also callout-joined-to-blockquote


def test_a_sentence_about_the_rating_is_no_callout(check):
    text = edit(VALID, CALLOUT, "Confidence Rating: ★★★ (High)\n")
    assert rows(check(text)) == [("PL502", "missing-confidence-rating", line_of(text, "> A pattern for"))]


def test_in_a_code_block_it_is_no_callout(check):
    text = edit(VALID, CALLOUT, "```\n" + BARE + "```\n")
    assert rows(check(text)) == [("PL502", "missing-confidence-rating", line_of(text, "> A pattern for"))]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("before, after", [
    (BARE, CALLOUT),
    ("[!NOTE]\nConfidence Rating: ★★★ (High)\n", "> [!NOTE]\n> Confidence Rating: ★★★ (High)\n"),
], ids=["two lines", "marker alone"])
def test_fix_adds_the_quote_marks_and_nothing_else(tmp_path, newline, before, after):
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(edit(STANDALONE, CALLOUT, before).replace("\n", newline).encode("utf-8"))
    assert cli("--fix", "--select", NAME, str(path))[0] == 0
    assert path.read_bytes() == edit(STANDALONE, CALLOUT, after).replace("\n", newline).encode("utf-8")
    code, out = cli("--format", "json", "--select", "reconciliation,rendering", str(path))
    assert json.loads(out)["findings"] == []


def test_fix_of_a_lazy_line_also_parts_it_from_the_blockquote(tmp_path):
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(edit(STANDALONE, "stakeholders.\n\n" + CALLOUT, "stakeholders.\n" + BARE).encode("utf-8"))
    assert cli("--fix", "--select", NAME, str(path))[0] == 0
    assert path.read_bytes() == STANDALONE.encode("utf-8")
    assert cli("--fix", str(path))[0] == 0 and path.read_bytes() == STANDALONE.encode("utf-8")


def test_callout_over_a_glued_rule_is_fixed_by_both_rules(tmp_path):
    # The callout paragraph sits on a `---`: a heading to CommonMark; both fixes together leave a callout and a rule.
    path = tmp_path / "transparent-ledger.md"
    written = edit(STANDALONE, CALLOUT + "\n---\n", "[!NOTE] Confidence Rating: ★★★ (High)\nA well-established, proven "
                   "pattern.\n---\n")
    path.write_bytes(written.encode("utf-8"))
    code, out = cli("--format", "json", str(path))
    assert sorted(f["name"] for f in json.loads(out)["findings"]) == [NAME, "paragraph-read-as-heading"]
    assert cli("--fix", str(path))[0] == 0
    assert path.read_bytes() == edit(STANDALONE, CALLOUT + "\n---\n", CALLOUT + "\n---\n").encode("utf-8")


@pytest.mark.skipif(not (SHARED / "corpus-dev").is_dir(), reason="needs ../shared")
def test_real_file_without_quote_is_malformed_and_its_stars_compared(check):
    # The one corpus-dev Commons-OS file whose callout has no `>`: ★★★ with `lifecycle.confidence` 1.
    hits = []
    for path in sorted((SHARED / "corpus-dev" / "commons-os").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "\n[!NOTE] Confidence Rating" not in text:
            continue
        findings = check(path.read_bytes(), name=path.name, select=["rendering", "reconciliation"])
        line = text.split("\n").index(next(l for l in text.split("\n") if l.startswith("[!NOTE] Confidence"))) + 1
        hits.append(sorted((f.name, f.line) for f in findings if f.name != "summary-mismatch"))
        assert hits[-1] == [(NAME, line), ("confidence-mismatch", line)]
    assert len(hits) == 1
