"""Chat-turn speed: the match decision, the timeline algebra, and whole turns on a real library.

1. ``decide`` on one film's shot scores (500, 2 000 and 10 000 shots).
2. ``apply_plan`` on a long cut: 1 000 scenes kept, then limited, reordered, clips removed.
3. Whole ``ChatSession.turn`` calls (rules planner; tiny-random CLIP, so latency only) on a generated
   library of 6 small videos: p50/p95 over 20 turns, retrieval turns and pure edits separately.

Run: ``python benchmarks/bench_chat.py`` (writes benchmarks/results/bench_chat.json).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.chat import ChatSession  # noqa: E402
from assistant.plan.schema import ClipRef, EditPlan, KeepOnly, LimitDuration, Order, Query, RemoveClip  # noqa: E402
from assistant.planning.factory import make_planner  # noqa: E402
from assistant.retrieval.decide import decide  # noqa: E402
from assistant.retrieval.types import Scene  # noqa: E402
from assistant.sessions.store import SessionStore  # noqa: E402
from assistant.timeline.apply import apply_plan, source_timeline  # noqa: E402
from assistant.timeline.history import History  # noqa: E402
from assistant.timeline.model import Version  # noqa: E402
from index.clip_factory import create_embedder  # noqa: E402
from index.ingest import ingest  # noqa: E402
from index.library import Library  # noqa: E402
from index.shot import VideoInfo  # noqa: E402
from tests.media_factory import hard_cuts  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 2),
    }


def bench_decide() -> dict:
    rng = np.random.default_rng(0)
    out = {}
    for n in (500, 2000, 10_000):
        scores = np.concatenate([rng.normal(0.2, 0.01, n - n // 20), rng.normal(0.3, 0.01, n // 20)])
        contrast = rng.normal(0.18, 0.01, n)
        out[f"{n}_shots"] = ms(timed(lambda s=scores, c=contrast: decide(s, c), 20))
    return out


def bench_apply() -> dict:
    fps = 24
    videos = [
        VideoInfo(f"v{i}", f"/v{i}.mp4", Fraction(7200), Fraction(fps), 1280, 720, 7200 * fps, "h264", True)
        for i in range(2)
    ]
    source = source_timeline(videos)
    query = Query(text="a fight")
    rng = np.random.default_rng(1)
    scenes = []
    for v in videos:
        for k in range(500):
            start = k * 14 * fps
            scenes.append(Scene(v.id, k, k, start, start + 10 * fps, Fraction(start, fps),
                                Fraction(start + 10 * fps, fps), float(rng.random()), "visual"))
    history = History((Version("v0", "s", None, 0, source),), "v0")
    plans = {
        "keep_only_1000_scenes": EditPlan(ops=[KeepOnly(query=query)]),
        "keep_only_limit_600s": EditPlan(ops=[KeepOnly(query=query), LimitDuration(seconds=600)]),
        "keep_only_order_remove": EditPlan(ops=[KeepOnly(query=query), Order(by="relevance"),
                                                RemoveClip(ref=ClipRef(indices=[1, -1]))]),
    }
    return {name: ms(timed(lambda p=plan: apply_plan(p, history, {query: scenes}, source), 5))
            for name, plan in plans.items()}


def bench_turns() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        clips = [hard_cuts(root / f"v{i}.mp4", lengths=(40, 30, 50, 35, 45)) for i in range(6)]
        t = time.perf_counter()
        ingest([c.path for c in clips], root / "lib", create_embedder("tiny-random"))
        ingest_s = time.perf_counter() - t
        library, store = Library.open(root / "lib"), SessionStore(root / "lib")
        chat = ChatSession.start(library, store, make_planner("rules"))
        retrieval, edits = [], []
        queries = ["only the scenes with colour bars", "add the scenes with a red screen", "remove the noise"]
        for i in range(10):
            for text, bucket in ((queries[i % 3], retrieval), ("make it twice as fast", edits)):
                t = time.perf_counter()
                chat.turn(text)
                bucket.append(time.perf_counter() - t)
        return {
            "ingest_6_videos_s": round(ingest_s, 2), "retrieval_turn": ms(retrieval), "edit_turn": ms(edits),
            "versions": len(chat.versions()),
        }


def main() -> None:
    result = {"decide": bench_decide(), "apply_plan": bench_apply(), "chat_turn": bench_turns()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_chat.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
