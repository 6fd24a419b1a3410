"""Characters: quality against benchmarks/cast_dev.yaml, and the face stage's speed per clip.

Ingests the annotated clips (from ``--media-dir``, normally ../shared/media) into a fresh library with
the face stage on, prints the ``personalcut eval cast`` report (per-character P/R/F1, cluster purity, the
hero per clip) and, per video, the face stage's seconds ("faces_detect": what YuNet and dlib's embedding
of each closed track add to the ingest's decode; since 2026-12-06 they run on a thread beside it, so this is
the decode's time choosing frames and waiting for that thread, not their CPU time; "faces_embed": thumbnails
and rows written; "characters": store and re-cluster) as a multiple of real time. CLIP is the
tiny random test model by default: it does not touch faces, and keeps the whole-ingest figure about the
face stage. Targets (issue 12): per-character F1 >= 0.85, the hero right on every clip, whole ingest
of 720p >= 10x real time on 2 cores.

Run: ``python benchmarks/bench_cast.py [--media-dir DIR] [--annotations FILE] [--clip-model NAME]``
(writes benchmarks/results/bench_cast.json).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.cast_eval import CastAnnotationError, check_media, evaluate_cast, load_cast_annotations  # noqa: E402
from index.clip_factory import create_embedder  # noqa: E402
from index.ingest import ingest  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
FACE_STAGES = ("faces_detect", "faces_embed", "characters")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=ROOT / "benchmarks" / "cast_dev.yaml")
    parser.add_argument("--media-dir", type=Path, default=ROOT.parent / "shared" / "media")
    parser.add_argument("--clip-model", default="tiny-random", help="CLIP for the ingest (not used by faces)")
    args = parser.parse_args()
    if importlib.util.find_spec("index.cast") is None:
        raise SystemExit("index.cast is missing: the face stage (issue 12, index side) is not in this "
                         "checkout, so there are no characters to measure")
    from index.cast import cast_list

    try:
        annotations = load_cast_annotations(args.annotations)
        check_media(annotations, args.media_dir)
    except CastAnnotationError as exc:
        raise SystemExit(f"bad annotations: {exc}") from exc
    embedder = create_embedder(args.clip_model, device="cpu")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-cast-") as tmp:
        library = Path(tmp)
        video_ids = {}
        for file in annotations.files:  # one at a time: each clip's own wall time
            started = time.perf_counter()
            [result] = ingest([args.media_dir / file], library, embedder)
            wall = time.perf_counter() - started
            if result.video is None:
                raise SystemExit(f"{file}: ingest {result.status}: {result.error}")
            video_ids[file] = result.video.id
            duration = float(result.video.duration)
            face_s = sum(result.timings.get(stage, 0.0) for stage in FACE_STAGES)
            rows.append({
                "video": file, "duration_s": round(duration, 2),
                "size": f"{result.video.width}x{result.video.height}", "face_tracks": result.faces,
                **{f"{stage}_s": round(seconds, 2) for stage, seconds in result.timings.items()},
                "face_stage_s": round(face_s, 2),
                "face_x_real_time": round(duration / face_s, 1) if face_s else None,
                "ingest_wall_s": round(wall, 2), "ingest_x_real_time": round(duration / wall, 1),
                "warnings": list(result.warnings),
            })
            row = rows[-1]
            print(f"{file:<44} {duration:6.1f} s {row['size']:>9}: face stage {face_s:5.2f} s = "
                  f"{row['face_x_real_time']}x real time; whole ingest {wall:5.2f} s = "
                  f"{row['ingest_x_real_time']}x; {result.faces} face tracks", flush=True)
            for warning in result.warnings:
                print(f"  warning: {warning}")
        cast = [member.to_json() for member in cast_list(library, list(video_ids.values()))]
    report = evaluate_cast(annotations, cast, video_ids)
    print()
    print(report.to_text())
    total = sum(r["duration_s"] for r in rows)
    face_total = sum(r["face_stage_s"] for r in rows)
    print(f"\nface stage over all clips: {face_total:.1f} s for {total:.1f} s of video = "
          f"{total / face_total if face_total else float('inf'):.1f}x real time ({os.cpu_count()} CPUs)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_cast.json").write_text(json.dumps(
        {"annotations": str(args.annotations), "cpus": os.cpu_count(), "clip_model": embedder.model_id,
         "videos": rows, "report": report.to_json()}, indent=2))


if __name__ == "__main__":
    main()
