"""Ingest of a few shared clips: local (one process) against a local Ray cluster on this machine.

Ray pays off with more machines (or GPUs) than one; on one small box it adds start-up and transfer
costs, which this measures. Both runs use the same model and make the same library (the test
``tests/index/test_ingest_ray.py`` checks that); here only the wall time is compared.

Run: ``python benchmarks/bench_ray_ingest.py [--model tiny-random] [--cpus N] [--no-faces] [CLIP ...]``
(needs personalcut[ray]; writes benchmarks/results/bench_ray_ingest.json).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.clip_factory import create_embedder  # noqa: E402
from index.ingest import ingest  # noqa: E402
from index.ray_ingest import ingest_on_ray  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
MEDIA = ROOT.parent / "shared" / "media"
DEFAULT_CLIPS = ("big_buck_bunny_opening_34s_640x360.mp4", "sintel_trailer_480x204.mp4",
                 "mdn_friday_his_girl_friday_clip.mp4", "moviepy_chaplin_clip.mp4")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clips", nargs="*", type=Path, help="videos (default: four shared clips)")
    parser.add_argument("--model", default="tiny-random", help="open_clip model name (default tiny-random)")
    parser.add_argument("--cpus", type=int, default=os.cpu_count(), help="CPUs the local Ray may use")
    parser.add_argument("--no-faces", action="store_true")
    args = parser.parse_args()
    clips = args.clips or [MEDIA / name for name in DEFAULT_CLIPS]
    embedder = create_embedder(args.model)
    faces = not args.no_faces
    import ray

    rows = {}
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as scratch:
        started = time.perf_counter()
        local = ingest(clips, Path(scratch) / "local", embedder, faces=faces)
        rows["local_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
        rows["ray_start_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        on_ray = ingest_on_ray(clips, Path(scratch) / "ray", embedder, faces=faces)
        rows["ray_ingest_s"] = round(time.perf_counter() - started, 1)
        ray.shutdown()
    failed = [r.error for r in (*local, *on_ray) if r.status != "added"]
    if failed:
        raise SystemExit(f"ingest failed: {failed}")
    seconds = sum(float(r.video.duration) for r in local if r.video)
    report = {"clips": [str(c) for c in clips], "input_s": round(seconds, 1), "model": embedder.model_id,
              "faces": faces, "machine_cpus": os.cpu_count(), "ray_cpus": args.cpus, **rows,
              "speedup": round(rows["local_s"] / rows["ray_ingest_s"], 2)}
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_ray_ingest.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
