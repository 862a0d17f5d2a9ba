"""The two body parsers give the same blocks: markdown-it-pyrs (fast, native) against markdown-it-py (the oracle).

`body.parse` uses markdown-it-pyrs when it imports and the text suits it, markdown-it-py
otherwise. Every comparison here calls both directly (`native.parse`, `reference.parse`) and compares
every field of every block; `native.parse` returning None means "left to markdown-it-py", which
the tests allow only where they say so.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bodies import fields, first_difference, line_cases, texts_of
from helpers import SHARED, load_generator
from lint import body
from lint.body import native, reference

# markdown-it-pyrs comes with the `fast` extra (the test extra has it). Without it every body goes
# to markdown-it-py, which the rest of the suite runs on: nothing here to compare.
pytest.importorskip("markdown_it_pyrs", reason="markdown-it-pyrs (the `fast` extra) is not installed")

REPO = Path(__file__).resolve().parents[1]


def same(text: str, first_line: int = 1, *, rs_required: bool = True) -> bool:
    """Both backends agree on `text`; True if markdown-it-pyrs really parsed it."""
    expected = reference.parse(text, first_line)
    got = native.parse(text, first_line)
    if got is None:
        assert not rs_required, "markdown-it-pyrs left an ordinary text to markdown-it-py"
        return False
    assert fields(got) == fields(expected), first_difference(got, expected, "markdown-it-pyrs")
    return True


def real_files():
    files = sorted((SHARED / "corpus-sample").rglob("*.md")) + sorted((SHARED / "seeds").glob("*.txt"))
    files += sorted((REPO / "examples").rglob("*.md"))
    return files


# --- Real files -------------------------------------------------------------------------------------

needs_shared = pytest.mark.skipif(not (SHARED / "corpus-sample").is_dir(), reason="needs ../shared")


@needs_shared
@pytest.mark.parametrize("path", real_files(), ids=lambda p: p.name)
def test_real_files(path):
    for text, first_line in texts_of(path):
        same(text, first_line)


@needs_shared
def test_the_real_files_are_there():
    names = [path.name for path in real_files()]
    assert len(names) >= 39 + 5 + 6  # corpus sample, seeds, examples
    assert sum(name.endswith(".txt") for name in names) == 5


def test_generated_library(tmp_path):
    load_generator().generate(300, str(tmp_path), seed=1, defects=True)
    files = sorted(tmp_path.glob("*.md"))
    assert len(files) == 300
    for path in files:
        for text, first_line in texts_of(path):
            same(text, first_line)


# --- Hand-written cases -----------------------------------------------------------------------------

TRICKY = {
    "empty": "",
    "blank lines only": "\n\n  \n\t\n",
    "no trailing newline": "# Title\n\nLast paragraph",
    "one line": "word",
    "non-ascii before blocks": "é😀漢字 paragraph\n\n## Tïtle 😀 漢字\n\n> quoté\n\n- ünïcode\n- 😀\n",
    "non-ascii in heading markup": "# Tïtle *em* `c` ##\n\n### 漢字 **强** [链接](/x) ###   \n",
    "emoji lines then code": "😀😀😀\n\n```\n漢字\n```\n\n    😀 indented\n",
    "atx closing sequences": "# a #\n## b ##   \n### c#\n#### d \\#\n##### #\n###### ###\n# #a #\n#\t\ttab\t#\t\n",
    "atx leading spaces": "   # three\n    # four is code\n",
    "atx escapes and entities": "## a \\*b\\* &amp; &#35; &copy;\n# \\# escaped\n",
    "empty headings": "#\n\n##\n\n### ###\n\n#   \n",
    "seven hashes": "####### not a heading\n",
    "hash without space": "#tag\n",
    "unicode whitespace in heading": "# \u00a0title\u2003\n\n#\u00a0no space\n",
    "setext": "Title\n=====\n\nSub *title*\nsecond line\n---\n\n  Indented\n  ===\n",
    "setext with trailing spaces": "Title  \nnext   \n===   \n",
    "setext vs hr": "para\n\n---\n\n***\n\n- - -\n\n* * *\n",
    "setext after list": "- item\nlazy\n---\n",
    "lists with blank lines": "- a\n\n- b\n\n\n- c\n\n\n\nafter\n",
    "list trailing blanks at end": "- a\n- b\n\n\n",
    "loose list with paragraphs": "1. one\n\n   more\n\n2. two\n\n   > quote\n\n3) other marker\n",
    "nested lists": "- a\n  - b\n    - c\n      - d\n  - e\n- f\n\n1. x\n   1. y\n      - z\n",
    "fence in list": "- item\n\n  ```python\n  code\n  ```\n\n- next\n  ~~~\n  tilde\n  ~~~\n",
    "fence in blockquote": "> quote\n>\n> ```\n> code\n> ```\n>\n>     indented\n\nafter\n",
    "fence in list in blockquote": "> - a\n>   ```\n>   x\n>   ```\n> - b\n",
    "unclosed fence": "text\n\n```\nnever closed\n\n# not a heading\n",
    "unclosed fence in list": "- a\n  ```\n  b\n\nc\n",
    "html comment in list": "- a\n\n  <!-- comment -->\n\n- b <!-- inline -->\n\n<!--\nmulti\nline\n-->\n",
    "html blocks": "<div>\nx\n</div>\n\n<script>\nlet a = 1;\n\n</script>\n\n<custom-tag>\n\n<?php x ?>\n\n<!DOCTYPE html>\n",
    "html in blockquote": "> <div>\n> x\n> </div>\n\n> <!-- c -->\n",
    "indented code": "para\n\n    code\n\n\n    more code\n\nafter\n",
    "indented code after para is lazy": "para\n    not code\n",
    "tabs": "\t code\n\n-\ttab item\n\n>\tquote tab\n\n  \t mixed\n\n#\ttab heading\n",
    "reference definitions": "[a]: /url\n\n[b]: /u 'title'\n[c]: <x y>\n\npara\n[d]: /not-a-def\n",
    "multi-line reference definitions": "[c]:\n  /next-line\n\n[d]: /u\n'title on next line'\n\n[e\nf]: /g\n",
    "definition or paragraph": "[a]:\n1. \nb\n\n[c]: /u 'multi\n2. line'\n\n[d]:\n-\n",
    "reference definitions in containers": "> [a]: /url\n\n- [b]: /u\n\n  [c]: /v\n",
    "reference after paragraph and heading": "# h\n[a]: /url\n\ntext\n\n[b]: /u\n# h2\n",
    "reference-like in code": "```\n[a]: /url\n```\n\n    [b]: /url\n",
    "tables (not CommonMark)": "| a | b |\n|---|---|\n| 1 | 2 |\n\nText\n| x |\n",
    "blockquote lazy continuation": "> a\nb\n> c\n\n> d\n\ne\n",
    "blockquote with blank quoted lines": "> a\n>\n>\n> b\n",
    "callout": "> [!NOTE] Confidence Rating: ★★★ (High)\n> more\n",
    "hr kinds": "---\n___\n***\n - - -\n",
    "numbered list start": "7. seven\n8. eight\n\n1) paren\n",
    "list interrupting paragraph": "para\n- item\n\npara\n1. one\n\npara\n2. not a list\n",
    "empty list items": "-\n  foo\n-\n\n- \n",
    "ordered list with big numbers": "123456789. nine digits\n1234567890. ten digits\n",
    "nul characters": "# a\x00b\n\nx\x00y\n\nT\x00\n===\n",
    "nul characters, not ascii": "# é\x00\n\n[a]:\na\x00b\n",
    "lone CR-free line separators": "a\u2028b\n\nc\u2029d\n\n\x0b\x0c\n\ne\x85f\n",
    "lone CR": "# a\rb\r\nc\n",
    "blank last line without newline": "```\ncode\n  ",
    "blank last line in a list": "- a\n  ```\n\t ",
    # Read differently by the two parsers: left to markdown-it-py (see lint/body/native.py)
    "quote, then a lazy line that could start a list": "> quote\n2. two\n",
    "nested quote, then a lazy line that could start a list": "> q\n> > q\n> 1.\n",
    "quote ending in marks only": "> a\n>\n>\n\nafter\n\n> + >\n\nx\n",
    "comment in a list item, across a blank line": "- item\n  <!-- open\n\n  still open -->\n",
    "destination ending in a backslash": "[a]: x\\\n\npara\n",
    "marks only on the last line, no newline": "> ~~~\n>",
    "long frontmatter-like body": "---\ntitle: x\n---\n\n# h\n",
    "deep but ordinary nesting": "> > > > > deep\n\n- a\n  - b\n    - c\n      - d\n        - e\n          ```\n          x\n          ```\n",
    "backslash line ends": "a\\\nb\n\n# c\\\n",
    "trailing spaces everywhere": "# h   \n\npara   \n\n- item   \n\n",
}


# Texts the two parsers read differently, or may: markdown-it-pyrs leaves them to markdown-it-py.
LEFT_TO_MARKDOWN_IT_PY = {"multi-line reference definitions", "definition or paragraph", "lone CR", "nul characters",
                          "nul characters, not ascii", "quote, then a lazy line that could start a list",
                          "nested quote, then a lazy line that could start a list", "quote ending in marks only",
                          "comment in a list item, across a blank line", "destination ending in a backslash",
                          "marks only on the last line, no newline"}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky(name):
    text = TRICKY[name]
    assert same(text, rs_required=name not in LEFT_TO_MARKDOWN_IT_PY) == (name not in LEFT_TO_MARKDOWN_IT_PY)
    same(text, 42, rs_required=False)  # body lines start further down the file


def test_headings_and_titles_are_read():
    """Guards the oracle itself: the cases above really have headings with these titles."""
    parsed = native.parse(TRICKY["atx closing sequences"], 1)
    assert [b.title for b in parsed.headings] == ["a", "b", "c#", "d \\#", "", "", "#a", "tab"]
    parsed = native.parse(TRICKY["setext"], 1)
    assert [(b.level, b.title) for b in parsed.headings] == [(1, "Title"), (2, "Sub *title*\nsecond line"),
                                                            (1, "Indented")]
    lists = [b for b in native.parse(TRICKY["lists with blank lines"], 1).blocks if b.kind == "list"]
    assert [(b.line, b.end_line, b.items) for b in lists] == [(1, 9, 3)]
    quoted = native.parse(TRICKY["fence in blockquote"], 1).blocks[0]
    assert quoted.code == ((2, 5), (6, 7))


# --- Seeded fuzz ------------------------------------------------------------------------------------

FRAGMENTS = [
    "# Heading", "## Héading ##", "### 漢字 `code` ###", "#", "####### seven", "Title\n===", "Sub\n---",
    "para", "para with *em* and [link](/x)", "😀 emoji para", "line one\nline two", "lazy\ncontinuation",
    "- item", "- item\n- item", "* star", "+ plus", "1. one", "2) two", "- a\n  - b", "- a\n\n  b", "-\n  x",
    "> quote", "> > nested", ">\n> x", "> - quoted item", "- > item quote", "> ```\n> code\n> ```",
    "```", "```\ncode\n```", "~~~ python\nx\n~~~", "    indented", "\tTabbed", "  - indented item",
    "<!-- comment -->", "<!--\nopen comment", "-->", "<div>", "</div>", "<script>\nx\n</script>", "<a href='x'>",
    "[ref]: /url", "[ref]: /url 'title'", "[not]: ", "  [ref]: <x>", "---", "***", "- - -", "___",
    "| a | b |\n|---|---|", "", " ", "é", "\\# escaped", "&amp; entity", "[!NOTE] callout", "> [!NOTE] x",
    "text  ", "  text", "   # three spaces", "10. ten", "- [ ] task", "a\x00b",
    "[a]:", "[a]: /u", "/url", "'title'", "'multi", "line'", "1.", "2. x", "-", "[a", "b]: /u", "[a]: <b c>",
]
PREFIXES = ["", "", "", "  ", "    ", "> ", "- ", "1. ", "\t"]
SEPARATORS = ["\n", "\n", "\n\n", "\n\n\n"]


def fuzz_cases(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 14)):
            fragment = rng.choice(FRAGMENTS)
            prefix = rng.choice(PREFIXES)
            if prefix:
                fragment = "\n".join(prefix + line if rng.random() < 0.8 else line for line in fragment.split("\n"))
            parts.append(fragment + rng.choice(SEPARATORS))
        text = "".join(parts)
        yield text if rng.random() < 0.8 else text.rstrip("\n")


def test_fuzz():
    cases = list(fuzz_cases(600, seed=20260222))
    parsed_by_rs = sum(same(text, 5, rs_required=False) for text in cases)
    assert parsed_by_rs > 0.8 * len(cases)  # the others have NUL, or definitions over lines


# Line by line: a few container marks, then a line's content, so that containers nest, end, and
# continue lazily in every way; this found each disagreement listed in lint/body/native.py.
MARKS = [">", "> ", " ", "  ", "   ", "    ", "\t", "- ", "* ", "+ ", "1. ", "2) ", "10. ", "-", "1.", ""]
CONTENTS = ["", "", "", "text", "more text", "# h", "## h ##", "#", "===", "---", "***", "- - -", "```", "~~~",
            "```py", "<!--", "-->", "<!-- c -->", "<div>", "</div>", "<script>", "</script>", "<?php", "?>", "<!X",
            "<![CDATA[", "]]>", "<a>", "[a]: /u", "[a]:", "/u", "'t'", "'t", "t'", "[b", "c]: /d", "é漢😀", "x  ",
            "  y", "| a |", "\\", "&amp;", "- ", "1.", "2.", ">", "> x", "`code`", "\t", " "]


def test_line_fuzz():
    cases = list(line_cases(MARKS, CONTENTS, 3000, seed=7, depths=[0, 0, 1, 1, 2, 3], most_lines=12, ended=0.7))
    parsed_by_rs = sum(same(text, rs_required=False) for text in cases)
    assert parsed_by_rs > 0.7 * len(cases)


# --- Nesting: markdown-it-py stops at 20 levels, markdown-it-pyrs leaves those texts to it ---------

NESTED = {
    "blockquotes": lambda d: "> " * d + "x\n\n" + "> " * d + "```\n" + "> " * d + "c\n" + "> " * d + "```\nafter\n",
    "blockquotes tight": lambda d: ">" * d + "    code\n" + ">" * d + "\n" + ">" * d + "<!-- x -->\ny\n",
    "lists": lambda d: "".join("  " * i + "- x\n" for i in range(d)) + "  " * d + "```\n" + "  " * d + "c\n"
                       + "  " * d + "```\n\n\nz\n",
    "lists on one line": lambda d: "- " * d + "x\n" + "  " * d + "<div>\n\n" + "  " * d + "y\n\n\n# h\n",
    "mixed": lambda d: "- > " * d + "x\n\n" + "  > " * d + "    code\n\nend\n",
}


@pytest.mark.parametrize("shape", sorted(NESTED))
def test_nesting_up_to_where_markdown_it_py_stops(shape):
    by_rs = [depth for depth in range(1, 31) if same(NESTED[shape](depth), rs_required=False)]
    deepest = {"blockquotes": 19, "blockquotes tight": 19, "lists": 9, "lists on one line": 9, "mixed": 6}[shape]
    assert by_rs == list(range(1, deepest + 1))


# --- Hostile input: no crash (a native one would kill the process: each runs in its own), fast ------

HOSTILE = {
    "100,000 nested >": '">" * 100_000 + " x\\n"',
    "100,000 nested > with spaces": '"> " * 100_000 + "x\\n"',
    "10,000 nested list markers": '"- " * 10_000 + "x\\n"',
    "10,000 nested ordered markers": '"1. " * 10_000 + "x\\n"',
    "1,000 nested list lines": '"".join("  " * i + "- x\\n" for i in range(1000))',
    "1,000 nested list lines, tabs": '"".join("\\t" * i + "- x\\n" for i in range(1000))',
    "100 nested > (markdown-it-pyrs, then markdown-it-py's limit)": '">" * 100 + " x\\n"',
    "5 MB single line": '"a" * 5_000_000',
    "2 MB rule line": '"-" * 2_000_000',
    "100,000 backticks": '"`" * 100_000',
    "nested emphasis (crashes markdown-it-pyrs's inline parser)": '"_a " * 100_000 + "a_ " * 100_000',
    "100,000 brackets": '"[" * 100_000',
    "20,000 reference definitions (quadratic in markdown-it-pyrs)": '"[a]: b\\n" * 20_000',
    "10,000 quoted reference definitions": '"> [a]: b\\n" * 10_000',
    "definitions then a long paragraph": '"[a]: b\\n" * 300 + "x\\n" * 30_000',
    "250,000 comment openers": '"<!--" * 250_000',
    "20,000 list items": '"- a\\n" * 20_000',
    "NUL bytes": '"# a\\x00\\n\\x00\\n> \\x00\\n" * 1000',
    "lone surrogates": '"# a\\ud800\\n\\n\\udfff para\\n" * 1000',
}
HOSTILE_SCRIPT = """
import dataclasses, json, sys, time
from lint import body
from lint.body import native, reference
text = {expression}
start = time.perf_counter()
parsed = body.parse(text, 1)
seconds = time.perf_counter() - start
rs = native.parse(text, 1)
same = rs is None or [dataclasses.astuple(b) for b in rs.blocks] == \\
    [dataclasses.astuple(b) for b in reference.parse(text, 1).blocks]
print(json.dumps({{"seconds": seconds, "same": same, "blocks": len(parsed.blocks), "rs": rs is not None}}))
"""


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input(name):
    script = HOSTILE_SCRIPT.format(expression=HOSTILE[name])
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    result = json.loads(done.stdout)
    assert result["same"]
    assert result["blocks"] >= 1
    assert result["seconds"] < 2.0, result


def test_the_native_parser_stays_away_from_its_crashes():
    """The guards that keep texts from markdown-it-pyrs, each on the smallest text that trips it."""
    assert native.parse("x\n" + "  " * 62 + "- x\n", 1) is not None  # a prefix of 126
    assert native.parse("x\n" + ">" * 128 + " x\n", 1) is None  # 128: could nest 512 deep
    assert native.parse(">" * 128 + " x\n", 1) is None  # also on the first line
    assert native.parse("-" * 128 + "\n", 1) is None  # a long rule line too (markdown-it-py: the same)
    assert native.parse("[a]: b\n" * 1000, 1) is None  # 1,000 x 1,000 definition-lines: over the budget
    same("[a]: b\n" * 900)
    assert native.parse("# a\ud800\n", 1) is None


# --- Fallback ---------------------------------------------------------------------------------------

SAMPLE = TRICKY["fence in list"] + TRICKY["setext"] + TRICKY["reference definitions"]


class PanicException(BaseException):
    """Stands for pyo3's PanicException: a Rust panic, raised as a BaseException."""


class Raising:
    def __init__(self, error):
        self.error = error

    def tree(self, text):
        raise self.error


@pytest.mark.parametrize("error", [PanicException("rust panicked"), ValueError("bad"), MemoryError()])
def test_a_failing_native_parser_falls_back(monkeypatch, error):
    monkeypatch.setattr(native, "parser", lambda: Raising(error))
    assert fields(body.parse(SAMPLE, 3)) == fields(reference.parse(SAMPLE, 3))


class Node:
    def __init__(self, name, srcmap, children=()):
        self.name, self.srcmap, self.children, self.meta = name, srcmap, list(children), {}


class Returning:
    def __init__(self, *nodes):
        self.root = Node("root", None, nodes)

    def tree(self, text):
        return self.root


@pytest.mark.parametrize("parser", [Returning(Node("table", (0, 3))), Returning(Node("paragraph", None)),
                                    Returning(Node("blockquote", (0, 3), [Node("html_block", None)]))],
                         ids=["unknown node", "no span", "nested, no span"])
def test_a_tree_it_cannot_read_falls_back(monkeypatch, parser):
    monkeypatch.setattr(native, "parser", lambda: parser)
    assert fields(body.parse(SAMPLE, 3)) == fields(reference.parse(SAMPLE, 3))


@pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit])
def test_interrupts_are_not_swallowed(monkeypatch, error):
    monkeypatch.setattr(native, "parser", lambda: Raising(error()))
    with pytest.raises(error):
        body.parse(SAMPLE, 1)


@pytest.fixture
def without_markdown_it_pyrs(monkeypatch):
    monkeypatch.setitem(sys.modules, "markdown_it_pyrs", None)  # `import` raises ImportError
    native.parser.cache_clear()
    yield
    native.parser.cache_clear()  # the next call imports it again (monkeypatch puts it back after this)


def test_without_markdown_it_pyrs(without_markdown_it_pyrs):
    assert native.parser() is None
    assert fields(body.parse(SAMPLE, 3)) == fields(reference.parse(SAMPLE, 3))


def test_markdown_it_pyrs_is_used_when_installed(monkeypatch):
    def no(*args):
        raise AssertionError("markdown-it-py was called")

    monkeypatch.setattr(reference, "parse", no)
    assert body.parse(SAMPLE, 1).headings


def test_markdown_it_pyrs_is_imported_on_first_use():
    script = textwrap.dedent("""
        import sys
        from lint import body
        assert "markdown_it_pyrs" not in sys.modules and "markdown_it" not in sys.modules
        body.parse("# a", 1)
        assert "markdown_it_pyrs" in sys.modules and "markdown_it" not in sys.modules
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
