"""Dialogue in retrieval: what the dialogue signal adds to a chat turn's search, and how clips fit lines.

1. Tears of Steel opening (tiny-random CLIP, dialogue from its .en.vtt): for each line query of
   bench_dialogue.py, ``find_scenes`` with kind dialogue / visual / auto: p50/p95 latency (warm), whether
   the first dialogue scene shows the right line whole, and how much longer the clip is than the line.
2. Scale, no I/O: turning hits into scenes on one long film (``line_scores`` + ``line_scene``)
   for 1 500 shots and 1 / 20 / 200 matching lines.
3. The cost of the dialogue signal on a library without any dialogue (the check that skips it).

Run: ``python benchmarks/bench_dialogue_retrieval.py``
(writes benchmarks/results/bench_dialogue_retrieval.json).
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.plan.schema import Query  # noqa: E402
from assistant.retrieval.dialogue import DialogueScorer, line_scene, line_scores, with_dialogue  # noqa: E402
from assistant.retrieval.search import find_scenes  # noqa: E402
from assistant.retrieval.visual import VisualScorer  # noqa: E402
from benchmarks.bench_dialogue import QUERIES, TEARS, TEARS_VTT  # noqa: E402
from index.clip_factory import create_embedder  # noqa: E402
from index.dialogue import CueHit, cues_for, index_dialogue  # noqa: E402
from index.dialogue_store import Cue  # noqa: E402
from index.ingest import ingest  # noqa: E402
from index.library import Library  # noqa: E402
from index.sentence_embedder import sentence_embedder  # noqa: E402
from index.shot import Shot  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
REPEATS = 5


def _ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 2)}


def bench_tears(work: Path) -> dict:
    media = work / "media"
    media.mkdir()
    shutil.copy(TEARS, media / "tears.mp4")
    shutil.copy(TEARS_VTT, media / "tears.en.vtt")
    clip = create_embedder("tiny-random")
    library_dir = work / "library"
    (result,) = ingest([media / "tears.mp4"], library_dir, clip)
    library = Library.open(library_dir, clip)
    vid = result.video.id
    index_dialogue(result.video, library.shots(vid), library_dir, use_asr=False, embedder=sentence_embedder())
    cues = cues_for(library_dir, vid)
    scorers = [VisualScorer(), DialogueScorer()]
    started = time.perf_counter()
    find_scenes(library, Query(text="warm-up", kind="auto"), [vid], scorers)
    first_call = time.perf_counter() - started
    timings: dict[str, list[float]] = {"dialogue": [], "visual": [], "auto": []}
    right, padding = 0, []
    for text, _, wanted in QUERIES:
        for kind, spent in timings.items():
            for _ in range(REPEATS):
                started = time.perf_counter()
                scenes = find_scenes(library, Query(text=text, kind=kind), [vid], scorers)
                spent.append(time.perf_counter() - started)
            if kind != "dialogue" or not scenes:
                continue
            top = scenes[0] if len(scenes) == 1 else max(scenes, key=lambda s: s.score)
            whole = [c for c in cues if c.index in wanted and top.start <= c.start and c.end <= top.end]
            if whole:
                right += 1
                padding.append(float(top.duration - (whole[-1].end - whole[0].start)))
    return {
        "shots": len(library.shots(vid)), "cues": len(cues), "queries": len(QUERIES),
        "first_call_s": round(first_call, 2),
        "latency": {kind: _ms(spent) for kind, spent in timings.items()},
        "dialogue_top_scene_shows_right_line": right,
        "mean_padding_s": round(statistics.mean(padding), 3) if padding else None,
        "max_padding_s": round(max(padding), 3) if padding else None,
    }


def bench_scale(shot_count: int = 1500, fps: int = 24) -> dict:
    """One 2-hour film: shots of ~4.8 s, lines spread evenly; the per-video work of the scorer."""
    frames = 4.8 * fps
    shots = [Shot("film", i, round(i * frames), round((i + 1) * frames), Fraction(round(i * frames), fps),
                  Fraction(round((i + 1) * frames), fps)) for i in range(shot_count)]
    end = shots[-1].end
    out = {}
    for lines in (1, 20, 200):
        hits = []
        for i in range(lines):
            start = end * Fraction(i + 1, lines + 1)
            hits.append(CueHit(Cue("film", i, start, start + 2, f"line {i}", "sidecar"), 0.9, "words"))
        started = time.perf_counter()
        line_scores(hits, shots)
        scenes = [line_scene(hit, shots, Fraction(fps)) for hit in hits]
        out[f"{lines}_lines_ms"] = round((time.perf_counter() - started) * 1000, 1)
        assert len(scenes) == lines
    return {"shots": shot_count, **out}


def bench_no_dialogue(work: Path, videos: int = 20) -> dict:
    """``with_dialogue`` over videos that have no cues: what every query pays when nothing is spoken."""
    library_dir = work / "empty"
    library_dir.mkdir()
    library = type("L", (), {"dir": library_dir})()
    ids = [f"video{i}" for i in range(videos)]
    with_dialogue(library, ids)  # creates the (empty) tables once
    spent = []
    for _ in range(20):
        started = time.perf_counter()
        assert with_dialogue(library, ids) == []
        spent.append(time.perf_counter() - started)
    return {"videos": videos, **_ms(spent)}


def main() -> int:
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if TEARS.exists() and TEARS_VTT.exists():
            results["tears"] = bench_tears(work)
        else:
            print(f"skipping the Tears of Steel part: {TEARS} not found")
        results["scale"] = bench_scale()
        results["no_dialogue"] = bench_no_dialogue(work)
    print(json.dumps(results, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_dialogue_retrieval.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
