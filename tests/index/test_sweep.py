"""What killed processes leave behind is swept on the next start, and nothing a live process writes is.

The leftovers are made by real processes killed with SIGKILL mid-write (an ``atomic_path`` write, an
ingest between its thumbnails and its database commit), not by hand.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from index.atomic import atomic_path
from index.library import Library
from index.library_paths import LibraryPaths
from index.sweep import LEGACY_AGE_SECONDS, render_temp_prefix, sweep_library, sweep_temp_files
from tests.media_factory import hard_cuts

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs Linux /proc")


def _python(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _killed_mid_write(target: Path) -> Path:
    """The ``.part`` a process left when SIGKILLed inside ``atomic_path(target)``."""
    child = _python(f"""
        import os, signal
        from index.atomic import atomic_path
        with atomic_path({str(target)!r}) as part:
            part.write_bytes(b"half a file")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    _, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, err
    [part] = target.parent.glob(f".{target.name}.*.part")
    return part


def test_a_dead_writers_part_goes_and_live_work_stays(tmp_path: Path) -> None:
    dead = _killed_mid_write(tmp_path / "cut.mp4")
    stranger = tmp_path / ".notes.part"  # a user's file that only looks like ours
    stranger.write_text("mine")
    with atomic_path(tmp_path / "live.mp4") as live, \
            tempfile.TemporaryDirectory(prefix=render_temp_prefix(), dir=tmp_path) as live_dir:
        live.write_bytes(b"being written by this process")
        assert sweep_temp_files(tmp_path) == [dead]
        assert live.exists() and Path(live_dir).is_dir() and stranger.exists()
    assert not dead.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.part", "live.mp4"]


def test_a_reused_pid_does_not_keep_a_leftover(tmp_path: Path) -> None:
    """Our own pid in a temp written before this process started: a leftover of an earlier process."""
    with tempfile.TemporaryDirectory(prefix=render_temp_prefix(), dir=tmp_path) as work:
        os.utime(work, (1_000_000, 1_000_000))
        assert sweep_temp_files(tmp_path) == [Path(work)]
        assert not Path(work).exists()


def test_temps_without_an_owner_go_only_when_old(tmp_path: Path) -> None:
    old, fresh = tmp_path / ".personalcut-render-abcd1234", tmp_path / ".cut.mp4.k2j4x9q1.mp4.part"
    old.mkdir()
    fresh.write_bytes(b"x")
    past = time.time() - LEGACY_AGE_SECONDS - 60
    os.utime(old, (past, past))
    assert sweep_temp_files(tmp_path) == [old]
    assert fresh.exists()


def test_a_killed_ingests_images_stay_while_it_runs_and_go_after_it_dies(small_library_copy, tmp_path: Path):
    library_dir = small_library_copy.dir
    paths = LibraryPaths(library_dir)
    stored = set(small_library_copy.video_ids)
    new_clip = hard_cuts(tmp_path / "new.mp4", lengths=(30, 45, 25)).path  # not a stored video
    # A real ingest, paused after its thumbnails and keyframes are written, before its database commit.
    child = _python(f"""
        import sys
        from index.clip_factory import create_embedder
        from index.ingest import ingest

        def pause(stage, done, total):
            if stage == "embed":
                print("paused", flush=True)
                sys.stdin.readline()

        ingest([{str(new_clip)!r}], {str(library_dir)!r}, create_embedder("tiny-random"),
               progress_factory=lambda path: pause)
    """)
    try:
        assert child.stdout.readline() == "paused\n", child.stderr.read()
        orphans = [d for d in (*paths.thumbs.iterdir(), *paths.keyframes.iterdir())
                   if d.is_dir() and d.name not in stored]
        # Thumbnails are written while decoding; keyframe images just before the commit (not yet here).
        assert "thumbs" in {d.parent.name for d in orphans} <= {"thumbs", "keyframes"}, orphans
        Library.open(library_dir).close()  # a start while the ingest runs: its work is not an orphan
        assert all(d.is_dir() for d in orphans)
        child.kill()
        child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == -signal.SIGKILL
    dead_part = _killed_mid_write(paths.thumbs / next(iter(stored)) / "00099.jpg")

    library = Library.open(library_dir)  # the next start
    try:
        assert {v.id for v in library.videos()} == stored
    finally:
        library.close()
    assert not any(d.exists() for d in orphans)
    assert not dead_part.exists() and not list(library_dir.rglob("*.part"))
    for video_id in stored:  # the stored videos' images are untouched
        assert paths.thumbnail(video_id, 0).is_file() and paths.keyframe_image(video_id, 0, 0).is_file()
    assert sweep_library(library_dir) == []
