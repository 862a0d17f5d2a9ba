"""The library as data, for `lint graph` and `lint report`: patterns, links, dangling targets,
generalization cycles, and the run's findings.

Built from one ordinary run (the same findings `lint --format json` gives for the same paths,
through the same cache), with the library index kept. Nodes are the patterns under the paths
given, plus the patterns outside them that they link to or that link to them (so
`lint graph one.md` shows its neighbours), plus one placeholder per dangling target.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter, deque
from typing import Any

from .. import graph as graph_module
from .. import runner
from ..report.json import as_json

DANGLING_PREFIX = "missing:"
FACTS = ("status", "domain", "vitality", "overall_score")


def build(paths: list[str], settings: runner.Settings, progress: Any = None) -> dict[str, Any]:
    return from_result(runner.run(paths, dataclasses.replace(settings, keep_library=True), progress))


def from_result(result: runner.Result) -> dict[str, Any]:
    library = result.library
    root = result.root or "."
    per_path = Counter(f.path for f in result.findings)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple, dict[str, Any]] = {}

    def node(entry, in_scope: bool) -> str:
        key = relative(entry.path, root)
        if key not in nodes:
            facts = entry.record.facts
            nodes[key] = {
                "id": key, "label": entry.name, "slug": entry.slug, "title": entry.title, "path": entry.path,
                "format": entry.record.format.name if entry.record.format is not None else None,
                **{name: facts.get(name) for name in FACTS},
                "findings": per_path.get(entry.path, 0), "in_scope": in_scope, "dangling": False,
            }
        elif in_scope:
            nodes[key]["in_scope"] = True
        return key

    targets = library.target_entries() if library is not None else []
    for entry in targets:
        node(entry, True)
    generalization: dict[str, dict[str, Any]] = {}  # source node -> its format's up/down relationship names

    def edge(source_entry, source: str, target: str, link, dangling: bool) -> None:
        if source_entry.record.format is not None and source_entry.record.format.links.get("generalization"):
            generalization[source] = source_entry.record.format.links["generalization"]
        kind_type = link.type if link.kind == "relationship" else link.kind
        edges.setdefault((source, target, kind_type), {
            "from": source, "to": target, "type": kind_type, "kind": link.kind,
            "label": link.type if link.kind == "inferred" else None,
            "line": link.line, "cycle": False, "dangling": dangling})

    for entry in targets:
        source = node(entry, True)
        for link in library.links_of(entry):
            hit = library.resolve(link.target)
            if hit is None:
                target = DANGLING_PREFIX + link.target
                placeholder = nodes.setdefault(target, {
                    "id": target, "label": link.target, "slug": link.target, "title": None, "path": None,
                    "format": None, **{name: None for name in FACTS}, "findings": 0, "in_scope": False,
                    "dangling": True, "references": 0, "referenced_by": [],
                })
                placeholder["references"] += 1
                if source not in placeholder["referenced_by"]:
                    placeholder["referenced_by"].append(source)
            else:
                target = node(hit, False)
            edge(entry, source, target, link, hit is None)
    # patterns outside the paths that link into them (a one-file graph shows who points at it)
    if library is not None:
        in_scope = {id(e.record) for e in targets}
        for entry in targets:
            for source_entry, link in library.incoming_to(entry):
                if id(source_entry.record) not in in_scope:
                    edge(source_entry, node(source_entry, False), node(entry, True), link, False)
    cycles = _mark_cycles(edges, generalization)
    ordered = sorted(nodes.values(), key=lambda n: (n["dangling"], n["id"]))
    return {
        "root": root,
        "nodes": ordered,
        "edges": list(edges.values()),
        "cycles": cycles,
        "findings": [as_json(f) for f in result.findings],
        "summary": result.summary.as_dict(),
        "rules": {rule.name: {"code": rule.code, "group": rule.group, "severity": rule.severity}
                  for rule in result.rules},
    }


def _mark_cycles(edges: dict[tuple, dict], generalization: dict[str, dict]) -> list[list[str]]:
    """Mark the generalization edges that lie on a cycle (what generalization-cycle reports);
    return the members of each cycle."""
    up: dict[str, set[str]] = {}  # child -> its more general patterns
    for (source, target, kind_type), edge in edges.items():
        names = generalization.get(source)
        if not names or edge["dangling"] or source == target or kind_type not in (names["up"], names["down"]):
            continue
        child, parent = (source, target) if kind_type == names["up"] else (target, source)
        up.setdefault(child, set()).add(parent)
    components = [c for c in graph_module.components({k: sorted(v) for k, v in up.items()}) if len(c) > 1]
    member_of = {key: i for i, component in enumerate(components) for key in component}
    for (source, target, kind_type), edge in edges.items():
        names = generalization.get(source)
        if names and kind_type in (names["up"], names["down"]) and source in member_of \
                and member_of.get(target) == member_of[source]:
            edge["cycle"] = True
    return [sorted(c) for c in components]


def around(model: dict[str, Any], name: str, depth: int) -> dict[str, Any] | None:
    """The part of `model` within `depth` links (either direction) of the pattern called `name`
    (slug, TypeID-free label, file path or title); None when no pattern is called that."""
    wanted = name.strip()
    starts = [n["id"] for n in model["nodes"]
              if wanted in (n["slug"], n["label"], n["id"], n["title"], n["path"])
              or (n["path"] and os.path.splitext(os.path.basename(n["path"]))[0] == wanted)]
    if not starts:
        return None
    neighbours: dict[str, set[str]] = {}
    for edge in model["edges"]:
        neighbours.setdefault(edge["from"], set()).add(edge["to"])
        neighbours.setdefault(edge["to"], set()).add(edge["from"])
    distance = {key: 0 for key in starts}
    queue = deque(starts)
    while queue:
        key = queue.popleft()
        if distance[key] >= depth:
            continue
        for other in sorted(neighbours.get(key, ())):
            if other not in distance:
                distance[other] = distance[key] + 1
                queue.append(other)
    kept = set(distance)
    nodes = [dict(n, distance=distance[n["id"]]) for n in model["nodes"] if n["id"] in kept]
    edges = [e for e in model["edges"] if e["from"] in kept and e["to"] in kept]
    cycles = [c for c in model["cycles"] if kept.issuperset(c)]
    return {**model, "nodes": nodes, "edges": edges, "cycles": cycles, "around": starts, "depth": depth}


def names(model: dict[str, Any]) -> list[str]:
    """Every name `around` accepts (for did-you-mean)."""
    return sorted({n["slug"] for n in model["nodes"] if n["slug"] and not n["dangling"]})


def relative(path: str, root: str) -> str:
    """`path` relative to the library root when it is under it, else as given."""
    try:
        relative = os.path.relpath(path, root)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative
