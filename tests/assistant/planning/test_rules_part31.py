"""The rules planner on what a user session of 2026-12-04 (part 31) hit on three real clips: "anything
that's not X", "everything not from X", "X back but put it first" and clips numbered within a video. The
phrasings are this file's own."""

from __future__ import annotations

import pytest

from assistant.plan.schema import ClipRef, RemoveClip
from assistant.planning.rules.clip_refs import parse_ref
from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize(("text", "kept"), [
    ("get rid of anything that's not the lighthouse", "lighthouse"),  # before: removed "that's" and it
    ("bin whatever thats not the harbour", "harbour"),
    ("drop everything not in the orchard", "orchard"),
    ("cut anything not from the drone", "from the drone"),  # "from <a video>" is scoped by the planner
])
def test_all_that_is_not_x_goes_so_x_stays(text: str, kept: str) -> None:
    assert ops(text) == plan(q("keep", kept))


def test_a_thing_brought_back_and_then_placed_is_two_edits() -> None:
    # before: a guessed move of "kayak back but put it" to the start
    assert ops("bring the kayak back but put it at the very start") == plan(
        q("add", "kayak"), {"op": "move", "query": {"text": "kayak"}, "to": "start"})


@pytest.mark.parametrize(("text", "indices"), [
    ("drop clip 2 from harbour", [2]), ("remove clips 1 and 3 of harbour", [1, 3]),
    ("delete shot 4 in harbour", [4]),
])
def test_clips_by_number_within_a_named_thing(text: str, indices: list[int]) -> None:
    """Before: a search for "clip 2 from harbour" whose matches were removed. The planner then scopes
    "from harbour" to a video of that name (``video_refs``); without one, no clip was chosen for it."""
    (op,) = ops(text)
    assert isinstance(op, RemoveClip) and op.ref.indices == indices
    assert op.ref.matching is not None and op.ref.matching.endswith("harbour")
    assert parse_ref("clip 2 from harbour") == ClipRef(indices=[2], matching="clip from harbour")
    assert not any(o.op == "remove" for o in parse(text).plan.ops)


def test_two_things_each_from_its_own_video() -> None:
    """Before, "the robot stuff from tears and the dragon from sintel" was one guessed search."""
    assert ops("just the robot stuff from tears and the dragon from sintel") == plan(
        q("keep_only", "robot stuff from tears"), q("add", "dragon from sintel"))
    assert ops("only the bride and groom") == plan(q("keep_only", "bride and groom"))  # one thing, as before


@pytest.mark.parametrize(("text", "to"), [
    ("add the lighthouse at the end", "end"), ("add the harbour at the very start", "start"),
    ("add the sunrise last", "end"),
])
def test_a_thing_added_at_one_end_is_added_then_moved_there(text: str, to: str) -> None:
    # before: a search for "lighthouse at the end", which found nothing to add
    (add, move) = ops(text)
    assert (add.op, move.op, move.to) == ("add", "move", to) and add.query == move.query


@pytest.mark.parametrize("text", ["restore the kayak clip", "reinstate the kayak"])
def test_restoring_a_thing_adds_it(text: str) -> None:
    # before: "restore the kayak clip" was a sure cut of the matches for "restore the kayak"
    assert ops(text) == plan(q("add", "kayak"))


@pytest.mark.parametrize("text", ["return the kayak clips", "put the harbour clips in reverse order"])
def test_an_unread_verb_before_clips_is_a_guess_never_a_sure_search(text: str) -> None:
    parsed = parse(text)
    assert not any(op.op == "keep_only" for op in parsed.sure), parsed


def test_a_trim_of_every_clip_from_a_named_thing_keeps_its_from() -> None:
    # before: the clips chosen for "clip harbour", which no clip was
    (trim,) = ops("cut the first 2 seconds of every clip from harbour")
    said = (trim.op, trim.target.matching, trim.seconds, trim.side)
    assert said == ("trim", "clip from harbour", 2.0, "start")


@pytest.mark.parametrize(("text", "what", "seconds"), [
    ("give me 20 seconds of the lighthouse", "lighthouse", 20.0),
    ("a minute of the harbour", "harbour", 60.0),
    ("just 10 seconds of the fireworks please", "fireworks", 10.0),
])
def test_a_length_of_a_thing_is_its_best_that_long(text: str, what: str, seconds: float) -> None:
    # before: a guessed search for "20 seconds" (with whatever else the sentence said)
    assert ops(text) == plan({"op": "best", "query": {"text": what}, "seconds": seconds})


def test_a_length_of_the_cut_is_its_length() -> None:
    # before: a sure keep of the matches for "2 minutes of the cut"
    assert ops("give me 2 minutes of the cut") == plan({"op": "limit_duration", "seconds": 120.0})


@pytest.mark.parametrize(("text", "count"), [("just keep 3 clips", 3), ("keep only 4 shots", 4),
                                             ("only 5 clips please", 5), ("cut it down to 2 clips", 2)])
def test_a_number_of_clips_is_the_best_that_many(text: str, count: int) -> None:
    # before: a sure search for the digit ("keep only 3 clips" kept the matches for "3")
    assert ops(text) == plan({"op": "best", "count": count})


@pytest.mark.parametrize("text", ["make the lighthouse part come first and the harbour part last",
                                  "have the lighthouse come first and the harbour come last",
                                  "put the lighthouse part first and the harbour part last"])
def test_two_things_each_to_its_own_end(text: str) -> None:
    # before: a move of "make the lighthouse" or of "lighthouse part first and harbour", or not understood
    assert ops(text) == plan({"op": "move", "query": {"text": "lighthouse"}, "to": "start"},
                             {"op": "move", "query": {"text": "harbour"}, "to": "end"})
