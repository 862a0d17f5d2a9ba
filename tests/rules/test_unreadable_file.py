import os

import pytest
from helpers import STANDALONE as VALID, rows

from lint import document
from lint.runner import run

NAME = "unreadable-file"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


def test_folder_named_like_a_pattern_is_walked_not_reported(tmp_path):
    # Any folder is a folder to search, whatever its name: its patterns are checked.
    folder = tmp_path / "x.md"
    folder.mkdir()
    (folder / "broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    findings = run([os.fspath(folder)]).findings
    assert rows(findings) == [("PL103", "yaml-syntax", 3)]  # the parser ran into the closing `---`


def test_reader_reports_a_folder_instead_of_reading_it(tmp_path):
    folder = tmp_path / "x.md"
    folder.mkdir()
    doc = document.load(os.fspath(folder))
    assert [(name, p.line, p.column) for name, p in doc.problems] == [(NAME, 1, 1)]
    assert doc.text is None


@needs_fifo
def test_fifo_passed_explicitly_is_reported_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    findings = run([os.fspath(fifo)]).findings
    assert rows(findings) == [("PL001", NAME, 1)]
    assert "not a regular file" in findings[0].message


@needs_fifo
def test_fifo_found_while_walking_a_folder_is_reported(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "transparent-ledger.md").write_text(VALID, encoding="utf-8")
    findings = run([os.fspath(tmp_path)]).findings
    assert [(os.path.basename(f.path), f.code, f.line) for f in findings] == [("pipe.md", "PL001", 1)]


def test_dangling_symlink_is_reported_as_unreadable(tmp_path):
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "missing.md")
    findings = run([os.fspath(link)]).findings
    assert rows(findings) == [("PL001", NAME, 1)]
    assert "cannot read the file" in findings[0].message


def test_regular_file_is_readable(check):
    assert rows(check(VALID), NAME) == []
