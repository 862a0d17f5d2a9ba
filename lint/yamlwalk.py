"""The one walk over a composed YAML node graph: the values with their positions, and in the same
walk everything later stages would otherwise walk the values again for.

`yamlnodes.parse` composes the nodes (libyaml) and hands the root to `Walk`. Besides the values and
`positions` (every path -> `Located`), the walk fills `Walked`:

- `texts`: every text value by path (what `doc.get(*path)` gives when it is a str), which
  template-placeholder scans;
- `typed`: every plain scalar YAML 1.1 read as a bool, number or date, with its value, the
  candidates of the schema layer's typing traps (schema.errors);
- `mappings`: every mapping by path, whose keys the schema layer checks against the schema's
  closed mappings (one lookup per mapping, not per key);
- `shallow`: the positions of the top two levels, in the order of `positions`, which is all the
  library record keeps (cache.record_of).

A duplicate key's first value is forgotten in all of them (the value kept is the last).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .rules import duplicate_key, yaml_alias_limit, yaml_nesting_limit, yaml_syntax, yaml_unsupported_tag

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
SEQ, MAP, MERGE = TAG + "seq", TAG + "map", TAG + "merge"
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP}
_TYPED = {INT, FLOAT, BOOL, TIMESTAMP}  # what a plain scalar may be read as where text was meant
_CONSTRUCT = yaml.constructor.SafeConstructor()
_KIND = {INT: "an integer", FLOAT: "a number", BOOL: "a boolean", NULL: "null", TIMESTAMP: "a date"}
SHALLOW = 2  # the depth of the paths `Walked.shallow` keeps


@dataclass(slots=True)
class Located:
    """Where a value (and, inside a mapping, its key) was written: 1-based file lines/columns."""

    line: int
    column: int
    key_line: int
    key_column: int
    node: Node


@dataclass(slots=True)
class YamlProblem:
    rule: str
    line: int
    column: int
    message: str


@dataclass(slots=True)
class Walked:
    """What the walk gives beside the values and positions (see the module's docstring)."""

    texts: dict[tuple, str] = field(default_factory=dict)
    typed: dict[tuple, tuple[Located, Any]] = field(default_factory=dict)
    mappings: dict[tuple, dict] = field(default_factory=dict)
    shallow: dict[tuple, Located] = field(default_factory=dict)


@dataclass
class ParsedYaml:
    value: Any = None
    positions: dict[tuple, Located] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    ok: bool = False  # False when the text could not be read as YAML at all
    unreadable: set[int] = field(default_factory=set)  # id() of scalar nodes kept as text after an error
    walked: Walked = field(default_factory=Walked)


class Limit(Exception):
    """A limit the walk ran into: args are (rule, node, message)."""


class _Skipped:
    """A value `parse` was asked not to build (see its `only`)."""

    def __repr__(self) -> str:
        return "SKIPPED"


SKIPPED = _Skipped()


def beyond_limits(values: list[tuple[Node, int]], max_depth: int, budget: int) -> bool:
    """Whether building these values (with the length of their paths) could exceed the depth limit or
    the `budget` of nodes left. Counted as Walk counts them (an alias's node once per alias), or
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


class Walk:
    """Builds the values of a node graph into `result` (see the module's docstring). `at` turns a mark
    into a file line and column; `line_offset`, when marks' lines are file lines less it (no YAML-only
    line breaks in the text), lets the walk do that itself for the scalars, most of the nodes."""

    def __init__(self, result: ParsedYaml, at, max_depth: int, max_nodes: int,
                 only: dict | None = None, line_offset: int | None = None) -> None:
        self.result = result
        self.positions = result.positions
        self.walked = result.walked
        self.only = only
        self.skipped: list[tuple[Node, int]] = []  # values `only` does not name, with their paths' length
        self.at = at
        self.line_offset = line_offset
        self.max_depth = max_depth
        self.budget = self.budget_limit = max_nodes  # values left to build: aliases make a small text expand without bound
        self.active: set[int] = set()  # collections being built: meeting one again is an alias cycle
        self.top_key: Node | None = None  # the top-level key whose value is being built

    def problem(self, rule: str, node: Node, message: str) -> None:
        line, column = self.at(node.start_mark)
        self.result.problems.append(YamlProblem(rule, line, column, message))

    def over_budget(self, node: Node) -> Limit:  # reported at the top-level key whose value blew up
        return Limit(yaml_alias_limit.NAME, self.top_key or node, yaml_alias_limit.too_many_values(self.budget_limit))

    def build(self, node: Node, path: tuple, key_node: Node) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.over_budget(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path, self.locate(node, path, key_node))
        if len(path) >= self.max_depth:  # this collection is level len+1
            raise Limit(yaml_nesting_limit.NAME, node, yaml_nesting_limit.too_deep(self.max_depth))
        if id(node) in self.active:
            raise Limit(yaml_alias_limit.NAME, node, yaml_alias_limit.alias_cycle())
        self.active.add(id(node))
        try:
            self.locate(node, path, key_node)
            if isinstance(node, SequenceNode):
                if node.tag != SEQ:
                    self.unsupported_tag(node)
                return self.sequence(node, path)
            assert isinstance(node, MappingNode)
            if node.tag != MAP:
                self.unsupported_tag(node)
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

    def locate(self, node: Node, path: tuple, key_node: Node) -> Located:
        offset = self.line_offset
        if offset is None:
            line, column = self.at(node.start_mark)
            key_line, key_column = self.at(key_node.start_mark)
        else:
            mark = node.start_mark
            line, column = mark.line + offset, mark.column + 1
            if key_node is node:
                key_line, key_column = line, column
            else:
                mark = key_node.start_mark
                key_line, key_column = mark.line + offset, mark.column + 1
        located = self.positions[path] = Located(line, column, key_line, key_column, node)
        if len(path) <= SHALLOW:
            self.walked.shallow[path] = located
        return located

    def child(self, node: Node, path: tuple, key_node: Node) -> Any:
        """build(), with a text scalar (most values) built here."""
        if node.__class__ is not ScalarNode or node.tag != STR:
            return self.build(node, path, key_node)
        self.budget -= 1
        if self.budget < 0:
            raise self.over_budget(node)
        self.locate(node, path, key_node)
        value = self.walked.texts[path] = node.value
        return value

    def sequence(self, node: SequenceNode, path: tuple) -> list:
        child = self.child
        return [child(item, path + (i,), item) for i, item in enumerate(node.value)]

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
        self.walked.mappings[path] = out
        first_seen: dict[str, Node] = {}
        merged: list[tuple[Node, Node]] = []
        top = not path
        child = self.child
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
            if top:
                self.top_key = key_node
            if wanted is not None and key not in wanted:
                out[key] = SKIPPED
                self.skipped.append((value_node, len(path) + 1))
                continue
            out[key] = child(value_node, path + (key,), key_node)
        for key_node, value_node in merged:  # explicit keys win over merged ones (YAML merge semantics)
            if isinstance(key_node, ScalarNode) and key_node.value not in out:
                out[key_node.value] = self.build(value_node, path + (key_node.value,), key_node)
        return out

    def forget(self, prefix: tuple) -> None:
        """Drop the positions inside the value at `prefix` (a duplicate key's first value, replaced),
        and what the walk noted of that value."""
        size = len(prefix)
        positions, walked = self.result.positions, self.walked
        for path in [p for p in positions if len(p) > size and p[:size] == prefix]:
            del positions[path]
            walked.shallow.pop(path, None)
        for table in (walked.texts, walked.typed, walked.mappings):
            for path in [p for p in table if len(p) >= size and p[:size] == prefix]:
                del table[path]

    def merge_sources(self, node: Node) -> list[tuple[Node, Node]]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        pairs: list[tuple[Node, Node]] = []
        for source in sources:
            if isinstance(source, MappingNode):
                pairs.extend(source.value)
            else:
                self.problem(yaml_syntax.NAME, source, yaml_syntax.merge_not_mapping())
        return pairs

    def scalar(self, node: ScalarNode, path: tuple, located: Located) -> Any:
        tag = node.tag
        if tag == STR:
            value = self.walked.texts[path] = node.value
            return value
        if tag not in _SCALAR_TAGS:
            self.unsupported_tag(node)
            value = self.walked.texts[path] = node.value
            return value
        try:
            value = _CONSTRUCT.yaml_constructors[tag](_CONSTRUCT, node)
        except Exception as exc:  # PyYAML raises ValueError/IndexError/... on malformed scalars
            self.problem(yaml_syntax.NAME, node, yaml_syntax.unreadable_scalar(node.value, _KIND[tag], str(exc)))
            self.result.unreadable.add(id(node))
            value = self.walked.texts[path] = node.value
            return value
        if tag == TIMESTAMP:
            value = self.walked.texts[path] = node.value  # keep dates as the ISO text the author wrote: JSON-compatible
        if path and not node.style and tag in _TYPED:
            self.walked.typed[path] = (located, value)
        return value

    def unsupported_tag(self, node: Node) -> None:
        tag = "!!" + node.tag[len(TAG):] if node.tag.startswith(TAG) else node.tag
        self.problem(yaml_unsupported_tag.NAME, node, yaml_unsupported_tag.unsupported(tag))
