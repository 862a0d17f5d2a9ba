import pytest

from helpers import COLLECTION, VALID, edit, line_of, rows

NAME = "missing-opening-summary"
CODE = "PL412"
SUMMARY = ("> A pattern for establishing collective trust by making operational data\n"
           "> and financial records accessible to all relevant stakeholders.\n")
CALLOUT = "> [!NOTE] Confidence Rating: ★★★ (High)\n> A well-established, proven pattern.\n"
NO_SUMMARY = edit(VALID, SUMMARY + "\n", "")
NO_OPENING = edit(NO_SUMMARY, CALLOUT + "\n---\n\n", "")


def test_body_that_starts_with_a_heading_is_reported_once_at_the_heading(check):
    # As in real v7 files of commons-os whose body starts at `### 1. Context`: no summary, no callout.
    findings = check(NO_OPENING)
    assert rows(findings) == [(CODE, NAME, line_of(NO_OPENING, "### Section 1: Context"))]
    assert findings[0].column == 1
    assert findings[0].message == ("the body has no opening summary and no `Confidence Rating` callout; add the "
                                   "summary as a blockquote (`> ...`) and the callout before this heading")


def test_callout_without_summary_is_reported_at_the_callout(check):
    findings = check(NO_SUMMARY)
    assert rows(findings) == [(CODE, NAME, line_of(NO_SUMMARY, "> [!NOTE] Confidence Rating"))]
    assert findings[0].message == ("the body has no opening summary; add it as a blockquote (`> ...`) before "
                                   "this callout")


@pytest.mark.parametrize("opening", ["---\n\n", "<!-- summary to come -->\n\n---\n\n", "# Transparent Ledger\n\n"],
                         ids=["rule", "comment and rule", "title"])
def test_only_rules_comments_or_a_title_before_the_first_section_is_reported(check, opening):
    text = edit(NO_OPENING, "### Section 1: Context", opening + "### Section 1: Context")
    first = "---" if "---" in opening else "### Section 1: Context"
    line = line_of(text, first, 3) if first == "---" else line_of(text, first)
    assert rows(check(text)) == [(CODE, NAME, line)]


def test_unknown_heading_before_the_sections_ends_the_opening(check):
    text = edit(NO_OPENING, "### Section 1: Context", "## Overview\n\nText.\n\n### Section 1: Context")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "## Overview"))]


@pytest.mark.parametrize("opening", [
    SUMMARY + "\n" + CALLOUT,
    # As in real commons-engineering files: the callout on the line right after the summary, one blockquote.
    SUMMARY + CALLOUT,
    CALLOUT + "\n" + SUMMARY,
    "A pattern for establishing collective trust by making operational data public.\n\n" + CALLOUT,
    "# Transparent Ledger\n\n" + SUMMARY + "\n" + CALLOUT,
], ids=["summary then callout", "summary and callout in one blockquote", "callout then summary",
        "paragraph summary", "title then summary"])
def test_an_opening_summary_is_fine(check, opening):
    text = edit(NO_OPENING, "### Section 1: Context", opening + "\n---\n\n### Section 1: Context")
    assert rows(check(text), NAME) == []


def test_body_without_headings_is_left_to_missing_section(check):
    text = NO_OPENING[:NO_OPENING.index("### Section 1: Context")]
    assert rows(check(text), NAME) == []


def test_collection_format_does_not_require_a_summary(check):
    text = edit(COLLECTION, "> Learning paths that adjust to the learner.\n", "### 1. Context\n\nLearners differ.\n")
    assert rows(check(text, "adaptive-learning.md"), NAME) == []
