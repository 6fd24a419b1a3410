"""``personalcut serve`` as a person runs it: a process that serves the app until stopped."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.ui.live_server import free_port

ROOT = Path(__file__).resolve().parents[2]


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_starts_the_app_on_an_empty_library(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "serve", "--library", str(tmp_path / "lib"), "--port", str(port),
         "--backend", "rules"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                if status_of(f"http://127.0.0.1:{port}/") == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "serve did not answer within 180 s"
            time.sleep(0.5)
        assert status_of(f"http://127.0.0.1:{port}/v/{'A' * 32}") == 404
        assert (tmp_path / "lib" / "library.db").is_file()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_unknown_backend_is_a_clear_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ui.cli", "serve", "--library", str(tmp_path), "--backend", "nonsense"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 2
    assert "personalcut: error: unknown planner backend 'nonsense'" in proc.stderr


def test_a_decoder_setting_that_is_not_a_choice_stops_serve_at_start(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ui.cli", "serve", "--library", str(tmp_path / "lib"), "--backend", "rules"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
        env={**os.environ, "PERSONALCUT_DECODE": "nvidia"},
    )
    assert proc.returncode == 2
    assert "personalcut: error: PERSONALCUT_DECODE='nvidia': use one of auto, cpu, cuda" in proc.stderr
    assert not (tmp_path / "lib").exists()
