"""The literal text every match of a regular expression must hold: a cheap test before the expression.

A large alternation such as a band's `named_by` phrases (format.json) starts with `\\b` or a
lookbehind, so Python's engine tries every branch at every position of the text (30 µs a text);
`str.__contains__` on the few literals the branches must hold costs well under a microsecond.

`needles(pattern)` reads the pattern's parse tree: for each top-level branch, the longest run of
consecutive ASCII literal characters at that branch's own level (a run a match of the branch must
hold as written, whatever the groups, repeats and assertions around it match). None when some
branch has no such run: then every text may match. `may_match` says False only where the
expression cannot match: with `ignore_case`, only for ASCII text (where IGNORECASE compares ASCII
characters as `str.lower` does; outside ASCII, `ſ` matches `s` and `K` matches `k`).
"""

from __future__ import annotations

from functools import lru_cache

try:
    from re import _parser as _sre_parse  # Python 3.11+
    from re._constants import BRANCH, LITERAL, SRE_FLAG_IGNORECASE
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]
    from sre_constants import BRANCH, LITERAL, SRE_FLAG_IGNORECASE  # type: ignore[no-redef]


def needles(pattern: str) -> tuple[str, ...] | None:
    """One literal per top-level branch of `pattern` that any match of that branch contains (as
    written, case kept), or None when some branch has none (or the pattern does not parse)."""
    return _read(pattern)[1]


@lru_cache(maxsize=256)
def _read(pattern: str) -> tuple[bool, tuple[str, ...] | None]:
    """(whether the pattern turns IGNORECASE on itself, `needles(pattern)`)."""
    try:
        tree = _sre_parse.parse(pattern)
    except Exception:
        return False, None
    return bool(tree.state.flags & SRE_FLAG_IGNORECASE), _branches(tree)


def _branches(tree) -> tuple[str, ...] | None:
    items = list(tree)
    if len(items) == 1 and items[0][0] is BRANCH:
        branches = [list(branch) for branch in items[0][1][1]]
    else:
        branches = [items]
    out = []
    for branch in branches:
        best = run = ""
        for op, value in branch:
            if op is LITERAL and value < 128:
                run += chr(value)
                best = max(best, run, key=len)
            else:
                run = ""
        if not best:
            return None
        out.append(best)
    return tuple(out)


def may_match(pattern: str, text: str, ignore_case: bool = False) -> bool:
    """False only when `re.search(pattern, text, re.IGNORECASE if ignore_case else 0)` finds nothing."""
    inline, found = _read(pattern)
    if found is None:
        return True
    if ignore_case or inline:
        if not text.isascii():
            return True
        text = text.lower()
        return any(needle.lower() in text for needle in found)
    return any(needle in text for needle in found)
