"""Rendering a cut in parts: video segments made separately, one audio track for the whole cut.

Smart cut and chunked re-encodes both make their video in pieces and join them by stream copy.
Audio is never split: every AAC part would bring its own encoder priming and frame rounding and
shift what follows by ~20 ms, so it is rendered in one pass over all clips and muxed in at the end.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from assistant.render import graph as rg
from assistant.render.ffmpeg import run_ffmpeg
from assistant.timeline.model import Timeline
from index.shot import VideoInfo


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
    fade: Fraction, out: Path, cancel: threading.Event | None, bitrate: str = "192k",
) -> None:
    """The cut's whole audio track (title silence, then every clip at its exact output length)."""
    inputs: list[str] = []
    lines = []
    labels = []
    if timeline.title:
        lines.append(f"{rg.title_audio_chain(fmt)}[at]")
        labels.append("at")
    for i, clip in enumerate(timeline.clips):
        video = videos[clip.video_id]
        inputs += rg.clip_input_args(clip, video)
        lines.append(f"{rg.clip_audio_chain(clip, video, fmt, counts[i], f'{i}:a', fade)}[a{i}]")
        labels.append(f"a{i}")
    lines.append(f"{''.join(f'[{label}]' for label in labels)}concat=n={len(labels)}:v=0:a=1[aout]")
    script = out.with_suffix(".graph.txt")
    script.write_text(";\n".join(lines))
    run_ffmpeg([*inputs, "-/filter_complex", script, "-map", "[aout]", "-c:a", "aac", "-b:a", bitrate,
                "-ar", str(rg.AUDIO_RATE), "-ac", "2", "-f", "mp4", out], cancel=cancel, what="audio render")


def concat_listing(segments: Sequence[tuple[Path, Fraction]]) -> str:
    """A concat-demuxer script placing each file at its exact duration (quotes in paths escaped)."""
    lines = []
    for path, length in segments:
        quoted = str(path.resolve()).replace("'", "'\\''")
        lines.append(f"file '{quoted}'\nduration {float(length):.9f}\n")
    return "".join(lines)


def join(
    segments: Sequence[tuple[Path, Fraction]], audio: Path, part: Path, cancel: threading.Event | None
) -> None:
    """Concatenate video segments and mux the audio track, all by stream copy."""
    listing = audio.with_suffix(".segments.txt")
    listing.write_text(concat_listing(segments))
    run_ffmpeg(["-f", "concat", "-safe", "0", "-i", listing, "-i", audio, "-map", "0:v", "-map", "1:a",
                "-c", "copy", "-movflags", "+faststart", "-f", "mp4", part], cancel=cancel, what="join")
