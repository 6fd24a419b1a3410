"""People with LLM backends: the cast is in the model's message, names the model leaves in a query's
text move to its people, and a person from neither the message nor the cast is sent back for repair (a
real model plans from the cast in ``test_qwen_plans.py``)."""

from __future__ import annotations

from assistant.plan.schema import KeepOnly, Query
from assistant.planning.base import CastEntry, PlannerContext
from assistant.planning.llm.base import build_messages
from tests.planners import ScriptedModel

CONTEXT = PlannerContext(
    cast=(CastEntry(2, "Celia", 61.0), CastEntry(3, "Thom", 20.0), CastEntry(7, None, 4.0)))


def test_the_cast_is_in_the_models_message() -> None:
    message = build_messages("only the scenes with Celia", CONTEXT)[-1]["content"]
    assert "#2 Celia (61 s on screen)\n#3 Thom (20 s on screen)\n#7 unnamed (4 s on screen)" in message
    assert message.index("Cast") < message.index("Message: only the scenes with Celia")
    assert "Cast" not in build_messages("only the fights", PlannerContext())[-1]["content"]


def test_a_cast_name_left_in_the_text_becomes_a_person() -> None:
    model = ScriptedModel('{"ops":[{"op":"keep_only","query":{"text":"Celia arguing"}}]}')
    plan = model.plan("Celia arguing", CONTEXT)
    assert plan.ops == [KeepOnly(query=Query(text="arguing", people=("Celia",)))]


def test_people_from_the_cast_or_the_message_pass_and_invented_ones_are_repaired() -> None:
    from_cast = ScriptedModel('{"ops":[{"op":"keep_only","query":{"people":["hero","#7","Thom"]}}]}')
    plan = from_cast.plan("the hero with number 7 and him", CONTEXT)
    assert plan.ops[0].query.people == ("hero", "#7", "Thom")
    unknown = ScriptedModel('{"ops":[{"op":"keep_only","query":{"people":["Xavier"]}}]}')
    assert unknown.plan("only Xavier", CONTEXT).ops[0].query.people == ("Xavier",)  # the chat says who exists
    invented = ScriptedModel('{"ops":[{"op":"keep_only","query":{"people":["Bob"]}}]}',
                             '{"ops":[{"op":"keep_only","query":{"people":["Celia"]}}]}')
    assert invented.plan("only her", CONTEXT).ops[0].query.people == ("Celia",)
    assert '"Bob" is not in the cast' in invented.calls[1][-1]["content"]
