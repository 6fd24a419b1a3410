"""Blur and reframe as timeline algebra: who is blurred after each op, notes in words, undo/redo, and
the effects surviving other edits. Pure functions on synthetic videos (no I/O)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.plan.schema import (
    NAMED_REF,
    Blur,
    ClipRef,
    ClipSpan,
    EditPlan,
    KeepOnly,
    MoveClip,
    Redo,
    Reframe,
    Reset,
    Transition,
    Unblur,
    Undo,
)
from assistant.timeline.apply import Characters, apply_plan, blur_privacy
from assistant.timeline.model import FaceBlur, Privacy, Timeline
from assistant.timeline.questions import ambiguity
from tests.assistant.timeline.test_apply import FIGHT, RESOLVED, SOURCE, commit, root

CELIA, THOM, EXTRA = 2, 3, 7
CAST = Characters(
    numbers={"Celia": (CELIA,), "Thom": (THOM,), "#7": (EXTRA,), "hero": (CELIA,), "leads": (CELIA, THOM),
             NAMED_REF: (CELIA, THOM)},
    names={CELIA: "Celia", THOM: "Thom", EXTRA: "#7"},
)


def _after(privacy: Privacy, op: Blur | Unblur) -> Privacy:
    return blur_privacy(privacy, op, CAST)


NONE, ALL = Privacy(), Privacy(blur="all")


@pytest.mark.parametrize(("before", "op", "after"), [
    (NONE, Blur(target="all"), ALL),
    (ALL, Blur(target="none"), NONE),
    (NONE, Blur(target="all_but", people=("Thom", "Celia")), Privacy("all_but", (CELIA, THOM))),
    (NONE, Blur(target="all_but", people=(NAMED_REF,)), Privacy("all_but", (CELIA, THOM))),  # the extras
    (NONE, Blur(target="all_but", people=("leads",)), Privacy("all_but", (CELIA, THOM))),
    # "blur the unnamed people too" after "blur Celia": she stays blurred (in a user's session she was not)
    (Privacy("only", (CELIA,)), Blur(target="all_but", people=(NAMED_REF,)), Privacy("all_but", (THOM,))),
    (Privacy("all_but", (THOM,)), Blur(target="all_but", people=(NAMED_REF,)), Privacy("all_but", (THOM,))),
    (ALL, Blur(target="all_but", people=(NAMED_REF,)), ALL),
    # ... but a name said is spared as said: "blur everyone except Celia"
    (Privacy("only", (CELIA,)), Blur(target="all_but", people=("Celia",)), Privacy("all_but", (CELIA,))),
    # "unblur Thom": from everyone, everyone but Thom; from a list, off the list; the last one off = none
    (ALL, Unblur(people=("Thom",)), Privacy("all_but", (THOM,))),
    (Privacy("all_but", (CELIA,)), Unblur(people=("Thom",)), Privacy("all_but", (CELIA, THOM))),
    (Privacy("only", (THOM, EXTRA)), Unblur(people=("Thom",)), Privacy("only", (EXTRA,))),
    (Privacy("only", (THOM,)), Unblur(people=("Thom",)), NONE),
    (NONE, Unblur(people=("Thom",)), NONE),
    # "blur Thom (too)": added to whoever is blurred; it never uncovers anyone
    (NONE, Blur(target="only", people=("Thom",)), Privacy("only", (THOM,))),
    (Privacy("only", (EXTRA,)), Blur(target="only", people=("Thom",)), Privacy("only", (THOM, EXTRA))),
    (ALL, Blur(target="only", people=("Thom",)), ALL),
    (Privacy("all_but", (CELIA, THOM)), Blur(target="only", people=("Thom",)), Privacy("all_but", (CELIA,))),
    (Privacy("all_but", (THOM,)), Blur(target="only", people=("Thom",)), ALL),
    # "blur just Thom": everyone else uncovered
    (ALL, Blur(target="only", people=("Thom",), exclusive=True), Privacy("only", (THOM,))),
    (Privacy("only", (EXTRA,)), Blur(target="only", people=("#7", "hero"), exclusive=True),
     Privacy("only", (CELIA, EXTRA))),
])
def test_blur_algebra(before: Privacy, op: Blur | Unblur, after: Privacy) -> None:
    assert _after(before, op) == after


EVERYONE = frozenset({CELIA, THOM, EXTRA})
REFS = {CELIA: "Celia", THOM: "Thom", EXTRA: "#7"}


def _blurred(privacy: Privacy) -> frozenset[int]:
    """Whose faces a privacy setting covers, among this cast."""
    listed = frozenset(privacy.people)
    return {"none": frozenset(), "all": EVERYONE, "all_but": EVERYONE - listed, "only": listed}[privacy.blur]


privacies = st.one_of(
    st.sampled_from([NONE, ALL]),
    st.builds(lambda mode, people: Privacy(mode, tuple(sorted(people))), st.sampled_from(["all_but", "only"]),
              st.sets(st.sampled_from(sorted(EVERYONE)), min_size=1)),
)
people = st.sets(st.sampled_from(sorted(EVERYONE)), min_size=1)


@given(privacies, people)
def test_a_blur_adds_exactly_its_people_and_an_unblur_removes_exactly_them(before: Privacy, who: set[int]
                                                                          ) -> None:
    refs = tuple(REFS[n] for n in sorted(who))
    assert _blurred(_after(before, Blur(target="only", people=refs))) == _blurred(before) | who
    assert _blurred(_after(before, Unblur(people=refs))) == _blurred(before) - who
    assert _blurred(_after(before, Blur(target="all_but", people=refs))) == EVERYONE - who
    assert _blurred(_after(before, Blur(target="only", people=refs, exclusive=True))) == who


@given(privacies)
def test_a_blur_of_everyone_but_the_named_as_a_group_uncovers_no_one(before: Privacy) -> None:
    named = frozenset(CAST.numbers[NAMED_REF])
    after = _after(before, Blur(target="all_but", people=(NAMED_REF,)))
    assert _blurred(after) == _blurred(before) | (EVERYONE - named)


def test_blur_keeps_the_frame_shape_and_reframe_keeps_the_blur() -> None:
    assert _after(Privacy(aspect="1:1"), Blur(target="all")) == Privacy("all", (), "1:1")
    history = root(Timeline(SOURCE.clips, privacy=Privacy("only", (THOM,))))
    result = apply_plan(EditPlan(ops=[Reframe(aspect="4:5")]), history, {}, SOURCE)
    assert result.timeline is not None and result.timeline.privacy == Privacy("only", (THOM,), "4:5")


def test_notes_say_who_is_blurred_now_and_the_new_shape() -> None:
    history = root()
    plan = EditPlan(ops=[Blur(target="all"), Unblur(people=("Celia",)), Reframe(aspect="9:16")])
    result = apply_plan(plan, history, {}, SOURCE, characters=CAST)
    assert result.timeline is not None
    assert result.timeline.clips == SOURCE.clips
    assert result.timeline.privacy == Privacy("all_but", (CELIA,), "9:16")
    # who is blurred, said once as it ends up (it said "faces blurred: everyone; faces blurred: everyone
    # except Celia", and "faces blurred: Celia" twice for "blur Celia but leave Thom alone")
    assert result.note.startswith("faces blurred: everyone except Celia; reframed to 9:16 (vertical) — 2 "
                                  "clips")
    back = apply_plan(EditPlan(ops=[Reframe(aspect="original"), Blur(target="only", people=("#7",))]),
                      commit(history, result), {}, SOURCE, characters=CAST)
    assert back.note.startswith("back to the original frame shape; faces blurred: everyone except Celia")
    only = apply_plan(EditPlan(ops=[Blur(target="only", people=("Thom", "#7"))]), history, {}, SOURCE,
                      characters=CAST)
    assert only.note.startswith("faces blurred: Thom and #7")


def test_undo_and_redo_move_through_effects_like_any_edit() -> None:
    history = root()
    for op in (Blur(target="all"), Reframe(aspect="1:1"), Unblur(people=("Thom",))):
        history = commit(history, apply_plan(EditPlan(ops=[op]), history, {}, SOURCE, characters=CAST))
    assert history.current.timeline.privacy == Privacy("all_but", (THOM,), "1:1")
    undone = apply_plan(EditPlan(ops=[Undo(steps=2)]), history, {}, SOURCE)
    assert undone.timeline is None and undone.note == "undid to version 1"
    history = commit(history, undone)
    assert history.current.timeline.privacy == ALL
    redone = apply_plan(EditPlan(ops=[Redo()]), history, {}, SOURCE)
    history = commit(history, redone)
    assert history.current.timeline.privacy == Privacy("all", (), "1:1")
    # undo, then a different shape: a branch from version 1
    branched = apply_plan(EditPlan(ops=[Undo(), Reframe(aspect="9:16")]), history, {}, SOURCE)
    assert branched.base_id == "v1" and branched.timeline.privacy == Privacy("all", (), "9:16")


def test_effects_survive_other_edits_and_reset_clears_them() -> None:
    history = root(Timeline(SOURCE.clips, privacy=Privacy("all_but", (CELIA,), "9:16")))
    edited = apply_plan(EditPlan(ops=[KeepOnly(query=FIGHT), Transition(kind="crossfade")]), history,
                        RESOLVED, SOURCE)
    assert edited.timeline is not None and edited.timeline.privacy == Privacy("all_but", (CELIA,), "9:16")
    reset = apply_plan(EditPlan(ops=[Reset()]), history, {}, SOURCE)
    assert reset.timeline is not None and reset.timeline.privacy == Privacy()


def test_the_same_blur_again_changes_nothing() -> None:
    history = root(Timeline(SOURCE.clips, privacy=ALL))
    result = apply_plan(EditPlan(ops=[Blur(target="only", people=("Thom",))]), history, {}, SOURCE,
                        characters=CAST)
    assert result.timeline is None and result.note.endswith("— no change to the cut")


def test_people_not_resolved_or_resolving_to_nobody_leave_the_cut_unchanged() -> None:
    history = root()
    unknown = apply_plan(EditPlan(ops=[Blur(target="all"), Unblur(people=("Xavier",))]), history, {}, SOURCE,
                         characters=CAST)
    assert unknown.timeline is None and unknown.base_id == "v0"
    assert unknown.note == 'I don\'t know who "Xavier" is in these videos. The cut is unchanged.'
    nobody_named = Characters(numbers={NAMED_REF: ()}, names={EXTRA: "#7"})
    extras = apply_plan(EditPlan(ops=[Blur(target="all_but", people=(NAMED_REF,))]), history, {}, SOURCE,
                        characters=nobody_named)
    assert extras.timeline is None
    assert extras.note.startswith("No character is the named characters yet: name them first")


def test_effects_change_the_render_cache_key_and_round_trip_through_json() -> None:
    timeline = Timeline(SOURCE.clips, privacy=Privacy("only", (THOM, EXTRA), "4:5"))
    assert timeline.content_hash() != SOURCE.content_hash()
    assert Timeline.from_json(timeline.to_json()) == timeline
    cleared = _after(timeline.privacy, Unblur(people=("Thom", "#7")))
    assert Timeline(SOURCE.clips, privacy=cleared).privacy == Privacy(aspect="4:5")


# --- a blur in some clips only ("blur the faces in clip 2", "don't blur clip 1") ---------------------


def _blurs(timeline: Timeline) -> list[tuple[str, tuple[int, ...]]]:
    """Each clip's blur as it renders: (mode, people)."""
    return [(p.blur, p.people) for p in map(timeline.clip_privacy, range(len(timeline.clips)))]


def test_a_blur_of_the_cuts_last_seconds_splits_the_clip_there() -> None:
    """"blur the faces in the last 10 seconds" had blurred every clip and cut the cut to 10 seconds."""
    last = ClipRef(span=ClipSpan(edge="end", seconds=4))  # SOURCE: a (20 s), b (10 s)
    result = apply_plan(EditPlan(ops=[Blur(target="all", clips=last)]), root(), {}, SOURCE, characters=CAST)
    assert result.timeline is not None and result.timeline.duration == SOURCE.duration
    assert [(c.video_id, c.in_frame, c.out_frame) for c in result.timeline.clips] == [
        ("a", 0, 500), ("b", 0, 150), ("b", 150, 250)]
    assert _blurs(result.timeline) == [("none", ()), ("none", ()), ("all", ())]


def test_a_blur_of_some_clips_changes_only_them_and_says_where() -> None:
    history = root()
    result = apply_plan(EditPlan(ops=[Blur(target="all", clips=ClipRef(indices=[2]))]), history, {}, SOURCE,
                        characters=CAST)
    assert result.timeline is not None and result.timeline.privacy == NONE
    assert _blurs(result.timeline) == [("none", ()), ("all", ())]
    assert result.timeline.clips[1].blur == FaceBlur("all") and result.timeline.clips[0].blur is None
    assert result.note.startswith("in clip 2, faces blurred: everyone — 2 clips")
    assert result.timeline.effects_active and result.timeline.blurs_by_clip
    history = commit(history, result)
    # "unblur Thom in the last clip": that clip's own blur, by the same algebra as the cut's
    thom = apply_plan(EditPlan(ops=[Unblur(people=("Thom",), clips=ClipRef(indices=[-1]))]), history, {},
                      SOURCE, characters=CAST)
    assert thom.timeline is not None and _blurs(thom.timeline) == [("none", ()), ("all_but", (THOM,))]
    assert thom.note.startswith("in clip 2, faces blurred: everyone except Thom")
    # "don't blur clip 2": back to the cut's own (no blur), the clip carries nothing of its own
    cleared = apply_plan(EditPlan(ops=[Blur(target="none", clips=ClipRef(indices=[2]))]), history, {}, SOURCE,
                         characters=CAST)
    assert cleared.timeline is not None and cleared.timeline == SOURCE
    assert not cleared.timeline.effects_active


def test_a_blur_of_the_whole_cut_applies_to_each_clips_own_blur_too() -> None:
    spared = Timeline((SOURCE.clips[0], replace(SOURCE.clips[1], blur=FaceBlur("none"))), privacy=ALL)
    assert _blurs(spared) == [("all", ()), ("none", ())]
    history = root(spared)
    # "blur everyone" again: clip 2 is blurred as well, and keeps no blur of its own
    everyone = apply_plan(EditPlan(ops=[Blur(target="all")]), history, {}, SOURCE, characters=CAST)
    assert everyone.timeline is not None and everyone.timeline == Timeline(SOURCE.clips, privacy=ALL)
    # "blur Thom too": clip 2 (nobody blurred) now blurs Thom; the rest already blur everyone
    thom = apply_plan(EditPlan(ops=[Blur(target="only", people=("Thom",))]), history, {}, SOURCE,
                      characters=CAST)
    assert thom.timeline is not None and _blurs(thom.timeline) == [("all", ()), ("only", (THOM,))]
    assert thom.note.startswith("faces blurred: everyone; in clip 2, faces blurred: Thom")
    # "unblur everyone": nothing blurred anywhere
    nobody = apply_plan(EditPlan(ops=[Blur(target="none")]), history, {}, SOURCE, characters=CAST)
    assert nobody.timeline is not None and nobody.timeline == SOURCE


def test_a_clips_own_blur_keeps_the_cuts_frame_shape_travels_with_the_clip_and_round_trips() -> None:
    own = replace(SOURCE.clips[0], blur=FaceBlur("only", (CELIA,)))
    timeline = Timeline((own, SOURCE.clips[1]), privacy=Privacy(aspect="9:16"))
    assert timeline.clip_privacy(0) == Privacy("only", (CELIA,), "9:16")
    assert timeline.clip_privacy(1) == Privacy(aspect="9:16")
    assert Timeline.from_json(timeline.to_json()) == timeline
    assert timeline.content_hash() != Timeline(SOURCE.clips, privacy=timeline.privacy).content_hash()
    moved = apply_plan(EditPlan(ops=[MoveClip(ref=ClipRef(indices=[1]), to="end")]), root(timeline), {},
                       SOURCE)
    assert moved.timeline is not None and _blurs(moved.timeline) == [("none", ()), ("only", (CELIA,))]
    # a clip's blur read back from a file is checked: anything odd is no blur of its own
    odd = ({"mode": "$(reboot)"}, {"mode": "only", "people": ["x"]}, "all", {"mode": "only", "people": 3})
    for bad in odd:
        assert FaceBlur.from_json(bad) is None
    assert FaceBlur.from_json({"mode": "all", "people": [2]}) == FaceBlur("all")


def test_a_clip_blur_past_the_end_asks_which_clip() -> None:
    plan = EditPlan(ops=[Blur(target="all", clips=ClipRef(indices=[7]))])
    question = ambiguity(plan, SOURCE)
    assert question is not None and question.text.startswith("There is no clip 7: the cut has 2 clips.")
    assert [c.plan.ops[0].clips.indices for c in question.choices] == [[1], [2]]
    assert all(c.plan.ops[0].target == "all" for c in question.choices)
