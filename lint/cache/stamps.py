"""A file's stamp, and the ways of telling which files changed without reading them: the packed
snapshot of every stamp, and the stat of a whole library in two processes.

A stamp is a tuple (kept as one: 100,000 of them are loaded per run):
(size, mtime_ns, hash, has results, record has the body's links, is a pattern, ctime_ns, inode, device).
A file whose size, times, inode and device are its stamp's is not read again (as git does).
"""

from __future__ import annotations

import os
import re
import stat as stat_module
import struct
import sys
from array import array
from operator import itemgetter
from typing import Any

from .database import Database
from .sums import HASH, checksum, digest, gone_hash

# A stamp as the files table holds it (the columns in the order of a stamp)
QUERY = "SELECT key, size, mtime, hash, results IS NOT NULL, whole, pattern, ctime, inode, device FROM files"
QUERY_CHECKED = ("SELECT rowid, key, size, mtime, hash, results IS NOT NULL, whole, pattern, ctime, inode, device, "
                 "stamp_sum FROM files")
_STAMP = struct.Struct("<qqqQQqq")  # size, mtime, ctime, inode, device, whole, is a pattern
_U64 = (1 << 64) - 1
_IS_PATTERN = itemgetter(5)  # of a stamp


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


def stamp_sum(key: bytes, stamp: tuple) -> bytes:
    """Of a stamp's values as the files table keeps them (not "has results": other rules' runs clear
    the findings of every row at once; a row claiming findings it lacks fails their own checksum)."""
    size, mtime, hash_, _, whole, pattern, ctime, inode, device = stamp
    return checksum(b"s", key, _STAMP.pack(size, mtime, ctime, inode, device, int(whole), int(pattern)),
                    hash_.encode())


def of_row(row: tuple) -> tuple[Any, tuple | None]:
    """(key, stamp) of a row of QUERY_CHECKED; the stamp is None when the row fails its checks."""
    _, key, size, mtime, hash_, results, whole, pattern, ctime, inode, device, stored = row
    if type(key) is not bytes or type(hash_) is not bytes or len(hash_) != HASH or type(stored) is not bytes \
            or not all(type(n) is int for n in (size, mtime, results, whole, pattern, ctime, inode, device)):
        return key, None
    try:
        stamp = (size, mtime, hash_.decode("ascii"), results, whole, pattern, ctime, inode & _U64, device & _U64)
    except UnicodeDecodeError:
        return key, None
    return key, (stamp if stamp_sum(key, stamp) == stored else None)


def patterns(stamps: dict[bytes, tuple], keys: set[bytes]) -> int:
    """How many of `keys` are patterns, by their stamps."""
    if len(keys) * 2 < len(stamps):
        return sum(1 for key in keys if key in stamps and stamps[key][5])
    # nearly every file (a one-file run asks for all the others): count them all, take off the rest
    outside = stamps.keys() - keys
    return sum(map(bool, map(_IS_PATTERN, stamps.values()))) - sum(1 for key in outside if stamps[key][5])


# A snapshot of the stamps: a header (with the number of entries and a checksum of the generation it
# was taken at and all that follows), then per entry six int64 (size, mtime, ctime, has results,
# whole, is a pattern) and two uint64 (inode, device), then the 32-character hashes, then the keys
# joined by NUL (a path cannot hold one). Packed by hand: 100,000 stamps load in 0.1 s, and a damaged
# or foreign blob cannot run anything.
MAGIC = b"pattern-lint stamps 2 " + sys.byteorder.encode() + b"\n"
_HASHES = re.compile(".{%d}" % HASH, re.S)


def pack(stamps: dict[bytes, tuple], generation: int) -> bytes | None:
    values = list(stamps.values())
    hashes = "".join(v[2] for v in values)
    if len(hashes) != HASH * len(values) or not hashes.isascii() or any(b"\0" in key for key in stamps):
        return None
    try:
        numbers = array("q", [n for v in values for n in (v[0], v[1], v[6], v[3], v[4], v[5])])
        ids = array("Q", [n for v in values for n in (v[7], v[8])])
    except (OverflowError, TypeError, IndexError):
        return None
    body = b"".join([numbers.tobytes(), ids.tobytes(), hashes.encode(), b"\0".join(stamps)])
    return b"".join([MAGIC, len(values).to_bytes(8, "little"), _snapshot_sum(generation, body), body])


def _snapshot_sum(generation: int, body: bytes) -> bytes:
    return checksum(b"p", generation.to_bytes(8, "little", signed=True), body)


def unpack(blob: Any, generation: Any) -> dict[bytes, tuple] | None:
    """The stamps `pack` packed at `generation`, or None for anything else."""
    start = len(MAGIC) + 8 + 16
    if not isinstance(blob, bytes) or not blob.startswith(MAGIC) or len(blob) < start \
            or type(generation) is not int or _snapshot_sum(generation, blob[start:]) != blob[start - 16:start]:
        return None
    count = int.from_bytes(blob[start - 24:start - 16], "little")
    numbers_end = start + 48 * count
    ids_end = numbers_end + 16 * count
    hashes_end = ids_end + HASH * count
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


# The stat of a whole library -------------------------------------------------------------------------

SPLIT_STAT = 20_000  # files from which `suspects` stats in two processes (forking costs about 10 ms)


def suspects(stamps: dict, items: list[tuple[bytes, str]], max_size: int, body_links: bool) -> list[int]:
    """Indices of the items whose stamp is missing or whose file's stat differs from it."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if len(items) < SPLIT_STAT or not hasattr(os, "fork") or cores < 2:
        return compare(stamps, items, 0, len(items), max_size, body_links)
    half = len(items) // 2
    try:
        reading, writing = os.pipe()
        child = os.fork()
    except OSError:
        return compare(stamps, items, 0, len(items), max_size, body_links)
    if child == 0:  # the child stats the second half and sends back the indices, then exits at once
        status = 1
        try:
            os.close(reading)
            data = array("q", compare(stamps, items, half, len(items), max_size, body_links)).tobytes()
            with open(writing, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    try:
        mine = compare(stamps, items, 0, half, max_size, body_links)
    finally:  # the child is always waited for, so none is left behind
        with open(reading, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(child, 0)
    theirs = array("q")
    if status != 0 or len(data) % theirs.itemsize:
        return mine + compare(stamps, items, half, len(items), max_size, body_links)  # it failed: do its half
    theirs.frombytes(data)
    return mine + theirs.tolist()


def compare(stamps: dict, items: list[tuple[bytes, str]], start: int, end: int, max_size: int,
            body_links: bool) -> list[int]:
    """Indices from `start` to `end` of the items whose stamp is missing or differs from their stat."""
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


# The stamps as the store loads and saves them ----------------------------------------------------------

class Stamps(Database):
    """The stamps of the store (Cache): `stamps` (key -> stamp) is loaded from the snapshot and the
    rows written since it, and saved as a new snapshot once many rows were written."""

    stamps: dict[bytes, tuple]
    damaged: set[bytes]
    generation: int | None  # the write count `stamps` is an exact copy of the files table at
    snapshot_at: int | None  # the generation of the snapshot `stamps` was loaded from
    changes: int  # rows written since that snapshot
    _writing: int  # the generation the transaction being written makes
    # (a row that fails its checks is queued for the store's _drop: its file is indexed again)

    def _load_stamps(self) -> None:
        """Every entry's stamp: the snapshot (one blob) and the rows written since it. Reading 100,000
        rows takes 0.3 s, a one-file pre-commit run's largest cost at that size; the snapshot, 0.1 s.
        A snapshot whose checksum fails, or whose `gone` rows do not add up, is not used."""
        db = self.db
        db.execute("BEGIN")  # one read transaction: the generation, the snapshot and the rows agree
        try:
            generation = self._generation()
            row = db.execute("SELECT generation, stamps FROM snapshot").fetchone()
            stamps = unpack(row[1], row[0]) \
                if row is not None and type(row[0]) is int and 0 <= row[0] <= generation else None
            gone = self._gone_rows() if stamps is not None else None
            if stamps is None or gone is None:
                self.stamps = {}
                self._add_stamps(db.execute(QUERY_CHECKED))
                self.snapshot_at, self.changes = None, len(self.stamps)
            else:
                since = row[0]
                for key, at in gone:  # removed since, and perhaps written again later: rows come after
                    if at > since:
                        stamps.pop(key, None)
                self.stamps = stamps
                changes = self._add_stamps(db.execute(QUERY_CHECKED + " WHERE generation > ?", (since,)))
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
            key, stamp = of_row(row)
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
            total ^= gone_hash(key, generation)
        return rows if total == self._meta_int("gone") else None

    def is_pattern(self, key: bytes) -> bool:
        """Whether the file `key` names was a pattern when its entry was written."""
        stamp = self.stamps.get(key)
        return bool(stamp and stamp[5])

    def patterns(self, keys: set[bytes]) -> int:
        """How many of the files `keys` names are patterns."""
        return patterns(self.stamps, keys)

    def stamp_count(self) -> int:
        """How many files the cache describes."""
        return len(self.stamps)

    def _gone(self, keys: list[bytes]) -> None:
        """Files whose rows went in this transaction, for runs that load an older snapshot; their XOR
        is kept in `meta`, so that a `gone` row lost does not go unnoticed."""
        self.db.executemany("INSERT INTO gone VALUES (?, ?)", [(key, self._writing) for key in keys])
        total = self._meta_int("gone")
        if total is not None:  # (a damaged total stays wrong: the snapshot is not used until it is written again)
            for key in keys:
                total ^= gone_hash(key, self._writing)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('gone', ?)", (str(total),))

    def _save_snapshot(self) -> None:
        """Keep `stamps` as one blob, when they are an exact copy of the files table (checked under
        the write lock). Rewritten once the rows written since are many, not on every run."""
        blob = pack(self.stamps, self.generation)
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
                        total ^= gone_hash(key, generation)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('gone', ?)", (str(total),))
