"""Inline suppression: comments in a pattern file that silence named rules there.

In the body: `<!-- pattern-lint: disable=NAME[,NAME] -->` silences the rules from that
line to the end of the file or to `<!-- pattern-lint: enable=NAME -->`, and
`<!-- pattern-lint: disable-next-line=NAME -->` the line after it. In the frontmatter,
`# pattern-lint: disable=NAME` at the end of a line silences the rules on that line.
Rules are named by name or code. Directives inside code blocks are examples, not directives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import body as body_model
from . import registry
from .findings import Finding

# Possessive repetition: no backtracking into the list of names (linear on adversarial text).
_BODY = re.compile(r"<!--[ \t]*pattern-lint:[ \t]*(disable-next-line|disable|enable)[ \t]*=[ \t]*"
                   r"([\w-]++(?:[ \t]*+,[ \t]*+[\w-]++)*+)[ \t]*+-->")
_FRONT = re.compile(r"#[ \t]*pattern-lint:[ \t]*disable[ \t]*=[ \t]*([\w-]++(?:[ \t]*+,[ \t]*+[\w-]++)*+)")


@dataclass
class Directive:
    kind: str  # "line" (frontmatter), "next-line", "range"
    names: list[str]  # as written
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
        match = _FRONT.search(lines[number - 1]) if doc.frontmatter_line else None
        if match:
            out.append(Directive("line", _split(match.group(1)), number, match.start() + 1, number, number))
    open_ranges: dict[str, Directive] = {}
    last_line = len(lines)
    for block in body_model.of(doc).blocks:
        if block.kind in ("code", "hr") or "pattern-lint:" not in block.text:
            continue
        text = body_model.without_inline_code(block.without_code, keep_columns=True)  # code shows, not acts
        for match in _BODY.finditer(text):
            line, column = body_model.line_and_column(block, match.start())
            kind, names = match.group(1), _split(match.group(2))
            if kind == "disable-next-line":
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
            if directive.first <= finding.line <= directive.last:
                for name in directive.names:
                    if name == finding.name or name.upper() == finding.code:
                        directive.used.add(name)
                        silenced = True
        if not silenced or finding.name == "internal-error":
            kept.append(finding)
    return kept


def unused(directives: list[Directive], running: set[str]) -> list[tuple[int, int, str]]:
    """(line, column, message) for each name in a directive that silenced nothing."""
    out = []
    for directive in directives:
        for name in directive.names:
            rule = registry.find(name)
            if rule is None:
                out.append((directive.line, directive.column, f"`{name}` in this suppression names no rule; "
                            "correct the name (`lint rules` lists them) or remove it"))
            elif name not in directive.used and rule.name in running:
                out.append((directive.line, directive.column, f"this suppression of `{name}` silences nothing "
                            "(there is no such finding where it applies); remove it"))
    return out
