"""The checksums that keep every value read back from the cache honest (BLAKE2b, each bound to
its row's key and to the content hash of the file it describes), and the buckets of the lookup rows."""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any, Callable

HASH = 32  # characters of a file's content hash (digest)
BUCKETS = 1 << 16  # of the lookup rows by name (about 23 rows a bucket at 100,000 files)


def digest(data: bytes) -> str:
    """A file's content hash."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def checksum(kind: bytes, *parts: bytes) -> bytes:
    """BLAKE2b of the parts, each with its length (no two different rows give the same input)."""
    h = hashlib.blake2b(kind, digest_size=16)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


def small(value: bytes) -> int:
    return int.from_bytes(value[:8], "little", signed=True)


def ref_hash(key: bytes, name: bytes, kind: bytes | None) -> int:
    """A lookup row's 64-bit hash (a file's name when `kind` is None, else a link of that type); one
    call, the lengths first (a first run hashes every link of every file)."""
    data = b"n%d:" % len(key) + key + name if kind is None else b"k%d:%d:" % (len(key), len(kind)) + key + kind + name
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def gone_hash(key: bytes, generation: int) -> int:
    return small(checksum(b"g", key, generation.to_bytes(8, "little", signed=True)))


def bucket(name: bytes, kind: bytes | None) -> int:
    """A lookup row's bucket, by its name: a file's names and links fall in different buckets (a name
    many files link to fills its bucket, which a lookup of the files bearing a name need not read)."""
    return zlib.crc32(name, 0 if kind is None else 1) & (BUCKETS - 1)


def signed(number: int) -> int:
    """An inode or device number (unsigned 64-bit) as SQLite's signed integer holds it."""
    return number - (1 << 64) if number >= 1 << 63 else number


def payload_sum(kind: bytes, key: bytes, hash_: bytes, value: bytes) -> bytes:
    """Of a value of a files row, bound to the row's key and to the content hash of its file (one
    call: a warm run checks one per file). A key holds no NUL and a hash is 32 characters."""
    return hashlib.blake2b(b"".join((kind, key, b"\0", hash_, value)), digest_size=16).digest()


def payload_sums(key: bytes, hash_: bytes, record: bytes | None, results: bytes | None,
                 identity: bytes | None) -> tuple:
    """The checksums of a files row's record, findings and identity (None for a value that is None)."""
    return tuple(None if value is None else payload_sum(kind, key, hash_, value)
                 for kind, value in ((b"r", record), (b"f", results), (b"i", identity)))


def checked(value: Any, stored: Any, kind: bytes, key: bytes, hash_: bytes, valid: Callable[[Any], bool]) -> Any:
    """The JSON in `value` when its checksum is `stored` and `valid` accepts it, else None."""
    if type(value) is not bytes or type(stored) is not bytes or len(hash_) != HASH \
            or payload_sum(kind, key, hash_, value) != stored:
        return None
    try:
        loaded = loads(value)
    except (ValueError, RecursionError):
        return None
    return loaded if valid(loaded) else None


_scan = json.JSONDecoder().scan_once  # json.loads' own scanner (its default decoder's)


def loads(value: bytes) -> Any:
    """`json.loads(value)`: the scanner called directly on the text when it is UTF-8 and one JSON
    value from its first character to its last (what json.dumps wrote), without json.loads' encoding
    detection and whitespace matching (a warm run reads one value a file); anything else (damage)
    goes to json.loads itself, so the answer, or the error, is always its own."""
    try:
        text = value.decode("utf-8")
        loaded, end = _scan(text, 0)
        if end == len(text):
            return loaded
    except Exception:  # (StopIteration, ValueError, RecursionError): json.loads says what it is
        pass
    return json.loads(value)
