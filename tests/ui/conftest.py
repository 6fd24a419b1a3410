"""A real server on a free localhost port, a small real library, and headless Chromium.

The library (generated lavfi clips plus one real clip when ../shared/media is present) is ingested
once per test session with the tiny-random CLIP model; tests make their own chat sessions in it.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.live_server import CHROMIUM, CHROMIUM_ARGS, LiveServer, build_library

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two generated clips (one with audio) and, when present, one real clip, ingested once."""
    return build_library(tmp_path_factory.mktemp("ui-media"), tmp_path_factory.mktemp("ui-library"))


@pytest.fixture(scope="session")
def server(library_dir: Path) -> Iterator[LiveServer]:
    live = LiveServer(library_dir).start()
    yield live
    live.stop()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def outside_file(tmp_path: Path) -> Path:
    """A file outside the library that no route may ever serve."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-OUTSIDE-LIBRARY")
    return secret



def server_thread_stacks() -> str:
    """Every thread of this process, where it stands: the test server runs here, so a wait that timed out
    shows whether a render, a lock or a queue held the answer back."""
    names = {t.ident: t.name for t in threading.enumerate()}
    return "\n".join(
        f"--- {names.get(ident, ident)}\n" + "".join(traceback.format_stack(frame))
        for ident, frame in sys._current_frames().items()
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """A browser wait that timed out says what the server was doing then, in the failure's report."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and call.excinfo is not None \
            and "Timeout" in call.excinfo.typename:
        report.sections.append(("server threads when the wait timed out", server_thread_stacks()))
