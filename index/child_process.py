"""Start helper processes (ffmpeg) so that they never outlive the process that started them.

A SIGKILLed CLI runs no cleanup code, so the kernel has to end its children: on Linux each child asks
for SIGKILL when its parent dies (``PR_SET_PDEATHSIG``). Each child also leads its own process group,
so every exit path can end it, and anything it started, with one ``killpg``; a terminal's Ctrl-C then
reaches only us, and we stop the child ourselves. ``spawn`` holds Ctrl-C and SIGTERM while the child
starts: raised inside ``Popen``, they would lose the only handle to a running child.

The kernel's "parent" is the thread that started the child: callers wait for the child in that thread.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _load_prctl() -> Callable[..., int] | None:
    """libc's ``prctl``, resolved once in the parent: the forked child should do as little as possible."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = (ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong)
    prctl.restype = ctypes.c_int
    return prctl


_PRCTL = _load_prctl()


def _die_with(parent: int) -> Callable[[], None]:
    """The child's pre-exec step: ask for SIGKILL when ``parent`` dies, and die now if it already has."""
    prctl = _PRCTL
    assert prctl is not None

    def arm() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died between fork and prctl: nobody will signal us
            os.kill(os.getpid(), signal.SIGKILL)

    return arm


def tied_to_parent() -> dict[str, Any]:
    """``Popen`` keyword arguments for a child that dies with us and leads its own process group."""
    kwargs: dict[str, Any] = {"start_new_session": True}
    if _PRCTL is not None:
        kwargs["preexec_fn"] = _die_with(os.getpid())
    return kwargs


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
        proc = subprocess.Popen(cmd, **popen_kwargs, **tied_to_parent())
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
