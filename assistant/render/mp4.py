"""Frame-exact export of a timeline to one MP4.

``render`` smart-cuts when every clip is plain H.264 of one format (only boundary GOPs re-encoded),
otherwise re-encodes through ffmpeg filter graphs (in chunks for long cuts) that normalise size,
rate, SAR and audio layout and apply transitions, title and speed. Blur and reframe
(``timeline.privacy``) send each clip's frames through ``effects`` and force the re-encode. The result
is checked against the planned duration before it replaces ``out_path``, so a truncated or corrupt
source never yields a short file.
"""

from __future__ import annotations

import functools
import tempfile
import threading
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Literal

from assistant.render import effects, reframe, smart_cut
from assistant.render import graph as rg
from assistant.render import parts as render_parts
from assistant.render.ffmpeg import ProgressFn, RenderError, run_ffmpeg
from assistant.render.graph import MediaSource
from assistant.timeline.model import Clip, Fades, OutputTime, Privacy, Timeline
from index.atomic import atomic_path
from index.shot import VideoInfo
from index.sweep import render_temp_prefix, sweep_temp_files

__all__ = ["MediaSource", "RenderError", "render"]

Quality = Literal["preview", "high"]

PREVIEW_MAX_HEIGHT = 360
VIDEO_ENCODER: dict[str, list[str]] = {
    "high": ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18"],
    "preview": ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "28"],
}
# A cut with blur or reframe re-encodes every frame after a face analysis: x264's cheapest motion search
# (diamond, subpixel level 1, no 8x8 inter partitions) keeps its lookahead and macroblock tree, and takes
# 30-35 % off the encoder's CPU for 12-16 % more bytes at the same crf (PSNR -0.8 to -1.0 dB at ~48 dB,
# two 720p clips); "high" without effects keeps veryfast's search.
EFFECTS_X264 = ["-x264-params", "me=dia:subme=1:partitions=i8x8,i4x4"]
AUDIO_BITRATE = {"high": "192k", "preview": "128k"}


def filter_graph(
    timeline: Timeline, videos: dict[str, VideoInfo], fmt: rg.OutputFormat, title_png: Path | None,
    out: OutputTime, prepared: Mapping[int, Path] | None = None,
) -> tuple[list[str], str]:
    """(input args, filter_complex) producing ``[vout]`` and ``[aout]`` for the whole cut.

    ``out`` is the cut's output time at ``fmt.fps``: each clip's frames, and where each crossfade starts.
    ``prepared`` maps a clip's index to its video already rendered (effects applied, fitted to ``fmt``).
    """
    clips = timeline.clips
    prepared = prepared or {}
    inputs: list[str] = []
    lines: list[str] = []
    extra = len(clips) + (1 if title_png is not None else 0)  # prepared videos are the inputs after these
    for i, (clip, span) in enumerate(zip(clips, out.spans, strict=True)):
        video = videos[clip.video_id]
        inputs += rg.clip_input_args(clip, video)
        fades = out.clip_fades(i)
        if i in prepared:
            # on the clips' time base: a clip cut from its source beside it ("don't blur clip 2") has it
            lines.append(f"[{extra}:v]setpts=PTS-STARTPTS,format=yuv420p,"
                         f"settb={out.fps.denominator}/{out.fps.numerator}[v{i}]")
            extra += 1
        else:
            lines.append(f"[{i}:v]{rg.clip_video_chain(clip, video, fmt, span.frames, fades)}[v{i}]")
        lines.append(f"{rg.clip_audio_chain(clip, video, fmt, span.frames, f'{i}:a', fades)}[a{i}]")
    if out.crossfades:
        body_v, body_a = "v0", "a0"
        first = out.spans[0].start  # xfade offsets count from the first clip (the title is joined after)
        for i in range(1, len(clips)):
            if overlap := out.edge_overlap(i - 1):
                seconds = float(Fraction(overlap) / out.fps)
                lines.append(f"[{body_v}][v{i}]xfade=transition=fade:duration={seconds:.6f}:"
                             f"offset={float(out.spans[i].start - first):.6f}[xv{i}]")
                lines.append(f"[{body_a}][a{i}]acrossfade=d={seconds:.6f}[xa{i}]")
            else:  # a join of another kind among crossfades ("crossfade between clips 2 and 3 only"); the
                # joined video back on the clips' time base, which a later xfade needs on both inputs
                lines.append(f"[{body_v}][{body_a}][v{i}][a{i}]concat=n=2:v=1:a=1[cv{i}][xa{i}]")
                lines.append(f"[cv{i}]settb={out.fps.denominator}/{out.fps.numerator}[xv{i}]")
            body_v, body_a = f"xv{i}", f"xa{i}"
        segments = [(body_v, body_a)]
    else:
        segments = [(f"v{i}", f"a{i}") for i in range(len(clips))]
    if title_png is not None:
        t = len(clips)
        inputs += rg.title_input_args(title_png, fmt)
        lines.append(f"[{t}:v]{rg.title_video_chain(fmt, out.title_fades)}[vt]")
        lines.append(f"{rg.title_audio_chain(fmt)}[at]")
        segments.insert(0, ("vt", "at"))
    for i in sorted(prepared):
        inputs += ["-i", str(prepared[i])]
    pads = "".join(f"[{v}][{a}]" for v, a in segments)
    lines.append(f"{pads}concat=n={len(segments)}:v=1:a=1[vout][aout]")
    return inputs, ";\n".join(lines)


def cut_format(timeline: Timeline, videos: dict[str, VideoInfo], quality: Quality) -> rg.OutputFormat:
    """The output frame: the largest source's (capped for previews), cropped to the reframed aspect."""
    fmt = rg.output_format([videos[c.video_id] for c in timeline.clips],
                           PREVIEW_MAX_HEIGHT if quality == "preview" else None)
    width, height = reframe.crop_size(fmt.width, fmt.height, timeline.privacy.aspect)
    return rg.OutputFormat(width, height, fmt.fps)


# Clips with effects go into a crossfade graph through a near-lossless intermediate.
INTERMEDIATE_ENCODER = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "10", "-pix_fmt", "yuv420p"]


def _reencode(
    timeline: Timeline, videos: dict[str, VideoInfo], quality: Quality, tmp: Path, part: Path,
    progress: ProgressFn | None, cancel: threading.Event | None, source: MediaSource | None = None,
) -> Fraction:
    """Re-encode the cut: crossfades through one filter graph, everything else clip by clip.

    A graph with one input per clip keeps every decoder open at once (memory grows with the cut, and
    ffmpeg 9 was seen to stall on such graphs), so cuts without crossfades encode each clip's video
    in its own ffmpeg, render the audio in one pass and join both by stream copy. With blur or reframe
    each clip's frames go through ``effects`` (the library in ``source`` gives shots and the cast).
    """
    fmt = cut_format(timeline, videos, quality)
    effects_on = timeline.effects_active
    out = timeline.output_time(fmt.fps)
    duration = out.duration
    title_png = rg.write_title_card(timeline.title, fmt, tmp / "title.png") if timeline.title else None
    rate = f"{fmt.fps.numerator}/{fmt.fps.denominator}"
    video_args = [*VIDEO_ENCODER[quality], *(EFFECTS_X264 if effects_on and quality == "high" else []),
                  "-pix_fmt", "yuv420p", "-r", rate]
    if out.crossfades:
        prepared: dict[int, Path] = {}
        if effects_on:
            for i, (clip, frames) in enumerate(zip(timeline.clips, out.clip_frames, strict=True)):
                if not timeline.clip_privacy(i).active:
                    continue  # the graph cuts it from its source like any clip
                video = videos[clip.video_id]
                prepared[i] = tmp / f"effects{i:05d}.mp4"
                effects.render_with_effects(clip, video, timeline.clip_privacy(i), source, fmt, frames,
                                            out.clip_fades(i),
                                            [*INTERMEDIATE_ENCODER, "-f", "mp4"], prepared[i], cancel=cancel)
                if progress is not None:
                    progress(0.5 * (i + 1) / len(timeline.clips))
        inputs, graph = filter_graph(timeline, videos, fmt, title_png, out, prepared)
        script = tmp / "graph.txt"
        script.write_text(graph)
        run_ffmpeg([*inputs, "-/filter_complex", script, "-map", "[vout]", "-map", "[aout]", *video_args,
                    "-c:a", "aac", "-b:a", AUDIO_BITRATE[quality], "-ar", str(rg.AUDIO_RATE), "-ac", "2",
                    "-movflags", "+faststart", "-f", "mp4", part],
                   duration=float(duration), progress=progress, cancel=cancel, what="render")
        return duration
    encoders: list[tuple[int, Callable[[Path, threading.Event | None, ProgressFn | None], None]]] = []
    if title_png is not None:
        encoders.append((out.title_frames, lambda path, stop, _: render_parts.encode_video(
            rg.title_input_args(title_png, fmt), rg.title_video_chain(fmt, out.title_fades), video_args, path,
            stop, "title card")))
    for i, (clip, frames) in enumerate(zip(timeline.clips, out.clip_frames, strict=True)):
        video = videos[clip.video_id]
        encoders.append((frames, _clip_job(clip, video, fmt, frames, out.clip_fades(i), video_args,
                                           timeline.clip_privacy(i), source)))
    segments: list[tuple[Path, Fraction]] = []
    jobs: list[tuple[float, render_parts.RenderJob]] = []
    for n, (frames, encode) in enumerate(encoders):
        segments.append((tmp / f"part{n:05d}.ts", frames / fmt.fps))
        jobs.append((float(frames), functools.partial(encode, segments[-1][0])))
    audio = tmp / "audio.m4a"
    fades = [out.clip_fades(i) for i in range(len(timeline.clips))]
    jobs.append(render_parts.audio_job(timeline, videos, fmt, out.clip_frames, fades, audio,
                                       AUDIO_BITRATE[quality]))
    # Effects run their own models on every frame, on both cores: two parts at a time at most, so the
    # audio (one core, a sixth of a clip's work) runs beside the first clip instead of after the last.
    workers = min(2, render_parts.RENDER_WORKERS) if effects_on else render_parts.RENDER_WORKERS
    step = None if progress is None else (lambda done: progress(0.95 * done))
    render_parts.run_jobs(jobs, workers, step, cancel)
    render_parts.join(segments, audio, part, fmt.fps, cancel)
    return duration


def _clip_job(
    clip: Clip, video: VideoInfo, fmt: rg.OutputFormat, frames: int, fade: Fades, video_args: list[str],
    privacy: Privacy, source: MediaSource | None,
) -> Callable[[Path, threading.Event | None, ProgressFn | None], None]:
    """How one clip's video segment is made: a filter chain, or the effects' frame pipeline."""
    what = f"clip of {video.path}"
    if not privacy.active:
        return lambda path, cancel, _: render_parts.encode_video(
            rg.clip_input_args(clip, video), rg.clip_video_chain(clip, video, fmt, frames, fade), video_args,
            path, cancel, what)

    def with_effects(path: Path, cancel: threading.Event | None, progress: ProgressFn | None) -> None:
        effects.render_with_effects(clip, video, privacy, source, fmt, frames, fade,
                                    [*video_args, "-f", "mpegts"], path, cancel=cancel, progress=progress)
    return with_effects


def check_output(path: Path, duration: Fraction, fps: Fraction) -> None:
    """Refuse an output whose streams are not the planned length (a source ended early or was corrupt)."""
    import av

    tolerance = 1.5 / fps
    with av.open(str(path)) as container:
        for stream in (container.streams.video[0], container.streams.audio[0]):
            measured = Fraction(stream.duration or 0) * stream.time_base
            if abs(measured - duration) > tolerance + Fraction(1024, rg.AUDIO_RATE):
                raise RenderError(
                    f"rendered {stream.type} is {float(measured):.3f}s but the cut is "
                    f"{float(duration):.3f}s: a source video is truncated or corrupt"
                )


def render(
    timeline: Timeline,
    source: MediaSource,
    out_path: Path,
    quality: Quality = "high",
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    allow_smart_cut: bool = True,
) -> Path:
    """Render the cut to an H.264/AAC MP4 at ``out_path``; nothing appears there unless it all worked.

    ``allow_smart_cut=False`` forces a full re-encode (e.g. to get uniform encoder settings).
    """
    out_path = Path(out_path)
    if out_path.is_dir():
        raise RenderError(f"output path is a directory: {out_path}")
    videos = rg.resolve_videos(timeline, source)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    sweep_temp_files(out_path.parent)  # what a killed render left there
    with tempfile.TemporaryDirectory(prefix=render_temp_prefix(), dir=out_path.parent) as tmp_dir, \
            atomic_path(out_path, suffix=".mp4") as part:
        tmp = Path(tmp_dir)
        if allow_smart_cut and quality == "high" and smart_cut.eligible(timeline, videos):
            duration = smart_cut.render_smart_cut(timeline, videos, tmp, part, progress, cancel, source)
        else:
            duration = _reencode(timeline, videos, quality, tmp, part, progress, cancel, source)
        check_output(part, duration, videos[timeline.clips[0].video_id].fps)
    if progress is not None:
        progress(1.0)
    return out_path
