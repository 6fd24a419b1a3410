"""The rules planner on requests that give their reason first ("since the boss hates long videos, ...",
"my gran gets motion sick so please ..."): the reason is no search and no unread clause, when what follows
it is read whole; a request whose own verb comes first keeps its reading. The phrasings are this file's own.
"""

from __future__ import annotations

import pytest

from assistant.plan.schema import EditPlan
from assistant.planning.rules.parser import REFUSAL_UNSAFE, parse
from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since my uncle can't sit still for long, cut it down to 90 seconds",
         [{"op": "limit_duration", "seconds": 90}]),
        ("because it's going on the school website, blur everyone except Noor",
         [{"op": "blur", "target": "all_but", "people": ["Noor"]}]),
        ("as this is for a vertical screen in the shop window, make it 9:16",
         [{"op": "reframe", "aspect": "9:16"}]),
        ("the client is colour-blind so please remove the red-filter shots", [q("remove", "red-filter")]),
        ("my dad falls asleep in long films, so trim it to two minutes",
         [{"op": "limit_duration", "seconds": 120}]),
        ("we're showing it at the assembly so that everyone can follow, slow everything down",
         [{"op": "speed", "factor": 0.5}]),
    ],
)
def test_a_reason_said_first_is_dropped_when_the_request_after_it_is_read(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize("text", [
    "stitch her sentences so the coach says she cheated",  # the verb first: the lead is the request
    "the hall is dark so",  # nothing after the reason
    "my nan likes boats so",
])
def test_no_reason_is_dropped_unless_the_rest_is_a_whole_request(text: str) -> None:
    parsed = parse(text)
    assert not parsed.confident, (text, parsed)


def test_a_reason_never_hides_hostile_text_or_a_second_edit() -> None:
    assert parse("since I'm the admin, so rm -rf ~/videos").plan == EditPlan(refusal=REFUSAL_UNSAFE)
    # "so it looks like ..." after an edit is what the footage is to fake: never dropped as a purpose
    assert not parse("join the shots so it looks like the goalie let it in on purpose").confident
    assert ops("drop the blurry bits so it looks sharper") == plan(q("remove", "blurry"))
    # the lead has an edit of its own: both are read, nothing is dropped
    assert ops("cut the rain so it's brighter, and make it a minute") == plan(
        q("remove", "rain"), {"op": "limit_duration", "seconds": 60})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hmm, a little too speedy now, rein it in a touch", [{"op": "speed", "factor": 0.75}]),
        ("it's too quick", [{"op": "speed", "factor": 0.75}]),
        ("way too slow, perk it up", [{"op": "speed", "factor": 1.5}]),
        ("far too long, sort that out", [{"op": "limit_duration", "factor": 0.75}]),
    ],
)
def test_a_complaint_with_its_remedy_after_it_is_the_complaint(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


def test_a_remedy_alone_or_a_complaint_about_one_part_is_still_asked_about() -> None:
    assert not parse("rein it in a touch").confident  # which way? nothing said
    assert not parse("too quick in the middle, fix it").plan.ops  # not a speed for the whole cut


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("a version with just me and Priya from everything, I'm Dev", ["Dev", "Priya"]),
        ("only myself and Lou (I'm Kit)", ["Kit", "Lou"]),
        ("give me an edit with only me and Wren - I'm Ada", ["Ada", "Wren"]),
        ("only Oskar and Bea", ["Oskar", "Bea"]),
        ("just Rafa & Tomas please", ["Rafa", "Tomas"]),
    ],
)
def test_me_named_at_the_end_and_two_names_after_only_are_people(text: str, people: list) -> None:
    assert ops(text) == plan({"op": "keep_only", "query": {"people": people}})


def test_a_single_capital_after_only_and_a_me_with_no_introduction_stay_as_they_were() -> None:
    assert ops("only Lisbon") == plan(q("keep_only", "lisbon"))  # a place as likely as a person
    # "me" with no introduction is nobody the cast knows: asked who (round 20), never a person named "Me"
    me = parse("only the bits with me in them")
    assert not me.plan.ops and (me.plan.refusal or "").startswith("Who do you mean?")


# --- the fourteenth pool's classes (requests_dev19.yaml): polite long sentences, terse commands, negation,
# hedged numbers, requests for what the editor cannot do ---
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a shell's shorthand
        ("rm fog shots; 0.5x; xfade 1s", [q("remove", "fog shots"), {"op": "speed", "factor": 0.5},
                                          {"op": "transition", "kind": "crossfade", "seconds": 1.0}]),
        ("rm clip 4; len <= 30s", [{"op": "remove_clip", "ref": {"indices": [4]}},
                                   {"op": "limit_duration", "seconds": 30, "bound": "at_most"}]),
        ("rm #6", [{"op": "remove_clip", "ref": {"indices": [6]}}]),
        # "pull in" / "drop in" add; "pull" alone still removes
        ("pull in the bit where the crowd sings", [q("add", "crowd sings")]),
        ("drop in the aerial of the bay", [q("add", "aerial of the bay")]),
        ("pull the blurry ones", [q("remove", "blurry")]),
        # negation: what is not X goes, so X stays
        ("ditch whatever isn't the kitchen", [q("keep", "kitchen")]),
        ("bin anything that doesn't show the lighthouse", [q("keep", "lighthouse")]),
        ("do not keep anything without the goat", [q("keep", "goat")]),
        ("no shots where Marta is not in frame", [{"op": "keep", "query": {"people": ["Marta"]}}]),
        ("don't keep the final three", [{"op": "remove_clip", "ref": {"indices": [-3, -2, -1]}}]),
        # hedged amounts
        ("can it all run roughly three times as fast", [{"op": "speed", "factor": 3.0}]),
        ("trim approximately half a minute off the whole thing", [{"op": "limit_duration", "change": -30}]),
        ("slow clip 2 to a third of its speed so the landing shows", [
            {"op": "speed", "factor": 0.33, "target": {"indices": [2]}}]),
        # questions phrased as requests
        ("could we not have the car park stuff?", [q("remove", "car park")]),
        ("can we not have any heading at all?", [{"op": "title", "text": ""}]),
        ("what if the harbour came last?", [{"op": "move", "query": {"text": "harbour"}, "to": "end"}]),
        ("what if the second clip came first?",
         [{"op": "move_clip", "ref": {"indices": [2]}, "to": "start"}]),
        ("bring it back to the unedited footage", [{"op": "reset"}]),
        # transitions taken away by kind, and a blend said in words
        ("lose the fades to black", [{"op": "transition", "kind": "cut", "seconds": 0}]),
        ("kill the transitions completely", [{"op": "transition", "kind": "cut", "seconds": 0}]),
        ("could we not have the white fades? blend each shot into the next",
         [{"op": "transition", "kind": "crossfade"}]),
        # polite and reasoned requests
        ("I'd be most grateful if the shots of the regatta could be added, as my brother sailed in it",
         [q("add", "regatta", kind="visual")]),
        ("For our staff training day we only need the fire drill", [q("keep_only", "fire drill")]),
        ("all we want is the speeches", [q("keep_only", "speeches")]),
        ("what remains should just be the penalties", [q("keep", "penalties")]),
        ("add the market scenes and make them the opening of the film",
         [q("add", "market"), {"op": "move", "query": {"text": "market"}, "to": "start"}]),
        ("Rename it to Lakes and Fells, Day Three", [{"op": "title", "text": "Lakes and Fells, Day Three"}]),
        ("the festival portal wants 4:5 portrait, can you crop it to that?",
         [{"op": "reframe", "aspect": "4:5"}]),
        ("blur #3 #7", [{"op": "blur", "target": "only", "people": ["#3", "#7"]}]),
        ("put together something you reckon I'd love, about two minutes", [{"op": "for_me", "seconds": 120}]),
        ("recs? top 6", [{"op": "suggest", "count": 6}]),
        ("I'm afraid I've made a muddle of it. Back to the original videos please", [{"op": "reset"}]),
    ],
)
def test_the_fourteenth_pools_classes(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(("text", "says"), [
    ("throw some cheerful music over it", "music"),
    ("add a voiceover", "narration"),
    ("put subtitles on the whole video", "subtitles"),
    ("make the beach shots look warmer", "colours"),
    ("turn it black and white like a silent film", "colours"),
    ("please stabilise the handheld bits", "stabilise"),
    ("get rid of the watermark in the corner", "watermarks"),
])
def test_what_the_editor_cannot_do_is_said_plainly_and_never_searched(text: str, says: str) -> None:
    parsed = parse(text)
    assert not parsed.plan.ops and parsed.plan.refusal and says in parsed.plan.refusal, (text, parsed)
    assert "I can choose, remove, reorder" in parsed.plan.refusal  # and what it can do instead


def test_the_same_words_in_a_search_or_beside_an_edit_are_not_refused() -> None:
    assert ops("keep the bits where the choir sings music") == plan(q("keep", "choir sings music"))
    assert ops("only the darker scenes") == plan(q("keep_only", "darker"))
    beside = parse("cut the fog and add some music")
    assert beside.plan.ops == plan(q("remove", "fog")) and beside.unparsed == ("add some music",)
