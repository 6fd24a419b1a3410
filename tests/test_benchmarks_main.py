"""``python -m benchmarks`` (what ``make bench`` runs): lists the benchmark scripts and runs one by name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def benchmarks(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "benchmarks", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False)


def test_without_a_name_it_lists_every_benchmark_script_with_what_it_measures() -> None:
    proc = benchmarks()
    assert proc.returncode == 0, proc.stderr
    listed = {line.split()[0]: line for line in proc.stdout.splitlines()[1:]}
    on_disk = {p.stem for p in (ROOT / "benchmarks").glob("bench_*.py")}
    assert on_disk and on_disk <= set(listed)
    assert "long_input" in listed  # a runnable helper script is listed too
    assert "Planner accuracy and latency" in listed["bench_planner"]  # its docstring's first line
    assert "__main__" not in listed


def test_a_name_runs_that_script_with_the_remaining_arguments() -> None:
    for name in ("planner", "bench_planner", "bench_planner.py"):
        proc = benchmarks(name, "--help")
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("usage: bench_planner.py") and "--backends" in proc.stdout


def test_an_unknown_name_is_a_clear_error() -> None:
    proc = benchmarks("no_such_bench")
    assert proc.returncode == 2 and proc.stdout == ""
    assert "no benchmark 'no_such_bench'" in proc.stderr and "bench_render" in proc.stderr
