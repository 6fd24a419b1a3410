"""Lines of dialogue by their place in the cut ("drop the last line", "lose line 3 of clip 2"), read by the
rules and from a model's clip removal chosen for "line". Before, these removed the clips chosen for the word
"line" (none: an error) or the pictures matching "line 3"."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.cut_questions import cut_question
from assistant.plan.describe import describe_plan
from assistant.plan.schema import (
    SPOKEN_REF,
    ClipRef,
    EditPlan,
    KeepClip,
    KeepLines,
    KeepOnly,
    Query,
    Remove,
    RemoveClip,
    RemoveLine,
    VideoPick,
)
from assistant.planning.llm.base import llm_schema
from assistant.planning.rules.line_refs import as_line_op, line_ref
from tests.assistant.planning.rules_plans import ops


@pytest.mark.parametrize(("text", "lines", "clip", "every"), [
    ("get rid of the final line", [-1], None, False),
    ("scrap the closing line", [-1], None, False),
    ("kill the opening line please", [1], None, False),
    ("delete the 2nd line", [2], None, False),
    ("drop the last three lines", [-3, -2, -1], None, False),
    ("remove lines 1 to 3", [1, 2, 3], None, False),
    ("cut line #5", [5], None, False),
    ("lose line number 4 of the edit", [4], None, False),
    ("the third line of dialogue needs to go", [3], None, False),
    ("ditch the first and last lines", [1, -1], None, False),
    ("remove the penultimate sentence", [-2], None, False),
    ("pull the first spoken line out", [1], None, False),
    ("trash the second line in the third clip", [2], 3, False),
    ("delete the last line from clip 4", [-1], 4, False),
    ("cut the line in the last clip", [], -1, False),
    ("drop all the lines of clip 2", [], 2, True),
    ("remove the sentences in the first clip", [], 1, True),
])
def test_a_line_by_its_place_is_a_line_removal(text, lines, clip, every) -> None:
    assert ops(text) == [RemoveLine(lines=lines, clip=clip, every=every)], text


@pytest.mark.parametrize(("text", "expected"), [
    ("drop the line about the umbrella", Remove(query={"text": "umbrella", "kind": "dialogue"})),
    ("remove all the lines", Remove(query={"text": SPOKEN_REF})),  # every line: the talking, as a search
    ("cut the finish line", Remove(query={"text": "finish line"})),  # a thing on screen
    ("remove the last clip", RemoveClip(ref=ClipRef(indices=[-1]))),
    ("remove the closing shot", RemoveClip(ref=ClipRef(indices=[-1]))),  # was the one before it
])
def test_other_lines_stay_what_they_were(text, expected) -> None:
    assert ops(text) == [expected], text


def test_a_model_writing_a_line_as_a_clip_chosen_for_line_is_read_as_the_line() -> None:
    line = RemoveClip(ref=ClipRef(indices=[-1], matching="line"))
    assert as_line_op(line) == RemoveLine(lines=[-1])
    assert as_line_op(RemoveClip(ref=ClipRef(indices=[2, 3], matching="lines of dialogue"))) == RemoveLine(
        lines=[2, 3])
    assert as_line_op(RemoveClip(ref=ClipRef(indices=[1], matching="sentence of the cut"))) == RemoveLine(
        lines=[1])
    for other in (RemoveClip(ref=ClipRef(indices=[-1], matching="fight")),
                  RemoveClip(ref=ClipRef(indices=[-1], matching="line", turn=-1)),  # an earlier version's
                  RemoveClip(ref=ClipRef(indices=[-1], matching="line",
                                         videos=(VideoPick(id="a" * 16, name="tears"),))),
                  RemoveClip(ref=ClipRef(matching="line"))):
        assert as_line_op(other) == other


def test_phrases_that_point_at_no_line_are_not_lines() -> None:
    assert line_ref("the lines") is None  # every line of the cut: a search, as "the dialogue"
    assert line_ref("the fight") is None and line_ref("the last fight") is None
    assert line_ref("the line in the rain") is None  # not a clip: no place in the cut


def test_a_line_removal_needs_a_place_and_counts_from_one() -> None:
    for bad in ({}, {"lines": [0]}, {"clip": 0, "every": True}, {"lines": [201]}):
        with pytest.raises(ValidationError):
            RemoveLine(**bad)


def test_the_plan_in_words_and_the_model_grammar() -> None:
    said = [describe_plan(EditPlan(ops=[op])) for op in (
        RemoveLine(lines=[-1]), RemoveLine(lines=[2, 4]), RemoveLine(lines=[1], clip=3),
        RemoveLine(clip=-1, every=True))]
    assert said == ["Removed the last line", "Removed lines 2 and 4", "Removed the 1st line of the 3rd clip",
                    "Removed every line of the last clip"]
    assert describe_plan(EditPlan(ops=[RemoveLine(lines=[-1])]), "de") == "Die letzte Dialogzeile entfernt"
    chinese = describe_plan(EditPlan(ops=[RemoveLine(lines=[2], clip=1)]), "zh")
    assert chinese == "删除了第1个片段中的第2句台词"
    # the models keep the grammar they were measured with; their remove_clip "line" is read as a line
    assert "remove_line" not in str(llm_schema())


@pytest.mark.parametrize("text", ["what lines are in the cut?", "which lines are left?", "list the lines",
                                  "what is said in the cut?", "what do they say in it?",
                                  "what lines does the edit have now"])
def test_asking_which_lines_the_cut_holds_is_a_question(text) -> None:
    asked = cut_question(text, ())
    assert asked is not None and asked.kind == "lines" and asked.number is None, text


@pytest.mark.parametrize("text", ["drop the last line", "remove line 3", "cut the line in clip 2"])
def test_removing_a_line_is_no_question(text) -> None:
    assert cut_question(text, ()) is None


def test_the_planner_benchmark_tells_line_removals_apart() -> None:
    from benchmarks.bench_planner import plan_matches

    last = {"ops": [{"op": "remove_line", "lines": [-1]}]}
    assert plan_matches(last, EditPlan(ops=[RemoveLine(lines=[-1])]))
    assert not plan_matches(last, EditPlan(ops=[RemoveLine(lines=[1])]))
    assert not plan_matches(last, EditPlan(ops=[RemoveLine(lines=[-1], clip=2)]))


def test_a_model_plan_that_loses_the_line_is_sent_back() -> None:
    """The 0.5B fixture planned "drop the last line" as a removal of the last clip and "delete line 3" as a
    search for "3"; grounding names the line, so the repair (or the rules) reads it as one."""
    from assistant.planning.base import PlannerError
    from assistant.planning.llm.grounding import grounded

    last_clip = EditPlan(ops=[RemoveClip(ref=ClipRef(indices=[-1]))])
    with pytest.raises(PlannerError, match="names a line of dialogue"):
        grounded(last_clip, "drop the last line", "en")
    with pytest.raises(PlannerError, match="line 3"):
        grounded(EditPlan(ops=[Remove(query={"text": "3"})]), "delete line 3", "en")
    chosen = EditPlan(ops=[RemoveClip(ref=ClipRef(indices=[-1], matching="line"))])
    assert grounded(chosen, "drop the last line", "en") == chosen
    assert grounded(last_clip, "drop the last clip", "en") == last_clip  # a clip is a clip
    assert grounded(last_clip, "lösch die letzte Zeile", "de") == last_clip  # English words only


@pytest.mark.parametrize(("text", "expected"), [
    ("keep only the opening two lines", KeepLines(lines=[1, 2])),
    ("just lines 3 to 5 please", KeepLines(lines=[3, 4, 5])),
    ("i just want the final line", KeepLines(lines=[-1])),
    ("use only the first sentence of clip 2", KeepLines(lines=[1], clip=2)),
    ("only keep the lines in the last clip", KeepLines(clip=-1, every=True)),
])
def test_lines_kept_by_their_place(text, expected) -> None:
    assert ops(text) == [expected], text


def test_keeping_lines_leaves_searches_and_clips_alone() -> None:
    assert ops("just the lines about the lighthouse") == [KeepOnly(query=Query(text="lighthouse",
                                                                                 kind="dialogue"))]
    assert ops("keep clips 2 and 3") == [KeepClip(ref=ClipRef(indices=[2, 3]))]
    assert as_line_op(KeepClip(ref=ClipRef(indices=[1, 2], matching="lines"))) == KeepLines(lines=[1, 2])
    assert describe_plan(EditPlan(ops=[KeepLines(lines=[1, 2])])) == "Kept only lines 1 and 2"
    assert "keep_lines" not in str(llm_schema())


@pytest.mark.parametrize(("text", "expected"), [
    ("drop Maya's last line", RemoveLine(lines=[-1], people=("Maya",))),
    ("cut the first thing Grandpa says", RemoveLine(lines=[1], people=("Grandpa",))),
    ("lose uncle bob's second line", RemoveLine(lines=[2], people=("Uncle Bob",))),
    ("keep only the hero's first two lines", KeepLines(lines=[1, 2], people=("hero",))),
    ("remove Maya's lines in clip 4", RemoveLine(clip=4, every=True, people=("Maya",))),
    ("cut the last thing anyone says", RemoveLine(lines=[-1])),  # no one in particular
])
def test_a_persons_lines_by_their_place(text, expected) -> None:
    """Before, "drop Celia's last line" removed the pictures matching "last line" with her on screen."""
    assert ops(text) == [expected], text
    assert expected.people == () or EditPlan(ops=[expected]).people() == list(expected.people)


def test_a_persons_line_in_words() -> None:
    said = describe_plan(EditPlan(ops=[RemoveLine(lines=[-1], people=("Celia",))]))
    assert said == "Removed the last line, with Celia on screen"


@pytest.mark.parametrize(("text", "kind", "number", "who", "clip"), [
    ("what does Maya say?", "lines", None, "Maya", None),
    ("what are Maya's lines in the cut?", "lines", None, "Maya", None),
    ("what's line 4?", "line", 4, None, None),
    ("read me the second line", "line", 2, None, None),
    ("what is the last line of clip 3?", "line", -1, None, 3),
    ("what was the first thing Maya said?", "line", 1, "Maya", None),
])
def test_questions_about_lines_by_place_or_person(text, kind, number, who, clip) -> None:
    asked = cut_question(text, ("Maya",))
    assert asked is not None
    assert (asked.kind, asked.number, asked.who, asked.other) == (kind, number, who, clip)


@pytest.mark.parametrize("text", ["what do they say?", "what is the line about the storm?"])
def test_questions_that_name_no_line_or_person_are_left_to_the_planner(text) -> None:
    assert cut_question(text, ("Maya",)) is None
