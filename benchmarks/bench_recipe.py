"""Recipes: fingerprint cost at ingest, alignment time and recipe size for a 2-hour film.

1. Ingest real clips from ../shared/media (tiny-random CLIP: the cheapest ingest, so the fingerprint's share
   is at its largest) and report the fingerprint stage's wall time against the rest (its audio half runs
   beside the video decode; the stage's time is what ingest still waits for). Target: <= 10 %.
2. A 2-hour film's audio simulated from the real clips: their audio concatenated and tiled, each tile
   mixed with itself shifted and played at its own rate so no stretch repeats. Its copy has a 3.5 s leader,
   a 4 s scene removed in the middle and (``--pal``) the PAL speed-up with resampled audio. Reported: the
   alignment time (target <= 30 s on 2 cores), the audio decode time extrapolated to 2 hours from a real
   clip, the worst clip-boundary error in frames, and the recipe's size (target < 200 KB).

Run: ``python benchmarks/bench_recipe.py [--hours 2] [--pal] [--skip-ingest]``
(writes benchmarks/results/bench_recipe.json, or bench_recipe-pal.json with ``--pal``).
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.export.recipe import Recipe, RecipeClip, RecipeSource, RecipeStep, recipe_json  # noqa: E402
from index.align import RECIPE_STRIDE, SourcePrint, align, map_clip  # noqa: E402
from index.clip_factory import create_embedder  # noqa: E402
from index.fingerprint import SAMPLE_RATE, audio_words, decode_audio  # noqa: E402
from index.ingest import ingest  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
MEDIA = ROOT.parent / "shared" / "media"
CLIPS = ("big_buck_bunny_opening_34s_640x360.mp4", "sintel_trailer_480x204.mp4",
         "tears_of_steel_opening_64s_512x120.mp4", "mdn_friday_his_girl_friday_clip.mp4",
         "moviepy_chaplin_clip.mp4")
FPS = Fraction(24)
LEADER_S, GAP_S = 3.5, 4.0
SHOTS_PER_HOUR = 1250  # a typical feature film cuts every ~3 s


def fingerprint_overhead(paths: list[Path]) -> dict:
    """Each clip ingested into a fresh library: the fingerprint stage's seconds against the rest."""
    rows = []
    embedder = create_embedder("tiny-random", device="cpu")
    for path in paths:
        with tempfile.TemporaryDirectory() as library:
            [result] = ingest([path], Path(library), embedder, faces=False)
        timings = result.timings
        rest = timings["total"] - timings["fingerprint"]
        rows.append({"file": path.name, "fingerprint_s": round(timings["fingerprint"], 3),
                     "ingest_without_fingerprint_s": round(rest, 3),
                     "overhead_pct": round(100 * timings["fingerprint"] / rest, 1)})
    total_print = sum(r["fingerprint_s"] for r in rows)
    total_rest = sum(r["ingest_without_fingerprint_s"] for r in rows)
    return {"clips": rows, "overhead_pct": round(100 * total_print / total_rest, 1)}


def long_audio(paths: list[Path], seconds: float) -> tuple[np.ndarray, float]:
    """A ``seconds``-long film soundtrack made of the real clips' audio (tiles of them, each mixed with
    itself shifted and played at its own rate, so no stretch repeats), and the
    decode speed (audio seconds per wall second) measured on the way."""
    started = time.perf_counter()
    base = np.concatenate([decode_audio(p) for p in paths])
    decode_speed = base.size / SAMPLE_RATE / (time.perf_counter() - started)
    shift = round(37.3 * SAMPLE_RATE)
    tiles, length, tile = [], 0, 0
    while length < seconds * SAMPLE_RATE:  # each tile played at its own rate: no two alike
        rate = 0.8 + 0.4 * (tile * 0.618034 % 1)  # golden-ratio steps: no rate comes back
        mixed = 0.6 * base + 0.4 * np.roll(base, (tile + 1) * shift)
        tiles.append(np.interp(np.arange(0, base.size, rate), np.arange(base.size), mixed).astype(np.float32))
        length += tiles[-1].size
        tile += 1
    return np.concatenate(tiles)[:round(seconds * SAMPLE_RATE)], decode_speed


def edition(source: np.ndarray, pal: bool) -> tuple[np.ndarray, float]:
    """The viewer's copy: leader + the film with GAP_S removed from its middle (+ PAL speed-up)."""
    middle = source.size // 2
    cut = np.concatenate([np.zeros(round(LEADER_S * SAMPLE_RATE), np.float32), source[:middle],
                          source[middle + round(GAP_S * SAMPLE_RATE):]])
    if pal:
        speed = 25 / 24
        cut = np.interp(np.arange(int(cut.size / speed)) * speed, np.arange(cut.size), cut).astype(np.float32)
    return cut, middle / SAMPLE_RATE


def truth(source_time: float, gap_at: float, pal: bool) -> float | None:
    if gap_at <= source_time < gap_at + GAP_S:
        return None
    copy = LEADER_S + source_time - (GAP_S if source_time >= gap_at else 0)
    return copy / (25 / 24) if pal else copy


def recipe_size(words: np.ndarray, seconds: float) -> int:
    """Bytes of a recipe for a ``seconds``-long source with these words and a film's number of shots."""
    shots = int(SHOTS_PER_HOUR * seconds / 3600)
    starts = np.linspace(0, seconds * 1000 - 1000, shots).astype("<u4")
    hashes = np.random.default_rng(3).integers(0, 2**63, shots, dtype=np.uint64).astype("<u8")
    source = RecipeSource(title="a long film", duration=seconds, fps_num=24, fps_den=1,
                          frames=int(seconds * 24),
                          audio=base64.b64encode(words.astype("<u4").tobytes()).decode(),
                          shot_starts_ms=base64.b64encode(starts.tobytes()).decode(),
                          shot_hashes=base64.b64encode(hashes.tobytes()).decode())
    clips = tuple(RecipeClip(source=0, in_frame=f, out_frame=f + 240, start=f / 24, end=(f + 240) / 24)
                  for f in range(0, int(seconds * 24) - 240, int(seconds * 24) // 40))
    recipe = Recipe(title="a long film", sources=(source,),
                    history=(RecipeStep(), RecipeStep(turn="the best forty scenes", clips=clips)))
    return len(recipe_json(recipe).encode())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=2.0)
    parser.add_argument("--pal", action="store_true", help="the copy is PAL sped up too")
    parser.add_argument("--skip-ingest", action="store_true", help="skip the fingerprint overhead part")
    args = parser.parse_args()
    paths = [MEDIA / name for name in CLIPS if (MEDIA / name).is_file()]
    if not paths:
        print(f"no shared media in {MEDIA}", file=sys.stderr)
        return 2
    report: dict = {}
    if not args.skip_ingest:
        report["fingerprint_overhead"] = fingerprint_overhead(paths[:2])
    seconds = args.hours * 3600
    source_pcm, decode_speed = long_audio(paths, seconds)
    started = time.perf_counter()
    words = audio_words(source_pcm)[::RECIPE_STRIDE]
    fingerprint_s = time.perf_counter() - started
    source = SourcePrint(words, np.zeros(0), np.zeros(0, np.uint64), seconds, FPS)
    copy_pcm, gap_at = edition(source_pcm, args.pal)
    del source_pcm
    started = time.perf_counter()
    alignment = align(source, copy_pcm)
    align_s = time.perf_counter() - started
    copy_fps = Fraction(25) if args.pal else FPS
    errors, refused = [], 0
    for at in np.linspace(60, seconds - 60, 60):
        start = round(at * 24) / 24
        expected = truth(start, gap_at, args.pal), truth(start + 10, gap_at, args.pal)
        try:
            mapped = map_clip(alignment, start, start + 10, source, copy_fps)
        except ValueError:
            refused += 1
            continue
        if None not in expected:
            errors += [abs(mapped.in_frame - expected[0] * float(copy_fps)),  # type: ignore[operator]
                       abs(mapped.out_frame - expected[1] * float(copy_fps))]  # type: ignore[operator]
    report["long_film"] = {
        "hours": args.hours, "pal": args.pal, "align_s": round(align_s, 2),
        "source_fingerprint_s": round(fingerprint_s, 2),
        "decode_2h_estimate_s": round(seconds / decode_speed, 1),
        "hypothesis": alignment.hypothesis.describe(), "pieces": len(alignment.pieces),
        "missing": [[round(a, 1), round(b, 1)] for a, b in alignment.missing],
        "true_gap": [round(gap_at, 1), round(gap_at + GAP_S, 1)],
        "clips_checked": len(errors) // 2, "clips_refused": refused,
        "worst_boundary_error_frames": round(max(errors), 2) if errors else None,
        "recipe_bytes": recipe_size(words, seconds),
    }
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    name = "bench_recipe-pal.json" if args.pal else "bench_recipe.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
