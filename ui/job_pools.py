"""Bounded pools for the app's long jobs: renders (exports) and ingests (uploads).

A chat turn must never wait behind someone's export or upload, so those jobs run in their own pools
of a few slots each, apart from the chat's events. A job that finds every slot busy waits in line,
in arrival order, on the event loop: waiting costs no thread, so a hundred queued exports cannot
starve the threads chat turns run in. While it waits it is told how many jobs are ahead of it, each
time that number changes, so the page can say "Export queued: 2 ahead of you".
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TypeVar

import anyio

WaitReport = Callable[[int], None]  # called with the number of jobs ahead, each time it changes
T = TypeVar("T")


def default_render_slots(cores: int | None = None) -> int:
    """Half the cores: an export's ffmpeg uses several threads, and chat previews need the rest."""
    return max(1, (cores or os.cpu_count() or 1) // 2)


DEFAULT_INGEST_SLOTS = 1  # one ingest already uses every core, and the library has one writer at a time


@dataclass(eq=False)
class _Ticket:
    """One job waiting in line; ``wake`` is set (from any thread) whenever the line moves."""

    loop: asyncio.AbstractEventLoop
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class JobPool:
    """``slots`` jobs at once; the rest wait first come, first served and hear their place in line."""

    def __init__(self, name: str, slots: int) -> None:
        if slots < 1:
            raise ValueError(f"the {name} pool needs at least 1 slot, not {slots}")
        self.name, self.slots = name, slots
        self._lock = threading.Lock()
        self._running = 0
        self._line: deque[_Ticket] = deque()

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return len(self._line)

    @asynccontextmanager
    async def slot(self, on_wait: WaitReport | None = None) -> AsyncIterator[None]:
        """Hold a slot for the ``async with`` body; ``on_wait(ahead)`` while in line (not if one is free)."""
        ticket = _Ticket(asyncio.get_running_loop())
        reported: int | None = None
        with self._lock:
            self._line.append(ticket)
        try:
            while True:
                ticket.wake.clear()  # before looking: a release after the look sets it again
                with self._lock:
                    ahead = self._line.index(ticket)
                    if ahead == 0 and self._running < self.slots:
                        self._line.popleft()
                        self._running += 1
                        break
                if on_wait is not None and ahead != reported:
                    on_wait(ahead)
                    reported = ahead
                await ticket.wake.wait()
        except BaseException:  # cancelled while waiting (the browser went away): leave the line
            with self._lock:
                if ticket in self._line:
                    self._line.remove(ticket)
            self._wake_all()
            raise
        self._wake_all()  # with more free slots, the next in line may start too
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
            self._wake_all()

    async def run(self, what: str, say: Callable[[str], None], job: Callable[[], T]) -> T:
        """``job()`` in a worker thread once a slot is free; meanwhile ``say(queued_message(what, ahead))``
        ("Export queued: 1 ahead of you") each time its place in line changes."""
        async with self.slot(lambda ahead: say(queued_message(what, ahead))):
            return await anyio.to_thread.run_sync(job)

    def _wake_all(self) -> None:
        """Everyone in line looks again: the first may start, the others moved up by one."""
        with self._lock:
            waiting = list(self._line)
        for ticket in waiting:
            ticket.loop.call_soon_threadsafe(ticket.wake.set)


@dataclass(frozen=True)
class JobPools:
    """The app's pools; sizes from ``personalcut serve --render-jobs/--ingest-jobs`` or the core count."""

    renders: JobPool
    ingest: JobPool

    @classmethod
    def sized(cls, render_slots: int | None = None, ingest_slots: int | None = None) -> JobPools:
        """Pools of the given sizes; None means the default for this machine."""
        return cls(JobPool("render", render_slots or default_render_slots()),
                   JobPool("ingest", ingest_slots or DEFAULT_INGEST_SLOTS))


def queued_message(what: str, ahead: int) -> str:
    """What the page says while a job waits: "Export queued: 2 ahead of you" / "…: next in line"."""
    return f"{what} queued: " + (f"{ahead} ahead of you" if ahead else "next in line")
