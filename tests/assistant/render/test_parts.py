"""Rendering in parts: the concat listing, and joining MPEG-TS video segments with one audio track by
stream copy (real ffmpeg): every segment keeps its length and place, however short it is."""

from __future__ import annotations

import threading
import time
from fractions import Fraction
from pathlib import Path

import av
import pytest

from assistant.render import graph as rg
from assistant.render import parts, smart_cut
from assistant.render.ffmpeg import ProgressFn, RenderError, run_ffmpeg
from assistant.render.mp4 import VIDEO_ENCODER, render
from index.probe import probe
from index.shot import VideoInfo
from index.sweep import sweep_temp_files
from tests.render_media import (
    DictSource,
    clip,
    ffmpeg,
    numbered_video,
    read_numbers,
    stream_durations,
    timeline,
)

TINY = (64, 36)  # small frames make small segments: 2-3 frames of them are under 2 KB of MPEG-TS


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> VideoInfo:
    base = tmp_path_factory.getbasetemp() / "render-media"
    base.mkdir(exist_ok=True)
    return probe(numbered_video(base / "tiny_numbered.mp4", size=TINY))


def test_concat_listing_places_each_file_at_its_exact_duration(tmp_path: Path) -> None:
    odd = tmp_path / "it's here.ts"
    listing = parts.concat_listing([(tmp_path / "a.ts", Fraction(3, 25)), (odd, Fraction(1001, 30000))])
    assert listing == (f"file '{tmp_path / 'a.ts'}'\nduration 0.120000000\n"
                       f"file '{tmp_path}/it'\\''s here.ts'\nduration 0.033366667\n")


def test_concat_listing_names_files_by_absolute_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    listing = parts.concat_listing([(Path("seg.ts"), Fraction(1))])
    assert listing == f"file '{tmp_path}/seg.ts'\nduration 1.000000000\n"


def _segment(video: VideoInfo, first: int, end: int, out: Path) -> tuple[Path, Fraction]:
    """Frames ``[first, end)`` of ``video`` encoded the way a re-encode makes its parts."""
    c = clip(video, first, end)
    fmt = rg.output_format([video])
    encoder = [*VIDEO_ENCODER["high"], "-pix_fmt", "yuv420p", "-r", "25"]
    parts.encode_video(rg.clip_input_args(c, video), rg.clip_video_chain(c, video, fmt, end - first), encoder,
                       out, None, "test segment")
    return out, Fraction(end - first) / video.fps


def _audio(seconds: Fraction, out: Path) -> Path:
    ffmpeg("-f", "lavfi", "-i", f"sine=f=440:r=48000:d={float(seconds)}", "-c:a", "aac", str(out))
    return out


@pytest.mark.parametrize("ranges", [
    [(40, 50), (10, 13), (0, 2), (70, 90)],  # tiny segments inside the cut
    [(10, 13), (40, 50)],  # a tiny first segment used to fail the whole join ("End of file")
    [(20, 22), (30, 42)],  # less reorder delay (no B-frames) before more: decode times step back
    [(60, 62)],
], ids=["middle", "first", "delays", "alone"])
def test_join_keeps_every_segment_its_length_and_its_place(tiny: VideoInfo, tmp_path: Path, ranges) -> None:
    segments = [_segment(tiny, a, b, tmp_path / f"part{n}.ts") for n, (a, b) in enumerate(ranges)]
    total = sum(length for _, length in segments)
    audio = _audio(total, tmp_path / "audio.m4a")
    out = tmp_path / "joined.mp4"
    parts.join(segments, audio, out, tiny.fps, None)
    assert read_numbers(out, size=TINY) == [n for a, b in ranges for n in range(a, b)]
    video_s, audio_s = stream_durations(out)
    assert video_s == total
    assert abs(audio_s - total) < Fraction(1, 25)


def test_a_tiny_segment_is_padded_until_ffmpeg_recognises_it(tiny: VideoInfo, tmp_path: Path) -> None:
    path, _ = _segment(tiny, 20, 22, tmp_path / "two.ts")
    size = path.stat().st_size
    assert size < 10 * 204  # under what ffmpeg's TS probe needs: it would read this as MPEG-PS
    parts.pad_for_probe(path)
    assert path.stat().st_size == parts.MIN_TS_PACKETS * parts.TS_PACKET_BYTES
    with av.open(str(path)) as container:
        assert container.format.name == "mpegts"
    assert read_numbers(path, size=TINY) == [20, 21]  # the padding adds no frames
    parts.pad_for_probe(path)
    assert path.stat().st_size == parts.MIN_TS_PACKETS * parts.TS_PACKET_BYTES  # padding twice adds nothing


def test_a_large_segment_is_left_as_it_is(tiny: VideoInfo, tmp_path: Path) -> None:
    path, _ = _segment(tiny, 0, 60, tmp_path / "long.ts")
    before = path.read_bytes()
    parts.pad_for_probe(path)
    assert path.read_bytes() == before


def test_a_three_frame_clip_after_the_title_is_rendered(tiny: VideoInfo, tmp_path: Path) -> None:
    """Found by the output-time property test: the clip's segment vanished (2.000 s of 2.120 s)."""
    tl = timeline(clip(tiny, 10, 13), title="T")
    out = render(tl, DictSource(tiny), tmp_path / "cut.mp4")
    title = int(tl.output_time(tiny.fps).title_frames)
    assert read_numbers(out, size=TINY)[title:] == [10, 11, 12]
    assert stream_durations(out)[0] == tl.duration == Fraction(53, 25)


def test_smart_cut_keeps_a_two_frame_head_before_a_keyframe(tiny: VideoInfo, tmp_path: Path) -> None:
    tl = timeline(clip(tiny, 10, 30), clip(tiny, 46, 49))  # heads of 2 frames (keyframes every 12)
    pieces = [p for c in tl.clips for p in smart_cut.split_clip(c, tiny, smart_cut.source_frames(tiny))]
    assert smart_cut.eligible(tl, {tiny.id: tiny}) and pieces[0].frames == 2 and pieces[1].copy
    out = render(tl, DictSource(tiny), tmp_path / "cut.mp4")
    assert read_numbers(out, size=TINY) == [*range(10, 30), *range(46, 49)]


def test_sweeping_the_output_folder_during_a_render_leaves_its_work_alone(
    tiny: VideoInfo, tmp_path: Path,
) -> None:
    """The stale-temp sweep another render of this process runs must never take a live work folder."""
    done = threading.Event()
    swept: list[Path] = []

    def sweep_until_done() -> None:
        while not done.is_set():
            swept.extend(sweep_temp_files(tmp_path))

    sweeper = threading.Thread(target=sweep_until_done)
    sweeper.start()
    try:
        tl = timeline(*(clip(tiny, a, a + 5) for a in range(0, 60, 10)), title="T")
        out = render(tl, DictSource(tiny), tmp_path / "cut.mp4")
    finally:
        done.set()
        sweeper.join()
    assert swept == []
    assert stream_durations(out)[0] == tl.duration


def test_reorder_delay_is_measured_per_segment(tiny: VideoInfo, tmp_path: Path) -> None:
    short, _ = _segment(tiny, 20, 22, tmp_path / "short.ts")
    long, _ = _segment(tiny, 30, 54, tmp_path / "long.ts")
    assert parts.reorder_delay(short, tiny.fps) == 0  # two frames: x264 uses no B-frames
    assert parts.reorder_delay(long, tiny.fps) >= 1


def test_parts_run_together_and_report_progress_on_the_calling_thread(tmp_path: Path) -> None:
    reported: list[tuple[float, threading.Thread]] = []

    def make(seconds: int) -> parts.RenderJob:
        source = f"testsrc2=size=64x36:rate=25:duration={seconds}"
        args: list[str | Path] = ["-f", "lavfi", "-i", source, "-f", "mpegts", tmp_path / f"{seconds}.ts"]
        return lambda cancel, _: run_ffmpeg(args, cancel=cancel, what="part")

    parts.run_jobs([(float(n), make(n)) for n in (1, 2, 3)], 2,
                   lambda done: reported.append((done, threading.current_thread())), None)
    assert [len(read_numbers(tmp_path / f"{n}.ts")) for n in (1, 2, 3)] == [25, 50, 75]
    assert sorted(done for done, _ in reported) == [done for done, _ in reported]
    assert reported[-1][0] == 1.0 and {thread for _, thread in reported} == {threading.current_thread()}


def test_parts_running_together_report_their_own_progress_as_they_go() -> None:
    """Two parts side by side (an effects clip and the audio): the long one's own progress shows while it
    runs, from the calling thread, never going back."""
    reported: list[tuple[float, threading.Thread]] = []
    halfway = threading.Event()

    def long_part(cancel: threading.Event | None, progress: ProgressFn | None) -> None:
        assert progress is not None
        for step in range(1, 5):
            progress(step / 4)
            if step == 2:
                halfway.set()
            time.sleep(0.15)

    def short_part(cancel: threading.Event | None, _: object) -> None:
        halfway.wait(5)

    parts.run_jobs([(3.0, long_part), (1.0, short_part)], 2,
                   lambda done: reported.append((done, threading.current_thread())), None)
    values = [done for done, _ in reported]
    assert values == sorted(values) and values[-1] == 1.0
    assert any(0.3 < v < 0.75 for v in values)  # the long part's own progress, before it ended
    assert {thread for _, thread in reported} == {threading.current_thread()}


def test_a_failing_part_stops_the_others_and_is_the_error_raised(tmp_path: Path) -> None:
    outcome: list[str] = []

    def slow(cancel: threading.Event | None, _: object) -> None:
        try:
            run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=600", "-c:v", "libx264",
                        "-preset", "veryslow", "-f", "mpegts", tmp_path / "slow.ts"],
                       cancel=cancel, what="slow part")
        except RenderError as exc:
            outcome.append(str(exc))
            raise

    def broken(cancel: threading.Event | None, _: object) -> None:
        run_ffmpeg(["-i", tmp_path / "missing.mp4", "-f", "null", "-"], cancel=cancel, what="broken part")

    with pytest.raises(RenderError, match="(?s)broken part failed.*missing.mp4"):
        parts.run_jobs([(10.0, slow), (1.0, broken)], 2, None, None)
    assert outcome == ["slow part: cancelled"]  # its ffmpeg was killed, not waited for
