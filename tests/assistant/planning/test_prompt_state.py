"""The planner's evaluated prompt prefix survives the process: a new llama.cpp context restores it from disk
and evaluates only what follows it; a damaged file is ignored and written again.

Real llama.cpp on the SmolLM2-135M fixture (a prefix of the system prompt and 4 core examples)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.planning.base import PlannerContext
from assistant.planning.llm import llamacpp, prompt_state
from assistant.planning.llm.base import build_messages, say_in_messages, translation_messages
from tests.fixture_models import FixtureModelMissing, smollm2_gguf

pytestmark = pytest.mark.slow


@pytest.fixture
def planner_factory(tmp_path, monkeypatch):
    pytest.importorskip("llama_cpp", reason="the llamacpp extra (llama-cpp-python) is not installed")
    try:
        model = smollm2_gguf()
    except FixtureModelMissing as exc:
        pytest.skip(f"fixture model wheel not installed: {exc}")
    monkeypatch.setattr(prompt_state, "state_dir", lambda: tmp_path / "states")

    def fresh() -> llamacpp.LlamaCppPlanner:
        """A planner on a context of its own, as a new process would load it."""
        llamacpp._load.cache_clear()
        return llamacpp.LlamaCppPlanner(model, max_tokens=32, few_shot=0, core=4)

    yield fresh
    llamacpp._load.cache_clear()


def _ask(planner: llamacpp.LlamaCppPlanner, text: str) -> str:
    """The raw completion of a planning prompt (the tiny model's plans are often invalid; its text is
    enough here)."""
    answer = planner.complete(build_messages(text, PlannerContext(), few_shot=0, core=planner.core))
    assert isinstance(answer, str) and answer
    return answer


def _count_evaluated(llm: object) -> list[int]:
    """Tokens the context ``llm`` evaluates, per call (llama-cpp-python evaluates only what no cache
    covers)."""
    counts: list[int] = []
    evaluate = llm.eval  # type: ignore[attr-defined]

    def counted(tokens):
        counts.append(len(tokens))
        return evaluate(tokens)

    llm.eval = counted  # type: ignore[attr-defined]
    return counts


def test_a_new_context_starts_from_the_saved_prefix_and_a_damaged_one_is_rewritten(planner_factory) -> None:
    first = planner_factory()
    first_counts = _count_evaluated(first._llm)
    _ask(first, "only the fights")
    [saved] = list(prompt_state.state_dir().glob("*.state"))
    good = saved.read_bytes()

    second = planner_factory()
    assert second._llm is not first._llm and second._llm.n_tokens == 0  # type: ignore[attr-defined]
    second_counts = _count_evaluated(second._llm)
    _ask(second, "remove the second clip")
    # The first context evaluated the whole prompt; the second only the new request after the restored
    # prefix (the system prompt and the 4 core examples: hundreds of tokens).
    assert sum(first_counts) > 300
    assert 0 < sum(second_counts) < sum(first_counts) - 200
    assert saved.read_bytes() == good  # nothing rewritten

    third = planner_factory()
    for damaged in (good[:len(good) // 2],  # truncated
                    good[:-100] + bytes([good[-100] ^ 0xFF]) + good[-99:],  # a byte of llama.cpp's state
                    b"not a state at all"):
        saved.write_bytes(damaged)
        assert not prompt_state.restore(third._llm, saved)
        assert third._llm.n_tokens == 0  # type: ignore[attr-defined]
    _ask(third, "only the fights")  # the plan goes on, from scratch
    assert prompt_state.restore(planner_factory()._llm, saved)  # and a good state replaced the bad one


def test_the_state_file_changes_with_the_model_and_the_prefix(tmp_path: Path) -> None:
    pytest.importorskip("llama_cpp", reason="the llamacpp extra (llama-cpp-python) is not installed")
    model = tmp_path / "m.gguf"
    model.write_bytes(b"x" * 10)
    system = [{"role": "system", "content": "plan edits"}]
    one = prompt_state.state_file(str(model), 8192, system)
    assert one == prompt_state.state_file(str(model), 8192, list(system))
    assert one != prompt_state.state_file(str(model), 8192, [{"role": "system", "content": "plan cuts"}])
    assert one != prompt_state.state_file(str(model), 4096, system)
    model.write_bytes(b"y" * 11)  # another model file at the same path
    assert one != prompt_state.state_file(str(model), 8192, system)


def test_translation_and_say_in_keep_their_prompts_in_contexts_of_their_own(planner_factory) -> None:
    """Sharing one context, a say_in evicted the translation's fixed prompt and the next translation
    evaluated all of it again (measured: 4.8-5.1 s instead of 0.6 s with the 1.5B model on 2 cores)."""
    planner = planner_factory()
    planner.complete_text(translation_messages("nur die Kämpfe"))
    translator = llamacpp._load(planner.model_path, planner.threads, llamacpp.TRANSLATION_CONTEXT_TOKENS,
                                "translate")
    counts = _count_evaluated(translator)
    planner.complete_text(say_in_messages("the fights", "de"), slot="say_in")
    assert counts == []  # the say_in ran in its own context
    planner.complete_text(translation_messages("nur die Pferde"))
    prompt = json.dumps(translation_messages("nur die Pferde")).encode()
    whole = len(translator.tokenize(prompt))  # type: ignore[attr-defined]
    assert whole > 200 and counts and counts[0] < 40  # only the new request's tokens were evaluated
