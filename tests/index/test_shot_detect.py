"""Shot boundaries against ground truth: generated clips with known cuts, and PySceneDetect's references."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.decode import decode
from index.probe import probe
from index.shot_detect import Boundary, CutDetector, FadeDetector, FrameSignals, detect_boundaries
from tests import media_factory
from tests.media_factory import SHARED_MEDIA, Clip

MEDIA = SHARED_MEDIA


def boundaries_of(clip: Clip) -> list[Boundary]:
    info = probe(clip.path)
    return detect_boundaries(decode(clip.path, info).features, float(info.fps))


@pytest.fixture(scope="module")
def clip_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shots")


def test_hard_cuts_are_frame_exact(clip_dir: Path) -> None:
    clip = media_factory.hard_cuts(clip_dir / "hard.mp4", lengths=(40, 30, 50, 35, 25))
    found = [b.frame for b in boundaries_of(clip)]
    assert len(found) == len(clip.cuts)
    for want, got in zip(clip.cuts, found, strict=True):
        assert abs(got - want) <= 1, (clip.cuts, found)


def test_fade_through_black_gives_one_boundary_inside_it(clip_dir: Path) -> None:
    clip = media_factory.fade_through_black(clip_dir / "fade.mp4", a=50, fade=12, b=50)
    found = boundaries_of(clip)
    (first, last), = clip.transitions
    assert [b.kind for b in found] == ["fade"]
    assert first <= found[0].frame <= last


def test_dissolve_gives_one_boundary_inside_it(clip_dir: Path) -> None:
    clip = media_factory.dissolve(clip_dir / "dissolve.mp4", a=50, overlap=15, b=50)
    found = boundaries_of(clip)
    (first, last), = clip.transitions
    assert len(found) == 1
    assert first <= found[0].frame <= last + 1


def test_flashes_and_motion_are_not_cuts(clip_dir: Path) -> None:
    assert boundaries_of(media_factory.flashes(clip_dir / "flash.mp4")) == []
    assert boundaries_of(media_factory.single_shot(clip_dir / "still.mp4", frames=100)) == []


def test_vfr_cut_is_found_at_the_right_frame(clip_dir: Path) -> None:
    clip = media_factory.vfr(clip_dir / "vfr.mp4")
    assert [b.frame for b in boundaries_of(clip)] == list(clip.cuts)


def test_shots_shorter_than_the_minimum_are_dropped(clip_dir: Path) -> None:
    # 25 fps: the 5-frame shot (0.2 s) is below the 0.5 s minimum and must not become its own shot.
    clip = media_factory.hard_cuts(clip_dir / "blip.mp4", lengths=(40, 5, 40))
    found = [b.frame for b in boundaries_of(clip)]
    assert len(found) == 1 and found[0] in (39, 40, 41, 44, 45, 46)


def _synthetic(levels: list[tuple[int, int]]) -> np.ndarray:
    """Flat frames: ``(count, luma)`` runs, neutral chroma, a little noise so no two are exactly equal."""
    rng = np.random.default_rng(0)
    frames = []
    for count, luma in levels:
        frame = np.full((count, 27, 48, 3), 128, np.int16)
        frame[..., 0] = luma
        frames.append(frame)
    stack = np.concatenate(frames) + rng.integers(-1, 2, size=(sum(c for c, _ in levels), 27, 48, 3))
    return np.clip(stack, 0, 255).astype(np.uint8)


def test_cut_detector_on_synthetic_jump() -> None:
    features = _synthetic([(30, 60), (30, 180)])
    assert [b.frame for b in CutDetector().detect(FrameSignals(features, 25.0))] == [30]


def test_fade_in_and_out_at_the_ends_do_not_make_shots() -> None:
    ramp = [(1, 16 + 10 * i) for i in range(1, 11)]
    features = _synthetic([(20, 16), *ramp, (40, 126), *ramp[::-1], (20, 16)])
    assert detect_boundaries(features, 25.0) == []


def test_dark_flicker_is_not_a_fade() -> None:
    # A dark scene that hovers around the black threshold: no brighter pictures around it.
    features = _synthetic([(20, 30), (15, 20), (20, 30)])
    assert FadeDetector().detect(FrameSignals(features, 25.0)) == []


def test_tiny_inputs_have_no_boundaries() -> None:
    assert detect_boundaries(_synthetic([(1, 100)]), 25.0) == []
    assert detect_boundaries(_synthetic([(2, 20), (2, 200)]), 25.0) == []


def test_features_must_be_yuv_stacks() -> None:
    with pytest.raises(ValueError, match="features"):
        FrameSignals(np.zeros((10, 27, 48), np.uint8), 25.0)


def test_pyscenedetect_reference_video() -> None:
    """PySceneDetect's testvideo: a black leader, then four photos joined by two fades through black
    and one cross-dissolve (frames 530-562, seen by eye; their detectors miss it).

    Golden ContentDetector cuts are 30, 180, 394; the CSV's ThresholdDetector scenes start at 201 and
    382. Frame 30 is a hard cut (black to picture): +-1 frame. The others are fades, which have no single
    cut frame: the two reference detectors place the same fade 12-21 frames apart, so a boundary within
    25 frames (under a second, and inside the fade) of each reference frame counts as a match.
    """
    path = MEDIA / "pyscenedetect_testvideo.mp4"
    if not path.exists():
        pytest.skip(f"{path} not present")
    info = probe(path)
    found = [b.frame for b in detect_boundaries(decode(path, info).features, float(info.fps))]
    assert len(found) == 4, found
    assert abs(found[0] - 30) <= 1
    for reference in (180, 201):
        assert abs(found[1] - reference) <= 25, found
    for reference in (394, 382):
        assert abs(found[2] - reference) <= 25, found
    assert 530 <= found[3] <= 562, found


def test_batched_signals_equal_a_whole_window_at_once() -> None:
    """Black frames and colour histograms are computed in batches of frames (bounded temporaries on a
    2-minute window); the values are those of one pass over every frame."""
    from index.shot_detect import PAIR_BATCH, black_frames

    rng = np.random.default_rng(7)
    frames = 2 * PAIR_BATCH + 37
    features = rng.integers(0, 256, (frames, 27, 48, 3), dtype=np.uint8)
    features[::5] = rng.integers(10, 30, (len(features[::5]), 27, 48, 3), dtype=np.uint8)  # dark ones
    features[::15, :4, :, 0] = 200  # ... and dark on average with a bright band (not black: the percentile)
    y = features[..., 0].reshape(frames, -1)
    whole_black = (y.mean(axis=1) <= 26) & (np.percentile(y, 90, axis=1) <= 32)
    assert whole_black.any() and not whole_black.all()
    assert np.array_equal(black_frames(features), whole_black)
    sample = features[:, ::2, ::2]
    planes = [sample[..., c].reshape(frames, -1) for c in range(3)]
    bins = np.concatenate([planes[0] // 16, planes[1] // 32 + 16, planes[2] // 32 + 24], axis=1)
    counts = np.stack([np.bincount(row, minlength=32) for row in bins]).astype(np.float32)
    whole = counts / counts.sum(axis=1, keepdims=True)
    assert np.array_equal(FrameSignals(features, 24.0).histograms, whole)


def test_the_dissolve_measures_and_histograms_equal_their_definitions() -> None:
    """The dissolve test takes exposure-free change and coverage from one centred difference, and colour
    histograms of only the frames it asks for: the values of the plain definitions."""
    from index.shot_detect import CHANGED_PIXEL, centred_change

    rng = np.random.default_rng(11)
    base, other = rng.integers(40, 200, (2, 27, 48, 3))
    features = base + rng.integers(0, 7, (60, 27, 48, 3))  # a still picture with a little noise
    features[45:, :, :20] = other[:, :20]  # from frame 45 the left part of the picture changes
    features[30:] += 40  # and an exposure jump at frame 30
    features = features.astype(np.uint8)
    a, b = np.arange(0, 40), np.arange(20, 60)
    fa = features[a].reshape(40, -1, 3).astype(np.float64)
    fb = features[b].reshape(40, -1, 3).astype(np.float64)
    centred = np.abs((fa - fa.mean(axis=1, keepdims=True)) - (fb - fb.mean(axis=1, keepdims=True)))
    want_diff, want_cover = centred.mean(axis=(1, 2)), (centred.sum(axis=2) > CHANGED_PIXEL).mean(axis=1)
    signals = FrameSignals(features, 24.0)
    got_diff, got_cover = signals.pairwise(centred_change, a, b)
    assert np.allclose(got_diff, want_diff, atol=1e-3)
    borderline = np.abs(centred.sum(axis=2) - CHANGED_PIXEL) < 1e-3  # float32 may round a tie either way
    assert np.allclose(got_cover, want_cover, atol=borderline.sum(axis=1).max() / centred.shape[1] + 1e-9)
    assert want_cover.min() == 0 and 0.3 < want_cover.max() < 0.5  # only the changed part counts
    assert signals.pairwise(centred_change, a[:0], b[:0]).shape == (0,)  # nothing to measure: no batch
    frames = np.array([5, 59, 5, 0, 31])
    fresh = FrameSignals(features, 24.0).histograms_at(frames)  # only those frames computed
    assert np.array_equal(fresh, FrameSignals(features, 24.0).histograms[frames])
