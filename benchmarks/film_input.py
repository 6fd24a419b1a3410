"""A film-length benchmark input (default 120 minutes, 1080p H.264 + AAC) made from the real clips.

Each clip in ``../shared/media`` is encoded once to a 1920x1080 / 24 fps / stereo AAC segment (the
720p input's normaliser at another size), then the segments are joined by the concat demuxer with
stream copy, looping the list until the film is at least ``--minutes`` long; each segment ends at its
last frame, so the film is exactly 24 fps with no hole at a join. The clips' own cuts,
fades and sound come through unchanged. A clip with a sidecar (``stem.en.vtt``) puts its cues into
the film's own ``film_<N>min_1080p.en.vtt`` at every repetition, so ingest indexes real dialogue.
Cached under ``benchmarks/results/`` (never committed); the file name holds the length.

Run: ``python -m benchmarks film_input [--minutes 120]`` (prints the path and how long the build took).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import pysubs2

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.long_input import (  # noqa: E402
    MEDIA_DIR,
    RESULTS,
    VIDEO_SUFFIXES,
    _duration,
    _ffmpeg,
    _normalise,
)
from index.atomic import atomic_path, atomic_write_text  # noqa: E402
from index.subtitles import TimedText, find_sidecars, read_subtitle_file  # noqa: E402

DEFAULT_MINUTES = 120.0
WIDTH, HEIGHT, FPS = 1920, 1080, 24  # FPS: the rate long_input's normaliser gives every part
PARTS_DIR = RESULTS / "film_parts_1080p"


@dataclass(frozen=True)
class Part:
    """One source clip encoded to the film's format, with the cues of its sidecar (if it has one)."""

    source: Path
    path: Path
    seconds: Fraction  # of its video: whole frames at 24 fps
    cues: tuple[TimedText, ...]


def film_path(minutes: float, results: Path = RESULTS) -> Path:
    """Where the film of ``minutes`` is cached: the length is part of the name (the cache key)."""
    return results / f"film_{minutes:g}min_{HEIGHT}p.mp4"


def subtitles_path(film: Path) -> Path:
    """The film's sidecar, named so ingest finds it beside the film."""
    return film.with_name(f"{film.stem}.en.vtt")


def _video_seconds(path: Path) -> Fraction:
    """How long a part's frames last at the film's rate (its audio may run an AAC frame longer)."""
    with av.open(str(path)) as container:
        return Fraction(container.streams.video[0].frames, FPS)


def encode_parts(sources: Sequence[Path], parts_dir: Path) -> list[Part]:
    """Each source encoded once (kept in ``parts_dir`` for every later build) and its sidecar's cues."""
    parts = []
    for source in sources:
        part = parts_dir / f"{source.stem}.mp4"
        if not part.exists():
            _normalise(source, part, WIDTH, HEIGHT)
        sidecars = find_sidecars(source)
        cues = read_subtitle_file(sidecars[0]).cues if sidecars else ()
        parts.append(Part(source, part, _video_seconds(part), tuple(cues)))
    return parts


def playlist(parts: Sequence[Part], seconds: float) -> list[tuple[Part, Fraction]]:
    """``(part, start second in the film)``, looping over ``parts`` until the film lasts ``seconds``.

    A start is the sum of the earlier parts' video durations: each part ends at its last frame (its
    ``outpoint`` in the concat listing), so the frames run on at exactly 24 fps, with no gap at a join.
    """
    entries: list[tuple[Part, Fraction]] = []
    total = Fraction(0)
    while total < seconds:
        for part in parts:
            entries.append((part, total))
            total += part.seconds
            if total >= seconds:
                break
    return entries


def film_subtitles(entries: Sequence[tuple[Part, Fraction]]) -> str:
    """WebVTT of every part's cues moved to where that part plays in the film ("" when none has cues)."""
    subs = pysubs2.SSAFile()
    for part, start in entries:
        for cue in part.cues:
            begin, end = cue.start + start, cue.end + start
            event = pysubs2.SSAEvent(start=round(begin * 1000), end=round(end * 1000))
            event.plaintext = cue.text
            subs.append(event)
    return subs.to_string("vtt") if subs.events else ""


def build_film(sources: Sequence[Path], minutes: float, target: Path, parts_dir: Path) -> Path:
    """Write the film of at least ``minutes`` from ``sources`` to ``target`` (+ its sidecar if any cues)."""
    if minutes <= 0:
        raise ValueError(f"a film must last more than 0 minutes, not {minutes:g}")
    if not sources:
        raise FileNotFoundError("no source clips to build the film from")
    parts_dir.mkdir(parents=True, exist_ok=True)
    entries = playlist(encode_parts(sources, parts_dir), minutes * 60)
    vtt = film_subtitles(entries)
    if vtt:  # first: a cached film always has its sidecar beside it
        atomic_write_text(subtitles_path(target), vtt)
    listing = parts_dir / f"{target.stem}.concat.txt"
    listing.write_text("".join(f"file '{part.path.resolve()}'\noutpoint {float(part.seconds):.6f}\n"
                               for part, _ in entries))
    try:
        with atomic_path(target) as tmp:
            _ffmpeg(["-f", "concat", "-safe", "0", "-i", str(listing), "-map", "0:v:0", "-map", "0:a:0",
                     "-c", "copy", "-f", "mp4", str(tmp)])
    finally:
        listing.unlink()
    return target


def media_clips(media_dir: Path = MEDIA_DIR) -> list[Path]:
    """The real clips to build from, in name order (so every build lays them out the same way)."""
    if not media_dir.is_dir():
        raise FileNotFoundError(f"no media folder {media_dir} (set PERSONALCUT_MEDIA to the shared clips)")
    clips = sorted(p for p in media_dir.iterdir() if p.suffix.lower() in VIDEO_SUFFIXES)
    if not clips:
        raise FileNotFoundError(f"no real clips in {media_dir} to build the film from")
    return clips


def film_input(minutes: float = DEFAULT_MINUTES) -> Path:
    """Path of the cached film of ``minutes`` from the shared clips (built on first call)."""
    target = film_path(minutes)
    if target.exists():
        return target
    return build_film(media_clips(), minutes, target, PARTS_DIR)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=DEFAULT_MINUTES, help="length of the film")
    args = parser.parse_args()
    started = time.perf_counter()
    path = film_input(args.minutes)
    subtitles = subtitles_path(path)
    print(f"{path} ({_duration(path) / 60:.1f} min) in {time.perf_counter() - started:.1f} s"
          + (f"; dialogue: {subtitles}" if subtitles.exists() else ""))


if __name__ == "__main__":
    main()
