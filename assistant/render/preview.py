"""Instant previews: per-clip proxy segments, joined by stream copy, cached by timeline hash.

Every clip becomes a small segment (640x360 letterboxed, H.264 without B-frames + AAC 48 kHz stereo,
silence when the source has none) at the cut's output rate, encoded once and reused by every cut that
contains that clip. A preview then joins cached segments: video by stream copy, audio decoded and
encoded once (a few hundred milliseconds) so it is exactly as long as the video instead of gaining an
AAC frame of padding at every join. The preview has the cut's own frame rate and so exactly the frames
``Timeline.output_time`` gives the full render: the length the chat reports is the length that plays.
``prepare_proxies`` (at ingest) writes a low-resolution, short-GOP proxy of the video, so a clip never
seen before is cut from it in a fraction of the time the source would take, and encodes every shot's
segment ahead of time so whole-shot clips never wait. Crossfades preview as cuts at the moment the
next clip starts (each clip's segment stops there), so the preview keeps the crossfaded length.
Blur and reframe (``timeline.privacy``) make each clip's segment through ``effects``; the segments' keys
include the settings (and, for blurring by person, the cast), and a reframed preview has the target's shape.
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

from assistant.render import effects, reframe
from assistant.render import graph as rg
from assistant.render.cache import DEFAULT_MAX_BYTES, cache_hit, evict
from assistant.render.ffmpeg import RenderError, run_ffmpeg
from assistant.render.parts import concat_listing
from assistant.timeline.model import NO_FADES, Aspect, Clip, Fades, Privacy, Timeline, clip_output_frames
from index.atomic import atomic_path
from index.library_paths import LibraryPaths
from index.shot import Shot, VideoInfo

PREVIEW_WIDTH, PREVIEW_HEIGHT = 640, 360
# ultrafast has no B-frames, so a segment can stop at any frame when the join drops the frames after it.
PREVIEW_AUDIO_ARGS = [
    "-c:a", "aac", "-aac_coder", "fast", "-b:a", "96k", "-ar", str(rg.AUDIO_RATE), "-ac", "2",
]
SEGMENT_ARGS = [
    "-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-g", "30", "-bf", "0", "-pix_fmt", "yuv420p",
    *PREVIEW_AUDIO_ARGS, "-movflags", "+faststart", "-f", "mp4",
]


NO_EFFECTS = Privacy()

# Part of every preview's name: previews cached before the last change to how they are made never match.
PREVIEW_LAYOUT = "r2"


def preview_format(fps: Fraction, aspect: Aspect = "original") -> rg.OutputFormat:
    """The preview's frame: 640x360 (or the reframed aspect's crop of it), at the rate of the cut."""
    return rg.OutputFormat(*reframe.crop_size(PREVIEW_WIDTH, PREVIEW_HEIGHT, aspect), fps)


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
    if video.display_width <= PREVIEW_WIDTH and video.height <= PREVIEW_HEIGHT:
        return video.display_width // 2 * 2, video.height // 2 * 2
    return rg.fit_size(video, preview_format(video.fps))


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


def _segment(library_dir: Path, clip: Clip, video: VideoInfo, fade: Fades, fps: Fraction,
             privacy: Privacy = NO_EFFECTS, effects_key: str = "", source: object = None) -> Path:
    """The clip's proxy segment at ``fps``, encoded now if not cached.

    With ``privacy`` active its frames go through the effects (``source``: the library, for shots and
    cast); ``effects_key`` (``effects.privacy_key``) keeps such segments apart from plain ones.
    """
    key = ("clip", video.id, clip.in_frame, clip.out_frame, clip.speed, fade.key, str(fps),
           *((clip.volume,) if clip.volume != 1.0 else ()))  # segments at the recorded level keep their names
    name = _key(*key, effects_key) if effects_key else _key(*key)  # plain segments keep their old names
    path = LibraryPaths(library_dir).render_segments / f"{name}.mp4"
    if cache_hit(path):
        return path
    fmt = preview_format(fps, privacy.aspect)
    video = _cut_source(library_dir, video)
    frames = clip_output_frames(clip, fmt.fps)
    audio_fade = fade.at_least(rg.CUT_FADE_SECONDS)
    with _single_flight(path):
        if cache_hit(path):  # made while we waited
            return path
        with ENCODE_SLOTS, atomic_path(path, suffix=".mp4") as part:
            if privacy.active:
                effects.render_with_effects(clip, video, privacy, source, fmt, frames, fade, SEGMENT_ARGS,
                                            part, audio_fade)
            else:
                graph = (f"[0:v]{rg.clip_video_chain(clip, video, fmt, frames, fade)}[v];"
                         f"{rg.clip_audio_chain(clip, video, fmt, frames, '0:a', audio_fade)}[a]")
                run_ffmpeg([*rg.clip_input_args(clip, video), "-filter_complex", graph, "-map", "[v]",
                            "-map", "[a]", *SEGMENT_ARGS, part], what=f"preview segment of {video.path}")
    return path


def _title_segment(library_dir: Path, text: str, fps: Fraction, aspect: Aspect = "original",
                   fade: Fades = NO_FADES) -> Path:
    key = ("title", text, str(fps), *((aspect,) if aspect != "original" else ()),
           *((fade.key,) if fade else ()))
    path = LibraryPaths(library_dir).render_segments / (_key(*key) + ".mp4")
    if cache_hit(path):
        return path
    fmt = preview_format(fps, aspect)
    with _single_flight(path):
        if cache_hit(path):  # made while we waited
            return path
        with ENCODE_SLOTS, atomic_path(path, suffix=".mp4") as part:
            png = rg.write_title_card(text, fmt, part.with_suffix(".png"))
            try:
                run_ffmpeg([*rg.title_input_args(png, fmt), "-filter_complex",
                            f"[0:v]{rg.title_video_chain(fmt, fade)}[v];{rg.title_audio_chain(fmt)}[a]",
                            "-map", "[v]", "-map", "[a]", *SEGMENT_ARGS, part], what="preview title card")
            finally:
                png.unlink(missing_ok=True)
    return path


def preview(
    timeline: Timeline, source: rg.MediaSource, library_dir: Path, max_cache_bytes: int = DEFAULT_MAX_BYTES
) -> Path:
    """A browser-playable H.264/AAC MP4 of the cut, from cache when this timeline was previewed before.

    Its video and audio are both ``timeline.duration`` long: the frames of ``Timeline.output_time``.
    """
    privacy = timeline.privacy
    clip_privacy = [timeline.clip_privacy(n) for n in range(len(timeline.clips))]
    effects_keys = {p: effects.privacy_key(p, source) for p in dict.fromkeys(clip_privacy)}
    # The content hash has the privacy settings; blurring by person also depends on the cast's state.
    by_person = [key for p, key in effects_keys.items() if p.blur in ("all_but", "only")]
    cast_part = f"-{_key(*by_person)[:12]}" if by_person else ""
    out = renders_dir(library_dir) / f"preview-{PREVIEW_LAYOUT}-{timeline.content_hash()}{cast_part}.mp4"
    if cache_hit(out):
        return out
    videos = rg.resolve_videos(timeline, source)
    out_time = timeline.output_time()
    fps = out_time.fps
    placed: list[tuple[Path, Fraction]] = []  # (segment, how long it shows before the next one starts)
    if timeline.title:
        placed.append((_title_segment(library_dir, timeline.title, fps, privacy.aspect, out_time.title_fades),
                       out_time.title_frames / fps))
    for n, span in enumerate(out_time.spans):
        segment = _segment(library_dir, span.clip, videos[span.clip.video_id], out_time.clip_fades(n), fps,
                           clip_privacy[n], effects_keys[clip_privacy[n]], source)
        overlap = out_time.edge_overlap(n) if n < len(out_time.spans) - 1 else 0
        placed.append((segment, (span.frames - overlap) / fps))
    with atomic_path(out, suffix=".mp4") as part:
        listing = part.with_suffix(".txt")
        listing.write_text(concat_listing(placed, half_frame=1 / (2 * fps)))
        try:
            run_ffmpeg(["-f", "concat", "-safe", "0", "-i", listing, "-map", "0:v:0", "-map", "0:a:0",
                        "-c:v", "copy", "-af", _exact_audio(out_time.duration), *PREVIEW_AUDIO_ARGS,
                        "-movflags", "+faststart", "-f", "mp4", part], what="preview join")
        finally:
            listing.unlink(missing_ok=True)
    evict(renders_dir(library_dir), max_cache_bytes, keep=[out, *(path for path, _ in placed)])
    return out


def _exact_audio(duration: Fraction) -> str:
    """Joined segments' audio laid on the video clock (padding and overlaps at joins resolved by
    timestamp), then cut or padded with silence to exactly ``duration``."""
    return f"aresample={rg.AUDIO_RATE}:async=1:first_pts=0,apad,atrim=end={float(duration):.6f}"


def poster(timeline: Timeline, source: rg.MediaSource, library_dir: Path) -> Path:
    """A JPEG of the preview's size showing the middle frame of the cut's first clip (what a shared
    link's player and its preview card show before playing), made once and cached with the renders."""
    if not timeline.clips:
        raise RenderError("the cut is empty: nothing to show")
    first = timeline.clips[0]
    video = rg.resolve_videos(timeline.with_clips((first,)), source)[first.video_id]
    privacy = timeline.clip_privacy(0)
    effects_key = effects.privacy_key(privacy, source)
    key = _key("poster", video.id, first.in_frame, first.out_frame, *((effects_key,) if effects_key else ()))
    path = renders_dir(library_dir) / f"poster-{PREVIEW_LAYOUT}-{key}.jpg"
    if cache_hit(path):
        return path
    middle = (first.in_frame + first.out_frame) // 2
    step = first.duration / (first.out_frame - first.in_frame)
    start = first.start + (middle - first.in_frame) * step
    frame = Clip(first.video_id, middle, middle + 1, start, start + step)
    fmt = preview_format(first.source_fps, privacy.aspect)
    cut_source = _cut_source(library_dir, video)
    jpeg = ["-frames:v", "1", "-c:v", "mjpeg", "-q:v", "3", "-f", "mjpeg"]
    with _single_flight(path):
        if cache_hit(path):  # made while we waited
            return path
        with atomic_path(path, suffix=".jpg") as part:
            if privacy.active:  # a shared link's card must not show a face the cut blurs
                analysis = effects.analyse_for(frame, cut_source, privacy, source)
                effects.render_clip(frame, cut_source, analysis, fmt, 1, NO_FADES, jpeg, part)
            else:
                run_ffmpeg([*rg.clip_input_args(frame, cut_source), "-map", "0:v:0",
                            "-vf", rg.clip_video_chain(frame, cut_source, fmt, 1), *jpeg, part],
                           what=f"poster of {video.path}")
    return path


def prepare_proxies(video: VideoInfo, shots: Sequence[Shot], library_dir: Path) -> None:
    """Write the video's proxy and each shot's preview segment now (at ingest); idempotent."""
    if not proxy_path(library_dir, video).is_file():
        _write_proxy(library_dir, video)
    for shot in shots:
        clip = Clip(video.id, shot.start_frame, shot.end_frame, shot.start, shot.end)
        # At the rate of a cut that starts with this video: most cuts are of one video, or one rate.
        _segment(library_dir, clip, video, NO_FADES, Timeline((clip,)).output_fps)
