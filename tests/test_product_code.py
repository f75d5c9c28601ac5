"""Product code stands on its own: it imports no test package and names no folder beside the
repository (``../shared`` is for tests and evaluation only)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "equalocal"


def _product_modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts)
    ]


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        return [module, *(f"{module}.{alias.name}" for alias in node.names)]
    return []


def test_product_code_imports_no_test_package():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno} imports {name}"
        for path in _product_modules()
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        for name in _imported(node)
        if "tests" in name.split(".")
    ]
    assert found == []


def test_product_code_names_no_shared_folder():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for path in _product_modules()
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (node.value == "shared" or node.value.startswith("../shared"))
    ]
    assert found == []
