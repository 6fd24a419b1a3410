"""The decode pass and full analysis: exact pts times, broken streams, and every real clip we ship."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from index import analyze as analyze_module
from index.analyze import Analysis, ShotStream, analyze
from index.decode import FrameReader, decode
from index.probe import CorruptMediaError, probe
from index.shot import VideoInfo
from tests import media_factory
from tests.media_factory import SHARED_MEDIA

MEDIA = SHARED_MEDIA
REAL_VIDEOS = sorted(p for p in MEDIA.glob("*") if p.suffix in {".mp4", ".webm", ".mpg", ".avi"})


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("decode")


def test_vfr_times_come_from_pts(work: Path) -> None:
    clip = media_factory.vfr(work / "vfr.mp4")
    decoded = decode(clip.path, probe(clip.path))
    assert decoded.frame_count == 75
    # 12.5 fps for 25 frames, then 25 fps: nominal-rate arithmetic would get these wrong.
    assert decoded.time(1) == Fraction(2, 25)
    assert decoded.time(25) == 2
    assert decoded.time(26) == Fraction(51, 25)
    assert decoded.time(75) == 4


def test_candidates_are_sampled_twice_a_second(work: Path) -> None:
    clip = media_factory.single_shot(work / "one.mp4", frames=100)
    decoded = decode(clip.path, probe(clip.path))
    # 25 fps: the first frame at or after each half second.
    assert [c.frame for c in decoded.candidates] == [0, 13, 25, 38, 50, 63, 75, 88]
    image = decoded.candidates[0].image()
    assert image.dtype.name == "uint8" and image.shape[0] == 224 and image.shape[2] == 3


def test_a_candidate_is_the_same_picture_encoded_early_or_late(work: Path) -> None:
    """Candidates wait as pixels and are JPEG-encoded only when chosen or old; the picture a keyframe gets
    must not depend on which (a resumed ingest closes shots at other times than an uninterrupted one)."""
    clip = media_factory.single_shot(work / "late.mp4", frames=30)
    item = next(i for i in FrameReader(clip.path, probe(clip.path)) if i.candidate is not None)
    raw = item.candidate
    assert raw is not None and raw.pixels is not None and raw.jpeg == b""
    early = raw.compressed()
    assert early.pixels is None and early.jpeg[:2] == b"\xff\xd8"  # a JPEG
    assert (raw.image() == early.image()).all()
    assert (raw.brightness, raw.sharpness) == (early.brightness, early.sharpness)


def test_a_long_shot_holds_only_its_recent_candidates_as_pixels(work: Path, monkeypatch) -> None:
    """Memory stays bounded in a long open shot: candidates older than ``RAW_SECONDS`` wait as JPEG."""
    monkeypatch.setattr(analyze_module, "RAW_SECONDS", 1.0)
    clip = media_factory.single_shot(work / "long.mp4", frames=150)  # 6 s, one shot
    info = probe(clip.path)
    stream = ShotStream(clip.path, info, work / "lib", progress=lambda *_: None)
    seen: list[tuple[int, int]] = []
    original = stream._compress_before

    def spy(frame: int) -> None:
        original(frame)
        seen.append((sum(c.pixels is not None for c in stream._candidates), len(stream._candidates)))

    monkeypatch.setattr(stream, "_compress_before", spy)
    [shot] = [p for batch in stream for p in batch]
    assert max(raw for raw, _ in seen) <= 3  # one second at two a second, and the newest
    assert seen[-1][1] >= 11 and seen[-1][1] - seen[-1][0] >= 8  # the older ones as JPEG
    assert all(k.pixels is None for k in shot.keyframes)  # chosen keyframes are encoded
    assert (work / "lib" / shot.shot.thumbnail).exists()


def test_decode_reports_progress(work: Path) -> None:
    clip = media_factory.single_shot(work / "progress.mp4", frames=150)
    seen: list[tuple[int, int]] = []
    decode(clip.path, probe(clip.path), lambda done, total: seen.append((done, total)))
    assert seen[-1] == (150, 150)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_truncated_stream_raises_corrupt(work: Path) -> None:
    full = media_factory.single_shot(work / "whole.mp4", frames=100)
    info = probe(full.path)
    cut = media_factory.truncated(work / "cut.mp4", faststart=True)
    with pytest.raises(CorruptMediaError, match="cut.mp4"):
        decode(cut, VideoInfo(**{**info.__dict__, "path": str(cut)}))


@pytest.fixture(scope="module")
def real_analyses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[VideoInfo, Analysis]]:
    library = tmp_path_factory.mktemp("library")
    out = {}
    for path in REAL_VIDEOS:
        info = probe(path)
        out[path.name] = (info, analyze(path, info, library))
    return out


@pytest.mark.skipif(not REAL_VIDEOS, reason="real media not present")
def test_every_real_clip_decodes_into_contiguous_shots(real_analyses: dict) -> None:
    assert len(real_analyses) >= 10
    for name, (info, analysis) in real_analyses.items():
        shots = analysis.shots
        assert shots, name
        assert shots[0].start_frame == 0 and shots[0].start == 0, name
        for before, after in zip(shots, shots[1:], strict=False):
            assert before.end_frame == after.start_frame and before.end == after.start, name
        assert all(s.end_frame > s.start_frame and s.end > s.start for s in shots), name
        assert abs(shots[-1].end_frame - info.frame_count) <= 2, (name, shots[-1].end_frame, info.frame_count)
        assert abs(shots[-1].end - info.duration) <= Fraction(1, 2), (name, shots[-1].end, info.duration)
        for shot, images in zip(shots, analysis.keyframe_images, strict=True):
            assert len(images) == len(shot.keyframes) >= 1, name
            assert min(images[0].shape[:2]) >= 224, name


# Single-shot controls and clips whose shots SOURCES.md counts.
EXPECTED_SHOTS = {
    "opencv_vtest_pedestrians.avi": 1,
    "intel_car_detection_parking_lot.mp4": 1,
    "intel_one_by_one_person_detection.mp4": 1,
    "mdn_flower_cc0.mp4": 1,
    "gradio_world_night_earth.mp4": 1,
    "kivy_cityCC0_skyscrapers.mpg": 2,
    "nasa_13013_jwst_mirror.mp4": 3,  # wide, close-up from ~4-5 s (a dissolve), wide again from ~8 s
}


@pytest.mark.skipif(not REAL_VIDEOS, reason="real media not present")
@pytest.mark.parametrize("name", sorted(EXPECTED_SHOTS))
def test_real_clip_shot_counts(real_analyses: dict, name: str) -> None:
    if name not in real_analyses:
        pytest.skip(f"{name} not present")
    assert len(real_analyses[name][1].shots) == EXPECTED_SHOTS[name]


@pytest.mark.skipif(not REAL_VIDEOS, reason="real media not present")
def test_anamorphic_keyframes_use_display_aspect(real_analyses: dict) -> None:
    name = "tears_of_steel_opening_64s_512x120.mp4"
    if name not in real_analyses:
        pytest.skip(f"{name} not present")
    height, width = real_analyses[name][1].keyframe_images[0][0].shape[:2]
    assert height == 224 and abs(width / height - 2.4) < 0.02
