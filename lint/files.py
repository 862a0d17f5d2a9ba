"""Reading a file's bytes safely: the one reader of the whole program (the document reader says what
is wrong with a file it could not read; the cache and the runner only need the bytes, or nothing).

A file is opened without blocking (a FIFO swapped in must not hang the run), is read only when it is
a regular file within the size limit, and is read for what it holds, never for the limit. Also how
a path is made absolute, quickly (`absolute`).
"""

from __future__ import annotations

import os
import stat

READ_CHUNK = 1 << 20
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


class NotRegular(Exception):
    """A folder, pipe, socket or device: not read."""


class TooLarge(Exception):
    """More bytes than the limit: `size` as the file said it was, or (`grew`) it grew past the limit
    while it was being read."""

    def __init__(self, size: int, grew: bool = False) -> None:
        super().__init__(size, grew)
        self.size = size
        self.grew = grew


def read(path: str, max_size: int) -> bytes:
    """The bytes of the regular file at `path`, of at most `max_size` bytes. Raises NotRegular,
    TooLarge, or the OSError of the stat or the read (as a stat before opening would: a socket or a
    file too large is said to be one even when it cannot be opened)."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError:
        _check(os.stat(path), max_size)  # (the stat's error, when the stat fails too)
        raise
    try:
        info = os.fstat(fd)
        _check(info, max_size)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        data = read_at_most(handle, max_size, info.st_size)
    if len(data) > max_size:
        raise TooLarge(len(data), grew=True)
    return data


def read_or_none(path: str, max_size: int) -> bytes | None:
    """`read`'s bytes, or None for anything it would refuse (the document reader says what)."""
    try:
        return read(path, max_size)
    except (OSError, NotRegular, TooLarge):
        return None


def _check(info: os.stat_result, max_size: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise NotRegular()
    if info.st_size > max_size:
        raise TooLarge(info.st_size)


def absolute(path: str) -> str:
    """os.path.abspath, without its work for a path that is absolute and normal already (every
    path a walk from an absolute folder lists): 100,000 of them are listed on every run."""
    if path[:1] == "/" and "/." not in path and "//" not in path and path[-1] != "/":
        return path
    return os.path.abspath(path)


def read_at_most(handle, limit: int, size: int | None = None) -> bytes:
    """The bytes of the open file `handle`, at most `limit` + 1 of them (one more than `limit` says
    it is too large). Asks for what the file holds (its size, then chunks while it grows), never for
    the limit: read(n) allocates n bytes before reading, so read(limit + 1) of a small file made a
    10 MB buffer for each file, and a limit of 100 GB a MemoryError. `size`: the file's, when known."""
    if size is None:
        try:
            size = os.fstat(handle.fileno()).st_size
        except (OSError, AttributeError, ValueError):
            size = 0
    data = handle.read(min(limit + 1, max(size, 0) + 1))
    if len(data) <= size or len(data) > limit:
        return data  # the whole file (it ended before its size + 1), or more than the limit
    chunks = [data]
    total = len(data)
    while total <= limit:  # it grew since its size was taken
        chunk = handle.read(min(READ_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
