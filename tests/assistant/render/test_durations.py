"""One duration everywhere: for every kind of cut, the preview (what the app and share pages play) and
the full MP4 render have video and audio streams exactly as long as ``Timeline.output_time`` says, and
the length the chat and the share page print is that length.

Measured on the older code: previews ran at a fixed 30 fps (per-clip rounding drifted from the cut's
own rate), played crossfaded cuts at the length without overlaps (+1 s for two 0.5 s crossfades) and
had audio one AAC frame longer than the video with the video delayed 21 ms.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from assistant.render.mp4 import render
from assistant.render.preview import preview
from assistant.timeline.apply import describe_length
from assistant.timeline.model import Timeline
from index.probe import probe
from index.shot import VideoInfo
from tests.render_media import DictSource, click_times, clip, numbered_video, stream_durations, timeline
from ui.share_page import format_seconds

Videos = dict[str, VideoInfo]

CUTS: dict[str, Callable[[Videos], Timeline]] = {
    "plain cuts": lambda v: timeline(clip(v["25"], 5, 60), clip(v["25"], 100, 137), clip(v["25"], 150, 163)),
    "limited, trimmed clips": lambda v: timeline(clip(v["25"], 0, 75), clip(v["25"], 80, 155),
                                                 clip(v["25"], 160, 181)),
    "title": lambda v: timeline(clip(v["25"], 5, 60), clip(v["25"], 100, 137), title="Hello"),
    "crossfades": lambda v: timeline(clip(v["25"], 5, 60), clip(v["25"], 100, 137), clip(v["25"], 150, 190),
                                     transition="crossfade", transition_seconds=0.5),
    "title and crossfades": lambda v: timeline(clip(v["25"], 5, 60), clip(v["25"], 100, 137),
                                               clip(v["25"], 150, 190), transition="crossfade",
                                               transition_seconds=0.5, title="T"),
    "fade to black": lambda v: timeline(clip(v["25"], 5, 60), clip(v["25"], 100, 137),
                                        transition="fade_black", transition_seconds=0.4),
    "speed changes": lambda v: timeline(clip(v["25"], 5, 60, speed=2.0), clip(v["25"], 100, 137, speed=0.5),
                                        clip(v["25"], 150, 163, speed=1.5)),
    "mixed frame rates": lambda v: timeline(clip(v["24"], 5, 60), clip(v["25"], 13, 40),
                                            clip(v["2997"], 7, 50), clip(v["25"], 101, 114)),
    "29.97 first": lambda v: timeline(clip(v["2997"], 7, 50), clip(v["24"], 5, 61), clip(v["25"], 13, 41)),
}


@pytest.fixture(scope="module")
def videos(tmp_path_factory: pytest.TempPathFactory) -> Videos:
    base = tmp_path_factory.getbasetemp() / "render-media"
    base.mkdir(exist_ok=True)
    return {
        "25": probe(numbered_video(base / "durations25.mp4", seconds=8)),
        "24": probe(numbered_video(base / "durations24.webm", seconds=8, fps="24", size=(256, 144),
                                   codec=["-c:v", "libvpx", "-b:v", "1M"])),
        "2997": probe(numbered_video(base / "durations2997.mp4", seconds=8, fps="30000/1001")),
        "clicks": probe(numbered_video(base / "durations_clicks.mp4", seconds=8, clicks=True)),
    }


def _assert_plays_for(path: Path, tl: Timeline) -> None:
    frame = 1 / tl.output_fps
    video, audio = stream_durations(path)
    assert abs(video - tl.duration) <= frame, (float(video), float(tl.duration))
    assert abs(audio - tl.duration) <= frame, (float(audio), float(tl.duration))


@pytest.mark.parametrize("name", list(CUTS))
def test_preview_and_render_are_the_reported_length(videos: Videos, tmp_path: Path, name: str) -> None:
    tl = CUTS[name](videos)
    source = DictSource(*videos.values())
    _assert_plays_for(preview(tl, source, tmp_path / "library"), tl)
    _assert_plays_for(render(tl, source, tmp_path / "cut.mp4"), tl)
    # what the chat says and what the share page prints are the same words for that length
    assert describe_length(tl).endswith(format_seconds(float(tl.duration)))


def test_preview_audio_stays_on_the_video_clock(videos: Videos, tmp_path: Path) -> None:
    """Joined preview segments keep each clip's sound under its pictures: no drift at the joins."""
    source = videos["clicks"]
    # 0.8-2.8 s and 3.8-5.8 s of a source with a click at every whole second, after a 2 s title
    tl = timeline(clip(source, 20, 70), clip(source, 95, 145), title="Clicks")
    out = preview(tl, DictSource(source), tmp_path)
    expected = [2.2, 3.2, 4.2, 5.2]
    measured = click_times(out)
    assert len(measured) == len(expected)
    frame = float(Fraction(1, 25))
    assert all(abs(m - e) <= frame for m, e in zip(measured, expected, strict=True)), measured
