"""The layout holds: rooms in a fixed order with data flowing down, no import cycles, no module over 800 lines,
no module that only re-exports another.

Imports are read with `ast` from the source files (nothing is imported), including imports inside functions
and under `if TYPE_CHECKING:`: a lazy or type-only import still ties two modules together.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Optional

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "flasklint"

ROOMS: list[tuple[tuple[str, ...], str]] = [
    (("flasklint", "model"), "the package's version and the data every stage passes: positions, findings, results"),
    (("sources",), "reading files into text, structured values and positions; knows no rule"),
    (("findings",), "the catalog, fingerprints, suppressions, selection and baselines, over the model"),
    (("knowledge",), "what is known of files and tools before analysis (kinds, dev paths, Flask pins, Helm)"),
    (("analyzers", "python", "commands"), "facts and findings per file; one tier, as they call each other's readers"),
    (("deployment",), "the project pass and the deployment model, over every file's facts"),
    (("scan",), "the pipeline and its stages, which call every room below"),
    (("fix", "report"), "what is done with a scan's result: fixes applied, reports and pictures written"),
    (("cli", "config", "docs", "__main__"), "the entry points, which may use everything"),
]
"""Rooms from the bottom up, each with why it sits there. A module may import its own room, or a room below."""

MAX_LINES = 800
MAX_TOP_LEVEL_MODULES = 10


def _architecture_hook() -> ModuleType:
    """docs/hooks/architecture.py, which draws the same graph for the docs: one reader of imports for both."""
    spec = importlib.util.spec_from_file_location("_architecture_hook", PACKAGE.parent / "docs/hooks/architecture.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


_HOOK = _architecture_hook()
_READ = _HOOK.read_modules(PACKAGE)
MODULES: dict[str, Path] = {name: module.path for name, module in _READ.items()}
GRAPH: dict[str, set[str]] = _HOOK.import_graph(_READ)
_cycles = _HOOK.cycles


def _room(module: str) -> str:
    """`scan` for flasklint.scan.engine, `model` for flasklint.model, `flasklint` for the package itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _rank(room: str) -> Optional[int]:
    return next((index for index, (rooms, _) in enumerate(ROOMS) if room in rooms), None)


def test_the_graph_is_read() -> None:
    """Guard against a test that passes because it sees nothing."""
    assert len(MODULES) > 100
    assert "flasklint.scan.options" in GRAPH["flasklint.scan.engine"]
    assert "flasklint.analyzers.base" in GRAPH["flasklint.commands.checks"]


def test_no_import_cycles() -> None:
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_one() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_every_room_is_placed() -> None:
    unplaced = sorted({_room(m) for m in MODULES if _rank(_room(m)) is None})
    assert unplaced == [], f"add these rooms to ROOMS, with a reason: {unplaced}"


def test_no_import_goes_up_a_room() -> None:
    upward = [
        f"{module} ({_room(module)}) imports {target} ({_room(target)})"
        for module, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if (_rank(_room(target)) or 0) > (_rank(_room(module)) or 0)
    ]
    assert upward == []


def test_few_plain_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_the_line_limit(module: str) -> None:
    lines = MODULES[module].read_text("utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[module]} has {lines} lines"


def _only_reexports(path: Path) -> bool:
    """A module whose body is nothing but imports (and a docstring, `__all__`, or a `sys.modules` swap):
    a compatibility alias that keeps an old name alive. A package's `__init__` may be docstring only."""
    body = ast.parse(path.read_text("utf-8")).body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    imports = [node for node in body if isinstance(node, (ast.Import, ast.ImportFrom))
               and not (isinstance(node, ast.ImportFrom) and node.module == "__future__")]
    rest = [node for node in body if node not in imports and not (isinstance(node, ast.ImportFrom)
                                                                 and node.module == "__future__")]
    def trivial(node: ast.stmt) -> bool:
        if not isinstance(node, ast.Assign):
            return False
        target = node.targets[0]
        return (isinstance(target, ast.Name) and target.id == "__all__") or (
            isinstance(target, ast.Subscript) and "sys.modules" in ast.unparse(target))
    return bool(imports) and all(trivial(node) for node in rest)


def test_no_compatibility_aliases() -> None:
    aliases = sorted(module for module, path in MODULES.items() if _only_reexports(path))
    assert aliases == []


def test_the_alias_check_finds_one(tmp_path: Path) -> None:
    alias = tmp_path / "alias.py"
    alias.write_text('"""Moved."""\nimport sys\n\nfrom flasklint.python import fixes as _moved\n\n'
                     "sys.modules[__name__] = _moved\n")
    assert _only_reexports(alias)
    alias.write_text('"""Moved."""\nfrom flasklint.python.fixes import build_fixes\n\n__all__ = ["build_fixes"]\n')
    assert _only_reexports(alias)
    alias.write_text('"""A package."""\n')
    assert not _only_reexports(alias)
