"""Inline suppression: comments in a pattern file that silence named rules there.

In the body: `<!-- pattern-lint: disable=NAME[,NAME] -->` silences the rules from that
line to the end of the file or to `<!-- pattern-lint: enable=NAME -->`, and
`<!-- pattern-lint: disable-next-line=NAME -->` the line after it. In the frontmatter,
`# pattern-lint: disable=NAME` at the end of a line silences the rules on that line, and
`# pattern-lint: disable-next-line=NAME` (on a line of its own, or at the end of one) those
on the next line. Rules are named by name or code. Directives inside code blocks are
examples, not directives. A comment that starts like a directive but is not one (no rule
named, an unknown word, `enable` in the frontmatter) silences nothing and is reported.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from . import body as body_model
from . import registry
from .findings import Finding
from .rules import internal_error, unused_suppression

# Where a directive starts; what follows is read by _read_directive, within READ_AHEAD characters
# (bounded: a line of a million openers without a closing `-->` stays linear).
_BODY_START = re.compile(r"<!--[ \t]*+pattern-lint:")
_FRONT_START = re.compile(r"#[ \t]*+pattern-lint:")
READ_AHEAD = 1000
# Possessive repetition: no backtracking into the list of names (linear on adversarial text).
_NAME = r"\w++(?:-\w++)*+"  # words joined by single hyphens: `disable=PL410-->` ends before the `-->`
_DIRECTIVE = re.compile(rf"[ \t]*+({_NAME})?[ \t]*+(?:=[ \t]*+({_NAME}(?:[ \t]*+,[ \t]*+{_NAME})*+)?)?[ \t]*+")
BODY_WORDS = ("disable", "disable-next-line", "enable")
FRONT_WORDS = ("disable", "disable-next-line")


@dataclass
class Directive:
    kind: str  # "line" (frontmatter), "next-line", "range", or "malformed" (silences nothing)
    names: list[str]  # as written; for "malformed", what is wrong with it
    line: int
    column: int
    first: int = 0  # lines it covers, inclusive
    last: int = 0
    used: set[str] = field(default_factory=set)


def parse(doc) -> list[Directive]:
    if doc.text is None or "pattern-lint:" not in doc.text:
        return []
    out: list[Directive] = []
    lines = doc.text.split("\n")
    for number in range(doc.frontmatter_line, doc.frontmatter_end_line):
        if not doc.frontmatter_line or "pattern-lint:" not in lines[number - 1]:
            continue
        text = lines[number - 1]
        for match in _FRONT_START.finditer(text):
            word, names, problem = _read_directive(text, match.end(), FRONT_WORDS, "", _FRONT_EXAMPLE)
            column = match.start() + 1
            if problem:
                out.append(Directive("malformed", [problem], number, column, number, number))
            elif word == "disable-next-line":
                out.append(Directive("next-line", names, number, column, number + 1, number + 1))
            else:
                out.append(Directive("line", names, number, column, number, number))
            break  # the rest of the line is this comment
    open_ranges: dict[str, Directive] = {}
    last_line = len(lines)
    for block in body_model.of(doc).blocks:
        if block.kind in ("code", "hr") or "pattern-lint:" not in block.text:
            continue
        text = body_model.without_inline_code(block.without_code, keep_columns=True)  # code shows, not acts
        at = _Positions(block.line, text)
        for match in _BODY_START.finditer(text):
            line, column = at(match.start())
            kind, names, problem = _read_directive(text, match.end(), BODY_WORDS, "-->", _BODY_EXAMPLE)
            if problem:
                out.append(Directive("malformed", [problem], line, column, line, line))
            elif kind == "disable-next-line":
                out.append(Directive("next-line", names, line, column, line + 1, line + 1))
            elif kind == "disable":
                for name in names:  # one range per name, so `enable=` can end one of them
                    directive = Directive("range", [name], line, column, line, last_line)
                    out.append(directive)
                    open_ranges[_key(name)] = directive
            else:
                for name in names:
                    opened = open_ranges.pop(_key(name), None)
                    if opened is not None:
                        opened.last = line
    return out


class _Positions:
    """File line and column of offsets into a block's text, asked in increasing order: each call
    counts only the text since the last (body.line_and_column counts from the start, which is
    quadratic over a megabyte-long line of comments)."""

    def __init__(self, first_line: int, text: str) -> None:
        self.text, self.offset, self.line, self.line_start = text, 0, first_line, 0

    def __call__(self, offset: int) -> tuple[int, int]:
        newlines = self.text.count("\n", self.offset, offset)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.offset, offset) + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1


_BODY_EXAMPLE = "`<!-- pattern-lint: disable=NAME -->` (or `disable-next-line=`, `enable=`)"
_FRONT_EXAMPLE = "`# pattern-lint: disable=NAME` (this line) or `# pattern-lint: disable-next-line=NAME`"


def _read_directive(text: str, start: int, words: tuple[str, ...], end: str, example: str
                    ) -> tuple[str, list[str], str | None]:
    """(word, names, None) for the directive after `pattern-lint:` at `start`, or (word, [], what is
    wrong with it). `end` is what must follow (`-->` in the body; the frontmatter comment runs to the
    end of its line)."""
    window = text[start:start + READ_AHEAD]
    match = _DIRECTIVE.match(window)
    word, names = match.group(1) or "", match.group(2)
    rest = window[match.end():]
    if word not in words:
        if not word:
            return word, [], unused_suppression.no_directive(example)
        near = difflib.get_close_matches(word, words, n=1, cutoff=0.6)
        if word == "enable" and "enable" not in words:
            return word, [], unused_suppression.enable_in_frontmatter(example)
        return word, [], unused_suppression.unknown_directive(word, near[0] if near else None, example)
    if names is None:
        return word, [], unused_suppression.names_no_rule(word)
    if end and not rest.startswith(end) or not end and rest.strip() and not rest.lstrip().startswith("#"):
        return word, [], unused_suppression.unreadable(word, names, example)
    return word, _split(names), None


def _split(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def _key(name: str) -> str:
    rule = registry.find(name)
    return rule.name if rule else name


def apply(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    """The findings no directive silences; each directive records the names it used."""
    if not directives:
        return findings
    kept = []
    for finding in findings:
        silenced = False
        for directive in directives:
            if directive.first <= finding.line <= directive.last and directive.kind != "malformed":
                for name in directive.names:
                    if name == finding.name or name.upper() == finding.code:
                        directive.used.add(name)
                        silenced = True
        if not silenced or finding.name == internal_error.NAME:
            kept.append(finding)
    return kept


def unused(directives: list[Directive], running: set[str]) -> list[tuple[int, int, str]]:
    """(line, column, message) for each name in a directive that silenced nothing."""
    out = []
    for directive in directives:
        if directive.kind == "malformed":
            out.append((directive.line, directive.column, directive.names[0]))
            continue
        for name in directive.names:
            rule = registry.find(name)
            if rule is None:
                out.append((directive.line, directive.column, unused_suppression.no_such_rule(name)))
            elif name not in directive.used and rule.name in running:
                out.append((directive.line, directive.column, unused_suppression.silences_nothing(name)))
    return out
