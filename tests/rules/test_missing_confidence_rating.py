"""missing-confidence-rating: the case judged by confidence-mismatch; the simple cases are data in
tests/cases/body.yaml."""

from helpers import VALID, edit, line_of, rows


def test_label_only_callout_is_judged_against_the_frontmatter(check):
    text = edit(edit(VALID, "> [!NOTE] Confidence Rating: ★★★ (High)", "> [!NOTE] Confidence Rating: High"),
                "  confidence: 3\n", "  confidence: 1\n")
    findings = check(text)
    assert rows(findings, "confidence-mismatch") == [("PL501", "confidence-mismatch", line_of(text, "Rating: High"))]
    assert next(f for f in findings if f.name == "confidence-mismatch").message.startswith(
        'the callout says "High" (3) where `lifecycle.confidence` is 1')
