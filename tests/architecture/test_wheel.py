"""A wheel built from the repo carries every subpackage and the prompts (packages are found, not listed)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.architecture.test_import_graph import MODULES, ROOT


@pytest.mark.slow
def test_wheel_contains_every_module_and_prompt(tmp_path: Path) -> None:
    pytest.importorskip("setuptools")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path),
         str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("personalcut-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for module, path in MODULES.items():
        assert str(path.relative_to(ROOT)) in names, module
    assert "prompts/planner_system.txt" in names and "prompts/planner_bank.jsonl" in names
    assert not any(n.startswith("tests/") for n in names)
