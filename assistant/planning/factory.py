"""The planners' front door: build any backend by name, and ``plan_turn``, which the chat calls.

An LLM gets one repair attempt inside its backend; if its answer is still invalid the rules parser
answers with a visible note (the policy lives in ``AutoPlanner``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from assistant.plan.schema import EditPlan
from assistant.planning.auto import AutoPlanner
from assistant.planning.base import Planner, PlannerContext, PlannerError, PlanResult
from assistant.planning.film_language import in_film_languages
from assistant.planning.rules.line_refs import as_line_op
from assistant.planning.rules.parser import RulesPlanner
from assistant.planning.rules.spoken import spoken_op
from assistant.planning.video_refs import scope_to_videos

BACKENDS = ("auto", "rules", "transformers", "llamacpp", "openai")
ENV_LLM = "PERSONALCUT_LLM"
log = logging.getLogger(__name__)


def _llm_from_spec(spec: str, api_key: str | None) -> Planner:
    """``llamacpp:/path.gguf`` | ``transformers:model`` | ``openai:http://host/v1#model``, or a bare local
    path: a ``.gguf`` file is read by llama.cpp, a folder by transformers."""
    if spec.lower().endswith(".gguf") and not spec.startswith(("llamacpp:", "transformers:")):
        return make_planner("llamacpp", model=spec)
    if Path(spec).expanduser().is_dir():
        return make_planner("transformers", model=str(Path(spec).expanduser()))
    backend, _, target = spec.partition(":")
    if backend == "openai":
        base_url, _, model = target.partition("#")
        return make_planner("openai", base_url=base_url, model=model or None, api_key=api_key)
    if backend in ("llamacpp", "transformers"):
        return make_planner(backend, model=target or None)
    raise PlannerError(f"{ENV_LLM}={spec!r}: expected llamacpp:PATH, transformers:MODEL or openai:URL#MODEL")


def make_planner(
    backend: str = "auto",
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    llm: str | None = None,
    download_progress: Callable[[int, int], None] | None = None,
) -> Planner:
    """Build a planner by backend name. ``auto`` loads the LLM named by ``llm`` (the CLI passes
    ``$PERSONALCUT_LLM``: ``llamacpp:PATH``, ``transformers:MODEL`` or ``openai:URL#MODEL``) when it can;
    without one, the default model (downloaded on first use; ``download_progress(done, total)`` bytes,
    else a tqdm bar), and with ``none`` the rules parser alone.

    Raises ``PlannerError`` when an explicitly requested backend cannot load (missing extra, no model).
    """
    if backend == "rules":
        return RulesPlanner()
    if backend == "llamacpp":
        from assistant.planning.llm.llamacpp import LlamaCppPlanner

        return LlamaCppPlanner(model)
    if backend == "transformers":
        from assistant.planning.llm.hf_transformers import TransformersPlanner

        return TransformersPlanner(model)
    if backend == "openai":
        from assistant.planning.llm.openai_compat import OpenAIPlanner

        return OpenAIPlanner(base_url, model=model, api_key=api_key)
    if backend == "auto":
        if model or base_url:
            llm_backend = (
                "openai" if base_url else "llamacpp" if str(model).endswith(".gguf") else "transformers"
            )
            return AutoPlanner(make_planner(llm_backend, model=model, base_url=base_url, api_key=api_key))
        spec = (llm or "").strip()
        if spec == "none":
            return AutoPlanner(None)
        if not spec:  # the default model, downloaded when a turn first needs it
            from assistant.planning.llm.default_model import DefaultModelPlanner

            return AutoPlanner(DefaultModelPlanner(progress=download_progress))
        try:
            return AutoPlanner(_llm_from_spec(spec, api_key))
        except PlannerError as exc:  # a configured but unloadable LLM must not stop the chat: it says why
            log.warning("%s: the rules parser answers alone (%s)", ENV_LLM, exc)
            return AutoPlanner(None, missing=str(exc))
    raise PlannerError(f"unknown planner backend {backend!r}; choose one of {', '.join(BACKENDS)}")


def plan_turn(text: str, context: PlannerContext, planner: Planner) -> PlanResult:
    """Plan one chat turn. Never raises on model output; says in ``note`` which backend answered.

    Queries that name videos of the session are scoped to them (``video_refs``); searches through dialogue
    get their words in the languages the films speak (``film_language``)."""
    # "any line" is read once the words naming videos are gone ("only the dialogue from tears")
    planned = _valid(planner.plan_turn(text, context))
    # a name said in another language is said surely in its translation too ("删除所有来自sintel的片段")
    said = f"{text}\n{planned.english}" if planned.english else text
    result = _valid(_speech(scope_to_videos(planned, context.videos, said)))
    if not context.film_languages:
        return result
    return _valid(in_film_languages(result, text, context.film_languages, getattr(planner, "say_in", None)))


def _speech(result: PlanResult) -> PlanResult:
    """Any backend's search that asks only whether someone speaks ("talking", "silent") is every line, or
    the op turned round (``rules.spoken``): a model's "keep_only talking" searched the pictures for it. A
    clip removal chosen for "line" ("drop the last line") is a line removal (``rules.line_refs``)."""
    ops = [as_line_op(spoken_op(op)) for op in result.plan.ops]
    if ops == result.plan.ops:
        return result
    return replace(result, plan=EditPlan.model_validate({**result.plan.model_dump(), "ops": [
        op.model_dump() for op in ops]}))


INVALID_PLAN = "I couldn't turn that into an edit I can make; please say it another way."


def _valid(result: PlanResult) -> PlanResult:
    """The result with its plan checked against the schema once more: a later fix-up that edits an op in
    place (pydantic's ``model_copy``) skips the field checks, and nothing unchecked may reach the timeline
    ("title it 'Lisbon in 48 Hours'" once became a 48-hour length)."""
    try:
        plan = EditPlan.model_validate(result.plan.model_dump())
        as_videos = result.as_videos and EditPlan.model_validate(result.as_videos.model_dump())
    except ValidationError as exc:
        log.warning("the %s planner's plan failed validation: %s", result.backend, exc)
        return replace(result, plan=EditPlan(refusal=INVALID_PLAN), note="its plan did not validate",
                       as_videos=None)
    return result if (plan, as_videos) == (result.plan, result.as_videos) else replace(
        result, plan=plan, as_videos=as_videos)
