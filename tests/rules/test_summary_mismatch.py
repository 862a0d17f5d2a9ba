"""summary-mismatch: odd values that must not crash, the fix on the whole run and its title; the cases are
data in tests/cases/body.yaml (with one of the fixes)."""

import json

import pytest

from helpers import STANDALONE, VALID, cli, edit

NAME = "summary-mismatch"
SUMMARY = ("> A pattern for establishing collective trust by making operational data\n"
           "> and financial records accessible to all relevant stakeholders.\n")
FRONT = ("  A pattern for establishing collective trust by making operational data\n"
         "  and financial records accessible to all relevant stakeholders.\n")


def test_odd_summary_values_do_not_crash(check):
    for value in ("42", "[a, b]", "null", "''", "'.'", "'—'"):
        text = edit(VALID, "summary: >-\n" + FRONT, f"summary: {value}\n")
        check(text)


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
