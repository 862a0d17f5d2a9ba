"""YAML frontmatter to plain values, remembering where every key and value was written.

PyYAML composes the node graph (libyaml's C parser when present); we build the
values ourselves instead of calling a constructor, because a constructor would
forget positions, keep the last of two duplicate keys silently and, for unknown
tags, either refuse the whole document or build objects. Here every key and
value keeps its line and column, duplicates and unsupported tags become
problems, and nothing but str/int/float/bool/None/list/dict is ever created.
The values are built in one walk (yamlwalk.py), which also notes what later stages
read of them (texts, typed scalars, mappings, the library record's positions).
"""

from __future__ import annotations

import bisect
import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .rules import (duplicate_key, yaml_alias_limit, yaml_nesting_limit, yaml_syntax, yaml_tab,
                    yaml_unsupported_tag)
from .yamlwalk import (BOOL, FLOAT, INT, MAP, MERGE, NULL, SEQ, SKIPPED, STR, TAG, TIMESTAMP, Limit, Located,
                       ParsedYaml, Walk, Walked, YamlProblem, beyond_limits)

__all__ = ["BOOL", "FLOAT", "INT", "LOADER", "MAP", "MERGE", "NULL", "SEQ", "SKIPPED", "STR", "TAG", "TIMESTAMP",
           "Located", "ParsedYaml", "Walked", "YamlProblem", "can_extend", "parse", "position"]


def _first_character_resolver(loader: type):
    """`loader`'s `resolve`, exactly, without its Python work for most scalars: PyYAML's resolver
    looks an implicit (plain) scalar's first character up in `yaml_implicit_resolvers` and tries
    those patterns (and the wildcard ones, keyed None); a plain scalar whose first character starts
    no implicit type (`culture`, `Shared ...`), or a quoted or block scalar, is a str without a
    pattern tried. None when the loader resolves by path as well (then its own resolve is kept)."""
    if loader.yaml_path_resolvers:
        return None
    table = loader.yaml_implicit_resolvers
    wildcard = tuple(table.get(None, ()))
    checks = {first: tuple(resolvers) + wildcard for first, resolvers in table.items() if first is not None}
    scalar, sequence, mapping = loader.DEFAULT_SCALAR_TAG, loader.DEFAULT_SEQUENCE_TAG, loader.DEFAULT_MAPPING_TAG

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in checks.get(value[:1], wildcard):
                    if regexp.match(value):
                        return tag
            return scalar
        return sequence if kind is SequenceNode else mapping if kind is MappingNode else None

    return resolve


try:  # libyaml's C parser is several times faster; fall back cleanly without it.
    from yaml import CSafeLoader

    class _Loader(CSafeLoader):  # type: ignore[no-redef]
        """libyaml's composer with `_first_character_resolver` (it calls `resolve` for every node)."""

    _resolve = _first_character_resolver(CSafeLoader)
    if _resolve is not None:
        _Loader.resolve = _resolve
    LOADER = "libyaml"
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    LOADER = "pure-python"

# The rules whose problems this reader finds, each writing its own messages.
EMITS = frozenset(module.NAME for module in (yaml_syntax, duplicate_key, yaml_unsupported_tag, yaml_alias_limit,
                                             yaml_nesting_limit, yaml_tab))

_EXTRA_BREAKS = ("\x85", "\u2028", "\u2029")
DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_NODES = 50_000


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

    extra_breaks = any(ch in text for ch in _EXTRA_BREAKS)
    if extra_breaks:
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
    line_offset = None if extra_breaks else 1 + offset  # a mark's line + this is the file line
    walk = Walk(result, at, max_depth, max_nodes, only, line_offset)
    try:
        result.value = walk.build(root, (), root)
        if walk.skipped and beyond_limits(walk.skipped, max_depth, walk.budget):
            result.positions, result.problems[:], result.walked = {}, [], Walked()
            result.value = Walk(result, at, max_depth, max_nodes, None, line_offset).build(root, (), root)  # raises Limit
    except Limit as exc:
        rule, node, message = exc.args
        line, column = at(node.start_mark)
        result.problems.append(YamlProblem(rule, line, column, message))
        result.ok, result.value, result.positions, result.walked = False, None, {}, Walked()
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
