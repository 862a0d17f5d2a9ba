"""Reporters: turn a run's result into text for a person, or a format a tool reads. Looked up by name."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, TextIO

if TYPE_CHECKING:
    from ..runner import Result


@dataclass
class Context:
    """What a reporter may want beyond the findings."""

    terminal: bool = False  # standard output is a terminal: show source lines and carets
    colour: bool = False
    quiet: bool = False  # findings only: no summary
    fail_on: str = "error"  # the lowest severity that fails the run (`--fail-on`): JUnit fails only those


class _Reporters(dict):
    """Report format -> its `write(result, out, context)`. Each reporter module is imported when it
    is used: junit's xml.sax pulls in urllib, 25 ms a one-file pre-commit run need not pay."""

    def __getitem__(self, name: str) -> Callable[["Result", TextIO, Context], None]:
        return importlib.import_module(f"{__name__}.{super().__getitem__(name)}").write


REPORTERS = _Reporters({name: name for name in ("text", "json", "github", "sarif", "junit", "markdown", "gitlab")})


class Buffer:
    """Text for `out`, written a few thousand pieces at a time: a write per line costs more than the
    rest of a report of 10,000 findings, and the whole report at once would hold it all in memory."""

    def __init__(self, out: TextIO, pieces: int = 2_000) -> None:
        self.out, self.pieces, self.parts = out, pieces, []

    def append(self, text: str) -> None:
        self.parts.append(text)
        if len(self.parts) >= self.pieces:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.parts))
        self.parts.clear()


def context_for(out: TextIO) -> Context:
    terminal = bool(getattr(out, "isatty", lambda: False)())
    return Context(terminal=terminal, colour=colour_wanted(terminal))


def colour_wanted(terminal: bool) -> bool:
    """Colour on a terminal; never with NO_COLOR (no-color.org: set and not empty); forced elsewhere (a CI
    log, a pager) with FORCE_COLOR or CLICOLOR_FORCE set, not empty and not `0` (the order CPython's
    own colour output follows: NO_COLOR first)."""
    if os.environ.get("NO_COLOR"):
        return False
    if any(os.environ.get(name, "0") not in ("", "0") for name in ("FORCE_COLOR", "CLICOLOR_FORCE")):
        return True
    return terminal

