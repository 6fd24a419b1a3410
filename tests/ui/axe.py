"""axe-core accessibility checks for the browser tests: find or install axe, run it on a page.

axe-core comes from npm (``axe-core@4``) into a cache outside the repository, installed once per
machine; tests skip with a clear reason only when npm itself is missing. The API is two calls:
``run_axe(page)`` returns the serious and critical violations (an empty list is a pass) and
``describe_violations`` turns them into an assertion message a person can act on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest

AXE_PACKAGE = "axe-core@4"
AXE_CACHE = Path(os.environ.get("PERSONALCUT_AXE_CACHE",
                                Path.home() / ".cache" / "personalcut-tests" / "axe"))
BLOCKING_IMPACTS = ("serious", "critical")


def _installed_script(root: Path) -> Path:
    return root / "node_modules" / "axe-core" / "axe.min.js"


@cache
def axe_script() -> str:
    """The axe-core source, installed into ``AXE_CACHE`` on first use (atomically: parallel runs may race)."""
    script = _installed_script(AXE_CACHE)
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip(f"npm is not installed, so {AXE_PACKAGE} cannot be fetched (apt-get install -y npm)")
        AXE_CACHE.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="axe-", dir=AXE_CACHE.parent))
        try:
            done = subprocess.run(
                [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(staging),
                 AXE_PACKAGE],
                capture_output=True, text=True, timeout=300, check=False,
            )
            if done.returncode != 0 or not _installed_script(staging).is_file():
                raise RuntimeError(f"npm install {AXE_PACKAGE} failed: {done.stderr[-2000:]}")
            try:
                os.replace(staging, AXE_CACHE)
            except OSError:
                if not script.is_file():  # another process won the race only if its copy is there
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return script.read_text(encoding="utf-8")


def run_axe(page: Any, selector: str | None = None) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on ``page`` (a Playwright page), or within ``selector``."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not a <script> tag, so a strict page CSP cannot block it.
        page.evaluate(axe_script())
    results = page.evaluate(
        """async selector => await window.axe.run(selector ? document.querySelector(selector) : document,
                                                  {resultTypes: ['violations']})""",
        selector,
    )
    return [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per violation and offending element, for an assertion message."""
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        lines.append(f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}")
    return "\n".join(lines)
