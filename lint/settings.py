"""Settings: what a run does, from the command line and the configuration, fixed once made.

A `Settings` is never changed: a caller that wants another run with a different setting makes
a new one (`dataclasses.replace`). What a run works out as it goes (the rules selected, the
cache store, the progress display, whether the index needs other files' body links) is the
runner's own state (runner.py), not kept here. The two values derived from the configuration
that every file's check reads, `formats` and `file_size`, are worked out when it is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import document, formats as formats_module
from .config import Config


@dataclass(frozen=True)
class Settings:
    """Values given here (the command line) win over the configuration's."""

    config: Config = field(default_factory=Config)
    max_file_size: int | None = None
    debug: bool = False
    fail_on: str | None = None
    force_exclude: bool = False  # apply the configured excludes to files named explicitly too
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    cache_dir: str | None = None  # where results are kept between runs (cache.py); None: not kept
    # Findings keep their fixes, to apply them (the command line: only with --fix or --diff). Such
    # findings cannot be cached or sent between processes: the run takes none from the cache, uses no workers.
    live_fixes: bool = True
    jobs: int | None = None  # worker processes; None: one per core when there are enough files
    keep_library: bool = False  # keep the library index in Result.library (the graph and report pages)
    # The text of the one path given, read from standard input (--stdin-filename): checked as that
    # file's content, against that file's library; the file need not exist.
    stdin: bytes | None = field(default=None, repr=False)
    rule_options: dict[str, Any] = field(default_factory=dict)

    # Worked out from the above when made (dataclasses.replace works them out again), before any
    # worker process is forked, so that every worker shares them:
    formats: tuple = field(init=False, repr=False, compare=False)  # the formats as the configuration adjusts them
    file_size: int = field(init=False, repr=False, compare=False)  # the largest file checked, in bytes

    def __post_init__(self) -> None:
        object.__setattr__(self, "formats", formats_module.configured(self.config))
        object.__setattr__(self, "file_size",
                           self.max_file_size or self.config.max_file_size or document.DEFAULT_MAX_FILE_SIZE)
