"""lint.literals: `may_match` says False only where the expression finds nothing.

Checked on the formats' own `named_by` phrases (vitality-band-mismatch reads them) against every
real file's text under ../shared, and on hypothesis-fuzzed text built from the phrases' words
(cased every way, with the characters IGNORECASE matches outside ASCII)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import SHARED
from lint import literals

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def _named_by(value) -> list[str]:
    if isinstance(value, dict):
        own = [value["named_by"]] if isinstance(value.get("named_by"), str) else []
        return own + [p for v in value.values() for p in _named_by(v)]
    if isinstance(value, list):
        return [p for v in value for p in _named_by(v)]
    return []


PATTERNS = sorted({p for path in SCHEMAS.glob("*/format.json") for p in _named_by(json.loads(path.read_text()))})


def _agrees(pattern: str, text: str) -> None:
    if re.search(pattern, text, re.IGNORECASE):
        assert literals.may_match(pattern, text, ignore_case=True), (pattern, text)


def test_the_formats_have_phrases():
    assert PATTERNS and all(literals.needles(p) for p in PATTERNS)  # else the test checks nothing


def test_needles_of_branches():
    assert literals.needles(r"\bis (?:very )?generative\b|\(generative\)") == ("generative", "(generative)")  # the longest run
    assert literals.needles(r"ab|(?:c|d)") is None  # a branch without a literal: anything may match
    assert literals.needles(r"(?:ab|cd)") == ("ab", "cd")  # the parser drops the group
    assert literals.needles(r"(ab|cd)") is None  # a group's own branches are not read
    assert literals.needles("(") is None


@pytest.mark.parametrize(("pattern", "text", "ignore_case", "expected"), [
    ("Generative", "it is GENERATIVE", True, True),
    ("Generative", "it is GENERATIVE", False, False),
    ("(?i)Generative", "it is GENERATIVE", False, True),  # the pattern's own flag
    ("Sustaining", "it is ſustaining", True, True),  # `ſ` matches `s` under IGNORECASE: not ASCII, not judged
    ("kind", "a \u212aind", True, True),  # the Kelvin sign matches `k`
    ("Generative", "it is functional", True, False),
])
def test_may_match(pattern, text, ignore_case, expected):
    assert literals.may_match(pattern, text, ignore_case) is expected
    if not expected:
        assert not re.search(pattern, text, re.IGNORECASE if ignore_case else 0)


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared")
def test_real_files():
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(SHARED.rglob("*.md"))]
    assert texts
    for text in texts:
        one_line = " ".join(text.split())
        for pattern in PATTERNS:
            _agrees(pattern, text)
            _agrees(pattern, one_line)


_WORDS = sorted({w for p in PATTERNS for w in re.findall(r"[A-Za-z']+", p)}) + ["(", ")", ".", "ſ", "\u212a", "İ", "-"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.lists(st.sampled_from([" ", "", "  ", ". ", "\n"]), max_size=12),
       st.randoms(use_true_random=False))
def test_hypothesis(words, gaps, random):
    words = [w.upper() if random.random() < 0.3 else w.title() if random.random() < 0.3 else w for w in words]
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    for pattern in PATTERNS:
        _agrees(pattern, text)
