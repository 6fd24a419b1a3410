"""``personalcut render`` and ``personalcut export``: a version of a cut to an MP4 or an edit list."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.export import EXPORTERS
from ui.cli_common import add_library_arg, fail, library_dir, terminal_text

if TYPE_CHECKING:
    from assistant.render.graph import MediaSource
    from assistant.timeline.model import Timeline


def register(subparsers: argparse._SubParsersAction) -> None:
    render = subparsers.add_parser("render", help="render a version of a cut to an MP4 (frame-exact)")
    render.add_argument("version", metavar="VERSION", help="version id (see the chat or the share link)")
    add_library_arg(render)
    render.add_argument("--out", type=Path, required=True, help="output MP4 path")
    render.add_argument("--quality", choices=("preview", "high"), default="high",
                        help="high: smart cut or x264 crf 18 at full size; preview: fast low resolution")
    render.add_argument("--no-subtitles", action="store_true",
                        help="do not write the cut's dialogue as OUT.srt (written when the cut has lines)")
    render.set_defaults(handler=run_render)

    export = subparsers.add_parser("export", help="export a version as an edit list: "
                                   + ", ".join(f"{name} ({e.description})" for name, e in EXPORTERS.items()))
    export.add_argument("version", metavar="VERSION", help="version id")
    add_library_arg(export)
    export.add_argument("--format", dest="fmt", choices=tuple(EXPORTERS), required=True)
    export.add_argument("--out", type=Path, required=True, help="output file")
    export.set_defaults(handler=run_export)


def _load(args: argparse.Namespace) -> tuple[Timeline, MediaSource] | None:
    from assistant.sessions.store import SessionStore, UnknownVersion

    directory = library_dir(args)
    if not directory.is_dir():
        fail(f"no library at {directory}")
        return None
    try:
        version = SessionStore(directory).version(args.version)
    except UnknownVersion:
        fail(f"no version {args.version!r} in {directory}")
        return None
    from index.library import Library  # only now: a bad version id needs no library load

    return version.timeline, Library.open(directory)


def run_render(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from assistant.render.mp4 import RenderError, render

    loaded = _load(args)
    if loaded is None:
        return 2
    timeline, library = loaded
    with tqdm(total=100, unit="%", desc="render", bar_format="{l_bar}{bar}| {elapsed}<{remaining}") as bar:
        def progress(fraction: float) -> None:
            bar.update(round(fraction * 100) - bar.n)

        try:
            out = render(timeline, library, args.out, quality=args.quality, progress=progress)
        except RenderError as exc:
            bar.close()
            return fail(exc, 1)
    print(terminal_text(out))
    from assistant.taste.events import TasteStore

    TasteStore(library_dir(args)).record_owner_version("render", args.version)  # what stayed counts as liked
    if not args.no_subtitles:
        from assistant.export.srt import write_library_cut_srt

        srt = write_library_cut_srt(timeline, library_dir(args), out.with_suffix(".srt"))
        if srt is not None:
            print(terminal_text(srt))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from assistant.export import export
    from assistant.render.mp4 import RenderError

    loaded = _load(args)
    if loaded is None:
        return 2
    timeline, library = loaded
    try:
        print(terminal_text(export(timeline, library, args.fmt, args.out)))
    except RenderError as exc:
        return fail(exc, 1)
    return 0
