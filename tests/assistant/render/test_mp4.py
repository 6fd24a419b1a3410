"""Export renders: frame exactness (smart cut and re-encode), mixed sources, transitions, failures."""

from __future__ import annotations

import dataclasses
import threading
from fractions import Fraction
from pathlib import Path

import av
import pytest

from assistant.render import smart_cut
from assistant.render.mp4 import RenderError, render
from assistant.timeline.model import TITLE_SECONDS
from index.probe import probe
from tests.render_media import (
    MEDIA,
    DictSource,
    click_times,
    clip,
    ffmpeg,
    numbered_video,
    read_numbers,
    stream_durations,
    timeline,
)


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.getbasetemp() / "render-media"
    base.mkdir(exist_ok=True)
    h264 = probe(numbered_video(base / "numbered.mp4"))
    h264b = probe(numbered_video(base / "numbered_b.mp4", seconds=3))
    vp8 = probe(numbered_video(base / "numbered.webm", fps="24", size=(256, 144),
                                    codec=["-c:v", "libvpx", "-b:v", "1M"]))
    mpeg2 = probe(numbered_video(base / "numbered.mpg", codec=["-c:v", "mpeg2video", "-q:v", "2"],
                                      audio=False))
    return {"h264": h264, "h264b": h264b, "vp8": vp8, "mpeg2": mpeg2, "dir": base}


def _expected(*ranges: tuple[int, int]) -> list[int]:
    return [n for a, b in ranges for n in range(a, b)]


RANGES = ((5, 17), (40, 53), (13, 14), (0, 40), (24, 61))


def test_smart_cut_is_frame_exact_and_copies_whole_gops(media: dict, tmp_path: Path) -> None:
    video = media["h264"]
    tl = timeline(*(clip(video, a, b) for a, b in RANGES))
    videos = {video.id: video}
    assert smart_cut.eligible(tl, videos)
    pieces = [p for c in tl.clips for p in smart_cut.split_clip(c, video, smart_cut.source_frames(video))]
    assert any(p.copy for p in pieces) and any(not p.copy for p in pieces)
    out = render(tl, DictSource(video), tmp_path / "cut.mp4")
    assert read_numbers(out) == _expected(*RANGES)
    v, a = stream_durations(out)
    assert v == tl.duration
    assert abs(a - v) < 1 / video.fps


def test_smart_cut_copies_only_from_idr_frames_of_an_open_gop_source(media: dict, tmp_path: Path) -> None:
    """An open GOP's I-frame is a keyframe but not an IDR: copied from there, the frame order restarted
    nowhere and the decoder showed frames 20-23 and 18 again where 24-28 belonged."""
    open_gop = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-x264-params", "keyint=24:min-keyint=24:scenecut=0:open-gop=1"]
    video = probe(numbered_video(media["dir"] / "open_gop.mp4", seconds=8, codec=open_gop))
    ranges = ((0, 60), (70, 130), (131, 190))
    tl = timeline(*(clip(video, a, b) for a, b in ranges))
    source = smart_cut.source_frames(video)
    assert len(source.keyframe_ranks) > 5 and [source.ranks[k] for k in source.idr] == [0]
    pieces = smart_cut.plan_pieces(tl, {video.id: video})
    assert [p.clip.in_frame for p in pieces if p.copy] == [0]
    out = render(tl, DictSource(video), tmp_path / "cut.mp4")
    assert read_numbers(out) == _expected(*ranges)


def test_reencode_is_frame_exact_after_title(media: dict, tmp_path: Path) -> None:
    video = media["h264"]
    tl = timeline(*(clip(video, a, b) for a, b in RANGES), title="Cut: 'one' & \"two\" 100%")
    assert not smart_cut.eligible(tl, {video.id: video})
    out = render(tl, DictSource(video), tmp_path / "cut.mp4")
    numbers = read_numbers(out)
    title_frames = int(TITLE_SECONDS * video.fps)
    assert numbers[title_frames:] == _expected(*RANGES)
    assert stream_durations(out)[0] == tl.duration


def test_preview_quality_render_is_frame_exact(media: dict, tmp_path: Path) -> None:
    video = media["h264b"]
    tl = timeline(clip(video, 30, 31), clip(video, 1, 25), clip(video, 60, 75))
    out = render(tl, DictSource(video), tmp_path / "cut.mp4", quality="preview")
    assert read_numbers(out) == _expected((30, 31), (1, 25), (60, 75))


def test_mixed_codecs_sizes_and_audio_layouts_normalise(media: dict, tmp_path: Path) -> None:
    h264, vp8, mpeg2 = media["h264"], media["vp8"], media["mpeg2"]
    tl = timeline(clip(vp8, 10, 40), clip(h264, 20, 45), clip(mpeg2, 3, 30), clip(vp8, 50, 51))
    out = render(tl, DictSource(h264, vp8, mpeg2), tmp_path / "mixed.mp4")
    fps = vp8.fps  # the first clip's source sets the output rate
    v, a = stream_durations(out)
    assert abs(v - tl.duration) <= 1 / fps
    assert abs(a - v) <= 1 / fps
    numbers = read_numbers(out, size=(h264.width, h264.height))
    assert numbers[:30] == list(range(10, 40))  # same rate as the output: frame-exact
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (320, 180)  # the largest source
        assert container.streams.audio[0].codec_context.name == "aac"
        assert container.streams.audio[0].channels == 2


def test_anamorphic_source_keeps_its_display_aspect(media: dict, tmp_path: Path) -> None:
    wide = probe(numbered_video(media["dir"] / "anamorphic.mp4", seconds=2, size=(160, 180), sar="2"))
    assert wide.sample_aspect == 2
    h264 = media["h264"]
    tl = timeline(clip(h264, 0, 5), clip(wide, 10, 20))
    out = render(tl, DictSource(h264, wide), tmp_path / "sar.mp4")
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (320, 180)
        assert stream.sample_aspect_ratio in (None, 1)
    # the 160x180 pattern, stretched to 320x180, fills the frame exactly as the square-pixel one does
    assert read_numbers(out) == list(range(0, 5)) + list(range(10, 20))


@pytest.mark.skipif(not MEDIA.is_dir(), reason="shared media not present")
def test_mixed_real_media_duration_and_sync(tmp_path: Path) -> None:
    names = ["tears_of_steel_battle_clip_800x332.webm", "sintel_trailer_480x204.mp4",
             "kivy_cityCC0_skyscrapers.mpg"]
    videos = [probe(MEDIA / n) for n in names]
    if not all(Path(v.path).exists() for v in videos):
        pytest.skip("shared media incomplete")
    clips = [clip(v, int(v.fps * 2), int(v.fps * 2) + int(v.fps * 1.5)) for v in videos]
    tl = timeline(*clips)
    out = render(tl, DictSource(*videos), tmp_path / "real.mp4")
    fps = videos[0].fps
    v, a = stream_durations(out)
    assert abs(v - tl.duration) <= 1 / fps
    assert abs(a - v) <= 1 / fps


@pytest.mark.parametrize("transition", ["crossfade", "fade_black"])
def test_transitions_and_speed_give_the_planned_length(media: dict, tmp_path: Path, transition: str) -> None:
    video = media["h264"]
    tl = timeline(clip(video, 0, 25), clip(video, 40, 90, speed=2.0), clip(video, 25, 50, speed=0.5),
                  transition=transition, transition_seconds=0.4)
    out = render(tl, DictSource(video), tmp_path / "t.mp4")
    v, a = stream_durations(out)
    assert v == tl.duration  # 0.4 s is whole frames at 25 fps, so exact
    assert abs(a - v) <= 1 / video.fps


SYNC_RANGES = ((13, 60), (80, 140), (160, 190), (112, 138), (5, 30))  # whole seconds never near an edge


@pytest.mark.parametrize("transition", ["smart_cut", "reencode", "crossfade"])
def test_audio_stays_in_sync_across_the_whole_cut(media: dict, tmp_path: Path, transition: str) -> None:
    video = probe(numbered_video(media["dir"] / "clicks.mp4", seconds=8, clicks=True))
    fps = video.fps
    overlap = Fraction(4, 25) if transition == "crossfade" else Fraction(0)  # 4 frames, away from bursts
    tl = timeline(*(clip(video, a, b) for a, b in SYNC_RANGES), transition="crossfade" if overlap else "cut",
                  transition_seconds=float(overlap))
    out = render(tl, DictSource(video), tmp_path / "sync.mp4", allow_smart_cut=transition == "smart_cut")
    expected, offset = [], Fraction(0)
    for a, b in SYNC_RANGES:
        expected += [float(offset + k - a / fps) for k in range(8) if a / fps <= k < b / fps]
        offset += (b - a) / fps - overlap
    found = click_times(out)
    assert len(found) == len(expected) == 7
    assert max(abs(f - e) for f, e in zip(found, expected, strict=True)) < 0.25 / float(fps)


def _leftovers(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if p.name.startswith(".")]


def test_missing_source_fails_clearly(media: dict, tmp_path: Path) -> None:
    gone = dataclasses.replace(media["h264"], id="gone", path=str(tmp_path / "nowhere.mp4"))
    out = tmp_path / "out.mp4"
    with pytest.raises(RenderError, match="missing: .*nowhere.mp4"):
        render(timeline(clip(gone, 0, 10)), DictSource(gone), out)
    assert not out.exists() and not _leftovers(tmp_path)


def test_truncated_source_fails_and_leaves_nothing(media: dict, tmp_path: Path) -> None:
    whole = tmp_path / "whole.mp4"  # index up front, so only the media data goes missing
    ffmpeg("-i", media["h264"].path, "-c", "copy", "-movflags", "+faststart", str(whole))
    data = whole.read_bytes()
    whole.unlink()
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(data[: len(data) // 2])
    video = dataclasses.replace(media["h264"], id="broken", path=str(broken))
    out = tmp_path / "out.mp4"
    with pytest.raises(RenderError, match="truncated or corrupt"):
        render(timeline(clip(video, 0, 90), transition="fade_black", transition_seconds=0.2),
               DictSource(video), out)
    assert not out.exists() and not _leftovers(tmp_path)


def test_garbage_source_is_reported_as_corrupt(media: dict, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.mp4"
    garbage.write_bytes(b"not a video" * 1000)
    video = dataclasses.replace(media["h264"], id="garbage", path=str(garbage))
    with pytest.raises(RenderError, match="corrupt"):
        render(timeline(clip(video, 0, 10)), DictSource(video), tmp_path / "out.mp4")
    assert not (tmp_path / "out.mp4").exists()


def test_source_deleted_mid_render_fails_cleanly(media: dict, tmp_path: Path) -> None:
    doomed = tmp_path / "doomed.mp4"
    doomed.write_bytes(Path(media["h264b"].path).read_bytes())
    first = media["h264"]
    second = dataclasses.replace(media["h264b"], id="doomed", path=str(doomed))
    tl = timeline(clip(first, 5, 40), clip(second, 5, 40))

    def delete_when_started(fraction: float) -> None:
        doomed.unlink(missing_ok=True)

    out = tmp_path / "out.mp4"
    with pytest.raises(RenderError, match="doomed.mp4"):
        render(tl, DictSource(first, second), out, progress=delete_when_started)
    assert not out.exists() and not _leftovers(tmp_path)


def test_cancelled_render_leaves_nothing(media: dict, tmp_path: Path) -> None:
    video = media["h264"]
    cancel = threading.Event()
    out = tmp_path / "out.mp4"
    tl = timeline(clip(video, 0, 100), title="slow enough to cancel")
    with pytest.raises(RenderError, match="cancelled"):
        render(tl, DictSource(video), out, progress=lambda f: cancel.set(), cancel=cancel)
    assert not out.exists() and not _leftovers(tmp_path)
    cancel.set()
    with pytest.raises(RenderError, match="cancelled"):  # already cancelled: never starts
        render(tl, DictSource(video), out, cancel=cancel)
    assert not list(tmp_path.iterdir())
