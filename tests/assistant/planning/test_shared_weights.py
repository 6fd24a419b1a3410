"""The planner's contexts (plan, translation, say_in) share one loaded model instead of loading it once
each: llama.cpp repacks the weights into memory of its own per load (674 MB per context for the 1.5B model).

Real llama.cpp on the SmolLM2-135M fixture."""

from __future__ import annotations

import pytest

from assistant.planning.llm import llamacpp, shared_weights
from tests.fixture_models import FixtureModelMissing, smollm2_gguf

pytestmark = pytest.mark.slow


@pytest.fixture
def model_path():
    pytest.importorskip("llama_cpp", reason="the llamacpp extra is not installed")
    try:
        return str(smollm2_gguf())
    except FixtureModelMissing as exc:
        pytest.skip(f"fixture model wheel not installed: {exc}")


def _say(llm, prompt: str) -> str:
    return llm.create_completion(prompt, max_tokens=6, temperature=0.0)["choices"][0]["text"]


def test_slots_share_the_planning_context_s_model(model_path):
    llamacpp._load.cache_clear()
    try:
        translator = llamacpp._load(model_path, 1, llamacpp.TRANSLATION_CONTEXT_TOKENS, "translate")
        say_in = llamacpp._load(model_path, 1, llamacpp.TRANSLATION_CONTEXT_TOKENS, "say_in")
        planner = llamacpp._load(model_path, 1)
        assert planner is not translator and translator is not say_in  # contexts of their own ...
        weights = {llm._model.model for llm in (planner, translator, say_in)}
        assert len(weights) == 1  # ... on one loaded model
        assert planner._ctx.ctx != translator._ctx.ctx
    finally:
        llamacpp._load.cache_clear()


def test_a_borrowing_context_answers_as_its_own_would_and_closing_it_keeps_the_owner(model_path):
    from llama_cpp import Llama

    options = {"model_path": model_path, "n_ctx": 256, "n_threads": 1, "verbose": False, "seed": 0}
    owner = Llama(**options)
    borrower = shared_weights.context(Llama, owner, **options)
    alone = Llama(**options)
    try:
        prompt = "The capital of France is"
        assert _say(borrower, prompt) == _say(alone, prompt) == _say(owner, prompt)
        borrower.close()
        assert _say(owner, "One, two, three,") == _say(alone, "One, two, three,")
    finally:
        alone.close()
        owner.close()


def test_without_an_owner_a_context_loads_its_own_model(model_path):
    from llama_cpp import Llama

    options = {"model_path": model_path, "n_ctx": 256, "n_threads": 1, "verbose": False}
    first = shared_weights.context(Llama, None, **options)
    second = shared_weights.context(Llama, None, **options)
    try:
        assert first._model.model != second._model.model
    finally:
        second.close()
        first.close()
