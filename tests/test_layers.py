"""The package's shape: data flows one way, files → documents → model → findings / status → output.

Every module belongs to a layer; it may import modules of lower layers only (a package's own
modules may import its ``__init__``). The test reads every import statement, those inside
functions included, so that a lazy import cannot hide an upward arrow or a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hrddp_cli"

# Lowest first. A name is a module (``load``) or a package (``checks``: all its modules).
LAYERS: list[set[str]] = [
    {"__init__", "findings", "registry", "resources", "visible", "progress"},
    {"errors", "compose", "methodology"},
    {"atomic", "load", "source"},
    {"schema", "model", "git", "diff"},
    {"markings", "config", "scoring"},
    {"build", "view", "checks", "rules"},
    {"read", "explain", "reference"},
    {"validate"},
    {"status"},
    {"flags"},
    {"review", "history", "add", "scaffold"},
    {"pictures"},
    {"brief", "catalogue"},
    {"render"},
    {"session", "options"},
    {"cli"},
    {"__main__"},
]
LAYER_OF = {name: index for index, layer in enumerate(LAYERS) for name in layer}


def _unit(path: Path) -> str:
    """The layer name of a module file: its first component below the package."""
    relative = path.relative_to(PACKAGE).with_suffix("")
    return relative.parts[0]


def _is_module(name: str) -> bool:
    return (PACKAGE / f"{name}.py").exists() or (PACKAGE / name / "__init__.py").exists()


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, first component below hrddp_cli) of every import of the package in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "hrddp_cli":  # a module, or an attribute of the package's __init__
                names = [a.name if _is_module(a.name) else "__init__" for a in node.names]
            elif node.module.startswith("hrddp_cli."):
                names = [node.module.split(".")[1]]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1] for a in node.names if a.name.startswith("hrddp_cli.")]
        found += [(node.lineno, name) for name in names]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    unit = _unit(path)
    assert unit in LAYER_OF, f"{unit} is in no layer of tests/test_layers.py: place it"
    for line, imported in _imports(path):
        assert imported in LAYER_OF, f"{path.name}:{line} imports {imported}, which is in no layer"
        if imported == unit:
            continue  # a package's modules and its __init__
        assert LAYER_OF[imported] < LAYER_OF[unit], (
            f"{path.relative_to(PACKAGE)}:{line} imports hrddp_cli.{imported}, which is not below it"
        )


def test_no_module_is_a_room_too_large_to_read() -> None:
    for path in MODULES:
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 400, f"{path.relative_to(PACKAGE)} has {lines} lines; split it by what its parts do"


def test_no_function_is_too_long_to_read() -> None:
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 60, f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} has {length} lines"


def test_each_command_only_parses_calls_and_renders() -> None:
    """A command function in cli.py is at most 25 lines: options, one call into the core, a renderer."""
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    commands = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.decorator_list]
    assert len(commands) >= 4
    for node in commands:
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        assert length <= 25, f"cli.py: {node.name} has {length} lines; move what it does into the core"


def test_git_is_reached_through_one_module() -> None:
    """GitPython is imported by hrddp_cli/git.py alone, so that a command without history runs without git."""
    for path in MODULES:
        if path == PACKAGE / "git.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level == 0
                else []
            )
            assert not any(n == "git" or n.startswith("git.") for n in names), f"{path.name} imports GitPython"
