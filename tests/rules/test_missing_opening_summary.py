"""missing-opening-summary: the case built by slicing VALID; the simple cases are data in tests/cases/body.yaml."""

from helpers import VALID, edit, rows

NAME = "missing-opening-summary"
SUMMARY = ("> A pattern for establishing collective trust by making operational data\n"
           "> and financial records accessible to all relevant stakeholders.\n")
CALLOUT = "> [!NOTE] Confidence Rating: ★★★ (High)\n> A well-established, proven pattern.\n"
NO_SUMMARY = edit(VALID, SUMMARY + "\n", "")
NO_OPENING = edit(NO_SUMMARY, CALLOUT + "\n---\n\n", "")


def test_body_without_headings_is_left_to_missing_section(check):
    text = NO_OPENING[:NO_OPENING.index("### Section 1: Context")]
    assert rows(check(text), NAME) == []
