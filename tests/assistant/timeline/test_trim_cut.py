"""Time off an end of the whole cut ("cut the last 10 seconds", "keep only the first 30 seconds"): clips past
the point go, the clip it falls in is cut there, in played time (speed counted)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assistant.plan.describe import describe_plan
from assistant.plan.schema import ClipRef, EditPlan, Speed, TrimCut
from tests.assistant.timeline.test_apply import assert_valid, run, spans
from tests.assistant.timeline.test_extend import fights  # a[50,100) 2 s, a[300,400) 4 s, b[0,75) 3 s; 25 fps


def test_the_last_seconds_go_across_clips_and_the_clip_at_the_point_is_cut_there() -> None:
    h, result = run(fights(), TrimCut(seconds=5))  # clip 3 (3 s) goes, 2 s off the end of clip 2
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 350)]
    assert h.current.timeline.duration == Fraction(4)
    assert result.note.startswith("cut 5.0 s off the end of the cut: removed 1 clip, and 2.0 s off the end "
                                  "of the clip now last")
    assert_valid(h.current.timeline)


def test_the_first_seconds_go_from_the_start() -> None:
    h, result = run(fights(), TrimCut(seconds=2.4, side="start"))  # clip 1 (2 s) and 0.4 s of clip 2
    assert spans(h.current.timeline) == [("a", 310, 400), ("b", 0, 75)]
    assert "removed 1 clip, and 0.4 s off the start of the clip now first" in result.note


def test_keeping_only_an_end_cuts_the_other() -> None:
    h, result = run(fights(), TrimCut(seconds=3, side="start", keep=True))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 325)]
    assert result.note.startswith("kept only the first 3.0 s of the cut")
    h, _ = run(fights(), TrimCut(seconds=5, side="end", keep=True))
    assert spans(h.current.timeline) == [("a", 350, 400), ("b", 0, 75)]


def test_a_piece_under_a_second_left_of_a_clip_goes_too_and_says_so() -> None:
    h, result = run(fights(), TrimCut(seconds=6.5))  # 0.5 s of clip 2 would be left: it goes too
    assert spans(h.current.timeline) == [("a", 50, 100)]
    assert "the 0.5 s left of the next one too" in result.note


def test_played_time_counts_speed() -> None:
    h, _ = run(fights(), Speed(target=ClipRef(indices=[3]), factor=2))  # clip 3 plays 1.5 s
    h, _ = run(h, TrimCut(seconds=2.5))  # clip 3 and 1 s of clip 2
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 375)]


@pytest.mark.parametrize("op", [TrimCut(seconds=8.5), TrimCut(seconds=0.5, keep=True)])
def test_cutting_nearly_all_of_it_is_refused_and_changes_nothing(op) -> None:
    h = fights()
    after, result = run(h, op)
    assert not result.changed and after.current.id == h.current.id
    assert "would leave less than a second" in result.note


def test_keeping_more_than_there_is_changes_nothing() -> None:
    h = fights()
    after, result = run(h, TrimCut(seconds=30, keep=True))
    assert after.current.id == h.current.id and "already 9.0 s" in result.note


def test_it_is_described_in_the_chat_languages() -> None:
    plan = EditPlan(ops=[TrimCut(seconds=10)])
    assert describe_plan(plan) == "Cut 10 s off the end of the cut"
    assert describe_plan(EditPlan(ops=[TrimCut(seconds=30, side="start", keep=True)]), "de") \
        == "Nur die ersten 30 s des Schnitts behalten"


def test_a_share_of_the_cut_off_an_end_counts_its_played_length() -> None:
    """"remove the first half" of a 9 s cut: 4.5 s off its start; "keep the last third": its last 3 s."""
    h, result = run(fights(), TrimCut(share=0.5, side="start"))
    assert spans(h.current.timeline) == [("a", 363, 400), ("b", 0, 75)]  # whole frames kept: 1.48 s
    assert result.note.startswith("cut 4.5 s off the start of the cut")
    h, _ = run(fights(), TrimCut(share=1 / 3, keep=True))
    assert spans(h.current.timeline) == [("b", 0, 75)]
    assert describe_plan(EditPlan(ops=[TrimCut(share=0.25)])) == "Cut the last 25 % of the cut"
    with pytest.raises(ValueError, match="exactly one of seconds or share"):
        TrimCut(seconds=3, share=0.5)
