"""The progress line on standard error (lint/progress.py), and when the command line shows it."""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from helpers import load_generator
from lint import progress
from lint.cli import main
from lint.progress import Progress



generator = load_generator()


class Clock:
    """A clock the test moves (times are binary fractions, so differences are exact)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _at(clock: Clock, show: Progress, seconds: float, done: int, total: int) -> None:
    clock.now = 1000.0 + seconds
    show(done, total)


# --- Progress ---------------------------------------------------------------------------------------------------------


def test_nothing_is_written_in_the_first_half_second():
    clock, out = Clock(), io.StringIO()
    show = Progress(out, clock)
    _at(clock, show, 0.0, 1, 100)
    _at(clock, show, 0.25, 10, 100)
    _at(clock, show, 0.4375, 20, 100)
    assert out.getvalue() == ""
    _at(clock, show, 0.5, 30, 100)
    assert out.getvalue() == "\rchecked 30 of 100 files, 0.5 s"


def test_a_short_run_prints_nothing_even_when_it_finishes():
    clock, out = Clock(), io.StringIO()
    show = Progress(out, clock)
    _at(clock, show, 0.375, 100, 100)
    show.clear()
    assert out.getvalue() == ""


def test_redraws_at_most_ten_times_a_second_but_always_the_last():
    clock, out = Clock(), io.StringIO()
    show = Progress(out, clock)
    _at(clock, show, 0.5, 10, 100)
    _at(clock, show, 0.5625, 20, 100)  # 0.0625 s later: skipped
    assert out.getvalue() == "\rchecked 10 of 100 files, 0.5 s"
    _at(clock, show, 0.625, 30, 100)  # 0.125 s after the last drawing
    assert out.getvalue() == "\rchecked 10 of 100 files, 0.5 s\rchecked 30 of 100 files, 0.6 s"
    _at(clock, show, 0.6875, 100, 100)  # only 0.0625 s later, but the last: drawn
    assert out.getvalue().split("\r")[1:] == ["checked 10 of 100 files, 0.5 s", "checked 30 of 100 files, 0.6 s",
                                              "checked 100 of 100 files, 0.7 s"]


def test_a_shorter_line_covers_what_the_longer_one_left():
    clock, out = Clock(), io.StringIO()
    show = Progress(out, clock)
    _at(clock, show, 12.5, 999, 1000)
    _at(clock, show, 13.0, 5, 5)  # the total may shrink in a second pass (the library index): the line too
    first, second = out.getvalue().split("\r")[1:]
    assert first == "checked 999 of 1,000 files, 12.5 s"
    assert second == "checked 5 of 5 files, 13.0 s      "  # padded to the first line's length


def test_numbers_have_thousands_separators():
    clock, out = Clock(), io.StringIO()
    show = Progress(out, clock)
    _at(clock, show, 2.125, 1200, 1234567)
    assert out.getvalue() == "\rchecked 1,200 of 1,234,567 files, 2.1 s"


def test_clear_erases_the_line():
    clock, out = Clock(), io.StringIO()
    show = Progress(out, clock)
    _at(clock, show, 1.0, 5, 100)
    line = "checked 5 of 100 files, 1.0 s"
    show.clear()
    assert out.getvalue() == "\r" + line + "\r" + " " * len(line) + "\r"
    show.clear()  # already clear: nothing more
    assert out.getvalue() == "\r" + line + "\r" + " " * len(line) + "\r"


def test_clear_writes_nothing_when_nothing_was_drawn():
    out = io.StringIO()
    Progress(out, Clock()).clear()
    assert out.getvalue() == ""


# --- The command line -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A generated library of 100 patterns, some with defects."""
    path = tmp_path_factory.mktemp("progress") / "lib"
    generator.generate(100, os.fspath(path), seed=5)
    return os.fspath(path)


@pytest.fixture(scope="module")
def plain(folder):
    """(exit code, report) of the library checked with the standard error the tests have (no terminal)."""
    return _lint(folder)


@pytest.fixture
def immediate(monkeypatch):
    """The progress line drawn from the start (no half-second delay), so any run would show it."""
    monkeypatch.setattr(progress, "DELAY", 0)


def _lint(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv) + ["--no-cache"], stdout=out), out.getvalue()  # no cache: every file is checked


def _with_terminal(monkeypatch, *argv: str) -> tuple[int, str, str]:
    """(exit code, report, standard error) with a standard error that says it is a terminal."""
    err = Terminal()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stderr", err)
        code, out = _lint(*argv)
    return code, out, err.getvalue()


def test_shown_on_a_terminal_and_erased_before_the_report(folder, plain, immediate, monkeypatch):
    code, out, err = _with_terminal(monkeypatch, folder)
    line = "checked 100 of 100 files, "
    assert line in err
    assert err.startswith("\rchecked ")
    last = err.rstrip().split("\r")[-1]
    assert last.startswith(line) and last.endswith(" s")
    width = len(err.rstrip(" \r").split("\r")[-1])
    assert err.endswith("\r" + " " * width + "\r")  # erased
    assert "\r" not in out and "checked " not in out
    # the report is the one written without a terminal
    assert (code, out) == plain
    assert "Checked 100 files: 100 patterns, 0 skipped (not patterns)" in out


def test_a_run_on_one_file_says_it_is_indexing_the_library(folder, immediate, monkeypatch):
    one = os.path.join(folder, sorted(os.listdir(folder))[0])
    code, out, err = _with_terminal(monkeypatch, one)
    assert "indexed 99 of 99 library files, " in err
    assert "checked 99" not in err
    assert "Checked 1 file:" in out


def test_not_shown_when_standard_error_is_not_a_terminal(folder, plain, immediate, capsys):
    code, out = _lint(folder)
    assert "Checked 100 files" in out
    assert (code, out) == plain and code == 1
    assert "checked" not in capsys.readouterr().err


def test_not_shown_with_quiet(folder, plain, immediate, monkeypatch):
    code, out, err = _with_terminal(monkeypatch, folder, "--quiet")
    assert err == ""
    _, loud = plain
    findings = [line for line in loud.splitlines() if line.startswith(folder)]
    assert len(findings) >= 3
    assert out.splitlines() == findings  # findings only: no summary, no count of fixes
    assert "\nChecked 100 files: " in loud
    assert out == loud[:loud.index("\nChecked 100 files: ")]
    assert "Checked" not in out and "fixable with --fix." not in out
    assert code == 1


def test_quiet_with_no_findings_prints_nothing(tmp_path):
    generator.generate(3, os.fspath(tmp_path / "clean"), defects=False)
    code, loud = _lint(os.fspath(tmp_path / "clean"))
    assert (code, loud) == (0, "Checked 3 files: 3 patterns, 0 skipped (not patterns); 0 errors, 0 warnings.\n")
    assert _lint(os.fspath(tmp_path / "clean"), "--quiet") == (0, "")


def test_not_shown_with_another_report_format(folder, immediate, monkeypatch):
    code, out, err = _with_terminal(monkeypatch, folder, "--format", "json")
    assert err == ""
    report = json.loads(out)  # nothing but the report on standard output
    assert code == 1 and report


def test_shown_only_after_the_delay(folder, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 3600)  # no run takes an hour: nothing drawn, nothing to erase
    code, out, err = _with_terminal(monkeypatch, folder)
    assert err == ""
    assert "Checked 100 files" in out
