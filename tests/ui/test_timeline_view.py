"""The timeline bar's HTML: widths are each clip's share of the output, and the details name the source."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from assistant.timeline.model import Clip, Join, Reason, Timeline
from ui.timeline_view import clip_details, timeline_html

SOURCE = Reason()


def _clip(video: str, start: int, seconds: int, reason: Reason = SOURCE, speed: float = 1.0) -> Clip:
    return Clip(video, start * 25, (start + seconds) * 25, Fraction(start), Fraction(start + seconds), reason,
                speed=speed)


def widths(html_text: str) -> list[float]:
    return [float(w) for w in re.findall(r"width:([\d.]+)%", html_text)]


def test_widths_are_shares_of_the_output_with_speed_and_title() -> None:
    plain = Timeline((_clip("a", 0, 6), _clip("b", 10, 2)))
    assert widths(timeline_html(plain, {"a": "A", "b": "B"})) == [75.0, 25.0]
    # Twice as fast, the first clip plays 3 s: as long as a 3 s clip. The title card fills its 2 s.
    fast = Timeline((_clip("a", 0, 6, speed=2.0), _clip("b", 10, 3)), title="Hello")
    title_seconds = fast.output_time().title_frames / 25
    shares = widths(timeline_html(fast, {}))
    assert shares == [round(100 * x / (title_seconds + 6), 4) for x in (title_seconds, 3, 3)]
    assert sum(widths(timeline_html(Timeline((_clip("a", 0, 4), _clip("b", 4, 4)), "crossfade", 1.0), {})))\
        == 100.0


def test_details_name_source_time_reason_and_confidence_and_are_escaped() -> None:
    red = _clip("a", 62, 3, Reason("red <b>", 0.25, "visual"))
    assert clip_details(2, red, "My holiday") == (
        "Clip 2 · My holiday 1:02–1:05 · visual match for “red <b>”, confidence 0.25"
    )
    html_text = timeline_html(Timeline((red,)), {"a": "<script>x</script>"})
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text and "red &lt;b&gt;" in html_text
    assert "data-clip='0'" in html_text and "role='tooltip'" in html_text
    assert timeline_html(Timeline(), {}).startswith("<p class='tl-empty'>")
    whole = clip_details(1, _clip("a", 0, 6), "A")
    assert whole == "Clip 1 · A 0:00–0:06 · the whole source video"
    shot = clip_details(2, _clip("a", 6, 3, Reason(query="shot 3", signal="source")), "A")  # split at shots
    assert shot == "Clip 2 · A 0:06–0:09 · shot 3 of the source video"


def test_the_cuts_fades_are_shaded_over_the_frames_they_darken() -> None:
    faded = Timeline((_clip("a", 0, 6), _clip("b", 10, 2)), fade_in=1.5, fade_out=0.5)
    html_text = timeline_html(faded, {})
    # after the two clips' own widths: whole frames of the 8 s cut (1.5 s is 38 at 25 fps, 0.5 s is 12)
    assert widths(html_text)[2:] == [19.0, 6.0]
    assert "Fades in from black (1.5 s)" in html_text and "Fades out to black (0.5 s)" in html_text
    assert "tl-fade" not in timeline_html(Timeline(faded.clips), {})


def test_a_clips_sound_level_is_marked_and_detailed() -> None:
    muted = Clip("a", 0, 50, Fraction(0), Fraction(2), SOURCE, volume=0.0)
    half = Clip("a", 50, 100, Fraction(2), Fraction(4), SOURCE, volume=0.5)
    html_text = timeline_html(Timeline((muted, half, _clip("b", 0, 2))), {})
    assert html_text.count("tl-level") == 2 and "sound muted" in html_text and "sound at 50 %" in html_text
    assert "sound muted" in clip_details(1, muted, "A")
    assert "sound" not in clip_details(3, _clip("b", 0, 2), "B")


def test_a_join_of_its_own_is_in_the_clips_details() -> None:
    joined = Clip("a", 50, 100, Fraction(2), Fraction(4), SOURCE, join=Join("crossfade", 0.5))
    assert "crossfade from clip 1 (0.5 s)" in clip_details(2, joined, "A")
    out = Timeline((_clip("a", 0, 2), joined)).output_time()
    html_text = timeline_html(Timeline((_clip("a", 0, 2), joined)), {})
    assert sum(widths(html_text)) == pytest.approx(100.0) and out.total_frames == 100 - 12
