"""The linear scan (lint/body/scan.py) finds the blocks markdown-it-py finds, or leaves the text to the parsers.

Every comparison calls `scan.parse` and `reference.parse` (markdown-it-py, the oracle) and compares every
field of every block; None from the scan means "left to the parsers", which is never wrong, only slower.
The tests also check that the scan does read the common texts (real files, the generated library), so
that a scan that gives up on everything cannot pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bodies import fields, first_difference, line_cases, texts_of
from helpers import SHARED, load_generator
from lint import body
from lint.body import reference, scan

REPO = Path(__file__).resolve().parents[1]


def scanned(text: str, first_line: int = 1) -> bool:
    """The scan agrees with markdown-it-py on `text`; True if it read the text itself."""
    got = scan.parse(text, first_line)
    if got is None:
        return False
    expected = reference.parse(text, first_line)
    assert fields(got) == fields(expected), first_difference(got, expected, "scan")
    return True


# --- Every real file in ../shared, and the examples ------------------------------------------------

def real_files() -> list[Path]:
    files = sorted(SHARED.rglob("*.md")) if SHARED.is_dir() else []
    return files + sorted((SHARED / "seeds").glob("*.txt")) + sorted((REPO / "examples").rglob("*.md"))


@pytest.mark.skipif(not (SHARED / "corpus-sample").is_dir(), reason="needs ../shared")
def test_every_real_file():
    files = real_files()
    assert len(files) >= 39 + 29 + 5
    read = [scanned(text, first_line) for path in files for text, first_line in texts_of(path)]
    # the scan reads most bodies itself (the others: tabs, HTML, code in lists, definitions)
    assert sum(read) >= 0.75 * len(read)


def test_generated_library(tmp_path):
    load_generator().generate(300, str(tmp_path), seed=3, defects=True)
    files = sorted(tmp_path.glob("*.md"))
    assert len(files) == 300
    read = [scanned(text, first_line) for path in files for text, first_line in texts_of(path)]
    assert all(read)  # the generated Markdown is all of the kinds the scan reads


# --- Hand-written cases ----------------------------------------------------------------------------

CASES = {
    "headings": "# a\n## b ##\n### c#\n####### seven\n#tag\n   # three\n    # four is code\n#\n",
    "setext": "Title\n=====\n\nSub *title*\nsecond line\n---\n\n  Indented\n  ===\n\nnot\n- - -\n",
    "setext after one letter": "a\n-\n\nb\n=\n",
    "paragraph interrupted": "p\n- item\n\np\n1. one\n\np\n2. two\n\np\n-\n\np\n*\n\np\n# h\np\n> q\n\np\n***\n",
    "paragraph not interrupted": "p\n#tag\n=x\n_x_\n*x*\n2024 was\n1.5 m\n    indented\n```a`b\n",
    "paragraph then fence": "p\n```\ncode\n```\nq\n~~~~\n~~~\n~~~~\n",
    "unclosed fence": "text\n\n```\nnever closed\n\n# not a heading\n",
    "fence closings": "```\na\n ```\nb\n````\n\n~~~\n~~~ x\n    ~~~\n~~~  \n",
    "indented code": "para\n\n    code\n\n\n    more\n\nafter\n",
    "comments": "<!-- one -->\n\n<!--\nmulti\nline\n-->\ntext\n\np\n<!-- interrupts -->\n\n<!--\nunclosed\n",
    "lists": "- a\n- b\n\n- c\n\n\n\nafter\n\n1. x\n2. y\n3) z\n",
    "nested lists": "- a\n  - b\n    - c\n      - d\n  - e\n- f\n\n1. x\n   1. y\n      - z\n",
    "lists with paragraphs": "1. one\n\n   more\n\n2. two\n   lazy\nlazier\n\n   * inner\n\n     text\n",
    "list kinds end lists": "- a\n* b\n+ c\n1. d\n1) e\n",
    "list then blocks": "- a\n# h\n- b\n> q\n\n- c\n---\n- d\n\n```\nx\n```\n",
    "list trailing blanks at end": "- a\n- b\n\n\n",
    "list marker spacing": "-  two\n-    four\n   under\n1.  x\n    y\n",
    "lazy lines in lists": "- a\n  - b\nlazy\n- c\n    deep lazy\n",
    "blockquotes": "> a\nb\n> c\n\n> d\n\ne\n",
    "callout": "> [!NOTE] Confidence: ★★★\n> more\n\n> [!TIP]\n> - one\n> - two\n",
    "quote continued when indented": "> a\n    > b\n     lazy\n\n> x\n# h\n",
    "quote then rule": "> a\n---\n\n> b\n***\n",
    "rules": "---\n___\n***\n - - -\n* * *\n",
    "non-ascii": "é😀漢字 paragraph\n\n## Tïtle 😀 漢字\n\n> quoté\n\n- ünïcode\n- 😀\n",
    "no trailing newline": "# Title\n\nLast paragraph",
    "empty": "",
    "blank lines only": "\n\n  \n",
    "unicode spaces": "\u00a0\n\n# \u00a0x\u2003\n\n\u2028a\n",
    "links and tasks": "[link](/x) starts a paragraph\n\n- [ ] task\n- [x] done [a] b\n",
}

# Left to the parsers, on purpose: tabs, CR, NUL, definitions, HTML, code or quotes in lists, ...
LEFT = {
    "tab": "-\ta\n",
    "CR": "a\r\nb\n",
    "NUL": "a\0b\n",
    "definition": "[a]: /url\n",
    "label on two lines": "[a\nb]: /c\n",
    "html": "<div>\nx\n</div>\n",
    "fence in list": "- a\n\n  ```\n  x\n  ```\n",
    "code in list": "- a\n\n      code\n",
    "quote in list": "- a\n  > q\n",
    "quote ending in marks only": "> a\n>\n\nb\n",
    "nested quote": "> > a\n",
    "code in quote": "> ```\n> x\n> ```\n",
    "empty item": "-\n  foo\n",
    "list on one line": "- - a\n",
    "lazy list line after quote": "> quote\n2. two\n",
    "setext in list": "- a\n  ---\n",
    "marks only last line": "> a\n>",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cases(name):
    assert scanned(CASES[name]) or name in {"comments"}  # an unclosed comment: the scan still reads it
    scanned(CASES[name], 42)


@pytest.mark.parametrize("name", sorted(LEFT))
def test_left_to_the_parsers(name):
    assert scan.parse(LEFT[name], 1) is None
    assert fields(body.parse(LEFT[name], 1)) == fields(reference.parse(LEFT[name], 1))


def test_the_cases_are_read_as_meant():
    """Guards the oracle: the cases above really have these blocks."""
    parsed = scan.parse(CASES["nested lists"], 1)
    assert [(b.kind, b.line, b.end_line, b.items) for b in parsed.blocks] == [("list", 1, 7, 2), ("list", 8, 10, 1)]
    parsed = scan.parse(CASES["setext"], 1)
    assert [(b.level, b.title) for b in parsed.headings] == [(1, "Title"), (2, "Sub *title*\nsecond line"),
                                                            (1, "Indented")]
    assert scan.parse(CASES["callout"], 1).blocks[0].callout == "NOTE"


# --- Fuzzing ---------------------------------------------------------------------------------------

# Line by line: container marks, then content, weighted to what the scan reads (no tabs, CR, NUL).
MARKS = [">", "> ", " ", "  ", "   ", "    ", "     ", "- ", "* ", "+ ", "1. ", "2) ", "10. ", "-  ", "1.  ", "-",
         "1.", ""]
CONTENTS = ["", "", "", "text", "more text", "text", "*em* text", "**bold**", "2024 text", "1.5 x", "# h", "## h ##",
            "#", "#tag", "===", "=", "---", "-", "***", "- - -", "___", "```", "~~~", "```py", "```a`b", "<!--", "-->",
            "<!-- c -->", "<div>", "[!NOTE] x", "[link](/x) y", "[a]: /u", "[b", "é漢😀", "x  ", "  y", "- ", "1.",
            "2.", "> x", ">", "`code`", " "]


def test_line_fuzz():
    cases = list(line_cases(MARKS, CONTENTS, 8000, seed=23, depths=[0, 0, 0, 1, 1, 2], most_lines=14, ended=0.8))
    read = sum(scanned(text) for text in cases)
    assert read > 0.15 * len(cases)  # the others hold HTML, definitions, code in lists, ...


# Block by block: the shapes of pattern files (headings, paragraphs, lists, callouts, rules, code).
BLOCKS = ["# Title", "## 1. Context", "### Section 2: Problem", "Setext\n======", "Sub\n---", "para", "line one\nline two",
          "para\n- item\n- item", "para\n1. one\n2. two", "para\n2. not a list", "- a\n- b\n- c", "- a\n  - b\n    - c",
          "- a\n\n  more\n- b", "1. one\n   lazy\nlazier", "* a\n+ b", "> [!NOTE] x\n> y", "> q\nlazy", "> - a\n> - b",
          "---", "***", "```\ncode\n\n# not\n```", "~~~\nx", "    indented", "<!-- comment -->", "<!--\nopen", "-->",
          "text\n    indented lazy", "- a\n# h", "> q\n# h", "- a\n---", "p\n***", "- [ ] task", "**Bold** text"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(BLOCKS), st.sampled_from(["", "", " ", "  ", "   ", "    ", "> ", "- "]),
                          st.sampled_from(["\n", "\n", "\n\n", "\n\n\n"])), max_size=12),
       st.booleans())
def test_hypothesis_blocks(parts, trailing_newline):
    text = "".join("\n".join(prefix + line for line in block.split("\n")) + sep for block, prefix, sep in parts)
    scanned(text if trailing_newline else text.rstrip("\n"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(st.sampled_from(MARKS + ["\t", "> > ", " \t"]), max_size=3),
                          st.sampled_from(CONTENTS + ["x\r", "\tx", "<script>", "<span>", "<?x", "x\0"])),
                max_size=14),
       st.sampled_from(["\n", "\n", "\r\n"]))
def test_hypothesis_lines(lines, newline):
    """Also tabs, CRLF, nested quotes and other HTML, which the scan leaves to the parsers."""
    scanned(newline.join("".join(marks) + content for marks, content in lines) + "\n")
