"""Smart cut: stream-copy the source's own packets wherever they decode alone, re-encode only clip edges.

Used when the cut needs no full re-encode (plain cuts, speed 1, no title, all sources one H.264
format). A clip becomes a re-encoded head (its first frames up to a keyframe), one stream-copied run
of packets from that keyframe, and a re-encoded rest. The copied run is the longest run of packets
in decode order from the keyframe whose frames are exactly the next frames in display order: it needs
no frame outside itself, shows exactly the clip's frames and, with B-frames, stops at most a few
frames before the clip's end instead of a whole GOP. Frames are counted by the packets' own
timestamps (their rank in display order), never as times x the average rate, so a long source with
uneven timestamps still cuts on the exact frames.

Video segments go through MPEG-TS (in-band SPS/PPS, so copied and re-encoded parts decode as one
stream) and are joined by the concat demuxer with explicit durations, keeping timestamps CFR and
frame-exact; the audio track is rendered once with the same per-clip chains as a re-encode. The
segments and the audio are made concurrently (``parts.run_jobs``).
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import math
import os
import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from assistant.plan.describe import clips_named
from assistant.render import effects
from assistant.render import graph as rg
from assistant.render import parts as render_parts
from assistant.render.ffmpeg import ProgressFn, RenderError, run_ffmpeg
from assistant.timeline.model import NO_FADES, Clip, Fades, Privacy, Timeline
from index import cast_store
from index.db import connect
from index.shot import VideoInfo

# The clip edges that are re-encoded: superfast, not the full render's veryfast. At crf 18 it looks the same
# (PSNR to the 1080p source 57.1 / 50.9 / 38.0 dB against veryfast's 56.1 / 48.9 / 38.0 on three 5 s
# samples) for 2-2.7x the bits on those frames only, and a 10-minute 1080p cut of 30 s clips exports at
# 22.4x real time on 2 cores instead of 19.1x (10 s clips: 8.2x instead of 6.9x).
VIDEO_ENCODER = ["-c:v", "libx264", "-preset", "superfast", "-crf", "18", "-pix_fmt", "yuv420p"]

# Costs in units of one re-encoded frame (measured with x264 veryfast, 720p, on 2 cores: ~120 frames per CPU
# second encoded, ~570 decoded, ~40 ms of CPU and wall to start an ffmpeg and open the source). They
# decide whether copying part of a clip beats re-encoding it whole, and weigh the parts for progress.
# superfast encodes ~1.3x faster than the veryfast they were measured with: the choice now leans a
# little toward copying, which keeps more of the source's own frames.
DECODE_FRAME_COST = 0.2
COPY_FRAME_COST = 0.01
PROCESS_COST = 6.0
EFFECT_FRAME_COST = 1.5  # a blurred frame: the face analysis on top of its encode (blur all ~0.75x re-encode)


@dataclass(frozen=True)
class SourceFrames:
    """One source's video packets: each frame's timestamp, and which frame each packet holds.

    ``pts`` lists the timestamps in display order (index = the frame's display rank), ``ranks`` the
    display rank of every packet in decode order. ``idr`` holds the decode index of every IDR frame
    (where a copy may start: decoding restarts there, and frame order is counted afresh, so the copy
    plays right after any other segment), ``keyframe_ranks`` the rank of every keyframe (IDR or an
    open GOP's I-frame: where a seek lands). Arrays, not lists: a two-hour film has ~170,000 frames.
    """

    pts: array
    ranks: array
    idr: tuple[int, ...]
    keyframe_ranks: tuple[int, ...]
    start: int
    time_base: Fraction
    pix_fmt: str

    def __len__(self) -> int:
        return len(self.pts)

    def time(self, rank: int) -> Fraction:
        """Seconds from the video's first frame to frame ``rank``."""
        return (self.pts[rank] - self.start) * self.time_base

    def rank_at(self, seconds: Fraction) -> int:
        """Rank of the first frame at or after ``seconds`` (the frame an accurate seek there keeps first)."""
        return bisect.bisect_left(self.pts, math.ceil(self.start + seconds / self.time_base))

    def aligned_run(self, key: int, end: int) -> int:
        """How many packets from IDR frame ``key`` (decode order) hold exactly the frames that follow it in
        display order, ending before frame ``end``: the longest copy from it that decodes and shows exactly
        those frames (with B-frames the packets of a frame's successors can come first).
        """
        first = self.ranks[key]
        best, highest = 0, first
        for count, rank in enumerate(self.ranks[key:], start=1):
            if rank < first or rank >= end:  # (shown before the IDR: timestamps out of order, stop)
                break
            highest = max(highest, rank)
            if highest == first + count - 1:  # distinct ranks, none below first: exactly first..highest
                best = count
        return best


H264_IDR_SLICE = 5


def _nal_length_size(extradata: bytes | None) -> int:
    """Bytes in front of each NAL unit in a packet: 1-4 from an avcC record (MP4, MKV), 0 for start codes."""
    if extradata and len(extradata) > 4 and extradata[0] == 1:
        return (extradata[4] & 3) + 1
    return 0


def _is_idr(data: bytes, length_size: int) -> bool:
    """Whether an H.264 access unit holds an IDR slice (length-prefixed or start-code NAL units)."""
    if length_size == 0:
        at = data.find(b"\x00\x00\x01")
        while at >= 0 and at + 3 < len(data):
            if data[at + 3] & 0x1F == H264_IDR_SLICE:
                return True
            at = data.find(b"\x00\x00\x01", at + 3)
        return False
    at = 0
    while at + length_size < len(data):
        if data[at + length_size] & 0x1F == H264_IDR_SLICE:
            return True
        at += length_size + int.from_bytes(data[at:at + length_size], "big")
    return False


@functools.lru_cache(maxsize=16)
def _source_frames(path: str, mtime_ns: int) -> SourceFrames:
    import av

    pts = array("q")
    keys, idr = [], []
    try:
        with av.open(path) as container:
            stream = container.streams.video[0]
            pix_fmt = stream.codec_context.pix_fmt or ""
            length_size = _nal_length_size(stream.codec_context.extradata)
            for packet in container.demux(stream):
                if not packet.size:
                    continue  # the demuxer's end-of-stream marker
                if packet.pts is None:  # frames we cannot place: nothing is copied from this source
                    return SourceFrames(array("q"), array("l"), (), (), 0, Fraction(1), pix_fmt)
                if packet.is_keyframe:
                    keys.append(len(pts))
                    if _is_idr(bytes(packet), length_size):
                        idr.append(len(pts))
                pts.append(packet.pts)
            start, time_base = stream.start_time or 0, Fraction(stream.time_base)
    except av.FFmpegError as exc:
        raise RenderError(f"source video is unreadable or corrupt: {path} ({exc})") from exc
    order = sorted(range(len(pts)), key=pts.__getitem__)
    ranks = array("l", [0]) * len(order)
    for rank, index in enumerate(order):
        ranks[index] = rank
    shown = array("q", (pts[i] for i in order))
    if len(set(shown)) < len(shown):  # two frames at one time: their display order is unknown
        idr = []
    return SourceFrames(shown, ranks, tuple(idr), tuple(sorted(ranks[k] for k in keys)), start, time_base,
                        pix_fmt)


def source_frames(video: VideoInfo) -> SourceFrames:
    """The source's packet table (demuxed, not decoded: fast; cached while the file is unchanged)."""
    try:
        mtime = os.stat(video.path).st_mtime_ns
    except OSError as exc:
        raise RenderError(f"source video is missing: {video.path}") from exc
    return _source_frames(video.path, mtime)


def eligible(timeline: Timeline, videos: dict[str, VideoInfo]) -> bool:
    """True when stream copy can produce the cut: nothing in it needs every frame re-encoded. In clips that
    blur faces the shots with a face to blur are re-encoded pieces of it (``plan_pieces``)."""
    if timeline.privacy.aspect != "original":  # a reframe changes every frame's size: ``reencode_reason``
        return False
    blurred = _blurred(timeline)
    if timeline.title or (timeline.transition != "cut" and timeline.transition_seconds > 0):
        return False
    if any(c.join is not None and c.join.kind != "cut" and c.join.seconds > 0 for c in timeline.clips[1:]):
        return False  # a transition between two clips of their own
    if any(c.speed != 1.0 for c in timeline.clips):
        return False
    formats = {(v.codec, v.width, v.height, v.sample_aspect, v.fps, v.vfr) for v in videos.values()}
    if len(formats) != 1:
        return False
    codec, width, height, sample_aspect, fps, vfr = formats.pop()
    if codec != "h264" or vfr or width % 2 or height % 2:
        return False
    if blurred and sample_aspect != 1:  # effects work on square pixels; copied frames keep the source's
        return False
    # Copied frames are the source's own: only when output time gives each clip exactly those frames.
    if timeline.output_time(fps).clip_frames != tuple(c.out_frame - c.in_frame for c in timeline.clips):
        return False
    return all(source_frames(v).pix_fmt == "yuv420p" for v in videos.values())


def _blurred(timeline: Timeline) -> list[int]:
    """Indices of the clips that blur faces."""
    return [i for i in range(len(timeline.clips)) if timeline.clip_privacy(i).blur != "none"]


def reencode_reason(timeline: Timeline) -> str | None:
    """What the user is told when effects make the export re-encode (None when none do)."""
    aspect = timeline.privacy.aspect
    blurred = [i + 1 for i in _blurred(timeline)]
    if blurred and aspect == "original":  # ``plan_pieces``: only the shots with a face to blur
        where = f" in {clips_named(blurred)}" if len(blurred) < len(timeline.clips) else ""
        return f"face blur{where} changes the frames with faces: the export re-encodes the shots that show " \
               "them (slower)"
    effects = [name for name, on in (("face blur", bool(blurred)),
                                     (f"reframing to {aspect}", aspect != "original")) if on]
    if not effects:
        return None
    verb = "change" if len(effects) > 1 else "changes"
    return f"{' and '.join(effects)} {verb} every frame: the export re-encodes the whole cut (slower)"


@dataclass(frozen=True)
class Piece:
    """Part of a clip (frames ``[clip.in_frame, clip.out_frame)``), either stream-copied or re-encoded.

    ``waste`` counts the frames decoded only to reach the first one (from the keyframe before it).
    """

    clip: Clip
    copy: bool
    waste: int = 0
    fade: Fades = NO_FADES  # a re-encoded piece at an end of the cut may fade from or to black
    privacy: Privacy | None = None  # frames with faces to blur: re-encoded through ``effects``
    # what the effects do to its frames, from its clip's analysis (None: analysed when written)
    analysis: effects.ClipEffects | None = field(default=None, compare=False)

    @property
    def frames(self) -> int:
        return self.clip.out_frame - self.clip.in_frame

    @property
    def cost(self) -> float:
        """Estimated work, in re-encoded frames."""
        if self.copy:
            return PROCESS_COST + COPY_FRAME_COST * self.frames
        if self.privacy is not None:
            return PROCESS_COST + EFFECT_FRAME_COST * self.frames
        return PROCESS_COST + self.frames + DECODE_FRAME_COST * self.waste


def _waste(source: SourceFrames, rank: int) -> int:
    """Frames decoded before frame ``rank`` when seeking to it: from the keyframe at or before it."""
    at = bisect.bisect_right(source.keyframe_ranks, rank)
    return rank - source.keyframe_ranks[at - 1] if at else rank


def split_clip(clip: Clip, video: VideoInfo, source: SourceFrames) -> list[Piece]:
    """The clip as re-encoded head, copied run and re-encoded rest, or whole when that is estimated faster.

    Copying saves the encoding of the copied frames; it costs up to two more ffmpeg starts and the
    frames decoded only to reach the rest (a whole re-encode and the head decode the same frames before
    the clip). The longest copy any IDR frame inside the clip allows is taken when it saves more than that.
    Otherwise the clip is re-encoded whole, the same work a full re-encode does for it: a cut of clips too
    short to hold a keyframe costs what a re-encode costs, never more.
    """
    first = source.rank_at(clip.start - 1 / (2 * video.fps))
    end = first + clip.out_frame - clip.in_frame
    whole = Piece(clip, copy=False, waste=_waste(source, first))
    if end > len(source):  # the clip runs past the source's last frame: the re-encode reports it
        return [whole]
    rank = source.ranks.__getitem__
    inside = source.idr[bisect.bisect_left(source.idr, first, key=rank):
                        bisect.bisect_left(source.idr, end, key=rank)]
    copied, key = max(((source.aligned_run(k, end), rank(k)) for k in inside), default=(0, 0))
    if not copied:
        return [whole]

    def part(a: int, b: int, copy: bool = False) -> Piece:
        """Frames ``[a, b)`` (ranks); the head keeps the clip's own start, which ``first`` came from."""
        start = clip.start if a == first else source.time(a)
        stop = source.time(b) if b < len(source) else source.time(b - 1) + 1 / video.fps
        sub = Clip(clip.video_id, clip.in_frame + a - first, clip.in_frame + b - first, start, stop)
        return Piece(sub, copy, 0 if copy else _waste(source, a))

    pieces = [part(first, key)] if key > first else []
    pieces.append(part(key, key + copied, copy=True))
    if key + copied < end:
        pieces.append(part(key + copied, end))
    return pieces if sum(p.cost for p in pieces) < whole.cost else [whole]


def _write_piece(
    piece: Piece, video: VideoInfo, fmt: rg.OutputFormat, out: Path, cancel: threading.Event | None,
    source: object = None,
) -> None:
    clip = piece.clip
    what = f"smart cut of {video.path}"
    if piece.analysis is not None:
        effects.render_clip(clip, video, piece.analysis, fmt, piece.frames, piece.fade,
                            [*VIDEO_ENCODER, "-f", "mpegts"], out, cancel=cancel)
        return
    if piece.privacy is not None:  # the library in ``source`` gives the analysis its shots and cast
        effects.render_with_effects(clip, video, piece.privacy, source, fmt, piece.frames, piece.fade,
                                    [*VIDEO_ENCODER, "-f", "mpegts"], out, cancel=cancel)
        return
    if not piece.copy:
        chain = rg.clip_video_chain(clip, video, fmt, piece.frames, piece.fade)
        render_parts.encode_video(rg.clip_input_args(clip, video), chain, VIDEO_ENCODER, out, cancel, what)
        return
    # Seek a quarter frame past the keyframe: the demuxer lands on the keyframe at or before it. The copy
    # keeps ``frames`` packets in decode order: the aligned run, exactly the piece's frames.
    seek = rg.video_start_offset(video.path) + clip.start + 1 / (4 * video.fps)
    run_ffmpeg(["-ss", f"{float(seek):.6f}", "-i", video.path, "-map", "0:v:0", "-c", "copy",
                "-frames:v", str(piece.frames), "-bsf:v", "h264_mp4toannexb", "-an", "-f", "mpegts", out],
               cancel=cancel, what=what)


def _piece_job(piece: Piece, video: VideoInfo, fmt: rg.OutputFormat, out: Path,
               source: object = None) -> render_parts.RenderJob:
    return lambda cancel, _: _write_piece(piece, video, fmt, out, cancel, source)


def plan_pieces(timeline: Timeline, videos: dict[str, VideoInfo], source: object = None) -> list[Piece]:
    """Every clip's pieces, in cut order; the frames the cut's opening and closing fades darken are pieces
    of their own, re-encoded with the fade, so the rest of those clips can still be copied. A clip that
    blurs faces is analysed (``source``: the library, for its shots and cast): its shots with a face to blur
    are re-encoded with the blur, the others cut like any clip (one piece with its effects when it fades)."""
    out = timeline.output_time(videos[timeline.clips[0].video_id].fps)
    last = len(timeline.clips) - 1
    pieces: list[Piece] = []
    for i, clip in enumerate(timeline.clips):
        video = videos[clip.video_id]
        head = out.open_frames if i == 0 else 0
        tail = out.close_frames if i == last else 0
        frames = clip.out_frame - clip.in_frame
        if (privacy := timeline.clip_privacy(i)).blur != "none":
            if head or tail:
                fade = Fades(head / out.fps, tail / out.fps)
                pieces.append(Piece(clip, copy=False, fade=fade, privacy=privacy))
            else:
                pieces += _blurred_pieces(clip, video, privacy, source)
            continue
        if head + tail >= frames:  # the fades take the whole clip
            pieces.append(Piece(clip, copy=False, fade=Fades(head / out.fps, tail / out.fps)))
            continue
        middle = _frames_of(clip, video, head, frames - tail)
        if head:
            pieces.append(Piece(_frames_of(clip, video, 0, head), copy=False, fade=Fades(head / out.fps)))
        pieces += split_clip(middle, video, source_frames(video))
        if tail:
            pieces.append(Piece(_frames_of(clip, video, frames - tail, frames), copy=False,
                                fade=Fades(end=tail / out.fps)))
    return pieces


def _blurred_pieces(clip: Clip, video: VideoInfo, privacy: Privacy, source: object) -> list[Piece]:
    """A clip that blurs faces, by runs of shots: a run whose shots have a face to blur is re-encoded with
    the clip's analysis of those frames, a run with none is cut like any clip (copied where it can be):
    only the affected frames pay for the blur.

    That needs the analysis before the encode, a pass of its own (~12 % more time on a clip with faces
    throughout, measured). So a clip in whose every shot the ingest found a face is one piece, analysed
    while it is encoded, as a re-encode does; the ingest's faces only choose the way, the render's own
    analysis still decides what is blurred."""
    if _faces_in_every_shot(clip, video, source):
        return [Piece(clip, copy=False, privacy=privacy)]
    analysis = effects.analyse_for(clip, video, privacy, source)
    bounds = _shot_bounds(clip, analysis.cuts)
    runs: list[tuple[int, int, bool]] = []  # (first, end, blurred), neighbours of one kind joined
    for a, b in zip(bounds, bounds[1:], strict=False):
        blurred = analysis.blurs_between(a, b)
        if runs and runs[-1][2] == blurred:
            runs[-1] = (runs[-1][0], b, blurred)
        else:
            runs.append((a, b, blurred))
    pieces: list[Piece] = []
    for a, b, blurred in runs:
        part = _frames_of(clip, video, a, b)
        if blurred:
            pieces.append(Piece(part, copy=False, privacy=privacy, analysis=analysis.sliced(a, b)))
        else:
            pieces += split_clip(part, video, source_frames(video))
    return pieces


def _faces_in_every_shot(clip: Clip, video: VideoInfo, source: object) -> bool:
    """Whether the library's ingest looked for faces in the clip's video and found one in each of the
    clip's shots (False when it did not look: then nothing is known)."""
    library_dir = getattr(source, "dir", None)
    if not isinstance(library_dir, Path):
        return False
    with contextlib.closing(connect(library_dir)) as conn:
        cast_store.ensure_schema(conn)
        if video.id not in cast_store.scanned(conn):
            return False
    bounds = _shot_bounds(clip, effects.clip_cuts(clip, source))
    seen = sorted(face.frame for face in effects.ingest_faces(library_dir, clip, video))
    return all(bisect.bisect_left(seen, a) < bisect.bisect_left(seen, b)
               for a, b in zip(bounds, bounds[1:], strict=False))


def _shot_bounds(clip: Clip, cuts: Sequence[int]) -> list[int]:
    """Where the clip's shots start and the clip ends, clip-relative, from the cuts inside it."""
    frames = clip.out_frame - clip.in_frame
    return [0, *(c for c in cuts if 0 < c < frames), frames]


def _frames_of(clip: Clip, video: VideoInfo, a: int, b: int) -> Clip:
    """Frames ``[a, b)`` of ``clip`` (counted from its first) as a clip of their own (constant frame rate)."""
    if (a, b) == (0, clip.out_frame - clip.in_frame):
        return clip
    return Clip(clip.video_id, clip.in_frame + a, clip.in_frame + b, clip.start + a / video.fps,
                clip.start + b / video.fps)


def render_smart_cut(
    timeline: Timeline, videos: dict[str, VideoInfo], tmp: Path, part: Path,
    progress: ProgressFn | None, cancel: threading.Event | None, source: object = None,
) -> Fraction:
    """Write the cut to ``part``; returns its exact duration. ``source`` (the library) gives the shots and
    cast of clips that blur faces."""
    first = videos[timeline.clips[0].video_id]
    fmt = rg.OutputFormat(first.width, first.height, first.fps)
    pieces = plan_pieces(timeline, videos, source)
    out = timeline.output_time(fmt.fps)
    audio = tmp / "audio.m4a"
    fades = [out.clip_fades(i) for i in range(len(timeline.clips))]  # the cut's ends fade their sound too
    jobs = [render_parts.audio_job(timeline, videos, fmt, out.clip_frames, fades, audio)]
    segments = []
    for n, piece in enumerate(pieces):
        segments.append((tmp / f"piece{n:05d}.ts", piece.frames / fmt.fps))
        video = videos[piece.clip.video_id]
        jobs.append((piece.cost, _piece_job(piece, video, fmt, segments[-1][0], source)))
    if progress is not None:
        progress(0.0)
    step = None if progress is None else (lambda done: progress(0.95 * done))
    render_parts.run_jobs(jobs, render_parts.RENDER_WORKERS, step, cancel)
    render_parts.join(segments, audio, part, fmt.fps, cancel)
    return out.duration
