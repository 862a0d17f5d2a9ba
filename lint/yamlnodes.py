"""YAML frontmatter to plain values, remembering where every key and value was written.

PyYAML composes the node graph (libyaml's C parser when present); we build the
values ourselves instead of calling a constructor, because a constructor would
forget positions, keep the last of two duplicate keys silently and, for unknown
tags, either refuse the whole document or build objects. Here every key and
value keeps its line and column, duplicates and unsupported tags become
problems, and nothing but str/int/float/bool/None/list/dict is ever created.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .rules import (duplicate_key, yaml_alias_limit, yaml_nesting_limit, yaml_syntax, yaml_tab,
                    yaml_unsupported_tag)

try:  # libyaml's C parser is several times faster; fall back cleanly without it.
    from yaml import CSafeLoader as _Loader

    LOADER = "libyaml"
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    LOADER = "pure-python"

# The rules whose problems this reader finds, each writing its own messages.
EMITS = frozenset(module.NAME for module in (yaml_syntax, duplicate_key, yaml_unsupported_tag, yaml_alias_limit,
                                             yaml_nesting_limit, yaml_tab))

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
SEQ, MAP, MERGE = TAG + "seq", TAG + "map", TAG + "merge"
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP}
_CONSTRUCT = yaml.constructor.SafeConstructor()
_KIND = {INT: "an integer", FLOAT: "a number", BOOL: "a boolean", NULL: "null", TIMESTAMP: "a date"}

_EXTRA_BREAKS = ("\x85", "\u2028", "\u2029")
DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_NODES = 50_000


@dataclass(slots=True)
class Located:
    """Where a value (and, inside a mapping, its key) was written: 1-based file lines/columns."""

    line: int
    column: int
    key_line: int
    key_column: int
    node: Node


def position(positions: dict[tuple, Located], path: tuple, fallback_line: int, key: bool = False) -> tuple[int, int]:
    """Line and column of the value (or key) at `path` in `positions`, or of its nearest written
    ancestor; (fallback_line, 1) when none is written (the frontmatter's first line)."""
    while path not in positions and path:
        path = path[:-1]
    located = positions.get(path)
    if located is None:
        return (fallback_line, 1)
    return (located.key_line, located.key_column) if key else (located.line, located.column)


def can_extend(node: Node | None) -> bool:
    """Whether a list is written so that one more entry has a place (a flow list, or a block list
    with an entry): what fix.add_to_list can write to, and what the library index keeps of it."""
    return isinstance(node, SequenceNode) and bool(node.flow_style or node.value)


@dataclass(slots=True)
class YamlProblem:
    rule: str
    line: int
    column: int
    message: str


@dataclass
class ParsedYaml:
    value: Any = None
    positions: dict[tuple, Located] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    ok: bool = False  # False when the text could not be read as YAML at all
    unreadable: set[int] = field(default_factory=set)  # id() of scalar nodes kept as text after an error


class _Limit(Exception):
    pass


class _Skipped:
    """A value `parse` was asked not to build (see its `only`)."""

    def __repr__(self) -> str:
        return "SKIPPED"


SKIPPED = _Skipped()


def parse(text: str, first_line: int, *, max_depth: int = DEFAULT_MAX_DEPTH,
          max_nodes: int = DEFAULT_MAX_NODES, only: dict | None = None) -> ParsedYaml:
    """Parse YAML `text` whose first line is line `first_line` (1-based) of the file.

    With `only` (key -> None for its whole value, or the same kind of mapping for a part of it),
    the values of the keys it does not name are SKIPPED, their keys kept: the library index of
    the files not being checked needs a few paths of each. The result is otherwise that of a
    whole build: the skipped values are walked to count and measure them, and if a whole build
    could have hit the node or depth limit (or an alias cycle, which the count runs into), the
    whole build is made after all and reports it."""
    result = ParsedYaml()
    offset = first_line - 1

    if any(ch in text for ch in _EXTRA_BREAKS):
        # YAML also breaks lines at U+0085, U+2028 and U+2029; editors and we count "\n" only,
        # so positions come from the mark's character index instead of its line.
        starts = [0] + [m.end() for m in re.finditer("\n", text)]

        def at(mark) -> tuple[int, int]:
            line = bisect.bisect_right(starts, mark.index) - 1
            return line + 1 + offset, mark.index - starts[line] + 1
    else:
        def at(mark) -> tuple[int, int]:
            return mark.line + 1 + offset, mark.column + 1

    if _could_be_very_deep(text, max_depth):  # libyaml's composer crashes on ~25,000 levels: look first
        deep_mark = _too_deep(text, max_depth)
        if deep_mark is not None:
            line, column = at(deep_mark)
            result.problems.append(YamlProblem(
                yaml_nesting_limit.NAME, line, column, yaml_nesting_limit.too_deep(max_depth)))
            return result
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at_end = exc.problem_mark is not None and exc.problem_mark.index >= len(text.rstrip())
        if exc.context_mark is not None and at_end:
            mark = exc.context_mark  # "ran off the end": the unclosed bracket or quote is the place to fix
        line, column = at(mark) if mark else (first_line, 1)
        if "maximum nesting depth" in (exc.problem or ""):  # libyaml >= 0.2.6 refuses 1,000 levels itself
            result.problems.append(YamlProblem(
                yaml_nesting_limit.NAME, line, column, yaml_nesting_limit.too_deep(max_depth)))
            return result
        result.problems.append(YamlProblem(yaml_syntax.NAME, line, column, _syntax_message(exc, text, mark, at)))
        return result
    except (yaml.YAMLError, ValueError, IndexError, AttributeError, TypeError, RecursionError) as exc:
        result.problems.append(YamlProblem(yaml_syntax.NAME, first_line, 1, yaml_syntax.unreadable(str(exc))))
        return result
    result.ok = True
    if root is None:
        return result
    builder = _Builder(result, at, max_depth, max_nodes, only)
    try:
        result.value = builder.build(root, (), root, None)
        if builder.skipped and _beyond_limits(builder.skipped, max_depth, builder.budget):
            result.positions, result.problems[:] = {}, []
            result.value = _Builder(result, at, max_depth, max_nodes).build(root, (), root, None)  # raises _Limit
    except _Limit as exc:
        rule, node, message = exc.args
        line, column = at(node.start_mark)
        result.problems.append(YamlProblem(rule, line, column, message))
        result.ok, result.value, result.positions = False, None, {}
        return result
    _tabs(text, first_line, result)
    return result


_TAB = re.compile(r"^ *+\t|^[ -]*+[^\s\"'#][^:#]*+:\t")  # possessive: linear on long lines


def _tabs(text: str, first_line: int, result: ParsedYaml) -> None:
    """Tabs that YAML 1.1 accepts but YAML 1.2 parsers (ruamel.yaml, used for fixes) reject."""
    if "\t" not in text:
        return
    hits = [(n, m.end()) for n, line in enumerate(text.split("\n")) if "\t" in line and line.strip()
            for m in [_TAB.search(line)] if m]
    if hits:
        line, column = hits[0]
        result.problems.append(YamlProblem(yaml_tab.NAME, line + first_line, column, yaml_tab.tabs(len(hits))))


def _beyond_limits(values: list[tuple[Node, int]], max_depth: int, budget: int) -> bool:
    """Whether building these values (with the length of their paths) could exceed the depth limit or
    the `budget` of nodes left. Counted as _Builder counts them (an alias's node once per alias), or
    more (a merge key's source is counted whole, and deeper), never less."""
    stack = list(values)
    while stack:
        node, depth = stack.pop()
        budget -= 1
        if budget < 0:
            return True
        if isinstance(node, ScalarNode):
            continue
        if depth >= max_depth:
            return True
        if isinstance(node, SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        else:
            stack.extend((value, depth + 1) for key, value in node.value if isinstance(key, ScalarNode))
    return False


class _Builder:
    def __init__(self, result: ParsedYaml, at, max_depth: int, max_nodes: int,
                 only: dict | None = None) -> None:
        self.result = result
        self.only = only
        self.skipped: list[tuple[Node, int]] = []  # values `only` does not name, with their paths' length
        self.at = at
        self.max_depth = max_depth
        self.budget = self.budget_limit = max_nodes  # values left to build: aliases make a small text expand without bound
        self.active: set[int] = set()  # collections being built: meeting one again is an alias cycle
        self.top_key: Node | None = None  # the top-level key whose value is being built

    def problem(self, rule: str, node: Node, message: str) -> None:
        line, column = self.at(node.start_mark)
        self.result.problems.append(YamlProblem(rule, line, column, message))

    def build(self, node: Node, path: tuple, key_node: Node, parent_tag: str | None) -> Any:
        self.budget -= 1
        if self.budget < 0:  # reported at the top-level key whose value blew up
            raise _Limit(yaml_alias_limit.NAME, self.top_key or node,
                         yaml_alias_limit.too_many_values(self.budget_limit))
        if len(path) >= self.max_depth and not isinstance(node, ScalarNode):  # this collection is level len+1
            raise _Limit(yaml_nesting_limit.NAME, node, yaml_nesting_limit.too_deep(self.max_depth))
        if not isinstance(node, ScalarNode):
            if id(node) in self.active:
                raise _Limit(yaml_alias_limit.NAME, node, yaml_alias_limit.alias_cycle())
            self.active.add(id(node))
            try:
                return self._build(node, path, key_node)
            finally:
                self.active.discard(id(node))
        return self._build(node, path, key_node)

    def _build(self, node: Node, path: tuple, key_node: Node) -> Any:
        line, column = self.at(node.start_mark)
        key_line, key_column = self.at(key_node.start_mark)
        self.result.positions[path] = Located(line, column, key_line, key_column, node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != SEQ:
                self.unsupported_tag(node)
            return [self.build(item, path + (i,), item, node.tag) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        if node.tag != MAP:
            self.unsupported_tag(node)
        return self.mapping(node, path)

    def _wanted(self, path: tuple) -> dict | None:
        """The keys to build of the mapping at `path`: None for all of them."""
        spec = self.only
        for part in path:
            if spec is None:
                return None
            spec = spec.get(part) if isinstance(part, str) else None
        return spec

    def mapping(self, node: MappingNode, path: tuple) -> dict:
        wanted = self._wanted(path) if self.only is not None else None
        out: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                merged.extend(self.merge_sources(value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(yaml_syntax.NAME, key_node, yaml_syntax.key_not_scalar())
                continue
            key = key_node.value
            if key in first_seen:
                first_line, _ = self.at(first_seen[key].start_mark)
                self.problem(duplicate_key.NAME, key_node, duplicate_key.duplicate(key, first_line))
                self.forget(path + (key,))  # the value kept is the last: the first's positions name nothing
            first_seen[key] = key_node
            if not path:
                self.top_key = key_node
            if wanted is not None and key not in wanted:
                out[key] = SKIPPED
                self.skipped.append((value_node, len(path) + 1))
                continue
            out[key] = self.build(value_node, path + (key,), key_node, node.tag)
        for key_node, value_node in merged:  # explicit keys win over merged ones (YAML merge semantics)
            if isinstance(key_node, ScalarNode) and key_node.value not in out:
                out[key_node.value] = self.build(value_node, path + (key_node.value,), key_node, node.tag)
        return out

    def forget(self, prefix: tuple) -> None:
        """Drop the positions inside the value at `prefix` (a duplicate key's first value, replaced)."""
        size = len(prefix)
        positions = self.result.positions
        for path in [p for p in positions if len(p) > size and p[:size] == prefix]:
            del positions[path]

    def merge_sources(self, node: Node) -> list[tuple[Node, Node]]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        pairs: list[tuple[Node, Node]] = []
        for source in sources:
            if isinstance(source, MappingNode):
                pairs.extend(source.value)
            else:
                self.problem(yaml_syntax.NAME, source, yaml_syntax.merge_not_mapping())
        return pairs

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self.unsupported_tag(node)
            return node.value
        if tag == STR:
            return node.value
        try:
            value = _CONSTRUCT.yaml_constructors[tag](_CONSTRUCT, node)
        except Exception as exc:  # PyYAML raises ValueError/IndexError/... on malformed scalars
            self.problem(yaml_syntax.NAME, node, yaml_syntax.unreadable_scalar(node.value, _KIND[tag], str(exc)))
            self.result.unreadable.add(id(node))
            return node.value
        if tag == TIMESTAMP:
            return node.value  # keep dates as the ISO text the author wrote: JSON-compatible
        return value

    def unsupported_tag(self, node: Node) -> None:
        tag = "!!" + node.tag[len(TAG):] if node.tag.startswith(TAG) else node.tag
        self.problem(yaml_unsupported_tag.NAME, node, yaml_unsupported_tag.unsupported(tag))


def _could_be_very_deep(text: str, max_depth: int) -> bool:
    """Cheap: deep nesting needs many brackets, or deep indentation / many `- ` on one line,
    which needs a long line. Neither is in real frontmatter; the builder checks the rest."""
    return text.count("[") + text.count("{") > 2 * max_depth or max(map(len, text.split("\n"))) > 1000


def _too_deep(text: str, max_depth: int):
    """Where the event stream first goes deeper than `max_depth`, or None.

    The event parser survives input the composer crashes on; stopping at the limit keeps
    it fast (walking all of 20,000 levels takes libyaml 1.7 s, stopping at 65 takes none).

    libyaml 0.2.6 (PyYAML 6.0.4's wheels) refuses more than 1,000 levels itself, and its
    scanner reads a whole line of `[` ahead before the parser emits the first event, so its
    "exceeded maximum nesting depth" comes before our limit is reached. Then PyYAML's Python
    parser, which has no limit of its own and stops where ours is crossed, finds the same
    place the C parser finds on a libyaml without the limit.
    """
    try:
        return _deeper_than(text, max_depth, _Loader)
    except yaml.MarkedYAMLError as exc:
        if _Loader is yaml.SafeLoader or "maximum nesting depth" not in (exc.problem or ""):
            return None  # a syntax error before the limit: the composer will report it with its position
        try:
            return _deeper_than(text, max_depth, yaml.SafeLoader) or exc.problem_mark
        except Exception:
            return exc.problem_mark
    except Exception:
        return None


def _deeper_than(text: str, max_depth: int, loader):
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > max_depth:
                return event.start_mark
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, mark, at) -> str:
    """yaml-syntax's message for where the parser gave up, from what the parser knows."""
    opened_at = None
    if exc.context_mark is not None and mark is not None and exc.context_mark.line != mark.line:
        opened_at = at(exc.context_mark)
    line_text, column = None, 0
    if mark is not None:
        lines = text.split("\n")
        if 0 <= mark.line < len(lines):
            line_text, column = lines[mark.line], mark.column
    return yaml_syntax.not_yaml(exc.problem, exc.context, opened_at, line_text, column)
