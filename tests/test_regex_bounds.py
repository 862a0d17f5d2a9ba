"""Every regular expression run over body text or frontmatter values, on 1 MB of adversarial text.

Each worst case is a long run of the pattern's own characters without what would close or
complete the match, which is quadratic (or worse) for a backtracking pattern that is not
written to be linear. Each call must take < 2 s; a whole-file run of a 1 MB body < 5 s.
A SIGALRM stops a runaway call (the `re` engine checks for signals), so a regression
fails in seconds instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import STANDALONE, edit
from lint import body, document, formats, links, reconcile, sections, statements, suppression, yamlnodes
from lint.body import model as body_blocks, reference as body_reference
from lint.runner import Options, run
from lint.rules import cited_score_mismatch, invalid_slug, invalid_typeid, template_placeholder, vitality_band_mismatch

MB = 1_000_000
LIMIT = 2.0
FILE_LIMIT = 5.0

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM to stop runaway regexes")


class Runaway(BaseException):
    """Not an Exception: the runner's `except Exception` (internal-error) must not swallow it."""


@contextmanager
def deadline(seconds: float):
    def stop(signum, frame):
        raise Runaway(f"still running after {seconds:.1f} s (super-linear on adversarial input?)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)  # again every 0.5 s
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def bounded(call, limit: float = LIMIT):
    start = time.perf_counter()
    with deadline(limit + 0.5):
        value = call()
    elapsed = time.perf_counter() - start
    assert elapsed < limit, f"took {elapsed:.2f} s"
    return value


def _cited_patterns():
    v7 = formats.by_name("v7", formats.FORMATS)
    return cited_score_mismatch._patterns(tuple(v7.body["cited_scores"]))


def _named_by() -> list[str]:
    found = []
    for path in sorted(Path(__file__).resolve().parents[1].glob("schemas/*/format.json")):
        def walk(value):
            if isinstance(value, dict):
                for key, item in value.items():
                    if key in ("named_by", "negated_by") and isinstance(item, str):
                        found.append(item)
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
        walk(json.loads(path.read_text(encoding="utf-8")))
    return sorted(set(found))


def lazy(module, name: str, method: str):
    """`module.name.method` looked up when called: a regex replaced by string code skips its cases
    (the whole-file tests below still cover the input) instead of breaking collection."""
    def call(text):
        pattern = getattr(module, name, None)
        if pattern is None:
            pytest.skip(f"{module.__name__}.{name} is gone; the whole-file tests cover this input")
        return list(pattern.finditer(text)) if method == "all" else getattr(pattern, method)(text)
    return call


def cited(index: int):
    def call(text):
        return list(_cited_patterns()[index].finditer(text))
    return call


def rating(line: str):
    """The confidence-rating reader on one blockquote line (regex or not)."""
    doc = document.Document(path="x.md", body="> " + line + "\n", body_line=1)
    return reconcile.confidence_rating(doc)

# (id, function applied as the code applies it, adversarial text of about 1 MB)
CASES = [
    # lint/body/ (model.py, reference.py, text.py, __init__.py)
    ("body.callout", lazy(body_blocks, "_CALLOUT", "match"), ">" + " " * (MB // 2) + "[!" + "a" * (MB // 2)),
    ("body.callout-spaces", lazy(body_blocks, "_CALLOUT", "match"), " " * MB),
    ("body.reference-definition", lazy(body_reference, "_REFERENCE_DEFINITION", "match"), " [" + "a" * MB),
    ("body.reference-definition-blank", lazy(body_reference, "_REFERENCE_DEFINITION", "match"), "[a]:" + " " * MB),
    ("body.plain-quotes", body.plain, ">" * MB),
    ("body.plain-indented-quotes", body.plain, "   >\n" * (MB // 5)),
    ("body.plain-spaces", body.plain, " " * MB),
    ("body.plain-markup", body.plain, "*_`" * (MB // 3)),
    ("body.without-inline-code-backticks", body.without_inline_code, "`" * MB),
    ("body.without-inline-code-alternating", body.without_inline_code, "`a" * (MB // 2)),
    ("body.without-inline-code-lengths", body.without_inline_code,
     "".join("`" * k + "a" for k in range(1, 1400))),
    ("body.without-inline-code-unclosed-runs", body.without_inline_code,
     "".join("`" * k + " x " for k in range(1, 1400))),
    ("body.without-inline-code-blank-lines", body.without_inline_code, "``" + "`a\n \n" * (MB // 5) + "``"),
    ("body.without-inline-code-keep-columns", lambda t: body.without_inline_code(t, keep_columns=True),
     "`" + "a" * MB + "`"),
    ("body.words-quotes", body.words, "> " * (MB // 2)),
    ("body.words-headings", body.words, "#" * MB),
    ("body.words-digits", body.words, "1" * MB),
    ("body.words-list-markers", body.words, "- " * (MB // 2)),
    ("body.words-spaces-tabs", body.words, " \t" * (MB // 2) + "x"),
    # lint/document.py
    ("document.yaml-key", lazy(document, "_YAML_KEY", "match"), "a" * MB),
    ("document.yaml-key-dashes", lazy(document, "_YAML_KEY", "match"), "a" + "-" * MB),
    ("document.starts-like-yaml", document._starts_like_yaml, ["#" * MB, "a" * MB]),
    ("document.toml-identity-newlines", lazy(document, "_TOML_IDENTITY", "search"), "\n" * MB),
    ("document.toml-identity-spaces", lazy(document, "_TOML_IDENTITY", "search"), " " * MB),
    ("document.toml-identity-quotes", lazy(document, "_TOML_IDENTITY", "search"), '"' * MB),
    ("document.json-identity-quotes", lazy(document, "_JSON_IDENTITY", "search"), '"id"' * (MB // 4)),
    ("document.json-identity-spaces", lazy(document, "_JSON_IDENTITY", "search"), '"id"' + " " * MB),
    ("document.near-delimiter-spaces", lazy(document, "_NEAR_DELIMITER", "fullmatch"), " \u200b" * (MB // 2) + "x"),
    ("document.near-delimiter-dashes", lazy(document, "_NEAR_DELIMITER", "fullmatch"), "-" * MB + " x"),
    ("document.near-delimiter-alternating", lazy(document, "_NEAR_DELIMITER", "fullmatch"), "--- " * (MB // 4)),
    ("document.blank", lazy(document, "_BLANK", "fullmatch"), "\ufeff " * (MB // 2) + "x"),
    ("document.identity-key", lazy(document, "_IDENTITY_KEY", "match"), " " * MB + "id"),
    ("document.near-miss", lambda t: document._near_miss(document.Document("x.md"), t),
     ("\n" * 19 + " ---\n" + "title: x\n" * (MB // 9))),
    # lint/links.py
    ("links.inline-brackets", lazy(links, "_INLINE", "all"), "[" * MB),
    ("links.inline-unclosed-text", lazy(links, "_INLINE", "all"), "[" + "a" * MB),
    ("links.inline-lines", lazy(links, "_INLINE", "all"), "[a" + "\na" * (MB // 2)),
    ("links.inline-nested", lazy(links, "_INLINE", "all"), "[[a]" * (MB // 4)),
    ("links.inline-open-paren", lazy(links, "_INLINE", "all"), "[a](" * (MB // 4)),
    ("links.inline-spaces-before-url", lazy(links, "_INLINE", "all"), "[a](" + " " * MB),
    ("links.inline-spaces-after-url", lazy(links, "_INLINE", "all"), "[a](b" + " " * MB),
    ("links.inline-unclosed-title", lazy(links, "_INLINE", "all"), '[a](b "' + "x" * MB),
    ("links.inline-titles", lazy(links, "_INLINE", "all"), '[a](b "x" ' * (MB // 10)),
    ("links.inline-images", lazy(links, "_INLINE", "all"), "![a](" * (MB // 5)),
    ("links.reference-unclosed", lazy(links, "_REFERENCE", "all"), "[" + "a" * MB),
    ("links.reference-blank", lazy(links, "_REFERENCE", "all"), "[a]:" + " " * MB),
    ("links.reference-long-url", lazy(links, "_REFERENCE", "all"), "[a]: <" + "x" * MB),
    ("links.reference-lines", lazy(links, "_REFERENCE", "all"), "[a]:\n" * (MB // 5)),
    ("links.scheme", lazy(links, "_SCHEME", "match"), "a" * MB),
    ("links.slug-of-url-patterns-segments", links.pattern_slug_of_url, "/patterns" * (MB // 9) + "/!"),
    ("links.slug-of-url-segments", links.pattern_slug_of_url, "patterns/" + "a/" * (MB // 2) + "!"),
    ("links.slug-of-url-long-slug", links.pattern_slug_of_url, "patterns/" + "a-" * (MB // 2)),
    ("links.slug-of-url-md", links.pattern_slug_of_url, "a-" * (MB // 2) + "!.md"),
    ("links.slug-of-url-sibling", links.pattern_slug_of_url, "./" + "a-" * (MB // 2) + "!"),
    ("links.slug-of-url-hashes", links.pattern_slug_of_url, "#?" * (MB // 2)),
    # lint/reconcile.py
    ("reconcile.rating-word-spaces", rating, "Confidence Rating: a" + " " * MB + "x"),
    ("reconcile.rating-spaces", rating, "Confidence Rating" + " " * MB + "x"),
    ("reconcile.rating-stars", rating, "Confidence Rating: " + "★" * MB + " (x"),
    ("reconcile.rating-repeated", rating, "Confidence Rating" * (MB // 17)),
    ("reconcile.rating-bold", rating, "Confidence Rating " + "** " * (MB // 3) + "x"),
    ("reconcile.marker-blanks", lazy(reconcile, "_MARKER", "match"), "   >" + " \t" * (MB // 2) + "x"),
    ("reconcile.marker-unclosed", lazy(reconcile, "_MARKER", "match"), "> [!" + "a" * MB),
    ("reconcile.rating-marker-blanks", rating, "[!NOTE]" + " " * MB + "Confidence Rating: ★"),
    ("body.rule-underline", lazy(body, "_RULE_UNDERLINE", "fullmatch"), "-" * MB + "x"),
    ("body.rule-underline-blanks", lazy(body, "_RULE_UNDERLINE", "fullmatch"), "---" + " \t" * (MB // 2) + "x"),
    ("reconcile.summary-brackets", lambda t: reconcile.compare_summary(t, t[1:] + "x", "summary"), "[" * MB),
    ("reconcile.summary-links", lambda t: reconcile.compare_summary(t, "x", "summary"), "[a](" * (MB // 4)),
    ("reconcile.summary-link-url", lambda t: reconcile.compare_summary(t, "x", "summary"), "[a](" + "b" * MB),
    ("reconcile.summary-one-word", lambda t: reconcile.compare_summary(t, t + " b", "summary"), "a " * (MB // 2)),
    ("reconcile.summary-dashes", lambda t: reconcile.compare_summary(t, "x", "summary"), "- " * (MB // 2)),
    ("reconcile.summary-marks", lambda t: reconcile.compare_summary(t, t + "x", "summary"), ".)" * (MB // 2)),
    ("reconcile.summary-escapes", lambda t: reconcile.compare_summary(t, "x", "summary"), "\\" * MB),
    # lint/sections.py
    ("sections.recognise-section-spaces", lambda t: sections.recognise(t, ["Context"]), "section" + " " * MB + "x"),
    ("sections.recognise-digits", lambda t: sections.recognise(t, ["Context"]), "1" * MB),
    ("sections.recognise-separators", lambda t: sections.recognise(t, ["Context"]), "1" + " .:-" * (MB // 4)),
    ("sections.recognise-stars", lambda t: sections.recognise(t, ["Context"]), "*_ " * (MB // 3)),
    ("statements.normalise-vs", statements.normalise, "vs." * (MB // 3)),
    ("statements.normalise-quotes", statements.normalise, "“‘«" * (MB // 3)),
    ("sections.comments-unclosed", lambda t: sections._has_text(body.Block("html", 1, 1, t)) if hasattr(sections, "_has_text") else sections.is_empty(body.Section(body.Block("heading", 1, 1, "# x"), [body.Block("html", 1, 1, t)])), "<!--" * (MB // 4)),
    ("sections.comments-dashes", lambda t: sections._has_text(body.Block("html", 1, 1, t)) if hasattr(sections, "_has_text") else sections.is_empty(body.Section(body.Block("heading", 1, 1, "# x"), [body.Block("html", 1, 1, t)])), "<!--" + "-" * MB),
    # lint/suppression.py
    ("suppression.body-start-repeated", lazy(suppression, "_BODY_START", "all"), "<!--pattern-lint:" * (MB // 17)),
    ("suppression.body-start-spaces", lazy(suppression, "_BODY_START", "all"), "<!--" + " " * MB),
    ("suppression.front-start-repeated", lazy(suppression, "_FRONT_START", "all"), "#pattern-lint:" * (MB // 14)),
    ("suppression.directive-unclosed-list", lazy(suppression, "_DIRECTIVE", "match"), " disable=" + "a, " * (MB // 3)),
    ("suppression.directive-names", lazy(suppression, "_DIRECTIVE", "match"), " disable=" + "a-" * (MB // 2) + "!"),
    ("suppression.directive-list-spaces", lazy(suppression, "_DIRECTIVE", "match"), "disable=a" + " ," * (MB // 2) + "!"),
    ("suppression.directive-spaces", lazy(suppression, "_DIRECTIVE", "match"), " " * MB + "x"),
    # lint/yamlnodes.py
    ("yamlnodes.tab-dashes", lazy(yamlnodes, "_TAB", "search"), "-" * MB + "\t"),
    ("yamlnodes.tab-dash-spaces", lazy(yamlnodes, "_TAB", "search"), "- " * (MB // 2) + "\t"),
    ("yamlnodes.tab-words", lazy(yamlnodes, "_TAB", "search"), "a" * MB + "\t"),
    ("yamlnodes.tab-spaces", lazy(yamlnodes, "_TAB", "search"), " " * MB + "x\t"),
    ("yamlnodes.markdown-line", lazy(yamlnodes, "_MARKDOWN_LINE", "match"), "*" * MB),
    # lint/library.py
    ("library.slugify", lambda t: re.findall(r"[a-z0-9]+", t.lower()), "a-" * (MB // 2)),
    # rules
    ("cited-score.out-of-five-hint", lazy(cited_score_mismatch, "_SLASH_FIVE", "search"), "/" + " " * MB),
    ("cited-score.name", cited(0), "resilience" * (MB // 10)),
    ("cited-score.in-parentheses", cited(1), "resilience " * (MB // 11)),
    ("cited-score.in-parentheses-open", cited(1), "resilience (" * (MB // 12)),
    ("cited-score.in-parentheses-scored", cited(1), "resilience (scored " * (MB // 19)),
    ("cited-score.out-of-five", cited(2), "resilience score " * (MB // 17)),
    ("cited-score.out-of-five-separators", cited(2), "resilience" + " |:=*" * (MB // 5)),
    ("cited-score.out-of-five-digits", cited(2), "resilience 3" + " " * MB + "/"),
    ("invalid-slug.slug", lazy(invalid_slug, "SLUG", "fullmatch"), "a-" * (MB // 2) + "!"),
    ("invalid-slug.suggestion", lambda t: re.findall(r"[a-z0-9]+", t.lower()), "A-" * (MB // 2)),
    ("invalid-typeid.typeid", lazy(invalid_typeid, "TYPEID", "fullmatch"), "pat_" + "0" * MB),
    ("invalid-typeid.hex", lazy(invalid_typeid, "HEX_ONLY", "fullmatch"), "pat_" + "a" * MB),
    ("template-placeholder.braces", lazy(template_placeholder, "PLACEHOLDER", "all"), "{A" * (MB // 2)),
    ("template-placeholder.unclosed-brace", lazy(template_placeholder, "PLACEHOLDER", "all"), "{" + "A" * MB),
    ("template-placeholder.words", lazy(template_placeholder, "PLACEHOLDER", "all"), "(1 - 1" + " " * MB),
    ("template-placeholder.parens", lazy(template_placeholder, "PLACEHOLDER", "all"), "(" * MB),
    ("template-placeholder.digits", lazy(template_placeholder, "PLACEHOLDER", "all"), "(" + "1" * MB),
    ("template-placeholder.id", lazy(template_placeholder, "PLACEHOLDER", "all"), "pat_placeholder" * (MB // 15)),
    ("vitality-band.quoted-apostrophes", lambda t: lazy(vitality_band_mismatch, "_QUOTED", "all")(t), "'" * MB),
    ("vitality-band.quoted-open", lambda t: lazy(vitality_band_mismatch, "_QUOTED", "all")(t), '"a' * (MB // 2)),
    ("vitality-band.quoted-curly", lambda t: lazy(vitality_band_mismatch, "_QUOTED", "all")(t), "“a" * (MB // 2)),
    # markdown-it block parsing, through lint.body.parse
    ("markdown-it.blockquote-nesting", lambda t: body.parse(t, 1), ">" * MB),
    ("markdown-it.blockquote-nesting-spaced", lambda t: body.parse(t, 1), "> " * (MB // 2)),
    ("markdown-it.list-nesting", lambda t: body.parse(t, 1), "- " * (MB // 2)),
    ("markdown-it.list-nesting-lines", lambda t: body.parse(t, 1),
     "".join("  " * i + "- x\n" for i in range(1000)) * 1),
    ("markdown-it.brackets", lambda t: body.parse(t, 1), "[" * MB),
    ("markdown-it.backticks", lambda t: body.parse(t, 1), "`" * MB),
    ("markdown-it.html-comment", lambda t: body.parse(t, 1), "<!--" * (MB // 4)),
]


@pytest.mark.parametrize("name,call,text", CASES, ids=[c[0] for c in CASES])
def test_regex_is_bounded(name, call, text):
    bounded(lambda: call(text))


@pytest.mark.parametrize("pattern", _named_by())
@pytest.mark.parametrize("text", ["sustain " * (MB // 8), "deplet" * (MB // 6), "-" * MB, "is " * (MB // 3),
                                  "is very " * (MB // 8), "rated " * (MB // 6), ". " * (MB // 2), "not " * (MB // 4)])
def test_vitality_band_named_by_is_bounded(pattern, text):
    bounded(lambda: re.search(pattern, text, re.IGNORECASE))


def test_named_by_patterns_found():
    assert _named_by(), "no vitality band patterns found in schemas/*/format.json"


# --- Whole files: a pattern with 1 MB of one adversarial kind in its body ---------------------------

SECTION_8 = "Members ask questions: alive. Nobody reads the ledger: decaying.\n"
BODIES = {
    "backticks": "`" * MB,
    "brackets": "[" * MB,
    "blockquote-nesting": ">" * MB,
    "list-nesting": "- " * (MB // 2),
    "link-brackets": "[a](" * (MB // 4),
    "long-link-url": "[a](" + "/patterns" * (MB // 9) + "/!)",
    "unclosed-comment": "<!--" * (MB // 4),
    "placeholders": "{A" * (MB // 2),
    "scores": "resilience score " * (MB // 17),
    "suppressions": "<!-- pattern-lint: disable=" + "a, " * (MB // 3),
    "suppression-openers": "<!--pattern-lint:disable=a" * (MB // 26),
    "suppression-unknown-words": "<!-- pattern-lint: disabel=a -->" * (MB // 32),
    "single-line-words": "word " * (MB // 5),
    "headings": "### Section 9: x\n" * (MB // 16),
    "paragraphs-on-rules": "Members ask.\n---\n" * (MB // 17),
    "callouts-without-quote": "[!NOTE] Confidence Rating: ★\n" * (MB // 30),
    "callouts-joined": "> x\n> [!NOTE] Confidence Rating: ★\n" * (MB // 36),
}


def _whole_file(tmp_path, text, name="transparent-ledger.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = bounded(lambda: run([os.fspath(path)], Options()), FILE_LIMIT)
    assert result.internal_errors == 0
    return result


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_whole_file_1mb_body(tmp_path, kind):
    _whole_file(tmp_path, edit(STANDALONE, SECTION_8, BODIES[kind] + "\n"))


def test_whole_file_1mb_unclosed_comment_in_empty_section(tmp_path):
    _whole_file(tmp_path, edit(STANDALONE, SECTION_8, "<!--" * (MB // 4) + "\n"))


def test_whole_file_confidence_rating_spaces(tmp_path):
    old = "> [!NOTE] Confidence Rating: ★★★ (High)"
    _whole_file(tmp_path, edit(STANDALONE, old, "> [!NOTE] Confidence Rating: a" + " " * MB + "x"))


def test_whole_file_toml_newlines(tmp_path):
    _whole_file(tmp_path, "+++\n" + "\n" * MB + 'id = "x"\n+++\n', name="page.md")


def test_whole_file_toml_20kb_of_newlines(tmp_path):
    """Only the first 20,000 characters are searched: still quadratic on newlines."""
    _whole_file(tmp_path, "+++" + "\n" * 20_000 + "+++\n", name="page.md")


def test_whole_file_frontmatter_dash_line_with_tab(tmp_path):
    text = edit(STANDALONE, "      Directly enables feedback loops and adaptation.\n",
                "      Directly enables feedback loops and adaptation.\n      " + "-" * (MB // 10) + "\tx\n")
    _whole_file(tmp_path, text)


# markdown-it's block parser is linear but slow on two shapes (measured ~5.5 s per MB of reference
# definitions and ~8 s per MB of one 500,000-line paragraph, on this 2-core machine): checked for
# linearity instead (doubling the input may not much more than double the time), on 256 and 512 KB.
SLOW_SHAPES = {"reference-definitions": "[a]: b\n", "one-long-paragraph": "x\n"}


@pytest.mark.parametrize("shape", sorted(SLOW_SHAPES))
def test_markdown_it_is_linear_on_its_slow_shapes(shape):
    unit = SLOW_SHAPES[shape]
    times = []
    for size in (MB // 4, MB // 2):
        text = unit * (size // len(unit))
        start = time.perf_counter()
        bounded(lambda: body.parse(text, 1), 10 * LIMIT)
        times.append(time.perf_counter() - start)
    assert times[1] < 3 * times[0] + 0.5, times
