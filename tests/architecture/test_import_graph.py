"""The package layout is the pipeline: every module imports, and nothing imports back up the chain.

A small AST walk (no import side effects) builds the graph of our own modules, counting imports inside
functions too (a lazy import is still a dependency), and checks it at two grains: modules, and the
subsystems of ``assistant/`` (plan, planning, retrieval, timeline, render, export, sessions).
"""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("index", "assistant", "ui", "prompts")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _parse(path: Path) -> ast.Module:
    """``ast.parse``, once more on CPython 3.11's spurious "AST constructor recursion depth mismatch"
    (gh-106905, fixed in 3.11.8/3.12.1): its AST state is shared by the interpreter's threads, and a thread
    an earlier test left compiling code in this worker can throw the count off (seen once in CI)."""
    try:
        return ast.parse(path.read_text(), str(path))
    except SystemError:
        return ast.parse(path.read_text(), str(path))


def _imports(name: str, path: Path) -> set[str]:
    """Our modules that ``name`` imports, resolved to the longest module name that exists."""
    out: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(_parse(path)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from pkg import sub`` depends on the submodule; a plain name depends on pkg itself.
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def _graph() -> dict[str, set[str]]:
    return {name: _imports(name, path) for name, path in MODULES.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path, or None (iterative DFS with colours)."""
    state: dict[str, int] = {}
    for start in graph:
        if state.get(start):
            continue
        stack = [(start, iter(sorted(graph[start])))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return [*path[path.index(child):], child]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph.get(child, ())))))
    return None


def _subsystem(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "assistant" and len(parts) > 1 else parts[0]


def test_no_module_import_cycles() -> None:
    assert _cycle(_graph()) is None


def test_no_cycles_between_subsystems() -> None:
    coarse: dict[str, set[str]] = defaultdict(set)
    for module, targets in _graph().items():
        # The package's front door re-exports its subsystems; it is not one of them.
        if module == "assistant":
            continue
        here = _subsystem(module)
        coarse[here] |= {_subsystem(t) for t in targets if t != "assistant"} - {here}
    assert _cycle(dict(coarse)) is None


def test_layers_only_import_downwards() -> None:
    """index knows nothing of chat; assistant knows nothing of the UI."""
    for module, targets in _graph().items():
        layer = module.split(".")[0]
        if layer == "index":
            assert not {t for t in targets if t.split(".")[0] in ("assistant", "ui")}, module
        if layer == "assistant":
            assert not {t for t in targets if t.split(".")[0] == "ui"}, module


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_imports(module: str) -> None:
    importlib.import_module(module)
