"""Loopback load: N users' cold chat turns and share-page GETs at once against one served app.

Every user sends one chat turn through the HTTP API (a different length each, so each renders a new
preview: cold) and, meanwhile, fetches a share page and its video. A fresh library each run, so no
render is cached. Bounded: USERS turns and 2 * USERS share requests, then it stops.

Run: ``python benchmarks/bench_load.py [USERS]`` (writes benchmarks/results/bench_load.json).
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

from tests.ui.live_server import LiveServer, build_library, gradio_call, http_request  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
USERS = 20


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "p50_s": round(statistics.median(values), 3),
            "p95_s": round(percentile(values, 0.95), 3), "max_s": round(max(values), 3)}


def timed(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    try:
        outcome: object = fn(*args)
    except OSError as exc:  # a reset or refused connection is a result, not a crash of the benchmark
        outcome = f"{type(exc).__name__}: {exc}"
    return time.perf_counter() - started, outcome


def main(users: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        (Path(tmp) / "media").mkdir()
        library = build_library(Path(tmp) / "media", Path(tmp) / "lib")
        server = LiveServer(library).start()
        try:
            services = server.services  # cold: proxies are still being prepared in the background
            sid = services.start([v.id for v in services.library.videos()])
            services.run(sid, lambda s: s.turn("keep only clips 1 to 3"))
            link = services.links.create(services.run(sid, lambda s: s.current.id), sid, "load")

            def turn(n: int) -> object:
                return gradio_call(server, "message", [f"keep it under {3 + 0.1 * n:.1f} seconds", [], None,
                                                       []])[0]

            def share(n: int) -> object:
                path = f"/v/{link.id}" if n % 2 == 0 else f"/media/{link.id}.mp4"
                return http_request(server, "GET", path)[0]

            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=users * 3) as pool:
                turns = [pool.submit(timed, turn, n) for n in range(users)]
                shares = [pool.submit(timed, share, n) for n in range(2 * users)]
                turn_results = [f.result() for f in turns]
                share_results = [f.result() for f in shares]
            wall = time.perf_counter() - started
        finally:
            server.stop()
    return {
        "users": users,
        "wall_s": round(wall, 2),
        "chat_turn": summary([t for t, _ in turn_results]),
        "share_page_get": summary([t for t, _ in share_results[0::2]]),
        "share_media_get": summary([t for t, _ in share_results[1::2]]),
        "turn_failures": [o for _, o in turn_results if o != "complete"],
        "share_failures": [o for _, o in share_results if o != 200],
    }


if __name__ == "__main__":
    report = main(int(sys.argv[1]) if len(sys.argv) > 1 else USERS)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_load.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
