"""`make` installs torch's CPU build where there is no NVIDIA GPU, and PyPI's build where it cannot.

The Makefile's own rule runs against a package index served on loopback that holds tiny stand-in wheels
(pure Python, named like torch's), so the test checks what pip really resolves: the ``+cpu`` local versions
from the CPU index, kept by the later pins (``torch==X`` is satisfied by ``X+cpu``), and the fallback.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TORCH, TORCHVISION = "0.0.7", "0.0.9"  # versions no real index has

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _wheel(folder: Path, name: str, version: str, requires: tuple[str, ...] = ()) -> None:
    """A minimal valid wheel of one empty module ``name``."""
    dist = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f"__version__ = {version!r}\n",
        f"{dist}/METADATA": "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n"
        + "".join(f"Requires-Dist: {r}\n" for r in requires),
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    record.append(f"{dist}/RECORD,,")
    with zipfile.ZipFile(folder / f"{name}-{version}-py3-none-any.whl", "w") as whl:
        for path, text in files.items():
            whl.writestr(path, text)
        whl.writestr(f"{dist}/RECORD", "\n".join(record) + "\n")


def _index(root: Path, wheels: list[tuple[str, str, tuple[str, ...]]]) -> None:
    """A PEP 503 simple index at ``root/simple`` with ``root/files``."""
    (root / "files").mkdir(parents=True)
    for name, version, requires in wheels:
        _wheel(root / "files", name, version, requires)
        page = root / "simple" / name
        page.mkdir(parents=True, exist_ok=True)
        links = "".join(f'<a href="../../files/{w.name}">{w.name}</a>\n'
                        for w in sorted((root / "files").glob(f"{name}-*.whl")))
        (page / "index.html").write_text(f"<html><body>\n{links}</body></html>\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two indexes on loopback: ``/cpu`` has the CPU builds, ``/pypi`` the plain ones."""
    root = tmp_path_factory.mktemp("indexes")
    _index(root / "cpu", [("torch", f"{TORCH}+cpu", ()),
                          ("torchvision", f"{TORCHVISION}+cpu", (f"torch=={TORCH}",))])
    _index(root / "pypi", [("torch", TORCH, ()), ("torchvision", TORCHVISION, (f"torch=={TORCH}",))])

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _make_torch(tmp_path: Path, base: str, cpu_index: str) -> tuple[subprocess.CompletedProcess, dict]:
    """Run the Makefile's torch rule in a fresh virtualenv; returns the run and what pip installed."""
    env_dir = tmp_path / "venv"
    # The Makefile's own rule makes it the same way (its pip options need a recent pip)
    venv.EnvBuilder(with_pip=True, upgrade_deps=True).create(env_dir)
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_INDEX_URL": f"{base}/pypi/simple",
           "PIP_FIND_LINKS": "", "PIP_RETRIES": "0", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    run = subprocess.run(
        ["make", "-C", str(ROOT), f"{env_dir}/.torch-installed", f"VENV={env_dir}", f"TORCH_VERSION={TORCH}",
         f"TORCHVISION_VERSION={TORCHVISION}", f"TORCH_CPU_INDEX={cpu_index}"],
        env=env, capture_output=True, text=True, timeout=300)
    listed = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "list", "--format", "freeze"],
                            env=env, capture_output=True, text=True, check=True).stdout
    installed = dict(line.split("==") for line in listed.split())
    return run, installed


@pytest.mark.skipif(sys.platform != "linux", reason="the CPU build is chosen on Linux")
def test_cpu_build_comes_from_the_cpu_index_and_later_pins_keep_it(tmp_path: Path, served: str) -> None:
    run, installed = _make_torch(tmp_path, served, f"{served}/cpu/simple")
    assert run.returncode == 0, run.stderr
    assert "installed torch's CPU build" in run.stdout
    assert installed["torch"] == f"{TORCH}+cpu" and installed["torchvision"] == f"{TORCHVISION}+cpu"
    # The app's install names the plain pins next: pip must keep the CPU build, not fetch PyPI's.
    again = subprocess.run([str(tmp_path / "venv" / "bin" / "pip"), "install", f"torch=={TORCH}",
                            f"torchvision=={TORCHVISION}"],
                           env={**os.environ, "PIP_CONFIG_FILE": os.devnull,
                                "PIP_INDEX_URL": f"{served}/pypi/simple", "PIP_FIND_LINKS": ""},
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "already satisfied" in again.stdout.lower()


def test_falls_back_to_pypi_build_with_a_message(tmp_path: Path, served: str) -> None:
    run, installed = _make_torch(tmp_path, served, f"{served}/nothing-here/simple")
    assert run.returncode == 0, run.stderr
    assert "could not be had" in run.stderr and "PyPI's build" in run.stderr
    assert installed["torch"] == TORCH and installed["torchvision"] == TORCHVISION


def test_empty_cpu_index_installs_pypi_build_quietly(tmp_path: Path, served: str) -> None:
    run, installed = _make_torch(tmp_path, served, "")
    assert run.returncode == 0, run.stderr
    assert "could not be had" not in run.stderr and "CPU build" not in run.stdout
    assert installed["torch"] == TORCH
