"""The film-length benchmark input, built from generated clips (no shared media needed): its length,
format, letterboxing of anamorphic clips, dialogue sidecar, and that each clip is encoded only once."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from benchmarks.film_input import build_film, film_path, subtitles_path
from index.probe import probe
from index.subtitles import read_subtitle_file
from tests.media_factory import run_ffmpeg

TALK_SECONDS, WIDE_SECONDS = 4.1, 3  # the two source clips; one loop of the film is ~7 s


def _talk_clip(path: Path) -> Path:
    """4.1 s of moving test pattern at 30 fps with a tone, and a sidecar with one line at 1-2 s. Like some
    real clips its picture starts late and, at 24 fps, ends before its sound does."""
    run_ffmpeg(["-itsoffset", "0.04",
                "-f", "lavfi", "-i", f"testsrc2=size=320x240:rate=30:duration={TALK_SECONDS}",
                "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=22050:duration={TALK_SECONDS}",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", str(path)])
    sidecar = path.with_name(f"{path.stem}.en.vtt")
    sidecar.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello there.\n")
    return path


def _wide_clip(path: Path) -> Path:
    """3 s of plain red, silent, 240x100 stored with 2:1 pixels: it displays at 4.8:1."""
    run_ffmpeg(["-f", "lavfi", "-i", f"color=c=red:size=240x100:rate=30:duration={WIDE_SECONDS}",
                "-vf", "setsar=2/1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                str(path)])
    return path


@pytest.fixture(scope="module")
def film(tmp_path_factory) -> tuple[Path, Path]:
    """A 1-minute film from the two clips, and the folder of its encoded parts."""
    root = tmp_path_factory.mktemp("film")
    sources = [_talk_clip(root / "talk.mp4"), _wide_clip(root / "wide.mp4")]
    parts = root / "parts"
    return build_film(sources, 1, film_path(1, root), parts), parts


def _frames(path: Path) -> int:
    with av.open(str(path)) as container:
        return container.streams.video[0].frames


def _frame_at(path: Path, seconds: float) -> np.ndarray:
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            if frame.time is not None and frame.time >= seconds:
                return frame.to_ndarray(format="rgb24")
    raise AssertionError(f"no frame at {seconds} s in {path}")


def test_the_film_is_at_least_the_length_asked_in_1080p_h264_aac_stereo_24fps(film) -> None:
    path, parts = film
    talk, wide = _frames(parts / "talk.mp4"), _frames(parts / "wide.mp4")
    assert (talk, wide) == pytest.approx((TALK_SECONDS * 24, WIDE_SECONDS * 24), abs=1.5)
    assert path.name == "film_1min_1080p.mp4"  # the cache key holds the length
    with av.open(str(path)) as container:
        seconds = container.duration / 1_000_000
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert (video.codec_context.name, video.width, video.height) == ("h264", 1920, 1080)
        assert (audio.codec_context.name, audio.codec_context.channels) == ("aac", 2)
        frame_times = [float(f.pts * f.time_base) for f in container.decode(video=0)]
    assert 60 <= seconds < 60 + TALK_SECONDS + WIDE_SECONDS  # looped until the length is reached, then stops
    # 8 loops (~56 s), then the first clip again: every frame at 24 fps, no hole or overlap at a join
    assert len(frame_times) == 8 * (talk + wide) + talk
    first = frame_times[0]  # the muxer may start the picture an AAC priming delay late
    assert first < 0.05
    assert frame_times == pytest.approx([first + n / 24 for n in range(len(frame_times))], abs=1e-3)
    info = probe(path)
    assert (info.fps, info.frame_count) == (24, len(frame_times))
    assert seconds == pytest.approx(len(frame_times) / 24, abs=0.05)


def test_anamorphic_clips_keep_their_shape_inside_the_letterbox(film) -> None:
    path, _ = film
    frame = _frame_at(path, TALK_SECONDS + 1.5)  # inside the first showing of the wide red clip
    # 4.8:1 in 1920x1080 is 1920x400, so black bars of 340 rows above and below (with square pixels
    # assumed it would be 2.4:1, 800 rows high, and row 200 would be red).
    assert frame[200, 960].max() < 40
    assert frame[540, 960, 0] > 200 and frame[540, 960, 1:].max() < 60
    assert frame[900, 960].max() < 40


def test_the_sidecar_repeats_the_clip_s_dialogue_where_each_copy_plays(film) -> None:
    path, parts = film
    cues = read_subtitle_file(subtitles_path(path)).cues
    loop = (_frames(parts / "talk.mp4") + _frames(parts / "wide.mp4")) / 24
    assert [c.text for c in cues] == ["Hello there."] * 9
    for n, cue in enumerate(cues):
        assert float(cue.start) == pytest.approx(n * loop + 1, abs=0.002)
        assert float(cue.end - cue.start) == pytest.approx(1, abs=0.01)


def test_each_clip_is_encoded_once_and_reused_by_a_film_of_another_length(film, tmp_path) -> None:
    path, parts = film
    encoded = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.mp4")}
    assert set(encoded) == {"talk.mp4", "wide.mp4"}
    sources = [path.parent / "talk.mp4", path.parent / "wide.mp4"]
    shorter = build_film(sources, 0.25, film_path(0.25, tmp_path), parts)
    assert {p.name: p.stat().st_mtime_ns for p in parts.glob("*.mp4")} == encoded
    with av.open(str(shorter)) as container:
        # 15 s: two loops (~14 s), then the first clip again reaches the length
        frames = 2 * (_frames(parts / "talk.mp4") + _frames(parts / "wide.mp4")) + _frames(parts / "talk.mp4")
        assert container.streams.video[0].frames == frames


def test_a_length_of_zero_is_refused_before_anything_is_written(film, tmp_path) -> None:
    path, parts = film
    with pytest.raises(ValueError, match="more than 0 minutes"):
        build_film([path.parent / "talk.mp4"], 0, film_path(0, tmp_path), parts)
    assert list(tmp_path.iterdir()) == []


def test_a_part_whose_sound_outlasts_its_picture_joins_without_a_hole(tmp_path) -> None:
    # The normaliser leaves some real clips with an AAC frame or more of sound after the last picture;
    # joined by container length, each join would then skip a frame's time and the film would not be 24 fps.
    parts = tmp_path / "parts"
    parts.mkdir()
    for name, picture, sound in (("long_tail", 2, 2.2), ("even", 1, 1)):
        run_ffmpeg(["-f", "lavfi", "-i", f"testsrc2=size=1920x1080:rate=24:duration={picture}",
                    "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=44100:duration={sound}",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-ac", "2", str(parts / f"{name}.mp4")])
    sources = [tmp_path / "long_tail.mp4", tmp_path / "even.mp4"]  # their parts are already in ``parts``
    film = build_film(sources, 0.1, film_path(0.1, tmp_path), parts)
    with av.open(str(film)) as container:
        frame_times = [float(f.pts * f.time_base) for f in container.decode(video=0)]
    assert len(frame_times) == 2 * (48 + 24)  # 6 s: long_tail, even, long_tail, even
    first = frame_times[0]
    assert frame_times == pytest.approx([first + n / 24 for n in range(len(frame_times))], abs=1e-3)
    assert probe(film).fps == 24
