"""A progress line on standard error for long runs: `checked 1,200 of 3,600 files, 2.1 s` (and
`indexed 2,999 of 2,999 library files, 1.2 s` while a run on a few files reads the rest of the library).

Shown only when standard error is a terminal, the report is text and `--quiet` is not given
(the command line decides); it appears after half a second, so short runs print nothing, is
redrawn at most ten times a second, and is erased before the report is written.
"""

from __future__ import annotations

import time
from typing import TextIO

DELAY = 0.5
INTERVAL = 0.1


class Progress:
    def __init__(self, stream: TextIO, clock=time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.drawn_at = 0.0
        self.width = 0

    def __call__(self, done: int, total: int, what: str = "checked", noun: str = "files") -> None:
        now = self.clock()
        if now - self.started < DELAY or (now - self.drawn_at < INTERVAL and done < total):
            return
        self.drawn_at = now
        line = f"{what} {done:,} of {total:,} {noun}, {now - self.started:.1f} s"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
