#!/usr/bin/env python3
"""Check the floors of the code: which app may import which.

Reads every product module under ``equalocal/`` (tests and migrations excluded), collects its
imports of ``equalocal.<app>`` at any depth (function-level imports included) and fails when

- ``core`` or ``docmine`` imports a domain app (they are the ground floor);
- ``docmine`` imports Django (it is a plain Python package);
- two apps import each other, or any longer cycle of apps appears.

Prints the app graph with ``--graph``.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "equalocal"
# Packages below every app: they may import nothing of the apps.
GROUND = {"core", "docmine"}
# Not apps: wiring that may import everything.
WIRING = {"config", "cli", "__main__", "__init__", "locale", "static", "templates"}


def app_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    if not parts:
        return None
    name = parts[0].removesuffix(".py")
    return None if name in WIRING else name


def is_product(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return "tests" not in parts and "migrations" not in parts


def imported_modules(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(("equalocal", *path.relative_to(PACKAGE).with_suffix("").parts))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                if path.name != "__init__.py" or node.level > 1:
                    base = base[: len(base) - node.level]
                elif path.name == "__init__.py":
                    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((module, node.lineno))
    return found


def build_graph() -> tuple[dict[str, set[str]], list[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    errors = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if not is_product(path):
            continue
        source = app_of(path)
        if source is None:
            continue
        graph.setdefault(source, set())
        for module, line in imported_modules(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if source == "docmine" and module.split(".")[0] == "django":
                errors.append(f"{where}: docmine imports Django ({module})")
            parts = module.split(".")
            if parts[0] != "equalocal" or len(parts) < 2:
                continue
            target = parts[1]
            if target in WIRING or target == source:
                continue
            if source in GROUND and target not in GROUND:
                errors.append(f"{where}: {source} is a ground floor and imports {module}")
            graph[source].add(target)
    return graph, errors


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main(argv: list[str]) -> int:
    graph, errors = build_graph()
    if "--graph" in argv:
        for app in sorted(graph):
            print(f"{app:14} -> {', '.join(sorted(graph[app])) or '-'}")
    pairs = sorted(
        {tuple(sorted((a, b))) for a in graph for b in graph[a] if a in graph.get(b, ())}
    )
    for a, b in pairs:
        errors.append(f"apps import each other: {a} <-> {b}")
    for component in cycles(graph):
        errors.append(f"import cycle between apps: {' -> '.join(component)}")
    for error in errors:
        print(error)
    if errors:
        print(f"check_imports: {len(errors)} problem(s)")
        return 1
    print(f"check_imports: {len(graph)} apps, no cycles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
