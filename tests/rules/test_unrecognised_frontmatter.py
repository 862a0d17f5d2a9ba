import pytest

from helpers import STANDALONE, edit, line_of, rows

NAME = "unrecognised-frontmatter"
CODE = "PL111"
BOM = b"\xef\xbb\xbf"

# Near misses of a pattern's frontmatter: the text before it, and the line its finding is on.
NEAR_MISSES = {
    "a blank line before ---": ("\n", 2),
    "three blank lines before ---": ("\n  \n\n", 4),
    "a space before ---": (" ", 1),
    "a tab before ---": ("\t", 1),
    "a zero-width space before ---": ("\u200b", 1),
    "a word joiner before ---": ("\u2060", 1),
}


@pytest.mark.parametrize("before, line", NEAR_MISSES.values(), ids=NEAR_MISSES)
def test_frontmatter_that_does_not_open_the_file_is_reported(check, before, line):
    findings = check(before + STANDALONE)
    assert rows(findings) == [(CODE, NAME, line)]
    assert findings[0].column == 1 and findings[0].severity == "error"
    assert "make the file's first line exactly `---`" in findings[0].message


def test_a_doubled_byte_order_mark_is_reported_with_the_first_one(check):
    findings = check(BOM + BOM + STANDALONE.encode())
    assert rows(findings) == [("PL004", "byte-order-mark", 1), (CODE, NAME, 1)]
    assert "a second byte order mark (U+FEFF)" in findings[1].message


def test_the_message_names_the_invisible_character(check):
    (finding,) = check("\u200b" + STANDALONE)
    assert "an invisible character (U+200B ZERO WIDTH SPACE) comes before `---`" in finding.message


def test_a_blank_line_is_named_in_the_message(check):
    (finding,) = check("\n" + STANDALONE)
    assert "a blank line comes before `---`" in finding.message


@pytest.mark.parametrize("opening, closing", [("----", "---"), ("----", "----"), ("-----", "-----")])
def test_four_dashes_are_not_a_delimiter(check, opening, closing):
    text = edit(edit(STANDALONE, "---\n", opening + "\n"), 'cloudsters.net"\n---\n', f'cloudsters.net"\n{closing}\n')
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, 1)]
    assert f"the opening line is `{opening}`, not `---`" in findings[0].message


def test_an_invisible_character_after_the_opening_dashes_is_reported(check):
    findings = check("---\u200b" + STANDALONE[3:])
    assert rows(findings) == [(CODE, NAME, 1)]
    assert "follows `---`" in findings[0].message


@pytest.mark.parametrize("after", ["\ufeff", " \ufeff", "\u200b\ufeff"])
def test_a_byte_order_mark_after_the_opening_dashes_is_reported(check, after):
    """Found by tests/test_fuzz.py: a U+FEFF after `---` (not before it) was an internal error."""
    findings = check("---" + after + STANDALONE[3:])
    assert rows(findings) == [(CODE, NAME, 1)]
    assert "follows `---`" in findings[0].message


def test_a_near_miss_still_counts_as_a_pattern_of_the_library(library, tmp_path):
    """Links to it resolve under its file name, as for any pattern whose frontmatter cannot be read."""
    from helpers import pattern

    files = {"alpha.md": pattern("alpha", "pat_01khvcxczrfztsmcf9fgrgy593", "  enables: [beta]\n"),
             "beta.md": "\n" + pattern("beta", "pat_01khvcxd2eemjtdcran0mzqtv1")}
    findings = library(files)
    assert [(f.path.rsplit("/", 1)[-1], f.code, f.line) for f in findings] == [("beta.md", CODE, 2)]


# Files that are not patterns: never reported.
NOT_PATTERNS = {
    "README.md": "---\n\nA library of patterns. Each file is one pattern, with its id: and slug:.\n",
    "notes.md": "\n---\n\nNotes that open with a thematic break after a blank line.\n",
    "rule.md": "----\n\nProse under a long rule; it mentions an id: in passing.\n",
    "_index.md": "\n---\ntitle: Patterns\nweight: 3\n---\n\nThe section's page.\n",
    "indented.md": "  ---\ntitle: A page\n---\n",
    "plain.md": "# A heading\n\nslug: not frontmatter, a line of prose\n",
    "dashes-only.md": "\u200b---\n",
}


@pytest.mark.parametrize("name", NOT_PATTERNS)
def test_files_that_are_not_patterns_are_skipped_silently(check, name):
    assert check(NOT_PATTERNS[name], name=name) == []


def test_frontmatter_in_its_place_is_fine(check):
    assert rows(check(STANDALONE), NAME) == []
