"""Rendering a cut in parts: video segments made separately, one audio track for the whole cut.

Smart cut and chunked re-encodes both make their video in pieces and join them by stream copy.
Audio is never split: every AAC part would bring its own encoder priming and frame rounding and
shift what follows by ~20 ms, so it is rendered in one pass over all clips and muxed in at the end.
The parts are independent, so ``run_jobs`` makes several at once: one short x264 run leaves cores
idle while it starts, fills its lookahead and flushes, and stream copies and the audio hardly use any.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from fractions import Fraction
from pathlib import Path

from assistant.render import graph as rg
from assistant.render.ffmpeg import ProgressFn, RenderError, run_ffmpeg
from assistant.timeline.model import Fades, Timeline
from index.shot import VideoInfo

# Parts made at once: two per core would only add memory; one more than the cores fills the gaps.
RENDER_WORKERS = min(4, (os.cpu_count() or 1) + 1)

# The audio track's work per output frame (decode, resample, AAC), in re-encoded video frames: weighs it
# against the video parts for progress.
AUDIO_FRAME_COST = 0.05

RenderJob = Callable[[threading.Event | None, ProgressFn | None], None]
"""One part of a render: called with the cancel event to pass to ffmpeg and a callback for its own
progress (0..1; a part may leave it unused and count as done when it ends)."""

TS_PACKET_BYTES = 188
TS_NULL_PACKET = b"\x47\x1f\xff\x10" + b"\xff" * (TS_PACKET_BYTES - 4)  # PID 0x1FFF: every demuxer drops it
# ffmpeg's MPEG-TS probe scores a file as TS only from 10 x 204 bytes on; a segment of a few small frames
# (2-3 frames of a still picture) is shorter, reads as MPEG-PS and is lost from the join.
MIN_TS_PACKETS = 16


def encode_video(
    input_args: Sequence[str], chain: str, encoder: Sequence[str], out: Path, cancel: threading.Event | None,
    what: str,
) -> None:
    """One input's video through ``chain`` into an MPEG-TS segment (in-band parameter sets, so segments
    from different encoders or sources join into one decodable stream)."""
    run_ffmpeg([*input_args, "-map", "0:v:0", "-vf", chain, *encoder, "-an", "-f", "mpegts", out],
               cancel=cancel, what=what)


def render_audio(
    timeline: Timeline, videos: dict[str, VideoInfo], fmt: rg.OutputFormat, counts: Sequence[int],
    fades: Sequence[Fades], out: Path, cancel: threading.Event | None, bitrate: str = "192k",
) -> None:
    """The cut's whole audio track (title silence, then every clip at its exact output length, with its
    ``fades``)."""
    inputs: list[str] = []
    lines = []
    labels = []
    if timeline.title:
        lines.append(f"{rg.title_audio_chain(fmt)}[at]")
        labels.append("at")
    for i, clip in enumerate(timeline.clips):
        video = videos[clip.video_id]
        inputs += rg.clip_input_args(clip, video)
        lines.append(f"{rg.clip_audio_chain(clip, video, fmt, counts[i], f'{i}:a', fades[i])}[a{i}]")
        labels.append(f"a{i}")
    lines.append(f"{''.join(f'[{label}]' for label in labels)}concat=n={len(labels)}:v=0:a=1[aout]")
    script = out.with_suffix(".graph.txt")
    script.write_text(";\n".join(lines))
    run_ffmpeg([*inputs, "-/filter_complex", script, "-map", "[aout]", "-c:a", "aac", "-b:a", bitrate,
                "-ar", str(rg.AUDIO_RATE), "-ac", "2", "-f", "mp4", out], cancel=cancel, what="audio render")


def audio_job(
    timeline: Timeline, videos: dict[str, VideoInfo], fmt: rg.OutputFormat, counts: Sequence[int],
    fades: Sequence[Fades], out: Path, bitrate: str = "192k",
) -> tuple[float, RenderJob]:
    """``render_audio`` as a part for ``run_jobs``, with its weight."""
    return (AUDIO_FRAME_COST * sum(counts),
            lambda cancel, _: render_audio(timeline, videos, fmt, counts, fades, out, cancel, bitrate))


def pad_for_probe(segment: Path) -> None:
    """Append null packets to an MPEG-TS segment too short for ffmpeg to recognise as TS.

    The concat demuxer probes every file it opens: a misread segment vanishes from the cut (or, first
    in the list, fails the whole join with "End of file"). Null packets carry nothing, so the stream
    and its timestamps are unchanged.
    """
    missing = MIN_TS_PACKETS - segment.stat().st_size // TS_PACKET_BYTES
    if missing > 0:
        with segment.open("ab") as fh:
            fh.write(TS_NULL_PACKET * missing)


def concat_listing(segments: Sequence[tuple[Path, Fraction]], half_frame: Fraction | None = None) -> str:
    """A concat-demuxer script placing each file at its exact duration (quotes in paths escaped).

    With ``half_frame`` (for MP4 files with AAC) each file is also trimmed to exactly that length: its
    time counts from zero (``inpoint 0``; otherwise the AAC priming in front of the audio delays the
    video by 21 ms) and ``outpoint`` half a frame before the end drops every frame from the end on (safe
    for stream copy only when the files have no B-frames).
    """
    lines = []
    for path, length in segments:
        quoted = str(path.resolve()).replace("'", "'\\''")
        lines.append(f"file '{quoted}'\nduration {float(length):.9f}\n")
        if half_frame is not None:
            lines.append(f"inpoint 0\noutpoint {float(length - half_frame):.9f}\n")
    return "".join(lines)


def reorder_delay(segment: Path, fps: Fraction) -> int:
    """How many frames a segment's decoding runs ahead of its display (0 without B-frames).

    Encoders choose it per stream: x264 uses none for a clip of 1-2 frames, two for longer ones.
    """
    import av

    with av.open(str(segment), format="mpegts") as container:
        stream = container.streams.video[0]
        shown = [packet.pts for packet in container.demux(stream) if packet.pts is not None and packet.size]
        tick = Fraction(stream.time_base)
    if not shown:
        return 0
    first = min(shown)
    return max(n - round((pts - first) * tick * fps) for n, pts in enumerate(shown))


def _decode_times(segments: Sequence[tuple[Path, Fraction]], fps: Fraction) -> str:
    """A ``setts`` filter giving the joined stream one decode clock: frame N decodes at N - D frames.

    The concat demuxer keeps each segment's own decode times, which step back wherever a segment with
    less reorder delay precedes one with more; ffmpeg then squashes them and the MP4 (whose length
    comes from decode times) ends frames early. D, the largest delay of any segment, keeps every
    frame's decode time at or before its display time; one tick less absorbs display times rounded down.
    """
    delay = max(reorder_delay(path, fps) for path, _ in segments)
    return f"setts=pts=PTS:dts=round((N-{delay})*{fps.denominator}/({fps.numerator}*TB))-1"


def join(
    segments: Sequence[tuple[Path, Fraction]], audio: Path, part: Path, fps: Fraction,
    cancel: threading.Event | None,
) -> None:
    """Concatenate MPEG-TS video segments of ``fps`` and mux the audio track, all by stream copy."""
    for segment, _ in segments:
        pad_for_probe(segment)
    listing = audio.with_suffix(".segments.txt")
    listing.write_text(concat_listing(segments))
    run_ffmpeg(["-f", "concat", "-safe", "0", "-i", listing, "-i", audio, "-map", "0:v", "-map", "1:a",
                "-c", "copy", "-bsf:v", _decode_times(segments, fps), "-movflags", "+faststart", "-f", "mp4",
                part], cancel=cancel, what="join")


def run_jobs(
    jobs: Sequence[tuple[float, RenderJob]], workers: int, progress: ProgressFn | None,
    cancel: threading.Event | None,
) -> None:
    """Run independent parts ``(weight, job)``, ``workers`` at a time, heaviest first; raise the first error.

    Progress (done weight / total weight, parts under way counted by what they report of themselves) is
    reported on the calling thread. A failure, a cancel or an interrupt here stops the other parts at once
    (their ffmpeg is killed); nothing is left running on return. With one worker the parts run in order in
    the calling thread.
    """
    total = sum(weight for weight, _ in jobs) or 1.0
    done = 0.0
    if workers <= 1:
        for weight, job in jobs:
            def step(fraction: float, before: float = done, weight: float = weight) -> None:
                assert progress is not None
                progress((before + fraction * weight) / total)
            job(cancel, None if progress is None else step)
            done += weight
            if progress is not None:
                progress(done / total)
        return
    stop = threading.Event()
    failure: BaseException | None = None
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="render-part") as pool:
        try:
            if cancel is not None and cancel.is_set():
                raise RenderError("render: cancelled")
            under_way = [0.0] * len(jobs)  # each part's own progress, written by its thread

            def reporter(n: int) -> ProgressFn:
                def report(fraction: float) -> None:
                    under_way[n] = min(1.0, max(0.0, fraction))
                return report

            ordered = sorted(jobs, key=lambda j: -j[0])
            pending: dict[Future[None], tuple[float, int]] = {
                pool.submit(job, stop, reporter(n)): (weight, n) for n, (weight, job) in enumerate(ordered)}
            reported = 0.0
            while pending:
                finished, _ = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
                if cancel is not None and cancel.is_set():
                    stop.set()
                if progress is not None and failure is None and not finished:
                    partial = (done + sum(ordered[n][0] * under_way[n] for _, n in pending.values())) / total
                    if partial > reported + 0.005:  # a new value, never one going back
                        reported = partial
                        progress(partial)
                for future in finished:
                    weight, _ = pending.pop(future)
                    error = future.exception()
                    if error is not None:
                        failure = failure or error  # the parts stopped because of it fail as "cancelled"
                        stop.set()
                        continue
                    done += weight
                    if progress is not None and failure is None and done / total > reported:
                        reported = done / total
                        progress(reported)
        except BaseException:
            stop.set()  # leaving the pool waits for the running parts: their ffmpeg dies now
            raise
    if failure is not None:
        raise failure
