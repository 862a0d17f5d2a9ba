"""The import graph of the `lint` package (lint/ and the rule catalogue in rules/, which the install
maps to lint.rules) has no cycle, and no module imports a private name (one starting with `_`) from
another: every module can be read, imported and tested above the ones it uses (issue 21, item 8).

The graph is read from the source with ast: module-level and function-local imports alike (a
function-local import hides a cycle from the interpreter, not from the reader)."""

from __future__ import annotations

import ast
from pathlib import Path

from lint.graph import components

REPOSITORY = Path(__file__).resolve().parent.parent
FOLDERS = {"lint": REPOSITORY / "lint", "lint.rules": REPOSITORY / "rules"}


def _modules() -> dict[str, Path]:
    out = {}
    for package, folder in FOLDERS.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join([package, *parts])] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, str | None, int]]:
    """(module, name imported from it or None, line) of every import in the file, wherever it is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            base = node.module or ""
            if node.level:
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{node.module}" if node.module else anchor
            out += [(base, alias.name, node.lineno) for alias in node.names]
    return out


def _module_of(target: str) -> str | None:
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def graph() -> tuple[dict[str, set[str]], list[str]]:
    """Each module's imports of other modules of the package, and the private names imported."""
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    private = []
    for name, path in MODULES.items():
        for module, imported, line in _imports(name, path):
            if module != "lint" and not module.startswith("lint."):
                continue
            if imported is not None and f"{module}.{imported}" in MODULES:
                target = f"{module}.{imported}"  # `from . import cache`: the module itself
            else:
                target = _module_of(module)
                if imported and imported.startswith("_") and not imported.endswith("__") and target != name:
                    private.append(f"{path.relative_to(REPOSITORY)}:{line} imports {imported} from {module}")
            if target is not None and target != name:
                edges[name].add(target)
    return edges, private


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (lint.graph's Tarjan, the one the
    generalization-cycle rule uses), each sorted."""
    return sorted(sorted(c) for c in components({node: sorted(targets) for node, targets in edges.items()})
                  if len(c) > 1)


def test_the_package_has_no_import_cycle():
    edges, _ = graph()
    assert len(edges) > 50 and "lint.runner" in edges["lint.cli"] | edges["lint.pages.cli"] | {"lint.runner"}
    assert cycles(edges) == []


def test_no_module_imports_a_private_name_from_another():
    _, private = graph()
    assert private == []


def test_the_walk_sees_function_local_imports_and_finds_a_cycle():
    # A test that cannot fail is a defect: the walk must see what it is there to see.
    edges, _ = graph()
    assert "lint.engine" in edges["lint.fix"]  # imported inside a method (_Fixer.fix)
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
