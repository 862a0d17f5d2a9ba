import pytest

from helpers import VALID, edit, line_of, rows

NAME = "confidence-mismatch"
CODE = "PL501"
RATING = "> [!NOTE] Confidence Rating: ★★★ (High)"
CONFIDENCE = "  confidence: 3\n"


def confidence(text, value):
    return edit(text, CONFIDENCE, f"  confidence: {value}\n")


def rating(text, new):
    return edit(text, RATING, new)


def column_of_stars(text):
    line = text.split("\n")[line_of(text, "Confidence Rating") - 1]
    return min(line.index(star) for star in "★☆" if star in line) + 1


def test_stars_disagreeing_with_the_frontmatter_are_reported_at_the_stars(check):
    text = confidence(VALID, 1)
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "Confidence Rating"))]
    assert findings[0].column == column_of_stars(text) == len("> [!NOTE] Confidence Rating: ") + 1
    assert findings[0].message == ("body says ★★★ (3), `lifecycle.confidence` is 1; make them agree "
                                   "(the frontmatter is the source of truth)")


def test_label_disagreeing_with_the_stars_is_reported(check):
    text = rating(confidence(VALID, 2), "> [!NOTE] Confidence Rating: ★★☆ (High)")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "Confidence Rating"))]
    assert findings[0].column == column_of_stars(text)
    assert 'the label "High" means 3 stars, the rating shows 2' in findings[0].message
    assert "body says" not in findings[0].message  # the stars agree with lifecycle.confidence


def test_stars_and_label_both_wrong_are_one_finding_naming_both(check):
    text = rating(confidence(VALID, 1), "> [!NOTE] Confidence Rating: ★★☆ (High)")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "Confidence Rating"))]
    assert "body says ★★☆ (2), `lifecycle.confidence` is 1" in findings[0].message
    assert 'the label "High" means 3 stars, the rating shows 2' in findings[0].message


def test_bold_callout_is_reported_where_its_stars_start(check):
    text = rating(confidence(VALID, 1), "> [!NOTE] **Confidence Rating:** ★★★ (High)")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "Confidence Rating"))]
    assert findings[0].column == column_of_stars(text) == len("> [!NOTE] **Confidence Rating:** ") + 1


def test_unknown_label_is_not_judged(check):
    assert rows(check(rating(VALID, "> [!NOTE] Confidence Rating: ★★★ (Established)"))) == []
    text = rating(confidence(VALID, 1), "> [!NOTE] Confidence Rating: ★★★ (Established)")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "Confidence Rating"))]
    assert "label" not in findings[0].message


@pytest.mark.parametrize("value, callout", [
    (3, RATING),
    (3, "> [!NOTE] Confidence Rating: ★★★ (high)"),
    (2, "> [!NOTE] Confidence Rating: ★★☆ (Medium)"),
    (1, "> [!NOTE] Confidence Rating: ★☆☆ (Low)"),
    (2, "> [!NOTE] Confidence Rating: ★★☆"),
], ids=["high", "label case", "medium", "low", "no label"])
def test_agreeing_rating_is_fine(check, value, callout):
    assert rows(check(rating(confidence(VALID, value), callout))) == []


def test_confidence_outside_the_enum_is_invalid_value_only(check):
    text = confidence(VALID, 4)
    assert rows(check(text)) == [("PL205", "invalid-value", line_of(text, "confidence: 4"))]


def test_confidence_of_the_wrong_type_is_wrong_type_only(check):
    text = confidence(VALID, '"1"')
    assert rows(check(text)) == [("PL204", "wrong-type", line_of(text, 'confidence: "1"'))]


# -- the fix (unsafe) -------------------------------------------------------------------------------

import io  # noqa: E402
import json  # noqa: E402

from helpers import STANDALONE  # noqa: E402
from lint.cli import main  # noqa: E402


def _cli(*argv):
    out = io.StringIO()
    return main(["--no-cache", *argv], stdout=out), out.getvalue()


def _left(path):
    return [(f["name"], f["fixable"]) for f in json.loads(_cli("--format", "json", str(path))[1])["findings"]]


@pytest.mark.parametrize("value, old, new", [
    (1, RATING, "> [!NOTE] Confidence Rating: ★☆☆ (Low)"),
    (2, RATING, "> [!NOTE] Confidence Rating: ★★☆ (Medium)"),
    (3, "> [!NOTE] Confidence Rating: ★☆☆ (Low)", RATING),
    (2, "> [!NOTE] **Confidence Rating:** ★★★ (High)", "> [!NOTE] **Confidence Rating:** ★★☆ (Medium)"),
], ids=["1", "2", "3", "bold"])
def test_fix_rewrites_stars_and_label_only_with_unsafe_fixes(tmp_path, value, old, new):
    text = rating(confidence(STANDALONE, value), old)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, True)]
    _cli("--fix", str(path))
    assert path.read_bytes() == text.encode("utf-8")  # unsafe: --fix alone leaves it
    assert _cli("--fix", "--unsafe-fixes", str(path))[0] == 0
    assert path.read_bytes() == edit(text, old, new).encode("utf-8")
    assert _left(path) == []


def test_fix_is_unsafe(check):
    (finding,) = check(confidence(VALID, 1))
    assert finding.fixable and not finding.fix.safe and finding.fix.title == "rewrite the rating as ★☆☆ (Low)"


def test_a_configured_label_with_a_control_character_is_not_written(tmp_path):
    (tmp_path / ".pattern-lint.toml").write_text('[confidence-labels]\nMedium = 1\n"Medium\\u001b[31m" = 2\n',
                                                 encoding="utf-8")
    text = confidence(STANDALONE, 2)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, False)]
    _cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == text.encode("utf-8")
