"""Exports and uploads wait in bounded pools that say where each job is in line, and never hold up a chat
turn: a served app with a long export running answers another person's turn at once."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from index.clip_factory import create_embedder
from index.ingest import ingest
from tests import media_factory
from tests.ui.live_server import GradioReply, GradioSession, LiveServer
from ui.job_pools import JobPool, JobPools, queued_message

T = TypeVar("T")


def run_alone(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: a browser test earlier in the run may leave an event loop
    running in this thread (Playwright's sync API), where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def test_a_pool_runs_its_slots_at_once_and_the_rest_in_arrival_order_hearing_their_place() -> None:
    async def scenario() -> tuple[list[str], dict[str, list[int]], int]:
        pool = JobPool("render", 2)
        started: list[str] = []
        heard: dict[str, list[int]] = {}
        most = 0
        done = {name: asyncio.Event() for name in "abcde"}

        async def job(name: str) -> None:
            nonlocal most
            async with pool.slot(lambda ahead: heard.setdefault(name, []).append(ahead)):
                started.append(name)
                most = max(most, pool.running)
                await done[name].wait()

        tasks = []
        for name in "abcde":
            tasks.append(asyncio.create_task(job(name)))
            await asyncio.sleep(0.01)  # arrival order a, b, c, d, e
        assert (pool.running, pool.waiting) == (2, 3)
        for name in "abcde":  # one job ends at a time: the line moves up by one each time
            done[name].set()
            await asyncio.sleep(0.01)
        await asyncio.gather(*tasks)
        return started, heard, most

    started, heard, most = run_alone(scenario())
    assert started == list("abcde") and most == 2
    # a and b found free slots; c was next in line; d and e moved up as the line moved.
    assert heard == {"c": [0], "d": [1, 0], "e": [2, 1, 0]}


def test_a_job_cancelled_while_waiting_leaves_the_line_and_the_next_moves_up() -> None:
    async def scenario() -> tuple[list[int], int]:
        pool = JobPool("ingest", 1)
        hold = asyncio.Event()
        heard: list[int] = []

        async def holder() -> None:
            async with pool.slot():
                await hold.wait()

        async def waiter(report: Any) -> None:
            async with pool.slot(report):
                pass

        first = asyncio.create_task(holder())
        await asyncio.sleep(0.01)
        gone = asyncio.create_task(waiter(None))
        await asyncio.sleep(0.01)
        last = asyncio.create_task(waiter(heard.append))
        await asyncio.sleep(0.01)
        gone.cancel()  # e.g. the browser closed
        await asyncio.sleep(0.01)
        waiting = pool.waiting
        hold.set()
        await asyncio.gather(first, last)
        return heard, waiting

    heard, waiting = run_alone(scenario())
    assert heard == [1, 0] and waiting == 1


def test_pool_sizes_and_messages() -> None:
    with pytest.raises(ValueError, match="at least 1 slot"):
        JobPool("render", 0)
    pools = JobPools.sized(3, 2)
    assert (pools.renders.slots, pools.ingest.slots) == (3, 2)
    assert JobPools.sized().renders.slots >= 1
    assert queued_message("Export", 2) == "Export queued: 2 ahead of you"
    assert queued_message("Upload", 0) == "Upload queued: next in line"


# -- a served app ------------------------------------------------------------------------------------
def _long_clip(path: Path) -> Path:
    """8 s of noisy 720p MPEG-4 (never stream-copied): slowed to a quarter, a 32 s high-quality export."""
    media_factory.run_ffmpeg([
        "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=8,noise=alls=40:allf=t",
        "-c:v", "mpeg4", "-q:v", "4", str(path),
    ])
    return path


@pytest.fixture(scope="module")
def busy_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Its own library (a long clip and a 4-shot clip), one render slot."""
    media = tmp_path_factory.mktemp("pool-media")
    clips = [_long_clip(media / "long.avi"), media_factory.hard_cuts(media / "pool_cuts.mp4").path]
    library = tmp_path_factory.mktemp("pool-library")
    results = ingest(clips, library, create_embedder("tiny-random"))
    assert all(r.status == "added" for r in results), [r.error for r in results]
    server = LiveServer(library, jobs=JobPools.sized(render_slots=1)).start()
    server.services.wait_for_previews()  # the background proxy work is done before anything is timed
    yield server
    server.stop()


def _wait_for(condition: Any, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_a_chat_turn_is_not_queued_behind_an_export_and_queued_exports_hear_their_place(
    busy_server: LiveServer,
) -> None:
    services = busy_server.services
    long_id, cuts_id = (v.id for v in services.library.videos())
    people = {name: GradioSession(busy_server) for name in "abcd"}
    started = people["a"].call("message", ["quarter speed", [], [long_id]])
    a_cut = services.run(started.outputs["session-id"], lambda s: s.current.timeline)
    assert a_cut.duration >= 30  # 8 s at a quarter speed: a long high-quality render
    for name, request in (("b", "keep only clips 1 to 2"), ("c", "drop clip 1"), ("d", "drop clip 2")):
        people[name].call("message", [request, [], [cuts_id]])
    renders = services.jobs.renders
    results: dict[str, GradioReply] = {}
    finished: dict[str, float] = {}

    def export(name: str) -> None:
        results[name] = people[name].call("export", [])
        finished[name] = time.monotonic()

    threads = {name: threading.Thread(target=export, args=(name,)) for name in "acd"}
    threads["a"].start()
    _wait_for(lambda: renders.running == 1, "A's export to start")
    threads["c"].start()
    _wait_for(lambda: renders.waiting == 1, "C's export to queue")
    threads["d"].start()
    _wait_for(lambda: renders.waiting == 2, "D's export to queue")

    turn = people["b"].call("message", ["make it shorter", [], [cuts_id]])
    b_done = time.monotonic()
    still_exporting = "a" not in finished and renders.running == 1 and renders.waiting == 2
    for thread in threads.values():
        thread.join(timeout=600)

    assert turn.outputs["chat"][-2]["content"][0]["text"] == "make it shorter"  # B's own turn, answered
    assert still_exporting, "B's chat turn waited for A's export"
    assert b_done < finished["a"] < finished["c"] < finished["d"]
    assert results["c"].progress[0] == "Export queued: next in line"
    d_heard = results["d"].progress
    assert d_heard[:2] == ["Export queued: 1 ahead of you", "Export queued: next in line"], d_heard
    assert "Rendering" in results["a"].progress  # A never waited: a slot was free
    assert not any("queued" in desc for desc in results["a"].progress)
    for name in "acd":
        assert any(f["path"].endswith(".mp4") for f in results[name].outputs["downloads"]), name
