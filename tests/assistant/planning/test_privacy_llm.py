"""Blur and reframe with LLM backends: the prompt teaches them, grounding accepts people from the cast or
the message and sends back an effect the request never asked for (a real model plans them in
``test_qwen_plans.py``)."""

from __future__ import annotations

import json

from assistant.plan.schema import NAMED_REF, Blur, KeepOnly, Query, Reframe, Unblur
from assistant.planning.base import CastEntry, PlannerContext
from assistant.planning.llm.base import CORE_EXAMPLES, _bank, build_messages, core_examples, llm_schema
from tests.planners import ScriptedModel

CAST = PlannerContext(cast=(CastEntry(2, "Celia", 61.0), CastEntry(3, "Thom", 20.0), CastEntry(7, None, 4.0)))


def _ops_in(messages: list[dict[str, str]]) -> set[str]:
    return {op["op"] for m in messages if m["role"] == "assistant" for op in json.loads(m["content"])["ops"]}


def test_the_prompt_teaches_blur_and_reframe_and_people_only_with_a_cast() -> None:
    without = build_messages("pixelate everyone", PlannerContext(), core=CORE_EXAMPLES)
    assert '{"op":"reframe","aspect":"9:16"|"1:1"|"4:5"|"original"}' in without[0]["content"]
    assert '"all_but"' not in without[0]["content"]  # blurring by name needs the cast's part
    assert {"blur", "reframe"} <= _ops_in(without)
    assert not any('"people"' in m["content"] for m in without if m["role"] == "assistant")
    with_cast = build_messages("blur everyone except Celia", CAST, core=CORE_EXAMPLES)
    assert '"people":["named"]' in with_cast[0]["content"]
    assert "unblur" in _ops_in(with_cast)  # the core examples cover every op of the bank
    bank = _bank(True)
    core = {op["op"] for i in core_examples(CORE_EXAMPLES, True) for op in json.loads(bank[i][1])["ops"]}
    assert core >= {"blur", "unblur", "reframe"}


def test_people_from_the_cast_the_message_or_the_named_group_pass() -> None:
    model = ScriptedModel('{"ops":[{"op":"blur","target":"all_but","people":["Celia","#7","leads"]}]}')
    assert model.plan("blur everyone except celia and number 7 and the leads", CAST).ops == [
        Blur(target="all_but", people=("Celia", "#7", "leads"))]
    extras = ScriptedModel('{"ops":[{"op":"blur","target":"all_but","people":["named"]}]}')
    assert extras.plan("hide the extras", CAST).ops == [Blur(target="all_but", people=(NAMED_REF,))]
    unknown = ScriptedModel('{"ops":[{"op":"unblur","people":["Xavier"]}]}')
    assert unknown.plan("unblur Xavier", CAST).ops == [Unblur(people=("Xavier",))]  # the chat asks


def test_an_invented_person_or_an_effect_nobody_asked_for_is_sent_back() -> None:
    invented = ScriptedModel('{"ops":[{"op":"blur","target":"only","people":["Bob"]}]}',
                             '{"ops":[{"op":"blur","target":"only","people":["Thom"]}]}')
    assert invented.plan("hide his face", CAST).ops == [Blur(target="only", people=("Thom",))]
    assert '"Bob" is not in the cast' in invented.calls[1][-1]["content"]
    fights = '{"op":"keep_only","query":{"text":"fights"}}'
    copied = ScriptedModel(f'{{"ops":[{fights},{{"op":"reframe","aspect":"9:16"}}]}}',
                           f'{{"ops":[{fights}]}}')
    assert copied.plan("only the fights", PlannerContext()).ops == [KeepOnly(query=Query(text="fights"))]
    assert "asks for no frame shape" in copied.calls[1][-1]["content"]
    blur = ScriptedModel('{"ops":[{"op":"blur","target":"all"}]}', '{"ops":[{"op":"order","by":"story"}]}')
    blur.plan("in story order", PlannerContext())
    assert "asks for no blur" in blur.calls[1][-1]["content"]


def test_a_blur_request_read_as_uncovering_faces_is_sent_back() -> None:
    """Measured with Qwen2.5-Coder 0.5B: "pixelate all the faces" came back as "target": "none"."""
    model = ScriptedModel('{"ops":[{"op":"blur","target":"none"}]}', '{"ops":[{"op":"blur","target":"all"}]}')
    context = PlannerContext(recent_turns=("user: no title -> removed the title",))
    assert model.plan("pixelate all the faces please", context).ops == [Blur(target="all")]
    assert "not to stop blurring" in model.calls[1][-1]["content"]
    under = ScriptedModel('{"ops":[{"op":"blur","target":"none"}]}', '{"ops":[{"op":"blur","target":"all"}]}')
    assert under.plan("under a minute, everyone unrecognisable", context).ops == [Blur(target="all")]
    for text, answer in (("stop blurring", '{"op":"blur","target":"none"}'),
                         ("keep Thom's face visible", '{"op":"unblur","people":["Thom"]}'),
                         ("Thom shouldn't be hidden", '{"op":"unblur","people":["Thom"]}')):
        ok = ScriptedModel(f'{{"ops":[{answer}]}}')
        ok.plan(text, CAST)
        assert len(ok.calls) == 1, text


def test_a_request_in_another_language_is_not_checked_for_english_words() -> None:
    model = ScriptedModel('{"ops":[{"op":"reframe","aspect":"9:16"},{"op":"blur","target":"all"}]}')
    assert model.plan("mach es hochkant und alle Gesichter unkenntlich", PlannerContext()).ops == [
        Reframe(aspect="9:16"), Blur(target="all")]
    assert len(model.calls) == 1


def test_a_schema_violation_is_repaired_once() -> None:
    model = ScriptedModel('{"ops":[{"op":"reframe","aspect":"16:9"}]}',
                          '{"ops":[{"op":"reframe","aspect":"original"}]}')
    assert model.plan("back to widescreen", PlannerContext()).ops == [Reframe(aspect="original")]
    assert "schema violation" in model.calls[1][-1]["content"]


def test_a_models_blur_of_the_whole_cut_is_read_as_the_clips_the_request_names() -> None:
    """The grammar has no per-clip blur: a model answers "blur Thom in the last clip" with a blur of the
    whole cut, which grounding limits to the clip the request names."""
    from assistant.plan.schema import ClipRef

    thom = '{"ops":[{"op":"blur","target":"only","people":["Thom"]}]}'
    assert ScriptedModel(thom).plan("blur Thom in the last clip", CAST).ops == [
        Blur(target="only", people=("Thom",), clips=ClipRef(indices=[-1]))]
    assert ScriptedModel(thom).plan("blur Thom", CAST).ops == [Blur(target="only", people=("Thom",))]
    off = ScriptedModel('{"ops":[{"op":"blur","target":"none"}]}')
    assert off.plan("don't blur clip 2", CAST).ops == [Blur(target="none", clips=ClipRef(indices=[2]))]
    schema = llm_schema()["$defs"]
    assert "clips" not in schema["Blur"]["properties"] and "clips" not in schema["Unblur"]["properties"]
