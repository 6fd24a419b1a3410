"""Interchange exports: OTIO/FCP 7 round trips with exact NTSC rates, EDL and FCPXML read back by adapters."""

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
    return timeline(clip(video, 1001, 1450), clip(video, 17, 48), clip(video, 9000, 9240, speed=2.0),
                    **settings)


@pytest.mark.parametrize("fps", RATES, ids=["23.976", "29.97"])
def test_otio_round_trip_keeps_exact_rational_times(tmp_path: Path, fps: Fraction) -> None:
    video = _video(tmp_path, fps)
    tl = _cut(video, transition="crossfade", transition_seconds=0.5, title="My cut")
    path = export(tl, DictSource(video), "otio", tmp_path / "cut.otio")
    back = otio.adapters.read_from_file(str(path))
    clips = list(back.find_clips())
    assert len(clips) == len(tl.clips)
    transitions = [c for c in back.tracks[0] if isinstance(c, otio.schema.Transition)]
    heads = [0] + [t.in_offset.value for t in transitions]
    tails = [t.out_offset.value for t in transitions] + [0]
    for item, original, head, tail in zip(clips, tl.clips, heads, tails, strict=True):
        source_range = item.source_range
        assert fraction_rate(source_range.start_time.rate) == fps
        # a crossfade's handles are the clips' own frames: range plus handles is the clip exactly
        assert source_range.start_time.value - head == original.in_frame
        assert source_range.duration.value + head + tail == original.out_frame - original.in_frame
        rate = fraction_rate(source_range.start_time.rate)
        # the exact clip time is recovered as a fraction, not a rounded float
        assert Fraction(round(source_range.start_time.value - head)) / rate == original.start
        assert item.media_reference.target_url == Path(video.path).resolve().as_uri()
        assert item.metadata[METADATA_KEY]["video"] == video.id
    assert len(transitions) == 2
    out = tl.output_time(fps)
    assert [t.in_offset.value + t.out_offset.value for t in transitions[:1]] == [out.transition_frames]
    assert [e.time_scalar for e in clips[2].effects] == [2.0]
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


@pytest.mark.parametrize("fps", [Fraction(24), *RATES], ids=["24", "23.976", "29.97"])
def test_edl_of_a_crossfade_into_frame_zero(tmp_path: Path, fps: Fraction) -> None:
    """Issue 9 item 6: a dissolve into a clip starting at frame 0 crashed the CMX adapter."""
    video = _video(tmp_path, fps)
    tl = timeline(clip(video, 0, 50), clip(video, 0, 40), clip(video, 100, 160), transition="crossfade",
                  transition_seconds=0.5)
    text = export(tl, DictSource(video), "edl", tmp_path / "x.edl").read_text()
    events = [line.split() for line in text.splitlines() if line[:3].isdigit()]
    assert [e[3] for e in events] == ["C", "C", "D", "C", "D"]  # cut, then cut + dissolve per crossfade
    out = tl.output_time(fps)
    assert {e[4] for e in events if e[3] == "D"} == {f"{out.transition_frames:03d}"}
    back = otio.adapters.read_from_string(text, "cmx_3600", rate=float(fps))
    # the list ends where the render ends, and no source time is negative
    record_out = otio.opentime.from_timecode(events[-1][-1], float(fps)).value
    assert record_out == out.total_frames
    assert min(c.source_range.start_time.value for c in back.find_clips()) >= 0


@pytest.mark.parametrize("fps", [Fraction(25), *RATES], ids=["25", "23.976", "29.97"])
def test_fcp7_xml_round_trips_through_the_adapter(tmp_path: Path, fps: Fraction) -> None:
    video = _video(tmp_path, fps)
    tl = timeline(clip(video, 0, 50), clip(video, 1001, 1450), clip(video, 10, 40), transition="crossfade",
                  transition_seconds=0.4, title="T")
    path = export(tl, DictSource(video), "fcp7xml", tmp_path / "cut.xml")
    assert path.suffix == ".xml" and ET.parse(path).getroot().tag == "xmeml"
    back = otio.adapters.read_from_file(str(path), "fcp_xml")
    items = list(back.tracks[0])
    clips = [c for c in items if isinstance(c, otio.schema.Clip)]
    transitions = [c for c in items if isinstance(c, otio.schema.Transition)]
    heads = [0] + [t.in_offset.value for t in transitions]
    tails = [t.out_offset.value for t in transitions] + [0]
    assert len(clips) == 3 and len(transitions) == 2
    for item, original, head, tail in zip(clips, tl.clips, heads, tails, strict=True):
        rate = fraction_rate(item.source_range.start_time.rate)
        assert rate == fps
        assert Fraction(round(item.source_range.start_time.value - head)) / rate == original.start
        assert item.source_range.duration.value + head + tail == original.out_frame - original.in_frame
    assert back.tracks[0].duration().value == tl.output_time(fps).total_frames  # title gap included


def test_fcpxml_reads_back_with_the_fcpx_adapter(tmp_path: Path) -> None:
    """At a whole rate the fcpx adapter reads our FCPXML exactly (it truncates NTSC rates to 23/29)."""
    video = _video(tmp_path, Fraction(25))
    tl = timeline(clip(video, 0, 50), clip(video, 100, 175), clip(video, 300, 340), title="T")
    path = export(tl, DictSource(video), "fcpxml", tmp_path / "cut.fcpxml")
    back = otio.adapters.read_from_file(str(path), "fcpx_xml")
    (project,) = back.find_children(descended_from_type=otio.schema.Timeline)
    items = list(project.tracks[0])
    assert isinstance(items[0], otio.schema.Gap) and items[0].duration().value == 50
    assert [(c.source_range.start_time.value, c.source_range.duration.value) for c in items[1:]] == [
        (c.in_frame, c.out_frame - c.in_frame) for c in tl.clips]
    assert project.tracks[0].duration().value == tl.output_time(Fraction(25)).total_frames


def test_fcpxml_crossfades_make_the_sequence_as_long_as_the_render(tmp_path: Path) -> None:
    video = _video(tmp_path, RATES[0])
    tl = _cut(video, transition="crossfade", transition_seconds=0.5)
    root = ET.parse(export(tl, DictSource(video), "fcpxml", tmp_path / "x.fcpxml")).getroot()
    assert Fraction(root.find(".//sequence").get("duration")[:-1]) == tl.output_duration(video.fps)
    assert len(root.findall(".//spine/transition")) == 2


def test_the_cuts_opening_and_closing_fades_reach_otio_and_fcpxml(tmp_path: Path) -> None:
    video = _video(tmp_path, Fraction(25))
    tl = timeline(clip(video, 0, 50), clip(video, 100, 175), fade_in=1.0, fade_out=0.5)
    out = tl.output_time(Fraction(25))
    built = otio.adapters.read_from_file(str(export(tl, DictSource(video), "otio", tmp_path / "cut.otio")))
    track = built.tracks[0]
    assert track.metadata[METADATA_KEY] == {"fade_in": 1.0, "fade_out": 0.5}
    ranges = {m.name: (m.marked_range.start_time.value, m.marked_range.duration.value) for m in track.markers}
    assert ranges == {"Fade in from black (1 s)": (0, 25),
                      "Fade out to black (0.5 s)": (out.total_frames - 12, 12)}  # 12.5 frames: half-even
    root = ET.parse(export(tl, DictSource(video), "fcpxml", tmp_path / "cut.fcpxml")).getroot()
    spine = root.find(".//spine")
    kinds = [(e.tag, e.get("name")) for e in spine]
    assert kinds[0] == ("transition", "Fade In") and kinds[-1] == ("transition", "Fade Out")
    assert Fraction(spine[-1].get("offset")[:-1]) + Fraction(spine[-1].get("duration")[:-1]) == tl.duration
    back = otio.adapters.read_from_file(str(tmp_path / "cut.fcpxml"), "fcpx_xml")  # editors still read it
    (project,) = back.find_children(descended_from_type=otio.schema.Timeline)
    assert [c.source_range.start_time.value for c in project.tracks[0].find_clips()] == [0, 100]


def test_clip_sound_levels_reach_fcpxml_and_otio(tmp_path: Path) -> None:
    video = _video(tmp_path, Fraction(25))
    tl = timeline(dataclasses.replace(clip(video, 0, 50), volume=0.5),
                  dataclasses.replace(clip(video, 100, 175), volume=0.0), clip(video, 300, 340))
    root = ET.parse(export(tl, DictSource(video), "fcpxml", tmp_path / "cut.fcpxml")).getroot()
    levels = [(e.find("adjust-volume").get("amount") if e.find("adjust-volume") is not None else None)
              for e in root.iter("asset-clip")]
    assert levels == ["-6.0dB", "-96.0dB", None]
    built = otio.adapters.read_from_file(str(export(tl, DictSource(video), "otio", tmp_path / "cut.otio")))
    assert [c.metadata[METADATA_KEY].get("volume", 1.0) for c in built.find_clips()] == [0.5, 0.0, 1.0]


@pytest.mark.parametrize("fmt", ["otio", "edl", "fcpxml", "fcp7xml"])
def test_the_sequence_an_editor_imports_is_named_after_the_cut(tmp_path: Path, fmt: str) -> None:
    """A titled cut's sequence carries its title (on one line, even in an EDL, which drops the title card);
    an untitled one is "personalcut cut". Read back with each format's own adapter."""
    video = _video(tmp_path, Fraction(25))
    adapter = {"otio": "otio_json", "edl": "cmx_3600", "fcpxml": "fcpx_xml", "fcp7xml": "fcp_xml"}[fmt]

    def name_of(title: str | None) -> str:
        path = export(_cut(video, title=title), DictSource(video), fmt, tmp_path / f"cut.{fmt}")
        extra = {"rate": 25} if fmt == "edl" else {}
        back = otio.adapters.read_from_string(path.read_text(), adapter, **extra)
        if isinstance(back, otio.schema.SerializableCollection):  # FCPX XML reads back as a library
            [back] = list(back.find_children(descended_from_type=otio.schema.Timeline))
        return back.name

    assert name_of("Lena's birthday\n& cake") == "Lena's birthday & cake"
    assert name_of(None) == "personalcut cut"
