"""What a run keeps for the next one (as ruff does): per file, its findings and what the library
index needs from it.

Each file's entry is keyed by its content hash, the linter's version with its format
definitions, and the resolved configuration (`salt`); its findings also by the rules that ran
(`rules`). A file whose size and modification time are those recorded is not read again (as
git does); otherwise its bytes are hashed, and an unchanged hash still reuses the entry.
Library rules' findings (dangling links, duplicate ids, reciprocal links, cycles) are kept too,
under a digest of every library file's path and hash and of the files checked: they are taken
as they are only when nothing in the library changed. Otherwise library rules run again, on the
index rebuilt from the entries' records, so a warm run still reports every dangling link after a
file elsewhere changed.

For a run over a few files of a large library, what is left is the library's state: every
file's size, time and hash are kept as one packed snapshot plus the rows written since it (a
write counter tells whether the snapshot still matches the table), the library's listing is
kept with each folder's time and reused while none changed, and the files are stat-ed in two
processes.

The cache is an SQLite database (the standard library's sqlite3) in a folder holding a
`.gitignore` of `*`, so it never shows up in `git status`. Beside each file's entry it keeps
the names a link may use for the file and the names its links use, so a run over a few files
of a large library loads only the records of their neighbourhood (runner._neighbourhood).
A run's writes are kept until the end (or until the neighbourhood is looked up) and made in
one short transaction: a changed file rewrites its own rows, not the whole cache. A cache
that is missing, unreadable, corrupt, not a database, from another version of pattern-lint
or written for another configuration is ignored and rewritten; a folder that cannot be
written, or a database another run keeps locked, just means no cache.
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
import sys
import time
from array import array
from operator import itemgetter
from typing import Any, Iterable

from . import SCHEMAS_DIR, __version__
from .discovery import absolute
from .document import Document, read_at_most
from .findings import Finding
from .links import Link
from .yamlnodes import Located

FILE_NAME = "cache.sqlite"
LAYOUT = 6  # of the tables below and of the records: a cache of another layout is made again
FOLDER_NAME = ".pattern-lint-cache"
IDENTITY_KEYS = ("id", "slug", "title", "aliases", "aliases_list")
_TABLES = ("files", "names", "links", "library", "gone", "snapshot", "listing")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (key BLOB PRIMARY KEY, size INTEGER, mtime INTEGER, hash TEXT, pattern INTEGER,
                                  record TEXT, results TEXT, identity TEXT, whole INTEGER, generation INTEGER);
CREATE TABLE IF NOT EXISTS names (key BLOB, name BLOB);
CREATE TABLE IF NOT EXISTS links (key BLOB, name BLOB, type BLOB);
CREATE TABLE IF NOT EXISTS library (key BLOB PRIMARY KEY, findings TEXT, used INTEGER);
CREATE TABLE IF NOT EXISTS gone (key BLOB, generation INTEGER);
CREATE TABLE IF NOT EXISTS snapshot (generation INTEGER, stamps BLOB);
CREATE TABLE IF NOT EXISTS listing (key TEXT PRIMARY KEY, folders TEXT, paths BLOB, keys BLOB);
CREATE INDEX IF NOT EXISTS files_by_generation ON files (generation);
CREATE INDEX IF NOT EXISTS names_by_name ON names (name);
CREATE INDEX IF NOT EXISTS names_by_key ON names (key);
CREATE INDEX IF NOT EXISTS links_by_name ON links (name);
CREATE INDEX IF NOT EXISTS links_by_key ON links (key);
"""
_STAMPS = "SELECT key, size, mtime, hash, results IS NOT NULL, whole, pattern FROM files"
FLUSH_EVERY = 2000  # writes kept before they are made (a first run of 100,000 files need not hold them all)
LIBRARY_ROWS = 8  # library rules' findings kept, for as many sets of files checked
_CHUNK = 500  # values per `IN (...)`: SQLite allows at most 32,766 parameters


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


def _blob(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # YAML's "\ud800" is a str SQLite's text cannot hold


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
        # key -> (size, mtime_ns, hash, has results, record has the body's links, is a pattern)
        self.stamps: dict[bytes, tuple] = {}
        self.pending: list[tuple] = []  # writes not yet made (flush)
        # The database's write count (meta 'generation') that `stamps` is an exact copy of the files
        # table at; None once another run wrote between this run's load and its writes.
        self.generation: int | None = None
        self.snapshot_at: int | None = None  # the generation of the snapshot `stamps` was loaded from
        self.changes = 0  # rows written since that snapshot
        self._writing = 0  # the generation the transaction being written makes
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._open()
        except (OSError, sqlite3.Error):
            self.db = None
        if self.db is not None:
            self._guard(self._load_stamps)

    def _open(self) -> sqlite3.Connection:
        os.makedirs(self.folder, exist_ok=True)
        ignore = os.path.join(self.folder, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as handle:
                handle.write("# Written by pattern-lint: its cache, never to be committed.\n*\n")
        try:
            return self._prepare(sqlite3.connect(self.path, timeout=10))
        except sqlite3.DatabaseError:  # corrupt, or not a database at all: start again
            for suffix in ("", "-wal", "-shm", "-journal"):
                if os.path.exists(self.path + suffix):
                    os.unlink(self.path + suffix)
            return self._prepare(sqlite3.connect(self.path, timeout=10))

    def _prepare(self, db: sqlite3.Connection) -> sqlite3.Connection:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            meta = dict(db.execute("SELECT name, value FROM meta"))
            if meta.get("salt") != self.salt:  # the salt names the tables' layout too: make them again
                db.executescript("".join(f"DROP TABLE IF EXISTS {table};" for table in _TABLES) + "DELETE FROM meta;")
                db.execute("INSERT INTO meta VALUES ('salt', ?), ('rules', ?)", (self.salt, self.rules))
                db.commit()
            db.executescript(_SCHEMA)  # (a table missing from a damaged cache is made again)
            if meta.get("salt") == self.salt and meta.get("rules") != self.rules:
                # other rules ran: keep the records, not the findings
                db.execute("UPDATE files SET results = NULL")
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
        rows takes 0.3 s, a one-file pre-commit run's largest cost at that size; the snapshot, 0.1 s."""
        db = self.db
        db.execute("BEGIN")  # one read transaction: the generation, the snapshot and the rows agree
        try:
            generation = self._generation()
            row = db.execute("SELECT generation, stamps FROM snapshot").fetchone()
            stamps = _unpack(row[1]) if row is not None and isinstance(row[0], int) and row[0] <= generation else None
            if stamps is None:
                self.stamps = {row[0]: row[1:] for row in db.execute(_STAMPS)}
                self.snapshot_at, self.changes = None, len(self.stamps)
            else:
                since = row[0]
                gone = db.execute("SELECT key FROM gone WHERE generation > ?", (since,)).fetchall()
                rows = db.execute(_STAMPS + " WHERE generation > ?", (since,)).fetchall()
                for (key,) in gone:  # removed since, and perhaps written again later: rows come after
                    stamps.pop(key, None)
                stamps.update((row[0], row[1:]) for row in rows)
                self.stamps, self.snapshot_at, self.changes = stamps, since, len(gone) + len(rows)
            self.generation = generation
        finally:
            db.commit()

    def _generation(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()
        return int(row[0]) if row is not None else 0

    def _guard(self, action, *args, default=None):
        """Run a database action; a database that fails now (locked by a long run elsewhere, a
        disk that filled up) is dropped for the rest of the run: no cache, no error."""
        if self.db is None:
            return default
        try:
            return action(*args)
        except (sqlite3.Error, OSError, ValueError):
            self.stamps = {}  # nothing is taken from it any more either
            self.pending = []
            self.close()
            return default

    # An entry: [size, mtime_ns, hash, record, results or None]

    def fresh(self, path: str, max_size: int, want_results: bool, key: bytes | None = None,
              body_links: bool = True) -> bool:
        """Whether the cache still describes `path` (with its findings, when `want_results`; with its
        body's links, when `body_links`)."""
        key = key or _key(path)
        stamp = self.stamps.get(key)
        if stamp is None or (want_results and not stamp[3]) or (body_links and not stamp[4]):
            return False
        info = stat(path)
        if info is None or not stat_module.S_ISREG(info.st_mode) or info.st_size > max_size:
            return False
        if stamp[0] == info.st_size and stamp[1] == info.st_mtime_ns:
            return True
        data = read(path, max_size)
        if data is None or digest(data) != stamp[2]:
            return False
        self.stamps[key] = (info.st_size, info.st_mtime_ns, *stamp[2:])  # touched, not changed
        self.pending.append((self._touch, (key, info.st_size, info.st_mtime_ns)))
        return True

    def stale(self, paths: dict[bytes, str], max_size: int, body_links: bool) -> list[str]:
        """The paths (by key) the cache does not describe any more (or does not have): `fresh` for
        every file of a library (a one-file run stats all 100,000 files). The files whose size or
        time differ are found first, in two processes for a large library; `fresh` then looks at those."""
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
        row = self._guard(lambda: self.db.execute("SELECT folders, paths, keys FROM listing WHERE key = ?",
                                                  (_listing_key(roots),)).fetchone())
        if row is None:
            return None
        try:
            folders = json.loads(row[0])
            for folder, mtime, inode, device in folders:
                info = os.stat(folder)
                if (info.st_mtime_ns, info.st_ino, info.st_dev) != (mtime, inode, device):
                    return None
            paths = row[1].decode(_FS_ENCODING, _FS_ERRORS).split("\0") if row[1] else []
            keys = row[2].split(b"\0") if row[2] else []
        except (OSError, ValueError, TypeError, AttributeError):
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
        self.db.execute("INSERT INTO listing VALUES (?, ?, ?, ?)", (key, folders, paths, keys))

    def lookup(self, path: str, max_size: int, want_results: bool, body_links: bool = True) -> list | None:
        """The cached entry of `path` when it still describes the file, else None."""
        if not self.fresh(path, max_size, want_results, body_links=body_links):
            return None
        key = _key(path)
        row = self._guard(lambda: self.db.execute("SELECT record, results FROM files WHERE key = ?",
                                                  (key,)).fetchone())
        if row is None:
            return None
        try:
            record, results = json.loads(row[0]), json.loads(row[1]) if row[1] is not None else None
        except ValueError:
            record = results = None
        if not isinstance(record, dict) or (want_results and not isinstance(results, dict)):
            self.stamps.pop(key, None)  # so that the entry is written again, not kept as it is
            return None
        return [*self.stamps[key][:3], record, results]

    def results(self, by_key: dict[bytes, str]) -> dict[str, dict]:
        """The cached findings and suppression comments of files (path by key) `fresh` said the cache
        describes, in one query (a warm run of 100,000 files makes one, not 100,000)."""
        out = {}
        for key, results in self._guard(self._many, "SELECT key, results FROM files WHERE key IN (?*)",
                                        list(by_key), default=[]):
            try:
                value = json.loads(results) if results is not None else None
            except ValueError:
                continue
            if isinstance(value, dict):
                out[by_key[key]] = value
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
        """Library rules' findings stored under `key` by an earlier run, or None."""
        row = self._guard(lambda: self.db.execute("SELECT findings FROM library WHERE key = ?", (key,)).fetchone())
        if row is None:
            return None
        try:
            return findings_from(json.loads(row[0]))
        except (ValueError, TypeError, LookupError, AttributeError):
            return None  # damaged: the library rules run again and the row is written again

    def put_library(self, key: bytes, findings: list[Finding]) -> None:
        self.pending.append((self._put_library, (key, json.dumps(results_of(findings, []), separators=(",", ":")))))

    def _put_library(self, key: bytes, findings: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO library VALUES (?, ?, (SELECT COALESCE(MAX(used), 0) + 1 FROM "
                        "library))", (key, findings))
        # the latest few sets of files checked (the whole library, and a few pre-commit batches)
        self.db.execute("DELETE FROM library WHERE used <= (SELECT MAX(used) FROM library) - ?", (LIBRARY_ROWS,))

    def put(self, path: str, stamp: tuple, record: dict[str, Any], results: dict | None) -> None:
        """`stamp`: (size, mtime_ns, hash) of the bytes that were checked."""
        key = _key(path)
        old = self.stamps.get(key)
        whole = bool(record.get("body_links", True))
        if results is None and old is not None and old[:3] == tuple(stamp) and old[4] >= whole:
            return  # indexed again, unchanged: its row (with its findings, if any) still holds
        self.pending.append((self._put, (key, path, stamp, record, results)))
        self.stamps[key] = (*stamp, results is not None, whole, bool(record.get("is_pattern")))
        if len(self.pending) >= FLUSH_EVERY:
            self.flush()

    def _touch(self, key: bytes, size: int, mtime: int) -> None:
        self.db.execute("UPDATE files SET size = ?, mtime = ?, generation = ? WHERE key = ?",
                        (size, mtime, self._writing, key))

    def _put(self, key: bytes, path: str, stamp: tuple, record: dict, results: dict | None) -> None:
        from .library import lookup_key, names_of

        db = self.db
        fm = record.get("frontmatter")
        identity = None
        if record.get("is_pattern") and isinstance(fm, dict):
            aliases = [a for name in ("aliases", "aliases_list") if isinstance(fm.get(name), list)
                       for a in fm[name] if isinstance(a, str)]
            identity = json.dumps([fm.get("slug") if isinstance(fm.get("slug"), str) else None,
                                   fm.get("title") if isinstance(fm.get("title"), str) else None, aliases])
        db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (key, *stamp, int(bool(record.get("is_pattern"))), json.dumps(record, separators=(",", ":")),
                    json.dumps(results, separators=(",", ":")) if results is not None else None, identity,
                    int(bool(record.get("body_links", True))), self._writing))
        db.execute("DELETE FROM names WHERE key = ?", (key,))
        db.execute("DELETE FROM links WHERE key = ?", (key,))
        names = names_of(path, bool(record.get("is_pattern")), fm)
        db.executemany("INSERT INTO names VALUES (?, ?)", [(key, _blob(name)) for name in names])
        db.executemany("INSERT INTO links VALUES (?, ?, ?)",
                       [(key, _blob(lookup_key(link[2])), _blob(link[1] or link[0])) for link in record["links"]])

    # The library, read on demand -------------------------------------------------------------------

    def _many(self, sql: str, values: list, extra: tuple = ()) -> list:
        out = []
        for start in range(0, len(values), _CHUNK):
            chunk = values[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            out += self.db.execute(sql.replace("(?*)", f"({marks})"), (*chunk, *extra)).fetchall()
        return out

    def named(self, names: Iterable[str]) -> set[bytes]:
        """Keys of the files a link naming any of `names` may resolve to."""
        wanted = sorted({_blob(n) for n in names})
        return {key for (key,) in self._guard(self._many, "SELECT key FROM names WHERE name IN (?*)", wanted,
                                              default=[])}

    def linking_to(self, names: Iterable[str], types: Iterable[str] | None = None) -> set[bytes]:
        """Keys of the files with a link naming any of `names` (of one of `types`, when given)."""
        wanted = sorted({_blob(n) for n in names})
        if types is None:
            rows = self._guard(self._many, "SELECT key FROM links WHERE name IN (?*)", wanted, default=[])
        else:
            kinds = sorted({_blob(t) for t in types})
            marks = ",".join("?" * len(kinds))
            rows = self._guard(self._many, f"SELECT key FROM links WHERE name IN (?*) AND type IN ({marks})",
                               wanted, tuple(kinds), default=[])
        return {key for (key,) in rows}

    def names_of(self, keys: Iterable[bytes]) -> dict[bytes, set[str]]:
        out: dict[bytes, set[str]] = {}
        for key, name in self._guard(self._many, "SELECT key, name FROM names WHERE key IN (?*)", sorted(keys),
                                     default=[]):
            out.setdefault(key, set()).add(name.decode("utf-8", "surrogatepass"))
        return out

    def links_of(self, keys: Iterable[bytes], types: Iterable[str]) -> dict[bytes, set[str]]:
        kinds = sorted({_blob(t) for t in types})
        marks = ",".join("?" * len(kinds))
        out: dict[bytes, set[str]] = {}
        for key, name in self._guard(self._many, f"SELECT key, name FROM links WHERE key IN (?*) AND type IN "
                                     f"({marks})", sorted(keys), tuple(kinds), default=[]):
            out.setdefault(key, set()).add(name.decode("utf-8", "surrogatepass"))
        return out

    def records(self, keys: Iterable[bytes]) -> dict[bytes, dict]:
        out = {}
        for key, record in self._guard(self._many, "SELECT key, record FROM files WHERE key IN (?*)", sorted(keys),
                                       default=[]):
            try:
                value = json.loads(record)
            except ValueError:
                continue
            if isinstance(value, dict) and {"is_pattern", "format", "frontmatter", "links"} <= value.keys():
                out[key] = value
        return out

    def identities(self, keys: set[bytes]) -> list[tuple]:
        """(slug, title, aliases) of the patterns among `keys` (for did-you-mean)."""
        rows = self._guard(lambda: self.db.execute("SELECT key, identity FROM files WHERE identity IS NOT NULL")
                           .fetchall(), default=[])
        out = []
        for key, identity in rows:
            if key in keys:
                slug, title, aliases = json.loads(identity)
                out.append((slug.strip() if slug and slug.strip() else None, title, tuple(aliases)))
        return out

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
            for table in ("files", "names", "links"):
                self.pending.append((self._many, (f"DELETE FROM {table} WHERE key IN (?*)", gone)))
            self.pending.append((self._gone, (gone,)))
            for key in gone:
                self.stamps.pop(key, None)

    def _gone(self, keys: list[bytes]) -> None:
        self.db.executemany("INSERT INTO gone VALUES (?, ?)", [(key, self._writing) for key in keys])

    def flush(self) -> None:
        """Write what this run has to write, as one short transaction: a run holds the database's
        write lock for milliseconds, not for the whole run, so runs side by side (pre-commit's
        parallel batches) do not wait for each other. A cache that cannot be written (read-only
        checkout, a full disk, a lock held too long) is simply not kept."""
        pending, self.pending = self.pending, []
        if pending and self.db is not None:
            self._guard(self._write, pending)

    def _write(self, pending: list[tuple]) -> None:
        """One transaction, under the write lock from its start: the rows it writes carry the next
        generation, so that a later run finds them beside an older snapshot."""
        with self._locked() as db:
            generation = self._generation()
            self._writing = generation + 1
            for action, args in pending:
                action(*args)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(generation + 1),))
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
        blob = _pack(self.stamps)
        if blob is None:
            return
        with self._locked() as db:
            if self._generation() == self.generation:
                db.execute("DELETE FROM snapshot")
                db.execute("INSERT INTO snapshot VALUES (?, ?)", (self.generation, blob))
                db.execute("DELETE FROM gone WHERE generation <= ?", (self.generation,))

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


SPLIT_STAT = 20_000  # files from which `stale` stats in two processes (forking costs about 10 ms)


def _suspects(stamps: dict, items: list[tuple[bytes, str]], max_size: int, body_links: bool) -> list[int]:
    """Indices of the items whose stamp is missing or whose file's size or time differ from it."""
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
        if stamp[0] != info.st_size or stamp[1] != info.st_mtime_ns or not is_regular(info.st_mode) \
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

# A snapshot of the stamps: a header, then per entry five int64 (size, mtime, has results, whole,
# is a pattern), then the 32-character hashes, then the keys joined by NUL (a path cannot hold one).
# Packed by hand: 100,000 stamps load in 0.1 s, and a damaged or foreign blob cannot run anything.
_SNAPSHOT_MAGIC = b"pattern-lint stamps 1 " + sys.byteorder.encode() + b"\n"
_HASH = 32
_IS_PATTERN = itemgetter(5)  # of a stamp
_HASHES = re.compile(".{%d}" % _HASH, re.S)
SNAPSHOT_CHANGES = 1000  # rows written since the snapshot before it is written again (or 2% of them)


def _pack(stamps: dict[bytes, tuple]) -> bytes | None:
    values = list(stamps.values())
    hashes = "".join(v[2] for v in values)
    if len(hashes) != _HASH * len(values) or not hashes.isascii() or any(b"\0" in key for key in stamps):
        return None
    try:
        numbers = array("q", [n for v in values for n in (v[0], v[1], v[3], v[4], v[5])])
    except (OverflowError, TypeError):
        return None
    return b"".join([_SNAPSHOT_MAGIC, len(values).to_bytes(8, "little"), numbers.tobytes(), hashes.encode(),
                     b"\0".join(stamps)])


def _unpack(blob: Any) -> dict[bytes, tuple] | None:
    """The stamps `_pack` packed, or None for anything else."""
    start = len(_SNAPSHOT_MAGIC) + 8
    if not isinstance(blob, bytes) or not blob.startswith(_SNAPSHOT_MAGIC) or len(blob) < start:
        return None
    count = int.from_bytes(blob[start - 8:start], "little")
    numbers_end = start + 40 * count
    hashes_end = numbers_end + _HASH * count
    if count == 0:
        return {} if len(blob) == start else None
    if len(blob) <= hashes_end:
        return None
    numbers = array("q")
    numbers.frombytes(blob[start:numbers_end])
    try:
        hashes = blob[numbers_end:hashes_end].decode("ascii")
    except UnicodeDecodeError:
        return None
    keys = blob[hashes_end:].split(b"\0")
    if len(keys) != count:
        return None
    stamps = dict(zip(keys, zip(numbers[0::5], numbers[1::5], _HASHES.findall(hashes), numbers[2::5], numbers[3::5],
                                numbers[4::5])))
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
    """(size, mtime_ns, hash) for bytes read from a file after `info` was taken, or None when they
    cannot be tied to it (it changed size meanwhile: then it is not cached)."""
    if info is None or data is None or info.st_size != len(data):
        return None
    return info.st_size, info.st_mtime_ns, digest(data)


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


def document_from(path: str, record: dict[str, Any], formats=None) -> Document:
    from .formats import FORMATS, by_name

    doc = Document(path=path)
    doc.is_pattern = bool(record["is_pattern"])
    doc.format = by_name(record["format"], formats or FORMATS) if record["format"] else None
    doc.frontmatter = record["frontmatter"]
    doc.frontmatter_line = record["frontmatter_line"]
    doc.positions = {tuple(p[0]): Located(p[1], p[2], p[3], p[4], None) for p in record["positions"]}
    doc.cache["facts"] = record.get("facts") or {}
    doc.cache["listable"] = {tuple(p) for p in record.get("listable", ())}
    doc.cache["links"] = [Link(k[0], k[1], k[2], k[3], k[4], tuple(k[5]) if k[5] is not None else None, k[6])
                          for k in record["links"]]
    return doc


def default_folder(library_root: str | None) -> str:
    """$PATTERN_LINT_CACHE_DIR, else `.pattern-lint-cache` in the library's root folder."""
    return os.environ.get("PATTERN_LINT_CACHE_DIR") or os.path.join(library_root or ".", FOLDER_NAME)
