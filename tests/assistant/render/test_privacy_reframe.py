"""Reframing rules: crop sizes, black-bar detection, a crop path bounded inside shots and reset at cuts
(pure geometry), then a letterboxed face clip rendered by real ffmpeg, cropped inside its picture."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from assistant.render import effects, reframe
from assistant.render.face_boxes import HOLD_FRAMES, FaceBoxBuilder, FaceTrack
from assistant.render.ffmpeg import run_ffmpeg
from assistant.render.mp4 import render
from assistant.timeline.model import Clip, Privacy, Timeline
from index.face_detect import FaceDetector
from index.probe import probe
from tests.media_factory import FaceShot, face_shots
from tests.render_media import DictSource


@pytest.mark.parametrize(("size", "aspect", "crop"), [
    ((1280, 720), "9:16", (404, 720)), ((1280, 720), "1:1", (720, 720)), ((1280, 720), "4:5", (576, 720)),
    ((720, 1280), "1:1", (720, 720)), ((641, 361), "original", (640, 360)), ((320, 320), "9:16", (180, 320)),
])
def test_crop_size_is_even_and_never_bigger_than_the_picture(size, aspect, crop) -> None:
    assert reframe.crop_size(size[0], size[1], aspect) == crop


def test_picture_area_finds_black_bars_but_not_a_dark_scene() -> None:
    rows = np.array([5] * 30 + [200] * 60 + [8] * 30)
    columns = np.full(160, 180)
    assert reframe.picture_area(rows, columns) == reframe.Rect(0, 30, 160, 60)
    night = np.array([0] * 100 + [90] * 20)  # a lit strip under a fifth of the frame: a dark scene
    assert reframe.picture_area(night, columns) == reframe.Rect(0, 0, 160, 120)


def test_crop_path_follows_at_bounded_speed_and_resets_at_a_cut() -> None:
    frames, cut = 120, 60
    targets = np.zeros((frames, 2))
    targets[:, 1] = 360
    targets[:30, 0], targets[30:cut, 0], targets[cut:, 0] = 300.0, 1000.0, 200.0  # a jump inside the shot
    picture = reframe.Rect(0, 0, 1280, 720)
    path = reframe.crop_path(targets, [cut], picture, (404, 720), fps=24)
    bound = reframe.MAX_STEP * 1280  # 25.6 px: whole-pixel steps of at most 25, never a rounded 26
    assert reframe.max_jump(path, [cut]) <= bound
    assert np.abs(np.diff(path[:, 0])).max() > bound  # ... but the cut itself jumps
    assert path[cut, 0] == 0  # the new shot's target (200) centred, clamped to the picture
    assert path[cut - 1, 0] == 1000 - 202  # the first shot's crop got to its new target before the cut
    assert (path[:, 1] == 0).all()  # full height: nothing to move vertically


def test_crop_path_steps_never_round_past_a_fractional_bound() -> None:
    rng = np.random.default_rng(5)  # a target wandering fast (a 768 px street camera: bound 15.36 px)
    targets = np.stack([np.cumsum(rng.normal(0, 40, 400)) % 700 + 30, np.full(400, 288.0)], axis=1)
    path = reframe.crop_path(targets, [], reframe.Rect(0, 0, 768, 576), (324, 576), fps=10)
    assert reframe.max_jump(path, []) <= reframe.MAX_STEP * 768
    assert reframe.max_jump(path, []) == 15  # it does move at the bound


def test_letterboxed_source_is_cropped_inside_its_picture(tmp_path: Path) -> None:
    faces = face_shots(tmp_path / "face.mp4", (FaceShot("hopper", pan=-1, seconds=1.6),))
    boxed = tmp_path / "boxed.mp4"
    run_ffmpeg(["-i", faces.path, "-vf", "pad=480:400:80:40:black", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", boxed])  # 40 px bars above and below, 80 px either side
    video = probe(boxed)
    clip = Clip(video.id, 0, video.frame_count, Fraction(0), video.frame_count / video.fps)
    analysis = effects.analyse(clip, video, Privacy(aspect="1:1"), [], None)
    assert analysis.crop is not None and analysis.crop_size == (320, 320)  # the picture, not the bars
    assert (analysis.crop[:, 0] == 80).all() and (analysis.crop[:, 1] == 40).all()
    vertical = effects.analyse(clip, video, Privacy(aspect="9:16"), [], None)
    assert vertical.crop is not None and vertical.crop_size == (180, 320)
    assert (vertical.crop[:, 1] == 40).all() and (80 <= vertical.crop[:, 0]).all()
    assert (vertical.crop[:, 0] + 180 <= 400).all()
    timeline = Timeline(clips=(clip,), privacy=Privacy(aspect="9:16"))
    out = render(timeline, DictSource(video), tmp_path / "v.mp4")
    with av.open(str(out)) as container:
        frames = [f.to_ndarray(format="bgr24") for f in container.decode(video=0)]
    assert frames[0].shape[:2] == (400, 224)  # 9:16 of the 480x400 frame, the cropped picture scaled to fit
    detector = FaceDetector()
    assert sum(1 for f in frames if detector.detect(f)) >= 0.95 * len(frames)


def _builder_with(tracks: list[dict[int, tuple[float, float, float, float]]], frames: int,
                  cuts: list[int]) -> FaceBoxBuilder:
    """A box builder holding these face tracks (frame -> box), as the detector would have linked them."""
    builder = FaceBoxBuilder(frames, cuts, (1.0, 1.0))
    builder.tracks = [FaceTrack(looks=looks) for looks in tracks]
    return builder


def test_crop_follows_the_shot_s_main_subject_not_the_biggest_face_of_each_frame() -> None:
    frames, cut = 80, 40
    # A is on screen all of the first shot; B, a little bigger, only for its middle: A is the main subject.
    # In the second shot B is on screen throughout and A only briefly: B leads there (a reset at the cut).
    a = {f: (100.0, 100.0, 50.0, 50.0) for f in [*range(0, cut), *range(60, 66)]}
    b = {f: (900.0, 100.0, 56.0, 56.0) for f in [*range(10, 30), *range(cut, frames)]}
    centres = _builder_with([a, b], frames, [cut]).main_face_centres(span=300.0)
    assert np.allclose(centres[:cut, 0], 125.0)  # never B's 928, though B is the biggest face on 10..29
    assert np.allclose(centres[cut:, 0], 928.0)  # A's visit (60..65) does not pull the crop away from B


def test_a_stand_in_leads_only_while_the_main_subject_is_off_screen() -> None:
    frames = 60
    a = {f: (100.0, 100.0, 60.0, 60.0) for f in range(0, 46)}  # the main subject, gone at the end
    b = {f: (900.0, 100.0, 45.0, 45.0) for f in range(0, frames)}  # over half A's area: grouped if they fit
    centres = _builder_with([a, b], frames, []).main_face_centres(span=300.0)
    held = 46 + HOLD_FRAMES  # a face's box is held a few frames after its last look
    assert np.allclose(centres[:held, 0], 130.0) and np.allclose(centres[held:, 0], 922.5)
    grouped = _builder_with([a, b], frames, []).main_face_centres()  # both fit: the pair, weighted by area
    assert 130.0 < grouped[0, 0] < 922.5


def test_analysis_is_remembered_per_clip_file_and_privacy(tmp_path: Path) -> None:
    faces = face_shots(tmp_path / "face.mp4", (FaceShot("hopper", pan=1, seconds=0.8),))
    video = probe(faces.path)
    clip = Clip(video.id, 0, video.frame_count, Fraction(0), video.frame_count / video.fps)
    source = DictSource(video)
    first = effects.analyse_for(clip, video, Privacy(aspect="9:16"), source)
    assert effects.analyse_for(clip, video, Privacy(aspect="9:16"), source) is first  # preview, then export
    assert first.crop is not None and not first.crop.flags.writeable  # shared: nobody may change it
    other = effects.analyse_for(clip, video, Privacy(aspect="1:1"), source)
    assert other is not first and other.crop_size != first.crop_size
    shorter = Clip(video.id, 0, video.frame_count - 4, Fraction(0), (video.frame_count - 4) / video.fps)
    assert effects.analyse_for(shorter, video, Privacy(aspect="9:16"), source).frames == video.frame_count - 4
    stat = Path(video.path).stat()
    os.utime(video.path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # the file was replaced
    again = effects.analyse_for(clip, video, Privacy(aspect="9:16"), source)
    assert again is not first and np.array_equal(again.crop, first.crop)
