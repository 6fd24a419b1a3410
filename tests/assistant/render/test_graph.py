"""graph.py plans every render's ffmpeg work: output size, source checks, and per-clip chains that keep
exactly the planned frames (checked through real ffmpeg on videos whose frames show their own number)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from assistant.render import graph as rg
from assistant.render.ffmpeg import RenderError, run_ffmpeg
from assistant.timeline.model import Clip, clip_output_frames, title_card_frames
from index.probe import probe
from index.shot import VideoInfo
from tests.render_media import DictSource, clip, numbered_video, read_numbers, stream_durations, timeline


def _info(width: int, height: int, fps: Fraction = Fraction(25), sar: Fraction = Fraction(1),
          video_id: str = "v") -> VideoInfo:
    return VideoInfo(video_id, f"/nowhere/{video_id}.mp4", Fraction(10), fps, width, height, 250, "h264",
                     has_audio=True, sample_aspect=sar)


def test_output_format_has_even_dimensions() -> None:
    fmt = rg.output_format([_info(321, 181)])
    assert fmt.width % 2 == 0 and fmt.height % 2 == 0
    assert abs(fmt.width - 321) <= 1 and abs(fmt.height - 181) <= 1


def test_output_format_takes_the_largest_display_size_at_the_first_sources_rate() -> None:
    small = _info(640, 360, fps=Fraction(30000, 1001), video_id="a")
    large = _info(1280, 720, fps=Fraction(25), video_id="b")
    assert rg.output_format([small, large]) == rg.OutputFormat(1280, 720, Fraction(30000, 1001))


def test_output_format_scales_down_to_the_max_height_keeping_the_aspect() -> None:
    assert rg.output_format([_info(1920, 1080)], max_height=360) == rg.OutputFormat(640, 360, Fraction(25))
    # anamorphic PAL 4:3 (720x576, SAR 16:15) displays 768x576
    assert rg.output_format([_info(720, 576, sar=Fraction(16, 15))], 360) == rg.OutputFormat(480, 360, 25)
    assert rg.output_format([_info(640, 360)], max_height=1080) == rg.OutputFormat(640, 360, Fraction(25))


@pytest.mark.parametrize(("source", "fitted"), [
    (_info(1440, 1080), (1440, 1080)),  # 4:3 pillarboxed
    (_info(1920, 804), (1920, 804)),  # scope letterboxed
    (_info(720, 576, sar=Fraction(16, 15)), (1440, 1080)),  # anamorphic 4:3
    (_info(720, 576, sar=Fraction(64, 45)), (1920, 1080)),  # anamorphic 16:9 fills the frame
    (_info(1080, 1920), (608, 1080)),  # portrait phone video
    (_info(333, 187), (1920, 1078)),  # odd size: even and inside the frame
], ids=["4:3", "scope", "sar-4:3", "sar-16:9", "portrait", "odd"])
def test_fit_size_keeps_the_display_aspect_inside_the_frame(source: VideoInfo, fitted: tuple[int, int]
                                                             ) -> None:
    fmt = rg.OutputFormat(1920, 1080, Fraction(25))
    width, height = rg.fit_size(source, fmt)
    assert (width, height) == fitted
    assert width % 2 == 0 and height % 2 == 0
    assert abs(width / height - source.display_width / source.height) < 0.01


def test_resolve_videos_explains_what_is_wrong(tmp_path: Path) -> None:
    present = dataclasses.replace(_info(64, 36, video_id="here"), path=str(tmp_path / "here.mp4"))
    Path(present.path).write_bytes(b"x")
    gone = _info(64, 36, video_id="gone")
    source = DictSource(present, gone)

    def cut(*ids: str):
        return timeline(*(Clip(i, 0, 10, Fraction(0), Fraction(10, 25)) for i in ids))

    assert rg.resolve_videos(cut("here", "here"), source) == {"here": present}
    with pytest.raises(RenderError, match=r"^source video gone is missing: /nowhere/gone\.mp4$"):
        rg.resolve_videos(cut("here", "gone"), source)
    assert set(rg.resolve_videos(cut("here", "gone"), source, require_files=False)) == {"here", "gone"}
    with pytest.raises(RenderError, match=r"^video other is not in the library$"):
        rg.resolve_videos(cut("here", "other"), source, require_files=False)
    with pytest.raises(RenderError, match="the cut is empty"):
        rg.resolve_videos(timeline(), source)


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, VideoInfo]:
    base = tmp_path_factory.getbasetemp() / "render-media"
    base.mkdir(exist_ok=True)
    return {
        "h264": probe(numbered_video(base / "numbered.mp4")),
        "silent": probe(numbered_video(base / "numbered.mpg", codec=["-c:v", "mpeg2video", "-q:v", "2"],
                                       audio=False)),
    }


def _render_clip(c: Clip, video: VideoInfo, fmt: rg.OutputFormat, out: Path) -> int:
    """One clip through graph.py's input args and chains, as the renderers use them; returns its frames."""
    frames = clip_output_frames(c, fmt.fps)
    graph = (f"[0:v]{rg.clip_video_chain(c, video, fmt, frames)}[v];"
             f"{rg.clip_audio_chain(c, video, fmt, frames, '0:a')}[a]")
    run_ffmpeg([*rg.clip_input_args(c, video), "-filter_complex", graph, "-map", "[v]", "-map", "[a]",
                "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-c:a", "aac", "-f", "mp4", out],
               what="clip")
    return frames


@pytest.mark.parametrize(("first", "end"), [(0, 1), (13, 37), (11, 12), (80, 100)])
def test_a_clip_chain_keeps_exactly_its_frames(media: dict, tmp_path: Path, first: int, end: int) -> None:
    video = media["h264"]
    fmt = rg.output_format([video])
    frames = _render_clip(clip(video, first, end), video, fmt, tmp_path / "clip.mp4")
    assert frames == end - first
    assert read_numbers(tmp_path / "clip.mp4") == list(range(first, end))
    video_s, audio_s = stream_durations(tmp_path / "clip.mp4")
    assert video_s == Fraction(frames) / fmt.fps
    assert abs(audio_s - video_s) < Fraction(1024, rg.AUDIO_RATE)  # cut to the picture's length


def test_double_speed_keeps_every_other_frame_in_half_the_count(media: dict, tmp_path: Path) -> None:
    video = media["h264"]
    fmt = rg.output_format([video])
    frames = _render_clip(clip(video, 10, 51, speed=2.0), video, fmt, tmp_path / "fast.mp4")
    assert abs(frames - 41 / 2) <= 1
    numbers = read_numbers(tmp_path / "fast.mp4")
    assert len(numbers) == frames
    assert numbers[0] == 10 and all(b - a == 2 for a, b in zip(numbers, numbers[1:], strict=False))


def test_a_silent_source_gets_a_silent_track_of_the_clips_length(media: dict, tmp_path: Path) -> None:
    video = media["silent"]
    assert not video.has_audio
    fmt = rg.output_format([video])
    frames = _render_clip(clip(video, 5, 30), video, fmt, tmp_path / "silent.mp4")
    assert read_numbers(tmp_path / "silent.mp4") == list(range(5, 30))
    video_s, audio_s = stream_durations(tmp_path / "silent.mp4")
    assert video_s == Fraction(frames) / fmt.fps and abs(audio_s - video_s) < Fraction(1024, rg.AUDIO_RATE)
    with av.open(str(tmp_path / "silent.mp4")) as container:
        peak = max(float(np.abs(f.to_ndarray()).max()) for f in container.decode(audio=0))
    assert peak < 1e-3


def test_the_title_card_lasts_its_planned_frames(tmp_path: Path) -> None:
    fmt = rg.OutputFormat(320, 180, Fraction(24000, 1001))
    png = rg.write_title_card("A film by 'me'; [v0] \\ %s", fmt, tmp_path / "title.png")  # never a filter
    out = tmp_path / "title.mp4"
    graph = f"[0:v]{rg.title_video_chain(fmt)}[v];{rg.title_audio_chain(fmt)}[a]"
    run_ffmpeg([*rg.title_input_args(png, fmt), "-filter_complex", graph, "-map", "[v]", "-map", "[a]",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-f", "mp4", out], what="title")
    with av.open(str(out)) as container:
        frames = [f.to_ndarray(format="gray") for f in container.decode(video=0)]
    assert len(frames) == title_card_frames(fmt.fps) == 48
    assert frames[0].shape == (180, 320)
    assert frames[0].max() > 200 and np.median(frames[0]) < 20  # white text on black
    video_s, audio_s = stream_durations(out)
    assert video_s == Fraction(48) / fmt.fps
    assert abs(audio_s - video_s) < Fraction(1024, rg.AUDIO_RATE)
