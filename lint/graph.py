"""Graph helpers for library rules: strongly connected components and one loop through each."""

from __future__ import annotations

from collections.abc import Hashable


def cycles(edges: dict[Hashable, list[Hashable]]) -> list[list[Hashable]]:
    """One loop through each strongly connected component of two or more nodes.

    Iterative (Tarjan), so a library of 100,000 patterns cannot exhaust Python's recursion
    limit. The result is deterministic for a given insertion order of `edges`.
    """
    out = []
    for component in _components(edges):
        if len(component) > 1:
            out.append(_loop(component, edges))
    return out


def components(edges: dict[Hashable, list[Hashable]]) -> list[list[Hashable]]:
    """The strongly connected components (Tarjan, iterative), in a deterministic order."""
    return _components(edges)


def _components(edges):
    index: dict = {}
    low: dict = {}
    on_stack: set = set()
    stack: list = []
    found = []
    counter = 0
    nodes = list(edges) + [n for targets in edges.values() for n in targets if n not in edges]
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component[::-1])
    return found


def _loop(component: list, edges: dict) -> list:
    """A simple cycle inside a strongly connected component, starting at its first node."""
    members = set(component)
    start = component[0]
    parent = {start: None}
    queue = [start]
    for node in queue:  # breadth first: the shortest way round
        for child in edges.get(node, ()):
            if child == start:
                path = [node]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return path[::-1]
            if child in members and child not in parent:
                parent[child] = node
                queue.append(child)
    return component  # unreachable for a real component
