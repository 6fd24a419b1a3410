"""A killed ``personalcut render`` takes its ffmpeg with it and leaves nothing behind after the next start.

A real CLI subprocess re-encodes a generated 60 s video (a crossfade forces a full encode at --quality
high); it is killed while ffmpeg runs. SIGTERM must take Ctrl-C's clean way out at once; SIGKILL runs
no cleanup, so ffmpeg must die with its parent and the next render must sweep the leftovers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import pytest

from assistant.sessions.store import SessionStore
from assistant.timeline.model import Clip, Timeline
from index.clip_factory import create_embedder
from index.ingest import ingest
from index.library import Library
from tests.media_factory import run_ffmpeg
from ui.cli import main

ROOT = Path(__file__).resolve().parents[3]
SECONDS = 60

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs Linux /proc")


def _processes() -> list[tuple[int, int, list[str]]]:
    """Every live (non-zombie) process as (pid, parent pid, argv)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, ppid = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
            argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except (OSError, ValueError):
            continue  # it exited while we looked
        if state != "Z":
            found.append((int(entry.name), int(ppid), argv))
    return found


def _leftover_processes(cli_pid: int, folder: Path) -> list[tuple[int, list[str]]]:
    """Processes the killed CLI started, or that still write into ``folder``."""
    return [(pid, argv) for pid, ppid, argv in _processes()
            if pid != os.getpid() and (ppid == cli_pid or any(str(folder) in arg for arg in argv))]


def _wait_for_encoding_ffmpeg(cli: subprocess.Popen, folder: Path) -> int:
    """The pid of the CLI's ffmpeg once it runs (writing into ``folder``)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert cli.poll() is None, f"render ended (rc {cli.returncode}) before ffmpeg was seen"
        for pid, ppid, argv in _processes():
            if ppid == cli.pid and "ffmpeg" in Path(argv[0]).name and any(str(folder) in a for a in argv):
                return pid
        time.sleep(0.02)
    raise AssertionError("the render's ffmpeg never started")


def _wait_until_gone(cli_pid: int, folder: Path) -> list[tuple[int, list[str]]]:
    """Leftover processes after a short grace period (the kernel's death signal is quick, not instant)."""
    deadline = time.monotonic() + 5
    while (left := _leftover_processes(cli_pid, folder)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.fixture(scope="module")
def long_cut(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A library holding a 60 s 640x360 video; versions: the whole of it crossfaded, and a 1 s cut."""
    base = tmp_path_factory.mktemp("lifecycle")
    source = base / "long.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", f"testsrc2=size=640x360:rate=25:duration={SECONDS}",
                "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={SECONDS}",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                str(source)])
    library_dir = base / "library"
    [result] = ingest([source], library_dir, create_embedder("tiny-random"))
    assert result.status == "added", result.error
    library = Library.open(library_dir)
    video = library.videos()[0]
    library.close()
    fps, half = video.fps, video.frame_count // 2
    whole = Timeline(clips=(Clip(video.id, 0, half, Fraction(0), half / fps),
                            Clip(video.id, half, 2 * half, half / fps, 2 * half / fps)),
                     transition="crossfade", transition_seconds=0.5)
    short = Timeline(clips=(Clip(video.id, 0, 25, Fraction(0), 25 / fps),))
    store = SessionStore(library_dir)
    versions = [store.session(store.create_session([video.id], timeline=t)).current_version_id
                for t in (whole, short)]
    return library_dir, versions[0], versions[1]



def _start_render(library_dir: Path, version: str, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "render", version, "--library", str(library_dir), "--out", str(out),
         "--quality", "high", "--no-subtitles"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def test_sigterm_stops_ffmpeg_and_cleans_up_at_once(long_cut, tmp_path: Path) -> None:
    library_dir, long_version, _ = long_cut
    out_dir = tmp_path / "out"
    cli = _start_render(library_dir, long_version, out_dir / "cut.mp4")
    try:
        _wait_for_encoding_ffmpeg(cli, out_dir)
        assert any(p.name.startswith(".personalcut-render-") for p in out_dir.iterdir())
        cli.send_signal(signal.SIGTERM)
        _, err = cli.communicate(timeout=60)
    finally:
        cli.kill()
    assert cli.returncode == 128 + signal.SIGTERM, err
    assert "terminated" in err
    assert _wait_until_gone(cli.pid, out_dir) == []
    assert list(out_dir.iterdir()) == []  # no .part, no render folder, no half-written cut.mp4


def test_sigkill_takes_ffmpeg_along_and_the_next_render_sweeps(long_cut, tmp_path: Path) -> None:
    library_dir, long_version, short_version = long_cut
    out_dir = tmp_path / "out"
    cli = _start_render(library_dir, long_version, out_dir / "cut.mp4")
    try:
        _wait_for_encoding_ffmpeg(cli, out_dir)
        cli.kill()
        cli.communicate(timeout=60)
    finally:
        cli.kill()
    assert cli.returncode == -signal.SIGKILL
    assert _wait_until_gone(cli.pid, out_dir) == []
    leftovers = sorted(p.name for p in out_dir.iterdir())
    assert any(name.startswith(".personalcut-render-") for name in leftovers), leftovers
    assert any(name.endswith(".part") for name in leftovers), leftovers

    short = out_dir / "short.mp4"
    assert main(["render", short_version, "--library", str(library_dir), "--out", str(short),
                 "--quality", "preview", "--no-subtitles"]) == 0
    assert [p.name for p in out_dir.iterdir()] == ["short.mp4"]
