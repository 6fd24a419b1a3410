"""The rules planner on the classes a thirteenth fresh pool (requests_dev18.yaml: typos, slang, coaches,
British, Irish and Australian idioms, replies to the assistant) found misread.

Confident wrong edits among them: "chuck in the X" removed X (chuck was only a removal verb), "cut
everything except the two leads" searched for "cut" and removed the leads, "call the whole thing 'X'"
searched for the line X, "yeah" stayed in a speed's target, "cut together ... into a montage" removed
what was to be compiled, and a misspelt command ("add a cross fdae", "tittle it 'X'") was searched for.
The phrasings here are this file's own.
"""

from __future__ import annotations

import pytest

from assistant.planning.auto import AutoPlanner
from assistant.planning.base import PlannerContext
from assistant.planning.rules.parser import REFUSAL_MOCKING, parse
from assistant.planning.rules.typos import command_typos
from tests.assistant.planning.rules_plans import ops, plan, q
from tests.planners import ScriptedModel


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "chuck/bung/pop in" adds; "chuck" alone still throws away
        ("bung in the footage of the bonfire on the strand",
         [q("add", "bonfire on the strand", kind="visual")]),
        ("pop in the cake bit", [q("add", "cake")]),
        ("chuck the blurry ones", [q("remove", "blurry")]),
        # a removal verb with "everything except" keeps what is named, from this cut
        ("cut everything except the main characters", [{"op": "keep", "query": {"people": ["leads"]}}]),
        ("bin all but the penalties", [q("keep", "penalties")]),
        ("delete all the rest apart from the lighthouse", [q("keep", "lighthouse")]),
        ("cut all the tractor scenes", [q("remove", "tractor")]),
        # "call the whole thing X" is a title; "take the title off" removes it
        ("call the whole video 'Harvest Home'", [{"op": "title", "text": "Harvest Home"}]),
        ("name the entire thing Donegal 2024", [{"op": "title", "text": "Donegal 2024"}]),
        ("get the title card off", [{"op": "title", "text": ""}]),
        # a reply's "yeah", "sure", "hey assistant" is no search word
        ("yeah speed the ferry ones up too",
         [{"op": "speed", "target": {"matching": "ferry"}, "factor": 1.5}]),
        ("yep drop the pub bits", [q("remove", "pub")]),
        ("hey assistant lose the part where the kettle boils", [q("remove", "kettle boils")]),
        # "cut together X into a montage" is a cut of X
        ("cut together all the tries into a montage", [q("keep_only", "tries")]),
        ("stitch together the sunsets as one reel", [q("keep_only", "sunsets")]),
        # "more of <Name>" is a person
        ("put in more of Siobhan", [{"op": "add", "query": {"people": ["Siobhan"]}}]),
        ("Less of Grandad please", [{"op": "remove", "query": {"people": ["Grandad"]}}]),
        ("more of the lighthouse", [q("add", "lighthouse")]),
        # "every scene that has <Name> in it" is that person; "the guy in #3 is Raj" names number 3
        ("throw in every shot that has Niamh in it", [{"op": "add", "query": {"people": ["Niamh"]}}]),
        ("the lady in number 2 is Auntie Bríd",
         [{"op": "name_character", "character": 2, "name": "Auntie Bríd"}]),
        # polite leads, Indian English and slang
        ("is there a way to only have the bits with the ponies?", [q("keep_only", "ponies")]),
        ("kindly do the needful and delete the portion where the bus breaks down",
         [q("remove", "bus breaks down")]),
        ("yeet the outro", [q("remove", "outro")]),
        ("it would be lovely if it began with the words 'For Mam'", [{"op": "title", "text": "For Mam"}]),
    ],
)
def test_round_18_classes_are_read_as_meant(text: str, expected: list[dict]) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize("text", [
    "cut together all the weight jokes about Declan and post them in the group chat",
    "make a reel of the fat jokes on her for the whole class",
])
def test_insult_jokes_compiled_for_an_audience_are_refused(text: str) -> None:
    assert parse(text).plan.refusal == REFUSAL_MOCKING


def test_jokes_about_someone_are_no_insult_by_themselves() -> None:
    assert parse("put the best man's jokes about the groom in a reel and share it with everyone"
                 ).plan.refusal != REFUSAL_MOCKING


@pytest.mark.parametrize(("text", "typo", "meant"), [
    ("put a cross fdae between them", "fdae", [{"op": "transition", "kind": "crossfade"}]),
    ("tittle it 'Bog Week'", "tittle", [{"op": "title", "text": "Bog Week"}]),
    ("remvoe the queue bits", "remvoe", [q("remove", "queue")]),
    ("make it slwoer", "slwoer", [{"op": "speed", "factor": 0.5}]),
])
def test_a_misspelt_command_is_read_spelt_right_and_asked(text: str, typo: str, meant: list[dict]) -> None:
    """Without a model the chat asks "Did you mean ...?" with the reading of the word spelt right; with one,
    the model reads the request (it reads typos well) and that reading corrects or completes its plan."""
    assert command_typos(text) == (typo,)
    result = AutoPlanner(None).plan_turn(text, PlannerContext())
    assert result.plan.ops == plan(*meant) and result.to_confirm


@pytest.mark.parametrize("text", [
    "the bit where dad falls off the tile roof", "keep the lower deck", "the rest of the swamp scenes",
    "crossfades between all of them", "remove the faded photos", "titled 'Summer'",
])
def test_real_words_near_a_command_are_no_typo(text: str) -> None:
    assert command_typos(text) == ()


@pytest.mark.parametrize(("text", "kept"), [
    ("blur all the other children's faces except my niece Saoirse", ("Saoirse",)),
    ("blur everyone except our son Cian", ("Cian",)),
])
def test_blur_everyone_but_a_relative_named_keeps_that_face(text: str, kept: tuple[str, ...]) -> None:
    """It was a blur of everyone and a removal of the relative's clips."""
    assert ops(text) == plan({"op": "blur", "target": "all_but", "people": list(kept)})


def test_a_misspelt_command_the_model_left_out_is_added_from_the_rules_reading() -> None:
    answer = '{"ops":[{"op":"remove","query":{"text":"selfie"}},{"op":"add","query":{"text":"waterfall"}}]}'
    result = AutoPlanner(ScriptedModel(answer)).plan_turn(
        "remvoe the selfie bits, add teh waterfall and make it slwoer", PlannerContext())
    slower = {"op": "speed", "factor": 0.5}
    assert result.plan.ops == plan(q("remove", "selfie"), q("add", "waterfall"), slower)
