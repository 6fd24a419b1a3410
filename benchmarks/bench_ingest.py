"""Whole-ingest speed on a >= 10-minute 720p H.264 input, as a multiple of real time.

Each run ingests ``long_input_720p()`` into a fresh library and splits the time into the analyze
stages (decode, detect, keyframes) and embed. Models: ``tiny`` (tiny-random: pipeline overhead),
``vitb32-random`` (ViT-B-32 architecture with random weights: the real compute, throughput only,
results meaningless) and ``vitb32`` (real weights from $PERSONALCUT_CLIP_WEIGHTS; skipped without).
Target for ViT-B/32: >= 10x real time on 2 cores.

Run: ``python benchmarks/bench_ingest.py [--models tiny,vitb32-random,vitb32] [--input FILE] [--faces both]``
(writes benchmarks/results/bench_ingest.json).
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

from benchmarks.long_input import long_input_720p  # noqa: E402
from index.clip_factory import DEFAULT_MODEL, WEIGHTS_ENV, ClipEmbedder, create_embedder  # noqa: E402
from index.embedder import Embedder  # noqa: E402
from index.ingest import ingest  # noqa: E402
from index.library import Library  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def random_vitb32(device: str = "cpu") -> Embedder:
    """ViT-B-32 with random weights: the same compute as the real model, for throughput only."""
    import open_clip

    model, _, preprocess = open_clip.create_model_and_transforms(DEFAULT_MODEL, pretrained=None)
    return ClipEmbedder(model.to(device), preprocess, open_clip.get_tokenizer(DEFAULT_MODEL),
                        model_id=f"{DEFAULT_MODEL}/random-weights", spec=None, device=device,
                        meaningful=False)


def embedder_for(name: str, device: str = "cpu") -> Embedder | None:
    """``device``: "cpu" (the 2-core numbers), or "cuda" as the app picks it where a GPU is there."""
    if name == "tiny":
        return create_embedder("tiny-random", device=device)
    if name == "vitb32-random":
        return random_vitb32(device)
    if name == "vitb32":
        from ui.settings import Settings  # here: an ingest-only run needs nothing of the app's stack

        weights = Settings.from_env().clip_weights
        if weights is None:
            print(f"vitb32: skipped, set {WEIGHTS_ENV} to an open_clip ViT-B-32 checkpoint to measure it")
            return None
        return create_embedder(DEFAULT_MODEL, weights=weights, device=device)
    raise SystemExit(f"unknown model {name!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="tiny,vitb32-random,vitb32")
    parser.add_argument("--input", type=Path, help="another video to ingest (default: the long 720p input)")
    parser.add_argument("--faces", choices=("on", "off", "both"), default="on",
                        help="the face stage (people); 'both' shows what it adds to the whole ingest")
    args = parser.parse_args()
    source = args.input or long_input_720p()
    rows = []
    runs = [(name, faces) for name in args.models.split(",")
            for faces in {"on": [True], "off": [False], "both": [False, True]}[args.faces]]
    for name, faces in runs:
        embedder = embedder_for(name)
        if embedder is None:
            continue
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as library:
            started = time.perf_counter()
            [result] = ingest([source], Path(library), embedder, faces=faces)
            wall = time.perf_counter() - started
            keyframes = (sum(len(s.keyframes) for s in Library.open(Path(library)).shots(result.video.id))
                         if result.video else 0)
        if result.status != "added":
            raise SystemExit(f"{name}: ingest {result.status}: {result.error}")
        duration = float(result.video.duration)
        row = {"model": name, "faces": faces, "model_id": embedder.model_id,
               "meaningful": embedder.meaningful,
               "input_s": round(duration, 1), "shots": result.shots, "wall_s": round(wall, 1),
               "x_real_time": round(duration / wall, 2), "keyframes": keyframes,
               "embed_images_per_s": round(keyframes / result.timings["embed"], 1),
               **{f"{stage}_s": round(seconds, 1) for stage, seconds in result.timings.items()}}
        rows.append(row)
        stages = "  ".join(f"{k} {v:.1f}s" for k, v in result.timings.items() if k != "total")
        print(f"{name:<14} faces {'on ' if faces else 'off'} {duration:6.0f} s input, {result.shots} shots: "
              f"{wall:6.1f} s wall = "
              f"{row['x_real_time']:5.1f}x real time  ({stages}; {keyframes} keyframes, "
              f"{row['embed_images_per_s']} images/s)", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_ingest.json").write_text(json.dumps(
        {"input": str(source), "cpus": os.cpu_count(), "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
