"""Requests about whether anyone speaks, a clip's length judged, the sound, "down by" trims and "at most 3
clips", read by
the rules planner (a user session on dialogue, trims and versions: each of these was a search for the
words, or nothing, before)."""

from __future__ import annotations

import pytest

from assistant.cut_questions import cut_question
from assistant.plan.describe import describe_plan
from assistant.plan.schema import (
    SPOKEN_REF,
    Add,
    Best,
    ClipRef,
    EditPlan,
    Extend,
    Keep,
    KeepOnly,
    Move,
    MoveClip,
    Query,
    Remove,
    RemoveClip,
    Speed,
    Title,
    Trim,
    TrimCut,
    TrimTo,
    Volume,
)
from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops

CAST = ("Celia", "Thom")
ANY_LINE = Query(text=SPOKEN_REF)


@pytest.mark.parametrize(("text", "op"), [
    ("only the parts where someone is talking", KeepOnly), ("only the dialogue", KeepOnly),
    ("keep only the bits with dialogue", KeepOnly), ("just the conversations", KeepOnly),
    ("keep the scenes where people talk", Keep), ("keep the shots where they are talking", Keep),
    ("get rid of the dialogue", Remove), ("remove the talking", Remove),
    # the op turned round: what is silent goes, so what is spoken stays
    ("cut the silent parts", Keep), ("drop the shots where nobody talks", Keep),
    ("drop the silent bits", Keep),
    ("remove the parts without dialogue", Keep), ("remove the clips with no dialogue", Keep),
    ("only the silent parts", Remove),
    # what a model's translation says ("nur die Stellen, wo jemand spricht", "enlève les passages silencieux")
    ("only the places where someone speaks", KeepOnly), ("remove the silent passages", Keep),
])
def test_whether_anyone_speaks_is_every_line(text: str, op: type) -> None:
    """"someone is talking" kept CLIP matches for "talking" (the silent Chaplin clip, not the argument);
    "the silent parts" removed the matches for "silent"."""
    result = parse(text, CAST)
    assert result.confident and result.plan.ops == [op(query=ANY_LINE)], result.plan.ops
    assert result.plan.ops[0].query.kind == "dialogue"


@pytest.mark.parametrize(("text", "who"), [
    ("only Celia's lines", ("Celia",)), ("only Celias lines", ("Celia",)),
    ("everything Thom says", ("Thom",)), ("only what Celia says", ("Celia",)),
    ("Thom's lines only", ("Thom",)),
    ("the parts where Celia and Thom talk", ("Celia", "Thom")),
    ("only the parts where Thom is talking", ("Thom",)),
])
def test_someones_lines_are_every_line_with_them_on_screen(text: str, who: tuple[str, ...]) -> None:
    [op] = parse(text, CAST).plan.ops
    assert op == KeepOnly(query=Query(text=SPOKEN_REF, people=who)), op


@pytest.mark.parametrize("text", ["the talking heads at the conference", "people talking to the camera",
                                  "the silent film star's hat", "where Thom talks about robots"])
def test_talking_inside_a_longer_search_is_not_every_line(text: str) -> None:
    ops = parse(f"only {text}", CAST).plan.ops
    assert all(op.query.text != SPOKEN_REF for op in ops if getattr(op, "query", None)), ops


def test_any_line_moves_and_reads_in_words() -> None:
    [op] = parse("move the dialogue to the start", CAST).plan.ops
    assert op == Move(query=ANY_LINE, to="start")
    plan = EditPlan(ops=[KeepOnly(query=Query(text=SPOKEN_REF, people=("Celia",)))])
    assert describe_plan(plan) == "Kept only scenes matching any line of dialogue with Celia on screen"
    assert describe_plan(plan, "de") == "Nur Szenen zu beliebige Dialogzeilen mit Celia im Bild behalten"
    assert Query(text=SPOKEN_REF).label == "dialogue" and Query(text=SPOKEN_REF).matching == "with dialogue"
    both = Query(text=SPOKEN_REF, people=("Celia", "Thom"))
    assert both.matching == "with dialogue while Celia and Thom are on screen"
    # a model's plan that says "any line" is a dialogue search, whatever kind it gave
    assert Query.model_validate({"text": SPOKEN_REF, "kind": "visual"}).kind == "dialogue"


@pytest.mark.parametrize(("text", "words"), [
    ("keep the line where she calls him a jerk", "jerk"),
    ("remove the line where they break up", "break up"),
    ("I want the part where she tells him he is a jerk", "he is a jerk"),
    ("only the scene where he admits he is scared", "he is scared"),
])
def test_the_line_where_something_is_said_is_a_dialogue_search(text: str, words: str) -> None:
    [op] = parse(text, CAST).plan.ops
    assert (op.query.text, op.query.kind) == (words, "dialogue")


@pytest.mark.parametrize("text", ["no sound please", "without sound", "make it silent", "kill the audio",
                                  "remove the sound", "turn off the sound", "a silent version", "no audio"])
def test_taking_the_sound_away_mutes_the_cut_never_searches(text: str) -> None:
    """"no sound please" removed the scenes matching "sound" (most of the cut); then it was answered "I can't
    take the sound away"; now clips have sound levels, and it mutes them all."""
    assert ops(text) == [Volume(level=0)]


@pytest.mark.parametrize(("text", "asks", "clip"), [
    ("the first clip is too long", "How much shorter?", "clip 1"),
    ("clip 3 is way too long", "How much shorter?", "clip 3"),
    ("the intro is too long", "How much shorter?", "clip 1"),
    ("the last clip drags", "How much shorter?", "the last clip"),
    ("clip 2 is too short", "How many seconds longer?", "clip 2"),
    ("the ending is too abrupt", "How many seconds longer?", "the last clip"),
    ("make the ending longer", "How many seconds longer?", "the last clip"),
    ("shorten the ending", "How much shorter?", "the last clip"),
])
def test_a_clip_judged_too_long_or_short_is_asked_how_much(text: str, asks: str, clip: str) -> None:
    """Alone, a judgement of one clip's length is asked about with an example for that clip (it was "I
    couldn't turn that into an edit", or a search for "make the ending")."""
    result = parse(text, CAST)
    assert not result.plan.ops and (result.plan.refusal or "").startswith(asks), result.plan
    assert f" {clip} " in result.plan.refusal


def test_a_judged_clip_with_what_to_do_is_that_edit() -> None:
    assert parse("the second clip feels slow", CAST).unparsed  # its pace, maybe: asked, not a length
    [op] = parse("the first clip is too long, trim it by 2 seconds", CAST).plan.ops
    assert op == Trim(target=ClipRef(indices=[1]), seconds=2.0)
    assert parse("it is too long", CAST).plan.ops  # the whole cut: a length change, as before


@pytest.mark.parametrize(("text", "op"), [
    ("cut clip 1 down by 3 seconds", Trim(target=ClipRef(indices=[1]), seconds=3.0)),
    ("cut the last clip down by 2 seconds", Trim(target=ClipRef(indices=[-1]), seconds=2.0)),
    ("make the ending 3 seconds longer", Extend(target=ClipRef(indices=[-1]), seconds=3.0)),
    ("let the ending run 2 seconds longer", Extend(target=ClipRef(indices=[-1]), seconds=2.0)),
])
def test_down_by_trims_and_the_ending_is_the_last_clip(text: str, op: object) -> None:
    """"cut clip 1 down by 3 seconds" removed matches for "clip 1 down by" and cut the whole cut to 3 s."""
    result = parse(text, CAST)
    assert result.confident and result.plan.ops == [op], result.plan.ops


@pytest.mark.parametrize(("text", "number"), [
    ("what does Thom say in clip 2?", 2), ("what is said in clip 4", 4), ("what are the lines in clip 3?", 3),
    ("show me the dialogue of clip 1", 1), ("is there any dialogue in clip 2?", 2),
    ("does anyone talk in clip 5?", 5),
])
def test_what_is_said_in_a_clip_is_a_question(text: str, number: int) -> None:
    asked = cut_question(text, CAST)
    assert asked is not None and (asked.kind, asked.number) == ("lines", number)


def test_a_models_search_for_talking_or_silence_is_every_line_too() -> None:
    """The same reading for any backend's plan (``plan_turn``): a model's "keep_only people talking"
    searched the pictures."""
    from assistant.planning.base import PlannerContext
    from assistant.planning.factory import plan_turn
    from tests.planners import ScriptedModel

    model = ScriptedModel('{"ops":[{"op":"keep_only","query":{"text":"people talking","kind":"visual"}}]}',
                          '{"ops":[{"op":"remove","query":{"text":"silent"}}]}')
    talking = plan_turn("honestly I want the stuff with people talking, only", PlannerContext(), model)
    assert talking.plan.ops == [KeepOnly(query=ANY_LINE)], talking.plan
    silent = plan_turn("the silent stuff bores me, remove it", PlannerContext(), model)
    assert silent.plan.ops == [Keep(query=ANY_LINE)], silent.plan


@pytest.mark.parametrize(("text", "kind", "fmt", "who"), [
    ("how many lines are in the cut?", "lines", None, None), ("read me the dialogue", "lines", None, None),
    ("what's the last line?", "lines", "last", None), ("what is the first line", "lines", "first", None),
    ("does anyone say robot?", "find", None, "anyone say robot"),
    ("does Thom mention space?", "find", None, "Thom mention space"),
    ("which clip has the jerk line?", "find", None, "jerk line"),
])
def test_questions_about_the_cuts_lines(text: str, kind: str, fmt: str | None, who: str | None) -> None:
    """Each was "I couldn't turn that into an edit" in a user session."""
    asked = cut_question(text, CAST)
    assert asked is not None and (asked.kind, asked.fmt, asked.who, asked.number) == (kind, fmt, who, None)


@pytest.mark.parametrize(("text", "count"), [
    ("no more than 2 clips", 2), ("at most 3 clips", 3), ("max 3 clips", 3), ("keep it to 4 clips", 4),
    ("up to 6 scenes", 6), ("at most 1 clip", 1), ("fewer than 4 clips", 3), ("under 5 shots", 4),
])
def test_at_most_n_clips_keeps_the_n_best(text: str, count: int) -> None:
    """"no more than 2 clips" removed the matches for "than 2"; "at most 3 clips" kept only "at most 3"."""
    result = parse(text, CAST)
    assert result.confident and result.plan.ops == [Best(count=count)], result.plan.ops
    [first, second] = parse(f"only the parts where Celia is talking, {text}", CAST).plan.ops
    assert first == KeepOnly(query=Query(text=SPOKEN_REF, people=("Celia",))) and second == Best(count=count)


def test_every_line_of_a_named_video() -> None:
    """"only the dialogue from tears": the words naming the video go first, then "dialogue" is every line."""
    from assistant.planning.base import PlannerContext, VideoEntry
    from assistant.planning.factory import plan_turn
    from assistant.planning.rules.parser import RulesPlanner

    tears = VideoEntry(id="a" * 16, name="tears_of_steel", stem="tears_of_steel")
    context = PlannerContext(videos=(tears, VideoEntry(id="b" * 16, name="sintel")))
    for text, op in (("only the dialogue from tears", KeepOnly), ("drop the talking from tears", Remove)):
        [planned] = plan_turn(text, context, RulesPlanner()).plan.ops
        assert isinstance(planned, op) and planned.query.any_line, planned
        assert [video.id for video in planned.query.videos] == ["a" * 16]


@pytest.mark.parametrize("text", ["at least 3 clips please", "not less than 4 clips", "one clip per video",
                                  "a clip from each video"])
def test_counts_and_videos_are_never_searched_for(text: str) -> None:
    """"at least 3 clips" kept only the matches for "at least 3", "not less than 4 clips" removed the matches
    for "less than 4": now asked about."""
    result = parse(text, CAST)
    assert not result.plan.ops and result.unparsed, result.plan


@pytest.mark.parametrize(("text", "seconds"), [
    ("2 seconds per clip", 2.0), ("keep each shot to 2 seconds", 2.0), ("cap every clip at 5 seconds", 5.0),
    ("3 seconds a shot", 3.0),
])
def test_a_length_per_clip_is_every_clip_at_most_that(text: str, seconds: float) -> None:
    """"2 seconds per clip" kept only the matches for "2 seconds per"."""
    result = parse(text, CAST)
    assert result.confident and result.plan.ops == [TrimTo(target=ClipRef(), seconds=seconds)], result.plan


@pytest.mark.parametrize("text", ["the first third"])
def test_a_point_in_time_is_answered_as_what_cannot_be_done(text: str) -> None:
    result = parse(text, CAST)
    assert not result.plan.ops and "can't cut at a point" in (result.plan.refusal or ""), result.plan


@pytest.mark.parametrize(("text", "op"), [
    ("start 3 seconds in", TrimCut(seconds=3.0, side="start")),
    ("end it at the 40 second mark", TrimCut(seconds=40.0, side="start", keep=True)),
])
def test_a_point_in_time_is_an_end_of_the_cut(text: str, op: TrimCut) -> None:
    """"start 3 seconds in" went back to the whole videos and cut them to 3 s; then it was answered as what
    cannot be done (part 56: the cut's first 3 seconds go; its first 40 seconds are kept)."""
    assert parse(text, CAST).plan.ops == [op]


def test_two_positions_joined_are_one_list_and_counted_clips_of_a_thing_are_its_best() -> None:
    [op] = parse("remove the first 2 clips and the last one", CAST).plan.ops
    assert op == RemoveClip(ref=ClipRef(indices=[1, 2, -1]))
    [op] = parse("just 3 clips of the beach", CAST).plan.ops
    assert op == Best(query=Query(text="beach"), count=3)


@pytest.mark.parametrize(("text", "refusal"), [
    ("follow Celia", "whom the crop follows"), ("center on Thom", "whom the crop follows"),
    ("crop to her face", "whom the crop follows"), ("make the title bigger", "how the title looks"),
    ("put the title at the end", "how the title looks"),
    ("keep the fights at normal speed", "at their own speed"),
])
def test_what_cannot_be_done_is_said_not_searched(text: str, refusal: str) -> None:
    """"follow Celia" kept only the matches for "follow" with Celia, "make the title bigger" made the title
    "bigger" (a crossfade between two clips, which crossfaded every cut, is now that one join:
    test_end_fades_rules)."""
    result = parse(text, CAST)
    assert not result.plan.ops and refusal in (result.plan.refusal or ""), result.plan


def test_an_exception_to_a_change_for_every_clip_is_asked_not_removed() -> None:
    """"play everything at double speed except the jerk line" removed the line."""
    result = parse("play everything at double speed except the jerk line", CAST)
    assert result.plan.ops == [Speed(factor=2.0)] and result.unparsed, result
    kept = parse("keep everything except the jerk line", CAST).plan.ops
    assert kept == [Remove(query=Query(text="jerk line"))]


@pytest.mark.parametrize(("text", "op"), [
    ("speed it up by 20 percent", Speed(factor=1.2)),
    ("slow clip 2 down by 25%", Speed(target=ClipRef(indices=[2]), factor=0.75)),
    ("clip 3 goes last", MoveClip(ref=ClipRef(indices=[3]), to="end")),
    ("the last clip should come first", MoveClip(ref=ClipRef(indices=[-1]), to="start")),
    ("slow motion on the last clip only", Speed(target=ClipRef(indices=[-1]), factor=0.5)),
    ("add a title card saying The Breakup at the start", Title(text="The Breakup")),
    ('title it "We Met at the Beginning"', Title(text="We Met at the Beginning")),
])
def test_speeds_by_a_share_places_and_titles(text: str, op: object) -> None:
    result = parse(text, CAST)
    assert result.confident and result.plan.ops == [op], result.plan.ops


def test_two_sure_only_requests_keep_both_unless_the_second_corrects_the_first() -> None:
    """"Celia's lines then Thom's lines" kept Thom's lines alone (the second "only" replaced the first)."""
    celia, thom = (Query(text=SPOKEN_REF, people=(who,)) for who in ("Celia", "Thom"))
    assert parse("Celia's lines then Thom's lines", CAST).plan.ops == [KeepOnly(query=celia), Add(query=thom)]
    assert parse("only Celia and only Thom", CAST).plan.ops == [
        KeepOnly(query=Query(people=("Celia",))), Add(query=Query(people=("Thom",)))]
    for corrected in ("only the fights. no, only the chases", "only the fights, actually only the chases"):
        assert [op.op for op in parse(corrected, CAST).plan.ops] == ["keep_only", "keep_only"], corrected
    assert [op.op for op in parse("nope", CAST).plan.ops] == ["undo"]  # "no" alone is read as before


@pytest.mark.parametrize("text", ["save it as a gif", "render it in 720p", "export just the audio",
                                  "export at 60fps", "compress it", "make the file smaller"])
def test_the_files_format_is_answered_not_searched(text: str) -> None:
    """"export just the audio" was a guessed search for the words; "save it as a gif" was answered as the
    naming of a version."""
    assert cut_question(text, CAST) is None
    result = parse(text, CAST)
    assert not result.plan.ops and "MP4" in (result.plan.refusal or ""), result.plan
