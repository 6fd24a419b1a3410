"""Shot strip captions: which signal matched, and the dialogue line under the clip that it brought in."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from assistant.plan.schema import SPOKEN_REF, Query
from assistant.retrieval.types import OnScreen
from assistant.timeline.model import Clip, Reason, Timeline
from index.shot import Shot
from ui.shot_strip import clip_caption, strip_caption, strip_items
from ui.timeline_view import clip_details


def _clip(reason: Reason, start: int = 62) -> Clip:
    return Clip("v1", start * 24, (start + 3) * 24, Fraction(start), Fraction(start + 3), reason)


def test_caption_says_which_signal_matched() -> None:
    assert clip_caption(1, _clip(Reason())) == "1. 1:02–1:05 · whole source video"
    visual = clip_caption(2, _clip(Reason("a dragon", 0.31, "visual")))
    assert visual == '2. 1:02–1:05 · visual match "a dragon" 0.31'
    assert "fused match" in clip_caption(3, _clip(Reason("the lantern", 0.7, "fused", "Bring the lantern.")))
    anyone = Reason("someone", 0.98, "people", people=(OnScreen("Celia", 2.5, 3.0),))
    assert clip_caption(4, _clip(anyone)) == "4. 1:02–1:05 · someone on screen 0.98"  # not 'match "someone"'
    details = clip_details(4, _clip(anyone), "A")
    assert details.endswith("· someone on screen, confidence 0.98 — Celia on screen 2.5 s of 3.0 s")


def test_a_clip_of_every_line_says_spoken_lines_not_a_search_or_a_score() -> None:
    """"only the parts where someone is talking" showed 'dialogue match "dialogue" 1.00'."""
    spoken = Reason(Query(text=SPOKEN_REF).label, 1.0, "dialogue", "You're a jerk, Thom. …")
    assert clip_caption(1, _clip(spoken)) == "1. 1:02–1:05 · spoken lines"
    details = clip_details(1, _clip(spoken), "A")
    assert details == "Clip 1 · A 1:02–1:05 · spoken lines — “You're a jerk, Thom. …”"
    assert spoken.describe() == 'spoken lines (dialogue) — "You\'re a jerk, Thom. …"'
    celia = Reason(Query(text=SPOKEN_REF, people=("Celia",)).label, 1.0, "dialogue", "Hi.",
                   (OnScreen("Celia", 1.0, 3.0),))
    assert clip_caption(2, _clip(celia)) == "2. 1:02–1:05 · spoken lines" and celia.spoken_lines
    assert not Reason("lantern", 0.66, "dialogue", "Bring the lantern.").spoken_lines


def test_the_matched_line_goes_under_the_clip() -> None:
    clip = _clip(Reason("lantern", 0.66, "dialogue", "Bring the lantern, we leave at dawn."))
    first, second = strip_caption(4, clip).split("\n")
    assert first == '4. 1:02–1:05 · dialogue match "lantern" 0.66'
    assert second == "“Bring the lantern, we leave at dawn.”"
    assert "\n" not in strip_caption(4, _clip(Reason("a dragon", 0.3, "visual")))  # no line, no second row


def test_strip_items_pair_thumbnails_with_captions(tmp_path: Path) -> None:
    thumb = tmp_path / "thumbs" / "v1" / "00000.jpg"
    thumb.parent.mkdir(parents=True)
    thumb.write_bytes(b"jpeg")
    shots = [Shot("v1", 0, 0, 2000, Fraction(0), Fraction(2000, 24), thumbnail="thumbs/v1/00000.jpg")]
    timeline = Timeline((_clip(Reason("lantern", 0.66, "dialogue", "Bring the lantern.")),))
    [(path, caption)] = strip_items(timeline, lambda video_id: shots, tmp_path)
    assert path == str(thumb) and caption.endswith("\n“Bring the lantern.”")


def test_a_cut_of_several_videos_names_each_clips_source(tmp_path: Path) -> None:
    other = Clip("v2", 0, 48, Fraction(0), Fraction(2), Reason("a dragon", 0.31, "visual"))
    timeline = Timeline((_clip(Reason()), other))
    items = strip_items(timeline, lambda video_id: [], tmp_path, {"v1": "Sintel", "v2": "Big Buck Bunny"})
    assert [caption.split("\n")[0] for _, caption in items] == ["Sintel", "Big Buck Bunny"]
    assert items[1][1].split("\n")[1] == '2. 0:00–0:02 · visual match "a dragon" 0.31'
    # Without names (one video), the caption starts with the clip number as before.
    assert strip_items(timeline, lambda video_id: [], tmp_path)[0][1] == "1. 1:02–1:05 · whole source video"
