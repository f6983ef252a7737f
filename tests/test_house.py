"""The house's size limits (docs/architecture.md): no module of toolkit/ or benchmarks/
over 400 lines and no function over 60, unless the reason is written beside it; a test
module over 400 lines says why in its docstring."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

MODULE_LINES, FUNCTION_LINES = 400, 60
REASON = "Longer than the house's 400 lines on purpose"  # in the module's docstring
FUNCTION_REASON = "# longer than 60 lines on purpose:"  # on the line of the def


def _modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def test_no_module_of_the_package_or_the_bench_is_over_400_lines():
    long = [
        f"{p.relative_to(ROOT)}: {n} lines"
        for p in _modules("toolkit", "benchmarks")
        if (n := p.read_text(encoding="utf-8").count("\n")) > MODULE_LINES and REASON not in _docstring(p)
    ]
    assert not long, f"split these by what they own, or say why in the docstring ({REASON!r}): {long}"


def test_no_function_is_over_60_lines():
    long = []
    for path in _modules("toolkit", "benchmarks"):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                if size > FUNCTION_LINES and FUNCTION_REASON not in lines[node.lineno - 1]:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name} ({size} lines)")
    assert not long, f"split these, or say why on the def line ({FUNCTION_REASON!r}): {long}"


def test_a_long_test_module_says_why():
    long = [
        str(p.relative_to(ROOT))
        for p in _modules("tests")
        if p.read_text(encoding="utf-8").count("\n") > MODULE_LINES and REASON not in _docstring(p)
    ]
    assert not long, f"say why in the docstring ({REASON!r}), or split: {long}"
