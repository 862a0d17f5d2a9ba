"""The document model: where the frontmatter and body are, and the position of every key and value."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from helpers import VALID, line_of
from lint import document, files, yamlnodes


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "transparent-ledger.md"
    path.write_text(VALID, encoding="utf-8")
    return document.load(str(path))


def test_frontmatter_and_body_lines(doc):
    assert doc.is_pattern and doc.has_frontmatter
    assert doc.frontmatter_line == 2
    assert doc.frontmatter_end_line == line_of(VALID, "---", 2)
    assert doc.body_line == doc.frontmatter_end_line + 1
    assert doc.body.split("\n")[line_of(VALID, "### Section 1") - doc.body_line] == "### Section 1: Context"


def test_positions_of_keys_and_values(doc):
    confidence = doc.positions[("lifecycle", "confidence")]
    assert (confidence.key_line, confidence.key_column) == (line_of(VALID, "confidence: 3"), 3)
    assert (confidence.line, confidence.column) == (line_of(VALID, "confidence: 3"), 15)
    entry = doc.positions[("relationships", "requires", 0, "id")]
    assert entry.line == line_of(VALID, "- id: pat_01khvcxczrfztsmcf9fgrgy593")
    assert doc.position(("relationships", "enables", 0)) == (line_of(VALID, "- slug: participatory-budgeting"), 7)


def test_position_of_an_absent_path_falls_back_to_its_nearest_ancestor(doc):
    assert doc.position(("lifecycle", "nothing", "deeper")) == (line_of(VALID, "lifecycle:") + 1, 3)


def test_values_are_plain_json_data(doc):
    assert doc.get("graph_garden", "last_pruned") == "2026-02-17"  # the text as written, not a date object
    assert doc.get("lifecycle", "version") == 1.2
    assert doc.get("relationships", "enables", 0, "weight") == 0.8
    assert doc.get("nothing", default="d") == "d"


def test_pure_python_parser_gives_the_same_result(monkeypatch, tmp_path, doc):
    monkeypatch.setattr(yamlnodes, "_Loader", yaml.SafeLoader)
    path = tmp_path / "again.md"
    path.write_text(VALID, encoding="utf-8")
    again = document.load(str(path))
    assert again.frontmatter == doc.frontmatter
    assert {p: (l.line, l.column, l.key_line, l.key_column) for p, l in again.positions.items()} == \
           {p: (l.line, l.column, l.key_line, l.key_column) for p, l in doc.positions.items()}


def test_files_without_frontmatter_or_identity_keys_are_skipped_silently(check):
    assert check("# A bundle README\n\nText.\n", name="README.md") == []
    assert check("---\ntitle: Patterns\ntype: section\n---\n", name="_index.md") == []
    assert check("---\n---\nbody\n", name="empty-frontmatter.md") == []


def test_a_closing_delimiter_may_have_trailing_spaces(check):
    text = VALID.replace("---\n", "--- \n", 2)
    assert check(text) == []


def test_unicode_line_separators_do_not_shift_positions(tmp_path):
    # libyaml counts U+2028 as a line break; editors and we count "\n" only.
    text = VALID.replace('title: "Transparent Ledger"', 'title: "Transparent\u2028Ledger"')
    path = tmp_path / "transparent-ledger.md"
    path.write_text(text, encoding="utf-8")
    doc = document.load(str(path))
    assert doc.positions[("lifecycle", "confidence")].line == line_of(text, "confidence: 3")
    assert doc.get("title") == "Transparent\u2028Ledger"


# --- reading a file within the size limit --------------------------------------------------------------


class Growing:
    """A file whose size says `said` bytes while it holds `data` (it grew after the stat), read in
    pieces of at most `piece` bytes; records the sizes asked for."""

    def __init__(self, data: bytes, said: int, piece: int = 1 << 16):
        self.data, self.said, self.piece, self.asked, self.at = data, said, piece, [], 0

    def fileno(self):
        return 0

    def read(self, size: int) -> bytes:
        self.asked.append(size)
        out = self.data[self.at:self.at + min(size, self.piece)]
        self.at += len(out)
        return out


@pytest.mark.parametrize("length", [0, 1, 99, 100, 101, 5000])
def test_read_at_most_gives_the_file_or_one_byte_more_than_the_limit(tmp_path, length):
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * length)
    with open(path, "rb") as handle:
        assert files.read_at_most(handle, 100) == b"x" * min(length, 101)


@pytest.mark.parametrize("length", [50, 100, 101, 3 << 20])
def test_read_at_most_follows_a_file_that_grew_since_its_size_was_taken(monkeypatch, length):
    import os

    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((0o100644, 0, 0, 1, 0, 0, 10, 0, 0, 0)))
    grown = Growing(b"y" * length, 10)
    limit = 2 << 20
    assert files.read_at_most(grown, limit) == b"y" * min(length, limit + 1)
    assert max(grown.asked) <= files.READ_CHUNK


def test_read_at_most_never_asks_for_the_limit(monkeypatch):
    import os

    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((0o100644, 0, 0, 1, 0, 0, 1000, 0, 0, 0)))
    small = Growing(b"z" * 1000, 1000)
    assert files.read_at_most(small, 1 << 30) == b"z" * 1000
    assert max(small.asked) == 1001


@given(st.lists(st.sampled_from(["---", "--- ", "---\t", "----", " ---", "-- -", "a", "", "\t", "---\x0c", "---\u2028",
                                 "\x0b", "\u0085", "---\x1c"]), min_size=1, max_size=8))
def test_closing_delimiter_found_as_the_lines_read_it(lines):
    """The closing `---` is found with one search of the text: the same line as testing each line."""
    text = "\n".join(lines)
    first_break = text.find("\n")
    expected = next((i for i in range(1, len(lines)) if document._is_delimiter(lines[i])), None)
    assert document._closing_line(text, first_break) == expected
