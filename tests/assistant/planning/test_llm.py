"""LLM backends: prompt, validation, the one repair attempt, rules fallback, and real tiny models.

The real-model tests use SmolLM2-135M (a fixture wheel): its plans are often wrong, which is not the
point; every answer must end as a schema-valid plan, from the model or from the rules fallback.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.plan.describe import describe_plan
from assistant.plan.schema import EditPlan, KeepOnly, LimitDuration, Query, Transition, Undo
from assistant.planning.base import PlannerContext, PlannerError, PlanResult
from assistant.planning.factory import AutoPlanner, make_planner, plan_turn
from assistant.planning.llm.base import (
    FEW_SHOT,
    Messages,
    build_messages,
    extract_json,
    llm_schema,
    parse_answer,
)
from assistant.planning.llm.few_shot import features, similarity
from assistant.planning.llm.openai_compat import OpenAIPlanner
from assistant.prompt_files import load_examples, load_prompt
from tests.fixture_models import FixtureModelMissing, smollm2_gguf
from tests.planners import ScriptedModel

CONTEXT = PlannerContext(
    clips=(
        "1. 0:12-0:18 sintel_trailer 'girl fighting' (visual 0.31)",
        "2. 0:40-0:44 sintel_trailer 'dragon'",
    ),
    recent_turns=("user: only the fights -> keep_only(fight)",),
)
VALID = '{"ops": [{"op": "keep_only", "query": {"text": "fight"}}]}'


@pytest.fixture(scope="session")
def smollm2() -> Path:
    try:
        return smollm2_gguf()
    except FixtureModelMissing as exc:
        pytest.skip(f"fixture model wheel not installed: {exc}")


def _assert_valid(result: PlanResult, backend: str) -> None:
    assert EditPlan.model_validate(json.loads(result.plan.model_dump_json())) == result.plan
    assert result.backend in (backend, "rules")
    if result.backend == "rules":
        assert backend in result.note and "rules parser" in result.note


# --- prompt and answer handling -------------------------------------------------------------------
def test_messages_carry_prompt_examples_context_and_request() -> None:
    messages = build_messages("remove the second one", CONTEXT)
    assert messages[0] == {"role": "system", "content": load_prompt("planner_system.txt")}
    assert len(messages) == 2 + 2 * FEW_SHOT
    last = messages[-1]["content"]
    assert "1. 0:12-0:18 sintel_trailer 'girl fighting'" in last and "user: only the fights" in last
    assert last.endswith("Message: remove the second one")
    assert len(build_messages("x", PlannerContext(), few_shot=0)) == 2


def test_examples_are_valid_plans_and_not_benchmark_items() -> None:
    """Few-shot examples must not leak any request file (dev or held-out): no item, nor anything with nearly
    the same words."""
    import yaml

    files = sorted((Path(__file__).parents[3] / "benchmarks").glob("requests_*.yaml"))
    assert len(files) >= 7  # dev, dev2, dev3, heldout, heldout2, privacy, privacy_heldout
    bench_texts = [item["text"] for path in files for item in yaml.safe_load(path.read_text())]
    # each text's features once (``similarity`` recomputes them past its cache for ~3,700 texts)
    bench = [(text, features(text)) for text in bench_texts]
    for example in load_examples("planner_bank.jsonl"):
        EditPlan.model_validate(example["plan"])
    # the translation examples too: a request file's line among them would be translated by rote
    for example in [*load_examples("planner_bank.jsonl"), *load_examples("translate_examples.jsonl")]:
        mine = features(example["user"])
        for text, theirs in bench:
            near = len(mine & theirs) / len(mine | theirs) if mine and theirs else 0.0
            assert near < 0.6, (example["user"], text)
    first, (text, theirs) = load_examples("planner_bank.jsonl")[0]["user"], bench[0]
    mine = features(first)
    assert similarity(first, text) == len(mine & theirs) / len(mine | theirs)  # the measure the bank uses


@pytest.mark.parametrize("name", ["../secret.txt", "/etc/passwd", "system", "x.py"])
def test_prompt_names_are_plain_file_names(name: str) -> None:
    with pytest.raises(ValueError, match="bad prompt name"):
        load_prompt(name)


def test_missing_prompt_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        load_prompt("nope.txt")


def test_schema_for_llms_requires_op_names() -> None:
    schema = llm_schema()
    for name in ("KeepOnly", "Speed", "Reset", "Undo"):
        assert schema["$defs"][name]["required"][0] == "op"
    assert "description" not in json.dumps(schema)


def test_answers_are_extracted_from_prose_and_fences() -> None:
    assert extract_json(f"Sure! ```json\n{VALID}\n``` hope that helps") == json.loads(VALID)
    assert parse_answer('{"ops": [{"op": "undo"}], "refusal": "hmm"}').refusal is None
    with pytest.raises(PlannerError, match="no JSON object"):
        parse_answer("I think you want the fights")
    with pytest.raises(PlannerError, match="schema violation: ops.0"):
        parse_answer('{"ops": [{"op": "explode"}]}')
    with pytest.raises(PlannerError, match="no operations and no refusal"):
        parse_answer('{"ops": []}')


def test_invalid_answer_gets_one_repair_with_the_error() -> None:
    model = ScriptedModel('{"ops": [{"op": "speed", "factor": 99}]}', VALID)
    plan = model.plan("only the fights", CONTEXT)
    assert plan.ops == [KeepOnly(query=Query(text="fight"))]
    assert len(model.calls) == 2
    assert "factor" in model.calls[1][-1]["content"] and model.calls[1][-2]["role"] == "assistant"


def test_twice_invalid_falls_back_to_rules_with_a_note() -> None:
    model = ScriptedModel("no idea", '{"ops": [{"op": "speed"}]}')
    result = plan_turn("only the fights, under two minutes", CONTEXT, model)
    assert result.backend == "rules" and "scripted" in result.note and "rules parser" in result.note
    assert result.raw == '{"ops": [{"op": "speed"}]}'
    assert result.plan.ops == [KeepOnly(query=Query(text="fights")),
                               LimitDuration(seconds=120, bound="at_most")]


def test_auto_lets_confident_rules_answer_and_asks_the_llm_otherwise() -> None:
    model = ScriptedModel(VALID)
    auto = AutoPlanner(model)
    confident = plan_turn("only the fights, crossfade", CONTEXT, auto)
    assert confident.backend == "rules" and "scripted not asked" in confident.note and not model.calls
    unsure = plan_turn("the bits that feel lonely", CONTEXT, auto)
    assert unsure.backend == "scripted" and unsure.plan.ops == [KeepOnly(query=Query(text="fight"))]


def test_auto_without_llm_and_with_a_broken_llm_setting() -> None:
    assert plan_turn("crossfade", PlannerContext(), make_planner()).plan.ops == [Transition(kind="crossfade")]
    planner = make_planner("auto", llm="llamacpp:/nowhere/model.gguf")
    assert isinstance(planner, AutoPlanner) and planner.llm is None
    assert isinstance(make_planner("auto", llm="openai:http://127.0.0.1:9/v1#tiny").llm, OpenAIPlanner)
    # the chat says why the configured model is not there, on every turn (not "no model is configured")
    for text in ("crossfade", "nur die Drachen"):
        note = plan_turn(text, PlannerContext(), planner).note
        assert "did not load" in note and "/nowhere/model.gguf" in note, note


def test_a_bare_model_path_in_the_setting_is_read_by_its_kind(tmp_path: Path) -> None:
    # PERSONALCUT_LLM=/path/model.gguf (no "llamacpp:") is a local GGUF, not a broken setting
    missing = make_planner("auto", llm=str(tmp_path / "model.gguf"))
    assert "GGUF model not found" in missing.missing
    try:
        gguf = smollm2_gguf()
    except FixtureModelMissing as exc:
        pytest.skip(str(exc))
    assert make_planner("auto", llm=str(gguf)).llm is not None


def test_explicit_backends_fail_clearly() -> None:
    with pytest.raises(PlannerError, match="GGUF model not found"):
        make_planner("llamacpp", model="/nowhere/model.gguf")
    with pytest.raises(PlannerError, match="needs --base-url"):
        make_planner("openai")
    with pytest.raises(PlannerError, match="unknown planner backend"):
        make_planner("gpt")


def test_unreachable_server_falls_back_to_rules() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before use: nothing listens there
    planner = make_planner("openai", base_url=f"http://127.0.0.1:{port}/v1", model="tiny")
    result = plan_turn("only the fights", PlannerContext(), planner)
    assert result.backend == "rules" and "cannot reach" in result.note
    assert result.plan.ops == [KeepOnly(query=Query(text="fights"))]


def test_offline_hub_model_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("transformers")
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(PlannerError, match="could not load model 'personalcut-test/no-such-model'"):
        make_planner("transformers", model="personalcut-test/no-such-model")


def test_describe_plan_in_plain_words() -> None:
    plan = EditPlan.model_validate(
        {
            "ops": [
                {"op": "keep_only", "query": {"text": "fight"}},
                {"op": "limit_duration", "seconds": 120},
                {"op": "remove_clip", "ref": {"indices": [2], "matching": "dragon"}},
                {"op": "speed", "factor": 0.5},
                {"op": "title", "text": "Fire"},
            ]
        }
    )
    assert describe_plan(plan) == (
        "Kept only scenes matching 'fight'; limited to 2:00; Removed the 2nd 'dragon' "
        "clip; played the cut at 0.5x speed; title 'Fire'"
    )
    assert describe_plan(EditPlan(refusal="No.")) == "No."


# --- real tiny models -----------------------------------------------------------------------------
@pytest.mark.slow
def test_llamacpp_smollm2_gives_schema_valid_plans(smollm2: Path) -> None:
    pytest.importorskip("llama_cpp", reason="the llamacpp extra (llama-cpp-python) is not installed")
    from assistant.planning.llm.llamacpp import LlamaCppPlanner

    planner = LlamaCppPlanner(smollm2, max_tokens=48, few_shot=0, core=0)
    _assert_valid(plan_turn("only the fights, under two minutes", CONTEXT, planner), "llamacpp")
    try:  # straight from the backend: a valid plan or PlannerError, never anything else
        assert isinstance(planner.plan("remove the second one", PlannerContext()), EditPlan)
    except PlannerError as exc:
        assert exc.raw is not None


@pytest.mark.slow
def test_transformers_smollm2_gguf_gives_a_schema_valid_plan(smollm2: Path) -> None:
    pytest.importorskip("gguf", reason="transformers needs the gguf package to read .gguf files")
    from assistant.planning.llm.hf_transformers import TransformersPlanner

    planner = TransformersPlanner(smollm2, max_new_tokens=32, few_shot=0)
    _assert_valid(plan_turn("only the fights", CONTEXT, planner), "transformers")


@pytest.fixture(scope="session")
def llama_server(smollm2: Path) -> Iterator[str]:
    """llama-cpp-python's own OpenAI-compatible server on 127.0.0.1, serving SmolLM2."""
    pytest.importorskip("llama_cpp", reason="the llamacpp extra (llama-cpp-python) is not installed")
    for extra in ("sse_starlette", "starlette_context", "pydantic_settings"):
        pytest.importorskip(extra, reason="llama_cpp.server needs its [server] extras")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(smollm2),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",  # the system prompt and the schema are ~2k tokens (an OpenAI-style server needs >= 4k)
            "--n_threads",
            "2",
            "--verbose",
            "False",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not start (exit code {proc.poll()})")
            time.sleep(0.5)
        yield base_url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.slow
def test_openai_backend_against_a_real_local_server(llama_server: str) -> None:
    planner = OpenAIPlanner(llama_server, model="smollm2", timeout_s=300, max_tokens=48, few_shot=0)
    result = plan_turn("only the fights, under two minutes", CONTEXT, planner)
    _assert_valid(result, "openai")
    assert "cannot reach" not in result.note and "answered HTTP" not in result.note  # the model did answer
    assert planner._format == 1  # llama.cpp's server has no json_schema format; json_object + schema it has


def test_a_crashing_model_runtime_falls_back_to_rules() -> None:
    class Crashing(ScriptedModel):
        def complete(self, messages: Messages) -> str:
            raise RuntimeError("llama_decode returned -1")

    result = plan_turn("undo", PlannerContext(), Crashing())
    assert result.backend == "rules" and "RuntimeError" in result.note and result.plan.ops == [Undo()]
