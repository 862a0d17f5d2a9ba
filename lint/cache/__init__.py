"""What a run keeps for the next one (as ruff does): per file, its findings and what the library
index needs from it.

Each file's entry is keyed by its content hash, the linter's version with its format
definitions, and the resolved configuration (`salt`); its findings also by the rules that ran
(`rules`). A file whose size, modification and change times, inode and device are those recorded
is not read again (as git does); otherwise its bytes are hashed, and an unchanged hash still
reuses the entry. Library rules' findings (dangling links, duplicate ids, reciprocal links,
cycles) are kept too, under a digest of every library file's path and hash and of the files
checked: they are taken as they are only when nothing in the library changed. Otherwise library
rules run again, on the index rebuilt from the entries' records, so a warm run still reports
every dangling link after a file elsewhere changed.

For a run over a few files of a large library, what is left is the library's state: every
file's stamp (size, times, inode, device, hash) is kept as one packed snapshot plus the rows
written since it (a write counter tells whether the snapshot still matches the table), the
library's listing is kept with each folder's time and reused while none changed, and the files
are stat-ed in two processes.

The cache is an SQLite database (the standard library's sqlite3) in a folder holding a
`.gitignore` of `*`, so it never shows up in `git status`. Beside each file's entry it keeps
the names a link may use for the file and the names its links use (`refs`), so a run over a
few files of a large library loads only the records of their neighbourhood
(neighbourhood.index_of). A run's writes are kept until the end (or until the neighbourhood is
looked up) and made in one short transaction: a changed file rewrites its own rows, not the
whole cache.

Nothing read from it is believed unchecked. Every row carries BLAKE2b checksums of its values,
bound to its key and to the content hash of the file it describes, and every value is checked
for its type and shape before use: a row that fails is dropped and worked out again from the
file, and rewritten by the run that found it. The lookups by name, whose answer is also what
they do not return, are checked per bucket of names: `refs` rows fall into 65,536 buckets by
their name, and `digests` keeps each bucket's XOR of its rows' hashes, so a row lost, changed
or added shows as a bucket that does not add up; the run then loads the whole library instead
and rebuilds the lookup rows. The snapshot carries its own checksum, the listing one per row,
and the rows of files removed since the snapshot (`gone`) an XOR kept in `meta`. A database
SQLite itself finds damaged (or whose schema no longer works) is deleted and made again by the
next run. A cache that is missing, unreadable, not a database, from another version of
pattern-lint or written for another configuration is ignored and rewritten; a folder that
cannot be written, or a database another run keeps locked, just means no cache.

The package: `store` (the Cache a run talks to), `database` (the SQLite file, its layout and its
failures), `stamps` (the stamps, their snapshot and the forked stat), `lookups` (the lookup rows by
name), `listing` (the library's listing), `records` (what is kept of a file, as JSON, and the checks
of what is read back), `keys` and `sums` (how files are named and values checked). The files are
read by lint.files, the one reader of the program.
"""

from __future__ import annotations

import os

from .database import FILE_NAME, LAYOUT, version
from .keys import key_of, keys_of
from .records import IDENTITY_KEYS, Decoder, identity_of, record_of, results_of
from .stamps import stamp_of, stat
from .store import Cache, Cached

FOLDER_NAME = ".pattern-lint-cache"

__all__ = ["FILE_NAME", "FOLDER_NAME", "IDENTITY_KEYS", "LAYOUT", "Cache", "Cached", "Decoder", "default_folder",
           "identity_of", "key_of", "keys_of", "record_of", "results_of", "stamp_of", "stat",
           "version"]


def default_folder(library_root: str | None) -> str:
    """$PATTERN_LINT_CACHE_DIR, else `.pattern-lint-cache` in the library's root folder."""
    return os.environ.get("PATTERN_LINT_CACHE_DIR") or os.path.join(library_root or ".", FOLDER_NAME)
