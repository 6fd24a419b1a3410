"""run_ffmpeg: readable errors (the step's name and ffmpeg's last lines), progress from ffmpeg's own
clock, and cancellation that stops an encode at once. (Kills of the CLI: test_ffmpeg_lifecycle.py.)"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from assistant.render.ffmpeg import STDERR_TAIL_LINES, RenderError, run_ffmpeg


def _processes_writing(path: Path) -> list[str]:
    """Command lines of live processes that name ``path`` (an ffmpeg still encoding into it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            argv = (entry / "cmdline").read_bytes().decode(errors="replace")
        except (OSError, IndexError):
            continue  # it exited while we looked
        if state != "Z" and str(path) in argv:
            found.append(argv.replace("\0", " "))
    return found


def _lavfi_encode(seconds: float, out: Path, size: str = "160x90") -> list[str]:
    return ["-f", "lavfi", "-i", f"testsrc2=s={size}:r=25:d={seconds}", "-c:v", "libx264", "-preset",
            "ultrafast", "-f", "mp4", str(out)]


def test_a_bad_input_names_the_step_and_shows_ffmpegs_error(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.mp4"
    garbage.write_bytes(b"this is not a video" * 100)
    with pytest.raises(RenderError) as caught:
        run_ffmpeg(["-i", garbage, "-f", "null", "-"], what="clip of garbage.mp4")
    message = str(caught.value)
    first, *details = message.splitlines()
    assert first.startswith("clip of garbage.mp4 failed (ffmpeg exit code ")
    assert details and len(details) <= STDERR_TAIL_LINES
    assert f"Error opening input file {garbage}" in message
    assert "Invalid data found when processing input" in details[-1]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_the_error_keeps_the_last_lines_of_a_long_stderr() -> None:
    # showinfo logs every frame (at info level), then writing to a full disk fails: ~100 lines in all.
    args = ["-loglevel", "info", "-f", "lavfi", "-i", "testsrc=s=64x36:d=4:r=25,showinfo", "-c:v", "rawvideo",
            "-f", "nut", "/dev/full"]
    with pytest.raises(RenderError) as caught:
        run_ffmpeg(args, what="join")
    first, *details = str(caught.value).splitlines()
    assert first.startswith("join failed (ffmpeg exit code ")
    assert len(details) == STDERR_TAIL_LINES
    assert not any(" n:   0 " in line for line in details)  # the first frames' lines were dropped ...
    assert any("No space left on device" in line for line in details)  # ... the cause at the end kept


def test_progress_rises_to_nearly_one(tmp_path: Path) -> None:
    seen: list[float] = []
    # -re: the input runs in real time, so ffmpeg reports several times (every 0.2 s) whatever the CPU
    args = ["-stats_period", "0.2", "-re", *_lavfi_encode(2, tmp_path / "out.mp4")]
    run_ffmpeg(args, duration=2.0, progress=seen.append, what="encode")
    assert len(seen) >= 4
    assert seen == sorted(seen) and all(0 <= v <= 1 for v in seen)
    assert seen[-1] >= 0.95


def test_cancel_stops_a_long_encode_and_leaves_no_process(tmp_path: Path) -> None:
    out = tmp_path / "long.mp4"
    cancel = threading.Event()
    seen: list[float] = []

    def cancel_once_running(fraction: float) -> None:
        seen.append(fraction)
        cancel.set()  # the encode is under way: ask it to stop

    hour = 3600.0
    with pytest.raises(RenderError, match="^long encode: cancelled$"):
        run_ffmpeg(_lavfi_encode(hour, out, size="1280x720"), duration=hour, progress=cancel_once_running,
                   cancel=cancel, what="long encode")
    assert seen and max(seen) < 0.01  # stopped within the first seconds of an hour-long encode
    assert _processes_writing(out) == []


def test_a_cancel_set_beforehand_starts_nothing(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    out = tmp_path / "never.mp4"
    with pytest.raises(RenderError, match="^title card: cancelled$"):
        run_ffmpeg(_lavfi_encode(1, out), cancel=cancel, what="title card")
    assert not out.exists()


def test_a_failing_progress_callback_stops_ffmpeg_and_propagates(tmp_path: Path) -> None:
    out = tmp_path / "long.mp4"

    def broken(_fraction: float) -> None:
        raise ValueError("the progress bar is gone")

    with pytest.raises(ValueError, match="progress bar is gone"):
        run_ffmpeg(_lavfi_encode(3600, out, size="1280x720"), duration=3600.0, progress=broken, what="render")
    assert _processes_writing(out) == []
