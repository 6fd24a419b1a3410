"""Keyframe choice, thumbnails, and the whole analysis of a generated clip."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np
import pytest

from index.analyze import analyze
from index.decode import Candidate, keyframe_size
from index.keyframes import MAX_KEYFRAMES, THUMB_HEIGHT, choose_keyframes, thumbnail_path, write_thumbnail
from index.probe import probe
from index.shot import VideoInfo
from tests import media_factory


def candidates(frames: list[int], brightness: float = 100.0, sharpness: float = 50.0) -> list[Candidate]:
    return [Candidate(f, b"", brightness, sharpness) for f in frames]


def test_long_shots_get_one_keyframe_per_four_seconds() -> None:
    pool = candidates(list(range(0, 25 * 20, 12)))  # 20 s at 25 fps, a candidate every ~0.5 s
    chosen = choose_keyframes(pool, 0, 25 * 20, 25.0)
    assert len(chosen) == 5
    assert [c.frame for c in chosen] == sorted(c.frame for c in chosen)


def test_keyframes_are_capped() -> None:
    pool = candidates(list(range(0, 25 * 300, 12)))
    assert len(choose_keyframes(pool, 0, 25 * 300, 25.0)) == MAX_KEYFRAMES


def test_black_and_blurred_candidates_lose() -> None:
    pool = [Candidate(13, b"", 10.0, 500.0), Candidate(25, b"", 120.0, 5.0), Candidate(38, b"", 120.0, 80.0)]
    assert [c.frame for c in choose_keyframes(pool, 0, 50, 25.0)] == [38]


def test_candidates_at_the_shot_edges_are_avoided() -> None:
    pool = candidates([100, 113], sharpness=10.0) + candidates([125], sharpness=1.0) \
        + candidates([138, 149], sharpness=10.0)
    # Frames within 0.25 s of the ends (100, 149 for the shot [100, 150)) are transition material.
    assert [c.frame for c in choose_keyframes(pool, 100, 150, 25.0)] in ([113], [138])


def test_a_shot_without_candidates_borrows_the_nearest() -> None:
    pool = candidates([0, 50, 100])
    assert [c.frame for c in choose_keyframes(pool, 60, 70, 25.0)] == [50]


def test_thumbnail_is_small_atomic_and_relative(tmp_path: Path) -> None:
    image = np.zeros((224, 398, 3), np.uint8)
    image[:, :199] = (255, 0, 0)
    relative = write_thumbnail(image, tmp_path, "abc", 3)
    assert relative == thumbnail_path("abc", 3).as_posix() == "thumbs/abc/00003.jpg"
    written = cv2.imread(str(tmp_path / relative))
    assert written.shape[0] == THUMB_HEIGHT and abs(written.shape[1] - 284) <= 1
    assert written[80, 40, 2] > 200 and written[80, 40, 0] < 50  # still red (RGB in, BGR on disk)
    assert [p.name for p in (tmp_path / "thumbs" / "abc").iterdir()] == ["00003.jpg"]


def test_keyframe_size_applies_sample_aspect() -> None:
    info = VideoInfo("x", "x.mp4", Fraction(1), Fraction(24), 512, 120, 24, "h264", False,
                     sample_aspect=Fraction(9, 16))
    assert keyframe_size(info) == (538, 224)
    portrait = VideoInfo("y", "y.mp4", Fraction(1), Fraction(24), 360, 640, 24, "h264", False)
    assert keyframe_size(portrait) == (224, 398)


def test_analyze_generated_clip(tmp_path: Path) -> None:
    clip = media_factory.hard_cuts(tmp_path / "cuts.mp4", lengths=(50, 40, 60))
    info = probe(clip.path)
    stages: list[str] = []
    analysis = analyze(clip.path, info, tmp_path / "lib", lambda stage, done, total: stages.append(stage))
    shots = analysis.shots
    assert [s.start_frame for s in shots] == [0, 50, 90]
    assert shots[-1].end_frame == 150 and shots[-1].end == 6
    assert shots[1].start == 2 and shots[1].video_id == info.id
    assert set(analysis.timings) == {"decode", "detect", "keyframes"}
    assert list(dict.fromkeys(stages)) == ["decode", "detect"]
    for shot, images in zip(shots, analysis.keyframe_images, strict=True):
        assert len(images) == len(shot.keyframes) >= 1
        assert all(shot.start <= k < shot.end for k in shot.keyframes)
        assert all(img.shape == (224, 398, 3) and img.dtype == np.uint8 for img in images)
        assert (tmp_path / "lib" / shot.thumbnail).is_file()


@pytest.mark.parametrize("lengths", [(30,), (30, 30)])
def test_every_shot_has_a_keyframe(tmp_path: Path, lengths: tuple[int, ...]) -> None:
    clip = media_factory.hard_cuts(tmp_path / "short.mp4", lengths=lengths)
    analysis = analyze(clip.path, probe(clip.path), tmp_path / "lib")
    assert len(analysis.shots) == len(lengths)
    assert all(len(images) >= 1 for images in analysis.keyframe_images)
