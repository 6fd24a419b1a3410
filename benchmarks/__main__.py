"""``python -m benchmarks`` lists the benchmark scripts; ``python -m benchmarks NAME [ARGS]`` runs one.

NAME is a script's file name with or without ``bench_`` and ``.py`` (``render``, ``bench_render``,
``long_input``); ARGS go to the script as its own command line. ``make bench ARGS="render --help"``.
"""

from __future__ import annotations

import ast
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _is_script(path: Path) -> bool:
    """A module that does something when run: it has an ``if __name__ == "__main__":`` block."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
        and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__"
        for node in tree.body
    )


def scripts() -> dict[str, Path]:
    """Runnable benchmark scripts by name (the file name without ``.py``), sorted."""
    return {p.stem: p for p in sorted(HERE.glob("*.py")) if p.stem != "__main__" and _is_script(p)}


def summary(path: Path) -> str:
    """The first line of a script's docstring: what it measures."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def resolve(name: str, available: dict[str, Path]) -> Path | None:
    stem = name.removesuffix(".py")
    return available.get(stem) or available.get(f"bench_{stem}")


def main(argv: list[str]) -> int:
    available = scripts()
    if not argv or argv[0] in ("-h", "--help", "list"):
        width = max(len(name) for name in available)
        print("benchmarks (run one: python -m benchmarks NAME [ARGS]; results go to benchmarks/results/):")
        for name, path in available.items():
            print(f"  {name:<{width}}  {summary(path)}")
        return 0
    script = resolve(argv[0], available)
    if script is None:
        print(f"benchmarks: no benchmark {argv[0]!r}; one of: {', '.join(available)}", file=sys.stderr)
        return 2
    sys.argv = [str(script), *argv[1:]]
    runpy.run_path(str(script), run_name="__main__")  # a script's sys.exit(code) passes straight through
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
