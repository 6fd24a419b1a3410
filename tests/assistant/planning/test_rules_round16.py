"""The rules planner on the classes an eleventh fresh pool (requests_dev16.yaml, ten named voices) found
misread.

Confident wrong edits among them: a greeting or a reaction before the edit ("Good afternoon.", "perfect,
now ...", "Oh dear, ...") became a search that replaced the cut, "Client notes: ..." searched for "client
notes", "I want to start over" searched for "to", "perhaps at half speed" slowed only clips matching
"perhaps", "also square pls" searched for "square", "for privacy" after a blur searched for it. The
phrasings here are this file's own.
"""

from __future__ import annotations

import pytest

from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # greetings, reactions, labels and purposes around the edit are no search
        ("Good morning. Could you please remove the parts with the lawnmower? Many thanks.",
         [q("remove", "lawnmower")]),
        ("lovely, now move the toast to the end", [{"op": "move", "query": {"text": "toast"}, "to": "end"}]),
        ("Oh dear. Please undo that.", [{"op": "undo"}]),
        ("Feedback: cut the drone shots and keep it under 2 minutes",
         [q("remove", "drone"), {"op": "limit_duration", "seconds": 120, "bound": "at_most"}]),
        ("For my geography assignment I need only the shots where you can see glaciers",
         [q("keep_only", "glaciers", kind="visual")]),
        ("Please blur every face, for privacy reasons.", [{"op": "blur", "target": "all"}]),
        ("I want to start again from the raw footage", [{"op": "reset"}]),
        # what someone else wants the cut to be
        ("The bride asked for the film to be a third shorter", [{"op": "limit_duration", "factor": 0.667}]),
        ("My tutor says the video must be 4 minutes at most",
         [{"op": "limit_duration", "seconds": 240, "bound": "at_most"}]),
        # speeds, shapes, transitions said loosely
        ("Could it all play more slowly, maybe at half speed?", [{"op": "speed", "factor": 0.5}]),
        ("drop the rain and make it 45 secs, also vertical pls",
         [q("remove", "rain"), {"op": "limit_duration", "seconds": 45}, {"op": "reframe", "aspect": "9:16"}]),
        ("slow clip 3, the penalty, to half speed",
         [{"op": "speed", "target": {"indices": [3]}, "factor": 0.5}]),
        ("speed clips 1 and 2 up to tripple speed",
         [{"op": "speed", "target": {"indices": [1, 2]}, "factor": 3}]),
        ("let the images blend into each other", [{"op": "transition", "kind": "crossfade"}]),
        ("Dip to black between the chapters, 1.2 seconds",
         [{"op": "transition", "kind": "fade_black", "seconds": 1.2}]),
        ("Stick a title on it: Summer at Nan's", [{"op": "title", "text": "Summer at Nan's"}]),
        ("put the words Welcome Home Sam at the start", [{"op": "title", "text": "Welcome Home Sam"}]),
        ("put the clips back in the order they were shot", [{"op": "order", "by": "story"}]),
        ("go back to how it was before my last edit", [{"op": "undo"}]),
        # things missed, then added through a pronoun; people; taste
        ("my sister said the fireworks were missing, add them back", [q("add", "fireworks")]),
        ("number 4 in the list is my son, his name is Theo",
         [{"op": "name_character", "character": 4, "name": "Theo"}]),
        ("Nadia is the protagonist of this film", [{"op": "choose_hero", "person": "Nadia"}]),
        ("give me your top 5 picks", [{"op": "suggest", "count": 5}]),
        ("suggest a few scenes we might like", [{"op": "suggest", "count": 3}]),  # "a few" is 3
        ("recommend some clips I might enjoy", [{"op": "suggest"}]),
        ("Blur the spectators but not Iris.", [{"op": "blur", "target": "all_but", "people": ["Iris"]}]),
    ],
)
def test_round_16_classes_are_read_as_meant(text: str, expected: list[dict]) -> None:
    assert ops(text) == plan(*expected)
