"""Timeline algebra on synthetic videos and scenes: examples for each op, hypothesis for the invariants."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.plan.schema import (
    Add,
    Best,
    ClipRef,
    ClipSpan,
    EditPlan,
    Extend,
    JoinClips,
    Keep,
    KeepClip,
    KeepOnly,
    LimitDuration,
    Move,
    MoveClip,
    Order,
    Query,
    Redo,
    Remove,
    RemoveClip,
    Reset,
    Speed,
    Split,
    SwapClips,
    Title,
    Transition,
    Trim,
    TrimTo,
    Undo,
    VideoPick,
    Volume,
)
from assistant.retrieval.highlights import Highlight
from assistant.retrieval.types import OnScreen, Scene
from assistant.timeline.apply import MIN_CLIP_SECONDS, ApplyResult, apply_plan, source_timeline
from assistant.timeline.history import History
from assistant.timeline.model import TITLE_SECONDS, Clip, Reason, Timeline, Version
from index.shot import VideoInfo

FPS = 25


def video(vid: str, frames: int) -> VideoInfo:
    return VideoInfo(
        id=vid, path=f"/m/{vid}.mp4", duration=Fraction(frames, FPS), fps=Fraction(FPS), width=64,
        height=36, frame_count=frames, codec="h264", has_audio=False,
    )


def scene(vid: str, a: int, b: int, score: float = 0.3) -> Scene:
    return Scene(vid, 0, 0, a, b, Fraction(a, FPS), Fraction(b, FPS), score, "visual")


VIDEOS = (video("a", 500), video("b", 250))
SOURCE = source_timeline(VIDEOS)
FIGHT = Query(text="fight")
NIGHT = Query(text="night")
RESOLVED = {
    FIGHT: [scene("a", 50, 100, 0.31), scene("a", 300, 400, 0.35), scene("b", 0, 75, 0.28)],
    NIGHT: [scene("a", 80, 320, 0.25)],
}


def root(timeline: Timeline = SOURCE) -> History:
    return History((Version("v0", "s", None, 0, timeline),), "v0")


def commit(history: History, result: ApplyResult) -> History:
    """What the session store does with a result: save a child version, or move."""
    if result.timeline is None:
        return History(history.versions, result.base_id)
    number = max(v.number for v in history.versions) + 1
    new = Version(f"v{number}", "s", result.base_id, number, result.timeline)
    return History((*history.versions, new), new.id)


def run(history: History, *ops, resolved=RESOLVED) -> tuple[History, ApplyResult]:
    result = apply_plan(EditPlan(ops=list(ops)), history, resolved, SOURCE)
    return commit(history, result), result


def spans(timeline: Timeline) -> list[tuple[str, int, int]]:
    return [(c.video_id, c.in_frame, c.out_frame) for c in timeline.clips]


def assert_valid(timeline: Timeline) -> None:
    frames = {v.id: v.frame_count for v in VIDEOS}
    for c in timeline.clips:
        assert 0 <= c.in_frame < c.out_frame <= frames[c.video_id]
        assert c.start == Fraction(c.in_frame, FPS) and c.end == Fraction(c.out_frame, FPS)
    for i, x in enumerate(timeline.clips):
        for y in timeline.clips[i + 1:]:
            assert x.video_id != y.video_id or x.out_frame <= y.in_frame or y.out_frame <= x.in_frame


def test_source_timeline_is_whole_videos_in_order() -> None:
    assert spans(SOURCE) == [("a", 0, 500), ("b", 0, 250)]
    assert SOURCE.duration == 30
    with pytest.raises(ValueError):
        source_timeline([])


def test_keep_only_replaces_cut_with_scenes_in_story_order_and_reasons() -> None:
    h, result = run(root(), Order(by="relevance"), KeepOnly(query=FIGHT))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 400), ("b", 0, 75)]
    assert {c.reason.query for c in h.current.timeline.clips} == {"fight"}
    assert h.current.timeline.clips[1].reason.score == 0.35
    assert h.current.parent_id == "v0" and "3 clips" in result.note


def test_keep_intersects_and_remove_subtracts_frame_ranges() -> None:
    h, _ = run(root(), KeepOnly(query=FIGHT))
    kept, _ = run(h, Keep(query=NIGHT))
    assert spans(kept.current.timeline) == [("a", 80, 100), ("a", 300, 320)]
    assert kept.current.timeline.clips[0].reason.query == "fight + night"
    removed, _ = run(h, Remove(query=NIGHT))
    assert spans(removed.current.timeline) == [("a", 50, 80), ("a", 320, 400), ("b", 0, 75)]
    assert removed.current.timeline.clips[1].reason.query == "fight"


def test_add_unions_in_story_order_without_overlaps() -> None:
    h, _ = run(root(), KeepOnly(query=NIGHT))
    h, _ = run(h, Add(query=FIGHT))
    assert spans(h.current.timeline) == [("a", 50, 80), ("a", 80, 320), ("a", 320, 400), ("b", 0, 75)]
    assert_valid(h.current.timeline)


def test_query_matching_nothing_leaves_cut_unchanged() -> None:
    empty = Query(text="dragons")
    h, result = run(root(), KeepOnly(query=empty), resolved={**RESOLVED, empty: []})
    assert result.timeline is None and result.unmatched == ("dragons",)
    assert h.current_id == "v0" and "No confident match" in result.note


def test_order_by_relevance_and_back_to_story() -> None:
    h, _ = run(root(), KeepOnly(query=FIGHT), Order(by="relevance"))
    assert [c.reason.score for c in h.current.timeline.clips] == [0.35, 0.31, 0.28]
    h, _ = run(h, Order(by="story"))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 400), ("b", 0, 75)]


def test_limit_keeps_best_scenes_and_trims_the_last_one() -> None:
    h, _ = run(root(), KeepOnly(query=FIGHT))  # 2 s (0.31), 4 s (0.35), 3 s (0.28)
    h, _ = run(h, LimitDuration(seconds=5))
    assert spans(h.current.timeline) == [("a", 50, 75), ("a", 300, 400)]  # 4 s whole + 1 s trimmed
    assert h.current.timeline.duration == 5
    h2, _ = run(root(), KeepOnly(query=FIGHT), LimitDuration(factor=0.5))
    assert h2.current.timeline.duration <= Fraction(9, 2)


def test_a_length_change_is_relative_to_the_cut() -> None:
    h, _ = run(root(), KeepOnly(query=FIGHT))  # 9 s
    h, message = run(h, LimitDuration(change=-4))
    assert h.current.timeline.duration == 5 and spans(h.current.timeline) == [("a", 50, 75), ("a", 300, 400)]
    h, _ = run(h, LimitDuration(change=-60))  # never below one clip's minimum
    assert h.current.timeline.duration == MIN_CLIP_SECONDS


def test_limit_never_goes_below_minimum_clip() -> None:
    h, _ = run(root(), LimitDuration(seconds=0.2))
    assert h.current.timeline.duration == MIN_CLIP_SECONDS


def test_trim_speed_transition_title() -> None:
    h, result = run(root(), KeepOnly(query=FIGHT), Trim(target=ClipRef(indices=[2]), seconds=1, side="start"))
    assert spans(h.current.timeline)[1] == ("a", 325, 400)
    assert "trimmed 1 s off the start of 1 clip —" in result.note  # all of it: nothing to explain
    h, result = run(h, Trim(target=ClipRef(indices=[1]), seconds=5, side="both"))
    assert spans(h.current.timeline)[0] == ("a", 62, 87)  # 2 s clip stops at the 1 s minimum, centred
    # The reply says why the clip lost 1 s and not the 10 s asked for.
    floor = "clip 1 stopped at 1.0 s (a trim never takes a clip below 1 s)"
    assert f"trimmed 5 s off both ends of 1 clip; {floor}" in result.note
    h, _ = run(h, Speed(target=ClipRef(indices=[-1]), factor=2.0))
    assert [c.speed for c in h.current.timeline.clips] == [1.0, 1.0, 2.0]
    h, _ = run(h, Transition(kind="crossfade", seconds=0.5), Title(text="My cut"))
    t = h.current.timeline
    assert (t.transition, t.transition_seconds, t.title) == ("crossfade", 0.5, "My cut")
    # whole output frames at 25 fps: 1.5 s at 2x is 37.5 -> 38, each 0.5 s crossfade 12.5 -> 12 (half-even)
    assert t.duration == Fraction(25 + 75 + 38 - 2 * 12, 25) + TITLE_SECONDS


def test_clip_refs_negative_matching_invert_and_earlier_turn() -> None:
    h, _ = run(root(), KeepOnly(query=FIGHT))
    assert spans(run(h, RemoveClip(ref=ClipRef(indices=[-1])))[0].current.timeline)[-1] == ("a", 300, 400)
    assert len(run(h, KeepClip(ref=ClipRef(indices=[1], invert=True)))[0].current.timeline.clips) == 2
    h, _ = run(h, Add(query=NIGHT))
    only_night = run(h, KeepClip(ref=ClipRef(matching="night")))[0].current.timeline
    assert spans(only_night) == [("a", 100, 300)]
    # "the second clip of the previous turn" is the 300-400 scene, still in the cut
    prev, _ = run(h, RemoveClip(ref=ClipRef(indices=[2], turn=-1)))
    assert ("a", 300, 400) not in spans(prev.current.timeline)
    bad, result = run(h, RemoveClip(ref=ClipRef(indices=[9])))
    assert result.timeline is None and "no clip 9" in result.note and bad.current_id == h.current_id
    _, result = run(h, KeepClip(ref=ClipRef(indices=[1], invert=True)), RemoveClip(ref=ClipRef(invert=False)))
    assert result.timeline is None and "no clips" in result.note


def test_undo_redo_follow_the_chain_and_branch() -> None:
    h, _ = run(root(), KeepOnly(query=FIGHT))
    h, _ = run(h, LimitDuration(seconds=5))
    v2 = h.current_id
    h, result = run(h, Undo())
    assert h.current_id == "v1" and result.timeline is None
    h, _ = run(h, Redo())
    assert h.current_id == v2
    h, _ = run(h, Undo(steps=2))
    assert h.current_id == "v0"
    _, result = run(h, Undo())
    assert "Nothing to undo" in result.note
    h, _ = run(h, Redo())
    assert h.current_id == "v1"
    h, _ = run(h, Undo(), Title(text="branch"))  # undo then edit: a new child of v0
    assert h.current.parent_id == "v0" and h.current.timeline.title == "branch"
    h, _ = run(h, Undo(), Redo())
    assert h.current.timeline.title == "branch"  # redo follows the most recent child


def test_reset_is_a_new_version_with_source_timeline() -> None:
    h, _ = run(root(), KeepOnly(query=FIGHT), Title(text="x"))
    h, _ = run(h, Reset())
    assert h.current.number == 2 and h.current.timeline == SOURCE


def test_refusal_and_no_change() -> None:
    result = apply_plan(EditPlan(refusal="I only edit videos."), root(), {}, SOURCE)
    assert result.timeline is None and result.note == "I only edit videos."
    _, result = run(root(), Order(by="story"))
    assert result.timeline is None and "no change" in result.note


# --- properties -------------------------------------------------------------------------------

frames_a = st.integers(0, 499)
scene_st = st.builds(
    lambda v, a, n, s: scene(v, a, min(a + n, 500 if v == "a" else 250), s),
    st.sampled_from(["a", "b"]), st.integers(0, 240), st.integers(1, 200), st.floats(0, 1),
)
queries = [FIGHT, NIGHT]
ref_st = st.builds(
    ClipRef, indices=st.lists(st.integers(1, 4) | st.integers(-4, -1), max_size=2),
    matching=st.sampled_from([None, "fight", "night"]), invert=st.booleans(),
    turn=st.sampled_from([None, -1]),
)
op_st = st.one_of(
    st.builds(KeepOnly, query=st.sampled_from(queries)),
    st.builds(Keep, query=st.sampled_from(queries)),
    st.builds(Remove, query=st.sampled_from(queries)),
    st.builds(Add, query=st.sampled_from(queries)),
    st.builds(Order, by=st.sampled_from(["story", "relevance", "reverse"])),
    st.builds(MoveClip, ref=ref_st, to=st.sampled_from(["start", "end"])),
    st.builds(MoveClip, ref=ref_st, after=st.sampled_from([1, 2, -1])),
    st.builds(MoveClip, ref=ref_st, before=st.sampled_from([1, 3, -2])),
    st.builds(SwapClips, ref=ref_st, other=st.none() | ref_st),
    st.builds(LimitDuration, seconds=st.floats(0.5, 30)),
    st.builds(Trim, target=ref_st, seconds=st.floats(0.1, 5), side=st.sampled_from(["start", "end", "both"])),
    st.builds(Speed, target=ref_st, factor=st.floats(0.25, 4)),
    st.builds(RemoveClip, ref=ref_st),
    st.builds(KeepClip, ref=ref_st),
    st.builds(Undo) | st.builds(Redo) | st.builds(Reset),
    st.builds(Title, text=st.sampled_from(["", "T"])),
    st.builds(Transition, kind=st.sampled_from(["cut", "crossfade"]), seconds=st.floats(0, 0.5)),
    st.builds(Move, query=st.sampled_from(queries), to=st.sampled_from(["start", "end"])),
    st.builds(Best, query=st.sampled_from([None, *queries]), count=st.sampled_from([None, 1, 2])),
    st.builds(Best, query=st.sampled_from([None, *queries]), seconds=st.floats(0.5, 20)),
    st.builds(TrimTo, target=ref_st, seconds=st.floats(0.1, 5), side=st.sampled_from(["start", "end"])),
    st.builds(Extend, target=ref_st, seconds=st.floats(0.1, 30),
              side=st.sampled_from(["start", "end", "both"])),
)
resolved_st = st.fixed_dictionaries({q: st.lists(scene_st, max_size=4) for q in queries})
plans_st = st.lists(st.lists(op_st, min_size=1, max_size=3), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(plans=plans_st, resolved=resolved_st)
def test_properties_valid_deterministic_and_undo_restores(plans, resolved) -> None:
    h = root()
    for ops in plans:
        before = h.current
        result = apply_plan(EditPlan(ops=ops), h, resolved, SOURCE)
        again = apply_plan(EditPlan(ops=ops), h, resolved, SOURCE)
        assert result == again  # determinism, down to the note
        h = commit(h, result)
        assert_valid(h.current.timeline)
        last = ops[-1]
        if isinstance(last, LimitDuration) and result.timeline is not None:  # the limit is respected
            floor = MIN_CLIP_SECONDS + (TITLE_SECONDS if result.timeline.title else 0)
            assert result.timeline.duration <= max(Fraction(last.seconds), floor)
        if result.timeline is not None:
            parent = h.get(h.current.parent_id)
            if not any(isinstance(op, (Undo, Redo)) for op in ops):
                assert parent.id == before.id
            undone = commit(h, apply_plan(EditPlan(ops=[Undo()]), h, resolved, SOURCE))
            assert undone.current.timeline.content_hash() == parent.timeline.content_hash()


# --- move matching parts, relevance-ranked limits, trim to a length -----------------------------


def frames_of(timeline: Timeline) -> list[tuple[str, int]]:
    return sorted((c.video_id, f) for c in timeline.clips for f in range(c.in_frame, c.out_frame))


def test_move_splits_the_matching_parts_off_and_puts_them_first_or_last() -> None:
    h, result = run(root(), Move(query=FIGHT, to="start"))
    # Fight parts of "a" (2 s, 4 s) and "b" (3 s) lead, in cut order; the rest of each video follows.
    assert spans(h.current.timeline) == [
        ("a", 50, 100), ("a", 300, 400), ("b", 0, 75), ("a", 0, 50), ("a", 100, 300), ("a", 400, 500),
        ("b", 75, 250),
    ]
    assert 'moved the parts with "fight" to the start' in result.note
    h, _ = run(h, Move(query=NIGHT, to="end"))
    # Night (frames 80-320) covers 100-300 whole; its 0.8 s overlaps with the fights are not split off.
    assert spans(h.current.timeline)[-2:] == [("b", 75, 250), ("a", 100, 300)]
    assert frames_of(h.current.timeline) == frames_of(SOURCE)


def test_move_never_splits_off_a_piece_shorter_than_the_minimum() -> None:
    short = {FIGHT: [scene("a", 10, 30), scene("a", 60, 480)]}  # 0.8 s match; 0.8 s left after the long one
    h, _ = run(root(), Move(query=FIGHT, to="end"), resolved=short)
    assert spans(h.current.timeline) == [("a", 0, 60), ("b", 0, 250), ("a", 60, 500)]


def test_move_with_no_match_says_so_and_keeps_the_cut() -> None:
    _, result = run(root(), Move(query=FIGHT, to="start"), resolved={FIGHT: []})
    assert result.timeline is None and result.unmatched == ("fight",)


def test_best_with_a_query_takes_the_top_scenes_in_story_order() -> None:
    h, result = run(root(), Best(query=FIGHT, count=2))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 400)]  # 0.31 and 0.35 beat 0.28
    assert "kept the 2 best clips" in result.note
    h, _ = run(root(), Best(query=FIGHT))  # no number: the better half
    assert [c.reason.score for c in h.current.timeline.clips] == [0.31, 0.35]
    h, _ = run(root(), Best(query=FIGHT, seconds=5))
    assert spans(h.current.timeline) == [("a", 50, 75), ("a", 300, 400)] and h.current.timeline.duration == 5


def test_best_without_a_query_ranks_the_cut_by_its_scores() -> None:
    h, _ = run(root(), KeepOnly(query=FIGHT), Order(by="story"))
    h, _ = run(h, Best(count=1))
    assert [c.reason.score for c in h.current.timeline.clips] == [0.35]
    h, _ = run(root(), KeepOnly(query=FIGHT), Best(count=50))  # more than there are: all stay
    assert len(h.current.timeline.clips) == 3


def test_best_on_the_whole_videos_asks_what_is_good_instead_of_guessing() -> None:
    h, result = run(root(), Best())
    assert result.timeline is None and "the 3 best fights" in result.note
    assert h.current.timeline == SOURCE


def test_trim_to_a_length_per_clip_by_number() -> None:
    h, result = run(root(), KeepOnly(query=FIGHT), TrimTo(target=ClipRef(indices=[2]), seconds=1.5))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 337), ("b", 0, 75)]  # kept the start
    assert "trimmed 1 clip to 1.5 s" in result.note
    h, _ = run(h, TrimTo(target=ClipRef(indices=[-1]), seconds=2, side="start"))
    assert spans(h.current.timeline)[-1] == ("b", 25, 75)  # cut from the start: the end stays
    h, _ = run(h, TrimTo(target=ClipRef(indices=[1]), seconds=0.2, side="both"))
    assert spans(h.current.timeline)[0] == ("a", 62, 87)  # never below the 1 s minimum, centred
    h, result = run(h, TrimTo(seconds=30))  # already shorter: no change
    assert result.timeline is None and "no change" in result.note


def test_trim_to_a_share_of_each_clips_own_length() -> None:
    """"cut clip 2 in half": the chat need not know the clip's length; each chosen clip keeps its share."""
    h, result = run(root(), KeepOnly(query=FIGHT), TrimTo(target=ClipRef(indices=[2]), factor=0.5))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 350), ("b", 0, 75)]
    assert "cut 1 clip to 50% of its length" in result.note
    h, result = run(h, TrimTo(target=ClipRef(indices=[1, 3]), factor=0.6, side="start"))
    assert spans(h.current.timeline) == [("a", 70, 100), ("a", 300, 350), ("b", 30, 75)]
    assert "their length" in result.note
    h, _ = run(h, TrimTo(target=ClipRef(indices=[1]), factor=0.5))
    h, result = run(h, TrimTo(target=ClipRef(indices=[1]), factor=0.5))  # at the 1 s minimum already
    assert result.timeline is None and "never cut below 1 s" in result.note


def test_extend_to_a_multiple_of_each_clips_own_length() -> None:
    """"make clip 2 twice as long": it runs on into its footage by its own length (both ends: half each)."""
    h, _ = run(root(), KeepOnly(query=FIGHT))  # a 50-100, a 300-400, b 0-75
    h, result = run(h, Extend(target=ClipRef(indices=[1]), factor=2.0))
    assert spans(h.current.timeline)[0] == ("a", 50, 150)
    assert "to up to 2x its length at the end" in result.note
    h, _ = run(h, Extend(target=ClipRef(indices=[-1]), factor=1.5, side="both"))
    assert spans(h.current.timeline)[-1] == ("b", 0, 93)  # 18 frames at each end, the start stopped at 0
    with pytest.raises(ValueError, match="exactly one of seconds or factor"):
        Extend(seconds=2, factor=2)
    with pytest.raises(ValueError):
        Extend(factor=0.5)  # shorter is a trim_to


def test_an_exact_length_shortens_or_runs_a_clip_on() -> None:
    """"make clip 1 4 seconds": a 2 s clip runs on into its footage, a longer one is cut; "I want clip 2 to
    be 3 seconds" had kept only clip 2 and cut the whole cut to 3 s."""
    h, _ = run(root(), KeepOnly(query=FIGHT))  # a 50-100 (2 s), a 300-400 (4 s), b 0-75 (3 s)
    h, result = run(h, TrimTo(target=ClipRef(indices=[1, 2]), seconds=3, exact=True))
    assert spans(h.current.timeline) == [("a", 50, 125), ("a", 300, 375), ("b", 0, 75)]
    assert result.note.startswith("cut 1 clip and ran on 1 clip to 3 s")
    h, result = run(h, TrimTo(target=ClipRef(indices=[-1]), seconds=20, exact=True))  # b is 10 s long
    assert spans(h.current.timeline)[-1] == ("b", 0, 250) and "ran on 1 clip to 20 s" in result.note
    assert "clip 3 stopped at its video's end, 10.0 s" in result.note
    with pytest.raises(ValueError, match="exact length"):
        TrimTo(factor=0.5, exact=True)


def test_trim_to_takes_seconds_or_a_share_not_both() -> None:
    with pytest.raises(ValueError, match="exactly one of seconds or factor"):
        TrimTo(seconds=2, factor=0.5)
    with pytest.raises(ValueError, match="exactly one of seconds or factor"):
        TrimTo()
    with pytest.raises(ValueError):
        TrimTo(factor=1.5)  # a share of the clip is under 1: longer is an extend


def test_move_next_to_the_parts_that_match_another_search() -> None:
    """"put the boat before the castle": the moved parts go just before the first castle part (or just after
    the last), the rest keeps its order, and no clip is cut for being next to it."""
    boat, castle = Query(text="boat"), Query(text="castle")
    resolved = {**RESOLVED, boat: [scene("b", 0, 75)], castle: [scene("a", 320, 380)]}
    h, _ = run(root(), KeepOnly(query=FIGHT), resolved=resolved)
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 400), ("b", 0, 75)]
    before, result = run(h, Move(query=boat, before=castle), resolved=resolved)
    assert spans(before.current.timeline) == [("a", 50, 100), ("b", 0, 75), ("a", 300, 400)]
    assert 'moved the parts with "boat" before the parts with "castle"' in result.note
    first = Query(text="opening")
    resolved[first] = [scene("a", 50, 100)]
    after, _ = run(h, Move(query=first, after=castle), resolved=resolved)
    assert spans(after.current.timeline) == [("a", 300, 400), ("a", 50, 100), ("b", 0, 75)]
    # nothing else shows the anchor: said, and the cut stays
    _, lost = run(h, Move(query=boat, before=boat), resolved=resolved)
    assert lost.timeline is None and 'besides the moved ones shows "boat"' in lost.note


@settings(max_examples=150, deadline=None)
@given(
    scenes=st.lists(scene_st, max_size=6), first=st.booleans(),
    cut=st.lists(st.tuples(st.integers(0, 450), st.integers(1, 50)), min_size=1, max_size=5),
)
def test_move_only_reorders_and_keeps_pieces_long_enough(scenes, first, cut) -> None:
    clips = [scene("a", a, a + n, 0.5) for a, n in cut]
    h, _ = run(root(), KeepOnly(query=FIGHT), resolved={FIGHT: clips})
    before = h.current.timeline
    h, _ = run(h, Move(query=NIGHT, to="start" if first else "end"), resolved={NIGHT: scenes} if scenes else
               {NIGHT: [scene("b", 0, 25)]})
    after = h.current.timeline
    assert frames_of(after) == frames_of(before)  # every frame once: a move only reorders
    originals = {(c.video_id, c.in_frame, c.out_frame) for c in before.clips}
    for clip in after.clips:
        whole = (clip.video_id, clip.in_frame, clip.out_frame) in originals
        assert clip.duration >= MIN_CLIP_SECONDS or whole
        assert clip.start == Fraction(clip.in_frame, FPS) and clip.end == Fraction(clip.out_frame, FPS)


# --- reordering clips by number -------------------------------------------------------------------


def five_clips() -> History:
    """A cut of five one-second clips of video "a", numbered by where they start (frames 0, 50, ... 200)."""
    clips = [Clip("a", f, f + 25, Fraction(f, FPS), Fraction(f + 25, FPS)) for f in range(0, 250, 50)]
    return root(SOURCE.with_clips(clips))


def starts(history: History) -> list[int]:
    return [c.in_frame // 50 + 1 for c in history.current.timeline.clips]  # each clip's original number


@pytest.mark.parametrize(("op", "order"), [
    (MoveClip(ref=ClipRef(indices=[2]), to="start"), [2, 1, 3, 4, 5]),
    (MoveClip(ref=ClipRef(indices=[1, 3]), to="end"), [2, 4, 5, 1, 3]),
    (MoveClip(ref=ClipRef(indices=[-1]), to="start"), [5, 1, 2, 3, 4]),
    (MoveClip(ref=ClipRef(indices=[1]), after=3), [2, 3, 1, 4, 5]),  # ends up third, as counted before
    (MoveClip(ref=ClipRef(indices=[5]), before=2), [1, 5, 2, 3, 4]),
    (MoveClip(ref=ClipRef(indices=[4, 5]), after=1), [1, 4, 5, 2, 3]),
    (MoveClip(ref=ClipRef(indices=[2]), after=-1), [1, 3, 4, 5, 2]),
    (MoveClip(ref=ClipRef(indices=[1], invert=True), to="start"), [2, 3, 4, 5, 1]),
    (SwapClips(ref=ClipRef(indices=[2, 5])), [1, 5, 3, 4, 2]),
    (SwapClips(ref=ClipRef(indices=[-1, 1])), [5, 2, 3, 4, 1]),
    (Order(by="reverse"), [5, 4, 3, 2, 1]),
])
def test_clips_move_swap_and_reverse_by_number(op, order) -> None:
    h, result = run(five_clips(), op)
    assert starts(h) == order, result.note
    assert result.timeline is not None and len(result.timeline.clips) == 5
    undone, _ = run(h, Undo())
    assert starts(undone) == [1, 2, 3, 4, 5]


def test_reorders_keep_every_clip_unchanged_and_only_change_their_order() -> None:
    h, _ = run(five_clips(), Speed(target=ClipRef(indices=[3]), factor=2.0))
    before = h.current.timeline.clips
    moved, _ = run(h, MoveClip(ref=ClipRef(indices=[3]), to="start"))
    assert moved.current.timeline.clips[0] == before[2]  # the same clip, speed and all
    assert sorted(moved.current.timeline.clips, key=lambda c: c.in_frame) == list(before)


def test_swap_by_kind_picks_the_two_clips_chosen_for_it() -> None:
    h, _ = run(root(), KeepOnly(query=FIGHT))  # fight at a 50-100, a 300-400, b 0-75
    h, _ = run(h, Add(query=NIGHT))
    fights = [i for i, c in enumerate(h.current.timeline.clips) if c.reason.query == "fight"]
    assert len(fights) == 3
    _, result = run(h, SwapClips(ref=ClipRef(matching="fight")))
    assert not result.changed and "A swap needs two clips; that points at 3 clips" in result.note
    two, _ = run(h, RemoveClip(ref=ClipRef(indices=[-1], matching="fight")))
    swapped, result = run(two, SwapClips(ref=ClipRef(matching="fight")))
    assert result.changed
    old, new = two.current.timeline.clips, swapped.current.timeline.clips
    i, j = [k for k, c in enumerate(old) if c.reason.query == "fight"]
    assert (new[i], new[j]) == (old[j], old[i])
    rest = [c for k, c in enumerate(old) if k not in (i, j)]
    assert [c for k, c in enumerate(new) if k not in (i, j)] == rest


@pytest.mark.parametrize(("op", "message"), [
    (MoveClip(ref=ClipRef(indices=[2]), after=9), "There is no clip 9: the cut has 5 clips."),
    (MoveClip(ref=ClipRef(indices=[7]), to="start"), "There is no clip 7: the cut has 5 clips."),
    (MoveClip(ref=ClipRef(indices=[2]), before=2), "Clip 2 cannot move next to itself."),
    (SwapClips(ref=ClipRef(indices=[2])), "A swap needs two clips; that points at 1 clip."),
    (SwapClips(ref=ClipRef(indices=[1, 2, 3])), "A swap needs two clips; that points at 3 clips."),
])
def test_impossible_reorders_explain_and_change_nothing(op, message) -> None:
    h = five_clips()
    after, result = run(h, op)
    assert not result.changed
    assert result.note == f"{message} The cut is unchanged."
    assert after.current.id == h.current.id


def test_a_move_to_where_the_clip_already_is_makes_no_version() -> None:
    _, result = run(five_clips(), MoveClip(ref=ClipRef(indices=[1]), to="start"))
    assert not result.changed and "no change to the cut" in result.note


def test_move_clip_needs_exactly_one_place() -> None:
    with pytest.raises(ValueError, match="exactly one of to, before or after"):
        MoveClip(ref=ClipRef(indices=[1]))
    with pytest.raises(ValueError, match="exactly one of to, before or after"):
        MoveClip(ref=ClipRef(indices=[1]), to="start", after=2)
    with pytest.raises(ValueError, match="clip numbers start at 1"):
        MoveClip(ref=ClipRef(indices=[1]), before=0)


# Shots of video a begin at frames 0, 120, 122 (a 2-frame flash: a sliver), 300 and 450; b is one shot.
SHOT_STARTS = {"a": [(120, Fraction(120, FPS)), (122, Fraction(122, FPS)), (300, Fraction(300, FPS)),
                     (450, Fraction(450, FPS))], "b": []}


def split(history: History, op: Split) -> tuple[History, ApplyResult]:
    result = apply_plan(EditPlan(ops=[op]), history, RESOLVED, SOURCE, shot_starts=SHOT_STARTS)
    return commit(history, result), result


def test_split_makes_one_clip_per_shot_that_plays_the_same_frames() -> None:
    h, result = split(root(), Split())
    # The 2-frame flash at 120 stays with the shot after it; b has no shot change and stays whole.
    assert spans(h.current.timeline) == [("a", 0, 120), ("a", 120, 300), ("a", 300, 450), ("a", 450, 500),
                                         ("b", 0, 250)]
    assert h.current.timeline.duration == SOURCE.duration
    assert_valid(h.current.timeline)
    assert "split 1 clip into shots (5 clips now)" in result.note
    # A whole video's pieces say which of its shots they are; the unsplit b stays the whole source video.
    assert [c.reason.describe() for c in h.current.timeline.clips] == [
        "shot 1 of the source video", "shot 2 of the source video", "shot 4 of the source video",
        "shot 5 of the source video", "whole source video"]
    # Now a shot is a clip by number: "drop clip 2" drops the second shot.
    h, _ = run(h, RemoveClip(ref=ClipRef(indices=[2])))
    assert spans(h.current.timeline)[:2] == [("a", 0, 120), ("a", 300, 450)]


def test_split_only_the_clips_pointed_at_and_keeps_their_reason_and_speed() -> None:
    h, _ = run(root(), KeepOnly(query=NIGHT), Speed(factor=2.0))  # a 80-320: across 120, 122, 300
    h, result = split(h, Split(target=ClipRef(indices=[1])))
    clips = h.current.timeline.clips
    assert spans(h.current.timeline) == [("a", 80, 120), ("a", 120, 300), ("a", 300, 320)]
    assert {c.reason.query for c in clips} == {"night"} and {c.speed for c in clips} == {2.0}
    h, result = split(h, Split(target=ClipRef(indices=[1])))  # one shot already: nothing to split
    assert result.timeline is None and "no shot changes" in result.note


def test_split_of_a_clip_ending_just_after_a_shot_change_leaves_no_sliver() -> None:
    h, _ = run(root(), KeepOnly(query=FIGHT))  # a 50-100, a 300-400 (starts on a change), b 0-75
    h, _ = run(h, Extend(target=ClipRef(indices=[1]), seconds=1.04))  # a 50-126: 4 frames past 122
    assert spans(h.current.timeline)[0] == ("a", 50, 126)
    h, result = split(h, Split())
    assert spans(h.current.timeline)[0] == ("a", 50, 126) and result.timeline is None  # 0.16 s pieces: none


def test_split_a_clip_in_equal_parts_or_at_a_time_into_it() -> None:
    """The razor where no shot changes: "split clip 2 in half", "split clip 1 at 3 seconds" (as it plays)."""
    h, _ = run(root(), KeepOnly(query=FIGHT), Speed(target=ClipRef(indices=[1]), factor=2.0))
    before = h.current.timeline
    h, result = split(h, Split(target=ClipRef(indices=[2]), parts=2))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 350), ("a", 350, 400), ("b", 0, 75)]
    assert h.current.timeline.duration == before.duration and "split 1 clip into 2 parts (4 clips now)" \
        in result.note
    assert_valid(h.current.timeline)
    h, _ = split(h, Split(target=ClipRef(indices=[-1]), parts=3))
    assert spans(h.current.timeline)[-3:] == [("b", 0, 25), ("b", 25, 50), ("b", 50, 75)]
    assert {c.reason.query for c in h.current.timeline.clips} == {"fight"}  # pieces keep why they're in
    whole, _ = split(root(), Split(target=ClipRef(indices=[2]), parts=2))  # video b, whole: 10 s
    assert [c.reason.describe() for c in whole.current.timeline.clips[1:]] == [
        "0.0-5.0 s of the source video", "5.0-10.0 s of the source video"]
    again, _ = split(whole, Split(target=ClipRef(indices=[-1]), at=1))  # a piece of a piece says its own
    assert [c.reason.describe() for c in again.current.timeline.clips[-2:]] == [
        "5.0-6.0 s of the source video", "6.0-10.0 s of the source video"]
    # clip 1 plays at 2x: 0.5 s into it as it plays is 1 s (25 frames) of its footage
    h, result = split(h, Split(target=ClipRef(indices=[1]), at=0.5))
    assert spans(h.current.timeline)[:2] == [("a", 50, 75), ("a", 75, 100)] and "at 0.5 s" in result.note
    h, result = split(h, Split(target=ClipRef(indices=[1]), at=5))  # past its end
    assert result.timeline is None and "no 5 s into it" in result.note
    h, result = split(h, Split(target=ClipRef(indices=[1]), parts=20))  # slivers: refused, not made
    assert result.timeline is None and "under 0.25 s" in result.note
    h, result = split(h, Split(parts=2))  # which clip, of many?
    assert result.timeline is None and "Which clip?" in result.note


def test_the_cuts_last_or_first_seconds_are_split_off_and_pointed_at() -> None:
    """"slow down the last 3 seconds": the clip that point falls in is split there, the rest plays as it did;
    it had slowed clips -3 to -1 chosen for "seconds"."""
    h, _ = run(root(), KeepOnly(query=FIGHT))  # a 50-100 (2 s), a 300-400 (4 s), b 0-75 (3 s): 9 s
    last = ClipRef(span=ClipSpan(edge="end", seconds=4))
    h, result = run(h, Speed(target=last, factor=0.5))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 375), ("a", 375, 400), ("b", 0, 75)]
    assert [c.speed for c in h.current.timeline.clips] == [1.0, 1.0, 0.5, 0.5]
    assert "speed 0.5x for 2 clips" in result.note
    assert_valid(h.current.timeline)
    # the first 2.5 s of the cut, with clip 1 playing at 2x (1 s) and the first 1.5 s of clip 2
    h, _ = run(root(), KeepOnly(query=FIGHT), Speed(target=ClipRef(indices=[1]), factor=2.0))
    first = ClipRef(span=ClipSpan(edge="start", seconds=2.5))
    h, _ = run(h, Volume(target=first, level=0))
    assert spans(h.current.timeline)[:3] == [("a", 50, 100), ("a", 300, 337), ("a", 337, 400)]
    assert [c.volume for c in h.current.timeline.clips] == [0.0, 0.0, 1.0, 1.0]
    # an edge a sliver from a clip's end takes the whole clip; past the cut's length is all of it
    h, _ = run(root(), KeepOnly(query=FIGHT))
    h, _ = run(h, Volume(target=ClipRef(span=ClipSpan(edge="start", seconds=2.1)), level=0))
    assert len(h.current.timeline.clips) == 3 and h.current.timeline.clips[0].volume == 0
    h, _ = run(h, Speed(target=ClipRef(span=ClipSpan(edge="end", seconds=60)), factor=2.0))
    assert len(h.current.timeline.clips) == 3 and {c.speed for c in h.current.timeline.clips} == {2.0}


def test_a_share_of_the_cut_from_an_end() -> None:
    """"make the second half faster": half of the cut's played length, from its end."""
    h, _ = run(root(), KeepOnly(query=FIGHT))  # 2 s + 4 s + 3 s
    h, _ = run(h, Speed(target=ClipRef(span=ClipSpan(edge="end", share=0.5)), factor=1.5))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 362), ("a", 362, 400), ("b", 0, 75)]
    assert [c.speed for c in h.current.timeline.clips] == [1.0, 1.0, 1.5, 1.5]


def test_a_span_of_the_cut_is_a_reference_on_its_own() -> None:
    with pytest.raises(ValueError, match="on its own"):
        ClipRef(indices=[1], span=ClipSpan(edge="end", seconds=3))


def test_join_puts_pieces_of_one_stretch_back_into_one_clip() -> None:
    """"merge clips 2 and 3" after a split: one clip again, the cut playing the same; clips that skip
    footage or play differently are said, and nothing changes."""
    h, _ = run(root(), KeepOnly(query=FIGHT))  # a 50-100, a 300-400, b 0-75
    h, _ = split(h, Split(target=ClipRef(indices=[2]), parts=2))
    assert spans(h.current.timeline)[1:3] == [("a", 300, 350), ("a", 350, 400)]
    h, result = run(h, JoinClips(target=ClipRef(indices=[2, 3])))
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 400), ("b", 0, 75)]
    assert h.current.timeline.clips[1].reason.query == "fight" and "joined clips 2 and 3" in result.note
    _, apart = run(h, JoinClips(target=ClipRef(indices=[1, 2])))  # 50-100 then 300-400: footage skipped
    assert apart.timeline is None and "not one stretch of footage" in apart.note
    h, _ = split(h, Split(target=ClipRef(indices=[2]), parts=2))
    h, _ = run(h, Speed(target=ClipRef(indices=[3]), factor=2.0))
    _, different = run(h, JoinClips(target=ClipRef(indices=[2, 3])))
    assert different.timeline is None and "play differently" in different.note
    _, one = run(h, JoinClips(target=ClipRef(indices=[2])))
    assert one.timeline is None and "two clips next to each other" in one.note
    whole, _ = split(root(), Split(target=ClipRef(indices=[2]), parts=2))  # video b, whole: 0-5 s, 5-10 s
    whole, _ = run(whole, JoinClips(target=ClipRef(indices=[2, 3])))
    assert whole.current.timeline.clips[1].reason.describe() == "0.0-10.0 s of the source video"


def test_join_all_puts_every_continuing_run_back_and_leaves_the_rest() -> None:
    """"join all the pieces back up": each run of pieces that continue each other is one clip again; clips
    that skip footage stay apart; with no such pair it says so and nothing changes."""
    h, _ = run(root(), KeepOnly(query=FIGHT))  # a 50-100, a 300-400, b 0-75
    h, _ = split(h, Split(target=ClipRef(indices=[2]), parts=2))
    h, _ = split(h, Split(target=ClipRef(indices=[4]), parts=3))
    assert len(h.current.timeline.clips) == 6
    h, result = run(h, JoinClips())
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 400), ("b", 0, 75)]
    assert "clips 2 and 3" in result.note and "clips 4, 5 and 6" in result.note
    assert "3 clips now" in result.note
    _, nothing = run(h, JoinClips())
    assert nothing.timeline is None and "nothing to join" in nothing.note


def test_split_takes_parts_or_a_time_not_both() -> None:
    with pytest.raises(ValueError, match="parts or at"):
        Split(parts=2, at=3)
    with pytest.raises(ValueError):
        Split(parts=1)


def test_a_length_asked_of_the_whole_videos_keeps_their_best_shots_not_their_first_minutes() -> None:
    shots = [Highlight(scene("a", 100, 150, 0.9), "talk"), Highlight(scene("a", 300, 350, 0.5), "view"),
             Highlight(scene("b", 0, 100, 0.7), "talk"), Highlight(scene("a", 400, 450, 0.2), "view")]
    five = apply_plan(EditPlan(ops=[LimitDuration(seconds=5)]), root(), RESOLVED, SOURCE, shots)
    assert five.timeline is not None and five.timeline.duration == 5
    # The best (a 100-150, 2 s), then the next best cut to the 3 s left; in story order, not by score.
    assert spans(five.timeline) == [("a", 100, 150), ("b", 0, 75)]
    assert "best-ranked shots of the whole videos" in five.note
    half = apply_plan(EditPlan(ops=[LimitDuration(factor=0.5)]), root(), RESOLVED, SOURCE, shots)
    # Half of 30 s is more than the four shots hold (10 s): all of them, not the first 15 s of video a.
    assert half.timeline is not None and spans(half.timeline) == [("a", 100, 150), ("a", 300, 350),
                                                                  ("a", 400, 450), ("b", 0, 100)]
    # With nothing ranked (no highlights) the old reading stays: the first seconds.
    plain = apply_plan(EditPlan(ops=[LimitDuration(seconds=5)]), root(), RESOLVED, SOURCE)
    assert spans(plain.timeline) == [("a", 0, 125)]
    # A searched cut has scores: a length keeps its best clips as before, highlights or not.
    h, _ = run(root(), KeepOnly(query=FIGHT))
    searched = apply_plan(EditPlan(ops=[LimitDuration(seconds=4)]), h, RESOLVED, SOURCE, shots)
    assert spans(searched.timeline) == [("a", 300, 400)]


def test_a_length_longer_than_the_cut_runs_every_clip_on_into_its_footage() -> None:
    """"too short, make it longer" had answered "already 7.3 s (limit 10.9 s)": a limit only shortened."""
    h, _ = run(root(), KeepOnly(query=FIGHT))  # a 50-100, a 300-400, b 0-75: 9 s
    longer = apply_plan(EditPlan(ops=[LimitDuration(seconds=12)]), h, RESOLVED, SOURCE)
    assert longer.timeline is not None
    # 3 s missing over 3 clips: 0.5 s (12 frames) at each end, b stopping at its video's start
    assert spans(longer.timeline) == [("a", 38, 112), ("a", 288, 412), ("b", 0, 87)]
    assert "made it longer towards 12.0 s: extended 3 clips by up to 0.5 s at both ends" in longer.note
    h2, _ = run(h, LimitDuration(factor=1.5))
    assert h2.current.timeline.duration > h.current.timeline.duration
    whole = apply_plan(EditPlan(ops=[LimitDuration(change=60)]), root(), RESOLVED, SOURCE)  # nothing to add
    assert whole.timeline is None and "no more footage to add" in whole.note


def test_more_undo_or_redo_steps_than_the_history_holds_go_as_far_as_it_goes() -> None:
    """"undo twice" after one edit had answered "Nothing to undo"; it now undoes that edit and says where."""
    h, _ = run(root(), KeepOnly(query=FIGHT))
    h, result = run(h, Undo(steps=3))
    assert h.current_id == "v0" and "undid to version 0" in result.note
    h, result = run(h, Redo(steps=5))
    assert h.current_id == "v1" and "redid to version 1" in result.note


@settings(max_examples=100, deadline=None)
@given(moved=st.lists(scene_st, min_size=1, max_size=4), beside=st.lists(scene_st, min_size=1, max_size=4),
       before=st.booleans())
def test_move_next_to_another_search_only_reorders(moved, beside, before) -> None:
    boat, castle = Query(text="boat"), Query(text="castle")
    op = Move(query=boat, before=castle) if before else Move(query=boat, after=castle)
    h, result = run(root(), op, resolved={boat: moved, castle: beside})
    if result.timeline is not None:
        assert frames_of(result.timeline) == frames_of(SOURCE)  # every frame once


# --- two groups change places ----------------------------------------------------------------------


@pytest.mark.parametrize(("ref", "other", "order"), [
    ([1, 2], [4], [4, 3, 1, 2, 5]),  # blocks of different sizes: what lies between stays
    ([4], [1, 2], [4, 3, 1, 2, 5]),  # either side may come first
    ([1, 3], [2, 4], [2, 4, 1, 3, 5]),  # interleaved: each group keeps its order
    ([2], [5], [1, 5, 3, 4, 2]),  # one clip each: a plain swap
])
def test_two_groups_change_places_as_blocks(ref, other, order) -> None:
    op = SwapClips(ref=ClipRef(indices=ref), other=ClipRef(indices=other))
    h, result = run(five_clips(), op)
    assert starts(h) == order, result.note
    assert result.note.startswith(f"swapped {len(ref)} clip")


def test_groups_that_overlap_or_are_missing_explain_and_change_nothing() -> None:
    h = five_clips()
    after, result = run(h, SwapClips(ref=ClipRef(indices=[1, 2]), other=ClipRef(indices=[2, 3])))
    assert not result.changed and "Those overlap: 1 clip would be in both groups" in result.note
    after, result = run(h, SwapClips(ref=ClipRef(indices=[1]), other=ClipRef(matching="chase")))
    assert not result.changed and 'No clip in the cut was chosen for "chase"' in result.note
    assert after.current.id == h.current.id


def test_videos_swap_their_parts_and_a_video_not_in_the_cut_is_said() -> None:
    """ "swap the chaplin and tears parts": the planner scopes each side to its video."""
    ids = ("aa00000000000001", "aa00000000000002", "aa00000000000003")
    clips = [Clip(vid, f, f + 25, Fraction(f, FPS), Fraction(f + 25, FPS))
             for vid, f in ((ids[0], 0), (ids[0], 50), (ids[1], 0), (ids[2], 0))]
    h = root(SOURCE.with_clips(clips))
    names = ("tears", "sintel", "chaplin")
    picks = [VideoPick(id=vid, name=name) for vid, name in zip(ids, names, strict=True)]
    op = SwapClips(ref=ClipRef(videos=(picks[0],)), other=ClipRef(videos=(picks[2],)))
    swapped, result = run(h, op)
    assert [(c.video_id, c.in_frame) for c in swapped.current.timeline.clips] == [
        (ids[2], 0), (ids[1], 0), (ids[0], 0), (ids[0], 50)]
    assert result.note.startswith("swapped 2 clips with 1 clip")
    absent = VideoPick(id="aa00000000000009", name="day2")
    for op, said in [
        (Move(query=Query(videos=(absent,)), to="start"), 'say "add everything from day2"'),
        (Move(query=Query(videos=(picks[0],)), after=Query(videos=(absent,))), "comes from day2"),
        (Remove(query=Query(videos=(absent,))), "from day2, so there is nothing to remove"),
        (SwapClips(ref=ClipRef(videos=(picks[0],)), other=ClipRef(videos=(absent,))), "comes from day2"),
    ]:
        after, result = run(h, op)
        assert not result.changed and said in result.note, result.note
        assert after.current.id == h.current.id


def test_a_plural_names_the_clips_chosen_in_the_singular() -> None:
    """ "swap the fights and the chases": clips chosen for "fight" are the fights, and never "bus" for
    a clip of "buildings"."""
    clip = Clip("a", 0, 25, Fraction(0), Fraction(1))
    for words, query, chosen in [("fights", "fight scene", True), ("matches", "match point", True),
                                 ("fight", "fights", True), ("bus", "buildings", False),
                                 ("chases", "car chase", True), ("kisses", "kiss", True)]:
        assert replace(clip, reason=Reason(query=query, signal="visual")).chosen_for(words) is chosen, words


def test_the_people_a_reason_shows_on_screen_name_its_clip() -> None:
    """ "swap Thom and Hildy" after "only the shots with people in them": the clips' reasons say who is on
    screen ("someone" brought them in), and "No clip in the cut was chosen for thom" was the answer."""
    seen = Reason(query="someone", signal="people",
                  people=(OnScreen("Thom", 6.0, 7.0), OnScreen("#3", 1.0, 7.0)))
    clip = replace(Clip("a", 0, 25, Fraction(0), Fraction(1)), reason=seen)
    assert clip.chosen_for("thom") and clip.chosen_for("Thom") and not clip.chosen_for("hildy")
    clips = list(run(root(), KeepOnly(query=FIGHT))[0].current.timeline.clips)
    clips[0] = replace(clips[0], reason=seen)
    clips[2] = replace(clips[2], reason=replace(seen, people=(OnScreen("Hildy", 2.0, 3.0),)))
    after, result = run(root(Timeline(tuple(clips))), SwapClips(ref=ClipRef(matching="thom"),
                                                                 other=ClipRef(matching="hildy")))
    assert result.changed, result.note
    swapped = after.current.timeline.clips
    assert [swapped[0].reason.people[0].name, swapped[2].reason.people[0].name] == ["Hildy", "Thom"]


def test_an_add_keeps_the_cuts_own_order() -> None:
    """ "put the b clip first", then "add the night": b stays first and the night goes where the films
    have it, next to the clip before it (before, an add put the whole cut back in story order)."""
    h, _ = run(root(), KeepOnly(query=FIGHT))  # a 50-100, a 300-400, b 0-75
    h, _ = run(h, MoveClip(ref=ClipRef(indices=[3]), to="start"))
    h, result = run(h, Add(query=NIGHT))  # a 80-320: its frames not in the cut yet are a 100-300
    assert spans(h.current.timeline) == [("b", 0, 75), ("a", 50, 100), ("a", 100, 300), ("a", 300, 400)]
    # on a cut in story order an add is the story order, as before
    story, _ = run(run(root(), KeepOnly(query=FIGHT))[0], Add(query=NIGHT))
    assert spans(story.current.timeline) == sorted(spans(story.current.timeline),
                                                   key=lambda s: ("ab".index(s[0]), s[1]))


def test_speed_for_words_no_clip_was_chosen_for_slows_the_parts_a_search_finds() -> None:
    """"slow down the fights" on the whole videos answered "No clip in the cut was chosen for fight"; the
    parts of the cut that a search for "fight" finds now get the speed, the rest plays as it did."""
    slow = Speed(target=ClipRef(matching="fight"), factor=0.5)
    assert EditPlan(ops=[slow]).queries() == [FIGHT]
    history, result = run(root(), slow)
    assert result.note.startswith('speed 0.5x for 3 parts with "fight"'), result.note
    timeline = history.current.timeline
    assert_valid(timeline)
    assert [(v, a, b, c.speed) for (v, a, b), c in zip(spans(timeline), timeline.clips, strict=True)] == [
        ("a", 0, 50, 1.0), ("a", 50, 100, 0.5), ("a", 100, 300, 1.0), ("a", 300, 400, 0.5),
        ("a", 400, 500, 1.0), ("b", 0, 75, 0.5), ("b", 75, 250, 1.0)]
    # clips chosen for fights are those clips, as before: no search decides
    history, _ = run(root(), KeepOnly(query=FIGHT))
    history, result = run(history, slow)
    assert all(c.speed == 0.5 for c in history.current.timeline.clips)
    assert len(history.current.timeline.clips) == 3
    # a sliver under a quarter second is not split off; nothing found is said and changes nothing
    sliver = {Query(text="fight"): [scene("a", 0, 3), scene("a", 10, 40)]}
    history, result = run(root(), slow, resolved=sliver)
    timeline = history.current.timeline
    assert [(*span, c.speed) for span, c in zip(spans(timeline), timeline.clips, strict=True)][:3] == [
        ("a", 0, 10, 1.0), ("a", 10, 40, 0.5), ("a", 40, 500, 1.0)]  # frames 0-3 (0.12 s) play at 1x
    _, result = run(root(), slow, resolved={Query(text="fight"): []})
    assert result.timeline is None and "fight" in result.note


def test_the_sound_or_speed_of_the_parts_with_a_person() -> None:
    """"mute the scenes with Thom" on the whole videos: the parts where a search for him finds him on screen
    (it had been answered "I can't pick out one sound"); "slow down the Celia scenes" searched the pictures
    for the word "celia"."""
    thom = Query(people=("Thom",))
    mute = Volume(target=ClipRef(people=("Thom",)), level=0)
    assert EditPlan(ops=[mute]).queries() == [thom] and EditPlan(ops=[mute]).people() == ["Thom"]
    found = {thom: [replace(scene("a", 100, 200), people=(OnScreen("Thom", 3.5, 4.0),))]}
    history, result = run(root(), mute, resolved=found)
    timeline = history.current.timeline
    assert [(*span, c.volume) for span, c in zip(spans(timeline), timeline.clips, strict=True)][:3] == [
        ("a", 0, 100, 1.0), ("a", 100, 200, 0.0), ("a", 200, 500, 1.0)]
    assert result.note.startswith('muted 1 part with "Thom"'), result.note
    assert timeline.clips[1].reason.describe() == "4.0-8.0 s of the source video"  # not "whole source video"
    # clips chosen with him on screen are those clips, as with words
    seen = Reason(query="", signal="visual", people=(OnScreen("Thom", 3.5, 4.0),))
    chosen = replace(timeline.clips[1], reason=seen)
    mixed = timeline.with_clips([timeline.clips[0], chosen, timeline.clips[2]])
    history, result = run(root(mixed), Speed(target=ClipRef(people=("Thom",)), factor=2.0), resolved={})
    assert [c.speed for c in history.current.timeline.clips] == [1.0, 2.0, 1.0]
    _, result = run(root(), mute, resolved={thom: []})
    assert result.timeline is None and "Thom" in result.note


def test_a_speed_for_words_is_said_as_parts() -> None:
    """It played "every 'boring' clip" though it may speed parts of clips a search found."""
    from assistant.plan.describe import describe_plan

    said = describe_plan(EditPlan(ops=[Speed(target=ClipRef(matching="robot"), factor=0.5)]))
    assert said == "Played the 'robot' parts at 0.5x speed"
    numbered = describe_plan(EditPlan(ops=[Speed(target=ClipRef(indices=[2], matching="robot"), factor=0.5)]))
    assert numbered == "Played the 2nd 'robot' clip at 0.5x speed"


def test_a_ceiling_never_lengthens_the_cut_and_a_floor_never_shortens_it() -> None:
    """"keep it under 12 seconds" of a 9 s cut had run every clip on to 12 s (a target length lengthens);
    "at least 5 seconds" of it had cut it to 5."""
    h, _ = run(root(), KeepOnly(query=FIGHT))  # 9 s
    under = apply_plan(EditPlan(ops=[LimitDuration(seconds=12, bound="at_most")]), h, RESOLVED, SOURCE)
    assert under.timeline is None  # no new version
    assert "already 9.0 s, within the 12.0 s asked" in under.note
    floor = apply_plan(EditPlan(ops=[LimitDuration(seconds=5, bound="at_least")]), h, RESOLVED, SOURCE)
    assert floor.timeline is None
    assert "already 9.0 s, at least the 5.0 s asked" in floor.note
    # Outside the bound each moves the cut as a plain length does.
    shorter = apply_plan(EditPlan(ops=[LimitDuration(seconds=5, bound="at_most")]), h, RESOLVED, SOURCE)
    assert shorter.timeline is not None and shorter.timeline.duration == 5
    longer = apply_plan(EditPlan(ops=[LimitDuration(seconds=12, bound="at_least")]), h, RESOLVED, SOURCE)
    assert longer.timeline is not None and longer.timeline.duration > 9
    assert "made it longer towards 12.0 s" in longer.note
    # A bound means nothing beside a factor or a change: those say their own direction.
    half = apply_plan(EditPlan(ops=[LimitDuration(factor=0.5, bound="at_least")]), h, RESOLVED, SOURCE)
    assert half.timeline is not None and half.timeline.duration < 9


def test_transitions_in_a_stretch_of_the_cut_go_at_its_cuts_without_splitting_a_clip() -> None:
    """"crossfades only in the second half": the cuts that fall in it (a split would put one inside a
    continuous shot); a stretch with no cut in it is refused, not applied to every cut."""
    h, _ = run(root(), KeepOnly(query=FIGHT))  # a 50-100 (2 s), a 300-400 (4 s), b 0-75 (3 s): 9 s
    second_half = ClipRef(span=ClipSpan(edge="end", share=0.5))  # 4.5 s to 9 s: the cut at 6 s into clip 3
    h, result = run(h, Transition(kind="crossfade", seconds=0.5, into=second_half))
    clips = h.current.timeline.clips
    assert spans(h.current.timeline) == [("a", 50, 100), ("a", 300, 400), ("b", 0, 75)]  # nothing split
    assert [c.join is not None for c in clips] == [False, False, True]
    assert "crossfade between clips 2 and 3" in result.note
    first_half = ClipRef(span=ClipSpan(edge="start", share=0.5))  # 0 to 4.5 s: the cut at 2 s into clip 2
    h, _ = run(h, Transition(kind="fade_black", seconds=0.5, into=first_half))
    kinds = [c.join.kind if c.join else None for c in h.current.timeline.clips]
    assert kinds == [None, "fade_black", "crossfade"]
    _, none = run(h, Transition(kind="crossfade", into=ClipRef(span=ClipSpan(edge="end", seconds=1))))
    assert none.timeline is None and "No cut between two clips" in none.note


def test_clips_just_added_move_next_to_a_clip_by_number() -> None:
    """"add the night scenes, then put them right after the first clip": the clips chosen for the search,
    in one plan with the addition, land after clip 1 (the rules' move_clip with ``matching``)."""
    h, _ = run(root(), KeepOnly(query=FIGHT))
    h, result = run(h, Add(query=NIGHT), MoveClip(ref=ClipRef(matching="night"), after=1))
    queries = [c.reason.query for c in h.current.timeline.clips]
    assert result.changed and queries[0] == "fight" and queries[1] == "night" and queries.count("night") == 1


def test_a_removal_spares_the_matching_parts_it_names_in_the_order_the_cut_plays_them() -> None:
    """"remove the fights except the last one": the fight the cut plays last stays, the others go, counted in
    the cut's order (here video b plays first, so its fight is the first); a count past the parts says how
    many there are."""
    h, _ = run(root(), MoveClip(ref=ClipRef(indices=[2]), to="start"))  # b before a
    spared, result = run(h, Remove(query=FIGHT, spare=[-1]))
    assert spans(spared.current.timeline) == [("b", 75, 250), ("a", 0, 50), ("a", 100, 500)]
    assert "1 part of them kept" in result.note
    first, _ = run(h, Remove(query=FIGHT, spare=[1]))  # b's fight plays first: kept
    assert spans(first.current.timeline)[0] == ("b", 0, 250)
    assert ("a", 50, 100) not in spans(first.current.timeline)
    both, _ = run(root(), Remove(query=FIGHT, spare=[1, 2]))
    assert spans(both.current.timeline) == [("a", 0, 500), ("b", 75, 250)]
    after, result = run(root(), Remove(query=FIGHT, spare=[4]))
    assert not result.changed, result.note
    assert "There is no part 4 to keep: the cut has 3 parts" in result.note


def test_the_parts_spared_are_counted_from_one() -> None:
    with pytest.raises(ValueError):
        Remove(query=FIGHT, spare=[0])
