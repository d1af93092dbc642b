"""The code keeps its shape: short functions and small modules, so each part can be read alone.

Branchiness is ruff's C901 (see pyproject.toml); length is checked here, on the source tree.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "newstrace"
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 600
# Not yet split: modules under change elsewhere, to be brought under the limits next.
NOT_YET_SPLIT: dict[str, set[str]] = {}
LONG_MODULES_NOT_YET_SPLIT: set[str] = set()


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_the_tree_is_found() -> None:
    names = {str(path.relative_to(SRC)) for path in _modules()}
    assert {"clean/page.py", "web/app.py", "pipeline.py"} <= names


def test_functions_are_at_most_60_lines() -> None:
    long: list[str] = []
    for path in _modules():
        name = str(path.relative_to(SRC))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_FUNCTION_LINES and node.name not in NOT_YET_SPLIT.get(name, set()):
                long.append(f"{name}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, "split these into named parts: " + ", ".join(long)


def test_modules_are_at_most_600_lines() -> None:
    long = [
        f"{path.relative_to(SRC)} ({count} lines)"
        for path in _modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
        and str(path.relative_to(SRC)) not in LONG_MODULES_NOT_YET_SPLIT
    ]
    assert not long, "split these modules: " + ", ".join(long)
