"""Run one ffmpeg command with progress, cancellation and a readable error.

Every render step goes through here so a failure always says which command failed and shows the
last lines ffmpeg wrote, and a cancel request kills the process instead of waiting for it. ffmpeg
runs tied to us (``index.child_process``): it dies with this process, even a SIGKILLed one.
"""

from __future__ import annotations

import collections
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from index.child_process import kill_group, spawn
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
    proc = spawn(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    tail: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)
    cancelled = threading.Event()
    helpers: list[threading.Thread] = []
    assert proc.stdout is not None and proc.stderr is not None  # both piped above
    stdout, stderr = proc.stdout, proc.stderr
    try:  # from right after the start: an interrupt anywhere below must stop ffmpeg
        helpers.append(threading.Thread(target=lambda: tail.extend(line.rstrip() for line in stderr),
                                        daemon=True))
        if cancel is not None:
            def watch() -> None:
                while proc.poll() is None:
                    if cancel.wait(0.05):
                        cancelled.set()
                        kill_group(proc)
                        return
            helpers.append(threading.Thread(target=watch, daemon=True))
        for helper in helpers:
            helper.start()
        for line in stdout:
            if progress is not None and duration > 0 and line.startswith("out_time_us="):
                value = line.split("=", 1)[1].strip()
                if value.lstrip("-").isdigit():
                    progress(min(1.0, max(0.0, int(value) / 1e6 / duration)))
    except BaseException:
        kill_group(proc)  # a failing progress callback, Ctrl-C or SIGTERM must not leave ffmpeg running
        raise
    finally:
        rc = proc.wait()
        for helper in helpers:
            if helper.is_alive():
                helper.join(timeout=5)
    if cancelled.is_set():
        raise RenderError(f"{what}: cancelled")
    if rc != 0:
        details = "\n".join(tail) or "(no output)"
        raise RenderError(f"{what} failed (ffmpeg exit code {rc}):\n{details}")
