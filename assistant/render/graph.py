"""Pure planning of a render: output format, per-clip seeks and ffmpeg filter chains.

Both the export renderer and the preview segments build their ffmpeg commands from these functions,
so frame exactness and audio sync are decided in one place. Each clip input seeks half a frame
before its first frame's exact time ``clip.start`` (seconds from the video's first frame, taken from
the decoder's timestamps; ffmpeg's accurate seek then drops everything earlier), keeps exactly
``out_frame - in_frame`` frames and restamps them at the nominal rate; its audio is cut to exactly
the video's length, so nothing drifts across cuts. How many output frames each clip, the title card
and a transition fill comes from ``Timeline.output_time``, the one definition of output time.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Protocol

from assistant.render.ffmpeg import RenderError
from assistant.timeline.model import NO_FADES, Clip, Fades, Timeline, title_card_frames
from index.shot import VideoInfo

AUDIO_RATE = 48000
CUT_FADE_SECONDS = Fraction(1, 100)  # short audio fades at every cut so joins never click
CUT_FADES = Fades(CUT_FADE_SECONDS, CUT_FADE_SECONDS)


class MediaSource(Protocol):
    """Where clips' source videos come from; ``index.library.Library`` satisfies it."""

    def video(self, video_id: str) -> VideoInfo: ...


@dataclass(frozen=True)
class OutputFormat:
    width: int
    height: int
    fps: Fraction


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def output_format(videos: Sequence[VideoInfo], max_height: int | None = None) -> OutputFormat:
    """The largest source's display size (even dims) at the first source's frame rate."""
    largest = max(videos, key=lambda v: v.display_width * v.height)
    width, height = float(largest.display_width), float(largest.height)
    if max_height is not None and height > max_height:
        width, height = width * max_height / height, max_height
    return OutputFormat(_even(width), _even(height), videos[0].fps)


def fit_size(video: VideoInfo, fmt: OutputFormat) -> tuple[int, int]:
    """Even size that fits ``video``'s display aspect inside the output frame (letterbox/pillarbox)."""
    scale = min(fmt.width / video.display_width, fmt.height / video.height)
    return min(fmt.width, _even(video.display_width * scale)), min(fmt.height, _even(video.height * scale))


def resolve_videos(
    timeline: Timeline, source: MediaSource, require_files: bool = True
) -> dict[str, VideoInfo]:
    """Look up every clip's source and (for rendering) check it is still on disk, before any work starts."""
    if not timeline.clips:
        raise RenderError("the cut is empty: nothing to render")
    videos: dict[str, VideoInfo] = {}
    for clip in timeline.clips:
        if clip.video_id in videos:
            continue
        try:
            video = source.video(clip.video_id)
        except KeyError as exc:
            raise RenderError(f"video {clip.video_id} is not in the library") from exc
        if require_files and not os.path.isfile(video.path):
            raise RenderError(f"source video {clip.video_id} is missing: {video.path}")
        videos[clip.video_id] = video
    return videos


@functools.lru_cache(maxsize=256)
def _video_start_offset(path: str, mtime_ns: int) -> Fraction:
    import av

    try:
        with av.open(path) as container:
            stream = container.streams.video[0]
            if stream.start_time is None or container.start_time is None:
                return Fraction(0)
            offset = stream.start_time * stream.time_base - Fraction(container.start_time, 1_000_000)
    except (av.FFmpegError, IndexError) as exc:
        raise RenderError(f"source video is unreadable or corrupt: {path} ({exc})") from exc
    return max(Fraction(0), offset)


def video_start_offset(path: str) -> Fraction:
    """How far the video stream starts after the file's start time (ffmpeg's -ss counts from the latter)."""
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError as exc:
        raise RenderError(f"source video is missing: {path}") from exc
    return _video_start_offset(path, mtime)


def _first_frame_and_seek(clip: Clip, video: VideoInfo) -> tuple[Fraction, Fraction]:
    """(file time of the clip's first frame, seek point half a frame before it, never negative)."""
    first = video_start_offset(video.path) + clip.start
    return first, max(Fraction(0), first - 1 / (2 * video.fps))


def clip_input_args(clip: Clip, video: VideoInfo) -> list[str]:
    """``-ss`` half a frame before the first frame, so accurate seeking keeps exactly that frame onward."""
    seek = _first_frame_and_seek(clip, video)[1]
    args = ["-ss", f"{float(seek):.6f}"] if seek > 0 else []
    return [*args, "-i", video.path]


def _num(value: Fraction) -> str:
    return f"{float(value):.6f}"


def _atempo(speed: Fraction) -> list[str]:
    """atempo takes 0.5..100 per instance; chain halves for slower speeds."""
    filters = []
    while speed < Fraction(1, 2):
        filters.append("atempo=0.5")
        speed *= 2
    if speed != 1:
        filters.append(f"atempo={float(speed):.6f}")
    return filters


def clip_rate(clip: Clip, video: VideoInfo) -> Fraction:
    """The rate a clip's source frames are stamped at (its speed applied), before output-rate resampling."""
    return video.fps * clip.speed_ratio


def clip_frames_chain(clip: Clip, video: VideoInfo) -> str:
    """Filters keeping exactly the clip's frames from its seeked input, stamped at ``clip_rate``."""
    rate = clip_rate(clip, video)
    frames = clip.out_frame - clip.in_frame
    return f"trim=end_frame={frames},setpts=N*{rate.denominator}/({rate.numerator}*TB)"


def clip_video_chain(
    clip: Clip, video: VideoInfo, fmt: OutputFormat, frames: int, fade: Fades = NO_FADES
) -> str:
    """Filters from a clip input's video to a normalised CFR stream of exactly ``frames`` frames."""
    return f"{clip_frames_chain(clip, video)},{fit_chain(video, fmt, frames, fade)}"


def fit_chain(video: VideoInfo, fmt: OutputFormat, frames: int, fade: Fades = NO_FADES) -> str:
    """Filters from a clip's frames (``video``'s picture size) to the output frame, rate and length.

    Render effects (blur, reframe) hand their processed frames to this same chain, with ``video``
    describing the processed picture.
    """
    width, height = fit_size(video, fmt)
    chain = [
        f"scale={width}:{height}",
        "setsar=1",
        f"pad={fmt.width}:{fmt.height}:({fmt.width}-iw)/2:({fmt.height}-ih)/2:black",
        f"fps={fmt.fps.numerator}/{fmt.fps.denominator}",
        "tpad=stop_mode=clone:stop=2",
        f"trim=end_frame={frames}",
        "format=yuv420p",
    ]
    return ",".join(chain + _picture_fades(fade, frames / fmt.fps))


def _picture_fades(fade: Fades, length: Fraction) -> list[str]:
    chain = [f"fade=t=in:st=0:d={_num(fade.start)}"] if fade.start > 0 else []
    if fade.end > 0:
        chain.append(f"fade=t=out:st={_num(length - fade.end)}:d={_num(fade.end)}")
    return chain


def clip_audio_chain(
    clip: Clip, video: VideoInfo, fmt: OutputFormat, frames: int, input_label: str,
    fade: Fades = CUT_FADES,
) -> str:
    """Audio cut to exactly the clip's output length (silence for sources without audio), faded at both ends
    (at least ``CUT_FADE_SECONDS``, so joins never click; longer with the picture's fades).

    ``input_label`` is the clip input's audio pad (e.g. ``"3:a"``), unused when the source has no audio.
    """
    length = frames / fmt.fps
    fade = fade.at_least(CUT_FADE_SECONDS)
    start, end = min(fade.start, length / 2), min(fade.end, length / 2)
    if fade.start + fade.end <= length:  # an opening or closing fade may take more than half the clip
        start, end = min(fade.start, length), min(fade.end, length)
    tail = [
        f"aformat=sample_fmts=fltp:sample_rates={AUDIO_RATE}:channel_layouts=stereo",
        "apad",
        f"atrim=end={_num(length)}",
        f"afade=t=in:st=0:d={_num(start)}",
        f"afade=t=out:st={_num(length - end)}:d={_num(end)}",
    ]
    if not video.has_audio:
        return f"anullsrc=r={AUDIO_RATE}:cl=stereo,{','.join(tail)}"
    first, seek = _first_frame_and_seek(clip, video)
    head = [
        f"[{input_label}]aresample={AUDIO_RATE}:async=1:first_pts=0",
        f"atrim=start={_num(first - seek)}",
        "asetpts=PTS-STARTPTS",
        *_atempo(clip.speed_ratio),
        *([f"volume={clip.volume:.6f}"] if clip.volume != 1.0 else []),  # the clip's own sound level
    ]
    return ",".join(head + tail)


def write_title_card(text: str, fmt: OutputFormat, path: Path) -> Path:
    """Render the title as a PNG with PIL: no user text ever reaches an ffmpeg filter string."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (fmt.width, fmt.height), "black")
    draw = ImageDraw.Draw(image)
    size = max(12, fmt.height // 10)
    font = ImageFont.load_default(size=size)
    while size > 8 and draw.textlength(text, font=font) > fmt.width * 0.9:
        size = int(size * 0.85)
        font = ImageFont.load_default(size=size)
    draw.text((fmt.width / 2, fmt.height / 2), text, fill="white", font=font, anchor="mm")
    image.save(path)
    return path


def title_input_args(png: Path, fmt: OutputFormat) -> list[str]:
    return ["-loop", "1", "-framerate", f"{fmt.fps.numerator}/{fmt.fps.denominator}", "-i", str(png)]


def title_video_chain(fmt: OutputFormat, fade: Fades = NO_FADES) -> str:
    rate = fmt.fps
    frames = title_card_frames(fmt.fps)
    return ",".join([f"trim=end_frame={frames},setpts=N*{rate.denominator}/({rate.numerator}*TB)",
                     f"scale={fmt.width}:{fmt.height},setsar=1,format=yuv420p",
                     *_picture_fades(fade, frames / fmt.fps)])


def title_audio_chain(fmt: OutputFormat) -> str:
    return (f"anullsrc=r={AUDIO_RATE}:cl=stereo,aformat=sample_fmts=fltp:channel_layouts=stereo,"
            f"atrim=end={_num(title_card_frames(fmt.fps) / fmt.fps)}")
