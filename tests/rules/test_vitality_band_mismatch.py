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
    (4.7, "This pattern is sustaining: it keeps feedback loops alive.", "Sustaining", "is sustaining"),
    (4.0, "Deeply generative: members create new uses.", "Generative", "Deeply generative"),
    (4.0, "It is inherently generative, because members create new uses.", "Generative", "is inherently generative"),
    (4.8, "It scores at the sustaining level.", "Sustaining", "scores at the sustaining"),
    (3.0, "Members create new uses (Generative).", "Generative", "(Generative)"),
    (3.0, "It creates the conditions for new life.", "Generative", "creates the conditions for new life"),
    (4.0, "It works correctly but does not contribute much.", "Functional", "works correctly but does not contribute"),
    (2.5, "This model is fundamentally extractive.", "Extractive", "is fundamentally extractive"),
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


# From copied real files (commons.engineering business models): band words as adjectives of other
# nouns, or in a negated clause, name no band.
@pytest.mark.parametrize("score, reasoning", [
    (2.0, "This model centralizes control and value extraction, creating dependency rather than fostering a "
          "generative commons. While it can create value, the architecture inherently limits stakeholder autonomy "
          "and shared ownership, leading to a low vitality score."),
    (3.0, "The model shows vitality by enabling widespread access to tools and services, fostering a large "
          "community of users. However, its vitality is constrained by its reliance on converting users to paid "
          "tiers, which can create extractive pressures and limit the autonomy of the non-paying majority."),
    (4.7, "A sustaining loop of feedback."),
    (2.0, "It is not generative."),
    (2.0, "It is far from generative, but it works."),
    (4.7, "Rather than being merely functional, it creates new uses."),
    (4.7, "It never depletes vitality."),
    (1.0, "It is less generative than it looks."),
], ids=["rather than", "adjective", "adjective 2", "is not", "far from", "rather than being", "never", "less"])
def test_band_words_that_are_no_band_reference_are_not_reported(check, score, reasoning):
    assert rows(check(vitality(score, reasoning)), NAME) == []


def test_a_reference_across_a_line_break_is_found(check):
    text = edit(vitality(2.0, "This pattern sustains"), "      This pattern sustains\n",
                "      This pattern sustains\n      vitality by renewing the system.\n")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "This pattern sustains"))]


def test_a_negation_in_another_clause_does_not_hide_a_reference(check):
    text = vitality(3.0, "It does not extract value; it is generative.")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "It does not extract"))]


def test_reasoning_naming_two_bands_is_not_judged(check):
    # Neither band is the score's (Generative): still not judged.
    assert rows(check(vitality(4.7, "Functional in small co-ops, sustaining in cities.")), NAME) == []
    assert rows(check(vitality(4.7, "Generative in cities, merely functional in small co-ops.")), NAME) == []
    assert rows(check(vitality(4.7, "It is functional in small co-ops and is sustaining in cities.")), NAME) == []


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
