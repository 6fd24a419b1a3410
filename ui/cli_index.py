"""``personalcut ingest | videos | shots | search``: thin wrappers over ``index.ingest`` and ``Library``."""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path

from ui.cli_common import add_library_arg, library_dir

VIDEO_SUFFIXES = {".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mpg", ".mpeg", ".ts", ".m2ts", ".wmv",
                  ".flv", ".ogv", ".3gp", ".y4m"}
MEANINGLESS = "warning: model {model} is random: scores and rankings are meaningless (smoke tests only)"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("ingest", help="add video files (or folders of them) to the library")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="video files or folders")
    add_library_arg(p)
    p.add_argument("--clip-model", default=None,
                   help="open_clip model, or tiny-random for smoke tests (default: the library's; ViT-B-32)")
    p.add_argument("--clip-pretrained", default=None,
                   help="open_clip pretrained tag (default: laion2b_s34b_b79k for ViT-B-32; 'none' for a "
                        "custom checkpoint given with --clip-weights)")
    p.add_argument("--clip-weights", default=None, type=Path,
                   help="local open_clip checkpoint (.safetensors/.pt) for offline use "
                        "(or $PERSONALCUT_CLIP_WEIGHTS)")
    p.set_defaults(handler=run_ingest)

    p = subparsers.add_parser("videos", help="list the library's videos")
    add_library_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_videos)

    p = subparsers.add_parser("shots", help="list the shots of one video")
    p.add_argument("video", metavar="VIDEO", help="video id, id prefix or file path")
    add_library_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_shots)

    p = subparsers.add_parser("search", help="find shots matching a description")
    p.add_argument("text", help='what to look for, e.g. "a dragon in the sky"')
    add_library_arg(p)
    p.add_argument("--video", action="append", default=None, metavar="VIDEO",
                   help="only this video (id, prefix or path); repeatable")
    p.add_argument("-k", type=int, default=10, help="how many shots (default 10)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_search)


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


def _fail(message: str) -> int:
    print(f"personalcut: {message}", file=sys.stderr)
    return 2


class _StageBars:
    """tqdm bars per file: one per stage (decode, detect, embed), each replacing the previous one."""

    def __init__(self, path: Path) -> None:
        self._name = path.name
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


def run_ingest(args: argparse.Namespace) -> int:
    from index.embedder import EmbedderUnavailable
    from index.ingest import ingest
    from index.library import choose_embedder

    directory = library_dir(args)
    paths = expand_paths(args.paths)
    if not paths:
        return _fail("no video files found in " + ", ".join(str(p) for p in args.paths))
    try:
        pretrained = "" if (args.clip_pretrained or "").lower() == "none" else args.clip_pretrained
        embedder = choose_embedder(directory, args.clip_model, pretrained, args.clip_weights)
    except EmbedderUnavailable as exc:
        return _fail(str(exc))
    if not embedder.meaningful:
        print(MEANINGLESS.format(model=embedder.model_id), file=sys.stderr)
    bars: list[_StageBars] = []

    def progress_factory(path: Path) -> _StageBars:
        for bar in bars:
            bar.close()
        bars.append(_StageBars(path))
        return bars[-1]

    results = ingest(paths, directory, embedder, progress_factory=progress_factory)
    for bar in bars:
        bar.close()
    for r in results:
        if r.status == "failed":
            print(f"failed      {r.error}")  # errors name their file
            continue
        line = f"{r.status:<11} {r.path}  id {r.video.id}  {r.shots} shots"
        if r.timings:
            stages = "  ".join(f"{k} {v:.1f}s" for k, v in r.timings.items() if k != "total")
            speed = float(r.video.duration) / r.timings["total"] if r.timings.get("total") else 0
            line += f"  ({stages}; {speed:.1f}x real time)"
        print(line)
    failed = sum(r.status == "failed" for r in results)
    print(f"{len(results) - failed} of {len(results)} files in {directory} ({embedder.model_id})"
          + (f"; {failed} failed" if failed else ""))
    return 1 if failed else 0


def _open_library(args: argparse.Namespace):
    from index.library import Library

    directory = library_dir(args)
    if not (directory / "library.db").is_file():
        raise FileNotFoundError(f"no library at {directory}: run `personalcut ingest VIDEO "
                                f"--library {directory}` first")
    return Library.open(directory)


def run_videos(args: argparse.Namespace) -> int:
    try:
        library = _open_library(args)
    except FileNotFoundError as exc:
        return _fail(str(exc))
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
        print(f"{row['id']}  {timecode(row['duration'])}  {row['shots']:>4} shots  {row['path']}{note}")
    print(f"{len(rows)} videos" + (f"; model {model.model_id}" if model else ""))
    return 0


def run_shots(args: argparse.Namespace) -> int:
    from index.library import LibraryError

    try:
        library = _open_library(args)
        shots = library.shots(library.video(args.video).id)
    except (FileNotFoundError, LibraryError) as exc:
        return _fail(str(exc))
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
        return _fail(str(exc))
    if not meaningful:
        print(MEANINGLESS.format(model=library.embedder.model_id), file=sys.stderr)
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
              f"shot {row['index']}  {Path(row['path']).name} ({row['video_id']})")
    return 0
