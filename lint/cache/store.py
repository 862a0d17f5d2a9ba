"""The store: each file's entry (its stamp, record and findings) and library rules' findings, in the
cache's SQLite database, read and checked on demand and written in one short transaction at a time."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat as stat_module
from typing import Any, Iterable, NamedTuple

from ..files import read_or_none
from ..findings import Finding
from .database import FILE_NAME, LAYOUT, damage, version
from .keys import key_of
from .listing import Listings
from .lookups import Lookups
from .records import Decoder, identity_of, refs_of, results_of, valid_identity, valid_record
from .stamps import QUERY_CHECKED, Stamps, of_row, stamp_sum, stat, suspects
from .sums import checked, checksum, digest, payload_sums, signed

FLUSH_EVERY = 2000  # writes kept before they are made (a first run of 100,000 files need not hold them all)
LIBRARY_ROWS = 8  # library rules' findings kept, for as many sets of files checked
SNAPSHOT_CHANGES = 1000  # rows written since the snapshot before it is written again (or 2% of them)


class Cached(NamedTuple):
    """What the cache keeps of a file that still describes it (Cache.lookup)."""

    record: dict  # what the library index needs (record_of; lint.records.from_data makes it a Record)
    results: dict | None  # its findings and suppression comments (results_of), when asked for


class Cache(Stamps, Lookups, Listings):
    """The cache of a run in `folder`, for its configuration and the rules that ran (with their
    options); `decoder` turns kept findings back into objects (records.Decoder; without one, a
    finding with a fix cannot be). A database that cannot be opened, or fails during the run, is no cache
    (`available` is then False); the stamps already loaded still answer."""

    def __init__(self, folder: str, config=None, rules: tuple = (), rule_options: dict | None = None,
                 decoder: Decoder | None = None) -> None:
        self.folder = folder
        self.path = os.path.join(folder, FILE_NAME)
        # Records depend on the format definitions and the configuration (formats per glob,
        # vocabularies); findings also on the rules that ran and their options.
        salt = json.dumps(config.as_dict() if config is not None else {}, sort_keys=True, default=str)
        self.salt = f"{version()}:{LAYOUT}:{hashlib.sha256(salt.encode()).hexdigest()[:16]}"
        self.rules = hashlib.sha256(json.dumps([sorted(r.name for r in rules), rule_options or {}],
                                               sort_keys=True, default=str).encode()).hexdigest()[:16]
        self.decoder = decoder or Decoder(rules)
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
            if self.db is None and self.failure is not None and damage(self.failure):
                # deleted as damaged: this run makes it again
                with contextlib.suppress(OSError, sqlite3.Error, ValueError):
                    self.db = self._open()
                    self._guard(self._load_stamps)

    def findings(self, results: dict, path: str | None = None) -> list[Finding]:
        """The findings of an entry's results (those on its own file on `path`, as this run names it)."""
        return self.decoder.findings(results, path)

    def directives(self, results: dict) -> list:
        """The suppression comments of an entry's results."""
        return self.decoder.directives(results)

    # An entry: [size, mtime_ns, hash, record, results or None]

    def fresh(self, path: str, max_size: int, want_results: bool, key: bytes | None = None,
              body_links: bool = True) -> bool:
        """Whether the cache still describes `path` (with its findings, when `want_results`; with its
        body's links, when `body_links`)."""
        key = key or key_of(path)
        stamp = self.stamps.get(key)
        if stamp is None or key in self.damaged or (want_results and not stamp[3]) or (body_links and not stamp[4]):
            return False
        info = stat(path)
        if info is None or not stat_module.S_ISREG(info.st_mode) or info.st_size > max_size:
            return False
        if stamp[0] == info.st_size and stamp[1] == info.st_mtime_ns and stamp[6] == info.st_ctime_ns \
                and stamp[7] == info.st_ino and stamp[8] == info.st_dev:
            return True
        data = read_or_none(path, max_size)
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
        row = self.db.execute(QUERY_CHECKED + " WHERE key = ?", (key,)).fetchone()
        return row is not None and of_row(row) == (key, stamp)

    def stale(self, paths: dict[bytes, str], max_size: int, body_links: bool) -> list[str]:
        """The paths (by key) the cache does not describe any more (or does not have): `fresh` for
        every file of a library (a one-file run stats all 100,000 files). The files whose stamp
        differs are found first, in two processes for a large library; `fresh` then looks at those."""
        items = list(paths.items())
        out = []
        for index in suspects(self.stamps, items, max_size, body_links):
            key, path = items[index]
            if not self.fresh(path, max_size, False, key=key, body_links=body_links):
                out.append(path)
        return out

    def lookup(self, path: str, max_size: int, want_results: bool, body_links: bool = True) -> Cached | None:
        """The cached record (and results, with `want_results`) of `path` when they still describe the
        file, else None (a row that fails its checks too: the file is then checked again and its row
        written again)."""
        if not self.fresh(path, max_size, want_results, body_links=body_links):
            return None
        key = key_of(path)
        row = self._guard(lambda: self.db.execute("SELECT record, record_sum, results, results_sum FROM files "
                                                  "WHERE key = ?", (key,)).fetchone())
        if self.db is None:
            return None
        hash_ = self.stamps[key][2].encode()
        record = checked(row[0], row[1], b"r", key, hash_, valid_record) if row is not None else None
        results = checked(row[2], row[3], b"f", key, hash_, self.decoder.valid) \
            if row is not None and want_results else None
        if record is None or (want_results and results is None):
            self.damaged.add(key)
            return None
        return Cached(record, results)

    def results(self, by_key: dict[bytes, str]) -> dict[str, dict]:
        """The cached findings and suppression comments of files (path by key) `fresh` said the cache
        describes, in one query (a warm run of 100,000 files makes one, not 100,000)."""
        out = {}
        if len(by_key) * 2 > len(self.stamps):  # most of the library: one scan of the table (7 ms, not 11)
            rows = self._guard(lambda: self.db.execute("SELECT key, results, results_sum FROM files").fetchall(),
                               default=[])
        else:
            rows = self._guard(self._many, "SELECT key, results, results_sum FROM files WHERE key IN (?*)",
                               list(by_key), default=[])
        for key, results, stored in rows:
            stamp = self.stamps.get(key) if type(key) is bytes else None
            if stamp is None or key not in by_key:
                continue
            value = checked(results, stored, b"f", key, stamp[2].encode(), self.decoder.valid)
            if value is not None:
                out[by_key[key]] = value
        if self.db is not None:
            self.damaged.update(key for key, path in by_key.items() if path not in out)
        return out

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
        if row is None or type(row[0]) is not bytes or type(row[1]) is not bytes or checksum(b"l", key, row[0]) != row[1]:
            return None
        try:
            value = json.loads(row[0])
        except (ValueError, RecursionError):
            return None
        if not self.decoder.valid(value) or any(f[4] is None for f in value["findings"]):
            return None
        return self.decoder.findings(value)

    def put_library(self, key: bytes, findings: list[Finding]) -> None:
        self.pending.append((self._put_library, (key, json.dumps(results_of(findings, []), separators=(",", ":")))))

    def _put_library(self, key: bytes, findings: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO library VALUES (?, ?, (SELECT COALESCE(MAX(used), 0) + 1 FROM "
                        "library), ?)", (key, findings, checksum(b"l", key, findings.encode())))
        # the latest few sets of files checked (the whole library, and a few pre-commit batches)
        self.db.execute("DELETE FROM library WHERE used <= (SELECT MAX(used) FROM library) - ?", (LIBRARY_ROWS,))

    def put(self, path: str, stamp: tuple, record: dict[str, Any], results: dict | None) -> None:
        """`stamp`: (size, mtime_ns, hash[, ctime_ns, inode, device]) of the bytes that were checked
        (stamp_of; without the last three, the next run reads the file to compare its hash)."""
        key = key_of(path)
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
                        (size, mtime, ctime, signed(inode), signed(device), self._writing, stamp_sum(key, stamp),
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
                         self._writing, ctime, signed(inode), signed(device), stamp_sum(key, stamp),
                         *payload_sums(key, hash_.encode(), *(None if text is None else text.encode()
                                                             for text in (record_json, results_json, identity_json)))))
        self._drop_refs(key)
        self._add_refs(key, refs_of(path, record))

    def _drop(self, rowid: Any, key: Any) -> None:
        """A files row that failed its checks: gone, with its lookup rows; its file is indexed again."""
        self.db.execute("DELETE FROM files WHERE rowid = ? AND key IS ?", (rowid, key))
        if type(key) is bytes:
            self._drop_refs(key)
            self._gone([key])

    def records(self, keys: Iterable[bytes]) -> dict[bytes, dict]:
        """The records of `keys` that pass their checks (the others are damaged: index them again)."""
        keys = sorted(keys)
        out = {}
        for key, record, stored in self._guard(self._many, "SELECT key, record, record_sum FROM files WHERE key IN "
                                               "(?*)", keys, default=[]):
            stamp = self.stamps.get(key) if type(key) is bytes else None
            if stamp is not None:
                value = checked(record, stored, b"r", key, stamp[2].encode(), valid_record)
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
            value = checked(identity, stored, b"i", key, stamp[2].encode(), valid_identity)
            if value is not None:
                found.add(key)
                out.append((value[0], value[1], tuple(value[2])))
        missing = {key for key in keys if key not in found and self.is_pattern(key)}
        self.damaged.update(missing)
        return out, missing

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
                for rowid, key in self._rebuild_refs({args[0] for action, args in pending if action == self._put}):
                    self._drop(rowid, key)
                    if type(key) is bytes:
                        self.stamps.pop(key, None)
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

