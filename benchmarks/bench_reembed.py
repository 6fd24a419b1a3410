"""Model switch cost: re-embedding a library from its kept keyframe images vs decoding every file again.

Ingests real clips from ../shared/media (Tears of Steel with its English sidecar, so dialogue indexing
is timed too) with tiny-random, then switches the model three ways: to another tiny model from the kept
JPEGs (pipeline overhead), to ViT-B-32 with random weights from the kept JPEGs (the real embed
compute), and to a third tiny model with the kept JPEGs deleted (the decode fallback).

Run: ``python benchmarks/bench_reembed.py`` (writes benchmarks/results/bench_reembed.json).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_ingest import random_vitb32  # noqa: E402
from index.clip_factory import create_embedder  # noqa: E402
from index.embedder import Embedder  # noqa: E402
from index.ingest import ingest  # noqa: E402
from index.library import Library  # noqa: E402
from index.library_paths import LibraryPaths  # noqa: E402
from index.reembed import reembed  # noqa: E402

MEDIA = Path(__file__).resolve().parents[2] / "shared" / "media"  # ../shared beside the checkout
CLIPS = {  # name in the library folder: (source file, sidecar or None)
    "tears_of_steel_opening.mp4": ("tears_of_steel_opening_64s_512x120.mp4",
                                   "tears_of_steel_opening_64s.en.vtt"),
    "sintel_trailer.mp4": ("sintel_trailer_480x204.mp4", None),
    "big_buck_bunny_opening.mp4": ("big_buck_bunny_opening_34s_640x360.mp4", None),
}
RESULTS = ROOT / "benchmarks" / "results"


def _switch(library_dir: Path, embedder: Embedder, keyframes: int) -> dict:
    started = time.perf_counter()
    report = reembed(library_dir, embedder)
    seconds = time.perf_counter() - started
    return {"model": embedder.model_id, "seconds": round(seconds, 2), "videos": len(report.videos),
            "decoded": len(report.decoded), "keyframes_per_s": round(keyframes / seconds, 1)}


def main() -> None:
    if not all((MEDIA / src).is_file() for src, _ in CLIPS.values()):
        raise SystemExit(f"real clips not found in {MEDIA}")
    with tempfile.TemporaryDirectory() as tmp:
        media, library_dir = Path(tmp) / "media", Path(tmp) / "library"
        media.mkdir()
        for name, (src, sidecar) in CLIPS.items():
            shutil.copy(MEDIA / src, media / name)
            if sidecar:
                shutil.copy(MEDIA / sidecar, media / f"{Path(name).stem}.en.vtt")
        started = time.perf_counter()
        results = ingest(sorted(media.iterdir()), library_dir, create_embedder("tiny-random"))
        ingest_seconds = time.perf_counter() - started
        results = [r for r in results if r.video is not None]
        library = Library.open(library_dir)
        keyframes = sum(len(s.keyframes) for v in library.videos() for s in library.shots(v.id))
        kept = list(LibraryPaths(library_dir).keyframes.rglob("*.jpg"))
        out = {
            "videos": len(results),
            "seconds_of_video": round(sum(float(r.video.duration) for r in results), 1),
            "keyframes": keyframes, "kept_jpeg_kib_per_keyframe": round(
                sum(p.stat().st_size for p in kept) / max(len(kept), 1) / 1024, 1),
            "ingest_seconds": round(ingest_seconds, 2),
            "dialogue": {r.path.name: {"source": r.dialogue_source, "lines": r.cues,
                                       "seconds": round(r.timings.get("dialogue", 0), 2)} for r in results},
            "switch_kept_tiny": _switch(library_dir, create_embedder("tiny-random-seed1"), keyframes),
            "switch_kept_vitb32_random": _switch(library_dir, random_vitb32(), keyframes),
        }
        shutil.rmtree(LibraryPaths(library_dir).keyframes)
        out["switch_decode_tiny"] = _switch(library_dir, create_embedder("tiny-random-seed2"), keyframes)
    print(json.dumps(out, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_reembed.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
