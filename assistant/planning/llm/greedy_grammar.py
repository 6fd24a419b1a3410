"""Greedy grammar-constrained decoding that asks the grammar about the model's first choice only.

llama-cpp-python runs the grammar over the whole vocabulary (152k tokens for Qwen) before every greedy pick,
which cost ~30 ms a token on 2 cores, about a third of a token's time. Almost always the model's first
choice is one the grammar allows (a plan's model was shown the format): then the grammar is asked about
that one token, and over the whole vocabulary only when it refuses it. The pick is the same token either
way, the highest-scoring one the grammar allows (the first of equals, as llama.cpp's greedy sampler takes
it); this is what llama.cpp's own ``common_sampler`` does. Measured in ``benchmarks/results-notes.md``
(part 52).
"""

from __future__ import annotations

import ctypes
import logging
from functools import lru_cache

import numpy as np

logger = logging.getLogger(__name__)
_TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)])


class GrammarCheckedGreedy:
    """The sampler ``Llama.generate`` calls (``sample(ctx, idx)``): greedy, within ``grammar``."""

    def __init__(self, llm: object, grammar: object) -> None:
        import llama_cpp

        self._lib = llama_cpp
        self.n_vocab = int(llm.n_vocab())  # type: ignore[attr-defined]
        self._grammar = llama_cpp.llama_sampler_init_grammar(
            llm._model.vocab,  # type: ignore[attr-defined]
            grammar._grammar.encode("utf-8"),  # type: ignore[attr-defined]
            grammar._root.encode("utf-8"),  # type: ignore[attr-defined]
        )
        if not self._grammar:
            raise ValueError("llama.cpp could not parse the grammar")
        self._one = (llama_cpp.llama_token_data * 1)()
        self._all = (llama_cpp.llama_token_data * self.n_vocab)()
        self._all_view = np.ctypeslib.as_array(self._all).view(_TOKEN_DATA).reshape(-1)
        self.refused = 0  # first choices the grammar refused (a measurement)

    def _allows(self, candidates: ctypes.Array, size: int) -> int:
        """Apply the grammar to the first ``size`` of ``candidates`` (it sets refused tokens to -inf);
        returns how many candidates llama.cpp left in the array."""
        array = self._lib.llama_token_data_array(data=candidates, size=size, selected=-1, sorted=False)
        self._lib.llama_sampler_apply(self._grammar, ctypes.byref(array))
        return int(array.size)

    def sample(self, ctx: object, idx: int = -1) -> int:
        logits = np.ctypeslib.as_array(
            self._lib.llama_get_logits_ith(ctx.ctx, idx), shape=(self.n_vocab,)  # type: ignore[attr-defined]
        )
        token = int(np.argmax(logits))
        self._one[0] = self._lib.llama_token_data(token, float(logits[token]), 0.0)
        if self._allows(self._one, 1) != 1 or np.isneginf(self._one[0].logit):
            self.refused += 1
            view = self._all_view
            view["id"] = np.arange(self.n_vocab, dtype=np.int32)
            view["logit"] = logits
            view["p"] = 0.0
            left = view[: self._allows(self._all, self.n_vocab)]
            token = int(left["id"][int(np.argmax(left["logit"]))])
        self._lib.llama_sampler_accept(self._grammar, token)
        return token

    def accept(self, token: int) -> None:
        self._lib.llama_sampler_accept(self._grammar, token)

    def reset(self) -> None:
        self._lib.llama_sampler_reset(self._grammar)

    def close(self) -> None:
        if self._grammar:
            self._lib.llama_sampler_free(self._grammar)
            self._grammar = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter teardown
            pass


@lru_cache(maxsize=1)
def llama_class() -> type:
    """``llama_cpp.Llama`` whose greedy grammar-constrained generations use ``GrammarCheckedGreedy``; any
    other sampling (a temperature, penalties, logits processors) is llama-cpp-python's own."""
    from llama_cpp import Llama

    class GrammarCheckedLlama(Llama):
        def _init_sampler(self, **options):  # type: ignore[override]
            plain = (
                options.get("grammar") is not None
                and options.get("temp") == 0.0
                and options.get("logits_processor") is None
                and options.get("repeat_penalty", 1.0) == 1.0
                and not options.get("frequency_penalty")
                and not options.get("presence_penalty")
            )
            if plain:
                try:
                    return GrammarCheckedGreedy(self, options["grammar"])
                except (AttributeError, TypeError, ValueError) as exc:  # another llama-cpp-python's internals
                    logger.debug("grammar-checked greedy sampler unavailable: %s", exc)
            return super()._init_sampler(**options)

    return GrammarCheckedLlama
