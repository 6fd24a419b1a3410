"""The cut's opening and closing fades in chat: read by the rules, sent back from a model's fade_black,
applied to the timeline, described, diffed. A fade between clips stays a transition."""

from __future__ import annotations

import pytest

from assistant.plan.describe import describe_plan
from assistant.plan.schema import ClipRef, EditPlan, Fade, KeepOnly, Query, Transition
from assistant.planning.llm.base import llm_schema
from assistant.planning.llm.grounding import _asked_for
from assistant.planning.rules.parser import parse
from assistant.timeline.diff import diff_timelines
from assistant.timeline.model import Join
from tests.assistant.planning.rules_plans import ops
from tests.assistant.timeline.test_apply import FIGHT, SOURCE, root, run


@pytest.mark.parametrize(("text", "expected"), [
    ("could you fade it out at the end", [Fade(at="end")]),
    ("let the film fade to black at the very end", [Fade(at="end")]),
    ("begin with a fade up from black", [Fade(at="start")]),
    ("close it on a long fade", [Fade(at="end", seconds=2.0)]),
    ("I'd like a 3 second fade in at the beginning", [Fade(at="start", seconds=3.0)]),
    ("fade out over 2.5 seconds at the end", [Fade(at="end", seconds=2.5)]),
    ("stick a fade-out on it", [Fade(at="end")]),
    ("fade the whole thing in and out", [Fade(at="both")]),
    ("fades on both ends please", [Fade(at="both")]),
    ("a fade in at the start and a fade out at the end", [Fade(at="both")]),
    ("lose the fade-out", [Fade(at="end", seconds=0)]),
    ("no fades at the start or the end", [Fade(at="both", seconds=0)]),
    ("get rid of the fade in", [Fade(at="start", seconds=0)]),
])
def test_opening_and_closing_fades_are_read(text: str, expected: list) -> None:
    assert ops(text) == expected


@pytest.mark.parametrize(("text", "kind"), [
    ("dip to black between the scenes", "fade_black"),
    ("each clip should fade out to black and back in", "fade_black"),
    ("fade between the clips", "crossfade"),
    ("fade to black", "fade_black"),
])
def test_fades_between_clips_stay_transitions(text: str, kind: str) -> None:
    assert ops(text) == [Transition(kind=kind, seconds=ops(text)[0].seconds)]


def test_a_fade_with_other_edits_in_one_message() -> None:
    assert ops("just the fights and fade out at the end") == [KeepOnly(query=Query(text="fights")),
                                                              Fade(at="end")]


def test_fading_the_music_alone_is_answered_not_guessed() -> None:
    result = parse("fade the music out at the end")
    assert not result.plan.ops and "sound alone" in (result.plan.refusal or "")


def test_a_models_fade_black_for_an_end_fade_is_read_as_one() -> None:
    plan = EditPlan(ops=[KeepOnly(query=FIGHT), Transition(kind="fade_black", seconds=1.0)])
    assert _asked_for(plan, "only the fight, then fade out to black at the end", "en").ops == [
        KeepOnly(query=FIGHT), Fade(at="end")]
    # between the clips it is the transition it says
    assert _asked_for(plan, "only the fight, fade to black between the clips", "en").ops == plan.ops
    assert "fade" not in llm_schema()["properties"]["ops"]["items"]["discriminator"]["mapping"]


def test_fades_apply_keep_through_later_edits_and_come_off() -> None:
    h, result = run(root(), Fade(at="both", seconds=1.5))
    t = h.current.timeline
    assert (t.fade_in, t.fade_out) == (1.5, 1.5) and t.clips == SOURCE.clips
    assert "fade in from black at the start and out to black at the end (1.5 s)" in result.note
    h, _ = run(h, KeepOnly(query=FIGHT))  # a later edit keeps them
    assert (h.current.timeline.fade_in, h.current.timeline.fade_out) == (1.5, 1.5)
    h, result = run(h, Fade(at="end", seconds=0))
    assert (h.current.timeline.fade_in, h.current.timeline.fade_out) == (1.5, 0.0)
    assert "no fade at the end" in result.note
    before = h.versions[-2].timeline
    assert "fades: in 1.5 s, out 1.5 s -> in 1.5 s" in diff_timelines(before, h.current.timeline).settings


def test_a_timeline_without_fades_keeps_its_json_and_hash() -> None:
    faded = SOURCE.__class__.from_json({**SOURCE.to_json(), "fade_in": 2.0, "fade_out": 99})
    assert (faded.fade_in, faded.fade_out) == (2.0, 5.0)  # a hand-edited file is held to the limit
    assert "fade_in" not in SOURCE.to_json() and faded.content_hash() != SOURCE.content_hash()
    assert SOURCE.__class__.from_json(faded.to_json()) == faded


@pytest.mark.parametrize(("language", "words"), [
    ("en", "fade out to black at the end (2 s)"), ("de", "Abblende"), ("fr", "fondu au noir"),
    ("zh", "淡出"), ("ja", "フェードアウト"), ("es", "fundido a negro al final"),
])
def test_fades_are_described_in_the_users_language(language: str, words: str) -> None:
    assert words.lower() in describe_plan(EditPlan(ops=[Fade(at="end", seconds=2)]), language).lower()


@pytest.mark.parametrize(("text", "expected"), [
    ("have the movie fade in when it begins", [Fade(at="start")]),
    ("make the opening fade up gently", [Fade(at="start", seconds=2.0)]),
    ("let it fade away over three seconds at the end", [Fade(at="end", seconds=3.0)]),
    ("could it open from black", [Fade(at="start")]),
    ("we don't need it to fade out any more", [Fade(at="end", seconds=0)]),
    ("stop it fading in", [Fade(at="start", seconds=0)]),
])
def test_fades_said_by_when_the_film_starts_or_ends_or_taken_back(text: str, expected: list) -> None:
    assert ops(text) == expected


def test_a_transition_between_clips_and_an_end_fade_in_one_breath() -> None:
    assert ops("dissolves between the shots and a quick fade out at the end") == [
        Transition(kind="crossfade", seconds=0.5), Fade(at="end", seconds=0.5)]


def INTO(*numbers: int) -> ClipRef:  # noqa: N802 - reads as the field it fills
    return ClipRef(indices=list(numbers))


@pytest.mark.parametrize(("text", "expected"), [
    ("a dissolve between clip 4 and clip 5 only please", Transition(kind="crossfade", into=INTO(5))),
    ("put a crossfade only between the first two clips", Transition(kind="crossfade", into=INTO(2))),
    ("dip to black before the final clip", Transition(kind="fade_black", into=INTO(-1))),
    ("a 1 second crossfade after clip 3", Transition(kind="crossfade", seconds=1.0, into=INTO(4))),
    ("hard cuts between clips 2 and 4", Transition(kind="cut", seconds=0, into=INTO(3, 4))),
])
def test_a_transition_between_two_clips_only_goes_to_those_joins(text: str, expected: Transition) -> None:
    # these crossfaded every cut, then were answered "I can't put a transition between two clips only"
    assert ops(text) == [expected]


def test_joins_of_their_own_apply_and_a_transition_for_every_cut_clears_them() -> None:
    h, result = run(root(), KeepOnly(query=FIGHT), Transition(kind="crossfade", seconds=0.4,
                                                              into=ClipRef(indices=[3])))
    clips = h.current.timeline.clips
    assert [c.join for c in clips] == [None, None, Join("crossfade", 0.4)]
    assert h.current.timeline.transition == "cut"
    assert "crossfade between clips 2 and 3" in result.note
    assert "joins: none -> crossfade 0.4 s into clip 3" in diff_timelines(h.versions[-2].timeline,
                                                                         h.current.timeline).settings
    out = h.current.timeline.output_time()
    assert out.edge_kinds == ("cut", "crossfade") and out.edge_frames[1] == 10 and out.edge_overlap(0) == 0
    assert out.total_frames == sum(out.clip_frames) - 10
    moved, _ = run(h, Transition(kind="fade_black", seconds=1.0))  # every cut now: the join of its own goes
    assert all(c.join is None for c in moved.current.timeline.clips)
    _, refused = run(h, Transition(kind="crossfade", into=ClipRef(indices=[1])))
    assert not refused.changed and "first clip has no clip before it" in refused.note
    into_third = Transition(kind="crossfade", seconds=0.4, into=INTO(3))
    assert describe_plan(EditPlan(ops=[into_third])) == "A 0.4 s crossfade into the 3rd clip"
    assert "into" not in llm_schema()["$defs"]["Transition"]["properties"]


@pytest.mark.parametrize(("text", "expected"), [
    ("make the fade out longer", [Fade(at="end", factor=2.0)]),
    ("the fade at the end is too slow", [Fade(at="end", factor=0.5)]),
    ("tighten the fade in", [Fade(at="start", factor=0.5)]),
    ("the closing fade takes forever", [Fade(at="end", factor=0.5)]),
    ("make the fade in 3 seconds", [Fade(at="start", seconds=3.0)]),
])
def test_the_fade_there_now_is_made_longer_shorter_or_set(text: str, expected: list) -> None:
    assert ops(text) == expected


def test_changing_a_fade_changes_the_one_there_and_asks_for_none() -> None:
    h, _ = run(root(), Fade(at="end", seconds=1.0))
    h, result = run(h, Fade(at="both", factor=2.0))  # only the fade there now: no fade in appears
    assert (h.current.timeline.fade_in, h.current.timeline.fade_out) == (0.0, 2.0)
    assert "fade out 1 s -> 2 s" in result.note
    _, refused = run(h, Fade(at="start", factor=0.5))
    assert not refused.changed and "There is no fade at the start to change" in refused.note
    assert describe_plan(EditPlan(ops=[Fade(at="end", factor=0.5)])) == "Made the fade out shorter"


def test_a_models_transition_for_every_cut_is_read_as_the_pair_the_request_names() -> None:
    plan = EditPlan(ops=[KeepOnly(query=FIGHT), Transition(kind="crossfade", seconds=0.5)])
    assert _asked_for(plan, "only the fight, and crossfade between clips 2 and 3 only", "en").ops == [
        KeepOnly(query=FIGHT), Transition(kind="crossfade", into=INTO(3))]
    assert _asked_for(plan, "only the fight with crossfades", "en").ops == plan.ops  # every cut: as planned


def test_a_models_transition_for_every_cut_passes_grounding_as_the_named_pair() -> None:
    """The model's whole plan, not just ``_asked_for``: naming clips 2 and 3 is not a lost clip number."""
    from assistant.planning.base import PlannerContext
    from tests.planners import ScriptedModel

    model = ScriptedModel('{"ops":[{"op":"transition","kind":"crossfade","seconds":0.5}]}')
    assert model.plan("crossfade only between clips 2 and 3", PlannerContext()).ops == [
        Transition(kind="crossfade", into=INTO(3))]
