"""Clips' sound levels, rendered by real ffmpeg: a muted clip is silent, a clip at 50 % is half as loud, the
others are untouched, in the smart-cut export, the re-encode and the preview."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from assistant.render import smart_cut
from assistant.render.mp4 import render
from assistant.render.preview import preview
from index.probe import probe
from index.shot import VideoInfo
from tests.render_media import DictSource, clip, numbered_video, read_numbers, timeline


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> VideoInfo:
    base = tmp_path_factory.getbasetemp() / "render-media"
    base.mkdir(exist_ok=True)
    return probe(numbered_video(base / "numbered.mp4"))  # 4 s at 25 fps with a steady 440 Hz tone


def _loudness_per_second(path: Path) -> list[float]:
    """RMS of each whole second of the audio (away from the 10 ms fades at cuts)."""
    with av.open(str(path)) as container:
        rate = container.streams.audio[0].rate
        samples = np.concatenate([f.to_ndarray().mean(axis=0) for f in container.decode(audio=0)])
    return [float(np.sqrt(np.mean(samples[int((k + 0.1) * rate):int((k + 0.9) * rate)] ** 2)))
            for k in range(int(len(samples) / rate))]


@pytest.mark.parametrize("smart", [True, False], ids=["smart-cut", "re-encode"])
def test_a_muted_clip_is_silent_and_a_half_clip_half_as_loud(video: VideoInfo, tmp_path: Path,
                                                             smart: bool) -> None:
    # three one-second clips: as recorded, muted, at 50 %
    clips = (clip(video, 0, 25), replace(clip(video, 25, 50), volume=0.0),
             replace(clip(video, 50, 75), volume=0.5))
    tl = timeline(*clips)
    assert smart_cut.eligible(tl, {video.id: video})  # sound levels need no picture re-encode
    out = render(tl, DictSource(video), tmp_path / "levels.mp4", allow_smart_cut=smart)
    loud, muted, half = _loudness_per_second(out)
    assert loud > 0.03 and muted < 0.001  # the tone is at 1/8 of full scale
    assert half / loud == pytest.approx(0.5, rel=0.05)
    assert read_numbers(out) == list(range(75))  # the picture is the source's own


def test_the_preview_plays_the_levels_and_keeps_plain_segments_apart(video: VideoInfo,
                                                                     tmp_path: Path) -> None:
    plain = timeline(clip(video, 0, 25), clip(video, 25, 50))
    muted = timeline(plain.clips[0], replace(plain.clips[1], volume=0.0))
    levels = _loudness_per_second(preview(muted, DictSource(video), tmp_path))
    assert levels[0] > 0.03 and levels[1] < 0.001
    again = _loudness_per_second(preview(plain, DictSource(video), tmp_path))
    assert again[1] == pytest.approx(again[0], rel=0.05)  # the plain cut's second clip still sounds


def test_sound_levels_keep_json_and_hashes_of_clips_at_their_recorded_level(video: VideoInfo) -> None:
    plain = clip(video, 0, 25)
    assert "volume" not in plain.to_json()
    quiet = replace(plain, volume=0.25)
    assert type(plain).from_json(quiet.to_json()) == quiet
    assert type(plain).from_json({**quiet.to_json(), "volume": 1e9}).volume == 4.0  # held to the limit
    assert timeline(plain).content_hash() != timeline(quiet).content_hash()
    assert timeline(quiet).duration == Fraction(1)
