"""How the cache names a file: its absolute path as bytes (a file name need not be valid UTF-8)."""

from __future__ import annotations

import os
import sys

from ..files import absolute

FS_ENCODING, FS_ERRORS = sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()


def key_of(path: str) -> bytes:
    # os.fsencode, without its checks: 100,000 keys a run
    return absolute(path).encode(FS_ENCODING, FS_ERRORS)


def path_of(key: bytes) -> str:
    return key.decode(FS_ENCODING, FS_ERRORS)


def blob(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # YAML's "\ud800" is a str SQLite's text cannot hold


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
                return rests.replace("\0", "\0" + full)[1:].encode(FS_ENCODING, FS_ERRORS).split(b"\0")
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
        out.append(text.encode(FS_ENCODING, FS_ERRORS))
    return out
