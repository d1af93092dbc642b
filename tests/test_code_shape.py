"""The code keeps its shape: short functions and small modules, so each part can be read alone.

Branchiness is ruff's C901 (see pyproject.toml); length is checked here, on the package, the
measuring scripts, the maintenance scripts and the tests.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "newstrace"
FOLDERS = (SRC, REPO / "benchmarks", REPO / "scripts", REPO / "tests")
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 600


def _modules() -> list[Path]:
    return sorted(path for folder in FOLDERS for path in folder.rglob("*.py"))


def _name(path: Path) -> str:
    return str(path.relative_to(REPO))


def test_the_tree_is_found() -> None:
    names = {_name(path) for path in _modules()}
    assert {"src/newstrace/clean/page.py", "src/newstrace/web/app.py", "src/newstrace/pipeline.py"} <= names
    assert {"benchmarks/bench_claims.py", "scripts/check_outputs_identical.py", "tests/test_code_shape.py"} <= names


def test_functions_are_at_most_60_lines() -> None:
    long: list[str] = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                long.append(f"{_name(path)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, "split these into named parts: " + ", ".join(long)


def test_modules_are_at_most_600_lines() -> None:
    long = [
        f"{_name(path)} ({count} lines)"
        for path in _modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert not long, "split these modules: " + ", ".join(long)
