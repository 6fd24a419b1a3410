"""Blur and reframe through real renders: a library ingested from portrait clips (YuNet, dlib, SQLite),
MP4 exports and previews by real ffmpeg, the output decoded and looked at by the same face detector and
recogniser. "faces" is Hopper | Collins | Hopper (2 s shots, hard cuts, panning), 320x320 at 25 fps.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import opentimelineio as otio
import pytest

from assistant.export import export
from assistant.render import effects, smart_cut
from assistant.render.ffmpeg import RenderError
from assistant.render.mp4 import render
from assistant.render.preview import poster, preview
from assistant.timeline.model import NO_FADES, Clip, FaceBlur, Privacy, Timeline
from index.cast import people_by_shot
from index.face_detect import FaceDetector
from index.ingest import ingest
from index.library import Library
from tests.media_factory import FaceShot, face_shots

SHOT = 50  # frames per shot of the fixture


@dataclass(frozen=True)
class FaceLibrary:
    dir: Path
    video_id: str
    frames: int
    hopper: int  # character numbers
    collins: int


@pytest.fixture(scope="module")
def faces(tmp_path_factory, tiny_embedder) -> FaceLibrary:
    media = tmp_path_factory.mktemp("privacy-media")
    made = face_shots(media / "faces.mp4", (FaceShot("hopper", mirrored=True, pan=1),
                                            FaceShot("collins", mirrored=True, pan=-1),
                                            FaceShot("hopper", mirrored=True)))
    directory = tmp_path_factory.mktemp("privacy-lib") / "lib"
    [result] = ingest([made.path], directory, tiny_embedder)
    assert result.status == "added" and result.video is not None, result
    on_screen = people_by_shot(directory, result.video.id)
    hopper, collins = next(iter(on_screen[0])), next(iter(on_screen[1]))
    assert hopper != collins and set(on_screen[2]) == {hopper}
    return FaceLibrary(directory, result.video.id, made.frames, hopper, collins)


@pytest.fixture
def library(faces: FaceLibrary) -> Iterator[Library]:
    lib = Library.open(faces.dir)
    try:
        yield lib
    finally:
        lib.close()


def whole(faces: FaceLibrary, privacy: Privacy, **settings: object) -> Timeline:
    fps = Fraction(25)
    clip = Clip(faces.video_id, 0, faces.frames, Fraction(0), faces.frames / fps)
    return Timeline(clips=(clip,), privacy=privacy, **settings)  # type: ignore[arg-type]


def frames_of(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="bgr24") for frame in container.decode(video=0)]


def detected(frames: list[np.ndarray]) -> list[int]:
    detector = FaceDetector()
    return [n for n, frame in enumerate(frames) if detector.detect(frame)]


def test_blur_all_leaves_no_face_the_detector_can_find(faces, library, tmp_path) -> None:
    source = frames_of(Path(library.video(faces.video_id).path))
    assert len(detected(source)) == faces.frames  # every source frame has a face
    out = render(whole(faces, Privacy(blur="all")), library, tmp_path / "blurred.mp4")
    blurred = frames_of(out)
    assert len(blurred) == faces.frames
    assert detected(blurred) == []
    with av.open(str(out)) as container:
        assert container.streams.audio  # the audio track is kept


def test_all_but_keeps_the_named_character_recognisable(faces, library, tmp_path) -> None:
    timeline = whole(faces, Privacy(blur="all_but", people=(faces.collins,)))
    out = render(timeline, library, tmp_path / "but.mp4")
    frames = frames_of(out)
    detector, matcher = FaceDetector(), effects.CastMatcher(faces.dir)
    collins_frames = range(SHOT, 2 * SHOT)
    recognised = 0
    for n in collins_frames:
        found = detector.detect(frames[n])
        rgb = np.ascontiguousarray(frames[n][:, :, ::-1])
        recognised += any(matcher([(rgb, face)]) == faces.collins for face in found)
    assert recognised >= 0.95 * len(collins_frames)
    hopper_frames = [*range(0, SHOT), *range(2 * SHOT, faces.frames)]
    assert [n for n in detected(frames) if n in hopper_frames] == []


def test_only_blurs_the_named_character(faces, library, tmp_path) -> None:
    out = render(whole(faces, Privacy(blur="only", people=(faces.collins,))), library, tmp_path / "only.mp4")
    seen = set(detected(frames_of(out)))
    assert not seen & set(range(SHOT, 2 * SHOT))
    assert len(seen & set(range(0, SHOT))) >= 0.95 * SHOT


def test_reframe_to_vertical_keeps_the_face_in_the_picture(faces, library, tmp_path) -> None:
    out = render(whole(faces, Privacy(aspect="9:16")), library, tmp_path / "vertical.mp4")
    frames = frames_of(out)
    assert frames[0].shape[:2] == (320, 180)  # the source's full height, 9:16, even
    assert len(detected(frames)) >= 0.95 * faces.frames


def test_crop_path_is_bounded_inside_shots_and_resets_at_cuts(faces, library) -> None:
    video = library.video(faces.video_id)
    timeline = whole(faces, Privacy(aspect="1:1"))
    analysis = effects.analyse_for(timeline.clips[0], video, timeline.privacy, library)
    assert analysis.cuts == (SHOT, 2 * SHOT)  # from the library's shots
    assert analysis.crop is not None and analysis.crop_size == (320, 320)  # a square source: no room to move
    vertical = effects.analyse_for(timeline.clips[0], video, Privacy(aspect="9:16"), library)
    path = vertical.crop
    assert path is not None
    moves = np.abs(np.diff(path[:, 0]))
    bound = 0.02 * 320 + 1  # MAX_STEP of the long side, plus rounding to whole pixels
    inside = [m for n, m in enumerate(moves) if n + 1 not in vertical.cuts]
    assert max(inside) <= bound
    # At each cut the crop starts where the new shot's face is, however far that is.
    for cut in vertical.cuts:
        centre = vertical.face_centres[cut, 0]
        assert path[cut, 0] <= centre <= path[cut, 0] + 180


def test_smart_cut_is_ruled_out_by_a_reframe_and_says_why(tmp_path) -> None:
    from index.probe import probe
    from tests.render_media import clip as clip_of
    from tests.render_media import numbered_video

    video = probe(numbered_video(tmp_path / "numbers.mp4", seconds=2))
    videos = {video.id: video}
    plain = Timeline(clips=(clip_of(video, 3, 40),))
    assert smart_cut.eligible(plain, videos) and smart_cut.reencode_reason(plain) is None
    vertical = Timeline(clips=plain.clips, privacy=Privacy(blur="all", aspect="9:16"))
    assert not smart_cut.eligible(vertical, videos)
    assert smart_cut.reencode_reason(vertical) == (
        "face blur and reframing to 9:16 change every frame: the export re-encodes the whole cut (slower)")
    blurred = Timeline(clips=plain.clips, privacy=Privacy(blur="all"))
    assert smart_cut.eligible(blurred, videos)  # a blur re-encodes only the shots with a face to blur
    assert smart_cut.reencode_reason(blurred) == (
        "face blur changes the frames with faces: the export re-encodes the shots that show them (slower)")


def test_preview_cache_keys_include_privacy(faces, library, tmp_path) -> None:
    plain = preview(whole(faces, Privacy()), library, faces.dir)
    blurred = preview(whole(faces, Privacy(blur="all")), library, faces.dir)
    titled = whole(faces, Privacy(aspect="9:16"), title="On my phone")
    vertical = preview(titled, library, faces.dir)
    assert len({plain, blurred, vertical}) == 3
    assert len(detected(frames_of(plain))) == faces.frames
    assert detected(frames_of(blurred)) == []
    shown = frames_of(vertical)
    assert len(shown) == titled.output_time().total_frames  # the title card joins at the reframed size
    assert {frame.shape[:2] for frame in shown} == {(360, 202)}
    card = poster(whole(faces, Privacy(blur="all")), library, faces.dir)
    assert card != poster(whole(faces, Privacy()), library, faces.dir)
    assert detected(frames_of(card)) == []


def test_crossfaded_cut_is_blurred_too(faces, library, tmp_path) -> None:
    fps = Fraction(25)
    first = Clip(faces.video_id, 0, 2 * SHOT, Fraction(0), 2 * SHOT / fps)
    second = Clip(faces.video_id, 2 * SHOT, faces.frames, 2 * SHOT / fps, faces.frames / fps)
    timeline = Timeline(clips=(first, second), transition="crossfade", transition_seconds=0.4,
                        privacy=Privacy(blur="all"))
    out = render(timeline, library, tmp_path / "xfade.mp4")
    frames = frames_of(out)
    assert len(frames) == timeline.output_time(fps).total_frames
    assert detected(frames) == []


def test_progress_and_cancel(faces, library, tmp_path) -> None:
    seen: list[float] = []
    render(whole(faces, Privacy(aspect="4:5")), library, tmp_path / "progress.mp4", progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 3
    cancel = threading.Event()

    def cancel_midway(done: float) -> None:
        if done > 0.1:
            cancel.set()

    with pytest.raises(RenderError, match="cancelled"):
        render(whole(faces, Privacy(blur="all")), library, tmp_path / "cancelled.mp4", progress=cancel_midway,
               cancel=cancel)
    assert effects.FRAME_BUDGET.free == effects.FRAME_BUFFER_BYTES  # the kept frames were let go
    assert not (tmp_path / "cancelled.mp4").exists()


def test_exports_carry_the_crop_path_and_blur_regions(faces, library, tmp_path) -> None:
    timeline = whole(faces, Privacy(blur="all", aspect="9:16"))
    otio_file = export(timeline, library, "otio", tmp_path / "cut.otio")
    [clip] = list(otio.adapters.read_from_file(str(otio_file)).find_clips())
    privacy = json.loads(clip.to_json_string())["metadata"]["personalcut"]["privacy"]
    assert privacy["aspect"] == "9:16" and privacy["crop"]["size"] == [180, 320]
    keys = privacy["crop"]["keyframes"]
    assert [k[0] for k in keys][:2] == [0, 12] and {SHOT, 2 * SHOT} <= {k[0] for k in keys}
    assert len(privacy["blur"]) >= 3  # a face in each shot
    names = [m.name for m in clip.markers]
    assert sum(n.startswith("blurred face") for n in names) == len(privacy["blur"])
    assert sum(n.startswith("reframe 9:16") for n in names) == 3
    fcpxml = export(timeline, library, "fcpxml", tmp_path / "cut.fcpxml").read_text()
    assert fcpxml.count('value="reframe 9:16: crop 180x320') == 3
    assert fcpxml.count('value="blurred face at') == len(privacy["blur"])


SHARED = Path("/work/shared/media/tears_of_steel_opening_64s_512x120.mp4")


@pytest.mark.skipif(not SHARED.is_file(), reason="the shared media folder is not here")
def test_blur_all_on_a_real_film_clip(tmp_path) -> None:
    """Celia and Thom on the bridge (frames 480-840 of the Tears of Steel opening, two faces most of the
    time): faces the detector finds in the source are gone from the render."""
    from index.probe import probe
    from tests.render_media import DictSource

    video = probe(SHARED)
    first, last = 480, 840
    clip = Clip(video.id, first, last, first / video.fps, last / video.fps)
    timeline = Timeline(clips=(clip,), privacy=Privacy(blur="all"))
    source_frames = []
    with contextlib.closing(av.open(str(SHARED))) as container:
        for n, frame in enumerate(container.decode(video=0)):
            if n >= last:
                break
            if n >= first:
                source_frames.append(frame.to_ndarray(format="bgr24"))
    with_faces = set(detected(source_frames))
    assert len(with_faces) > 200
    out = render(timeline, DictSource(video), tmp_path / "tears.mp4")
    still_seen = with_faces & set(detected(frames_of(out)))
    assert len(still_seen) <= 0.02 * len(with_faces)


LOSSLESS = ["-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", "-f", "mp4"]


def test_one_decode_renders_what_a_second_decode_renders(faces, library, tmp_path, monkeypatch) -> None:
    """The single-decode path (frames kept until the crop path is known) and the fallback for clips too
    big to keep (decoded again) give the same frames, and the frame budget is whole again after each."""
    from assistant.render import graph as rg

    video = library.video(faces.video_id)
    clip = whole(faces, Privacy()).clips[0]
    fmt = rg.OutputFormat(180, 320, video.fps)
    privacy = Privacy(blur="all", aspect="9:16")
    outputs = []
    for budget in (effects.FRAME_BUFFER_BYTES, 40 * effects.Yuv420.nbytes((320, 320))):  # all, then 40 frames
        monkeypatch.setattr(effects, "FRAME_BUDGET", effects._FrameBudget(budget))
        effects._ANALYSES.clear()
        out = tmp_path / f"kept{budget}.mp4"
        analysis = effects.render_with_effects(clip, video, privacy, library, fmt, faces.frames,
                                               NO_FADES, LOSSLESS, out)
        assert effects.FRAME_BUDGET.free == budget
        assert len(analysis.blurred) >= 2  # Hopper and Collins, at least
        outputs.append(frames_of(out))
    kept, decoded_again = outputs
    assert len(kept) == len(decoded_again) == faces.frames
    assert all(np.array_equal(a, b) for a, b in zip(kept, decoded_again, strict=True))
    assert detected(kept) == []
    # The analysis remembered by the render serves the export after it (no third analysis).
    assert effects.analyse_for(clip, video, privacy, library) is analysis


def test_streamed_blur_encodes_while_looking_and_matches_a_render_of_the_finished_analysis(
        faces, library, tmp_path, monkeypatch) -> None:
    """Blurring everyone streams: the encoder gets its first frame a few dozen frames into the decode (not
    after the whole clip, and no frame budget is taken), and the frames equal a render from the finished
    analysis (the remembered one, through a decoder of its own)."""
    from assistant.render import graph as rg

    video = library.video(faces.video_id)
    clip = whole(faces, Privacy()).clips[0]
    fmt = rg.OutputFormat(320, 320, video.fps)
    decoded, at_first_send = [0], []
    frames_before, writer_before = effects._frames, effects._blurring_writer

    def counting_frames(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        for frame in frames_before(*args, **kwargs):  # type: ignore[arg-type]
            decoded[0] += 1
            yield frame

    @contextlib.contextmanager
    def watching_writer(*args: object):  # type: ignore[no-untyped-def]
        with writer_before(*args) as send:  # type: ignore[arg-type]
            def watched(frame: effects.Yuv420, regions: list) -> None:
                if not at_first_send:
                    at_first_send.append(decoded[0])
                send(frame, regions)
            yield watched

    monkeypatch.setattr(effects, "_frames", counting_frames)
    monkeypatch.setattr(effects, "_blurring_writer", watching_writer)
    budget = 60 * effects.Yuv420.nbytes((320, 320))  # under half the clip: it must not wait whole
    monkeypatch.setattr(effects, "FRAME_BUDGET", effects._FrameBudget(budget))
    effects._ANALYSES.clear()
    streamed = effects.render_with_effects(clip, video, Privacy(blur="all"), library, fmt, faces.frames,
                                           NO_FADES, LOSSLESS, tmp_path / "streamed.mp4")
    assert decoded[0] == faces.frames  # one decode
    assert effects.FRAME_BUDGET.free == budget
    assert at_first_send and at_first_send[0] <= 2 * effects.SETTLE_FRAMES + 2 * effects.LOOKS_IN_FLIGHT + 8
    again = effects.render_with_effects(clip, video, Privacy(blur="all"), library, fmt, faces.frames,
                                        NO_FADES, LOSSLESS, tmp_path / "from_analysis.mp4")
    assert again is streamed  # the remembered analysis: rendered by ``render_clip``
    first, second = frames_of(tmp_path / "streamed.mp4"), frames_of(tmp_path / "from_analysis.mp4")
    assert len(first) == len(second) == faces.frames
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))
    assert detected(first) == []


def test_whole_looks_in_threads_build_the_tracks_a_single_thread_builds(faces, library) -> None:
    from assistant.render.face_boxes import FaceBoxBuilder

    video = library.video(faces.video_id)
    clip = whole(faces, Privacy()).clips[0]
    cuts = effects.clip_cuts(clip, library)
    state = effects.ClipAnalysis(clip, video, Privacy(blur="all"), cuts, None)
    sequential = FaceBoxBuilder(faces.frames, cuts, state.builder.scale, state.builder.to_embed)
    looked = sorted(state.looks)
    shape = (state.small[1], state.small[0], 3)
    with effects._decoder(clip, video, state.small, looked) as proc, \
            contextlib.closing(effects._frames(proc, shape, None, "t")) as frames:
        for index, bgr in zip(looked, frames, strict=True):
            sequential.look(index, bgr.copy(), keep_crops=False, whole=state.looks[index])
            state.look(index, bgr)
    threaded = state.finish()
    assert len(state.builder.tracks) == len(sequential.tracks) >= 2
    assert [t.looks for t in state.builder.tracks] == [t.looks for t in sequential.tracks]
    assert len(threaded.blurred) == len([t for t in sequential.tracks if t.looks])


def test_reduced_frames_are_what_the_analysis_decoder_delivers(faces, library, tmp_path) -> None:
    """The render decoder's frames shrunk here match ffmpeg's own area-scaled BGR frames (even sizes, and
    an odd source size through the fallback)."""
    from index.face_detect import working_size
    from tests.render_media import numbered_video

    cases = [(library.video(faces.video_id), (200, 200))]
    odd = numbered_video(tmp_path / "odd.mp4", seconds=1, size=(322, 181),  # 4:4:4 allows odd sizes
                         codec=["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv444p"])
    from index.probe import probe

    odd_video = probe(odd)
    cases.append((odd_video, working_size(odd_video.display_width, odd_video.height)))
    for video, small in cases:
        clip = Clip(video.id, 0, 12, Fraction(0), 12 / video.fps)
        size = (video.display_width, video.height)
        looked = list(range(12))
        with effects._decoder(clip, video, small, looked) as proc, \
                contextlib.closing(effects._frames(proc, (small[1], small[0], 3), None, "a")) as frames:
            expected = list(frames)
        shape = (effects.Yuv420.nbytes(size),)
        with effects._decoder(clip, video, size) as proc, \
                contextlib.closing(effects._frames(proc, shape, None, "r")) as frames:
            reduced = [effects.reduced_bgr(effects.Yuv420(data, size), small) for data in frames]
        assert len(reduced) == len(expected) == 12
        for mine, theirs in zip(reduced, expected, strict=True):
            assert mine.shape == theirs.shape
            difference = np.abs(mine.astype(int) - theirs.astype(int))
            assert difference.mean() < 3.0, (video.path, difference.mean())


def test_effect_exports_use_the_cheaper_motion_search_and_put_opencv_threads_back(faces, library,
                                                                                  tmp_path) -> None:
    import cv2

    threads = cv2.getNumThreads()

    def x264_options(path: Path) -> bytes:
        data = path.read_bytes()
        start = data.index(b"x264 - core")
        return data[start:data.index(b"\x00", start)]

    blurred = render(whole(faces, Privacy(blur="all")), library, tmp_path / "blurred.mp4")
    plain = render(whole(faces, Privacy()), library, tmp_path / "plain.mp4", allow_smart_cut=False)
    assert b" me=dia " in x264_options(blurred) and b" subme=1 " in x264_options(blurred)
    assert b" me=hex " in x264_options(plain) and b" subme=2 " in x264_options(plain)
    assert b" mbtree=1 " in x264_options(blurred)  # the lookahead's macroblock tree is kept
    assert cv2.getNumThreads() == threads


def test_effects_keep_a_full_range_source_s_colours(faces, library, tmp_path) -> None:
    """The fixture is full-range (yuvj420p, from JPEG-like frames): frames through the effects pipe look
    like a plain re-encode's (a square crop of a square picture changes no pixel)."""
    with av.open(library.video(faces.video_id).path) as container:
        assert container.streams.video[0].codec_context.color_range == 2  # full ("pc") range
    square = frames_of(render(whole(faces, Privacy(aspect="1:1")), library, tmp_path / "square.mp4"))
    plain = frames_of(render(whole(faces, Privacy()), library, tmp_path / "plain.mp4", allow_smart_cut=False))
    assert len(square) == len(plain) == faces.frames
    difference = np.mean([np.abs(a.astype(int) - b.astype(int)).mean()
                          for a, b in zip(square, plain, strict=True)])
    assert difference < 4.0, difference  # 9.8 when full-range values went through as limited ones


def test_blur_by_person_streams_shot_by_shot_and_decodes_again_past_the_budget(
        faces, library, tmp_path, monkeypatch) -> None:
    """"Everyone but Hopper": a shot's frames go out once the looks pass its end (whole tracks named);
    with a budget smaller than a shot, the decode goes on for the analysis and the frames not sent are
    decoded again. Both give the frames a render from the finished analysis gives, Collins blurred and
    Hopper not, and hand the whole budget back."""
    from assistant.render import graph as rg

    video = library.video(faces.video_id)
    clip = whole(faces, Privacy()).clips[0]
    fmt = rg.OutputFormat(320, 320, video.fps)
    privacy = Privacy(blur="all_but", people=(faces.hopper,))
    frame_bytes = effects.Yuv420.nbytes((320, 320))
    renders = {}
    for budget in (2 * SHOT * frame_bytes, (SHOT // 2) * frame_bytes, 0):
        monkeypatch.setattr(effects, "FRAME_BUDGET", effects._FrameBudget(budget))
        effects._ANALYSES.clear()
        renders[budget] = tmp_path / f"by_person{budget}.mp4"
        analysis = effects.render_with_effects(clip, video, privacy, library, fmt, faces.frames, NO_FADES,
                                               LOSSLESS, renders[budget])
        assert effects.FRAME_BUDGET.free == budget
    reference = tmp_path / "from_analysis.mp4"
    again = effects.render_with_effects(clip, video, privacy, library, fmt, faces.frames, NO_FADES,
                                        LOSSLESS, reference)
    assert again is analysis  # remembered: ``render_clip``
    expected = frames_of(reference)
    assert len(expected) == faces.frames
    for path in renders.values():
        got = frames_of(path)
        assert len(got) == faces.frames
        assert all(np.array_equal(a, b) for a, b in zip(got, expected, strict=True))
    seen = set(detected(expected))
    assert set(range(SHOT, 2 * SHOT)).isdisjoint(seen)  # Collins (shot 2) blurred
    assert len(seen & set(range(SHOT))) >= 0.9 * SHOT  # Hopper (shot 1) left clear


def test_blur_by_person_sends_a_named_face_before_its_shot_ends_and_renders_again_after_a_wrong_guess(
        faces, library, tmp_path, monkeypatch) -> None:
    """The ingest's faces name Hopper's track once it is ``GUESS_LOOKS`` looks old, so the encoder gets
    the first shot's frames while the shot is still being looked at (fewer than a shot's frames wait at
    once). A guess that the whole track overturns (forced here: every guess says "blur") makes the clip
    render again: the output is still exactly the finished analysis' render, Hopper clear."""
    from assistant.render import graph as rg

    video = library.video(faces.video_id)
    clip = whole(faces, Privacy()).clips[0]
    fmt = rg.OutputFormat(320, 320, video.fps)
    privacy = Privacy(blur="all_but", people=(faces.hopper,))
    most_held = 0
    hold = effects._HeldFrames.hold

    def counting(self, index, data):  # type: ignore[no-untyped-def]
        nonlocal most_held
        kept = hold(self, index, data)
        most_held = max(most_held, len(self.frames))
        return kept

    monkeypatch.setattr(effects._HeldFrames, "hold", counting)
    effects._ANALYSES.clear()
    streamed = tmp_path / "streamed.mp4"
    effects.render_with_effects(clip, video, privacy, library, fmt, faces.frames, NO_FADES, LOSSLESS,
                                streamed)
    assert 0 < most_held < SHOT  # waiting for whole tracks held a whole shot and more
    reference = tmp_path / "reference.mp4"
    effects.render_with_effects(clip, video, privacy, library, fmt, faces.frames, NO_FADES, LOSSLESS,
                                reference)  # remembered analysis: rendered from it
    expected = frames_of(reference)
    assert all(np.array_equal(a, b) for a, b in zip(frames_of(streamed), expected, strict=True))

    guessed = effects.ClipAnalysis._guess

    def always_blur(self, track, sure_only=False):  # type: ignore[no-untyped-def]
        return guessed(self, track, sure_only) is not None or None  # a guess made says "blur"

    renders_again = []
    render_clip = effects.render_clip

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        renders_again.append(1)
        return render_clip(*args, **kwargs)

    monkeypatch.setattr(effects.ClipAnalysis, "_guess", always_blur)
    monkeypatch.setattr(effects, "render_clip", counted)
    effects._ANALYSES.clear()
    wrong = tmp_path / "wrong_guess.mp4"
    effects.render_with_effects(clip, video, privacy, library, fmt, faces.frames, NO_FADES, LOSSLESS,
                                wrong)
    assert renders_again == [1]
    got = frames_of(wrong)
    assert len(got) == faces.frames
    assert all(np.array_equal(a, b) for a, b in zip(got, expected, strict=True))
    seen = set(detected(got))
    assert len(seen & set(range(SHOT))) >= 0.9 * SHOT  # Hopper clear after all


def shots_as_clips(faces: FaceLibrary, blurs: tuple[FaceBlur | None, ...], privacy: Privacy | None = None,
                   **settings: object) -> Timeline:
    """The fixture's three shots as three clips, each with its own blur (None: the cut's)."""
    fps = Fraction(25)
    clips = tuple(Clip(faces.video_id, n * SHOT, (n + 1) * SHOT, n * SHOT / fps, (n + 1) * SHOT / fps,
                       blur=blur) for n, blur in enumerate(blurs))
    privacy = privacy or Privacy()
    return Timeline(clips=clips, privacy=privacy, **settings)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def copyable(faces: FaceLibrary, tmp_path_factory, tiny_embedder) -> FaceLibrary:
    """The fixture re-encoded as cameras and films are (limited-range 4:2:0, a keyframe every second), so a
    smart cut can copy its frames, then a fourth shot with no face (a test pattern, 2 s); ingested without
    faces (a blur of everyone needs no cast)."""
    from index.ffmpeg_bin import ffmpeg_exe

    copy = tmp_path_factory.mktemp("copyable") / "faces_tv.mp4"
    with contextlib.closing(Library.open(faces.dir)) as library:
        original = library.video(faces.video_id).path
    pattern = f"testsrc2=size=320x320:rate=25:duration={SHOT / 25}"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", original, "-f", "lavfi",
                    "-i", pattern, "-filter_complex", "[0:v]scale=out_range=tv,setsar=1[a];"
                    "[1:v]scale=out_range=tv,setsar=1[b];[a][b]concat=n=2:v=1[v]", "-map", "[v]",
                    "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p",
                    "-color_range", "tv", str(copy)], check=True)
    directory = tmp_path_factory.mktemp("copyable-lib") / "lib"
    [result] = ingest([copy], directory, tiny_embedder, faces=False)
    assert result.video is not None, result
    return FaceLibrary(directory, result.video.id, result.video.frame_count, 0, 0)


def test_a_blur_of_one_clip_covers_that_clip_only(copyable, tmp_path) -> None:
    """"blur the faces in clip 2": the export (a smart cut copying what it can of clips 1 and 3, or a whole
    re-encode), the preview and the OTIO marks blur clip 2 and leave the faces of clips 1 and 3 as they
    were."""
    timeline = shots_as_clips(copyable, (None, FaceBlur("all"), None))
    assert smart_cut.reencode_reason(timeline) == (
        "face blur in clip 2 changes the frames with faces: the export re-encodes the shots that show them "
        "(slower)")
    with contextlib.closing(Library.open(copyable.dir)) as library:
        video = library.video(copyable.video_id)
        assert smart_cut.eligible(timeline, {video.id: video})
        pieces = smart_cut.plan_pieces(timeline, {video.id: video})
        assert [p.clip for p in pieces if p.privacy is not None] == [timeline.clips[1]]
        assert any(p.copy for p in pieces)  # clips 1 and 3 are copied, at least in part
        smart = render(timeline, library, tmp_path / "clip2.mp4")
        whole_encode = render(timeline, library, tmp_path / "clip2-reencoded.mp4", allow_smart_cut=False)
        for out in (smart, whole_encode, preview(timeline, library, copyable.dir)):
            shown = frames_of(out)
            assert len(shown) == 3 * SHOT, out
            seen = set(detected(shown))
            assert not seen & set(range(SHOT, 2 * SHOT)), out
            assert len(seen & {*range(SHOT), *range(2 * SHOT, 3 * SHOT)}) >= 0.95 * 2 * SHOT, out
        otio_file = export(timeline, library, "otio", tmp_path / "cut.otio")
    clips = list(otio.adapters.read_from_file(str(otio_file)).find_clips())
    marked = ["privacy" in json.loads(c.to_json_string())["metadata"]["personalcut"] for c in clips]
    assert marked == [False, True, False]


def test_a_clip_left_clear_in_a_blurred_crossfaded_cut(faces, library, tmp_path) -> None:
    """Everyone blurred but clip 2 ("don't blur clip 2"), crossfades between the clips: clip 2's own frames
    keep their face; the others' have none."""
    timeline = shots_as_clips(faces, (None, FaceBlur("none"), None), Privacy(blur="all"),
                              transition="crossfade", transition_seconds=0.4)
    out = render(timeline, library, tmp_path / "xfade.mp4")
    frames = frames_of(out)
    out_time = timeline.output_time(Fraction(25))
    assert len(frames) == out_time.total_frames
    starts = [round(span.start * 25) for span in out_time.spans]
    seen = set(detected(frames))
    overlap = 10  # 0.4 s at 25 fps, where two clips show at once
    clear = set(range(starts[1] + overlap, starts[2]))
    assert len(seen & clear) >= 0.95 * len(clear)
    blurred_first = set(range(0, starts[1]))
    blurred_last = set(range(starts[2] + overlap, len(frames)))
    assert not seen & (blurred_first | blurred_last)


def test_a_blur_re_encodes_only_the_shots_with_a_face(copyable, tmp_path) -> None:
    """"blur everyone" on a clip of the three face shots and the test pattern: the export is a smart cut
    whose face shots are re-encoded with the blur and whose face-free shot is cut like any clip (its
    frames copied from the source where a keyframe allows)."""
    fps = Fraction(25)
    frames = 4 * SHOT
    timeline = Timeline(clips=(Clip(copyable.video_id, 0, frames, Fraction(0), frames / fps),),
                        privacy=Privacy(blur="all"))
    with contextlib.closing(Library.open(copyable.dir)) as library:
        video = library.video(copyable.video_id)
        assert video.frame_count == frames
        assert smart_cut.eligible(timeline, {video.id: video})
        pieces = smart_cut.plan_pieces(timeline, {video.id: video}, library)
        blurred = [p for p in pieces if p.privacy is not None]
        assert [(p.clip.in_frame, p.clip.out_frame) for p in blurred] == [(0, 3 * SHOT)]  # the face shots
        assert any(p.copy and p.clip.in_frame >= 3 * SHOT for p in pieces)  # the pattern, copied
        out = render(timeline, library, tmp_path / "blurred.mp4")
        source = frames_of(Path(video.path))
    shown = frames_of(out)
    assert len(shown) == frames
    assert detected(shown[: 3 * SHOT]) == []
    copied = [p for p in pieces if p.copy]
    for piece in copied:  # the source's own frames, to the bit
        for n in range(piece.clip.in_frame, piece.clip.out_frame):
            assert np.array_equal(shown[n], source[n]), n


def test_a_clip_with_a_face_in_every_shot_is_blurred_in_one_pass(faces, library) -> None:
    """Where the ingest found a face in each shot, splitting the clip would copy nothing and cost an analysis
    pass of its own: the clip is one piece, analysed while it is encoded (as a re-encode does)."""
    video = library.video(faces.video_id)
    timeline = whole(faces, Privacy(blur="all"))
    [piece] = smart_cut.plan_pieces(timeline, {video.id: video}, library)
    assert piece.privacy == Privacy(blur="all") and piece.analysis is None and piece.clip == timeline.clips[0]
