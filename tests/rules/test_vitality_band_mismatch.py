import pytest

from helpers import VALID, edit, line_of, rows

NAME = "vitality-band-mismatch"
CODE = "PL504"
REASONING = "      Directly enables feedback loops and adaptation.\n"


def vitality(score, reasoning, title=None):
    text = edit(edit(VALID, "vitality: 4.5", f"vitality: {score}"), REASONING, f"      {reasoning}\n")
    return edit(text, 'title: "Transparent Ledger"', f'title: "{title}"') if title else text


def test_reasoning_naming_another_band_is_reported_at_the_reasoning(check):
    text = vitality(4.7, "This pattern sustains vitality by maintaining the system's health.")
    findings = check(text)
    # At the reasoning's text, the line after `vitality_reasoning: >-`, where the words to change are.
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "This pattern sustains vitality"))]
    finding = next(f for f in findings if f.name == NAME)
    assert finding.column == len("      ") + 1
    assert finding.message == ('vitality is 4.7 (Generative), but vitality_reasoning describes Sustaining '
                               '("sustains vitality"); align the score or the reasoning')


def test_same_reasoning_with_a_sustaining_score_is_fine(check):
    text = vitality(4.0, "This pattern sustains vitality by maintaining the system's health.")
    assert rows(check(text), NAME) == []


def test_plain_scalar_reasoning_is_reported_at_its_value(check):
    text = edit(edit(VALID, "vitality: 4.5", "vitality: 4.7"), "vitality_reasoning: >-\n" + REASONING,
                "vitality_reasoning: This pattern sustains vitality.\n")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "vitality_reasoning:"))]
    assert next(f for f in findings if f.name == NAME).column == len("    vitality_reasoning: ") + 1


@pytest.mark.parametrize("score, reasoning, band, words", [
    (4.7, "A sustaining loop of feedback.", "Sustaining", "sustaining"),
    (4.0, "Deeply generative: members create new uses.", "Generative", "generative"),
    (4.4, "Generative.", "Generative", "Generative"),
    (1.5, "Functional but hollow.", "Functional", "Functional"),
    (3.0, "It depletes vitality.", "Extractive", "depletes vitality"),
])
def test_each_band_word_is_recognised(check, score, reasoning, band, words):
    findings = check(vitality(score, reasoning))
    assert [f.name for f in findings if f.name == NAME] == [NAME]
    assert f'describes {band} ("{words}")' in next(f for f in findings if f.name == NAME).message


@pytest.mark.parametrize("score, reasoning", [
    (4.5, "Generative."),
    (1.5, "It depletes vitality."),
    (2.0, "Functional but hollow."),
], ids=["generative at 4.5", "extractive at 1.5", "functional at 2.0"])
def test_band_matching_the_score_is_fine(check, score, reasoning):
    assert rows(check(vitality(score, reasoning)), NAME) == []


def test_reasoning_naming_two_bands_is_not_judged(check):
    # Neither band is the score's (Generative): still not judged.
    assert rows(check(vitality(4.7, "Functional in small co-ops, sustaining in cities.")), NAME) == []
    assert rows(check(vitality(4.7, "Generative in cities, merely functional in small co-ops.")), NAME) == []


@pytest.mark.parametrize("reasoning", ["A self-sustaining loop of feedback.", "A non-functional ledger is worse."])
def test_hyphenated_compounds_are_not_band_words(check, reasoning):
    assert rows(check(vitality(4.7, reasoning)), NAME) == []


def test_band_word_in_the_patterns_own_title_is_ignored(check):
    text = vitality(4.7, "Sustaining Ledger creates new feedback loops.", title="Sustaining Ledger")
    assert rows(check(text), NAME) == []


@pytest.mark.parametrize("reasoning", [
    "Like 'Sustaining Commons', it opens feedback loops.",
    'Like "Sustaining Commons", it opens feedback loops.',
    "Like “Sustaining Commons”, it opens feedback loops.",
], ids=["single quotes", "double quotes", "curly quotes"])
def test_band_word_in_a_quoted_title_is_ignored(check, reasoning):
    assert rows(check(vitality(4.7, reasoning)), NAME) == []


def test_apostrophes_are_not_quotes(check):
    # Two apostrophes are not a quoted title: the band word between them still counts.
    text = vitality(3.0, "The ledger's feedback is generative; it's alive.")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "The ledger's feedback"))]


def test_out_of_range_vitality_is_only_score_out_of_range(check):
    text = vitality(6, "This pattern sustains vitality.")
    assert rows(check(text)) == [("PL206", "score-out-of-range", line_of(text, "vitality: 6"))]
