"""Remove what a killed process left behind: atomic-write temp files (``*.part``), render work folders
(``.personalcut-render-*``) and the thumbnails/keyframes of a video whose ingest never committed (unless
it left a checkpoint to resume from).

SIGINT and SIGTERM clean up on the way out; SIGKILL cannot, so the next start sweeps. Nothing that a
live process may still be writing is touched: temp names carry their writer's process id
(``index.atomic.owner_tag``), and an ingest holds a shared lock on the library (``ingest_lock``) while
it writes images of a video the database does not hold yet.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from index import checkpoint_store, store
from index.atomic import owner_tag
from index.db import connect
from index.library_paths import LibraryPaths

RENDER_TEMP_PREFIX = ".personalcut-render-"
LEGACY_AGE_SECONDS = 24 * 3600  # temp names from before owner tags carry no pid: swept when this old
START_SLACK_SECONDS = 2.0  # /proc's boot time has whole seconds

_RANDOM = r"[a-z0-9_]{8}"  # tempfile's random part
_PART = re.compile(rf"^\..+\.pid(?P<pid>\d+)-{_RANDOM}(?:\.[^.]+)?\.part$")
_LEGACY_PART = re.compile(rf"^\..+\.{_RANDOM}(?:\.[^.]+)?\.part$")
_RENDER_DIR = re.compile(rf"^{re.escape(RENDER_TEMP_PREFIX)}(?:pid(?P<pid>\d+)-)?{_RANDOM}$")


def render_temp_prefix() -> str:
    """Prefix for a render's work folder: it names this process, so a sweep can tell if the render runs."""
    return RENDER_TEMP_PREFIX + owner_tag()


def _process_start(pid: int) -> float | None:
    """When process ``pid`` started, in epoch seconds, from /proc; None where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22, counting from "state" as 3
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def writer_alive(pid: int, mtime: float) -> bool:
    """Whether process ``pid`` lives and could have written a temp last changed at ``mtime``.

    A process that started after the temp was last written is a reused pid, not its writer.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    started = _process_start(pid)
    return started is None or mtime >= started - START_SLACK_SECONDS


def _stale_temp(entry: os.DirEntry[str], now: float) -> bool:
    """True for our temp file or render folder whose writer is gone; False for anything else."""
    if entry.is_dir(follow_symlinks=False):
        match = _RENDER_DIR.match(entry.name)
    elif entry.is_file(follow_symlinks=False):
        match = _PART.match(entry.name) or _LEGACY_PART.match(entry.name)
    else:
        return False
    if match is None:
        return False
    mtime = entry.stat(follow_symlinks=False).st_mtime
    pid = match.groupdict().get("pid")
    return now - mtime > LEGACY_AGE_SECONDS if pid is None else not writer_alive(int(pid), mtime)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _sweep_dir(directory: Path) -> tuple[list[Path], list[Path]]:
    """Remove stale temps directly in ``directory``; return them and the subfolders left to visit."""
    removed: list[Path] = []
    subdirs: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except (FileNotFoundError, NotADirectoryError):
        return removed, subdirs
    for entry in entries:
        try:
            if _stale_temp(entry, now):
                _remove(Path(entry.path))
                removed.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False) and not _RENDER_DIR.match(entry.name):
                subdirs.append(Path(entry.path))
        except OSError:  # its writer finished, another sweep won, or it is not ours to delete: leave it
            continue
    return removed, subdirs


def sweep_temp_files(directory: Path | str) -> list[Path]:
    """Remove dead writers' ``.part`` files and render folders directly in ``directory`` (a render's
    output folder); return what was removed."""
    return _sweep_dir(Path(directory))[0]


@contextlib.contextmanager
def _library_flock(library_dir: Path, mode: int) -> Iterator[bool]:
    """Hold ``flock(mode)`` on the library's ingest lock file; yields False if a non-blocking try failed."""
    library_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(LibraryPaths(library_dir).ingest_lock, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, mode)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # releases the lock; the kernel does the same for a killed process


@contextlib.contextmanager
def ingest_lock(library_dir: Path | str) -> Iterator[None]:
    """Held (shared) while an ingest writes images of videos not yet stored: orphan sweeps wait it out."""
    with _library_flock(Path(library_dir).expanduser(), fcntl.LOCK_SH):
        yield


def _orphan_image_dirs(library_dir: Path) -> list[Path]:
    """Per-video thumbnail, face thumbnail and keyframe folders of videos the database does not hold."""
    paths = LibraryPaths(library_dir)
    if not paths.is_library():
        return []
    with contextlib.closing(connect(library_dir)) as conn:
        stored = {video.info.id for video in store.videos(conn)} | checkpoint_store.pending_videos(conn)
    faces = paths.face_thumbnail("video", "scan", 0, 0).parent.parent  # thumbs/faces/: per-video folders
    return [folder for parent in (paths.thumbs, faces, paths.keyframes) if parent.is_dir()
            for folder in sorted(parent.iterdir())
            if folder.is_dir() and not folder.is_symlink() and folder.name not in stored and folder != faces]


def sweep_library(library_dir: Path | str) -> list[Path]:
    """Remove stale temps anywhere in the library, and images of videos it does not hold unless an
    ingest is running; return what was removed."""
    library_dir = Path(library_dir).expanduser()
    if not library_dir.is_dir():
        return []
    removed: list[Path] = []
    with _library_flock(library_dir, fcntl.LOCK_EX | fcntl.LOCK_NB) as no_ingest_running:
        if no_ingest_running:
            for folder in _orphan_image_dirs(library_dir):
                with contextlib.suppress(OSError):  # best effort: what cannot go now goes next time
                    _remove(folder)
                    removed.append(folder)
    pending = [library_dir]
    while pending:
        gone, subdirs = _sweep_dir(pending.pop())
        removed += gone
        pending += subdirs
    return removed
