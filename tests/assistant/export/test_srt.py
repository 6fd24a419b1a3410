"""Re-timed subtitles for a cut: exact arithmetic, and a real render whose frames the cues must match."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.export.srt import MIN_CLIPPED_PART, cut_srt, retime_cues
from assistant.render.mp4 import render
from assistant.timeline.model import TITLE_SECONDS, Clip, Timeline
from index.dialogue import Cue
from index.shot import VideoInfo
from index.subtitles import TimedText, parse_subtitles
from tests.render_media import DictSource, numbered_video, read_numbers
from tests.render_media import clip as numbered_clip


def _clip(video: str, start: str, end: str, speed: float = 1.0) -> Clip:
    s, e = Fraction(start), Fraction(end)
    return Clip(video, int(s * 24), int(e * 24), s, e, speed=speed)


def _cue(video: str, start: str, end: str, text: str) -> Cue:
    return Cue(video, 0, Fraction(start), Fraction(end), text, "sidecar")


CUES = {
    "a": [_cue("a", "0.5", "1.5", "straddles the in point"), _cue("a", "2", "3", "inside"),
          _cue("a", "4.5", "6", "straddles the out point"), _cue("a", "7", "8", "not in the cut")],
    "b": [_cue("b", "11", "13", "at double speed")],
}


def test_title_speed_and_crossfade_shift_cues_exactly() -> None:
    timeline = Timeline(clips=(_clip("a", "1", "5"), _clip("b", "10", "14", speed=2.0)),
                        transition="crossfade", transition_seconds=0.5, title="Our cut")
    assert [s.start for s in timeline.output_spans()] == [TITLE_SECONDS, TITLE_SECONDS + 4 - Fraction(1, 2)]
    parsed = parse_subtitles(cut_srt(timeline, CUES))
    assert parsed.warnings == ()
    assert parsed.cues == (
        TimedText(Fraction(2), Fraction(5, 2), "straddles the in point"),  # clipped to start at the in point
        TimedText(Fraction(3), Fraction(4), "inside"),
        TimedText(Fraction(11, 2), Fraction(6), "straddles the out point"),  # clipped at the out point
        TimedText(Fraction(6), Fraction(7), "at double speed"),  # 1 s into clip b at 2x, lasting 1 s
    )
    assert max(c.end for c in parsed.cues) <= timeline.duration


def test_srt_format_numbering_and_empty_cut(tmp_path: Path) -> None:
    timeline = Timeline(clips=(_clip("a", "1.5", "2.5"), _clip("a", "2.25", "3")))
    text = cut_srt(timeline, CUES)
    assert text.split("\n\n")[0] == "1\n00:00:00,500 --> 00:00:01,000\ninside"
    assert text.split("\n\n")[1] == "2\n00:00:01,000 --> 00:00:01,750\ninside\n"  # shown again by clip 2
    assert cut_srt(timeline, {}) == ""
    assert cut_srt(Timeline(clips=(_clip("a", "9", "10"),)), CUES) == ""


def test_a_line_the_cut_only_grazes_is_left_out() -> None:
    # Clip a: 1.3-5 shows 0.2 s of the first line (left out) and 0.5 s of the third (kept).
    timeline = Timeline(clips=(_clip("a", "1.3", "5"),))
    assert [text for _, _, text in retime_cues(timeline, CUES)] == ["inside", "straddles the out point"]
    # a whole line shorter than the threshold is still shown
    short = {"a": [_cue("a", "2", "2.1", "Hi.")]}
    assert [text for _, _, text in retime_cues(timeline, short)] == ["Hi."]


def test_hours_and_millisecond_rounding() -> None:
    timeline = Timeline(clips=(_clip("a", "3600", "3700"),))
    cues = {"a": [_cue("a", "3600.0004", "3661.2346", "long")]}
    assert "00:00:00,000 --> 00:01:01,235" in cut_srt(timeline, cues)
    late = Timeline(clips=(_clip("a", "0", "3700"),))
    assert "01:00:00,000 --> 01:01:01,235" in cut_srt(late, {"a": [_cue("a", "3600", "3661.2346", "x")]})


@settings(max_examples=60, deadline=None)
@given(
    clips=st.lists(
        st.tuples(st.integers(0, 200), st.integers(1, 120), st.sampled_from([0.5, 1.0, 1.5, 2.0])),
        min_size=1, max_size=5,
    ),
    cue_spans=st.lists(st.tuples(st.integers(0, 320), st.integers(1, 60)), max_size=12),
    title=st.booleans(),
)
def test_every_cue_lands_inside_its_clip_window(clips, cue_spans, title) -> None:
    """Property: each re-timed cue lies in its clip's output span; the last span ends the cut."""
    timeline = Timeline(
        clips=tuple(Clip("a", f, f + n, Fraction(f, 24), Fraction(f + n, 24), speed=s) for f, n, s in clips),
        title="t" if title else None,
    )
    cues = {"a": [_cue("a", str(Fraction(s, 24)), str(Fraction(s + n, 24)), f"c{s}") for s, n in cue_spans]}
    spans = timeline.output_spans()
    assert spans[-1].end == timeline.duration
    placed = iter(retime_cues(timeline, cues))
    for span in spans:
        clip = span.clip

        def shown(c: Cue, clip: Clip = clip) -> bool:
            part = min(c.end, clip.end) - max(c.start, clip.start)
            whole = c.start >= clip.start and c.end <= clip.end
            return part > 0 and (whole or part >= MIN_CLIPPED_PART)

        inside = [c for c in cues["a"] if shown(c)]
        for cue in inside:
            start, end, text = next(placed)
            assert text == cue.text and span.start <= start < end <= span.end
            source_start = clip.start + (start - span.start) * clip.duration / span.length
            assert source_start == max(cue.start, clip.start)  # maps back onto the source exactly
    assert next(placed, None) is None


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Timeline, dict[str, list[Cue]]]:
    """A real render (title card, two clips, the second at 2x) of a clip whose frames carry their number."""
    base = tmp_path_factory.mktemp("subtitle_render")
    source = numbered_video(base / "numbered.mp4", seconds=6, fps="24", size=(160, 90), audio=True)
    with av.open(str(source)) as container:
        frames = container.streams.video[0].frames or 144
    video = VideoInfo("n", str(source), Fraction(6), Fraction(24), 160, 90, frames, "h264", True)
    timeline = Timeline(clips=(numbered_clip(video, 24, 72), numbered_clip(video, 96, 144, speed=2.0)),
                        title="Lines")
    cues = {"n": [_cue("n", "1.25", "1.75", "one"), _cue("n", "2.5", "3.5", "edge"),
                  _cue("n", "4.5", "5.5", "fast")]}
    out = render(timeline, DictSource(video), base / "cut.mp4", quality="high")
    return out, timeline, cues


def test_rendered_cut_shows_each_line_at_its_subtitle_time(rendered) -> None:
    out, timeline, cues = rendered
    numbers = read_numbers(out, size=(160, 90))
    with av.open(str(out)) as container:
        rate = Fraction(container.streams.video[0].average_rate)
    srt = parse_subtitles(cut_srt(timeline, cues)).cues
    assert [c.text for c in srt] == ["one", "edge", "fast"]
    assert srt[0].start >= TITLE_SECONDS  # nothing over the title card
    by_text = {c.text: c for c in cues["n"]}
    for line in srt:
        source = by_text[line.text]
        first, last = int(line.start * rate) + 1, int(line.end * rate) - 1  # frames well inside the subtitle
        for frame in (first, (first + last) // 2, last):
            shown = numbers[frame]  # source frame number the cut shows there
            assert source.start * 24 - 1 <= shown <= source.end * 24 + 1, (line, frame, shown)
