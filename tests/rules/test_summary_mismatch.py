import json

import pytest

from helpers import STANDALONE, VALID, cli, edit, line_of, rows

NAME = "summary-mismatch"
CODE = "PL506"
SUMMARY = ("> A pattern for establishing collective trust by making operational data\n"
           "> and financial records accessible to all relevant stakeholders.\n")
FRONT = ("  A pattern for establishing collective trust by making operational data\n"
         "  and financial records accessible to all relevant stakeholders.\n")


def test_truncated_body_summary_says_how_many_words(check):
    text = edit(VALID, SUMMARY, "> A pattern for establishing collective trust.\n")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "> A pattern for establishing"))]
    assert findings[0].column == 1
    assert findings[0].message == ("the body's opening summary differs from the frontmatter summary (the body "
                                   "stops mid-sentence after 6 of the 18 words of `summary`, before \"by making "
                                   "operational data and financial …\"); make them the same (the body may be its "
                                   "first sentence alone)")


def test_different_body_summary_shows_where_they_differ(check):
    text = edit(VALID, SUMMARY, "> A pattern for establishing collective trust by making all data\n"
                                "> and financial records accessible to all relevant stakeholders.\n")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "> A pattern for establishing"))]
    assert ('17 of the body\'s 18 words in common; after "trust by making" the body has "all data and financial '
            'records accessible …" where `summary` has "operational data and financial records accessible …"') \
        in findings[0].message


def test_entirely_different_body_summary_is_left_to_summary_differs(check):
    # An epigraph, or the summary written anew: another rule's case, off by default (see test_summary_differs).
    text = edit(VALID, SUMMARY, "> Open the books.\n")
    assert rows(check(text)) == []
    assert rows(check(text, extend_select=["summary-differs"])) == [
        ("PL507", "summary-differs", line_of(text, "> Open the books."))]


def test_curly_and_straight_apostrophes_are_the_same_but_words_still_count(check):
    text = edit(VALID, FRONT, "  A pattern for establishing the members' trust.\n")
    assert rows(check(edit(text, SUMMARY, "> A pattern for establishing the members’ trust.\n")), NAME) == []
    text = edit(text, SUMMARY, "> A pattern for establishing the owners’ trust.\n")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "> A pattern for establishing"))]


@pytest.mark.parametrize("summary", [
    "> A pattern for establishing collective trust by making\n> operational data and financial records accessible "
    "to all relevant\n> stakeholders.\n",
    "> A pattern for establishing collective trust by making operational data and financial records accessible "
    "to all relevant stakeholders\n",
    "A pattern for establishing collective trust by making operational data\nand financial records accessible to "
    "all relevant stakeholders.\n",
    "> *A pattern for establishing collective trust by making operational data and financial records accessible "
    "to all relevant stakeholders.*\n",
], ids=["other line breaks", "no trailing period", "paragraph", "italic"])
def test_same_text_written_differently_is_fine(check, summary):
    assert rows(check(edit(VALID, SUMMARY, summary))) == []


# From a copied real file (Commons-OS, a pattern on finding people who think in systems): the
# frontmatter writes "emergence — and", the body "emergence—and".
TRIBE_FRONT = ('summary: "The deliberate search for other people who share the capacity to think in systems, '
               'feedback loops, and emergence — and the profound relief of no longer having to simplify or '
               'defend one\'s natural way of seeing."\n')
TRIBE_BODY = ("The deliberate search for other people who share the capacity to think in systems, feedback loops, "
              "and emergence—and the profound relief of no longer having to simplify or defend one's natural way "
              "of seeing.\n")
# From a copied real file (Commons-OS, a pattern on constraints and creativity): the body is the first of
# the frontmatter summary's two sentences, as the spec's one-sentence body summary allows.
CONSTRAINTS_FRONT = ("summary: 'Unlimited freedom is creatively paralyzing — meaningful constraints focus creative "
                     "energy, force novel solutions, and paradoxically produce more original work than "
                     "unconstrained exploration. This pattern covers the art of using constraints creatively: "
                     "setting artificial limits, accepting rather than fighting imposed constraints.'\n")
CONSTRAINTS_BODY = ("Unlimited freedom is creatively paralyzing — meaningful constraints focus creative energy, force "
                    "novel solutions, and paradoxically produce more original work than unconstrained exploration.\n")


@pytest.mark.parametrize("front, body", [
    (TRIBE_FRONT, TRIBE_BODY),
    (CONSTRAINTS_FRONT, CONSTRAINTS_BODY),
    (CONSTRAINTS_FRONT, "> " + CONSTRAINTS_BODY.replace(".\n", "\n")),  # the first sentence without its period
    ("summary: >-\n  Open the books. Keep them open. Let everyone read them.\n", "> Open the books. Keep them open.\n"),
    ("summary: 'Is it open? Keep it so.'\n", "Is it open?\n"),
    # A folded line that ends in a hyphen: YAML reads `co- owned`, the author wrote `co-owned`.
    ("summary: >-\n  Value flows back as co-\n  owned value.\n", "> Value flows back as co-owned value.\n"),
    ("summary: Value flows back as co\u00adowned value.\n", "> Value flows back as coowned value.\n"),  # soft hyphen
    ("summary: Trust - slowly - built.\n", "> Trust – slowly – built.\n"),  # hyphen, en dash
    ("summary: Trust -- slowly built.\n", "> Trust—slowly built.\n"),
    ('summary: \'The "commons" is a verb …\'\n', "> The “commons” is a verb...\n"),
    ("summary: Read the ledger (all of it).\n", "> Read the [ledger](ledger.md) ( all of it ) .\n"),
], ids=["dash spacing", "first sentence", "no period", "two of three sentences", "question", "folded hyphen",
        "soft hyphen", "en dash", "double hyphen", "quotes and ellipsis", "link and spaces"])
def test_same_text_in_other_typography_or_its_first_sentences_is_fine(check, front, body):
    text = edit(edit(VALID, "summary: >-\n" + FRONT, front), SUMMARY, body)
    assert rows(check(text), NAME) == []


@pytest.mark.parametrize("body", [
    "> Unlimited freedom is creatively paralyzing — meaningful constraints focus creative energy.\n",
    "> Unlimited freedom is creatively paralyzing.\n",  # a sentence of the body, not of the frontmatter
], ids=["cut in the middle", "not a sentence of the frontmatter"])
def test_a_leading_part_that_is_not_a_whole_sentence_is_reported(check, body):
    text = edit(edit(VALID, "summary: >-\n" + FRONT, CONSTRAINTS_FRONT), SUMMARY, body)
    findings = [f for f in check(text) if f.name == NAME]
    assert rows(findings) == [(CODE, NAME, line_of(text, "> Unlimited freedom"))]


def test_an_edited_first_sentence_says_where_it_goes_another_way(check):
    # From a copied real file (Commons-OS, a pattern on deep work): the body goes on where the
    # frontmatter's first sentence ends.
    front = ("summary: 'The capacity for concentration is becoming rarer as attention fragments. This pattern "
             "explores how to protect blocks of deep work.'\n")
    body = "The capacity for concentration is becoming rarer as attention fragments across platforms and devices.\n"
    text = edit(edit(VALID, "summary: >-\n" + FRONT, front), SUMMARY, body)
    (finding,) = [f for f in check(text) if f.name == NAME]
    assert (finding.code, finding.line) == (CODE, line_of(text, "fragments across platforms"))
    assert ('(10 of the body\'s 14 words in common; after "as attention fragments" the body has "across '
            'platforms and devices." where `summary` has "This pattern explores how to protect …")') in finding.message


def test_a_difference_of_case_is_reported(check):
    text = edit(VALID, SUMMARY, SUMMARY.replace("A pattern", "a pattern"))
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "> a pattern"))]


def test_odd_summary_values_do_not_crash(check):
    for value in ("42", "[a, b]", "null", "''", "'.'", "'—'"):
        text = edit(VALID, "summary: >-\n" + FRONT, f"summary: {value}\n")
        check(text)


def test_body_without_a_summary_before_the_callout_is_fine(check):
    text = edit(VALID, SUMMARY + "\n", "")
    text = edit(text, "> A well-established, proven pattern.\n", "> A well-established, proven pattern.\n\nSomething else.\n")
    assert rows(check(text)) == []


def test_summary_after_a_level_1_title_is_compared(check):
    text = edit(VALID, SUMMARY, "# Transparent Ledger\n\n> A pattern for establishing collective trust.\n")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "> A pattern for establishing"))]
    assert rows(check(edit(VALID, SUMMARY, "# Transparent Ledger\n\n" + SUMMARY)), NAME) == []


def test_body_summary_longer_than_the_frontmatter_says_what_it_adds(check):
    text = edit(VALID, "> and financial records accessible to all relevant stakeholders.",
                "> and financial records accessible to all relevant stakeholders. And more.")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "> A pattern for establishing"))]
    assert 'the body goes on after the last word of `summary`: "And more."' in findings[0].message


# -- the fix (unsafe) -------------------------------------------------------------------------------


ONE_LINE = ("A pattern for establishing collective trust by making operational data and financial records "
            "accessible to all relevant stakeholders.")  # STANDALONE's folded `>-` summary as YAML reads it


def _left(path):
    return [(f["name"], f["fixable"]) for f in json.loads(cli("--format", "json", str(path))[1])["findings"]]


@pytest.mark.parametrize("body, fixed", [
    ("> A pattern for establishing collective trust.\n", f"> {ONE_LINE}\n"),
    ("> A pattern for establishing collective trust by making all data\n"
     "> and financial records accessible to all relevant stakeholders.\n", f"> {ONE_LINE}\n"),
    ("A pattern for establishing collective trust,\nby opening all the books.\n", f"{ONE_LINE}\n"),
], ids=["truncated", "two lines", "paragraph"])
def test_fix_copies_the_frontmatter_summary_only_with_unsafe_fixes(tmp_path, body, fixed):
    text = edit(STANDALONE, SUMMARY, body)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, True)]
    assert cli("--fix", str(path))[0] == 0
    assert path.read_bytes() == text.encode("utf-8")  # unsafe: --fix alone leaves it
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == edit(text, body, fixed).encode("utf-8")
    assert _left(path) == []


def test_fix_keeps_the_line_breaks_of_a_literal_summary(tmp_path):
    text = edit(STANDALONE, "summary: >-\n" + FRONT, "summary: |-\n  Open the books\n  to everyone.\n")
    text = edit(text, SUMMARY, "> Open the books.\n")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == edit(text, "> Open the books.\n", "> Open the books\n> to everyone.\n").encode("utf-8")
    assert _left(path) == []


def test_fix_is_unsafe(check):
    (finding,) = check(edit(VALID, SUMMARY, "> A pattern for establishing collective trust.\n"))
    assert finding.fixable and not finding.fix.safe
    assert finding.fix.title == "copy the frontmatter summary into the body"


@pytest.mark.parametrize("blank_lines", [2, 3])
def test_fix_of_a_summary_in_paragraphs_into_a_paragraph_is_written_once(tmp_path, blank_lines):
    # A folded summary with two or more blank lines between its paragraphs keeps a paragraph break;
    # copied line for line into a body paragraph it became two paragraphs, the first of which was then
    # "the summary" again: every run appended the last paragraph once more (5 times, one per round).
    gap = "\n" * (blank_lines + 1)
    text = edit(STANDALONE, "summary: >-\n" + FRONT, f"summary: >-\n  Open the books.{gap}  Keep them open.\n")
    text = edit(text, SUMMARY, "Open the books now.\n")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    cli("--fix", "--unsafe-fixes", str(path))
    once = path.read_bytes()
    assert once == edit(text, "Open the books now.\n", "Open the books.\nKeep them open.\n").encode("utf-8")
    assert _left(path) == []
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == once


def test_fix_keeps_the_trailing_white_space_of_the_line_it_replaces(tmp_path):
    text = edit(STANDALONE, SUMMARY, "> A pattern for establishing collective trust.   \n")
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == edit(text, "> A pattern for establishing collective trust.   \n",
                                     f"> {ONE_LINE}   \n").encode("utf-8")


@pytest.mark.parametrize("summary", ['"Open the books\\e[31m now."', '"Open the books\\r now."',
                                     '"Open the books\\u2028 now."'], ids=["ESC", "CR", "U+2028"])
def test_a_summary_with_control_characters_is_not_copied_into_the_body(check, summary):
    text = edit(STANDALONE, "summary: >-\n" + FRONT, f"summary: {summary}\n")
    text = edit(text, SUMMARY, "> Open the books.\n")
    (finding,) = [f for f in check(text) if f.name == NAME]
    assert finding.fix is None and not finding.fixable


@pytest.mark.parametrize("summary, body", [
    ("|-\n  # Open\n  the books.\n", "Open the books now.\n"),
    ("|-\n  Open the books:\n  - all of them\n", "Open the books now.\n"),
    ("|-\n  Open the books.\n\n  ```\n  code\n  ```\n", "Open the books now.\n"),
], ids=["heading", "list", "code"])
def test_a_summary_the_body_would_read_as_other_blocks_is_not_copied(tmp_path, summary, body):
    # Copied into the body's paragraph, it became a heading and a paragraph (or a paragraph and a
    # list): the summary was then one of them, never equal, and every round copied it again.
    # (In a blockquote, which holds a list or code, the same summaries are copied: see above.)
    text = edit(STANDALONE, "summary: >-\n" + FRONT, f"summary: {summary}")
    text = edit(text, SUMMARY, body)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    assert _left(path) == [(NAME, False)]
    code, out = cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == text.encode("utf-8") and "fix-not-applied" not in out


def test_words_joined_by_a_dash_are_quoted_as_written_and_counted_as_two(check):
    # Real (corpus-sample institutional-power-demystification.md, issue 19 reviews): "works—decision-making"
    # is two words to a reader, and is quoted without an added space.
    from lint.reconcile import compare_summary

    found = compare_summary("how power actually works—decision-making, resource allocation and influence.",
                            "how power works: understand decision-making, resource allocation and influence.", "summary")
    assert (found.shared, found.body_words, found.front_words) == (8, 9, 9)
    assert found.detail.startswith("8 of the body's 9 words in common")
    assert '"actually works—decision-making, resource allocation and …"' in found.detail
    assert "\x00" not in found.detail
