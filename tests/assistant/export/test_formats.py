"""Interchange exports: OTIO round trip with exact NTSC rates, EDL parses back, FCPXML is well formed."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio
import pytest

from assistant.export import export
from assistant.export.otio import METADATA_KEY, fraction_rate
from assistant.render.mp4 import RenderError
from index.shot import VideoInfo
from tests.render_media import DictSource, clip, timeline

RATES = [Fraction(24000, 1001), Fraction(30000, 1001)]


def _video(tmp_path: Path, fps: Fraction, name: str = "film's cut & more.mp4") -> VideoInfo:
    # Exports only reference media; the file need not exist (an edit list may point at offline media).
    return VideoInfo(id=f"v{fps.numerator}", path=str(tmp_path / name), duration=Fraction(600), fps=fps,
                     width=1920, height=1080, frame_count=int(600 * fps), codec="h264", has_audio=True)


def _cut(video: VideoInfo, **settings: object):
    return timeline(clip(video, 1001, 1450), clip(video, 17, 18), clip(video, 9000, 9240, speed=2.0),
                    **settings)


@pytest.mark.parametrize("fps", RATES, ids=["23.976", "29.97"])
def test_otio_round_trip_keeps_exact_rational_times(tmp_path: Path, fps: Fraction) -> None:
    video = _video(tmp_path, fps)
    tl = _cut(video, transition="crossfade", transition_seconds=0.5, title="My cut")
    path = export(tl, DictSource(video), "otio", tmp_path / "cut.otio")
    back = otio.adapters.read_from_file(str(path))
    clips = list(back.find_clips())
    assert len(clips) == len(tl.clips)
    for item, original in zip(clips, tl.clips, strict=True):
        source_range = item.source_range
        assert fraction_rate(source_range.start_time.rate) == fps
        assert source_range.start_time.value == original.in_frame
        assert source_range.duration.value == original.out_frame - original.in_frame
        # the exact clip time is recovered as a fraction, not a rounded float
        exact = Fraction(round(source_range.start_time.value)) / fraction_rate(source_range.start_time.rate)
        assert exact == original.start
        assert item.media_reference.target_url == Path(video.path).resolve().as_uri()
        assert item.metadata[METADATA_KEY]["video"] == video.id
    assert [e.time_scalar for e in clips[2].effects] == [2.0]
    assert len([c for c in back.tracks[0] if isinstance(c, otio.schema.Transition)]) == 2
    assert isinstance(back.tracks[0][0], otio.schema.Gap)  # the title card's slot


@pytest.mark.parametrize("fps", RATES, ids=["23.976", "29.97"])
def test_edl_parses_back_with_the_adapter(tmp_path: Path, fps: Fraction) -> None:
    video = _video(tmp_path, fps)
    tl = _cut(video)
    path = export(tl, DictSource(video), "edl", tmp_path / "cut.edl")
    text = path.read_text()
    assert "TITLE:" in text
    back = otio.adapters.read_from_string(text, "cmx_3600", rate=float(fps))
    clips = list(back.find_clips())
    assert [(c.source_range.start_time.value, c.source_range.duration.value) for c in clips] == [
        (c.in_frame, c.out_frame - c.in_frame) for c in tl.clips
    ]


def test_edl_of_mixed_rates_keeps_times_at_the_list_rate(tmp_path: Path) -> None:
    a, b = _video(tmp_path, Fraction(24)), dataclasses.replace(_video(tmp_path, Fraction(25)), id="b")
    tl = timeline(clip(a, 100, 200), clip(b, 50, 75))
    path = export(tl, DictSource(a, b), "edl", tmp_path / "x.edl")
    back = otio.adapters.read_from_string(path.read_text(), "cmx_3600", rate=24)
    ranges = [(c.source_range.start_time.value, c.source_range.duration.value) for c in back.find_clips()]
    assert ranges == [(100, 100), (48, 24)]  # frames 50..75 at 25 fps are 2 s..3 s


@pytest.mark.parametrize("fps", RATES, ids=["23.976", "29.97"])
def test_fcpxml_is_well_formed_with_rational_times(tmp_path: Path, fps: Fraction) -> None:
    video = _video(tmp_path, fps)
    other = dataclasses.replace(_video(tmp_path, Fraction(25), "other <1>.mov"), id="other")
    tl = timeline(*_cut(video).clips, clip(other, 0, 50), title='Title with "quotes" & <tags>')
    path = export(tl, DictSource(video, other), "fcpxml", tmp_path / "cut.fcpxml")
    root = ET.parse(path).getroot()
    assert root.tag == "fcpxml"
    clips = root.findall(".//spine/asset-clip")
    assert len(clips) == len(tl.clips)
    frame = f"{fps.denominator}/{fps.numerator}s"
    assert any(f.get("frameDuration") == frame for f in root.iter("format"))
    start = Fraction(1001) / fps  # frame 1001, e.g. "1002001/24000s"
    assert clips[0].get("start") == f"{start.numerator}/{start.denominator}s"
    sources = [r.get("src") for r in root.iter("media-rep")]
    assert sources == [Path(video.path).resolve().as_uri(), Path(other.path).resolve().as_uri()]
    assert all(s.startswith("file:///") for s in sources)
    assert root.find(".//spine/gap").get("name") == 'Title: Title with "quotes" & <tags>'
    assert clips[2].find("timeMap") is not None  # the 2x clip


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    video = _video(tmp_path, RATES[0])
    with pytest.raises(RenderError, match="unknown export format"):
        export(_cut(video), DictSource(video), "aaf", tmp_path / "x.aaf")  # type: ignore[arg-type]
