"""The cut's opening and closing fades, rendered by real ffmpeg: picture and sound start from black and
silence and end there, every other frame is untouched, and the length does not change."""

from __future__ import annotations

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
from tests.render_media import DictSource, clip, numbered_video, read_numbers, stream_durations, timeline


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> VideoInfo:
    base = tmp_path_factory.getbasetemp() / "render-media"
    base.mkdir(exist_ok=True)
    return probe(numbered_video(base / "numbered.mp4"))  # 4 s at 25 fps, grey below, a 440 Hz tone


def _lower_half_luma(path: Path) -> list[float]:
    """Each frame's mean brightness of its lower half (mid-grey, 128, in the source)."""
    with av.open(str(path)) as container:
        return [float(f.to_ndarray(format="gray")[f.height // 2:].mean()) for f in container.decode(video=0)]


def _loudness(path: Path, window: float = 0.04) -> tuple[float, float, float]:
    """RMS of the audio's first and last ``window`` seconds, and of its middle."""
    with av.open(str(path)) as container:
        rate = container.streams.audio[0].rate
        samples = np.concatenate([f.to_ndarray().mean(axis=0) for f in container.decode(audio=0)])
    n = int(window * rate)
    middle = len(samples) // 2

    def rms(part: np.ndarray) -> float:
        return float(np.sqrt(np.mean(part ** 2)))
    return rms(samples[:n]), rms(samples[middle - n:middle + n]), rms(samples[-n:])


def _check_faded(out: Path, video: VideoInfo, fade_in: int, fade_out: int,
                 ranges: list[tuple[int, int]]) -> None:
    luma = _lower_half_luma(out)
    assert len(luma) == sum(b - a for a, b in ranges)
    assert luma[0] < 25 and luma[-1] < 25  # black at both ends
    assert luma[fade_in // 2] == pytest.approx(72, abs=25)  # half-way up
    assert all(abs(v - 128) < 6 for v in luma[fade_in:len(luma) - fade_out])  # nothing else changed
    # the frames between the fades are the source's own, in order
    numbers = read_numbers(out, size=(video.width, video.height))
    expected = [n for a, b in ranges for n in range(a, b)]
    assert numbers[fade_in:len(luma) - fade_out] == expected[fade_in:len(luma) - fade_out]
    start, middle, end = _loudness(out)
    assert start < 0.1 * middle and end < 0.1 * middle  # the sound fades with the picture


def test_export_fades_in_and_out(video: VideoInfo, tmp_path: Path) -> None:
    ranges = [(0, 40), (50, 100)]
    plain = timeline(*(clip(video, a, b) for a, b in ranges))
    faded = timeline(*plain.clips, fade_in=1.0, fade_out=0.8)
    assert faded.duration == plain.duration  # a fade takes no time
    # smart cut: the faded frames are re-encoded pieces of their own, the frames between still copied
    assert smart_cut.eligible(faded, {video.id: video})
    pieces = smart_cut.plan_pieces(faded, {video.id: video})
    assert pieces[0].fade.start == 1 and pieces[0].frames == 25 and pieces[-1].fade.end == Fraction(20, 25)
    assert any(p.copy for p in pieces)
    out = render(faded, DictSource(video), tmp_path / "faded.mp4")
    _check_faded(out, video, 25, 20, ranges)
    v, a = stream_durations(out)
    assert v == plain.duration and abs(a - v) <= 1 / video.fps


def test_a_re_encoded_export_fades_the_same(video: VideoInfo, tmp_path: Path) -> None:
    ranges = [(0, 40), (50, 100)]
    faded = timeline(*(clip(video, a, b) for a, b in ranges), fade_in=1.0, fade_out=0.8)
    out = render(faded, DictSource(video), tmp_path / "faded.mp4", allow_smart_cut=False)
    _check_faded(out, video, 25, 20, ranges)


def test_one_clip_wholly_faded_is_one_re_encoded_piece(video: VideoInfo, tmp_path: Path) -> None:
    faded = timeline(clip(video, 0, 30), fade_in=2.0, fade_out=2.0)  # 15 frames each way
    [piece] = smart_cut.plan_pieces(faded, {video.id: video})
    assert not piece.copy and piece.fade.start == piece.fade.end == Fraction(15, 25)
    out = render(faded, DictSource(video), tmp_path / "short.mp4")
    luma = _lower_half_luma(out)
    assert len(luma) == 30 and luma[0] < 25 and luma[-1] < 25 and luma[14] > 100


def test_preview_fades_in_and_out_and_keeps_plain_segments_apart(video: VideoInfo, tmp_path: Path) -> None:
    ranges = [(0, 40), (50, 100)]
    faded = timeline(*(clip(video, a, b) for a, b in ranges), fade_in=1.0, fade_out=0.8)
    out = preview(faded, DictSource(video), tmp_path)
    _check_faded(out, video, 25, 20, ranges)
    plain = preview(timeline(*faded.clips), DictSource(video), tmp_path)
    luma = _lower_half_luma(plain)
    assert luma[0] > 120 and luma[-1] > 120  # the plain cut's segments are not the faded ones


def test_a_crossfaded_cut_fades_at_its_ends_only(video: VideoInfo, tmp_path: Path) -> None:
    tl = timeline(clip(video, 0, 40), clip(video, 50, 100), transition="crossfade", transition_seconds=0.4,
                  fade_in=0.4, fade_out=0.4)
    out = render(tl, DictSource(video), tmp_path / "crossfaded.mp4")
    luma = _lower_half_luma(out)
    assert len(luma) == 90 - 10
    assert luma[0] < 25 and luma[-1] < 25
    assert all(abs(v - 128) < 6 for v in luma[10:-10])  # the crossfade between grey and grey stays grey


def test_the_opening_fade_lies_on_the_title_card(video: VideoInfo, tmp_path: Path) -> None:
    tl = timeline(clip(video, 0, 50), title="Fade", fade_in=1.0)
    out = render(tl, DictSource(video), tmp_path / "titled.mp4")
    with av.open(str(out)) as container:
        brightest = [int(f.to_ndarray(format="gray").max()) for f in container.decode(video=0)]
    assert brightest[0] < 30 < 200 < brightest[30]  # the title's white letters come up from black
    assert _lower_half_luma(out)[50] > 120  # the clip after it starts at full brightness


def test_one_short_clip_splits_its_frames_between_both_fades(video: VideoInfo) -> None:
    out = timeline(clip(video, 0, 20), fade_in=2.0, fade_out=2.0).output_time()
    assert (out.open_frames, out.close_frames) == (10, 10)
