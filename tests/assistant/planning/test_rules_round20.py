"""The rules planner on round 20's classes: a removal of what lacks someone keeps them ("cut the scenes
without the goat"), a pronoun after a character is named in the same request is that character, a pronoun
with no one named is asked about, one step more for "and the one before it", the undone edit put back,
a headline before a colon, a list's own "the following:", weather said as a verb, when the footage was
filmed, and a fade's way back in from black. The phrasings are this file's own.
"""

from __future__ import annotations

import pytest

from assistant.planning.rules.parser import RulesPlanner, parse
from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("delete the shots without the goat", "goat"),
        ("scrap any bits that are without the lighthouse", "lighthouse"),
        ("get rid of anything without the red kite in it", "red kite"),
        ("lose every clip the tractor isn't in", "tractor"),
        ("remove everything the bride is not in", "bride"),
    ],
)
def test_removing_what_lacks_something_keeps_what_has_it(text: str, thing: str) -> None:
    # before: "delete the shots without the goat" kept a search for "delete the" and removed the goat
    assert ops(text) == plan(q("keep", thing))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("person 4 is Idris, now keep only his scenes",
         [{"op": "name_character", "character": 4, "name": "Idris"},
          {"op": "keep_only", "query": {"people": ["Idris"]}}]),
        ("number 2 is Rosa. cut everything she's not in",
         [{"op": "name_character", "character": 2, "name": "Rosa"},
          {"op": "keep", "query": {"people": ["Rosa"]}}]),
        ("character 6 is Ahmed, and drop him",
         [{"op": "name_character", "character": 6, "name": "Ahmed"},
          {"op": "remove", "query": {"people": ["Ahmed"]}}]),
        ("person 3 is Lena; now that she's named, only her parts please",
         [{"op": "name_character", "character": 3, "name": "Lena"},
          {"op": "keep_only", "query": {"people": ["Lena"]}}]),
    ],
)
def test_a_pronoun_after_naming_someone_is_that_person(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize("text", [
    "keep only his scenes",  # no one named: who?
    "drop the clips with her in",
    "number 1 is Ola and number 2 is Ben, remove her bits",  # two named: which?
])
def test_a_pronoun_with_no_one_named_or_two_is_asked_about_not_searched(text: str) -> None:
    result = parse(text)
    assert not result.confident
    assert result.unparsed
    searched = [op.query.text for op in result.plan.ops if getattr(op, "query", None) is not None]
    assert not any(word in (t or "") for t in searched for word in ("his", "her"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("undo that and the one before it", {"op": "undo", "steps": 2}),
        ("revert, and also the change before that", {"op": "undo", "steps": 2}),
        ("redo it, and the step before it as well", {"op": "redo", "steps": 2}),
        ("bring the reverted change back", {"op": "redo"}),
        ("reapply the edit I just undid", {"op": "redo"}),
        ("restore the undone step", {"op": "redo"}),
    ],
)
def test_history_one_step_more_and_the_undone_edit_back(text: str, expected: dict) -> None:
    assert ops(text) == plan(expected)


def test_putting_the_undone_edit_back_is_never_a_search_for_it() -> None:
    assert ops("put back the undone change") == plan({"op": "redo"})
    assert not any(getattr(op, "query", None) for op in parse("put back the undone change").plan.ops)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harbour at dawn: slow clip 2 to half speed",
         [{"op": "speed", "factor": 0.5, "target": {"indices": [2]}}]),
        ("One last thing: cap it at 45 seconds",
         [{"op": "limit_duration", "seconds": 45, "bound": "at_most"}]),
        ("Birthday edit: remove the candles and crossfade between clips",
         [q("remove", "candles"), {"op": "transition", "kind": "crossfade"}]),
    ],
)
def test_a_headline_before_a_colon_is_dropped_when_the_rest_is_read(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


def test_a_headline_stays_when_the_rest_is_not_a_request_or_the_lead_is_one() -> None:
    assert not parse("Harbour at dawn: the seagulls").confident
    # the lead is an edit of its own: both halves are read, nothing dropped
    both = parse("remove the seagulls: they're too loud")
    assert "seagulls" in [getattr(op.query, "text", None) for op in both.plan.ops]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("remove the following: the parking scenes", [q("remove", "parking")]),
        ("keep only these clips: 2, 4 and 6", [{"op": "keep_clip", "ref": {"indices": [2, 4, 6]}}]),
        ("drop these clips: 1 and 3", [{"op": "remove_clip", "ref": {"indices": [1, 3]}}]),
    ],
)
def test_a_lists_introduction_is_no_part_of_what_it_lists(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("cut the parts where it's snowing", "snow"),
        ("remove any shots where it was pouring", "rain"),
        ("keep where it is drizzling", "drizzle"),
    ],
)
def test_weather_said_as_a_verb_is_its_noun(text: str, thing: str) -> None:
    assert [op.query.text for op in ops(text)] == [thing]


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("add the penalty kicks from yesterday's match", "penalty kicks"),
        ("keep the fireworks from last night", "fireworks"),
        ("add the speeches from the wedding", "speeches from the wedding"),  # what, not when: kept
    ],
)
def test_when_the_footage_was_filmed_is_no_part_of_the_search(text: str, thing: str) -> None:
    assert [op.query.text for op in ops(text)] == [thing]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("fade each clip to black and back in again, lasting about 2 seconds", 2.0),
        ("go to black and back up between the clips, taking a second", 1.0),
    ],
)
def test_a_fades_way_back_in_is_the_same_fade(text: str, seconds: float) -> None:
    assert ops(text) == plan({"op": "transition", "kind": "fade_black", "seconds": seconds})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I need more footage of the goats", [q("add", "goats", kind="visual")]),
        ("we could do with a couple more shots of the pier", [q("add", "pier", kind="visual")]),
        ("I'd like more of the grandkids", [q("add", "grandkids")]),
    ],
)
def test_needing_more_of_something_adds_it_and_never_narrows_the_cut_to_it(text: str, expected: list) -> None:
    # before: "I need more drone shots" kept only the drone shots
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("slap a cross fdae between them", [{"op": "transition", "kind": "crossfade"}]),
        ("titel it 'Ferry Day'", [{"op": "title", "text": "Ferry Day"}]),
        ("remoev the queue at the border", [q("remove", "queue at the border")]),
        ("ok, delet the goats", [q("remove", "goats")]),
    ],
)
def test_the_rules_planner_reads_a_misspelt_command_spelt_right_and_asks_about_it(
    text: str, expected: list,
) -> None:
    # the same as auto: the reading spelt right is asked about ("Did you mean ...?"), never acted on
    result = RulesPlanner().plan_turn(text)
    assert result.plan.ops == plan(*expected)
    assert result.guessed and not result.unparsed


def test_a_request_without_typos_is_acted_on_by_the_rules_planner() -> None:
    result = RulesPlanner().plan_turn("slap a crossfade between them")
    assert result.plan.ops == plan({"op": "transition", "kind": "crossfade"}) and not result.guessed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # before: "just remove the pigeons" kept only a search for "remove the pigeons"
        ("just remove the pigeons", [q("remove", "pigeons")]),
        ("could you just take out the adverts", [q("remove", "adverts")]),
        ("just trim the second clip by 2 seconds",
         [{"op": "trim", "seconds": 2, "target": {"indices": [2]}}]),
        ("just the pigeons", [q("keep_only", "pigeons")]),  # "just" before a thing is still "only"
    ],
)
def test_just_before_a_verb_softens_it_and_is_no_only(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize("text", [
    "regular cuts please", "the wipes are tacky just use ordinary cuts",
    "the fades r so cheesy just do standard cuts",
])
def test_normal_cuts_are_a_hard_cut_not_normal_speed(text: str) -> None:
    assert ops(text) == plan({"op": "transition", "kind": "cut", "seconds": 0})


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("the speeches are mid, bin them", "speeches"),
        ("honestly the mascot is so cringe. yeet it", "mascot"),
        ("the fog shots are awful, get rid of them", "fog"),
    ],
)
def test_a_thing_called_bad_then_dropped_by_pronoun_is_removed(text: str, thing: str) -> None:
    assert ops(text) == plan(q("remove", thing))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cut together the reel from only the penalties", [q("keep_only", "penalties")]),
        ("assemble a video using just the choir", [q("keep_only", "choir")]),
        ("give me something unexpected, around 90 seconds",
         [{"op": "for_me", "surprise": True, "seconds": 90}]),
        ("show me something different to what I normally pick", [{"op": "for_me", "surprise": True}]),
        ("plese make it slower abit", [{"op": "speed", "factor": 0.75}]),
    ],
)
def test_other_wordings_of_only_of_a_surprise_and_chat_spellings(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("get rid of any clips shorter than 1.5 seconds", "I can't pick clips by their length"),
        ("trim the shots over 8 seconds to 4 seconds", "I can't pick clips by their length"),
        ("mix up the order of the clips", "I can't shuffle clips"),
        ("can you play the jump backwards", "I can't play clips backwards"),
        ("drop everything after the toast", "I can't cut at a point inside the film"),
        ("keep the bits before the toast", "I can't cut at a point inside the film"),
    ],
)
def test_what_the_plan_language_cannot_say_is_answered_plainly_and_never_read_as_a_search(
    text: str, starts: str,
) -> None:
    # before: "remove all clips shorter than 2 seconds" trimmed every clip; "shuffle the clips" kept a search
    result = parse(text)
    assert not result.plan.ops
    assert (result.plan.refusal or "").startswith(starts)


def test_every_plain_answer_fits_a_plan_refusal() -> None:
    from assistant.plan.schema import EditPlan
    from assistant.planning.rules.unsupported import _UNSUPPORTED, CAN_DO

    for _, answer in _UNSUPPORTED:
        EditPlan(refusal=f"{answer} {CAN_DO}")  # raises if the schema's length limit is passed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cut the clips over 5 seconds down to 5", [{"op": "trim_to", "seconds": 5}]),
        ("play the clips in reverse order", [{"op": "order", "by": "reverse"}]),
        ("remove the reverse angle shots", [q("remove", "reverse angle")]),
        ("only keep the stuff with the tractor in it", [q("keep_only", "tractor")]),
        ("drop the ones where it's foggy", [q("remove", "foggy")]),
    ],
)
def test_near_misses_of_those_are_still_read(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("add a title at the start saying Welcome Home Gran", "Welcome Home Gran"),
        ("pop a title card at the beginning of the video that reads 'Sports Day'", "Sports Day"),
    ],
)
def test_where_a_title_goes_is_no_part_of_its_words(text: str, title: str) -> None:
    assert ops(text) == plan({"op": "title", "text": title})


@pytest.mark.parametrize(("text", "expected"), [
    ("fade in at the very beginning", {"op": "fade", "at": "start"}),
    ("finish on a gentle fade", {"op": "fade", "at": "end", "seconds": 2.0}),
    ("put a 1 second fade out at the end", {"op": "fade", "at": "end", "seconds": 1.0}),
])
def test_one_fade_at_an_end_of_the_cut_is_that_fade(text: str, expected: dict) -> None:
    # answered "I can't fade only the start or the end" until the cut had opening and closing fades
    assert ops(text) == plan(expected)


def test_a_fade_at_the_end_beside_an_edit_is_done_with_the_edit() -> None:
    assert ops("remove the queue, and fade out at the end") == plan(q("remove", "queue"),
                                                                  {"op": "fade", "at": "end"})


def test_halving_some_scenes_is_never_searched() -> None:
    # asked about until part 41; now each clip chosen for "interview" is cut to half its length
    assert ops("cut the interview bits in half") == plan(
        {"op": "trim_to", "target": {"matching": "interview"}, "factor": 0.5})
    assert ops("cut it in half") == plan({"op": "limit_duration", "factor": 0.5})


@pytest.mark.parametrize("text", ["hmm not quite", "not really", "nah, not exactly what I wanted",
                                  "remove the good bits"])
def test_a_verdict_or_a_lone_article_is_never_searched_for(text: str) -> None:
    result = parse(text)
    assert not result.confident
    searched = [op.query.text for op in result.plan.ops if getattr(op, "query", None) is not None]
    assert not any(t in ("quite", "really", "the", "exactly what i wanted") for t in searched)


@pytest.mark.parametrize("text", ["make the sky bluer in the beach shots",
                                  "the sun lounger scenes, cut them"])
def test_english_words_one_letter_from_a_command_are_no_typos(text: str) -> None:
    from assistant.planning.rules.typos import command_typos

    assert command_typos(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for the listing video, lead with the hallway and finish on the balcony",
         [{"op": "move", "query": {"text": "hallway"}, "to": "start"},
          {"op": "move", "query": {"text": "balcony"}, "to": "end"}]),
        ("shift the fireworks to be the very last shot",
         [{"op": "move", "query": {"text": "fireworks"}, "to": "end"}]),
        ("put the vows in as the opening clip", [{"op": "move", "query": {"text": "vows"}, "to": "start"}]),
        ("make the ace serve slow mo and put it at the end",
         [{"op": "speed", "factor": 0.5, "target": {"matching": "ace serve"}},
          {"op": "move", "query": {"text": "ace serve"}, "to": "end"}]),
    ],
)
def test_placements_said_as_lead_with_finish_on_and_as_the_last_shot(text: str, expected: list) -> None:
    # before: "lead with X" made "lead" a person (the hero); "to be the very last shot" searched for "move"
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("would it be possible to have just the relay race?", [q("keep_only", "relay race")]),
        ("the parents need to see only the award ceremony", [q("keep_only", "award ceremony")]),
        ("we don't need the warm-up laps, just the sprint",
         [q("remove", "warm-up laps"), q("keep_only", "sprint")]),
        ("we don't need an intro title", [{"op": "title", "text": ""}]),
        ("scrap anything from the petrol station", [q("remove", "petrol station")]),
        ("keep the aerials but drop the ones over the quarry",
         [q("keep", "aerials"), q("remove", "over the quarry")]),
        ("bin the cutscenes, they're dead time", [q("remove", "cutscenes")]),
    ],
)
def test_polite_and_reasoned_wordings_of_only_and_remove(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("any chance you could cap it at about two minutes?",
         [{"op": "limit_duration", "seconds": 120, "bound": "at_most"}]),
        ("think you could drop the blurry stuff?", [q("remove", "blurry")]),
        ("why not just keep the lighthouse", [q("keep", "lighthouse")]),
        ("how about only the relay bits", [q("keep_only", "relay")]),
        ("what if we ditched the speeches", [q("remove", "speeches")]),
        ("suppose you trimmed clip 3 to 2 seconds",
         [{"op": "trim_to", "seconds": 2, "target": {"indices": [3]}}]),
        ("shall we lose the car park", [q("remove", "car park")]),
        ("how about the first clip going at the end",
         [{"op": "move_clip", "ref": {"indices": [1]}, "to": "end"}]),
    ],
)
def test_a_suggestion_or_a_question_is_the_request(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("take off like 10-20 seconds", [{"op": "limit_duration", "change": -15}]),
        ("make it between 40 and 50 seconds", [{"op": "limit_duration", "seconds": 45}]),
        ("somewhere around 75 secs", [{"op": "limit_duration", "seconds": 75}]),
        # "4 to 3 seconds" is no range
        ("trim clip 4 to 3 seconds", [{"op": "trim_to", "seconds": 3, "target": {"indices": [4]}}]),
        ("a little slower but not too much", [{"op": "speed", "factor": 0.75}]),
    ],
)
def test_ranges_hedges_and_degrees_of_an_amount(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


def test_holding_a_part_back_from_edits_is_answered_plainly_and_asked_about_beside_an_edit() -> None:
    alone = parse("don't touch the second clip")
    assert not alone.plan.ops and (alone.plan.refusal or "").startswith("I can't hold part of the cut back")
    # before: "remove the rain but don't touch the first clip" searched for "rain but don't touch the first"
    beside = parse("remove the hail but don't touch the first clip")
    assert beside.plan.ops == plan(q("remove", "hail")) and beside.unparsed == ("don't touch the first clip",)
    assert not parse("don't change anything yet").plan.refusal.startswith("I can't hold")


@pytest.mark.parametrize("text", ["blur the children's faces", "pixelate my grandkids", "blur the kids",
                                  "blur everyone except my 3 nephews"])
def test_blurring_people_with_no_name_asks_whose_face(text: str) -> None:
    result = parse(text)
    assert not result.plan.ops and (result.plan.refusal or "").startswith("Whose face is that?")


@pytest.mark.parametrize("text", ["only my son", "drop the bits with my aunt in them",
                                  "scenes with both of them"])
def test_kin_or_a_pair_with_no_name_asks_who(text: str) -> None:
    result = parse(text)
    assert not result.plan.ops and (result.plan.refusal or "").startswith("Who do you mean?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("only my nephew Kofi", [{"op": "keep_only", "query": {"people": ["Kofi"]}}]),
        ("keep the scenes with my girlfriend Ana", [{"op": "keep", "query": {"people": ["Ana"]}}]),
        ("just blur Kofi", [{"op": "blur", "target": "only", "people": ["Kofi"], "exclusive": True}]),
        ("show me stuff I'd enjoy", [{"op": "for_me"}]),
    ],
)
def test_kin_with_a_name_is_that_person(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize("text", ["blur the number plates", "pixelate the phone screens",
                                  "blur out his tattoo"])
def test_blurring_things_that_are_not_faces_is_answered_plainly(text: str) -> None:
    result = parse(text)
    assert not result.plan.ops and (result.plan.refusal or "").startswith("I can blur faces only")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lose the wobbly stuff and anything dark", [q("remove", "wobbly"), q("remove", "dark")]),
        ("add the kickoff and the trophy lift, and bin the rest",
         [q("keep_only", "kickoff"), q("add", "trophy lift")]),
        ("find the bit where the coach gives the order", [q("keep_only", "coach gives the order")]),
        ("remove every time he coughs", [q("remove", "he coughs")]),
    ],
)
def test_lists_the_rest_and_moments(text: str, expected: list) -> None:
    # before: "... and cut the rest" after adds removed a search for "rest"; "the order" was a story order
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize("text", ["keep only her scenes", "blur my kids' faces", "only my dad"])
def test_auto_asks_who_without_asking_the_model(text: str) -> None:
    from assistant.planning.auto import AutoPlanner
    from assistant.planning.base import PlannerContext
    from tests.planners import ScriptedModel

    model = ScriptedModel('{"ops":[{"op":"keep_only","query":{"text":"her scenes"}}]}')
    result = AutoPlanner(model).plan_turn(text, PlannerContext())
    assert not model.calls and not result.plan.ops and result.backend == "rules"
    assert (result.plan.refusal or "").startswith(("Who do you mean?", "Whose face is that?"))
    # beside an edit the model still reads the request
    beside = AutoPlanner(ScriptedModel('{"ops":[{"op":"limit_duration","seconds":30}]}')).plan_turn(
        f"make it 30 seconds and {text}", PlannerContext())
    assert beside.backend == "scripted"


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("freeze the final frame for a bit", "I can't freeze or hold a frame"),
        ("show the try twice", "I can't repeat a moment"),
        ("loop the drone shot", "I can't repeat a moment"),
        ("zoom in on the cake", "I can't zoom or pan"),
    ],
)
def test_freezes_repeats_and_zooms_are_answered_plainly(text: str, starts: str) -> None:
    # before: "play the goal in slow motion twice" slowed the clips matching "goal in twice"
    result = parse(text)
    assert not result.plan.ops and (result.plan.refusal or "").startswith(starts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("keep the part where the choir sings the chorus twice", [q("keep", "choir sings the chorus twice")]),
        ("make it punchier", [{"op": "limit_duration", "factor": 0.75}]),
        ("a touch snappier please", [{"op": "limit_duration", "factor": 0.9}]),
    ],
)
def test_a_search_that_mentions_a_repeat_and_an_editors_word_for_shorter(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("lose the last 5 seconds", {"op": "trim_cut", "seconds": 5}),
    ("cut the first ten seconds", {"op": "trim_cut", "seconds": 10, "side": "start"}),
    ("drop the opening minute", {"op": "trim_cut", "seconds": 60, "side": "start"}),
    ("only the first 3 seconds", {"op": "trim_cut", "seconds": 3, "side": "start", "keep": True}),
])
def test_time_off_an_end_of_the_whole_cut_is_cut_off(text: str, expected: dict) -> None:
    # before: "cut the first 10 seconds" removed clips 1 to 10 "matching seconds"; then (round 20 to part 36)
    # it was answered "I can't cut time off an end of the whole cut"; now it is done (``TrimCut``)
    assert ops(text) == plan(expected)


def test_time_off_an_end_of_a_clip_is_still_a_trim() -> None:
    assert ops("cut the first 2 seconds of clip 3") == plan(
        {"op": "trim", "seconds": 2, "side": "start", "target": {"indices": [3]}})
    assert ops("shave the last second off every clip") == plan({"op": "trim", "seconds": 1, "side": "end"})


@pytest.mark.parametrize("text", ["nice one, now add a crossfade", "perfect. now crossfade the clips"])
def test_praise_before_an_edit_is_no_part_of_it(text: str) -> None:
    assert ops(text) == plan({"op": "transition", "kind": "crossfade"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the clips go by way too fast. could you slow it down so it plays at three quarters of the speed",
         [{"op": "speed", "factor": 0.75}]),
        ("slow clip 5 to two thirds speed", [{"op": "speed", "factor": 0.67, "target": {"indices": [5]}}]),
        ("the scenes where they argue about parking are ruining the vibe. cut them",
         [{"op": "remove", "query": {"text": "they argue about parking"}}]),
        ("we only get three minutes at the assembly. fit it into that",
         [{"op": "limit_duration", "seconds": 180, "bound": "at_most"}]),
    ],
)
def test_complaints_verdicts_and_room_said_before_the_edit(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # before: a clip reference that says what to do with it was judged and left for a pronoun
        ("the third try at half speed so the ref can see it",
         [{"op": "speed", "factor": 0.5, "target": {"indices": [3], "matching": "try"}}]),
        ("dissolve between the clips, 1.5", [{"op": "transition", "kind": "crossfade", "seconds": 1.5}]),
        ("put them back into story order", [{"op": "order", "by": "story"}]),
        ("recommend 4 clips I'd really enjoy", [{"op": "suggest", "count": 4}]),
        ("only the boss fights from last nights stream", [q("keep_only", "boss fights")]),
        ("the pacing feels sluggish, make it 1.5x", [{"op": "speed", "factor": 1.5}]),
    ],
)
def test_bare_amounts_targets_and_streams(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shot number 3 i dont want it, delete pls", [{"op": "remove_clip", "ref": {"indices": [3]}}]),
        ("the second clip I don't need", [{"op": "remove_clip", "ref": {"indices": [2]}}]),
        ("pls i just want the fireworks, nothing else", [q("keep_only", "fireworks")]),
    ],
)
def test_a_clip_not_wanted_is_removed_once(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("keep 2, 4 and 7", [{"op": "keep_clip", "ref": {"indices": [2, 4, 7]}}]),
        ("shove 6 to the front", [{"op": "move_clip", "ref": {"indices": [6]}, "to": "start"}]),
        ("bin everything after clip 4", [{"op": "keep_clip", "ref": {"indices": [1, 2, 3, 4]}}]),
        ("clips 3 and 4 are basically the same, drop 4", [{"op": "remove_clip", "ref": {"indices": [4]}}]),
    ],
)
def test_clips_by_bare_number(text: str, expected: list) -> None:
    # before: "keep 1, 3 and 5" searched for "1 3 and 5" and "move 4 to the front" moved a search for "4"
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1) drop the rain 2) add the harbour 3) 40s",
         [q("remove", "rain"), q("add", "harbour"), {"op": "limit_duration", "seconds": 40}]),
        ("Step 1: cut the queue. Step 2: crossfade between clips.",
         [q("remove", "queue"), {"op": "transition", "kind": "crossfade"}]),
        ("first off lose the blurry stuff, second put the toast at the start, lastly crossfade",
         [q("remove", "blurry"), {"op": "move", "query": {"text": "toast"}, "to": "start"},
          {"op": "transition", "kind": "crossfade"}]),
        ("- remove the car park\n- add the beach\n- 30 seconds",
         [q("remove", "car park"), q("add", "beach"), {"op": "limit_duration", "seconds": 30}]),
    ],
)
def test_a_numbered_or_counted_list_is_one_clause_an_item(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("remove clip 2. add the sunrise",
         [{"op": "remove_clip", "ref": {"indices": [2]}}, q("add", "sunrise")]),
        ("keep the first 2. then crossfade",
         [{"op": "keep_clip", "ref": {"indices": [1, 2]}}, {"op": "transition", "kind": "crossfade"}]),
        ("1 second crossfade", [{"op": "transition", "kind": "crossfade", "seconds": 1}]),
        ("make me a 90 second cut I'd like", [{"op": "for_me", "seconds": 90}]),
    ],
)
def test_numbers_and_ordinals_inside_a_request_are_no_list_marks(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize("text", ["can I see the original again", "show me the full videos",
                                  "could we watch the original footage"])
def test_asking_to_see_the_original_is_starting_over(text: str) -> None:
    assert ops(text) == plan({"op": "reset"})


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("get rid of the really short clips", "I can't pick clips by their length"),
        ("bin the duplicates", "I can't find duplicate clips"),
        ("no shots of me", "Who do you mean?"),
    ],
)
def test_short_clips_duplicates_and_me_are_not_searched_for(text: str, starts: str) -> None:
    result = parse(text)
    assert not result.plan.ops and (result.plan.refusal or "").startswith(starts)


def test_long_shots_are_a_kind_of_shot_and_me_with_my_name_is_me() -> None:
    assert ops("remove the long shots of the harbour") == plan(q("remove", "long shots of the harbour"))
    assert ops("just me and Priya, I'm Tom") == plan(
        {"op": "keep_only", "query": {"people": ["Tom", "Priya"]}})


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("blur the kids too, they're #2 and #6", ["#2", "#6"]),
        ("pixelate my nieces (Ruby and Isla)", ["Ruby", "Isla"]),
        ("blur my son as well, he's #7", ["#7"]),
    ],
)
def test_unnamed_kin_then_who_they_are_blurs_those_people(text: str, people: list) -> None:
    assert ops(text) == plan({"op": "blur", "target": "only", "people": people})


def test_make_it_all_about_something_is_only_that() -> None:
    assert ops("make it all about the tortoise") == plan(q("keep_only", "tortoise"))
    noor = parse("make it all Noor", ["Noor"])
    assert noor.plan.ops == plan({"op": "keep_only", "query": {"people": ["Noor"]}})


def test_the_best_man_is_a_person_not_a_ranking() -> None:
    result = parse("only the part with the speech by the best man")
    assert not any(op.op == "best" for op in result.plan.ops)
    assert ops("only the best man's speech") == plan(q("keep_only", "best man's speech"))
    assert parse("remove my best friend").plan.refusal.startswith("Who do you mean?")


def test_a_judgement_of_the_moment_is_no_part_of_the_search() -> None:
    assert ops("remove the awkward moment where the groom trips") == plan(q("remove", "groom trips"))
    # a thing before "bits where" is part of it
    assert ops("remove the harbour bits where the crane moves") == plan(
        q("remove", "harbour bits where the crane moves"))


def test_a_shell_command_on_a_path_is_refused_and_a_slash_between_words_is_not() -> None:
    from assistant.planning.rules.parser import REFUSAL_UNSAFE

    for text in ("export it; touch /tmp/x", "cp ~/notes.txt somewhere",
                 "show me the cut and cat /var/log/syslog"):
        assert parse(text).plan.refusal == REFUSAL_UNSAFE, text
    assert ops("keep the cat / dog bits") == plan(q("keep", "cat dog"))
