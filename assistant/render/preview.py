"""Instant previews: per-clip proxy segments, joined by stream copy, cached by timeline hash.

Every clip becomes a small segment of one fixed format (640x360 letterboxed, 30 fps, H.264 + AAC
48 kHz stereo, silence when the source has none), encoded once and reused by every cut that contains
that clip. A preview is then only a concat-demuxer ``-c copy`` of cached segments, which takes well
under a second, so a new version plays right after a plan is applied. ``prepare_proxies`` (at
ingest) writes a low-resolution, short-GOP proxy of the video, so a clip never seen before is cut
from it in a fraction of the time the source would take, and encodes every shot's segment ahead of
time so whole-shot clips never wait. Crossfades preview as cuts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path

from assistant.render import graph as rg
from assistant.render.cache import DEFAULT_MAX_BYTES, cache_hit, evict
from assistant.render.ffmpeg import run_ffmpeg
from assistant.render.parts import concat_listing
from assistant.timeline.model import Clip, Timeline, clip_output_frames
from index.atomic import atomic_path
from index.library_paths import LibraryPaths
from index.shot import Shot, VideoInfo

PREVIEW_FORMAT = rg.OutputFormat(640, 360, Fraction(30))
SEGMENT_ARGS = [
    "-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-g", "30", "-pix_fmt", "yuv420p",
    "-c:a", "aac", "-b:a", "96k", "-ar", str(rg.AUDIO_RATE), "-ac", "2",
    "-video_track_timescale", "15360", "-movflags", "+faststart", "-f", "mp4",
]


# Encodes at once in this process: more than the cores only makes every viewer wait longer (20 cold
# previews on 2 cores finished together at ~8 s each; in slots the first play in under a second).
ENCODE_SLOTS = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
_PATH_LOCKS = tuple(threading.Lock() for _ in range(64))


@contextmanager
def _single_flight(path: Path) -> Iterator[None]:
    """One encode per output file: whoever asks for a segment being made waits for it, then reuses it."""
    with _PATH_LOCKS[int(hashlib.sha256(str(path).encode()).hexdigest()[:8], 16) % len(_PATH_LOCKS)]:
        yield


PROXY_ARGS = [
    "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-g", "12", "-bf", "0", "-pix_fmt", "yuv420p",
    "-fps_mode", "passthrough", "-c:a", "aac", "-b:a", "96k", "-ar", str(rg.AUDIO_RATE), "-ac", "2",
    "-f", "mp4",
]


def renders_dir(library_dir: Path) -> Path:
    return LibraryPaths(library_dir).renders


def proxy_path(library_dir: Path, video: VideoInfo) -> Path:
    """Per-video proxies live outside the evicting render cache: they are ingest products."""
    return LibraryPaths(library_dir).proxy(video.id)


def _proxy_size(video: VideoInfo) -> tuple[int, int]:
    if video.display_width <= PREVIEW_FORMAT.width and video.height <= PREVIEW_FORMAT.height:
        return video.display_width // 2 * 2, video.height // 2 * 2
    return rg.fit_size(video, PREVIEW_FORMAT)


def _write_proxy(library_dir: Path, video: VideoInfo) -> None:
    width, height = _proxy_size(video)
    with atomic_path(proxy_path(library_dir, video), suffix=".mp4") as part:
        run_ffmpeg(["-i", video.path, "-map", "0:v:0", "-map", "0:a:0?",
                    "-vf", f"scale={width}:{height},setsar=1", *PROXY_ARGS, part],
                   duration=float(video.duration), what=f"preview proxy of {video.path}")


def _cut_source(library_dir: Path, video: VideoInfo) -> VideoInfo:
    """The proxy, described as the video it stands for (same frames and times), when there is one."""
    proxy = proxy_path(library_dir, video)
    if not proxy.is_file():
        return video
    width, height = _proxy_size(video)
    return dataclasses.replace(video, path=str(proxy), width=width, height=height, codec="h264",
                               sample_aspect=Fraction(1))


def _key(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


def _segment(library_dir: Path, clip: Clip, video: VideoInfo, fade: Fraction) -> Path:
    """The clip's proxy segment, encoded now if not cached."""
    path = LibraryPaths(library_dir).render_segments / (
        _key("clip", video.id, clip.in_frame, clip.out_frame, clip.speed, str(fade)) + ".mp4")
    if cache_hit(path):
        return path
    fmt = PREVIEW_FORMAT
    video = _cut_source(library_dir, video)
    frames = clip_output_frames(clip, fmt.fps)
    audio_fade = max(fade, rg.CUT_FADE_SECONDS)
    graph = (f"[0:v]{rg.clip_video_chain(clip, video, fmt, frames, fade)}[v];"
             f"{rg.clip_audio_chain(clip, video, fmt, frames, '0:a', audio_fade)}[a]")
    with _single_flight(path):
        if cache_hit(path):  # made while we waited
            return path
        with ENCODE_SLOTS, atomic_path(path, suffix=".mp4") as part:
            run_ffmpeg([*rg.clip_input_args(clip, video), "-filter_complex", graph, "-map", "[v]",
                        "-map", "[a]", *SEGMENT_ARGS, part], what=f"preview segment of {video.path}")
    return path


def _title_segment(library_dir: Path, text: str) -> Path:
    path = LibraryPaths(library_dir).render_segments / (_key("title", text) + ".mp4")
    if cache_hit(path):
        return path
    fmt = PREVIEW_FORMAT
    with _single_flight(path):
        if cache_hit(path):  # made while we waited
            return path
        with ENCODE_SLOTS, atomic_path(path, suffix=".mp4") as part:
            png = rg.write_title_card(text, fmt, part.with_suffix(".png"))
            try:
                run_ffmpeg([*rg.title_input_args(png, fmt), "-filter_complex",
                            f"[0:v]{rg.title_video_chain(fmt)}[v];{rg.title_audio_chain(fmt)}[a]",
                            "-map", "[v]", "-map", "[a]", *SEGMENT_ARGS, part], what="preview title card")
            finally:
                png.unlink(missing_ok=True)
    return path


def preview(
    timeline: Timeline, source: rg.MediaSource, library_dir: Path, max_cache_bytes: int = DEFAULT_MAX_BYTES
) -> Path:
    """A browser-playable H.264/AAC MP4 of the cut, from cache when this timeline was previewed before."""
    out = renders_dir(library_dir) / f"preview-{timeline.content_hash()}.mp4"
    if cache_hit(out):
        return out
    videos = rg.resolve_videos(timeline, source)
    fmt = PREVIEW_FORMAT
    out_time = timeline.output_time(fmt.fps)
    segments = []
    if timeline.title:
        segments.append((_title_segment(library_dir, timeline.title), out_time.title_frames / fmt.fps))
    for span in out_time.spans:
        video = videos[span.clip.video_id]
        segments.append((_segment(library_dir, span.clip, video, out_time.fade), span.length))
    parts = [path for path, _ in segments]
    with atomic_path(out, suffix=".mp4") as part:
        listing = part.with_suffix(".txt")
        listing.write_text(concat_listing(segments))
        try:
            run_ffmpeg(["-f", "concat", "-safe", "0", "-i", listing, "-c", "copy", "-movflags", "+faststart",
                        "-f", "mp4", part], what="preview join")
        finally:
            listing.unlink(missing_ok=True)
    evict(renders_dir(library_dir), max_cache_bytes, keep=[out, *parts])
    return out


def prepare_proxies(video: VideoInfo, shots: Sequence[Shot], library_dir: Path) -> None:
    """Write the video's proxy and each shot's preview segment now (at ingest); idempotent."""
    if not proxy_path(library_dir, video).is_file():
        _write_proxy(library_dir, video)
    for shot in shots:
        clip = Clip(video.id, shot.start_frame, shot.end_frame, shot.start, shot.end)
        _segment(library_dir, clip, video, Fraction(0))
