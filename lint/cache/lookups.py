"""The lookup rows by name (`refs`) and their buckets' digests: which files bear a name, which link
to one, so that a run over a few files of a large library loads only their neighbourhood.

`refs` rows fall into 65,536 buckets by their name, and `digests` keeps each bucket's XOR of its
rows' hashes, so a row lost, changed or added shows as a bucket that does not add up; the run then
loads the whole library instead and the lookup rows are made again from the records."""

from __future__ import annotations

from typing import Any, Iterable

from .database import Database
from .keys import blob, path_of
from .records import refs_of, valid_record
from .sums import bucket, checked, ref_hash


class Lookups(Database):
    """The lookup rows of the store (Cache, which keeps them as it writes each file's row)."""

    stamps: dict[bytes, tuple]
    refs_damaged: bool  # a bucket did not add up: the rows are made again when the run writes
    _buckets: dict[int, list[tuple]]  # lookup rows checked this run, by bucket
    _delta: dict[int, int]  # per bucket, the XOR of the lookup rows the transaction writes

    def named(self, names: Iterable[str]) -> set[bytes] | None:
        """Keys of the files a link naming any of `names` may resolve to (None: the cache cannot tell)."""
        found = self._refs(names, links=False)
        return None if found is None else {key for key, _, _ in found}

    def linking_to(self, names: Iterable[str], types: Iterable[str] | None = None) -> set[bytes] | None:
        """Keys of the files with a link naming any of `names` (of one of `types`, when given)."""
        found = self._refs(names, links=True)
        if found is None:
            return None
        kinds = None if types is None else {blob(t) for t in types}
        return {key for key, _, kind in found if kinds is None or kind in kinds}

    def _refs(self, names: Iterable[str], links: bool) -> list[tuple] | None:
        """The lookup rows of files bearing one of `names` (of links naming one, with `links`), or None
        when the cache cannot tell (it failed, or a bucket did not add up: then the lookup rows are
        made again when the run writes)."""
        wanted = {blob(n) for n in names}
        buckets = {bucket(name, b"" if links else None) for name in wanted}
        todo = sorted(buckets - self._buckets.keys())
        if todo:
            found = self._guard(self._checked_buckets, todo)
            if found is None:
                if self.db is not None:
                    self.refs_damaged = True
                return None
            self._buckets.update(found)
        return [row for number in buckets for row in self._buckets[number]
                if row[1] in wanted and (row[2] is not None) == links]

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
        for number, total in kept:
            if number in stored:
                return None
            stored[number] = total
        out: dict[int, list[tuple]] = {number: [] for number in buckets}
        totals = dict.fromkeys(buckets, 0)
        seen = set()
        for rowid, key, name, kind in rows:
            if rowid in seen or type(key) is not bytes or type(name) is not bytes or \
                    (kind is not None and type(kind) is not bytes):
                return None
            seen.add(rowid)
            number = bucket(name, kind)
            if number not in totals:
                return None
            totals[number] ^= ref_hash(key, name, kind)
            out[number].append((key, name, kind))
        for number in buckets:
            total = stored.get(number, 0)
            if type(total) is not int or total != totals[number]:
                return None
        return out

    # Writing them (in the store's write transaction) ---------------------------------------------------

    def _drop_refs(self, key: bytes) -> None:
        self._xor(key, self.db.execute("SELECT name, type FROM refs WHERE key = ?", (key,)).fetchall())
        self.db.execute("DELETE FROM refs WHERE key = ?", (key,))

    def _add_refs(self, key: bytes, refs: set[tuple]) -> None:
        self.db.executemany("INSERT INTO refs VALUES (?, ?, ?, ?)", [(bucket(name, kind), key, name, kind)
                                                                    for name, kind in refs])
        self._xor(key, refs)

    def _xor(self, key: bytes, refs: Iterable[tuple]) -> None:
        delta = self._delta
        for name, kind in refs:
            if type(name) is bytes and (kind is None or type(kind) is bytes):  # (else its bucket will not add up)
                number = bucket(name, kind)
                delta[number] = delta.get(number, 0) ^ ref_hash(key, name, kind)

    def _apply_delta(self) -> None:
        if self._delta:
            self.db.executemany("INSERT INTO digests VALUES (?, ?) ON CONFLICT (bucket) DO UPDATE SET "
                                "total = (~(total & excluded.total)) & (total | excluded.total)", self._delta.items())
            self._delta = {}

    def _rebuild_refs(self, rewritten: set[bytes]) -> list[tuple]:
        """Make every lookup row again from the records (after a bucket did not add up), but those of
        the files this transaction writes again (`rewritten`). The rows (rowid, key) whose record
        fails its checks: their lookup rows cannot be known, so their files must be indexed again."""
        db = self.db
        db.execute("DELETE FROM refs")
        db.execute("DELETE FROM digests")
        self._delta = {}
        spoilt = []
        for rowid, key, hash_, record, stored in db.execute("SELECT rowid, key, hash, record, record_sum FROM files"):
            if type(key) is bytes and key in rewritten:
                continue
            # (checked against the row's own hash: the lookup rows describe the row, whichever run wrote it)
            value = checked(record, stored, b"r", key, hash_, valid_record) \
                if type(key) is bytes and type(hash_) is bytes else None
            if value is None:
                spoilt.append((rowid, key))
                continue
            self._add_refs(key, refs_of(path_of(key), value))
        return spoilt
