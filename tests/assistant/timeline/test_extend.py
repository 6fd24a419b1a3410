"""Extend: a clip runs on into its video's footage, within the video and never into another clip's."""

from __future__ import annotations

from fractions import Fraction

from assistant.plan.schema import ClipRef, Extend, KeepOnly, Query, TrimTo, Undo
from tests.assistant.timeline.test_apply import FPS, assert_valid, root, run, spans

FIGHT = Query(text="fight")


def fights():
    """The cut a[50,100), a[300,400), b[0,75) (see test_apply.RESOLVED)."""
    h, _ = run(root(), KeepOnly(query=FIGHT))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 400), ("b", 0, 75)]
    return h


def test_a_clip_grows_at_the_end_by_default_with_exact_times() -> None:
    h, result = run(fights(), Extend(target=ClipRef(indices=[1]), seconds=2))
    clip = h.current.timeline.clips[0]
    assert (clip.in_frame, clip.out_frame) == (50, 100 + 2 * FPS)
    assert (clip.start, clip.end) == (Fraction(2), Fraction(150, FPS))
    assert "extended 1 clip by up to 2 s at the end" in result.note
    assert_valid(h.current.timeline)


def test_start_and_both_ends() -> None:
    h, _ = run(fights(), Extend(target=ClipRef(indices=[2]), seconds=1, side="start"))
    assert spans(h.current.timeline)[1] == ("a", 275, 400)
    h, _ = run(fights(), Extend(target=ClipRef(indices=[1]), seconds=0.4, side="both"))
    assert spans(h.current.timeline)[0] == ("a", 40, 110)  # 10 frames more at each end


def test_growth_stops_at_footage_another_clip_shows_and_says_so() -> None:
    h, result = run(fights(), Extend(target=ClipRef(indices=[1]), seconds=60))
    assert spans(h.current.timeline)[:2] == [("a", 50, 300), ("a", 300, 400)]  # up to clip 2, no overlap
    assert "clip 1 stopped where footage another clip shows begins" in result.note
    assert_valid(h.current.timeline)
    h, _ = run(fights(), Extend(target=ClipRef(indices=[2]), seconds=600, side="end"))
    assert spans(h.current.timeline)[1] == ("a", 300, 500)  # the video's end


def test_a_clip_at_its_videos_start_cannot_grow_there_and_the_cut_is_unchanged() -> None:
    h = fights()
    after, result = run(h, Extend(target=ClipRef(indices=[3]), seconds=2, side="start"))
    assert not result.changed and after.current.id == h.current.id
    assert "Clip 3 already reaches its video's start" in result.note and "unchanged" in result.note


def test_several_clips_grow_and_undo_takes_it_back() -> None:
    h = fights()
    grown, result = run(h, Extend(seconds=1, side="start"))  # every clip; clip 3 is at its video's start
    assert spans(grown.current.timeline) == [("a", 25, 100), ("a", 275, 400), ("b", 0, 75)]
    assert "extended 2 clips" in result.note and "clip 3 already reaches" in result.note
    undone, _ = run(grown, Undo())
    assert undone.current.timeline.content_hash() == h.current.timeline.content_hash()


def test_trim_to_then_extend_gets_the_cut_footage_back() -> None:
    h, _ = run(fights(), TrimTo(target=ClipRef(indices=[2]), seconds=1))
    assert spans(h.current.timeline)[1] == ("a", 300, 325)
    h, _ = run(h, Extend(target=ClipRef(indices=[2]), seconds=3))
    assert spans(h.current.timeline)[1] == ("a", 300, 400)


def test_a_clip_already_shorter_than_its_length_says_how_to_make_it_longer() -> None:
    h = fights()  # clip 1 is 2 s
    after, result = run(h, TrimTo(target=ClipRef(indices=[1]), seconds=5))
    assert not result.changed and after.current.id == h.current.id
    assert 'Clip 1 is already 2.0 s; to make it longer say "make clip 1 3 seconds longer".' in result.note


def test_a_length_asked_of_a_very_short_cut_is_never_passed() -> None:
    """A 0.08 s clip made "1 second long" became 1.04 s: the even share (0.46 s) was rounded up to 0.5 s, and
    its frames to the nearest. Hypothesis found it (``test_apply``'s properties); both now round down."""
    from assistant.plan.schema import EditPlan, LimitDuration
    from assistant.timeline.apply import apply_plan
    from tests.assistant.timeline.test_apply import SOURCE, commit, scene

    h = root()
    resolved = {FIGHT: [scene("a", 12, 14, 0.0)]}
    h = commit(h, apply_plan(EditPlan(ops=[KeepOnly(query=FIGHT)]), h, resolved, SOURCE))
    result = apply_plan(EditPlan(ops=[LimitDuration(seconds=1.0)]), h, resolved, SOURCE)
    assert result.timeline is not None and Fraction(8, 10) <= result.timeline.duration <= 1  # 0.88 s
