"""``personalcut ingest | reembed | videos | shots | search``: thin wrappers over ``index.ingest``,
``index.reembed`` and ``Library``."""

from __future__ import annotations

import argparse
import json
from fractions import Fraction
from pathlib import Path

from assistant.plan.describe import plural
from index.library_paths import LibraryPaths
from ui.cli_common import add_library_arg, fail, library_dir, no_library, settings, terminal_text, warn
from ui.settings import ASR_MODEL_ENV, CLIP_WEIGHTS_ENV, RAY_ENV

VIDEO_SUFFIXES = {".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mpg", ".mpeg", ".ts", ".m2ts", ".wmv",
                  ".flv", ".ogv", ".3gp", ".y4m"}
MEANINGLESS = "model {model} is random: scores and rankings are meaningless (smoke tests only)"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("ingest", help="add video files (or folders of them) to the library")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="video files or folders")
    add_library_arg(p)
    _add_model_args(p)
    p.add_argument("--asr-model", default=None, metavar="NAME|DIR",
                   help="faster-whisper model name or local CTranslate2 directory for videos without "
                        f"subtitles (default: ${ASR_MODEL_ENV} or base)")
    p.add_argument("--no-asr", action="store_true",
                   help="no speech recognition (sidecar and embedded subtitles are still read)")
    p.add_argument("--no-faces", action="store_true",
                   help="skip finding the people on screen (add them later with `personalcut cast scan`)")
    p.add_argument("--ray", nargs="?", const="local", default=None, metavar="ADDRESS",
                   help="analyse the files as tasks on a Ray cluster (needs personalcut[ray]): --ray alone "
                        "starts a local Ray with this machine's CPUs; --ray=ADDRESS joins a cluster, e.g. "
                        f"--ray=auto on a cluster node (or ${RAY_ENV})")
    p.set_defaults(handler=run_ingest)

    p = subparsers.add_parser("reembed", help="switch the library to another CLIP model, keeping every video")
    add_library_arg(p)
    _add_model_args(p)
    p.set_defaults(handler=run_reembed)

    p = subparsers.add_parser("videos", help="list the library's videos")
    add_library_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_videos)

    p = subparsers.add_parser("shots", help="list the shots of one video")
    p.add_argument("video", metavar="VIDEO",
                   help="video id or id prefix, file path, or title / file name (or a prefix)")
    add_library_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_shots)

    p = subparsers.add_parser("search", help="find shots matching a description")
    p.add_argument("text", help='what to look for, e.g. "a dragon in the sky"')
    add_library_arg(p)
    p.add_argument("--video", action="append", default=None, metavar="VIDEO",
                   help="only this video (id, prefix, path or title); repeatable")
    p.add_argument("-k", type=int, default=10, help="how many shots (default 10)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_search)


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--clip-model", default=None,
                   help="open_clip model, or tiny-random for smoke tests (default: the library's; ViT-B-32)")
    p.add_argument("--clip-pretrained", default=None,
                   help="open_clip pretrained tag (default: laion2b_s34b_b79k for ViT-B-32; 'none' for a "
                        "custom checkpoint given with --clip-weights)")
    p.add_argument("--clip-weights", default=None, type=Path,
                   help="local open_clip checkpoint (.safetensors/.pt) for offline use "
                        f"(or ${CLIP_WEIGHTS_ENV})")


def timecode(seconds: Fraction | float) -> str:
    millis = round(float(seconds) * 1000)
    hours, minutes, secs = millis // 3_600_000, millis // 60_000 % 60, millis // 1000 % 60
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis % 1000:03d}"


def expand_paths(paths: list[Path]) -> list[Path]:
    """Folders become the video files inside them (recursively, sorted); files are kept as given."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in VIDEO_SUFFIXES)
        else:
            out.append(path)
    return out


class _StageBars:
    """tqdm bars per file: one per stage (decode, detect, embed), each replacing the previous one."""

    def __init__(self, path: Path) -> None:
        self._name = terminal_text(path.name)
        self._stage: str | None = None
        self._bar = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if stage != self._stage:
            self.close()
            self._stage = stage
            self._bar = tqdm(total=total, desc=f"{self._name}: {stage}", unit="", leave=False, disable=None)
        if self._bar is not None:
            self._bar.total = total
            self._bar.n = done
            self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


class _ClusterBar:
    """One tqdm bar over the files of a Ray ingest, with the stage each running file's worker reported."""

    def __init__(self, total: int) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, desc="ray ingest", unit="file", leave=False, disable=None)

    def __call__(self, status) -> None:
        self._bar.n = status.done
        running = "  ".join(f"{terminal_text(name)}: {stage} {done}/{total}"
                            for name, (stage, done, total) in sorted(status.stages.items()))
        self._bar.set_postfix_str(running, refresh=False)
        self._bar.refresh()

    def close(self) -> None:
        self._bar.close()


def _ray_address(args: argparse.Namespace) -> str | None:
    """The cluster ``--ray`` (else $PERSONALCUT_RAY) names, "local" for a local Ray, None for no Ray."""
    address = settings(args).ray
    if address is not None and address != "local" and Path(address).exists():
        raise ValueError(f"--ray took {address!r} as the cluster address, but it is a file: write "
                         "--ray=ADDRESS, or put a bare --ray after the paths")
    return address


def _ingest_on_ray(paths: list[Path], directory: Path, embedder, address: str, asr_model: str | None,
                   faces: bool) -> list:
    from index.ray_ingest import ingest_on_ray

    bar = _ClusterBar(len(paths))
    try:
        return ingest_on_ray(paths, directory, embedder, address, progress=bar, asr_model=asr_model,
                             faces=faces)
    finally:
        bar.close()


def _embedder(args: argparse.Namespace, directory: Path):
    """The CLIP model the flags ask for (else the library's), image side only (ingest and re-embed embed no
    text: 250 MB less for ViT-B/32); raises ``EmbedderUnavailable``."""
    from index.library import choose_embedder
    from index.no_triton import skip_triton

    skip_triton()  # before open_clip's imports: an ingest compiles no kernels
    pretrained = "" if (args.clip_pretrained or "").lower() == "none" else args.clip_pretrained
    weights = settings(args).clip_weights
    embedder = choose_embedder(directory, args.clip_model, pretrained, weights, text=False)
    if not embedder.meaningful:
        warn(MEANINGLESS.format(model=embedder.model_id))
    return embedder


def _library_model(directory: Path) -> str | None:
    from index.library import Library

    if not LibraryPaths(directory).is_library():
        return None
    library = Library.open(directory)
    try:
        return library.model.model_id if library.model else None
    finally:
        library.close()


def _switch_model(directory: Path, embedder) -> bool:
    """Re-embed every stored video with ``embedder`` and say what happened; False if some could not be."""
    from index.reembed import reembed

    bar = _StageBars(directory)
    try:
        report = reembed(directory, embedder, progress=bar)
    finally:
        bar.close()
    decoded = f" ({len(report.decoded)} decoded again: no kept keyframes)" if report.decoded else ""
    print(f"re-embedded {plural(len(report.videos), 'video')} with {report.model_id}{decoded}")
    for path in report.missing:
        warn(f"{terminal_text(path)} is gone and has no kept keyframes: not searchable until re-ingested")
    return not report.missing


def _dialogue_note(r) -> str:
    if r.dialogue_source == "none":
        return "no dialogue"
    origin = Path(r.dialogue_origin).name if r.dialogue_source == "sidecar" else r.dialogue_origin
    return f"{plural(r.cues, 'line')} ({r.dialogue_source} {terminal_text(origin)})"


def run_ingest(args: argparse.Namespace) -> int:
    from index.embedder import EmbedderUnavailable
    from index.ingest import ingest
    from index.nvdec import hwaccel

    directory = library_dir(args)
    paths = expand_paths(args.paths)
    if not paths:
        return fail("no video files found in " + ", ".join(str(p) for p in args.paths))
    try:
        address = _ray_address(args)
        if address is not None:
            from index.ray_ingest import connect_ray

            connect_ray(address)  # before the model loads: a missing extra or cluster is said at once
        hwaccel()  # PERSONALCUT_DECODE checked before anything loads: "cuda" without a GPU fails here
        embedder = _embedder(args, directory)
    except (EmbedderUnavailable, ValueError, RuntimeError) as exc:
        return fail(str(exc))
    if _library_model(directory) not in (None, embedder.model_id):
        _switch_model(directory, embedder)
    asr_model = None if args.no_asr else settings(args).asr_model
    bars: list[_StageBars] = []

    def progress_factory(path: Path) -> _StageBars:
        for bar in bars:
            bar.close()
        bars.append(_StageBars(path))
        return bars[-1]

    if address is not None:
        results = _ingest_on_ray(paths, directory, embedder, address, asr_model, not args.no_faces)
    else:
        results = ingest(paths, directory, embedder, progress_factory=progress_factory, asr_model=asr_model,
                         faces=not args.no_faces)
    for bar in bars:
        bar.close()
    for r in results:
        if r.video is None:  # failed
            print(f"failed      {terminal_text(r.error)}")  # errors name their file
            continue
        line = (f"{r.status:<11} {terminal_text(r.path)}  id {r.video.id}  "
                f"{plural(r.shots, 'shot')}, {_dialogue_note(r)}")
        if r.timings:
            stages = "  ".join(f"{k}{' (NVDEC)' if k == 'decode' and r.decoder == 'nvdec' else ''} {v:.1f}s"
                               for k, v in r.timings.items() if k != "total")
            speed = float(r.video.duration) / r.timings["total"] if r.timings.get("total") else 0
            line += f"  ({stages}; {speed:.1f}x real time)"
        print(line)
        for warning in r.warnings:
            warn(f"{terminal_text(r.path.name)}: {warning}")
    failed = sum(r.status == "failed" for r in results)
    on_gpu = sum(r.decoder == "nvdec" for r in results)
    decoded = f"; {on_gpu} decoded by NVDEC" if on_gpu else ""
    print(f"{len(results) - failed} of {len(results)} files in {terminal_text(directory)} "
          f"({embedder.model_id}{decoded})" + (f"; {failed} failed" if failed else ""))
    return 1 if failed else 0


def run_reembed(args: argparse.Namespace) -> int:
    from index.embedder import EmbedderUnavailable

    directory = library_dir(args)
    if not LibraryPaths(directory).is_library():
        return fail(f"no library at {directory}: nothing to re-embed")
    if args.clip_model is None:
        return fail("say which model to switch to with --clip-model")
    try:
        embedder = _embedder(args, directory)
    except EmbedderUnavailable as exc:
        return fail(str(exc))
    return 0 if _switch_model(directory, embedder) else 1


def _open_library(args: argparse.Namespace):
    from index.library import Library

    directory = library_dir(args)
    if not LibraryPaths(directory).is_library():
        raise FileNotFoundError(no_library(directory))
    return Library.open(directory, clip_weights=settings(args).clip_weights)


def run_videos(args: argparse.Namespace) -> int:
    try:
        library = _open_library(args)
    except FileNotFoundError as exc:
        return fail(str(exc))
    model = library.model
    rows = [{
        "id": v.info.id, "title": v.info.title, "path": v.info.path, "duration": float(v.info.duration),
        "fps": str(v.info.fps), "width": v.info.width, "height": v.info.height, "codec": v.info.codec,
        "has_audio": v.info.has_audio, "vfr": v.info.vfr, "size": v.size,
        "shots": len(library.shots(v.info.id)),
        "model_id": v.model_id, "searchable": model is not None and v.model_id == model.model_id,
    } for v in library.stored_videos()]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        note = "" if row["searchable"] else "  (not searchable: re-ingest to embed with the library's model)"
        print(f"{row['id']}  {timecode(row['duration'])}  {row['shots']:>4} shots  "
              f"{terminal_text(row['path'])}{note}")
    print(plural(len(rows), "video") + (f"; model {model.model_id}" if model else ""))
    return 0


def run_shots(args: argparse.Namespace) -> int:
    from index.library import LibraryError

    try:
        library = _open_library(args)
        shots = library.shots(library.video(args.video).id)
    except (FileNotFoundError, LibraryError) as exc:
        return fail(str(exc))
    if args.json:
        print(json.dumps([s.to_json() for s in shots], indent=2))
        return 0
    for s in shots:
        print(f"{s.index:>4}  {timecode(s.start)} - {timecode(s.end)}  frames {s.start_frame}-{s.end_frame}  "
              f"keyframes {', '.join(timecode(k) for k in s.keyframes)}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    from index.library import LibraryError

    try:
        library = _open_library(args)
        video_ids = [library.video(ref).id for ref in args.video] if args.video else None
        hits = library.search(args.text, k=args.k, video_ids=video_ids)
        meaningful = library.embedder.meaningful
    except (FileNotFoundError, LibraryError) as exc:
        return fail(str(exc))
    if not meaningful:
        warn(MEANINGLESS.format(model=library.embedder.model_id))
    paths = {v.id: v.path for v in library.videos()}
    rows = [{"rank": rank, "score": round(hit.score, 4), "video_id": hit.shot.video_id,
             "path": paths[hit.shot.video_id], **hit.shot.to_json(),
             "start_tc": timecode(hit.shot.start), "end_tc": timecode(hit.shot.end)}
            for rank, hit in enumerate(hits, 1)]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        print(f"{row['rank']:>3}. {row['score']:.3f}  {row['start_tc']} - {row['end_tc']}  "
              f"shot {row['index']}  {terminal_text(Path(row['path']).name)} ({row['video_id']})")
    return 0
