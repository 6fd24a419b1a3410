"""Transitions between two clips only (``Clip.join``), rendered by real ffmpeg: the crossfaded join overlaps
its two clips, every other join is a plain cut with the sources' own frames, and the export, the preview and
the edit lists agree on the length."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio
import pytest

from assistant.export import export
from assistant.render import smart_cut
from assistant.render.mp4 import render
from assistant.render.preview import preview
from assistant.timeline.model import Join
from index.probe import probe
from index.shot import VideoInfo
from tests.render_media import DictSource, clip, numbered_video, read_numbers, stream_durations, timeline


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> VideoInfo:
    base = tmp_path_factory.getbasetemp() / "render-media"
    base.mkdir(exist_ok=True)
    return probe(numbered_video(base / "numbered.mp4"))  # 4 s at 25 fps, each frame showing its number


RANGES = ((0, 20), (30, 50), (60, 85))


def _cut(video: VideoInfo, join: Join, transition: str = "cut", seconds: float = 0.0):
    clips = [clip(video, a, b) for a, b in RANGES]
    clips[2] = replace(clips[2], join=join)  # between clips 2 and 3 only
    return timeline(*clips, transition=transition, transition_seconds=seconds)


def test_one_crossfaded_join_overlaps_only_its_clips(video: VideoInfo, tmp_path: Path) -> None:
    tl = _cut(video, Join("crossfade", 0.4))  # 10 frames
    out = tl.output_time()
    assert out.total_frames == 20 + 20 + 25 - 10 and tl.duration == Fraction(55, 25)
    assert not smart_cut.eligible(tl, {video.id: video})
    path = render(tl, DictSource(video), tmp_path / "joined.mp4")
    v, a = stream_durations(path)
    assert v == tl.duration and abs(a - v) <= 1 / video.fps
    numbers = read_numbers(path)
    assert numbers[:30] == list(range(0, 20)) + list(range(30, 40))  # the first join is a plain cut
    assert numbers[-15:] == list(range(70, 85))  # after the crossfade, the last clip's own frames
    preview_path = preview(tl, DictSource(video), tmp_path)  # the preview keeps the crossfaded length
    assert stream_durations(preview_path)[0] == tl.duration


def test_a_hard_cut_of_its_own_among_crossfades(video: VideoInfo, tmp_path: Path) -> None:
    tl = _cut(video, Join("cut"), transition="crossfade", seconds=0.4)  # crossfade 1-2, hard cut 2-3
    out = tl.output_time()
    assert out.edge_kinds == ("crossfade", "cut") and out.total_frames == 65 - 10
    path = render(tl, DictSource(video), tmp_path / "mixed.mp4")
    numbers = read_numbers(path)
    assert len(numbers) == 55 and numbers[-25:] == list(range(60, 85))  # clip 3 whole, from a plain cut


def test_one_fade_through_black_darkens_only_its_join(video: VideoInfo) -> None:
    out = _cut(video, Join("fade_black", 0.4)).output_time()
    assert out.clip_fades(0).start == 0 and out.clip_fades(0).end == 0
    assert out.clip_fades(1).end == Fraction(5, 25) and out.clip_fades(2).start == Fraction(5, 25)
    assert out.clip_fades(2).end == 0 and out.total_frames == 65  # a fade through black takes no time


def test_edit_lists_carry_the_one_dissolve_and_the_renders_length(video: VideoInfo, tmp_path: Path) -> None:
    tl = _cut(video, Join("crossfade", 0.4))
    built = otio.adapters.read_from_file(str(export(tl, DictSource(video), "otio", tmp_path / "cut.otio")))
    track = built.tracks[0]
    assert len([t for t in track if isinstance(t, otio.schema.Transition)]) == 1
    assert track.duration().value == tl.output_time(video.fps).total_frames
    root = ET.parse(export(tl, DictSource(video), "fcpxml", tmp_path / "cut.fcpxml")).getroot()
    assert len(root.findall(".//spine/transition")) == 1
    assert Fraction(root.find(".//sequence").get("duration")[:-1]) == tl.duration
