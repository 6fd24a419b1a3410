"""People in requests with the rules planner: cast names and roles become ``Query.people``, naming
phrases become cast ops, and a capitalised name after "with" that the cast lacks is still a person."""

from __future__ import annotations

import pytest

from assistant.plan.describe import describe_plan
from assistant.plan.schema import (
    SOMEONE_REF,
    ChooseHero,
    EditPlan,
    Keep,
    KeepOnly,
    NameCharacter,
    Query,
    Remove,
    role_of,
)
from assistant.planning.base import CastEntry, PlannerContext
from assistant.planning.rules.parser import RulesPlanner, parse

CAST = ("Celia", "Thom")


def _query(text: str, names: tuple[str, ...] = CAST) -> Query:
    result = parse(text, names)
    assert result.confident, (text, result)
    [op] = result.plan.ops
    return op.query


@pytest.mark.parametrize(("text", "people", "query_text", "kind"), [
    ("only the scenes with Celia", ("Celia",), "", "auto"),
    ("everything with celia", ("Celia",), "", "auto"),
    ("scenes with Thom and Celia", ("Thom", "Celia"), "", "auto"),
    ("Celia arguing", ("Celia",), "arguing", "auto"),
    ("where Thom talks about robots", ("Thom",), "robots", "dialogue"),
    ('keep the parts where Thom says "run"', ("Thom",), "run", "dialogue"),
    ("the hero fighting", ("hero",), "fighting", "auto"),
    ("only the heroine", ("heroine",), "", "auto"),
    ("just the main character", ("main character",), "", "auto"),
    ("only the scenes with the protagonist", ("protagonist",), "", "auto"),
    ("only the scenes with the two leads", ("leads",), "", "auto"),
    ("just Thom and Celia together", ("Thom", "Celia"), "", "auto"),  # together: both on screen
    ("Celia and Thom in the same shot", ("Celia", "Thom"), "", "auto"),
    ("Celia and Thom running together", ("Celia", "Thom"), "running together", "auto"),
])
def test_people_and_roles_move_out_of_the_query_text(text, people, query_text, kind) -> None:
    query = _query(text)
    assert (query.people, query.text, query.kind) == (people, query_text, kind)


def test_without_a_person_removes_their_scenes() -> None:
    plan = parse("without Thom", CAST).plan
    assert plan.ops == [Remove(query=Query(people=("Thom",)))]


def test_a_name_the_cast_lacks_is_kept_as_a_person_so_the_chat_can_say_so() -> None:
    assert _query("only scenes with Xavier").people == ("Xavier",)
    assert _query("only scenes with Xavier", ()).people == ("Xavier",)
    assert _query("where Xavier says hello").people == ("Xavier",)
    # lower-case words after "with" are things to look for, as before
    assert _query("only the scenes with snow") == Query(text="snow")


def test_without_a_cast_names_stay_words_and_roles_stay_roles() -> None:
    assert parse("celia arguing", ()).plan.ops == [KeepOnly(query=Query(text="celia arguing"))]
    # capitalised and doing something, she is someone even so (the chat then says whom it knows)
    assert parse("Celia arguing", ()).plan.ops == [KeepOnly(query=Query(text="arguing", people=("Celia",)))]
    assert _query("the hero fighting", ()).people == ("hero",)


@pytest.mark.parametrize(("text", "op"), [
    ("number 2 is Celia", NameCharacter(character=2, name="Celia")),
    ("Number two is Celia Rossi", NameCharacter(character=2, name="Celia Rossi")),
    ("call character 3 Thom", NameCharacter(character=3, name="Thom")),
    ("#4 is 'Barley'", NameCharacter(character=4, name="Barley")),
    ("2 is Thom", NameCharacter(character=2, name="Thom")),  # a user's session: "not understood"
    ("7 is called Uncle Rob", NameCharacter(character=7, name="Uncle Rob")),
    ("Celia is the hero", ChooseHero(person="Celia")),
    ("the heroine is number 3", ChooseHero(person="#3")),
    ("make Thom the main character", ChooseHero(person="Thom")),
    ("make Thom the main guy", ChooseHero(person="Thom")),  # a user's session: a guessed search
])
def test_naming_phrases(text: str, op) -> None:
    result = parse(text, CAST)
    assert result.confident and result.plan.ops == [op]


@pytest.mark.parametrize("text", ["number 2 is too long", "the hero is fighting", "2 is too long",
                                  "3 is better", "2 is the one with the dog"])
def test_phrases_that_only_look_like_naming(text: str) -> None:
    assert not any(isinstance(op, NameCharacter | ChooseHero) for op in parse(text, CAST).plan.ops)


def test_the_planner_reads_the_cast_from_its_context() -> None:
    context = PlannerContext(cast=(CastEntry(2, "Celia", 61.0), CastEntry(5, None, 20.0)))
    assert context.names == ("Celia",)
    plan = RulesPlanner().plan_turn("Celia arguing", context).plan
    assert plan.ops == [KeepOnly(query=Query(text="arguing", people=("Celia",)))]


def test_plans_with_people_in_words_and_their_schema() -> None:
    plan = EditPlan(ops=[KeepOnly(query=Query(text="robots", kind="dialogue", people=("Thom",))),
                         NameCharacter(character=2, name=" Celia ")])
    assert describe_plan(plan) == ("Kept only scenes matching lines saying 'robots' with Thom on screen; "
                                   "named character #2 “Celia”")
    assert EditPlan.model_validate_json(plan.model_dump_json()) == plan
    assert plan.people() == ["Thom"]
    with pytest.raises(ValueError, match="empty query"):
        Query()
    assert Query(text="x", people=("Celia", "Celia")).people == ("Celia",)
    assert Query(people=("Celia", "Thom")).label == "Celia and Thom"
    roles = ("the two leads", "Heroine", "Celia", "the main guy")
    assert [role_of(r) for r in roles] == ["leads", "hero", None, "hero"]


@pytest.mark.parametrize(("text", "op"), [
    ("drop the ones without anybody", Keep), ("remove the shots with nobody in them", Keep),
    ("cut the scenes with no one in them", Keep), ("drop everything without people", Keep),
    ("only the shots with people in them", KeepOnly), ("only scenes with someone on screen", KeepOnly),
    ("keep only scenes with faces", KeepOnly), ("only the shots with no one in them", Remove),
    ("get rid of the shots where you can't see anyone", Keep),
    ("drop the scenes where nobody is on screen", Keep),
])
def test_people_or_nobody_as_the_whole_query_is_anyone_of_the_cast(text: str, op: type) -> None:
    """"anybody" was a CLIP search for the word (kept), "no one" one for "no": now anyone of the cast."""
    result = parse(text, CAST)
    assert result.confident and result.plan.ops == [op(query=Query(people=(SOMEONE_REF,)))], result.plan.ops


@pytest.mark.parametrize("text", ["only people dancing", "the crowd of people at the beach",
                                  "cut the empty shots"])
def test_people_inside_a_longer_query_stay_words(text: str) -> None:
    ops = parse(text, CAST).plan.ops
    assert ops and all(SOMEONE_REF not in op.query.people for op in ops if hasattr(op, "query"))



@pytest.mark.parametrize("text", ["I only want the bits where Thom is with Celia",
                                  "only the scenes where Celia is together with Thom"])
def test_two_people_with_each_other_leave_no_words_to_search(text: str) -> None:
    """"where Thom is with Celia" searched CLIP for "is" besides the two of them (a user's session)."""
    [op] = parse(text, CAST).plan.ops
    assert isinstance(op, KeepOnly) and op.query.text == "" and set(op.query.people) == {"Celia", "Thom"}


@pytest.mark.parametrize(("text", "who"), [("remove everyone but Celia", ("Celia",)),
                                           ("get rid of everybody except Thom", ("Thom",)),
                                           ("drop everyone apart from the hero", ("hero",))])
def test_removing_everyone_but_someone_keeps_their_scenes(text: str, who: tuple[str, ...]) -> None:
    """Before: a guessed removal of the matches for "everyone but" with Celia on screen (a user's session)."""
    result = parse(text, CAST)
    assert result.confident and result.plan.ops == [Keep(query=Query(people=who))], result.plan.ops
    assert parse("blur everyone but Celia", CAST).plan.ops[0].op == "blur"  # a blur stays a blur



@pytest.mark.parametrize(("text", "number", "name"), [
    ("number 8 is the policeman", 8, "the policeman"), ("#6 is the operator", 6, "the operator"),
    ("number 3 is the old man in glasses", 3, "the old man in glasses"),
])
def test_someone_named_by_what_they_are(text: str, number: int, name: str) -> None:
    """A user who does not know the names: "number 8 is the policeman" was not understood; then "blur the
    policeman" and "only the policeman" name him, with or without the "the"."""
    assert parse(text, CAST).plan.ops == [NameCharacter(character=number, name=name)]
    cast = (*CAST, "the policeman")
    assert parse("only the policeman", cast).plan.ops == [KeepOnly(query=Query(people=("the policeman",)))]
    assert parse("the policeman walking", cast).plan.ops == [
        KeepOnly(query=Query(text="walking", people=("the policeman",)))]
    assert parse("blur the policeman", cast).plan.ops[0].people == ("the policeman",)
    assert parse("number 2 is the best", CAST).plan.ops == []  # a judgement, no name


def test_a_whole_request_about_one_person_leaves_no_words_to_search() -> None:
    """"give me a version that's all about Celia" searched for "about" beside her."""
    [op] = parse("give me a version that's all about Celia", CAST).plan.ops
    assert isinstance(op, KeepOnly) and op.query == Query(people=("Celia",))


LEADS = ("Ava", "Lily", "Mei", "Thom")


@pytest.mark.parametrize(("text", "query_text"), [
    ("Just the trio with Ava, Lily and Mei", "trio"),
    ("only the bits featuring ava, lily, and mei", ""),
    ("Ava, Lily and Mei laughing", "laughing"),
    ("only Ava, Lily & Mei", ""),
])
def test_a_comma_list_of_names_is_one_group(text: str, query_text: str) -> None:
    """A comma inside "Ava, Lily and Mei" had ended a clause: the cut kept Ava's scenes, then added Lily's and
    Mei's, as a sure edit (a dev request)."""
    result = parse(text, LEADS)
    assert result.confident, result
    [op] = result.plan.ops
    assert isinstance(op, KeepOnly) and op.query == Query(text=query_text, people=("Ava", "Lily", "Mei"))


def test_names_the_cast_lacks_are_a_group_only_after_a_word_for_who() -> None:
    [op] = parse("only Mo, Ali and Sam", LEADS).plan.ops
    assert isinstance(op, KeepOnly) and op.query.people == ("Mo", "Ali", "Sam")
    # a comma between edits still ends a clause, and a list of things is not a list of people
    assert [op.op for op in parse("remove Thom, keep Ava and Mei", LEADS).plan.ops] == ["remove", "keep"]
    assert all(not op.query.people for op in parse("cut the beach, sunset and pier", LEADS).plan.ops)


@pytest.mark.parametrize(("text", "query_text"), [
    ("I only want to see Celia", ""),
    ("only the bits where Thom pops up", ""),
    ("only the shots where Celia can be seen", ""),
    ("only where Thom turns up at the harbour", "harbour"),
])
def test_being_there_is_no_picture_to_search_for(text: str, query_text: str) -> None:
    """"only the parts where Thom or Mei show up" had searched for a picture of "show up" beside each person,
    narrowing their scenes to CLIP's idea of those words."""
    [op] = parse(text, CAST).plan.ops
    assert isinstance(op, KeepOnly) and op.query.text == query_text and len(op.query.people) == 1
    assert parse("Thom appearing happy", CAST).plan.ops[0].query.text == "appearing happy"  # a look, kept
    assert parse("Thom around the fire", CAST).plan.ops[0].query.text == "around the fire"
    for together in ("remove the bits Celia and Thom share", "drop where Thom and Celia are both there"):
        [op] = parse(together, CAST).plan.ops
        assert isinstance(op, Remove) and not op.query.text, together
        assert set(op.query.people) == {"Celia", "Thom"}


def test_a_reel_typed_without_its_article_is_the_best_of_its_people() -> None:
    """"trailer with just Mei and Ava" had kept the matches for "trailer with just" beside them."""
    [op] = parse("trailer with just Mei and Ava", LEADS).plan.ops
    assert op.op == "best" and op.query == Query(people=("Mei", "Ava"))
    assert parse("teaser", LEADS).plan.ops[0].op == "best"
