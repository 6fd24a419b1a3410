"""How many threads a llama.cpp generation may use right now, and when to give one back mid-answer.

llama.cpp's threads spin while they wait for each other at every layer, so a generation on more threads
than there are free cores is not a little slower but many times slower (measured, Qwen2.5-Coder-1.5B on
2 cores: 29 tokens in 2.5 s on two threads when the machine is quiet, 4.5 s on one; with another process
busy on one core, 40 s on two and 5 s on one). So the planner looks at how busy the cores it may run on
were in the last moment before it starts, and watches its own token times while it generates: a token
far slower than the ones before it means something else started, and the rest is decoded on one thread.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

PROC_STAT = Path("/proc/stat")
CPU_MAX = Path("/sys/fs/cgroup/cpu.max")
SAMPLE_S = 0.05  # long enough for the kernel's tick counters (100 Hz) to tell idle from busy
HEADROOM = 0.35  # a core counts as free from 65 % idle: the planner's own process takes the rest
SLOW_TOKEN = 3.0  # a token this many times slower than usual means the cores are shared now
MIN_TOKENS = 3  # tokens timed before a generation's own usual pace counts


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity, capped by a cgroup CPU quota if any."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        quota, period = CPU_MAX.read_text().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cores)


def cpu_ticks(stat_text: str, cpus: set[int] | None) -> tuple[int, int]:
    """(idle, total) kernel ticks summed over ``cpus`` (all when None) from the text of /proc/stat."""
    idle = total = 0
    for line in stat_text.splitlines():
        name, _, rest = line.partition(" ")
        if not name.startswith("cpu") or name == "cpu":
            continue
        if cpus is not None and int(name[3:]) not in cpus:
            continue
        fields = [int(v) for v in rest.split()]
        idle += fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
        total += sum(fields[:8])  # user..steal; guest time is already inside user
    return idle, total


def idle_cores(before: tuple[int, int], after: tuple[int, int], cores: int) -> float:
    """How many of ``cores`` were idle between two ``cpu_ticks`` readings (0 when no tick passed)."""
    idle, total = after[0] - before[0], after[1] - before[1]
    return cores * idle / total if total > 0 else 0.0


def free_cores(sample_s: float = SAMPLE_S) -> float | None:
    """Cores idle over the last ``sample_s`` seconds (Linux); elsewhere the cores less the 1-minute load
    average (slower to notice a new process); None where the system says neither."""
    try:
        cpus: set[int] | None = set(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = None
    try:
        before = cpu_ticks(PROC_STAT.read_text(), cpus)
        time.sleep(sample_s)
        after = cpu_ticks(PROC_STAT.read_text(), cpus)
    except (OSError, ValueError, IndexError):
        try:
            return max(0.0, usable_cores() - os.getloadavg()[0])
        except (AttributeError, OSError):
            return None
    cores = len(cpus) if cpus is not None else (os.cpu_count() or 1)
    return min(float(usable_cores()), idle_cores(before, after, cores))


def threads_for(free: float | None, limit: int) -> int:
    """Threads for a generation: one per free core, at most ``limit``; half of ``limit`` when nothing is
    known (the choice before free cores were read: safe on a shared machine, slower on a quiet one)."""
    if free is None:
        return max(1, limit // 2)
    return max(1, min(limit, int(free + HEADROOM)))


class TokenPace:
    """Token intervals of one generation: ``slow`` says when a token took far longer than is usual.

    Usual is the fastest pace seen before at this thread count (kept across generations in ``best``) or,
    until there is one, the median of this generation's own tokens so far.
    """

    def __init__(self, best: float | None) -> None:
        self.best = best
        self.intervals: list[float] = []

    def slow(self, interval: float) -> bool:
        usual = self.best
        if usual is None and len(self.intervals) >= MIN_TOKENS:
            usual = statistics.median(self.intervals)
        self.intervals.append(interval)
        return usual is not None and interval > SLOW_TOKEN * usual

    def pace(self) -> float | None:
        """This generation's median token time, once enough tokens were timed."""
        return statistics.median(self.intervals) if len(self.intervals) >= MIN_TOKENS else None
