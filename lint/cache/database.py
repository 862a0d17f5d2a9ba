"""The cache's SQLite database: its tables and their layout, opening it (and making it again when it
is damaged, from another version or for another configuration), and running an action on it so that
a database that fails only means no cache for the rest of the run."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import struct

from .. import SCHEMAS_DIR, __version__

FILE_NAME = "cache.sqlite"
LAYOUT = 7  # of the tables below and of the records: a cache of another layout is made again
# (names and links: the lookup tables of layout 6, dropped with the rest)
TABLES = ("files", "refs", "digests", "library", "gone", "snapshot", "listing", "names", "links")
SCHEMA = """
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
_CHUNK = 500  # values per `IN (...)`: SQLite allows at most 32,766 parameters
# SQLite's primary result codes that mean the database or its schema is damaged, not busy or unwritable:
# ERROR (its schema no longer works: `no such column`), CORRUPT, SCHEMA, TOOBIG, CONSTRAINT, MISMATCH,
# FORMAT, RANGE, NOTADB.
_DAMAGE_CODES = frozenset({1, 11, 17, 18, 19, 20, 24, 25, 26})


def version() -> str:
    """pattern-lint's version with a digest of its format definitions (records depend on both)."""
    digest = hashlib.sha256()
    for spec in sorted(SCHEMAS_DIR.glob("*/*.json")):
        digest.update(spec.read_bytes())
    return f"{__version__}:{digest.hexdigest()[:16]}"


def damage(exc: BaseException) -> bool:
    """Whether an error reading or writing the database says it is damaged (for good: it is made
    again), not busy, full or unwritable (then this run goes on without it)."""
    if isinstance(exc, OSError):
        return False
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        return isinstance(code, int) and code & 0xFF in _DAMAGE_CODES
    return True  # a value none of the checks foresaw: never believed again


class Database:
    """The connection (`db`, None once dropped) to the database at `path` in `folder`, whose meta
    table names the `salt` (version, layout, configuration) and the `rules` it was written for."""

    folder: str
    path: str
    salt: str
    rules: str
    db: sqlite3.Connection | None
    failure: BaseException | None
    pending: list

    @property
    def available(self) -> bool:
        """Whether the database is (still) open: it may fail, and then the run goes on without it."""
        return self.db is not None

    def reopen(self) -> None:
        """Open the database again (after close)."""
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        os.makedirs(self.folder, exist_ok=True)
        ignore = os.path.join(self.folder, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as handle:
                handle.write("# Written by pattern-lint: its cache, never to be committed.\n*\n")
        try:
            return self._prepare(sqlite3.connect(self.path, timeout=10))
        except (sqlite3.DatabaseError, ValueError) as exc:  # (ValueError: an error message that is not UTF-8)
            if not damage(exc):  # busy or unwritable: no cache this run, the next may have it
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
                db.executescript("".join(f"DROP TABLE IF EXISTS {table};" for table in TABLES) + "DELETE FROM meta;")
                db.execute("INSERT INTO meta VALUES ('salt', ?), ('rules', ?)", (self.salt, self.rules))
                db.commit()
            db.executescript(SCHEMA)  # (a table missing from a damaged cache is made again)
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
            if damage(exc):
                with contextlib.suppress(OSError):
                    self._delete()
            return default

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

    def _many(self, sql: str, values: list, extra: tuple = ()) -> list:
        """`sql`'s rows, with `(?*)` standing for as many values as `values` holds (in chunks)."""
        out = []
        for start in range(0, len(values), _CHUNK):
            chunk = values[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            out += self.db.execute(sql.replace("(?*)", f"({marks})"), (*chunk, *extra)).fetchall()
        return out

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
