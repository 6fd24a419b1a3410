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
        llamacpp._KEPT.clear()
        llamacpp._HOLDS.clear()
        return llamacpp.LlamaCppPlanner(model, max_tokens=32, few_shot=0, core=4)

    yield fresh
    llamacpp._load.cache_clear()


def _ask(planner: llamacpp.LlamaCppPlanner, text: str) -> str:
    """The raw completion of a planning prompt (the tiny model's plans are often invalid; its text is
    enough here)."""
    messages = build_messages(text, PlannerContext(), few_shot=0, core=planner.core)
    # The saving is what is tested, not the prompt: the system prompt's first 1,500 characters (~350
    # tokens, not ~1,700) keep each full evaluation at ~3 s instead of ~16 s on 2 cores.
    messages[0] = {"role": "system", "content": messages[0]["content"][:1500]}
    answer = planner.complete(messages)
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


def test_a_say_in_for_a_language_asked_before_starts_from_its_kept_examples(planner_factory) -> None:
    """A library of a French and a German film has each dialogue search said in both languages in turns;
    each language's examples evicted the other's (measured with the 1.5B model on 2 cores: 0.8 s a say_in
    instead of 0.3 s, 2.3-2.7 s with the longer examples for the user's own words)."""
    planner = planner_factory()
    planner.complete_text(say_in_messages("the fights", "fr"), slot="say_in")
    sayer = llamacpp._load(planner.model_path, planner.threads, llamacpp.TRANSLATION_CONTEXT_TOKENS, "say_in")
    counts = _count_evaluated(sayer)
    planner.complete_text(say_in_messages("the fights", "de"), slot="say_in")
    german = counts[0]  # the prompt's evaluation (each generated token is one more after it)
    counts.clear()
    back = planner.complete_text(say_in_messages("the horses", "fr"), slot="say_in")
    assert back and german > 20 and 0 < counts[0] < 20  # French again: only the new words were evaluated
    counts.clear()
    planner.complete_text(say_in_messages("the horses", "de"), slot="say_in")
    assert 0 < counts[0] < 20


def test_a_kept_state_comes_back_as_it_was_taken(planner_factory) -> None:
    """The in-memory snapshot holds the context's tokens and state; loading it into a fresh context of the
    same model gives the same next answer as the context it was taken from."""
    planner = planner_factory()
    messages = say_in_messages("the fights", "fr")
    first = planner.complete_text(messages, slot="say_in")
    sayer = llamacpp._load(planner.model_path, planner.threads, llamacpp.TRANSLATION_CONTEXT_TOKENS, "say_in")
    saved = prompt_state.snapshot(sayer)
    assert len(saved.tokens) // 4 == sayer.n_tokens > 50
    other = planner_factory()  # a new context, empty
    fresh = llamacpp._load(other.model_path, other.threads, llamacpp.TRANSLATION_CONTEXT_TOKENS, "say_in")
    assert fresh is not sayer and fresh.n_tokens == 0
    assert prompt_state.load(fresh, saved) and fresh.n_tokens == sayer.n_tokens
    counts = _count_evaluated(fresh)
    assert other.complete_text(messages, slot="say_in") == first
    assert counts[0] < 5  # the prompt was there already (its last token is evaluated again to sample from)
