"""LLM planner on any chat model transformers can load: a hub id, a local directory, or a .gguf file.

Decoding is greedy and unconstrained; ``ChatModelPlanner`` validates the answer and repairs it once.
The answer is primed with ``{"ops": [`` so even tiny models start in the right shape. Offline, a hub id
that is not cached fails with a clear ``PlannerError`` instead of a long network stack trace.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from assistant.planning.base import PlannerError
from assistant.planning.llm.base import ChatModelPlanner, Messages, TextSlot
from index.model_cache import hub_reachable

DEFAULT_MODEL = "Qwen/Qwen2.5-0.5B-Instruct"
MAX_NEW_TOKENS = 160
ANSWER_PRIME = '{"ops": ['


def _source(model: str) -> tuple[str, dict]:
    """(model id or directory, extra from_pretrained kwargs); a .gguf file loads via ``gguf_file=``."""
    path = Path(model).expanduser()
    if path.suffix == ".gguf":
        if not path.is_file():
            raise PlannerError(f"GGUF model not found: {path}")
        return str(path.parent), {"gguf_file": path.name}
    return (str(path) if path.is_dir() else model), {}


@lru_cache(maxsize=2)
def _load(model: str) -> tuple[object, object]:
    try:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError as exc:
        raise PlannerError("transformers is not installed") from exc
    source, kwargs = _source(model)
    if not Path(source).exists() and not hub_reachable():
        kwargs["local_files_only"] = True  # only the local Hugging Face cache can answer; fail fast
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, **kwargs)
        llm = AutoModelForCausalLM.from_pretrained(source, dtype=torch.float32, **kwargs)
    except (OSError, ValueError, ImportError) as exc:
        hint = (
            " (no network? pass a local directory or .gguf with --model)" if not Path(source).exists() else ""
        )
        raise PlannerError(f"could not load model {model!r}{hint}: {str(exc).splitlines()[0]}") from exc
    llm.eval()
    return tokenizer, llm


class TransformersPlanner(ChatModelPlanner):
    name = "transformers"

    def __init__(
        self,
        model: str | os.PathLike | None = None,
        *,
        max_new_tokens: int = MAX_NEW_TOKENS,
        few_shot: int | None = None,
    ) -> None:
        self.few_shot = few_shot

        self.model = str(model or DEFAULT_MODEL)
        self.max_new_tokens = max_new_tokens
        self._tokenizer, self._llm = _load(self.model)

    def complete(self, messages: Messages) -> str:
        return ANSWER_PRIME + self._generate(messages, ANSWER_PRIME)

    def complete_text(self, messages: Messages, slot: TextSlot = "translate") -> str:
        return self._generate(messages, "")

    def _generate(self, messages: Messages, prime: str) -> str:
        """What the model writes after the chat prompt and ``prime`` (the start of its answer)."""
        import torch

        tokenizer, llm = self._tokenizer, self._llm
        prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)  # type: ignore[attr-defined]
        inputs = tokenizer(prompt + prime, return_tensors="pt")  # type: ignore[operator]
        with torch.inference_mode():
            output = llm.generate(  # type: ignore[attr-defined]
                **inputs,
                max_new_tokens=self.max_new_tokens,
                do_sample=False,
                pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id,  # type: ignore[attr-defined]
            )
        return tokenizer.decode(output[0][inputs["input_ids"].shape[1] :], skip_special_tokens=True)  # type: ignore[attr-defined]
