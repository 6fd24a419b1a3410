"""Alignment of a source's fingerprint to other editions of it: every mapped clip boundary within one frame.

Editions are made by ffmpeg in the test from a generated film (always) and from real clips of the shared
folder (skipped when it is absent): re-encoded, with a leader, PAL sped up, letterbox cropped, and with a
scene removed. The truth of each comes from how it was made (``tests.recipe_media``).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from index.align import RECIPE_STRIDE, AlignmentError, SourcePrint, align, map_clip
from index.fingerprint import decode_audio, fingerprint
from tests.media_factory import SHARED_MEDIA
from tests.recipe_media import CUT_FROM, CUT_TO, Edition, editions, film

REAL_CLIPS = {  # file -> (fps, width, height, clips in source frames)
    "big_buck_bunny_opening_34s_640x360.mp4": (24, 640, 360, [(48, 132), (150, 200), (400, 520), (600, 760)]),
    "sintel_trailer_480x204.mp4": (24, 480, 204, [(30, 190), (410, 600), (700, 1000)]),
}
FILM_CLIPS = [(24, 100), (130, 200), (400, 460)]


def source_print(path: Path, fps: int) -> SourcePrint:
    """What a recipe carries about ``path`` (audio only: shot snapping is covered by the recipe tests)."""
    content = fingerprint(path, 0.0, (), None)
    duration = content.audio.size * content.word_seconds
    return SourcePrint(content.audio[::RECIPE_STRIDE], np.zeros(0), np.zeros(0, np.uint64), duration,
                       Fraction(fps))


def check_edition(source: SourcePrint, edition: Edition, clips: list[tuple[int, int]]) -> None:
    alignment = align(source, decode_audio(edition.path))
    fps = float(source.fps)
    for in_frame, out_frame in clips:
        truth = edition.to_copy(in_frame), edition.to_copy(out_frame)
        mapped = map_clip(alignment, in_frame / fps, out_frame / fps, source, edition.fps)
        assert None not in truth, "a test clip must avoid the removed scene"
        assert abs(mapped.in_frame - truth[0]) <= 1, (edition.name, in_frame, mapped, truth)
        assert abs(mapped.out_frame - truth[1]) <= 1, (edition.name, out_frame, mapped, truth)
        assert mapped.confidence > 0.5


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, list[Edition]]:
    folder = tmp_path_factory.mktemp("film")
    original = film(folder / "film.mp4")
    return original, editions(original, folder, Fraction(24), 320, 180)


def test_generated_film_maps_to_every_edition_within_a_frame(generated) -> None:
    original, made = generated
    source = source_print(original, 24)
    for edition in made:
        check_edition(source, edition, FILM_CLIPS)


def test_the_removed_scene_is_named_and_its_clips_refused(generated) -> None:
    original, made = generated
    source = source_print(original, 24)
    short = next(e for e in made if e.name == "scene_removed")
    alignment = align(source, decode_audio(short.path))
    assert len(alignment.missing) == 1
    start, end = alignment.missing[0]
    assert start <= CUT_FROM and end >= CUT_TO and end - start < 2 * (CUT_TO - CUT_FROM)
    with pytest.raises(AlignmentError, match="lacks source"):
        map_clip(alignment, 11.0, 12.5, source, short.fps)
    whole = next(e for e in made if e.name == "reencoded")
    assert align(source, decode_audio(whole.path)).missing == ()


def test_the_speed_change_is_recognised(generated) -> None:
    original, made = generated
    alignment = align(source_print(original, 24), decode_audio(next(e for e in made if e.name == "pal").path))
    assert alignment.hypothesis.speed == Fraction(25, 24) and alignment.hypothesis.pitch


def test_a_different_film_is_refused(generated, tmp_path) -> None:
    original, _ = generated
    other = film(tmp_path / "other.mp4", seed=99)  # the same pictures, other noise: only the audio differs
    with pytest.raises(AlignmentError, match="different film"):
        align(source_print(original, 24), decode_audio(other))


@pytest.mark.parametrize("name", sorted(REAL_CLIPS))
def test_real_clip_maps_to_every_edition_within_a_frame(name: str, tmp_path) -> None:
    path = SHARED_MEDIA / name
    if not path.is_file():
        pytest.skip(f"shared media absent: {path}")
    fps, width, height, clips = REAL_CLIPS[name]
    cut_first, cut_last = CUT_FROM * fps, CUT_TO * fps
    assert all(out <= cut_first - 36 or start >= cut_last + 36 for start, out in clips)
    source = source_print(path, fps)
    for edition in editions(path, tmp_path, Fraction(fps), width, height):
        check_edition(source, edition, clips)


def test_a_real_clip_is_not_found_in_another() -> None:
    bunny, sintel = (SHARED_MEDIA / n for n in sorted(REAL_CLIPS))
    if not (bunny.is_file() and sintel.is_file()):
        pytest.skip("shared media absent")
    with pytest.raises(AlignmentError, match="different film"):
        align(source_print(bunny, 24), decode_audio(sintel))


def test_a_clip_to_the_last_frame_maps_though_frames_over_fps_pass_the_reported_duration() -> None:
    """185 frames at 29.97 fps end at 6.173 s; the stream said 6.166 s, and the audio piece ended there: the
    cut of a whole short video could not be placed in the very library it came from (His Girl Friday clip).
    Less than a frame past the end still maps; a whole frame past it does not."""
    from index.align import Alignment, Hypothesis, Piece

    fps = Fraction(30000, 1001)
    source = SourcePrint(np.zeros(8, np.uint32), np.zeros(1), np.zeros(0, np.uint64), 6.166, fps)
    alignment = Alignment(Hypothesis(Fraction(1), False), (Piece(0.0, 6.166, 0.0, 0.0),), (), 6.166, None)
    mapped = map_clip(alignment, 0.0, 185 / float(fps), source, fps)
    assert (mapped.in_frame, mapped.out_frame) == (0, 185)
    with pytest.raises(AlignmentError, match="not in the copy"):
        map_clip(alignment, 0.0, 6.166 + 1.5 / float(fps), source, fps)
