"""Start helper processes (ffmpeg) so that they never outlive the process that started them.

A SIGKILLed CLI runs no cleanup code, so the kernel has to end its children: on Linux each child asks
for SIGKILL when its parent dies (``PR_SET_PDEATHSIG``). Each child also leads its own process group,
so every exit path can end it, and anything it started, with one ``killpg``; a terminal's Ctrl-C then
reaches only us, and we stop the child ourselves. ``spawn`` holds Ctrl-C and SIGTERM while the child
starts: raised inside ``Popen``, they would lose the only handle to a running child.

The death signal is asked for by util-linux's ``setpriv``, which then execs the command: no Python runs
in the forked child. It used to be a ``preexec_fn``, and a render that started three ffmpegs at once from
three threads hung for good: to run Python in the child, CPython first clears the other threads' state
there, and a PyAV object it freed waited in its clean-up for threads the child does not have. Without a
working ``setpriv`` (not Linux, or a util-linux before 2.33) a child gets no death signal and is still
ended, with its group, on every exit path that runs.

The kernel's "parent" is the thread that started the child: callers wait for the child in that thread.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@lru_cache(maxsize=1)
def _setpriv() -> str | None:
    """``setpriv``, where it can set a death signal (checked once: an old one lacks ``--pdeathsig``)."""
    if not sys.platform.startswith("linux") or (path := shutil.which("setpriv")) is None:
        return None
    try:
        ok = subprocess.run([path, "--pdeathsig", "KILL", "--", "true"], capture_output=True, timeout=10,
                            check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return None
    return path if ok else None


def tied(cmd: Sequence[str]) -> tuple[list[str], dict[str, Any]]:
    """``cmd`` and ``Popen`` keyword arguments for a child that dies with us and leads its own process
    group: run through ``setpriv --pdeathsig KILL`` where it works (the child's pid is ``cmd``'s after it
    execs)."""
    argv = [str(part) for part in cmd]
    if (setpriv := _setpriv()) is not None:
        argv = [setpriv, "--pdeathsig", "KILL", "--", *argv]
    return argv, {"start_new_session": True}


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the child's process group unless the child was already reaped (its id may be reused then)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def spawn(cmd: Sequence[str], **popen_kwargs: Any) -> subprocess.Popen:
    """``Popen(cmd)`` tied to us. A Ctrl-C or SIGTERM that comes while it starts is raised once it has
    started, after killing it: no interrupt leaves a running child that nobody holds a handle to."""
    caught: list[signal.Signals | int] = []
    held: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():  # the only thread Python signals interrupt
        for signum in HELD_SIGNALS:
            if signal.getsignal(signum) is not None:  # None: a handler Python cannot put back
                held[signum] = signal.signal(signum, lambda number, _frame: caught.append(number))
    try:
        argv, kwargs = tied(cmd)
        proc = subprocess.Popen(argv, **popen_kwargs, **kwargs)
    finally:
        for held_signum, handler in held.items():
            signal.signal(held_signum, handler)
    try:
        for caught_signum in caught:
            signal.raise_signal(caught_signum)  # the restored handler: KeyboardInterrupt, Terminated
    except BaseException:
        kill_group(proc)
        proc.wait()
        raise
    return proc
