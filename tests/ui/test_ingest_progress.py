"""The upload box's progress line: stage and, on long work (a feature film), the time left."""

from __future__ import annotations

from pathlib import Path

from ui.editor_handlers import _progress_factory, time_left


def test_time_left_follows_the_pace_so_far() -> None:
    assert time_left(60, 0.25) == " · about 3 min left"
    assert time_left(10, 0.5) == " · about 10 s left"
    assert time_left(2, 0.5) == ""  # too early to tell
    assert time_left(60, 0.01) == ""  # no pace yet
    assert time_left(60, 1.0) == ""  # done


def test_progress_lines_name_the_file_and_stage_and_time_left() -> None:
    lines: list[tuple[float, str]] = []
    now = [100.0]
    report = _progress_factory(lambda fraction, text: lines.append((fraction, text)),
                               clock=lambda: now[0])(Path("/x/film.mp4"))
    report("decode", 0, 1000)  # the stage starts at t=100
    assert lines[-1] == (0.0, "film.mp4: decode")
    now[0] = 160.0
    report("decode", 250, 1000)  # a quarter in 60 s: three more quarters to go
    assert lines[-1] == (0.25, "film.mp4: decode · about 3 min left")
