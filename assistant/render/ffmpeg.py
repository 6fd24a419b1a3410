"""Run one ffmpeg command with progress, cancellation and a readable error.

Every render step goes through here so a failure always says which command failed and shows the
last lines ffmpeg wrote, and a cancel request kills the process instead of waiting for it.
"""

from __future__ import annotations

import collections
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from index.ffmpeg_bin import ffmpeg_exe

ProgressFn = Callable[[float], None]  # fraction of the whole job done, 0..1

STDERR_TAIL_LINES = 12


class RenderError(Exception):
    """A render or export failed: missing/corrupt source, cancellation, or ffmpeg's own error."""


def run_ffmpeg(
    args: Sequence[str | Path],
    *,
    duration: float = 0.0,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    what: str = "ffmpeg",
) -> None:
    """Run ``ffmpeg ARGS``; report ``out_time / duration`` to ``progress``; raise RenderError on failure.

    ``args`` are passed as a list (never a shell string); ``what`` names the step in error messages.
    """
    if cancel is not None and cancel.is_set():
        raise RenderError(f"{what}: cancelled")
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-progress", "pipe:1",
           "-nostats", *map(str, args)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    tail: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)
    drain = threading.Thread(target=lambda: tail.extend(line.rstrip() for line in proc.stderr), daemon=True)
    drain.start()
    cancelled = threading.Event()
    watcher = None
    if cancel is not None:
        def watch() -> None:
            while proc.poll() is None:
                if cancel.wait(0.05):
                    cancelled.set()
                    proc.kill()
                    return
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
    try:
        for line in proc.stdout:
            if progress is not None and duration > 0 and line.startswith("out_time_us="):
                value = line.split("=", 1)[1].strip()
                if value.lstrip("-").isdigit():
                    progress(min(1.0, max(0.0, int(value) / 1e6 / duration)))
    except BaseException:
        proc.kill()  # a failing progress callback or Ctrl-C must not leave ffmpeg running
        raise
    finally:
        rc = proc.wait()
        drain.join(timeout=5)
        if watcher is not None:
            watcher.join(timeout=5)
    if cancelled.is_set():
        raise RenderError(f"{what}: cancelled")
    if rc != 0:
        details = "\n".join(tail) or "(no output)"
        raise RenderError(f"{what} failed (ffmpeg exit code {rc}):\n{details}")
