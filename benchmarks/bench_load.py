"""Loopback load: many people chatting and opening share pages at once on one served app.

Part 1: USERS people at once, each in their own browser session (Gradio's queue protocol, as a page
speaks it): two chat turns (a length limit of their own, so every preview is cold, then a crossfade)
while share-page and share-video GETs run alongside. Every reply and cut is checked against its own
person's request (cross-talk: the reply quotes their text, the stored versions are theirs, the cut obeys
their limit). Part 2: CHAT_USERS chat turns at once, without and then with one person's long export
(a 4x slowed real clip, high quality) running: chat p95 both ways. Part 3: the same chat bursts while
a long video (the 10-minute 720p benchmark input) is ingested through the app's own upload path: the app
stays usable while a film ingests. A fresh library each run.

Run: ``python benchmarks/bench_load.py [USERS] [--only ingest]`` (writes benchmarks/results/bench_load.json,
or bench_load_ingest.json for part 3 alone).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.ui.live_server import (  # noqa: E402
    REAL_CLIP,
    GradioSession,
    LiveServer,
    build_library,
    http_request,
)

RESULTS = ROOT / "benchmarks" / "results"
USERS = 50
CHAT_USERS = 10


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50_s": round(statistics.median(values), 3),
            "p95_s": round(percentile(values, 0.95), 3), "max_s": round(max(values), 3)}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result); an exception is the result (an error to count), not a crash of the benchmark."""
    started = time.perf_counter()
    try:
        outcome: Any = fn()
    except Exception as exc:
        outcome = exc
    return time.perf_counter() - started, outcome


def limit(n: int) -> float:
    return round(3 + 0.05 * n, 2)


def person(server: LiveServer, video: str, n: int) -> dict[str, Any]:
    """One person's two turns; what they saw, checked against what they asked."""
    tab = GradioSession(server)
    asked = [f"keep it under {limit(n)} seconds", "crossfade"]
    times, problems, sid = [], [], None
    for text in asked:
        seconds, reply = timed(lambda text=text: tab.call("message", [text, [], [video]]))
        times.append(seconds)
        if isinstance(reply, Exception):
            problems.append(f"error: {reply}")
            continue
        sid = sid or reply.outputs["session-id"]
        if reply.outputs["chat"][-2]["content"][0]["text"] != text:
            problems.append(f"cross-talk: the reply answered {reply.outputs['chat'][-2]!r}, not {text!r}")
    if sid is not None:
        store = server.services.store
        turns = [v.turn for v in store.versions(sid)]
        if turns != ["", *asked]:
            problems.append(f"cross-talk: session {sid} holds turns {turns}")
        cut = store.version(store.session(sid).current_version_id).timeline
        if float(cut.duration) > limit(n) + 0.05:
            problems.append(f"cross-talk: the cut is {float(cut.duration):.2f} s, asked under {limit(n)} s")
    return {"times": times, "problems": problems, "session": sid}


def share_get(server: LiveServer, path: str) -> Any:
    status = http_request(server, "GET", path)[0]
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    return status


def part_one(server: LiveServer, video: str, link: str, users: int) -> dict[str, Any]:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users * 3) as pool:
        people = [pool.submit(person, server, video, n) for n in range(users)]
        pages = [pool.submit(timed, lambda: share_get(server, f"/v/{link}")) for _ in range(users)]
        media = [pool.submit(timed, lambda: share_get(server, f"/media/{link}.mp4")) for _ in range(users)]
        people_results = [f.result() for f in people]
        page_results = [f.result() for f in pages]
        media_results = [f.result() for f in media]
    wall = time.perf_counter() - started
    sessions = [p["session"] for p in people_results]
    problems = [msg for p in people_results for msg in p["problems"]]
    if len(set(sessions)) != len(sessions):
        problems.append("cross-talk: two people ended in the same session")
    return {
        "users": users, "wall_s": round(wall, 2),
        "chat_turn": summary([t for p in people_results for t in p["times"]]),
        "share_page_get": summary([t for t, _ in page_results]),
        "share_media_get": summary([t for t, _ in media_results]),
        "errors": [m for m in problems if m.startswith("error")]
        + [str(o) for _, o in page_results + media_results if isinstance(o, Exception)],
        "cross_talk": [m for m in problems if m.startswith("cross-talk")],
    }


def chat_burst(server: LiveServer, video: str, tag: int) -> list[float]:
    """CHAT_USERS people's one cold turn each, at once."""
    tabs = [GradioSession(server) for _ in range(CHAT_USERS)]

    def turn(n: int) -> float:
        text = f"keep it under {2 + 0.1 * n + tag:.1f} seconds"
        seconds, reply = timed(lambda: tabs[n].call("message", [text, [], [video]]))
        if isinstance(reply, Exception):
            raise reply
        return seconds

    with ThreadPoolExecutor(max_workers=CHAT_USERS) as pool:
        return list(pool.map(turn, range(CHAT_USERS)))


def part_two(server: LiveServer) -> dict[str, Any]:
    """Chat p95 with nobody exporting, then while one person's long export runs."""
    videos = server.services.library.videos()
    short = next(v.id for v in videos if v.path.endswith("four_shots.mp4"))
    long = next((v.id for v in videos if Path(v.path).name == REAL_CLIP.name), short)
    quiet = chat_burst(server, short, 0)
    exporter = GradioSession(server)
    exporter.call("message", ["quarter speed", [], [long]])
    export_time: list[float] = []
    thread = threading.Thread(
        target=lambda: export_time.append(timed(lambda: exporter.call("export", []))[0]))
    thread.start()
    while server.services.jobs.renders.running == 0 and thread.is_alive():
        time.sleep(0.01)
    busy = chat_burst(server, short, 1)
    overlapped = thread.is_alive()
    thread.join()
    return {"chat_users": CHAT_USERS, "chat_turn_without_export": summary(quiet),
            "chat_turn_during_export": summary(busy), "export_s": round(export_time[0], 2),
            "export_still_running_when_the_chats_finished": overlapped}


def part_three(server: LiveServer, film: Path) -> dict[str, Any]:
    """Chat bursts on a small video while ``film`` is ingested by the app (as an upload is)."""
    services = server.services
    short = next(v.id for v in services.library.videos() if v.path.endswith("four_shots.mp4"))
    quiet = chat_burst(server, short, 2)
    root = services.upload_root or Path(services.library_dir)
    upload = root / "bench-film-upload" / film.name  # where the web app's uploads land
    upload.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(film, upload)  # the upload is consumed (moved into the library's media)
    stages: list[str] = []
    outcome: list[Any] = []

    def progress_factory(_path: Path) -> Callable[[str, int, int], None]:
        return lambda stage, done, total: stages.append(stage)

    thread = threading.Thread(target=lambda: outcome.append(timed(
        lambda: services.ingest(upload, progress_factory=progress_factory))))
    thread.start()
    while "decode" not in stages and thread.is_alive():
        time.sleep(0.05)
    busy: list[float] = []
    while thread.is_alive() and len(busy) < 5 * CHAT_USERS:
        busy += chat_burst(server, short, 3 + len(busy))
    thread.join()
    seconds, result = outcome[0]
    return {"chat_users": CHAT_USERS, "film": film.name, "chat_turn_idle": summary(quiet),
            "chat_turn_during_ingest": summary(busy), "ingest_s": round(seconds, 1),
            "ingest_status": getattr(result, "status", repr(result)),
            "ingest_error": getattr(result, "error", None), "ingest_shots": getattr(result, "shots", 0)}


def main(users: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        (Path(tmp) / "media").mkdir()
        library = build_library(Path(tmp) / "media", Path(tmp) / "lib")
        server = LiveServer(library).start()
        try:
            services = server.services
            services.wait_for_previews()  # proxies exist (as after any ingest); every cut is still cold
            video = next(v.id for v in services.library.videos() if v.path.endswith("four_shots.mp4"))
            sid = services.start([video])
            services.run(sid, lambda s: s.turn("keep only clips 1 to 3"))
            link = services.links.create(services.run(sid, lambda s: s.current.id), sid, "load").id
            report = {"cores": os.cpu_count(), "render_slots": services.jobs.renders.slots,
                      "mixed": part_one(server, video, link, users), "export_vs_chat": part_two(server)}
        finally:
            server.stop()
    return report


def main_ingest() -> dict[str, Any]:
    from benchmarks.long_input import long_input_720p

    film = long_input_720p()
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        (Path(tmp) / "media").mkdir()
        library = build_library(Path(tmp) / "media", Path(tmp) / "lib")
        server = LiveServer(library).start()
        try:
            server.services.wait_for_previews()
            return {"cores": os.cpu_count(), "chat_vs_ingest": part_three(server, film)}
        finally:
            server.stop()


if __name__ == "__main__":
    only_ingest = "--only" in sys.argv and sys.argv[sys.argv.index("--only") + 1] == "ingest"
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    result = main_ingest() if only_ingest else main(int(numbers[0]) if numbers else USERS)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / ("bench_load_ingest.json" if only_ingest else "bench_load.json")).write_text(
        json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
