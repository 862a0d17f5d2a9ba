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
(runner._neighbourhood). A run's writes are kept until the end (or until the neighbourhood is
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
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import sqlite3
import stat as stat_module
import struct
import sys
import time
import zlib
from array import array
from operator import itemgetter
from typing import Any, Iterable, NamedTuple

from . import SCHEMAS_DIR, __version__
from .discovery import absolute
from .document import Document, read_at_most
from .findings import Finding
from .records import IDENTITY_KEYS

FILE_NAME = "cache.sqlite"
LAYOUT = 7  # of the tables below and of the records: a cache of another layout is made again
FOLDER_NAME = ".pattern-lint-cache"
_IDENTITY_SET = frozenset(IDENTITY_KEYS)
# (names and links: the lookup tables of layout 6, dropped with the rest)
_TABLES = ("files", "refs", "digests", "library", "gone", "snapshot", "listing", "names", "links")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (key BLOB PRIMARY KEY, size INTEGER, mtime INTEGER, hash TEXT, pattern INTEGER,
                                  record TEXT, results TEXT, identity TEXT, whole INTEGER, generation INTEGER,
                                  ctime INTEGER, inode INTEGER, device INTEGER, stamp_sum BLOB, record_sum BLOB,
                                  results_sum BLOB, identity_sum BLOB);
CREATE TABLE IF NOT EXISTS refs (bucket INTEGER, key BLOB, name BLOB, type BLOB);
CREATE TABLE IF NOT EXISTS digests (bucket INTEGER PRIMARY KEY, total INTEGER);
CREATE TABLE IF NOT EXISTS library (key BLOB PRIMARY KEY, findings TEXT, used INTEGER, sum BLOB);
CREATE TABLE IF NOT EXISTS gone (key BLOB, generation INTEGER);
CREATE TABLE IF NOT EXISTS snapshot (generation INTEGER, stamps BLOB);
CREATE TABLE IF NOT EXISTS listing (key TEXT PRIMARY KEY, folders TEXT, paths BLOB, keys BLOB, sum BLOB);
CREATE INDEX IF NOT EXISTS files_by_generation ON files (generation);
CREATE INDEX IF NOT EXISTS refs_by_bucket ON refs (bucket);
CREATE INDEX IF NOT EXISTS refs_by_key ON refs (key);
"""
# A stamp as the files table holds it (the columns in the order of a stamp in `Cache.stamps`)
_STAMPS = "SELECT key, size, mtime, hash, results IS NOT NULL, whole, pattern, ctime, inode, device FROM files"
_STAMPS_CHECKED = ("SELECT rowid, key, size, mtime, hash, results IS NOT NULL, whole, pattern, ctime, inode, device, "
                   "stamp_sum FROM files")
FLUSH_EVERY = 2000  # writes kept before they are made (a first run of 100,000 files need not hold them all)
LIBRARY_ROWS = 8  # library rules' findings kept, for as many sets of files checked
_CHUNK = 500  # values per `IN (...)`: SQLite allows at most 32,766 parameters
BUCKETS = 1 << 16  # of the lookup rows by name (about 23 rows a bucket at 100,000 files)
_U64 = (1 << 64) - 1
# SQLite's primary result codes that mean the database or its schema is damaged, not busy or unwritable:
# ERROR (its schema no longer works: `no such column`), CORRUPT, SCHEMA, TOOBIG, CONSTRAINT, MISMATCH,
# FORMAT, RANGE, NOTADB.
_DAMAGE_CODES = frozenset({1, 11, 17, 18, 19, 20, 24, 25, 26})


def _version() -> str:
    digest = hashlib.sha256()
    for spec in sorted(SCHEMAS_DIR.glob("*/*.json")):
        digest.update(spec.read_bytes())
    return f"{__version__}:{digest.hexdigest()[:16]}"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


_FS_ENCODING, _FS_ERRORS = sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()


def _key(path: str) -> bytes:
    # bytes: a file name need not be valid UTF-8 (os.fsencode, without its checks: 100,000 keys a run)
    return absolute(path).encode(_FS_ENCODING, _FS_ERRORS)


def _path(key: bytes) -> str:
    return key.decode(_FS_ENCODING, _FS_ERRORS)


def _blob(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # YAML's "\ud800" is a str SQLite's text cannot hold


# Checksums ------------------------------------------------------------------------------------------

def _sum(kind: bytes, *parts: bytes) -> bytes:
    """BLAKE2b of the parts, each with its length (no two different rows give the same input)."""
    h = hashlib.blake2b(kind, digest_size=16)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


_STAMP = struct.Struct("<qqqQQqq")  # size, mtime, ctime, inode, device, whole, is a pattern


def _stamp_sum(key: bytes, stamp: tuple) -> bytes:
    """Of a stamp's values as the files table keeps them (not "has results": other rules' runs clear
    the findings of every row at once; a row claiming findings it lacks fails their own checksum)."""
    size, mtime, hash_, _, whole, pattern, ctime, inode, device = stamp
    return _sum(b"s", key, _STAMP.pack(size, mtime, ctime, inode, device, int(whole), int(pattern)), hash_.encode())


def _small(value: bytes) -> int:
    return int.from_bytes(value[:8], "little", signed=True)


def _ref_hash(key: bytes, name: bytes, kind: bytes | None) -> int:
    """A lookup row's 64-bit hash (a file's name when `kind` is None, else a link of that type); one
    call, the lengths first (a first run hashes every link of every file)."""
    data = b"n%d:" % len(key) + key + name if kind is None else b"k%d:%d:" % (len(key), len(kind)) + key + kind + name
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def _gone_hash(key: bytes, generation: int) -> int:
    return _small(_sum(b"g", key, generation.to_bytes(8, "little", signed=True)))


def _bucket(name: bytes, kind: bytes | None) -> int:
    """A lookup row's bucket, by its name: a file's names and links fall in different buckets (a name
    many files link to fills its bucket, which a lookup of the files bearing a name need not read)."""
    return zlib.crc32(name, 0 if kind is None else 1) & (BUCKETS - 1)


def _signed(number: int) -> int:
    """An inode or device number (unsigned 64-bit) as SQLite's signed integer holds it."""
    return number - (1 << 64) if number >= 1 << 63 else number


def _payload_sum(kind: bytes, key: bytes, hash_: bytes, value: bytes) -> bytes:
    """Of a value of a files row, bound to the row's key and to the content hash of its file (one
    call: a warm run checks one per file). A key holds no NUL and a hash is 32 characters."""
    return hashlib.blake2b(b"".join((kind, key, b"\0", hash_, value)), digest_size=16).digest()


def payload_sums(key: bytes, hash_: bytes, record: bytes | None, results: bytes | None,
                 identity: bytes | None) -> tuple:
    """The checksums of a files row's record, findings and identity (None for a value that is None)."""
    return tuple(None if value is None else _payload_sum(kind, key, hash_, value)
                 for kind, value in ((b"r", record), (b"f", results), (b"i", identity)))


def _checked(value: Any, stored: Any, kind: bytes, key: bytes, hash_: bytes, valid) -> Any:
    """The JSON in `value` when its checksum is `stored` and `valid` accepts it, else None."""
    if type(value) is not bytes or type(stored) is not bytes or len(hash_) != _HASH \
            or _payload_sum(kind, key, hash_, value) != stored:
        return None
    try:
        loaded = json.loads(value)
    except (ValueError, RecursionError):
        return None
    return loaded if valid(loaded) else None


def _damage(exc: BaseException) -> bool:
    """Whether an error reading or writing the database says it is damaged (for good: it is made
    again), not busy, full or unwritable (then this run goes on without it)."""
    if isinstance(exc, OSError):
        return False
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        return isinstance(code, int) and code & 0xFF in _DAMAGE_CODES
    return True  # a value none of the checks foresaw: never believed again


class Cached(NamedTuple):
    """What the cache keeps of a file that still describes it (Cache.lookup)."""

    record: dict  # what the library index needs (record_of; records.from_data makes it a Record)
    results: dict | None  # its findings and suppression comments (results_of), when asked for

class Cache:
    def __init__(self, folder: str, config=None, rules: tuple = (), rule_options: dict | None = None) -> None:
        self.folder = folder
        self.path = os.path.join(folder, FILE_NAME)
        # Records depend on the format definitions and the configuration (formats per glob,
        # vocabularies); findings also on the rules that ran and their options.
        salt = json.dumps(config.as_dict() if config is not None else {}, sort_keys=True, default=str)
        self.salt = f"{_version()}:{LAYOUT}:{hashlib.sha256(salt.encode()).hexdigest()[:16]}"
        self.rules = hashlib.sha256(json.dumps([sorted(r.name for r in rules), rule_options or {}],
                                               sort_keys=True, default=str).encode()).hexdigest()[:16]
        # key -> (size, mtime_ns, hash, has results, record has the body's links, is a pattern,
        #         ctime_ns, inode, device)
        self.stamps: dict[bytes, tuple] = {}
        self.pending: list[tuple] = []  # writes not yet made (flush)
        # The database's write count (meta 'generation') that `stamps` is an exact copy of the files
        # table at; None once another run wrote between this run's load and its writes.
        self.generation: int | None = None
        self.snapshot_at: int | None = None  # the generation of the snapshot `stamps` was loaded from
        self.changes = 0  # rows written since that snapshot
        self._writing = 0  # the generation the transaction being written makes
        # Files whose row failed a check: never taken from the cache again this run, always written again
        self.damaged: set[bytes] = set()
        self.refs_damaged = False  # a bucket of lookup rows did not add up: they are made again
        self.failure: BaseException | None = None  # why the database was dropped, if it was
        self._buckets: dict[int, list[tuple]] = {}  # lookup rows checked this run, by bucket
        self._delta: dict[int, int] = {}  # per bucket, the XOR of the lookup rows the transaction writes
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._open()
        except (OSError, sqlite3.Error, ValueError) as exc:
            self.failure = exc
            self.db = None
        if self.db is not None:
            self._guard(self._load_stamps)
            if self.db is None and self.failure is not None and _damage(self.failure):
                # deleted as damaged: this run makes it again
                with contextlib.suppress(OSError, sqlite3.Error, ValueError):
                    self.db = self._open()
                    self._guard(self._load_stamps)

    def _open(self) -> sqlite3.Connection:
        os.makedirs(self.folder, exist_ok=True)
        ignore = os.path.join(self.folder, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as handle:
                handle.write("# Written by pattern-lint: its cache, never to be committed.\n*\n")
        try:
            return self._prepare(sqlite3.connect(self.path, timeout=10))
        except (sqlite3.DatabaseError, ValueError) as exc:  # (ValueError: an error message that is not UTF-8)
            if not _damage(exc):  # busy or unwritable: no cache this run, the next may have it
                raise
            self._delete()  # corrupt, or not a database at all: start again
            return self._prepare(sqlite3.connect(self.path, timeout=10))

    def _delete(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path + suffix)

    def _prepare(self, db: sqlite3.Connection) -> sqlite3.Connection:
        # Text comes back as bytes: a damaged value that is not UTF-8 is a value that fails its
        # checksum, not an error from the driver
        db.text_factory = bytes
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            meta = dict(db.execute("SELECT name, value FROM meta"))
            if meta.get(b"salt") != self.salt.encode():  # the salt names the tables' layout too: make them again
                db.executescript("".join(f"DROP TABLE IF EXISTS {table};" for table in _TABLES) + "DELETE FROM meta;")
                db.execute("INSERT INTO meta VALUES ('salt', ?), ('rules', ?)", (self.salt, self.rules))
                db.commit()
            db.executescript(_SCHEMA)  # (a table missing from a damaged cache is made again)
            if meta.get(b"salt") == self.salt.encode() and meta.get(b"rules") != self.rules.encode():
                # other rules ran: keep the records, not the findings
                db.execute("UPDATE files SET results = NULL, results_sum = NULL")
                db.execute("DELETE FROM library")
                db.execute("DELETE FROM snapshot")  # every stamp's "has results" changed
                db.execute("INSERT OR REPLACE INTO meta VALUES ('rules', ?)", (self.rules,))
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _load_stamps(self) -> None:
        """Every entry's stamp: the snapshot (one blob) and the rows written since it. Reading 100,000
        rows takes 0.3 s, a one-file pre-commit run's largest cost at that size; the snapshot, 0.1 s.
        A snapshot whose checksum fails, or whose `gone` rows do not add up, is not used."""
        db = self.db
        db.execute("BEGIN")  # one read transaction: the generation, the snapshot and the rows agree
        try:
            generation = self._generation()
            row = db.execute("SELECT generation, stamps FROM snapshot").fetchone()
            stamps = _unpack(row[1], row[0]) \
                if row is not None and type(row[0]) is int and 0 <= row[0] <= generation else None
            gone = self._gone_rows() if stamps is not None else None
            if stamps is None or gone is None:
                self.stamps = {}
                self._add_stamps(db.execute(_STAMPS_CHECKED))
                self.snapshot_at, self.changes = None, len(self.stamps)
            else:
                since = row[0]
                for key, at in gone:  # removed since, and perhaps written again later: rows come after
                    if at > since:
                        stamps.pop(key, None)
                self.stamps = stamps
                changes = self._add_stamps(db.execute(_STAMPS_CHECKED + " WHERE generation > ?", (since,)))
                self.snapshot_at, self.changes = since, len(gone) + changes
            self.generation = generation
        finally:
            db.commit()

    def _add_stamps(self, rows) -> int:
        """Put the stamps of the rows into `stamps`; a row that fails its checks is dropped (its file
        is then checked again, and written again). The number of rows read."""
        stamps, count, seen = self.stamps, 0, set()
        for row in rows:
            count += 1
            key, stamp = _stamp_of_row(row)
            if stamp is None or key in seen:  # (two rows for one key: neither can be told right)
                if type(key) is bytes:
                    stamps.pop(key, None)
                    self.damaged.add(key)
                self.pending.append((self._drop, (row[0], key)))
                continue
            seen.add(key)
            stamps[key] = stamp
        return count

    def _gone_rows(self) -> list[tuple] | None:
        """The rows of files removed since the snapshot, when their XOR is the one kept beside them."""
        rows = self.db.execute("SELECT key, generation FROM gone").fetchall()
        total = 0
        for key, generation in rows:
            if type(key) is not bytes or type(generation) is not int:
                return None
            total ^= _gone_hash(key, generation)
        return rows if total == self._meta_int("gone") else None

    def _meta_int(self, name: str) -> int | None:
        """An integer kept in `meta` (0 when there is none), or None when what is kept is no integer."""
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        if row is None:
            return 0
        try:
            value = int(row[0])
        except (TypeError, ValueError, OverflowError):
            return None
        return value if -(1 << 63) <= value < 1 << 63 else None

    def _generation(self) -> int:
        value = self._meta_int("generation")
        return value if value is not None and value >= 0 else 0

    def _guard(self, action, *args, default=None):
        """Run a database action; a database that fails now (locked by a long run elsewhere, a
        disk that filled up) is dropped for the rest of the run: no cache, no error. One that is
        damaged is also deleted, so that the next run makes it again. The stamps already loaded
        (each checked) are kept: they still tell which files changed, and how many are patterns."""
        if self.db is None:
            return default
        try:
            return action(*args)
        except (sqlite3.Error, OSError, ValueError, LookupError, TypeError, AttributeError, OverflowError,
                RecursionError, struct.error, MemoryError) as exc:
            self.failure = exc
            self.pending = []
            self.close()
            if _damage(exc):
                with contextlib.suppress(OSError):
                    self._delete()
            return default

    # An entry: [size, mtime_ns, hash, record, results or None]

    def fresh(self, path: str, max_size: int, want_results: bool, key: bytes | None = None,
              body_links: bool = True) -> bool:
        """Whether the cache still describes `path` (with its findings, when `want_results`; with its
        body's links, when `body_links`)."""
        key = key or _key(path)
        stamp = self.stamps.get(key)
        if stamp is None or key in self.damaged or (want_results and not stamp[3]) or (body_links and not stamp[4]):
            return False
        info = stat(path)
        if info is None or not stat_module.S_ISREG(info.st_mode) or info.st_size > max_size:
            return False
        if stamp[0] == info.st_size and stamp[1] == info.st_mtime_ns and stamp[6] == info.st_ctime_ns \
                and stamp[7] == info.st_ino and stamp[8] == info.st_dev:
            return True
        data = read(path, max_size)
        if data is None or digest(data) != stamp[2]:
            return False
        # Touched, not changed: believed when the file's row is the one the stamp was read from (a
        # stamp that outlived its row, or a row written since that this run did not see, is not).
        if not self._guard(self._row_holds, key, stamp, default=False):
            self.damaged.add(key)
            return False
        self.stamps[key] = touched = (info.st_size, info.st_mtime_ns, *stamp[2:6], info.st_ctime_ns, info.st_ino,
                                      info.st_dev)
        self.pending.append((self._touch, (key, touched)))
        return True

    def _row_holds(self, key: bytes, stamp: tuple) -> bool:
        row = self.db.execute(_STAMPS_CHECKED + " WHERE key = ?", (key,)).fetchone()
        return row is not None and _stamp_of_row(row) == (key, stamp)

    def stale(self, paths: dict[bytes, str], max_size: int, body_links: bool) -> list[str]:
        """The paths (by key) the cache does not describe any more (or does not have): `fresh` for
        every file of a library (a one-file run stats all 100,000 files). The files whose stamp
        differs are found first, in two processes for a large library; `fresh` then looks at those."""
        items = list(paths.items())
        out = []
        for index in _suspects(self.stamps, items, max_size, body_links):
            key, path = items[index]
            if not self.fresh(path, max_size, False, key=key, body_links=body_links):
                out.append(path)
        return out

    # The library's listing: a folder's entries change only with its modification time -------------

    def listing(self, roots: list[str]) -> tuple[list[str], list[bytes]] | None:
        """The files under `roots` as the last walk of them listed them, when no folder it walked
        has changed since (each is stat-ed: a file added, removed or renamed changes its folder's
        time). A 100,000-file folder is walked in 0.2-0.3 s; this takes a few milliseconds."""
        key = _listing_key(roots)
        row = self._guard(lambda: self.db.execute("SELECT folders, paths, keys, sum FROM listing WHERE key = ?",
                                                  (key,)).fetchone())
        if row is None:
            return None
        folders_json, paths_blob, keys_blob, stored = row
        if not all(type(value) is bytes for value in row) or \
                _sum(b"d", key.encode(), folders_json, paths_blob, keys_blob) != stored:
            return None  # damaged: walk again (and keep the new walk)
        try:
            folders = json.loads(folders_json)
            if type(folders) is not list:
                return None
            for folder in folders:
                if type(folder) is not list or len(folder) != 5 or type(folder[0]) is not str \
                        or not all(type(n) is int for n in folder[1:]):
                    return None
                info = os.stat(folder[0])  # (the change time too: a file added, then the time put back)
                if (info.st_mtime_ns, info.st_ino, info.st_dev, info.st_ctime_ns) != tuple(folder[1:]):
                    return None
            paths = paths_blob.decode(_FS_ENCODING, _FS_ERRORS).split("\0") if paths_blob else []
            keys = keys_blob.split(b"\0") if keys_blob else []
        except (OSError, ValueError, RecursionError):
            return None  # changed, gone or damaged: walk again
        return (paths, keys) if len(paths) == len(keys) else None

    def put_listing(self, roots: list[str], folders: list, paths: list[str], keys: list[bytes]) -> None:
        """Keep a walk's listing, unless a folder changed so recently that a change in the same tick
        of its clock would not show (as git's "racy" files) or was not a plain folder."""
        newest = time.time_ns() - RACY_NS
        if not folders or any(f is None or f[1] > newest for f in folders):
            return
        self.pending.append((self._put_listing, (_listing_key(roots), json.dumps(folders),
                                                 "\0".join(paths).encode(_FS_ENCODING, _FS_ERRORS), b"\0".join(keys))))

    def _put_listing(self, key: str, folders: str, paths: bytes, keys: bytes) -> None:
        self.db.execute("DELETE FROM listing")  # one library's listing is kept
        self.db.execute("INSERT INTO listing VALUES (?, ?, ?, ?, ?)",
                        (key, folders, paths, keys, _sum(b"d", key.encode(), folders.encode(), paths, keys)))

    def lookup(self, path: str, max_size: int, want_results: bool, body_links: bool = True) -> Cached | None:
        """The cached record (and results, with `want_results`) of `path` when they still describe the
        file, else None (a row that fails its checks too: the file is then checked again and its row
        written again)."""
        if not self.fresh(path, max_size, want_results, body_links=body_links):
            return None
        key = _key(path)
        row = self._guard(lambda: self.db.execute("SELECT record, record_sum, results, results_sum FROM files "
                                                  "WHERE key = ?", (key,)).fetchone())
        if self.db is None:
            return None
        hash_ = self.stamps[key][2].encode()
        record = _checked(row[0], row[1], b"r", key, hash_, valid_record) if row is not None else None
        results = _checked(row[2], row[3], b"f", key, hash_, valid_results) \
            if row is not None and want_results else None
        if record is None or (want_results and results is None):
            self.damaged.add(key)
            return None
        return Cached(record, results)

    def results(self, by_key: dict[bytes, str]) -> dict[str, dict]:
        """The cached findings and suppression comments of files (path by key) `fresh` said the cache
        describes, in one query (a warm run of 100,000 files makes one, not 100,000)."""
        out = {}
        rows = self._guard(self._many, "SELECT key, results, results_sum FROM files WHERE key IN (?*)",
                           list(by_key), default=[])
        for key, results, stored in rows:
            stamp = self.stamps.get(key) if type(key) is bytes else None
            if stamp is None or key not in by_key:
                continue
            value = _checked(results, stored, b"f", key, stamp[2].encode(), valid_results)
            if value is not None:
                out[by_key[key]] = value
        if self.db is not None:
            self.damaged.update(key for key, path in by_key.items() if path not in out)
        return out

    def is_pattern(self, key: bytes) -> bool:
        stamp = self.stamps.get(key)
        return bool(stamp and stamp[5])

    def library_key(self, listed: list[bytes], targets: list[bytes], roots: list[str]) -> bytes | None:
        """What library rules' findings on the files checked depend on: every library file's path and
        content (`listed`: their keys; with the salt and the rules, which the database already stands
        for), the files checked (`targets`: their keys) and the library's folders. None when a file has
        no entry (unreadable, too large, vanished)."""
        stamps = self.stamps
        entries = []
        for key in {*listed, *targets}:
            stamp = stamps.get(key)
            if stamp is None:
                return None
            entries.append(key + b"\0" + stamp[2].encode())
        entries.sort()
        digest_of = hashlib.blake2b(digest_size=16)
        digest_of.update(b"\n".join(entries))
        digest_of.update(b"\n\n" + b"\n".join(sorted(targets)))
        digest_of.update(b"\n\n" + b"\n".join(os.fsencode(root) for root in roots))
        # Library findings name files (theirs, and others' in messages) as this run's listing spells
        # them, relative to the folder it runs in: kept for runs from the same folder only.
        digest_of.update(b"\n\n" + os.fsencode(os.getcwd()))
        return digest_of.digest()

    def library_findings(self, key: bytes) -> list[Finding] | None:
        """Library rules' findings stored under `key` by an earlier run, or None (also for a row
        that fails its checks: the library rules run again and the row is written again)."""
        row = self._guard(lambda: self.db.execute("SELECT findings, sum FROM library WHERE key = ?",
                                                  (key,)).fetchone())
        if row is None or type(row[0]) is not bytes or type(row[1]) is not bytes or _sum(b"l", key, row[0]) != row[1]:
            return None
        try:
            value = json.loads(row[0])
        except (ValueError, RecursionError):
            return None
        if not valid_results(value) or any(f[4] is None for f in value["findings"]):
            return None
        return findings_from(value)

    def put_library(self, key: bytes, findings: list[Finding]) -> None:
        self.pending.append((self._put_library, (key, json.dumps(results_of(findings, []), separators=(",", ":")))))

    def _put_library(self, key: bytes, findings: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO library VALUES (?, ?, (SELECT COALESCE(MAX(used), 0) + 1 FROM "
                        "library), ?)", (key, findings, _sum(b"l", key, findings.encode())))
        # the latest few sets of files checked (the whole library, and a few pre-commit batches)
        self.db.execute("DELETE FROM library WHERE used <= (SELECT MAX(used) FROM library) - ?", (LIBRARY_ROWS,))

    def put(self, path: str, stamp: tuple, record: dict[str, Any], results: dict | None) -> None:
        """`stamp`: (size, mtime_ns, hash[, ctime_ns, inode, device]) of the bytes that were checked
        (stamp_of; without the last three, the next run reads the file to compare its hash)."""
        key = _key(path)
        stamp = (*stamp, 0, 0, 0) if len(stamp) == 3 else tuple(stamp)
        old = self.stamps.get(key)
        whole = bool(record.get("body_links", True))
        if results is None and old is not None and old[:3] == stamp[:3] and old[6:] == stamp[3:] \
                and old[4] >= whole and key not in self.damaged:
            return  # indexed again, unchanged: its row (with its findings, if any) still holds
        self.damaged.discard(key)
        self.stamps[key] = full = (*stamp[:3], results is not None, whole, bool(record.get("is_pattern")), *stamp[3:])
        self.pending.append((self._put, (key, path, full, record, results)))
        if len(self.pending) >= FLUSH_EVERY:
            self.flush()

    def _touch(self, key: bytes, stamp: tuple) -> None:
        size, mtime, hash_, _, _, _, ctime, inode, device = stamp
        self.db.execute("UPDATE files SET size = ?, mtime = ?, ctime = ?, inode = ?, device = ?, generation = ?, "
                        "stamp_sum = ? WHERE key = ? AND hash = ?",
                        (size, mtime, ctime, _signed(inode), _signed(device), self._writing, _stamp_sum(key, stamp),
                         key, hash_))

    def _put(self, key: bytes, path: str, stamp: tuple, record: dict, results: dict | None) -> None:
        size, mtime, hash_, _, whole, pattern, ctime, inode, device = stamp
        identity = identity_of(path, bool(record.get("is_pattern")), record.get("frontmatter"))
        # JSON (ASCII: non-ASCII characters escaped) kept as text, checked as its bytes
        record_json = json.dumps(record, separators=(",", ":"))
        results_json = json.dumps(results, separators=(",", ":")) if results is not None else None
        identity_json = json.dumps(identity) if identity is not None else None
        self.db.execute("INSERT OR REPLACE INTO files (key, size, mtime, hash, pattern, record, results, identity, "
                        "whole, generation, ctime, inode, device, stamp_sum, record_sum, results_sum, identity_sum) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (key, size, mtime, hash_, int(pattern), record_json, results_json, identity_json, int(whole),
                         self._writing, ctime, _signed(inode), _signed(device), _stamp_sum(key, stamp),
                         *payload_sums(key, hash_.encode(), *(None if text is None else text.encode()
                                                             for text in (record_json, results_json, identity_json)))))
        self._drop_refs(key)
        self._add_refs(key, _refs_of(path, record))

    def _drop(self, rowid: Any, key: Any) -> None:
        """A files row that failed its checks: gone, with its lookup rows; its file is indexed again."""
        self.db.execute("DELETE FROM files WHERE rowid = ? AND key IS ?", (rowid, key))
        if type(key) is bytes:
            self._drop_refs(key)
            self._gone([key])

    # The lookup rows (refs) and their buckets' digests ------------------------------------------------

    def _drop_refs(self, key: bytes) -> None:
        self._xor(key, self.db.execute("SELECT name, type FROM refs WHERE key = ?", (key,)).fetchall())
        self.db.execute("DELETE FROM refs WHERE key = ?", (key,))

    def _add_refs(self, key: bytes, refs: set[tuple]) -> None:
        self.db.executemany("INSERT INTO refs VALUES (?, ?, ?, ?)", [(_bucket(name, kind), key, name, kind)
                                                                    for name, kind in refs])
        self._xor(key, refs)

    def _xor(self, key: bytes, refs: Iterable[tuple]) -> None:
        delta = self._delta
        for name, kind in refs:
            if type(name) is bytes and (kind is None or type(kind) is bytes):  # (else its bucket will not add up)
                bucket = _bucket(name, kind)
                delta[bucket] = delta.get(bucket, 0) ^ _ref_hash(key, name, kind)

    def _apply_delta(self) -> None:
        if self._delta:
            self.db.executemany("INSERT INTO digests VALUES (?, ?) ON CONFLICT (bucket) DO UPDATE SET "
                                "total = (~(total & excluded.total)) & (total | excluded.total)", self._delta.items())
            self._delta = {}

    def _rebuild_refs(self, pending: list[tuple]) -> None:
        """Make every lookup row again from the records (after a bucket did not add up). A row whose
        record fails its checks is dropped: its lookup rows cannot be known, so its file must be
        indexed again. Files this transaction writes again are left to it."""
        db = self.db
        rewritten = {args[0] for action, args in pending if action == self._put}
        db.execute("DELETE FROM refs")
        db.execute("DELETE FROM digests")
        self._delta = {}
        spoilt = []
        for rowid, key, hash_, record, stored in db.execute("SELECT rowid, key, hash, record, record_sum FROM files"):
            if type(key) is bytes and key in rewritten:
                continue
            # (checked against the row's own hash: the lookup rows describe the row, whichever run wrote it)
            value = _checked(record, stored, b"r", key, hash_, valid_record) \
                if type(key) is bytes and type(hash_) is bytes else None
            if value is None:
                spoilt.append((rowid, key))
                continue
            self._add_refs(key, _refs_of(_path(key), value))
        for rowid, key in spoilt:
            self._drop(rowid, key)
            if type(key) is bytes:
                self.stamps.pop(key, None)

    def _checked_buckets(self, buckets: list[int]) -> dict[int, list[tuple]] | None:
        """The lookup rows of `buckets` (key, name, type), or None when one does not add up."""
        mine = not self.db.in_transaction
        if mine:  # one read transaction: the rows and the totals as one write left them
            self.db.execute("BEGIN")
        try:
            rows = self._many("SELECT rowid, key, name, type FROM refs WHERE bucket IN (?*)", buckets)
            kept = self._many("SELECT bucket, total FROM digests WHERE bucket IN (?*)", buckets)
        finally:
            if mine:
                self.db.commit()
        stored: dict[int, Any] = {}
        for bucket, total in kept:
            if bucket in stored:
                return None
            stored[bucket] = total
        out: dict[int, list[tuple]] = {bucket: [] for bucket in buckets}
        totals = dict.fromkeys(buckets, 0)
        seen = set()
        for rowid, key, name, kind in rows:
            if rowid in seen or type(key) is not bytes or type(name) is not bytes or \
                    (kind is not None and type(kind) is not bytes):
                return None
            seen.add(rowid)
            bucket = _bucket(name, kind)
            if bucket not in totals:
                return None
            totals[bucket] ^= _ref_hash(key, name, kind)
            out[bucket].append((key, name, kind))
        for bucket in buckets:
            total = stored.get(bucket, 0)
            if type(total) is not int or total != totals[bucket]:
                return None
        return out

    def _refs(self, names: Iterable[str], links: bool) -> list[tuple] | None:
        """The lookup rows of files bearing one of `names` (of links naming one, with `links`), or None
        when the cache cannot tell (it failed, or a bucket did not add up: then the lookup rows are
        made again when the run writes)."""
        wanted = {_blob(n) for n in names}
        buckets = {_bucket(name, b"" if links else None) for name in wanted}
        todo = sorted(buckets - self._buckets.keys())
        if todo:
            found = self._guard(self._checked_buckets, todo)
            if found is None:
                if self.db is not None:
                    self.refs_damaged = True
                return None
            self._buckets.update(found)
        return [row for bucket in buckets for row in self._buckets[bucket]
                if row[1] in wanted and (row[2] is not None) == links]

    def named(self, names: Iterable[str]) -> set[bytes] | None:
        """Keys of the files a link naming any of `names` may resolve to (None: the cache cannot tell)."""
        found = self._refs(names, links=False)
        return None if found is None else {key for key, _, _ in found}

    def linking_to(self, names: Iterable[str], types: Iterable[str] | None = None) -> set[bytes] | None:
        """Keys of the files with a link naming any of `names` (of one of `types`, when given)."""
        found = self._refs(names, links=True)
        if found is None:
            return None
        kinds = None if types is None else {_blob(t) for t in types}
        return {key for key, _, kind in found if kinds is None or kind in kinds}

    # The library, read on demand -------------------------------------------------------------------

    def _many(self, sql: str, values: list, extra: tuple = ()) -> list:
        out = []
        for start in range(0, len(values), _CHUNK):
            chunk = values[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            out += self.db.execute(sql.replace("(?*)", f"({marks})"), (*chunk, *extra)).fetchall()
        return out

    def records(self, keys: Iterable[bytes]) -> dict[bytes, dict]:
        """The records of `keys` that pass their checks (the others are damaged: index them again)."""
        keys = sorted(keys)
        out = {}
        for key, record, stored in self._guard(self._many, "SELECT key, record, record_sum FROM files WHERE key IN "
                                               "(?*)", keys, default=[]):
            stamp = self.stamps.get(key) if type(key) is bytes else None
            if stamp is not None:
                value = _checked(record, stored, b"r", key, stamp[2].encode(), valid_record)
                if value is not None:
                    out[key] = value
        if self.db is not None:
            self.damaged.update(key for key in keys if key not in out)
        return out

    def identities(self, keys: set[bytes]) -> tuple[list[tuple], set[bytes]]:
        """(slug, title, aliases) of the patterns among `keys` (for did-you-mean), and the patterns
        among them whose identity the cache cannot give (a row that fails its checks, or no cache)."""
        rows = self._guard(lambda: self.db.execute("SELECT key, identity, identity_sum FROM files "
                                                   "WHERE identity IS NOT NULL").fetchall(), default=[])
        stamps = self.stamps
        out, found = [], set()
        for key, identity, stored in rows:
            stamp = stamps.get(key) if type(key) is bytes else None
            if stamp is None or key not in keys or key in found:
                continue
            value = _checked(identity, stored, b"i", key, stamp[2].encode(), valid_identity)
            if value is not None:
                found.add(key)
                out.append((value[0], value[1], tuple(value[2])))
        missing = {key for key in keys if key not in found and self.is_pattern(key)}
        self.damaged.update(missing)
        return out, missing

    def patterns(self, keys: set[bytes]) -> int:
        stamps = self.stamps
        if len(keys) * 2 < len(stamps):
            return sum(1 for key in keys if key in stamps and stamps[key][5])
        # nearly every file (a one-file run asks for all the others): count them all, take off the rest
        outside = stamps.keys() - keys
        return sum(map(bool, map(_IS_PATTERN, stamps.values()))) - sum(1 for key in outside if stamps[key][5])

    def forget(self, alive: set[bytes]) -> None:
        """Drop the entries of files that are gone (or no longer part of the library)."""
        gone = [key for key in self.stamps if key not in alive]
        if gone:
            self.pending.append((self._forget, (gone,)))
            for key in gone:
                self.stamps.pop(key, None)

    def _forget(self, keys: list[bytes]) -> None:
        self._many("DELETE FROM files WHERE key IN (?*)", keys)
        for key in keys:
            self._drop_refs(key)
        self._gone(keys)

    def _gone(self, keys: list[bytes]) -> None:
        """Files whose rows went in this transaction, for runs that load an older snapshot; their XOR
        is kept in `meta`, so that a `gone` row lost does not go unnoticed."""
        self.db.executemany("INSERT INTO gone VALUES (?, ?)", [(key, self._writing) for key in keys])
        total = self._meta_int("gone")
        if total is not None:  # (a damaged total stays wrong: the snapshot is not used until it is written again)
            for key in keys:
                total ^= _gone_hash(key, self._writing)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('gone', ?)", (str(total),))

    def flush(self) -> None:
        """Write what this run has to write, as one short transaction: a run holds the database's
        write lock for milliseconds, not for the whole run, so runs side by side (pre-commit's
        parallel batches) do not wait for each other. A cache that cannot be written (read-only
        checkout, a full disk, a lock held too long) is simply not kept."""
        pending, self.pending = self.pending, []
        if (pending or self.refs_damaged) and self.db is not None:
            self._guard(self._write, pending)

    def _write(self, pending: list[tuple]) -> None:
        """One transaction, under the write lock from its start: the rows it writes carry the next
        generation, so that a later run finds them beside an older snapshot."""
        rebuilt = self.refs_damaged
        with self._locked() as db:
            generation = self._generation()
            self._writing = generation + 1
            self._delta = {}
            if rebuilt:
                self._rebuild_refs(pending)
            for action, args in pending:
                action(*args)
            self._apply_delta()
            db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(generation + 1),))
        if rebuilt:
            self.refs_damaged = False
        self._buckets = {}
        self.changes += len(pending)
        # `stamps` is still an exact copy of the files table only if no other run wrote in between
        self.generation = generation + 1 if generation == self.generation else None

    def save(self) -> None:
        self.flush()
        if self.db is not None and self.generation is not None and (
                self.snapshot_at is None or self.changes > max(SNAPSHOT_CHANGES, len(self.stamps) // 50)):
            self._guard(self._save_snapshot)
        self.close()

    def _save_snapshot(self) -> None:
        """Keep `stamps` as one blob, when they are an exact copy of the files table (checked under
        the write lock). Rewritten once the rows written since are many, not on every run."""
        blob = _pack(self.stamps, self.generation)
        if blob is None:
            return
        with self._locked() as db:
            if self._generation() == self.generation:
                db.execute("DELETE FROM snapshot")
                db.execute("INSERT INTO snapshot VALUES (?, ?)", (self.generation, blob))
                db.execute("DELETE FROM gone WHERE generation <= ?", (self.generation,))
                total = 0
                for key, generation in db.execute("SELECT key, generation FROM gone").fetchall():
                    if type(key) is bytes and type(generation) is int:
                        total ^= _gone_hash(key, generation)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('gone', ?)", (str(total),))

    @contextlib.contextmanager
    def _locked(self):
        """A transaction holding the write lock from its start (what it reads, no other run changes
        before it commits); rolled back on an error."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None


key_of = _key

RACY_NS = 2_000_000_000  # a folder changed less than 2 s before it was walked: its listing is not kept


def _listing_key(roots: list[str]) -> str:
    return json.dumps([[root, absolute(root)] for root in roots])


def _stamp_of_row(row: tuple) -> tuple[Any, tuple | None]:
    """(key, stamp) of a row of _STAMPS_CHECKED; the stamp is None when the row fails its checks."""
    _, key, size, mtime, hash_, results, whole, pattern, ctime, inode, device, stored = row
    if type(key) is not bytes or type(hash_) is not bytes or len(hash_) != _HASH or type(stored) is not bytes \
            or not all(type(n) is int for n in (size, mtime, results, whole, pattern, ctime, inode, device)):
        return key, None
    try:
        stamp = (size, mtime, hash_.decode("ascii"), results, whole, pattern, ctime, inode & _U64, device & _U64)
    except UnicodeDecodeError:
        return key, None
    return key, (stamp if _stamp_sum(key, stamp) == stored else None)


SPLIT_STAT = 20_000  # files from which `stale` stats in two processes (forking costs about 10 ms)


def _suspects(stamps: dict, items: list[tuple[bytes, str]], max_size: int, body_links: bool) -> list[int]:
    """Indices of the items whose stamp is missing or whose file's stat differs from it."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if len(items) < SPLIT_STAT or not hasattr(os, "fork") or cores < 2:
        return _compare(stamps, items, 0, len(items), max_size, body_links)
    half = len(items) // 2
    try:
        reading, writing = os.pipe()
        child = os.fork()
    except OSError:
        return _compare(stamps, items, 0, len(items), max_size, body_links)
    if child == 0:  # the child stats the second half and sends back the indices, then exits at once
        status = 1
        try:
            os.close(reading)
            data = array("q", _compare(stamps, items, half, len(items), max_size, body_links)).tobytes()
            with open(writing, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    try:
        mine = _compare(stamps, items, 0, half, max_size, body_links)
    finally:  # the child is always waited for, so none is left behind
        with open(reading, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(child, 0)
    theirs = array("q")
    if status != 0 or len(data) % theirs.itemsize:
        return mine + _compare(stamps, items, half, len(items), max_size, body_links)  # it failed: do its half
    theirs.frombytes(data)
    return mine + theirs.tolist()


def _compare(stamps: dict, items: list[tuple[bytes, str]], start: int, end: int, max_size: int,
             body_links: bool) -> list[int]:
    out = []
    get, stat_of, is_regular = stamps.get, os.stat, stat_module.S_ISREG
    for index in range(start, end):
        key, path = items[index]
        stamp = get(key)
        if stamp is None or (body_links and not stamp[4]):
            out.append(index)
            continue
        try:
            info = stat_of(path)
        except OSError:
            out.append(index)
            continue
        # as git: an edit that keeps the size and puts the modification time back changes the change time
        if stamp[0] != info.st_size or stamp[1] != info.st_mtime_ns or stamp[6] != info.st_ctime_ns \
                or stamp[7] != info.st_ino or stamp[8] != info.st_dev or not is_regular(info.st_mode) \
                or info.st_size > max_size:
            out.append(index)
    return out


def keys_of(paths: list[str], roots: list[str]) -> list[bytes]:
    """`key_of` of each path, quicker for the 100,000 a walk of `roots` lists: a path the walk wrote
    as a root, "/" and names is that root's absolute path and the same names (no abspath per file).
    Any other path (a target named as `lib/../lib/a.md`) takes abspath's way."""
    prefixes = [(os.path.join(os.path.normpath(root), ""), os.path.join(absolute(root), "")) for root in roots]
    if len(prefixes) == 1 and paths:  # one library folder (the usual case): string operations in C
        given, full = prefixes[0]
        joined = "\0" + "\0".join(paths)
        if joined.count("\0" + given) == len(paths) == joined.count("\0"):
            rests = joined.replace("\0" + given, "\0")
            ended = rests + "\0"
            if not any(mark in ended for mark in ("\0.", "/.", "//", "/\0", "\0\0")):
                return rests.replace("\0", "\0" + full)[1:].encode(_FS_ENCODING, _FS_ERRORS).split(b"\0")
    out = []
    for path in paths:
        text = None
        for given, full in prefixes:
            if path.startswith(given):
                rest = path[len(given):]
                if rest[:1] not in (".", "") and rest[-1] != "/" and "/." not in rest and "//" not in rest:
                    text = full + rest
                break
        if text is None:
            text = absolute(path)
        out.append(text.encode(_FS_ENCODING, _FS_ERRORS))
    return out

# A snapshot of the stamps: a header (with the number of entries and a checksum of the generation it
# was taken at and all that follows), then per entry six int64 (size, mtime, ctime, has results,
# whole, is a pattern) and two uint64 (inode, device), then the 32-character hashes, then the keys
# joined by NUL (a path cannot hold one). Packed by hand: 100,000 stamps load in 0.1 s, and a damaged
# or foreign blob cannot run anything.
_SNAPSHOT_MAGIC = b"pattern-lint stamps 2 " + sys.byteorder.encode() + b"\n"
_HASH = 32
_IS_PATTERN = itemgetter(5)  # of a stamp
_HASHES = re.compile(".{%d}" % _HASH, re.S)
SNAPSHOT_CHANGES = 1000  # rows written since the snapshot before it is written again (or 2% of them)


def _pack(stamps: dict[bytes, tuple], generation: int) -> bytes | None:
    values = list(stamps.values())
    hashes = "".join(v[2] for v in values)
    if len(hashes) != _HASH * len(values) or not hashes.isascii() or any(b"\0" in key for key in stamps):
        return None
    try:
        numbers = array("q", [n for v in values for n in (v[0], v[1], v[6], v[3], v[4], v[5])])
        ids = array("Q", [n for v in values for n in (v[7], v[8])])
    except (OverflowError, TypeError, IndexError):
        return None
    body = b"".join([numbers.tobytes(), ids.tobytes(), hashes.encode(), b"\0".join(stamps)])
    return b"".join([_SNAPSHOT_MAGIC, len(values).to_bytes(8, "little"), _snapshot_sum(generation, body), body])


def _snapshot_sum(generation: int, body: bytes) -> bytes:
    return _sum(b"p", generation.to_bytes(8, "little", signed=True), body)


def _unpack(blob: Any, generation: Any) -> dict[bytes, tuple] | None:
    """The stamps `_pack` packed at `generation`, or None for anything else."""
    start = len(_SNAPSHOT_MAGIC) + 8 + 16
    if not isinstance(blob, bytes) or not blob.startswith(_SNAPSHOT_MAGIC) or len(blob) < start \
            or type(generation) is not int or _snapshot_sum(generation, blob[start:]) != blob[start - 16:start]:
        return None
    count = int.from_bytes(blob[start - 24:start - 16], "little")
    numbers_end = start + 48 * count
    ids_end = numbers_end + 16 * count
    hashes_end = ids_end + _HASH * count
    if count == 0:
        return {} if len(blob) == start else None
    if len(blob) <= hashes_end:
        return None
    numbers, ids = array("q"), array("Q")
    numbers.frombytes(blob[start:numbers_end])
    ids.frombytes(blob[numbers_end:ids_end])
    try:
        hashes = blob[ids_end:hashes_end].decode("ascii")
    except UnicodeDecodeError:
        return None
    keys = blob[hashes_end:].split(b"\0")
    if len(keys) != count:
        return None
    stamps = dict(zip(keys, zip(numbers[0::6], numbers[1::6], _HASHES.findall(hashes), numbers[3::6], numbers[4::6],
                                numbers[5::6], numbers[2::6], ids[0::2], ids[1::2])))
    return stamps if len(stamps) == count else None


def read(path: str, max_size: int) -> bytes | None:
    """The bytes of a regular file of at most `max_size` bytes; None for anything else (the
    document reader then reads it and says what is wrong)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat_module.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = read_at_most(handle, max_size)
    except OSError:
        return None
    return data if len(data) <= max_size else None


def stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def stamp_of(info: os.stat_result | None, data: bytes | None) -> tuple | None:
    """(size, mtime_ns, hash, ctime_ns, inode, device) for bytes read from a file after `info` was
    taken, or None when they cannot be tied to it (it changed size meanwhile: then it is not cached)."""
    if info is None or data is None or info.st_size != len(data):
        return None
    return info.st_size, info.st_mtime_ns, digest(data), info.st_ctime_ns, info.st_ino, info.st_dev


# Findings and suppression comments, as JSON ---------------------------------------------------------

def results_of(findings: list[Finding], directives: list, path: str | None = None) -> dict:
    """Findings and suppression comments as JSON. A finding on `path` itself (the file the entry is
    for) is kept without its path: it is shown as the file is named in the run that reads it back (the
    file's key is its absolute path; `lib/a.md` from one folder is `a.md` from another)."""
    return {
        "findings": [[f.line, f.column, f.name, f.message, None if f.path == path else f.path,
                      [f.fix.title, f.fix.safe] if f.fix else None]
                     for f in findings],
        "directives": [[d.kind, d.names, d.line, d.column, d.first, d.last] for d in directives],
    }


def findings_from(results: dict, path: str | None = None) -> list[Finding]:
    """results_of's findings, those of the entry's own file on `path` (as this run names it)."""
    from . import registry
    from .fix import Fix

    out = []
    for line, column, name, message, where, fix in results["findings"]:
        rule = registry.find(name)
        if where is None and path is None:
            raise ValueError("a finding without its path")
        out.append(Finding(path if where is None else where, line, column, rule.code, rule.name, rule.severity, message, fix is not None,
                           Fix(fix[0], fix[1]) if fix is not None else None))
    return out


def directives_from(results: dict) -> list:
    from .suppression import Directive

    return [Directive(kind, list(names), line, column, first, last)
            for kind, names, line, column, first, last in results["directives"]]


# What every value read back must look like (checked after its checksum: a writer with a bug, or a
# file written by hand, must not be able to crash a run) -----------------------------------------------

_RULE_NAMES: set[str] = set()


def _rule_names() -> set[str]:
    if not _RULE_NAMES:
        from . import registry

        _RULE_NAMES.update(rule.name for rule in registry.all_rules())
    return _RULE_NAMES


def _ints(values) -> bool:
    return all(type(n) is int for n in values)


def _valid_finding(f: Any) -> bool:
    return type(f) is list and len(f) == 6 and _ints(f[:2]) and type(f[2]) is str and f[2] in _rule_names() \
        and type(f[3]) is str and (f[4] is None or type(f[4]) is str) \
        and (f[5] is None or (type(f[5]) is list and len(f[5]) == 2 and type(f[5][0]) is str and type(f[5][1]) is bool))


def _valid_directive(d: Any) -> bool:
    return type(d) is list and len(d) == 6 and type(d[0]) is str and type(d[1]) is list \
        and all(type(n) is str for n in d[1]) and _ints(d[2:])


_RESULTS_KEYS = frozenset({"findings", "directives"})


def valid_results(value: Any) -> bool:
    return type(value) is dict and value.keys() == _RESULTS_KEYS \
        and type(value["findings"]) is list and all(map(_valid_finding, value["findings"])) \
        and type(value["directives"]) is list and all(map(_valid_directive, value["directives"]))


def _valid_path(path: Any) -> bool:
    if type(path) is not list:
        return False
    for part in path:
        if type(part) is not str and type(part) is not int:
            return False
    return True


# (loops, not all() over generators: a warm run after one change checks every record of the library)

def _valid_positions(positions: Any) -> bool:
    if type(positions) is not list:
        return False
    for p in positions:
        if type(p) is not list or len(p) != 5:
            return False
        path, line, column, key_line, key_column = p
        if type(line) is not int or type(column) is not int or type(key_line) is not int \
                or type(key_column) is not int or not _valid_path(path):
            return False
    return True


def _valid_links(links: Any) -> bool:
    if type(links) is not list:
        return False
    for k in links:
        if type(k) is not list or len(k) != 7:
            return False
        kind, type_, target, line, column, path, index = k
        if type(kind) is not str or (type_ is not None and type(type_) is not str) or type(target) is not str \
                or type(line) is not int or type(column) is not int or type(index) is not int \
                or (path is not None and not _valid_path(path)):
            return False
    return True


_RECORD_KEYS = frozenset({"is_pattern", "format", "frontmatter", "frontmatter_line", "positions", "links"})
_RECORD_ALL = _RECORD_KEYS | {"listable", "facts", "body_links"}  # (the last three: optional)
_FACT_TYPES = (str, int, float)


def valid_record(r: Any) -> bool:
    if type(r) is not dict or not _RECORD_KEYS <= r.keys() <= _RECORD_ALL:
        return False
    fm, facts, listable = r["frontmatter"], r.get("facts", {}), r.get("listable", [])
    if type(r["is_pattern"]) is not bool or (r["format"] is not None and type(r["format"]) is not str) \
            or (fm is not None and (type(fm) is not dict or not fm.keys() <= _IDENTITY_SET)) \
            or type(r["frontmatter_line"]) is not int or type(r.get("body_links", True)) is not bool \
            or type(facts) is not dict or type(listable) is not list:
        return False
    for value in facts.values():
        if type(value) not in _FACT_TYPES:
            return False
    for path in listable:
        if not _valid_path(path):
            return False
    return _valid_positions(r["positions"]) and _valid_links(r["links"])


def valid_identity(value: Any) -> bool:
    return type(value) is list and len(value) == 3 and all(v is None or type(v) is str for v in value[:2]) \
        and type(value[2]) is list and all(type(a) is str for a in value[2])


# What the library index needs of a file -------------------------------------------------------------

def _kept(path: tuple, groups: set[str]) -> bool:
    """Positions library rules may report at: identity keys, link lists."""
    return bool(path) and ((len(path) == 1 and path[0] in IDENTITY_KEYS) or (len(path) <= 2 and path[0] in groups))


def record_of(doc: Document, body_links: bool = True) -> dict[str, Any]:
    """What the library index needs of `doc`. Without `body_links`, the links in its body are left
    out (finding them means parsing the body, 60% of indexing a file): only orphan-pattern needs
    the body links of files other than those checked, and such a record says it is partial."""
    from . import links
    from .fix import can_add_to_list

    facts = doc.format.links if doc.format is not None else {}
    groups = {g[0] for g in facts.get("relationships", ()) if g} | set(facts.get("relationship_keys", ()))
    fm = doc.frontmatter
    kept = [path for path in doc.positions if _kept(path, groups)]
    return {
        "is_pattern": doc.is_pattern,
        "format": doc.format.name if doc.format is not None else None,
        "frontmatter": {k: fm[k] for k in IDENTITY_KEYS if k in fm} if isinstance(fm, dict) else None,
        "frontmatter_line": doc.frontmatter_line,
        "positions": [[list(path), p.line, p.column, p.key_line, p.key_column]
                      for path in kept for p in (doc.positions[path],)],
        "listable": [list(path) for path in kept if can_add_to_list(doc, path)],
        "facts": _facts(doc),
        "links": [[k.kind, k.type, k.target, k.line, k.column, list(k.path) if k.path else None, k.index]
                  for k in ((links.of(doc) if body_links else links.frontmatter_links(doc))
                            if doc.is_pattern and doc.format is not None else [])],
        "body_links": body_links,
    }


def _facts(doc: Document) -> dict[str, Any]:
    """Status, domain and scores where the format keeps them (plain scalars only)."""
    out = {}
    for name, path in (doc.format.facts.items() if doc.format is not None else ()):
        value = doc.get(*path)
        if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)
                                      and math.isfinite(value)):
            out[name] = value  # not NaN or infinity (`.nan` in YAML): JSON has no word for them
    return out


def _refs_of(path: str, record: dict) -> set[tuple]:
    """A file's lookup rows: (name, None) for each name a link may use for it, (name, type) for each
    of its links (the relationship or inferred link's type, else the kind of link)."""
    from .library import lookup_key, names_of

    out = {(_blob(name), None) for name in names_of(path, bool(record.get("is_pattern")), record.get("frontmatter"))}
    out.update((_blob(lookup_key(link[2])), _blob(link[1] or link[0])) for link in record["links"])
    return out


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def identity_of(path: str, is_pattern: bool, frontmatter: Any) -> list | None:
    """[slug, title, aliases] of a pattern as the library index sees it (library._entry: a pattern
    whose frontmatter cannot be read goes by its file name), for did-you-mean; None for other files."""
    if not is_pattern:
        return None
    if not isinstance(frontmatter, dict):
        return [os.path.splitext(os.path.basename(path))[0], None, []]
    aliases = [a for name in ("aliases", "aliases_list") if isinstance(frontmatter.get(name), list)
               for a in frontmatter[name] if isinstance(a, str)]
    return [_text(frontmatter.get("slug")), _text(frontmatter.get("title")), aliases]


def default_folder(library_root: str | None) -> str:
    """$PATTERN_LINT_CACHE_DIR, else `.pattern-lint-cache` in the library's root folder."""
    return os.environ.get("PATTERN_LINT_CACHE_DIR") or os.path.join(library_root or ".", FOLDER_NAME)
