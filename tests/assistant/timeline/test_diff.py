"""The diff of two versions: pure, so checked on generated timelines (hypothesis) and a few exact cases."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from assistant.plan.schema import ClipRef, EditPlan, MoveClip, Query, Remove, RemoveClip, Speed
from assistant.timeline.diff import diff_timelines
from assistant.timeline.model import Clip, Privacy, Reason, Timeline
from assistant.timeline.questions import Question, ambiguity


def clip(video: str, start: int, end: int, query: str = "") -> Clip:
    """Frames at 10 fps, so frame n is n/10 s."""
    return Clip(video, start, end, Fraction(start, 10), Fraction(end, 10),
                reason=Reason(query=query, signal="visual" if query else "source"))


# Disjoint clips of two videos: 10-frame slots, each clip inside its own slot.
slots = st.lists(st.tuples(st.sampled_from("ab"), st.integers(0, 30)), min_size=0, max_size=8, unique=True)
timelines = slots.map(lambda s: Timeline(clips=tuple(clip(v, n * 10, n * 10 + 8) for v, n in s)))


@given(timelines)
def test_a_version_against_itself_has_no_changes(t: Timeline) -> None:
    d = diff_timelines(t, t)
    assert d.empty and d.duration_before == d.duration_after == t.duration
    assert "no change" in d.describe()


@given(timelines, timelines)
def test_every_clip_is_accounted_for_and_reversing_swaps_added_and_removed(a: Timeline, b: Timeline) -> None:
    forward, backward = diff_timelines(a, b), diff_timelines(b, a)
    kept = len(a.clips) - len(forward.removed)
    assert kept == len(b.clips) - len(forward.added) >= 0
    assert set(forward.added) == set(backward.removed) and set(forward.removed) == set(backward.added)
    assert not forward.trimmed  # slot-aligned clips are either the same clip or a different one
    assert (forward.duration_before, forward.duration_after) == (a.duration, b.duration)


@given(timelines, st.randoms(use_true_random=False))
def test_a_shuffle_is_only_a_reorder_with_the_fewest_moves(t: Timeline, rnd) -> None:
    clips = list(t.clips)
    rnd.shuffle(clips)
    d = diff_timelines(t, t.with_clips(clips))
    assert not (d.added or d.removed or d.trimmed)
    assert bool(d.reordered) == (clips != list(t.clips))
    assert len(d.reordered) < max(len(clips), 1)  # at least one clip always stays put


def test_trims_speed_settings_and_reorders_are_named() -> None:
    before = Timeline(clips=(clip("a", 0, 50, "fight"), clip("a", 100, 150), clip("b", 0, 40)))
    after = Timeline(
        clips=(clip("b", 0, 40), replace(clip("a", 0, 50, "fight"), speed=2.0), clip("a", 110, 140)),
        transition="crossfade", transition_seconds=0.5, title="Mine",
    )
    d = diff_timelines(before, after)
    assert not d.added and not d.removed
    assert [(c.before.in_frame, c.after.in_frame, c.after.out_frame) for c in d.trimmed] == [(100, 110, 140)]
    assert [c.after.speed for c in d.retimed] == [2.0]
    assert [c.video_id for c in d.reordered] == ["b"]
    assert d.settings == ("transitions: cut -> crossfade", "title: (none) -> Mine")
    text = d.describe()
    assert "trimmed: 10.0-15.0 s -> 11.0-14.0 s" in text and "1x -> 2x" in text and "length: 14.0 s" in text
    assert d.to_json()["trimmed"][0]["after"]["in_frame"] == 110
    # Changes touching two videos say which video each span is from; one video's need no name.
    named = d.describe({"a": "harbour_day", "b": "chaplin"})
    assert "trimmed: harbour_day 10.0-15.0 s -> 11.0-14.0 s" in named
    assert "reordered: chaplin 0.0-4.0 s" in named
    one = diff_timelines(Timeline(clips=(clip("a", 0, 50),)), Timeline(clips=(clip("a", 0, 40),)))
    assert "harbour_day" not in one.describe({"a": "harbour_day"})


def test_blur_and_frame_shape_changes_are_named_even_when_the_clips_stay() -> None:
    before = Timeline(clips=(clip("a", 0, 50),))
    after = replace(before, privacy=Privacy(blur="all_but", people=(2, 5), aspect="9:16"))
    d = diff_timelines(before, after)
    assert not d.empty
    assert d.settings == ("blur: none -> all but #2, #5", "frame: original -> 9:16")
    unblurred = diff_timelines(after, replace(after, privacy=Privacy(blur="all", aspect="9:16")))
    assert unblurred.settings == ("blur: all but #2, #5 -> all faces",)
    # said with the names given since (a user session read "all but #2" for someone named Celia); the
    # length, which a blur does not change, is said once
    text = d.describe(people={2: "Celia"})
    assert "blur: none -> all but Celia, #5" in text and "frame: original -> 9:16" in text
    assert text.endswith("length: 5.0 s (unchanged)")


def test_a_number_past_the_end_asks_which_clip() -> None:
    cut = Timeline(clips=(clip("a", 0, 50), clip("a", 60, 90), clip("b", 0, 40)))
    plan = EditPlan(ops=[Speed(target=ClipRef(indices=[1, 6]), factor=2.0)])
    question = ambiguity(plan, cut)
    assert question is not None and "no clip 6" in question.text and "3 clips" in question.text
    assert [c.plan.ops[0].target.indices for c in question.choices] == [[1], [1, 2], [1, 3]]
    assert Question.from_json(question.to_json()) == question
    assert ambiguity(EditPlan(ops=[Speed(target=ClipRef(indices=[3]), factor=2.0)]), cut) is None
    one = Timeline(clips=(clip("a", 0, 50),))
    asked = ambiguity(EditPlan(ops=[Speed(target=ClipRef(indices=[5]), factor=2.0)]), one)
    assert asked is not None and "the cut has 1 clip." in asked.text


def test_a_move_past_the_end_offers_only_clips_the_move_would_change() -> None:
    cut = Timeline(clips=(clip("a", 0, 50), clip("a", 60, 90), clip("b", 0, 40), clip("b", 50, 60)))
    def offered(**place) -> list[int]:
        question = ambiguity(EditPlan(ops=[MoveClip(ref=ClipRef(indices=[9]), **place)]), cut)
        assert question is not None and question.text.startswith("There is no clip 9: the cut has 4 clips.")
        return [c.plan.ops[0].ref.indices[0] for c in question.choices]
    assert offered(to="start") == [2, 3, 4]  # clip 1 is at the start already
    assert offered(to="end") == [1, 2, 3]
    assert offered(after=2) == [1, 4]  # 2 is the anchor, 3 already follows it
    assert offered(before=-1) == [1, 2]  # before the last: clip 3 is there already


def test_a_singular_reference_to_several_matching_clips_asks_which() -> None:
    cut = Timeline(clips=(clip("a", 0, 50, "fight"), clip("a", 60, 90), clip("b", 0, 40, "fight")))
    question = ambiguity(EditPlan(ops=[Remove(query=Query(text="fight"))]), cut)
    assert question is not None and question.text.startswith("2 clips of the cut")
    assert [c.plan.ops[0] for c in question.choices[:2]] == [
        RemoveClip(ref=ClipRef(indices=[1])), RemoveClip(ref=ClipRef(indices=[3]))]
    assert question.choices[2].plan == EditPlan(ops=[Remove(query=Query(text="fight"))])  # "all of them"
    assert ambiguity(EditPlan(ops=[Remove(query=Query(text="fights"))]), cut) is None  # plural: all
    second = EditPlan(ops=[RemoveClip(ref=ClipRef(indices=[2], matching="fight"))])
    assert ambiguity(second, cut) is None
    third = ambiguity(EditPlan(ops=[RemoveClip(ref=ClipRef(indices=[3], matching="fight"))]), cut)
    assert third is not None and '2 "fight" clips' in third.text


def test_a_clip_made_longer_is_named_extended_not_trimmed() -> None:
    before = Timeline(clips=(clip("a", 100, 150), clip("a", 200, 250)))
    after = Timeline(clips=(clip("a", 100, 175), clip("a", 210, 250)))
    text = diff_timelines(before, after).describe()
    assert "extended: 10.0-15.0 s -> 10.0-17.5 s" in text and "trimmed: 20.0-25.0 s -> 21.0-25.0 s" in text


def _covered(t: Timeline) -> set[tuple[str, int]]:
    """Each 0.1 s source frame a timeline shows (the generated clips are whole frames)."""
    return {(c.video_id, f) for c in t.clips for f in range(c.in_frame, c.out_frame)}


@given(timelines, timelines)
def test_the_footage_cut_and_added_is_what_the_other_version_does_not_show(a: Timeline, b: Timeline) -> None:
    d = diff_timelines(a, b)
    for footage, want in ((d.footage_removed, _covered(a) - _covered(b)),
                          (d.footage_added, _covered(b) - _covered(a))):
        got = {(f.video_id, n) for f in footage for n in range(int(f.start * 10), int(f.end * 10))}
        assert got == want
        assert all(f.end - f.start >= Fraction(1, 20) for f in footage)


def test_what_a_narrowing_removed_is_said_as_footage_not_as_reshaped_clips() -> None:
    """"only the robots" on a whole video: the diff had said one clip "trimmed" and three "added", which
    does not answer "what did you remove?"; the footage cut and its length do."""
    before = Timeline(clips=(clip("a", 0, 640),))
    after = Timeline(clips=(clip("a", 220, 255, "robots"), clip("a", 258, 290, "robots"),
                            clip("a", 448, 487, "robots")))
    d = diff_timelines(before, after)
    lines = d.describe().splitlines()
    assert lines[0] == "footage cut: 0.0-22.0 s, 25.5-25.8 s, 29.0-44.8 s, 48.7-64.0 s (53.4 s)"
    assert not d.footage_added and "footage added" not in d.describe()
    assert d.to_json()["footage_removed"][0] == {"video_id": "a", "start": 0.0, "end": 22.0}
    grown = diff_timelines(after, Timeline(clips=(clip("a", 220, 275, "robots"), *after.clips[1:])))
    # 25.8 s on was shown already, by the next clip
    assert grown.describe().splitlines()[1] == "footage added: 25.5-25.8 s (0.3 s)"
    only_removed = diff_timelines(after, Timeline(clips=after.clips[:2]))  # the clip line says it all
    assert "footage" not in only_removed.describe() and only_removed.footage_removed


def test_a_trimmed_clips_reason_is_said_once_unless_it_changed() -> None:
    """Before, "what did you remove?" after "shorten every clip" repeated each clip's long reason twice."""
    before = Timeline(clips=(clip("a", 0, 50, "fight"), clip("a", 100, 150, "chase")))
    after = Timeline(clips=(clip("a", 5, 45, "fight"), clip("a", 105, 150, "chase + night")))
    text = diff_timelines(before, after).describe()
    assert ('trimmed: 0.0-5.0 s "fight" -> 0.5-4.5 s, 10.0-15.0 s "chase" -> 10.5-15.0 s "chase + night"'
            in text)


def test_a_join_past_the_end_asks_which_clip_and_never_offers_the_first() -> None:
    from assistant.plan.schema import Transition

    cut = Timeline(clips=(clip("a", 0, 50), clip("a", 60, 90), clip("b", 0, 40)))
    plan = EditPlan(ops=[Transition(kind="crossfade", into=ClipRef(indices=[8]))])  # "between clips 7 and 8"
    question = ambiguity(plan, cut)
    assert question is not None and "no clip 8" in question.text
    assert all(c.plan.ops[0].into is not None and c.plan.ops[0].kind == "crossfade" for c in question.choices)
    # nothing comes before clip 1, so a join into it is no answer
    assert [c.plan.ops[0].into.indices for c in question.choices] == [[2], [3]]
    assert ambiguity(EditPlan(ops=[Transition(kind="crossfade", into=ClipRef(indices=[3]))]), cut) is None
    # a one-clip cut has nothing to join: no question, applying the plan says so
    assert ambiguity(plan, Timeline(clips=cut.clips[:1])) is None


def test_a_clips_own_blur_shows_in_the_diff() -> None:
    from assistant.timeline.model import FaceBlur

    before = Timeline(clips=(clip("a", 0, 50), clip("a", 60, 90)), privacy=Privacy(blur="all"))
    after = replace(before, clips=(before.clips[0], replace(before.clips[1], blur=FaceBlur("none"))))
    d = diff_timelines(before, after)
    assert not d.empty and d.settings == ("clips' own blur: none -> clip 2: no blur",)
    assert "clips' own blur: none -> clip 2: no blur" in d.describe()
