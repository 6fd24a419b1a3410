"""A generation's threads follow the free cores: counted from the kernel's tick counters before it starts,
and cut to one when its tokens slow down mid-answer (real llama.cpp on the SmolLM2 fixture for that)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from assistant.planning.base import PlannerContext
from assistant.planning.llm import cpu_share, llamacpp
from assistant.planning.llm.base import build_messages
from tests.fixture_models import FixtureModelMissing, smollm2_gguf

# Two readings of /proc/stat 100 ticks apart on a 2-core machine: cpu0 idle for all of them, cpu1 for 20.
BEFORE = """cpu  300 0 100 600 0 0 0 0 0 0
cpu0 100 0 50 400 0 0 0 0 0 0
cpu1 200 0 50 200 0 0 0 0 0 0
intr 12345 0 0
"""
AFTER = """cpu  380 0 100 720 0 0 0 0 0 0
cpu0 100 0 50 500 0 0 0 0 0 0
cpu1 280 0 50 220 0 0 0 0 0 0
intr 12399 0 0
"""


def test_idle_cores_come_from_the_tick_counters() -> None:
    both = cpu_share.idle_cores(cpu_share.cpu_ticks(BEFORE, None), cpu_share.cpu_ticks(AFTER, None), 2)
    assert both == pytest.approx(1.2)
    only_cpu1 = cpu_share.idle_cores(cpu_share.cpu_ticks(BEFORE, {1}), cpu_share.cpu_ticks(AFTER, {1}), 1)
    assert only_cpu1 == pytest.approx(0.2)
    assert cpu_share.idle_cores((5, 10), (5, 10), 2) == 0.0  # no tick passed: nothing is known to be free


def test_threads_follow_the_free_cores_within_the_limit() -> None:
    assert cpu_share.threads_for(2.0, 4) == 2
    assert cpu_share.threads_for(1.7, 4) == 2  # the planner's own process was part of the busy time
    assert cpu_share.threads_for(1.2, 4) == 1  # another process holds most of a core
    assert cpu_share.threads_for(0.0, 4) == 1
    assert cpu_share.threads_for(7.9, 4) == 4
    assert cpu_share.threads_for(None, 4) == 2  # nothing known: half, as before free cores were read
    assert cpu_share.threads_for(None, 1) == 1


def test_without_proc_stat_the_load_average_stands_in(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(cpu_share, "PROC_STAT", tmp_path / "missing")
    monkeypatch.setattr(cpu_share, "usable_cores", lambda: 4)
    monkeypatch.setattr(os, "getloadavg", lambda: (2.5, 1.0, 1.0))
    assert cpu_share.free_cores() == pytest.approx(1.5)


def test_a_token_far_slower_than_usual_is_slow() -> None:
    pace = cpu_share.TokenPace(best=None)
    assert not any(pace.slow(t) for t in (0.09, 0.1, 0.08, 0.25))  # 0.25 < 3 x the median so far (0.09)
    assert pace.slow(1.4)
    assert pace.pace() == pytest.approx(0.1)
    known = cpu_share.TokenPace(best=0.09)  # an earlier generation's pace counts from the first token
    assert known.slow(0.5)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/stat")
def test_a_busy_core_is_not_counted_free() -> None:
    cores = cpu_share.usable_cores()
    assert 1 <= cores <= (os.cpu_count() or 1)
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)
        free = cpu_share.free_cores(0.2)
    finally:
        burner.kill()
        burner.wait()
    assert free is not None
    assert 0.0 <= free <= cores - 0.5


@pytest.mark.slow
def test_switching_to_one_thread_mid_answer_keeps_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("llama_cpp", reason="the llamacpp extra (llama-cpp-python) is not installed")
    try:
        model = smollm2_gguf()
    except FixtureModelMissing as exc:
        pytest.skip(f"fixture model wheel not installed: {exc}")
    planner = llamacpp.LlamaCppPlanner(model, threads=2, max_tokens=40, few_shot=0, core=0)
    messages = build_messages("only the fights, under two minutes", PlannerContext(), few_shot=0)
    monkeypatch.setattr(cpu_share, "free_cores", lambda sample_s=0.0: 2.0)
    steady = planner.complete(messages)
    steady_tokens = [text for text, _ in planner.last_tokens or []]

    seen: list[int] = []
    set_threads = llamacpp._set_threads

    def record(llm: object, threads: int) -> None:
        seen.append(threads)
        set_threads(llm, threads)

    monkeypatch.setattr(llamacpp, "_set_threads", record)
    def slow_at_the_fourth_token(pace: cpu_share.TokenPace, interval: float) -> bool:
        pace.intervals.append(interval)
        return len(pace.intervals) == 4

    monkeypatch.setattr(cpu_share.TokenPace, "slow", slow_at_the_fourth_token)
    switched = planner.complete(messages)
    assert seen == [2, 1]  # started on two threads, went on with one after the fourth token
    # the tokens made before the switch are kept: the answer goes on, it is not started again
    assert [text for text, _ in planner.last_tokens or []][:4] == steady_tokens[:4]
    # One thread sums in another order than two. On an AVX2-only CPU (part 49's AMD EPYC) a near-tie token
    # after the switch then came out differently (a space: '{ "text"' for '{"text"'), so the answer is
    # compared without its whitespace, which JSON does not read.
    assert "".join(switched.split()) == "".join(steady.split())
    assert len(steady) > 10
