"""LLM planner on a local GGUF file via llama-cpp-python, decoding constrained to the plan's JSON Schema.

The grammar makes every answer parse as JSON of the right shape; ``ChatModelPlanner`` still validates
(ranges, cross-field rules) and repairs once. The model is loaded once per process and reused.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from assistant.planning.base import PlannerError
from assistant.planning.llm import cpu_share, greedy_grammar, prompt_state, shared_weights
from assistant.planning.llm.base import CORE_EXAMPLES, ChatModelPlanner, Messages, TextSlot, llm_schema
from assistant.planning.llm.confidence import TokenProb

MAX_TOKENS = 128
CONTEXT_TOKENS = 8192  # system prompt + core examples (~3k tokens) + a 30-clip cut and its context
# Translation runs in a second, small context of the same (memory-mapped, so shared) weights: llama.cpp
# keeps only the last prompt's cache, and a translation in the planner's context would evict the planner's
# prefix (measured: the next plan took 35 s instead of 3 s on 2 cores). Saying a search in the film's
# language ("say_in") has a third: sharing the translation's, each evicted the other's prompt (measured on
# 2 cores with the 1.5B model: a translation 4.8-5.1 s and a say_in 4.1-4.5 s, against 0.6 s with its
# prompt kept).
TRANSLATION_CONTEXT_TOKENS = 1024
# A say_in prompt's examples are in the film's language, so a library of a French and a German film asks in
# turns with two prefixes, and each evicted the other (2.3-2.7 s a say_in instead of ~0.5 s, 1.5B model on
# 2 cores). The evaluated prefix of the last few languages is kept in memory (a few MB each) and put back.
KEPT_PREFIXES = 8


logger = logging.getLogger(__name__)
_LOADED: list = []
# A llama.cpp context is not safe to use from two threads, and two generations at once on a small
# machine are each slower than one after the other: the app's sessions and the warm-up take turns.
_RUNNING = threading.Lock()


@atexit.register
def _close_loaded() -> None:
    """Free models while the interpreter still works: llama.cpp's ``__del__`` fails during teardown."""
    while _LOADED:
        _LOADED.pop().close()


@lru_cache(maxsize=6)
def _load(path: str, threads: int, context_tokens: int = CONTEXT_TOKENS, slot: str = "plan") -> object:
    """A context of the model: one per ``slot``, since llama.cpp keeps only the last prompt's cache and each
    slot's fixed prompt would evict the other's. The weights are loaded once, by the planning slot's context
    (``shared_weights``)."""
    owner = None if slot == "plan" else _load(path, threads)
    model = shared_weights.context(
        greedy_grammar.llama_class(),
        owner,
        model_path=path,
        n_ctx=context_tokens,
        n_threads=threads,
        n_threads_batch=threads,
        n_batch=512,
        verbose=False,
        seed=0,
    )
    _LOADED.append(model)
    return model


@lru_cache(maxsize=2)
def _grammar() -> object:
    import json

    from llama_cpp import LlamaGrammar

    return LlamaGrammar.from_json_schema(json.dumps(llm_schema()), verbose=False)


def default_threads() -> int:
    """The most threads a generation may use: the usable cores, at most 4 (decoding a small model is bound
    by memory bandwidth past that). Each generation uses as many of them as are free (``cpu_share``)."""
    return max(1, min(4, cpu_share.usable_cores()))


class LlamaCppPlanner(ChatModelPlanner):
    name = "llamacpp"

    def __init__(
        self,
        model: str | os.PathLike | None,
        *,
        threads: int | None = None,
        max_tokens: int = MAX_TOKENS,
        few_shot: int | None = None,
        core: int = CORE_EXAMPLES,
    ) -> None:
        self.few_shot = few_shot
        self.core = core

        if not model:
            raise PlannerError("the llamacpp backend needs a GGUF file: --model PATH.gguf")
        path = Path(model).expanduser()
        if not path.is_file():
            raise PlannerError(f"GGUF model not found: {path}")
        try:
            import llama_cpp  # noqa: F401
        except ImportError as exc:
            raise PlannerError(
                "llama-cpp-python is not installed: pip install 'personalcut[llamacpp]'"
            ) from exc
        self.model_path = str(path)
        self.threads = threads or default_threads()
        self.max_tokens = max_tokens
        try:
            self._llm = _load(self.model_path, self.threads)
        except (ValueError, RuntimeError) as exc:
            raise PlannerError(f"could not load {path.name} with llama.cpp: {exc}") from exc

    def complete(self, messages: Messages) -> str:
        prefix = messages[:1 + 2 * self.core]  # the system prompt and the core examples: the same every time
        return self._chat(self._llm, messages, grammar=_grammar(), prefix=prefix)

    def complete_text(self, messages: Messages, slot: TextSlot = "translate") -> str:
        try:
            translator = _load(self.model_path, self.threads, TRANSLATION_CONTEXT_TOKENS, slot)
        except (ValueError, RuntimeError) as exc:
            raise PlannerError(f"could not load a translation context: {exc}") from exc
        kept = json.dumps(messages[:-1]) if slot == "say_in" else None  # the examples: per language
        # a translation's token probabilities are read (``translation_confidence``); a say_in's are not
        return self._chat(translator, messages, grammar=None, kept=kept, weighed=slot == "translate")

    def _chat(self, llm: object, messages: Messages, grammar: object, prefix: Messages | None = None,
              kept: str | None = None, weighed: bool = True) -> str:
        """One completion; with ``prefix``, the context starts from that prefix's state saved on disk by an
        earlier process (``prompt_state``), and leaves its own for the next one; with ``kept``, from the
        state of that prefix held in memory (``_kept``) where the context holds another now."""
        with _RUNNING:
            saved = None if prefix is None else _state_file(self.model_path, prefix)
            fresh = saved is not None and _PRIMED.get(id(llm)) != saved
            restored = fresh and saved is not None and _quietly(prompt_state.restore, llm, saved)
            if kept is not None:
                _put_back(llm, kept)
            text = self._generate(llm, messages, grammar, weighed)
            if fresh and saved is not None:
                if not restored:
                    _quietly(prompt_state.save, llm, saved)
                _PRIMED[id(llm)] = saved
            if kept is not None:
                _keep(llm, kept)
        return text

    def _generate(self, llm: object, messages: Messages, grammar: object, weighed: bool = True) -> str:
        """Stream the answer on as many threads as cores are free now, down to one if a token turns slow
        (another process took a core: llama.cpp's waiting threads would then slow every token many times)."""
        threads = cpu_share.threads_for(cpu_share.free_cores(), self.threads)
        _set_threads(llm, threads)
        pace = cpu_share.TokenPace(_BEST_PACE.get((id(llm), threads)))
        parts: list[str] = []
        said: list[TokenProb] = []
        last: float | None = None
        for chunk in llm.create_chat_completion(  # type: ignore[attr-defined]
            messages=messages,
            grammar=grammar,
            temperature=0.0,
            max_tokens=self.max_tokens,
            stream=True,
        ):
            now = time.perf_counter()
            if last is not None and pace.slow(now - last) and threads > 1:
                logger.info("llama.cpp: tokens slowed down on %d threads, going on with one", threads)
                threads = 1
                _set_threads(llm, threads)
                pace = cpu_share.TokenPace(_BEST_PACE.get((id(llm), threads)))
            last = now
            text = chunk["choices"][0]["delta"].get("content") or ""
            parts.append(text)
            if weighed and text and (probability := _chosen_probability(llm, text)) is not None:
                said.append((text, probability))
        if grammar is not None:
            self.last_tokens = said  # the plan's tokens, for ``plan_confidence``
        elif weighed:
            self.last_text_tokens = said  # a translation's tokens, for ``translation_confidence``
        usual = pace.pace()
        if usual is not None:
            key = (id(llm), threads)
            _BEST_PACE[key] = min(usual, _BEST_PACE.get(key, usual))
        return "".join(parts)


_BEST_PACE: dict[tuple[int, int], float] = {}  # per context and thread count: its fastest usual token time


def _chosen_probability(llm: object, text: str) -> float | None:
    """The probability the model gave the token just streamed (``text``), before the grammar narrowed the
    choice: while the stream waits for us, the context's logits are those the token was sampled from. None
    when the chunk is not one token or this llama-cpp-python keeps its logits elsewhere."""
    try:
        import numpy as np

        ids = llm.tokenize(text.encode(), add_bos=False, special=False)  # type: ignore[attr-defined]
        if len(ids) != 1:
            return None
        vocabulary = llm.n_vocab()  # type: ignore[attr-defined]
        logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(vocabulary,))  # type: ignore[attr-defined]
        top = float(logits.max())
        return float(np.exp(float(logits[ids[0]]) - top) / np.exp(logits - top).sum())
    except Exception:  # noqa: BLE001 - a measurement only: the plan stands without it
        return None


def _set_threads(llm: object, threads: int) -> None:
    """Decode and prompt evaluation both on ``threads`` (llama.cpp reads them at every decode call)."""
    llm._ctx.set_n_threads(threads, threads)  # type: ignore[attr-defined]


_PRIMED: dict[int, Path] = {}  # per loaded context: the saved state its prompts already start from
# (model file, context size, prefix) -> the state after a prompt that starts with the prefix: any context
# of that model and size can take it
_KEPT: OrderedDict[tuple[str, int, str], prompt_state.Snapshot] = OrderedDict()
_HOLDS: dict[int, str] = {}  # per loaded context: the kept prefix its tokens start with now


def _kept_key(llm: object, prefix: str) -> tuple[str, int, str]:
    return llm.model_path, llm.n_ctx(), prefix  # type: ignore[attr-defined]


def _put_back(llm: object, prefix: str) -> None:
    """Start ``llm`` from ``prefix``'s kept state when it holds another prefix's tokens now."""
    key = _kept_key(llm, prefix)
    saved = _KEPT.get(key)
    if saved is None or _HOLDS.get(id(llm)) == prefix:
        return
    _KEPT.move_to_end(key)
    try:
        if prompt_state.load(llm, saved):
            _HOLDS[id(llm)] = prefix
    except Exception as exc:  # noqa: BLE001 - a kept state only saves time
        logger.debug("kept prompt state: %s", exc)
        _KEPT.pop(key, None)


def _keep(llm: object, prefix: str) -> None:
    """Hold ``llm``'s state after a prompt starting with ``prefix`` (the newest ``KEPT_PREFIXES``)."""
    _HOLDS[id(llm)] = prefix
    key = _kept_key(llm, prefix)
    if key in _KEPT:
        return
    try:
        _KEPT[key] = prompt_state.snapshot(llm)
    except Exception as exc:  # noqa: BLE001 - a kept state only saves time
        logger.debug("kept prompt state: %s", exc)
        return
    while len(_KEPT) > KEPT_PREFIXES:
        _KEPT.popitem(last=False)


def _state_file(model_path: str, prefix: Messages) -> Path | None:
    try:
        return prompt_state.state_file(model_path, CONTEXT_TOKENS, prefix)
    except OSError:
        return None


def _quietly(step: Callable[[object, Path], object], llm: object, path: Path) -> bool:
    """A saved prompt state only saves time: a failure to read or write one never fails a plan."""
    try:
        return bool(step(llm, path))
    except Exception as exc:  # version drift in llama-cpp-python's internals, a full disk, ...
        logger.debug("prompt state %s: %s", path, exc)
        return False
