"""Feature-film benchmark: ingest, memory, chat, preview and export on a film-length 1080p input.

1. Ingest of ``film_input(minutes)`` (1080p H.264 + AAC with the real clips' cuts, fades and dialogue)
   in a child process, as the app does it (faces on, sidecar dialogue; CLIP's image tower alone, read
   from a checkpoint file as an ingest-only process reads it, ``create_embedder(text=False)``): wall
   time, x real time per stage (the result's ``timings``), peak RSS (the child's VmHWM, and the sampled
   peak of the child with its own children), library size on disk.
2. The app's warm-up after an ingest (``prepare_proxies``), then 20 typical chat turns through
   ``ChatSession.turn`` with the rules planner on the film's shots, each followed by its preview (as
   the editor shows it): p50/p95 of both.
3. Export of a 10-minute cut of the film (clips cut at arbitrary frames): smart cut and full re-encode.
4. Side by side on every shared clip: our shot detection (the ingest's decode + detect stages: the
   detector's features are computed while decoding) against PySceneDetect's AdaptiveDetector (decode
   included), best of ``--repeats`` runs each, interleaved so neighbours on the machine hit both alike.

CLIP is ViT-B/32-sized with random weights (the compute of the real model; its retrieval means nothing)
unless $PERSONALCUT_CLIP_WEIGHTS names a checkpoint. Scores are never reported, only times.

Run: ``python -m benchmarks feature_film [--minutes 120] [--library DIR] [--no-faces]``
(writes benchmarks/results/bench_feature_film.json; the ingested library is kept for ``--library``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The app's side (chat, preview, export) is imported where it is used: ``--ingest-only`` (the GPU run)
# needs only the index's packages.
from benchmarks.bench_ingest import embedder_for  # noqa: E402
from benchmarks.film_input import RESULTS, film_input, media_clips  # noqa: E402
from index.atomic import atomic_write_text  # noqa: E402
from index.clip_factory import WEIGHTS_ENV, create_embedder  # noqa: E402
from index.embedder import Embedder  # noqa: E402
from index.ingest import ingest  # noqa: E402
from index.library import Library  # noqa: E402
from index.nvdec import DECODE_ENV, use_decoder  # noqa: E402
from index.shot import VideoInfo  # noqa: E402

# What people ask of a film, in the order a session might go: find, trim, reorder, restyle, take back.
# Lines the film's sidecar has (the Tears of Steel dialogue) make cuts even with random CLIP weights.
REQUESTS = (
    "only the scenes where they talk about the robot hand",
    "add the scenes with the dragon",
    "add the scenes with the robots",
    "remove the credits",
    "more snow",
    "get rid of the explosions",
    "add the parts where they talk about nightmares",
    "keep it under ten minutes",
    "put the clips back in story order",
    "show me the bunny",
    "undo",
    "keep the clips with the girl",
    "make it shorter",
    "best matches first",
    "remove the last clip",
    "use crossfades between the clips",
    "add the night scenes",
    "play it at double speed",
    "undo",
    "remove every scene with the old man",
)
DETECTION_STAGES = ("decode", "detect")  # the ingest stages that are shot detection
SAMPLE_EVERY_S = 0.25


def percentiles(values: Sequence[float]) -> dict[str, float]:
    """p50 / p95 / max in seconds (p95 by nearest rank, so 20 values give the 19th)."""
    ordered = sorted(values)
    return {"n": len(ordered), "p50_s": round(statistics.median(ordered), 3),
            "p95_s": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 3),
            "max_s": round(ordered[-1], 3)}


def film_embedder() -> tuple[str, Embedder]:
    """Real ViT-B/32 weights when $PERSONALCUT_CLIP_WEIGHTS is set, else the same model with random ones;
    on the GPU where there is one, as the app runs it."""
    import torch

    name = "vitb32" if os.environ.get(WEIGHTS_ENV) else "vitb32-random"
    embedder = embedder_for(name, "cuda" if torch.cuda.is_available() else "cpu")
    assert embedder is not None  # embedder_for only skips "vitb32" without weights, ruled out above
    return name, embedder


def accelerators(decoder: str) -> dict[str, Any]:
    """What ran where: the GPU (if any) for CLIP, and the decoder the ingest reported."""
    import torch

    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    return {"gpu": gpu, "clip_device": "cuda" if gpu else "cpu", "decode": decoder, "cpus": os.cpu_count(),
            "cpus_usable": len(os.sched_getaffinity(0))}


def random_vitb32_checkpoint() -> Path:
    """ViT-B/32's random weights as a checkpoint file (built once, cached with the film): an ingest loads
    them the way it loads real ones, so the load's memory is measured too."""
    path = RESULTS / "vitb32_random_seed0.safetensors"
    if not path.exists():
        import open_clip
        import torch
        from safetensors.torch import save_file

        torch.manual_seed(0)
        state = open_clip.create_model("ViT-B-32", pretrained=None).state_dict()
        partial = path.with_suffix(".partial")
        save_file({name: tensor.contiguous() for name, tensor in state.items()}, str(partial))
        partial.replace(path)
    return path


def ingest_embedder() -> Embedder:
    """CLIP as an ingest-only process has it (``create_embedder(text=False)``: the image tower read alone
    from the checkpoint), from $PERSONALCUT_CLIP_WEIGHTS or ViT-B/32's random weights in a file."""
    from index.no_triton import skip_triton

    skip_triton()  # as the CLI's ingest does, before torch and open_clip load
    import torch

    from ui.settings import Settings

    device = "cuda" if torch.cuda.is_available() else "cpu"
    weights = Settings.from_env().clip_weights
    if weights is not None:
        return create_embedder("ViT-B-32", weights=weights, device=device, text=False)
    return create_embedder("ViT-B-32", pretrained=None, weights=random_vitb32_checkpoint(), device=device,
                           text=False)


def ingest_here(film: str, library: str, faces: str, decode: str = "auto") -> None:
    """The child's side of ``ingest_in_child``: ingest, then one JSON line with the result and peak RSS."""
    import resource

    use_decoder(decode)

    embedder = ingest_embedder()
    started = time.perf_counter()
    [result] = ingest([Path(film)], Path(library), embedder, faces=faces == "on")
    wall = time.perf_counter() - started
    print(json.dumps({
        "status": result.status, "error": result.error, "shots": result.shots, "cues": result.cues,
        "faces": result.faces, "timings": result.timings, "wall_s": wall, "model_id": embedder.model_id,
        "duration_s": float(result.video.duration) if result.video else None,
        # Not RUSAGE_CHILDREN: a child forked (not vfork'ed) to exec ffmpeg counts the parent's pages.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "accelerators": accelerators(result.decoder),  # what ran, not what was asked for
    }))


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants (0 once it has gone)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            rss = [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")]
            total += rss[0] if rss else 0  # a zombie has no VmRSS line
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # it exited between the listing and the read
    return total


def ingest_in_child(film: Path, library: Path, faces: bool, decode: str = "auto") -> dict[str, Any]:
    """Ingest in a fresh Python process, so its peak RSS is the ingest's alone (not this script's)."""
    code = "import sys; from benchmarks.bench_feature_film import ingest_here; ingest_here(*sys.argv[1:])"
    peak_tree_kb = 0
    with tempfile.TemporaryFile("w+") as out:  # a file, not a pipe: a chatty child can never block on it
        argv = [sys.executable, "-c", code, str(film), str(library), "on" if faces else "off", decode]
        child = subprocess.Popen(argv, cwd=ROOT, stdout=out, text=True)
        while child.poll() is None:
            peak_tree_kb = max(peak_tree_kb, _tree_rss_kb(child.pid))
            time.sleep(SAMPLE_EVERY_S)
        out.seek(0)
        lines = out.read().strip().splitlines()
    if child.returncode != 0 or not lines:
        raise SystemExit(f"the ingest child failed (exit {child.returncode}); see its output above")
    result = json.loads(lines[-1])
    if result["status"] != "added":
        raise SystemExit(f"ingest of {film} {result['status']}: {result['error']}")
    result["peak_rss_tree_sampled_mb"] = peak_tree_kb / 1024
    return result


def ingest_report(result: dict[str, Any], library: Path) -> dict[str, Any]:
    duration = result["duration_s"]
    # A stage that overlaps another (the audio fingerprint decodes while the pictures do) shows ~0 s.
    stages = {stage: {"s": round(s, 2), "x_real_time": round(duration / s, 1) if s >= 0.01 else None}
              for stage, s in result["timings"].items()}
    return {
        "model_id": result["model_id"], "shots": result["shots"], "cues": result["cues"],
        "face_tracks": result["faces"], "wall_s": round(result["wall_s"], 1),
        "film_s": round(duration, 3), "x_real_time": round(duration / result["wall_s"], 2), "stages": stages,
        "accelerators": result["accelerators"], "peak_rss_mb": round(result["peak_rss_mb"]),
        "peak_rss_tree_sampled_mb": round(result["peak_rss_tree_sampled_mb"]),
        "library_mb_after_ingest": round(library_bytes(library) / 2**20, 1),
    }


def library_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def the_film(library: Library) -> VideoInfo:
    """The library's longest video: the film (a reused library may hold other videos too)."""
    videos = library.videos()
    if not videos:
        raise SystemExit(f"the library {library.dir} has no videos: run without --library to ingest the film")
    return max(videos, key=lambda v: v.duration)


def chat_turns(library: Library, library_dir: Path, video: VideoInfo) -> dict[str, Any]:
    """Proxies prepared as the app does after an ingest, then each request as a turn and its preview."""
    from assistant.chat import ChatSession
    from assistant.planning.factory import make_planner
    from assistant.render.preview import prepare_proxies, preview
    from assistant.sessions.store import SessionStore

    shots = library.shots(video.id)
    started = time.perf_counter()
    prepare_proxies(video, shots, library_dir)
    warmup = time.perf_counter() - started
    chat = ChatSession.start(library, SessionStore(library_dir), make_planner("rules"), video_ids=[video.id])
    turns, turn_s, preview_s = [], [], []
    for text in REQUESTS:
        started = time.perf_counter()
        result = chat.turn(text)
        turn_s.append(time.perf_counter() - started)
        timeline = result.version.timeline
        row = {"request": text, "plan": result.description, "matched": result.matched,
               "clips": len(timeline.clips), "cut_s": round(float(timeline.duration), 1),
               "turn_s": round(turn_s[-1], 3)}
        if timeline.clips:  # what the editor does after a turn (an empty cut has nothing to play)
            started = time.perf_counter()
            preview(timeline, library, library_dir)
            preview_s.append(time.perf_counter() - started)
            row["preview_s"] = round(preview_s[-1], 3)
        turns.append(row)
        print(f"  {turn_s[-1]:6.2f} s  {row.get('preview_s', 0):6.2f} s  {len(timeline.clips):4d} clips "
              f"{row['cut_s']:7.1f} s  {text!r} -> {result.description}", flush=True)
    return {"shots": len(shots), "preview_warmup_s": round(warmup, 1), "turn": percentiles(turn_s),
            "preview_after_turn": percentiles(preview_s), "turns": turns}


def detection_seconds(timings: dict[str, float]) -> float:
    """The ingest's shot-detection stages; the whole ingest when a future ingest names them otherwise."""
    stages = [timings[k] for k in DETECTION_STAGES if k in timings]
    return sum(stages) if stages else timings["total"]


def compare_detection(clips: Sequence[Path], repeats: int) -> dict[str, Any]:
    """Our detection vs PySceneDetect's AdaptiveDetector on each clip: best of ``repeats`` each."""
    from scenedetect import AdaptiveDetector, detect

    embedder = create_embedder("tiny-random", device="cpu")

    def ours(clip: Path) -> tuple[float, int, float]:
        with tempfile.TemporaryDirectory(prefix="bench-film-detect-") as library:
            [result] = ingest([clip], Path(library), embedder, faces=False)
        if result.status != "added" or result.video is None:
            raise SystemExit(f"ingest of {clip} {result.status}: {result.error}")
        return detection_seconds(result.timings), result.shots, float(result.video.duration)

    ours(clips[0])  # warm-up: the first ingest in a process imports and loads what every later one reuses
    rows = {}
    for clip in clips:
        our_s, their_s = [], []
        for _ in range(repeats):
            seconds, shots, duration = ours(clip)
            our_s.append(seconds)
            started = time.perf_counter()
            scenes = detect(str(clip), AdaptiveDetector())
            their_s.append(time.perf_counter() - started)
        rows[clip.name] = {
            "duration_s": round(duration, 1), "ours_s": round(min(our_s), 3),
            "pyscenedetect_s": round(min(their_s), 3), "ours_shots": shots,
            "pyscenedetect_shots": max(1, len(scenes)),  # no cut found: the clip is one scene
            "ours_x_real_time": round(duration / min(our_s), 1),
            "pyscenedetect_x_real_time": round(duration / min(their_s), 1),
            "ours_faster": min(our_s) < min(their_s),
        }
        r = rows[clip.name]
        print(f"  {clip.name:<44} ours {r['ours_s']:6.2f} s ({r['ours_shots']:3d} shots)   "
              f"PySceneDetect {r['pyscenedetect_s']:6.2f} s ({r['pyscenedetect_shots']:3d} scenes)   "
              f"theirs/ours {r['pyscenedetect_s'] / r['ours_s']:.2f}",
              flush=True)
    ratios = [r["pyscenedetect_s"] / r["ours_s"] for r in rows.values()]
    return {"repeats": repeats, "ours_faster_on": sum(r["ours_faster"] for r in rows.values()),
            "clips": len(rows), "ratio_min": round(min(ratios), 2), "ratio_max": round(max(ratios), 2),
            "ratio_geomean": round(math.exp(sum(map(math.log, ratios)) / len(ratios)), 2), "files": rows}


def print_table(result: dict[str, Any]) -> None:
    rows: list[tuple[str, str]] = [("film", f"{result['film_minutes']:.1f} min, {result['shots']} shots")]
    if ingest_ := result.get("ingest"):
        rows += [("ingest", f"{ingest_['wall_s']} s wall = {ingest_['x_real_time']}x real time")]
        rows += [(f"  {stage}", f"{v['s']} s" + (f" = {v['x_real_time']}x" if v["x_real_time"] else ""))
                 for stage, v in ingest_["stages"].items()]
        rows += [("peak RSS", f"{ingest_['peak_rss_mb']} MB (with children, sampled: "
                              f"{ingest_['peak_rss_tree_sampled_mb']} MB)"),
                 ("library after ingest", f"{ingest_['library_mb_after_ingest']} MB")]
    chat = result["chat"]
    rows += [("preview warm-up", f"{chat['preview_warmup_s']} s"),
             ("chat turn", f"p50 {chat['turn']['p50_s']} s, p95 {chat['turn']['p95_s']} s"),
             ("preview after turn", f"p50 {chat['preview_after_turn']['p50_s']} s, "
                                    f"p95 {chat['preview_after_turn']['p95_s']} s")]
    export = result["export"]
    for method in ("smart_cut", "reencode"):
        rows.append((f"export {export['cut_seconds'] / 60:.0f} min, {method}",
                     f"{export[method]['wall_s']} s = {export[method]['x_realtime']}x real time"))
    rows.append(("library after all", f"{result['library_mb_after_all']} MB"))
    if compare := result.get("detection_vs_pyscenedetect"):
        rows.append(("detection vs PySceneDetect", f"ours faster on {compare['ours_faster_on']} of "
                                                   f"{compare['clips']} clips"))
    width = max(len(name) for name, _ in rows)
    print(f"\nfeature film ({result['cpus']} CPUs, load average {result['load_avg_start']} at the start, "
          f"{result['load_avg_end']} at the end):")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=120.0, help="film length (built once, cached)")
    parser.add_argument("--library", type=Path, help="reuse this ingested library (skips the ingest)")
    parser.add_argument("--no-faces", action="store_true", help="ingest without the face stage")
    parser.add_argument("--export-minutes", type=float, default=10.0)
    parser.add_argument("--export-clip-seconds", type=float, default=10.0, help="the export's clip length")
    parser.add_argument("--repeats", type=int, default=2, help="runs per clip of the detection comparison")
    parser.add_argument("--skip-compare", action="store_true", help="leave out the PySceneDetect comparison")
    parser.add_argument("--compare-only", action="store_true",
                        help="only the PySceneDetect comparison on the shared clips (a few minutes, no film)")
    parser.add_argument("--ingest-only", action="store_true",
                        help="measure the ingest alone (no chat, preview or export: e.g. on a GPU machine)")
    parser.add_argument("--decode", choices=("auto", "cpu", "cuda"),
                        help=f"the decode pass's decoder (default: ${DECODE_ENV}, else auto)")
    parser.add_argument("--out", type=Path, help="the JSON's path (default: results/bench_feature_film.json)")
    args = parser.parse_args()
    decode = args.decode or os.environ.get(DECODE_ENV) or "auto"
    result: dict[str, Any] = {"cpus": os.cpu_count(), "load_avg_start": round(os.getloadavg()[0], 1)}
    out = args.out or RESULTS / "bench_feature_film.json"

    def save() -> None:
        """After every stage, so a long run that fails late keeps what it measured."""
        atomic_write_text(out, json.dumps(result, indent=2))

    if args.compare_only:
        if importlib.util.find_spec("scenedetect") is None:
            raise SystemExit("PySceneDetect is not installed (make bench installs it)")
        out = args.out or RESULTS / "detection_vs_pyscenedetect.json"
        print("shot detection, ours vs PySceneDetect AdaptiveDetector:", flush=True)
        result["detection_vs_pyscenedetect"] = compare = compare_detection(media_clips(), args.repeats)
        result["load_avg_end"] = round(os.getloadavg()[0], 1)
        save()
        print(f"ours faster on {compare['ours_faster_on']} of {compare['clips']} clips; PySceneDetect's time "
              f"over ours {compare['ratio_min']}-{compare['ratio_max']} "
              f"(geometric mean {compare['ratio_geomean']})")
        return
    model_name, embedder = film_embedder()
    result["clip_model"] = model_name
    if args.library:
        library_dir = args.library
    else:
        film = film_input(args.minutes)
        library_dir = RESULTS / f"{film.stem}_library"
        shutil.rmtree(library_dir, ignore_errors=True)
        print(f"ingesting {film} ({model_name}, faces {'off' if args.no_faces else 'on'})", flush=True)
        ingested = ingest_in_child(film, library_dir, not args.no_faces, decode)
        result["ingest"] = ingest_report(ingested, library_dir)
        print(json.dumps(result["ingest"], indent=2), flush=True)
        save()
        if args.ingest_only:
            return
    library = Library.open(library_dir, embedder)
    video = the_film(library)
    result.update(film=video.path, film_minutes=round(float(video.duration) / 60, 2),
                  shots=len(library.shots(video.id)), library=str(library_dir))
    print(f"{len(REQUESTS)} chat turns (rules planner) with a preview after each:", flush=True)
    result["chat"] = chat_turns(library, library_dir, video)
    result["library_mb_after_all"] = round(library_bytes(library_dir) / 2**20, 1)  # + proxies, previews
    save()
    if not args.skip_compare and importlib.util.find_spec("scenedetect") is None:
        print("PySceneDetect is not installed (make bench installs it, or pip install -e '.[bench]'): "
              "no detection comparison", flush=True)
    elif not args.skip_compare:
        print("shot detection, ours vs PySceneDetect AdaptiveDetector:", flush=True)
        result["detection_vs_pyscenedetect"] = compare_detection(media_clips(), args.repeats)
        save()
    print(f"export of a {args.export_minutes:g}-minute cut:", flush=True)
    from benchmarks.bench_render import bench_export

    with tempfile.TemporaryDirectory(prefix="bench-film-export-") as work:
        result["export"] = bench_export(video, args.export_minutes, Path(work), args.export_clip_seconds,
                                        ["smart_cut", "reencode"])
    result["load_avg_end"] = round(os.getloadavg()[0], 1)
    save()
    print_table(result)


if __name__ == "__main__":
    main()
