"""Smart cut: stream-copy whole GOPs of H.264 sources, re-encode only the partial GOPs at clip edges.

Used when the cut needs no full re-encode (plain cuts, speed 1, no title, all sources one H.264
format). Video segments go through MPEG-TS (in-band SPS/PPS, so copied and re-encoded parts decode
as one stream) and are joined by the concat demuxer with explicit durations, keeping timestamps CFR
and frame-exact; the audio track is rendered once with the same per-clip chains as a re-encode.
"""

from __future__ import annotations

import bisect
import functools
import os
import threading
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from assistant.render import graph as rg
from assistant.render import parts as render_parts
from assistant.render.ffmpeg import ProgressFn, RenderError, run_ffmpeg
from assistant.timeline.model import Clip, Timeline
from index.shot import VideoInfo

VIDEO_ENCODER = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p"]


@functools.lru_cache(maxsize=64)
def _keyframes(path: str, mtime_ns: int) -> tuple[tuple[Fraction, ...], str]:
    import av

    try:
        with av.open(path) as container:
            stream = container.streams.video[0]
            pix_fmt = stream.codec_context.pix_fmt or ""
            start = stream.start_time or 0
            times = sorted(
                (packet.pts - start) * Fraction(stream.time_base)
                for packet in container.demux(stream)
                if packet.is_keyframe and packet.pts is not None
            )
    except av.FFmpegError as exc:
        raise RenderError(f"source video is unreadable or corrupt: {path} ({exc})") from exc
    return tuple(times), pix_fmt


def keyframes(video: VideoInfo) -> tuple[Fraction, ...]:
    """Keyframe times in seconds from the first frame (demuxed, not decoded: fast)."""
    try:
        mtime = os.stat(video.path).st_mtime_ns
    except OSError as exc:
        raise RenderError(f"source video is missing: {video.path}") from exc
    return _keyframes(video.path, mtime)[0]


def eligible(timeline: Timeline, videos: dict[str, VideoInfo]) -> bool:
    """True when stream copy can produce the cut: nothing in it needs every frame re-encoded."""
    if timeline.privacy.active:  # blur and reframe change every frame: see ``reencode_reason``
        return False
    if timeline.title or (timeline.transition != "cut" and timeline.transition_seconds > 0):
        return False
    if any(c.speed != 1.0 for c in timeline.clips):
        return False
    formats = {(v.codec, v.width, v.height, v.sample_aspect, v.fps, v.vfr) for v in videos.values()}
    if len(formats) != 1:
        return False
    codec, width, height, _, fps, vfr = formats.pop()
    if codec != "h264" or vfr or width % 2 or height % 2:
        return False
    # Copied frames are the source's own: only when output time gives each clip exactly those frames.
    if timeline.output_time(fps).clip_frames != tuple(c.out_frame - c.in_frame for c in timeline.clips):
        return False
    return all(_keyframes(v.path, os.stat(v.path).st_mtime_ns)[1] == "yuv420p" for v in videos.values())


def reencode_reason(timeline: Timeline) -> str | None:
    """What the user is told when effects rule out the fast stream-copy export (None when none do)."""
    privacy = timeline.privacy
    effects = [name for name, on in (("face blur", privacy.blur != "none"),
                                     (f"reframing to {privacy.aspect}", privacy.aspect != "original")) if on]
    if not effects:
        return None
    return f"{' and '.join(effects)} change every frame: the export re-encodes the whole cut (slower)"


@dataclass(frozen=True)
class Piece:
    """Part of a clip (frames ``[clip.in_frame, clip.out_frame)``), either stream-copied or re-encoded."""

    clip: Clip
    copy: bool

    @property
    def frames(self) -> int:
        return self.clip.out_frame - self.clip.in_frame


def _sub_clip(clip: Clip, fps: Fraction, first: int, end: int) -> Clip:
    return Clip(clip.video_id, first, end, clip.start + (first - clip.in_frame) / fps,
                clip.start + (end - clip.in_frame) / fps)


def split_clip(clip: Clip, video: VideoInfo, keys: tuple[Fraction, ...]) -> list[Piece]:
    """Head (re-encode) up to the first keyframe, whole GOPs (copy), tail (re-encode) from the last one.

    Keyframe times map to frames relative to the clip's own exact start, so a long source whose
    average rate is slightly off never shifts a boundary.
    """
    a, b = clip.in_frame, clip.out_frame
    half = 1 / (2 * video.fps)
    inside = keys[bisect.bisect_left(keys, clip.start - half):bisect.bisect_right(keys, clip.end + half)]
    frames = [a + round((t - clip.start) * video.fps) for t in inside]
    frames = [f for f in frames if a <= f <= b]
    if len(frames) < 2 or frames[0] >= frames[-1]:
        return [Piece(clip, copy=False)]
    k1, k2 = frames[0], frames[-1]
    pieces = [Piece(_sub_clip(clip, video.fps, a, k1), copy=False)] if a < k1 else []
    pieces.append(Piece(_sub_clip(clip, video.fps, k1, k2), copy=True))
    if k2 < b:
        pieces.append(Piece(_sub_clip(clip, video.fps, k2, b), copy=False))
    return pieces


def _write_piece(
    piece: Piece, video: VideoInfo, fmt: rg.OutputFormat, out: Path, cancel: threading.Event | None
) -> None:
    clip = piece.clip
    what = f"smart cut of {video.path}"
    if not piece.copy:
        chain = rg.clip_video_chain(clip, video, fmt, piece.frames)
        render_parts.encode_video(rg.clip_input_args(clip, video), chain, VIDEO_ENCODER, out, cancel, what)
        return
    # Seek a quarter frame past the keyframe: the demuxer lands on the keyframe at or before it.
    seek = rg.video_start_offset(video.path) + clip.start + 1 / (4 * video.fps)
    run_ffmpeg(["-ss", f"{float(seek):.6f}", "-i", video.path, "-map", "0:v:0", "-c", "copy",
                "-frames:v", str(piece.frames), "-bsf:v", "h264_mp4toannexb", "-an", "-f", "mpegts", out],
               cancel=cancel, what=what)


def render_smart_cut(
    timeline: Timeline, videos: dict[str, VideoInfo], tmp: Path, part: Path,
    progress: ProgressFn | None, cancel: threading.Event | None,
) -> Fraction:
    """Write the cut to ``part``; returns its exact duration."""
    first = videos[timeline.clips[0].video_id]
    fmt = rg.OutputFormat(first.width, first.height, first.fps)
    pieces = [
        piece for c in timeline.clips
        for piece in split_clip(c, videos[c.video_id], keyframes(videos[c.video_id]))
    ]
    steps = len(pieces) + 2
    segments = []
    for n, piece in enumerate(pieces):
        segment = tmp / f"piece{n:05d}.ts"
        _write_piece(piece, videos[piece.clip.video_id], fmt, segment, cancel)
        segments.append((segment, piece.frames / fmt.fps))
        if progress is not None:
            progress(n / steps)
    audio = tmp / "audio.m4a"
    out = timeline.output_time(fmt.fps)
    render_parts.render_audio(timeline, videos, fmt, out.clip_frames, rg.CUT_FADE_SECONDS, audio, cancel)
    render_parts.join(segments, audio, part, fmt.fps, cancel)
    return out.duration
