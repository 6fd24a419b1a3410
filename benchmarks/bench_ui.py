"""UI latency: Enter -> playable video in Chromium, and 20 concurrent chat sessions on one server.

1. One browser tab, rules planner, tiny-random CLIP: 20 turns, each timed from pressing Enter until
   the player's new source has decoded a frame (readyState >= 2). Every turn asks for a different
   length, so each one renders a new preview (no cache hits between turns).
2. 20 gradio_client sessions at once against the same server on loopback: start a cut, send one
   request; all must answer without error. Reports p50/p95 per request.

Run: ``python benchmarks/bench_ui.py`` (writes benchmarks/results/bench_ui.json).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.ui.live_server import CHROMIUM, CHROMIUM_ARGS, LiveServer, build_library  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
TURNS = 20
SESSIONS = 20


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "p50_s": statistics.median(values), "p95_s": percentile(values, 0.95),
            "max_s": max(values)}


def browser_turns(url: str) -> list[float]:
    from playwright.sync_api import sync_playwright

    timings = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(120_000)
        page.goto(url)
        page.locator("#videos label", has_text="four_shots").locator("input").check()
        page.click("#start")
        ready = """old => { const v = document.querySelector('#cut-player video');
                    return v && v.currentSrc && v.currentSrc !== old && v.readyState >= 2 }"""
        page.wait_for_function(ready, arg=None)
        for i in range(TURNS):
            old = page.evaluate("() => document.querySelector('#cut-player video').currentSrc")
            box = page.locator("#chat-input textarea")
            box.fill(f"keep it under {6 - 0.2 * i:.1f} seconds")
            t0 = time.perf_counter()
            box.press("Enter")
            page.wait_for_function(ready, arg=old)
            timings.append(time.perf_counter() - t0)
        browser.close()
    return timings


def one_client_session(url: str, video_id: str) -> float:
    from gradio_client import Client

    client = Client(url, verbose=False, httpx_kwargs={"timeout": 300})
    client.predict([video_id], [], api_name="/start")
    t0 = time.perf_counter()
    client.predict("make it shorter", [], [video_id], api_name="/message")
    return time.perf_counter() - t0


def concurrent_sessions(server: LiveServer) -> dict:
    video_id = server.services.library.videos()[0].id
    errors: list[str] = []
    timings: list[float] = []
    t0 = time.perf_counter()
    with ThreadPoolExecutor(SESSIONS) as pool:
        futures = [pool.submit(one_client_session, server.url, video_id) for _ in range(SESSIONS)]
        for future in futures:
            try:
                timings.append(future.result())
            except Exception as exc:  # noqa: BLE001 - count every failure, report them all
                errors.append(f"{type(exc).__name__}: {exc}")
    wall = time.perf_counter() - t0
    return {"sessions": SESSIONS, "answered": len(timings), "errors": errors, "wall_s": wall,
            **(summary(timings) if timings else {})}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "media").mkdir()
        t0 = time.perf_counter()
        library = build_library(tmp_path / "media", tmp_path / "library")
        build_s = time.perf_counter() - t0
        server = LiveServer(library).start()
        try:
            turns = summary(browser_turns(server.url))
            concurrent = concurrent_sessions(server)
        finally:
            server.stop()
    result = {"library_build_s": build_s, "enter_to_playable": turns, "concurrent_sessions": concurrent}
    print(f"library build: {build_s:.1f} s")
    print(f"Enter -> playable video ({turns['n']} turns): p50 {turns['p50_s']:.2f} s, "
          f"p95 {turns['p95_s']:.2f} s")
    print(f"{SESSIONS} concurrent sessions: {concurrent['answered']} answered, "
          f"{len(concurrent['errors'])} errors, p95 {concurrent.get('p95_s', float('nan')):.2f} s, "
          f"wall {concurrent['wall_s']:.1f} s")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_ui.json").write_text(json.dumps(result, indent=2))
    return 0 if not concurrent["errors"] and concurrent["answered"] == SESSIONS else 1


if __name__ == "__main__":
    sys.exit(main())
