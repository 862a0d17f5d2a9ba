from helpers import VALID, edit, line_of, rows

NAME = "missing-confidence-rating"
CODE = "PL502"
CALLOUT = "> [!NOTE] Confidence Rating: ★★★ (High)\n> A well-established, proven pattern.\n"
SUMMARY = ("> A pattern for establishing collective trust by making operational data\n"
           "> and financial records accessible to all relevant stakeholders.\n")
NO_CALLOUT = edit(VALID, CALLOUT + "\n", "")


def test_missing_callout_is_reported_at_the_first_line_of_the_body_content(check):
    findings = check(NO_CALLOUT)
    # The body starts with a blank line after `---`; the finding is on its first block.
    assert rows(findings) == [(CODE, NAME, line_of(NO_CALLOUT, "> A pattern for establishing"))]
    assert findings[0].column == 1
    assert findings[0].message == ("the body has no `Confidence Rating` callout; add "
                                   "`> [!NOTE] Confidence Rating: ★★★ (High)` after the summary")


def test_suggested_callout_follows_lifecycle_confidence(check):
    findings = check(edit(NO_CALLOUT, "  confidence: 3\n", "  confidence: 1\n"))
    assert [f.name for f in findings] == [NAME]
    assert "`> [!NOTE] Confidence Rating: ★☆☆ (Low)`" in findings[0].message


def test_invalid_confidence_suggests_the_middle_rating(check):
    text = edit(NO_CALLOUT, "  confidence: 3\n", "  confidence: 4\n")
    findings = check(text)
    assert rows(findings) == [("PL205", "invalid-value", line_of(text, "confidence: 4")),
                              (CODE, NAME, line_of(text, "> A pattern for establishing"))]
    assert "`> [!NOTE] Confidence Rating: ★★☆ (Medium)`" in findings[1].message


def test_without_summary_the_missing_opening_is_one_finding_of_missing_opening_summary(check):
    # Neither summary nor callout above the first section: one cause, the whole opening is missing,
    # reported once by missing-opening-summary (which names the callout too), not twice.
    text = edit(NO_CALLOUT, SUMMARY + "\n", "")
    findings = check(text)
    assert rows(findings) == [("PL412", "missing-opening-summary", line_of(text, "---", 3))]  # the `---` that opens the body
    assert "no `Confidence Rating` callout" in findings[0].message
    text = edit(text, "---\n\n### Section 1", "### Section 1")
    assert rows(check(text)) == [("PL412", "missing-opening-summary", line_of(text, "### Section 1: Context"))]


def test_callout_in_a_code_block_does_not_count(check):
    text = edit(VALID, CALLOUT, "```\n" + CALLOUT + "```\n")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "> A pattern for establishing"))]


def test_callout_present_is_fine(check):
    assert rows(check(VALID), NAME) == []


def test_plain_blockquote_with_the_rating_is_fine(check):
    text = edit(VALID, "> [!NOTE] Confidence Rating: ★★★ (High)", "> **Confidence Rating:** ★★★ (High)")
    assert rows(check(text)) == []


def test_callout_without_stars_is_reported(check):
    # The rule's documentation: "the body must contain a blockquote with `Confidence Rating:` and stars".
    text = edit(VALID, "> [!NOTE] Confidence Rating: ★★★ (High)", "> [!NOTE] Confidence Rating: High")
    # Reported at the callout itself (the body has one; it lacks the stars), not at the body's start.
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "Confidence Rating: High"))]
    assert "shows no stars; write `Confidence Rating: ★★★ (High)`" in findings[0].message


def test_label_only_callout_is_judged_against_the_frontmatter(check):
    text = edit(edit(VALID, "> [!NOTE] Confidence Rating: ★★★ (High)", "> [!NOTE] Confidence Rating: High"),
                "  confidence: 3\n", "  confidence: 1\n")
    findings = check(text)
    assert rows(findings, "confidence-mismatch") == [("PL501", "confidence-mismatch", line_of(text, "Rating: High"))]
    assert next(f for f in findings if f.name == "confidence-mismatch").message.startswith(
        'the callout says "High" (3) where `lifecycle.confidence` is 1')
