"""What the tests comparing two readers of a body share (test_body_backend.py: markdown-it-pyrs against
markdown-it-py; test_body_scan.py: the linear scan against markdown-it-py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lint import body, document


def fields(parsed: body.Body):
    return [dataclasses.astuple(block) for block in parsed.blocks], parsed.lines, parsed.first_line


def first_difference(got: body.Body, expected: body.Body, ours: str, theirs: str = "markdown-it-py") -> str:
    """The first block the two readers disagree on, each named, for an assertion's message."""
    width = max(len(ours), len(theirs))
    for mine, reference in zip(got.blocks, expected.blocks):
        if mine != reference:
            return f"{ours:<{width}} {mine!r}\n{theirs:<{width}} {reference!r}"
    return f"{len(got.blocks)} blocks against {len(expected.blocks)}"


def texts_of(path: Path) -> list[tuple[str, int]]:
    """The body as lint.document hands it over, and the whole file (frontmatter read as Markdown)."""
    doc = document.load(str(path))
    if doc.text is None:  # not UTF-8 (a seed): the whole file with the bad bytes replaced
        return [(path.read_bytes().decode("utf-8", errors="replace"), 1)]
    return [(doc.body, doc.body_line), (doc.text, 1)]


def line_cases(marks: list[str], contents: list[str], count: int, seed: int, *, depths: list[int],
               most_lines: int, ended: float):
    """Fuzzed bodies line by line: up to `depths` container marks, then a content; `ended`: the share
    of texts that end with a line break."""
    import random

    rng = random.Random(seed)
    for _ in range(count):
        lines = ["".join(rng.choice(marks) for _ in range(rng.choice(depths))) + rng.choice(contents)
                 for _ in range(rng.randint(1, most_lines))]
        yield "\n".join(lines) + ("\n" if rng.random() < ended else "")
