import json

import pytest

from helpers import STANDALONE, VALID, cli, edit, line_of, rows

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
    # Neither side is claimed to be right: both values, and where a fix direction is configured.
    assert findings[0].message == ("the callout shows ★★★ (High), 3 stars, where `lifecycle.confidence` is 1; "
                                   "make them agree (`confidence-source` in the configuration names the side a "
                                   "fix trusts)")
    assert not findings[0].fixable  # no side configured: no fix


def test_label_disagreeing_with_the_stars_is_reported(check):
    text = rating(confidence(VALID, 2), "> [!NOTE] Confidence Rating: ★★☆ (High)")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "Confidence Rating"))]
    assert findings[0].column == column_of_stars(text)
    assert 'the label "High" means 3 stars, the rating shows 2' in findings[0].message
    assert "callout shows" not in findings[0].message  # the stars agree with lifecycle.confidence
    assert findings[0].fixable  # frontmatter and stars agree: the label is rewritten whatever the configuration


def test_stars_and_label_both_wrong_are_one_finding_naming_both(check):
    text = rating(confidence(VALID, 1), "> [!NOTE] Confidence Rating: ★★☆ (High)")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "Confidence Rating"))]
    assert "the callout shows ★★☆ (High), 2 stars, where `lifecycle.confidence` is 1" in findings[0].message
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


def _left(path):
    return [(f["name"], f["fixable"]) for f in json.loads(cli("--format", "json", str(path))[1])["findings"]]


def _configure(folder, source):
    (folder / ".pattern-lint.toml").write_text(f'confidence-source = "{source}"\n', encoding="utf-8")


# From a copied real file (Commons-OS, acceptance-and-commitment style): ★★★ (Established) against 1.
ESTABLISHED = "> [!NOTE] Confidence Rating: ★★★ (Established)"


@pytest.mark.parametrize("value, old, new", [
    (1, RATING, "> [!NOTE] Confidence Rating: ★☆☆ (Low)"),
    (2, RATING, "> [!NOTE] Confidence Rating: ★★☆ (Medium)"),
    (3, "> [!NOTE] Confidence Rating: ★☆☆ (Low)", RATING),
    (2, "> [!NOTE] **Confidence Rating:** ★★★ (High)", "> [!NOTE] **Confidence Rating:** ★★☆ (Medium)"),
    (1, ESTABLISHED, "> [!NOTE] Confidence Rating: ★☆☆ (Low)"),
], ids=["1", "2", "3", "bold", "established"])
def test_fix_from_the_frontmatter_rewrites_stars_and_label_only_with_unsafe_fixes(tmp_path, value, old, new):
    _configure(tmp_path, "frontmatter")
    text = rating(confidence(STANDALONE, value), old)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, True)]
    cli("--fix", str(path))
    assert path.read_bytes() == text.encode("utf-8")  # unsafe: --fix alone leaves it
    assert cli("--fix", "--unsafe-fixes", str(path))[0] == 0
    assert path.read_bytes() == edit(text, old, new).encode("utf-8")
    assert _left(path) == []
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == edit(text, old, new).encode("utf-8")  # a second run changes nothing


@pytest.mark.parametrize("value, callout, written", [
    (1, RATING, 3),
    (1, ESTABLISHED, 3),
    (3, "> [!NOTE] Confidence Rating: ★★☆ (Medium)", 2),
    (3, "> [!NOTE] Confidence Rating: Low", 1),  # no stars: the label's count
], ids=["high", "established", "medium", "label only"])
def test_fix_from_the_body_writes_lifecycle_confidence_only(tmp_path, value, callout, written):
    _configure(tmp_path, "body")
    text = rating(confidence(STANDALONE, value), callout)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert [row for row in _left(path) if row[0] == NAME] == [(NAME, True)]
    cli("--fix", str(path))
    assert path.read_bytes() == text.encode("utf-8")  # unsafe
    cli("--fix", "--unsafe-fixes", str(path))
    fixed = edit(text, f"  confidence: {value}\n", f"  confidence: {written}\n")
    assert path.read_bytes() == fixed.encode("utf-8")  # only the value's bytes changed
    assert [row for row in _left(path) if row[0] == NAME] == []
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == fixed.encode("utf-8")


def test_fix_from_the_body_with_a_wrong_label_settles_in_one_run(tmp_path):
    # The count is written from the stars; then frontmatter and stars agree and the label is rewritten.
    _configure(tmp_path, "body")
    text = rating(confidence(STANDALONE, 1), "> [!NOTE] Confidence Rating: ★★☆ (High)")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    cli("--fix", "--unsafe-fixes", str(path))
    fixed = rating(confidence(STANDALONE, 2), "> [!NOTE] Confidence Rating: ★★☆ (Medium)")
    assert path.read_bytes() == fixed.encode("utf-8")
    assert _left(path) == []


def test_without_a_configured_source_there_is_no_fix(tmp_path):
    text = rating(confidence(STANDALONE, 1), ESTABLISHED)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, False)]
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == text.encode("utf-8")


def test_a_wrong_label_alone_is_fixed_without_a_configured_source(tmp_path):
    text = rating(confidence(STANDALONE, 2), "> [!NOTE] Confidence Rating: ★★☆ (High)")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == edit(text, "★★☆ (High)", "★★☆ (Medium)").encode("utf-8")


def test_fix_is_unsafe(check):
    from lint.config import Config
    from lint.runner import Options  # noqa: F401 (check passes the options on)

    (finding,) = check(confidence(VALID, 1), config=Config(confidence_source="frontmatter"))
    assert finding.fixable and not finding.fix.safe and finding.fix.title == "rewrite the rating as ★☆☆ (Low)"
    (finding,) = check(confidence(VALID, 1), config=Config(confidence_source="body"))
    assert finding.fixable and not finding.fix.safe and finding.fix.title == "write lifecycle.confidence: 3"
    assert "confidence-source" not in finding.message  # the configured side is known


def test_a_configured_label_with_a_control_character_is_not_written(tmp_path):
    (tmp_path / ".pattern-lint.toml").write_text('[confidence-labels]\nMedium = 1\n"Medium\\u001b[31m" = 2\n',
                                                 encoding="utf-8")
    text = confidence(STANDALONE, 2)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, False)]
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == text.encode("utf-8")


def test_four_stars_under_an_out_of_range_confidence_are_still_judged_against_their_label(check):
    # Real (corpus-dev commons-engineering/subsidized-base-with-recurring-consumables.md, issue 19 review):
    # `confidence: 4` (invalid-value) and `★★★★ (High)`: fixing the field alone would leave four stars on
    # the page, so the callout's own disagreement is reported too.
    text = edit(confidence(VALID, 4), RATING, "> [!NOTE] Confidence Rating: ★★★★ (High)")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "Confidence Rating"))]
    assert rows(findings, "invalid-value") == [("PL205", "invalid-value", line_of(text, "confidence: 4"))]
    (finding,) = [f for f in findings if f.name == NAME]
    assert finding.message == 'the label "High" means 3 stars, the rating shows 4; make them agree'
