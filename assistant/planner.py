"""The chat planner's front door: one protocol, a factory for every backend, and ``plan_turn``.

``plan_turn`` is what the chat calls. It never raises on model output: an LLM gets one repair attempt
(inside its backend), and if its answer is still invalid the rules parser answers with a visible note.
Small local models are weak, so ``auto`` lets the rules parser answer when it understood the whole
request and asks the LLM only for the rest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from assistant.plan_schema import (
    Add,
    ClipRef,
    EditPlan,
    Keep,
    KeepClip,
    KeepOnly,
    LimitDuration,
    Order,
    Query,
    Redo,
    Remove,
    RemoveClip,
    Reset,
    Speed,
    Title,
    Transition,
    Trim,
    Undo,
)
from assistant.planner_rules import REFUSAL_UNSAFE, RulesPlanner, parse

BACKENDS = ("auto", "rules", "transformers", "llamacpp", "openai")
ENV_LLM = "PERSONALCUT_LLM"


class PlannerError(Exception):
    """A backend could not produce a valid plan; ``raw`` keeps the model's last answer for the record."""

    def __init__(self, message: str, raw: str | None = None) -> None:
        super().__init__(message)
        self.raw = raw


@dataclass(frozen=True)
class PlannerContext:
    """What the planner may see besides the request, so "the second one" and "more of that" resolve."""

    clips: tuple[
        str, ...
    ] = ()  # current cut, numbered: "1. 0:12-0:18 sintel_trailer 'girl fighting' (visual 0.31)"
    recent_turns: tuple[str, ...] = ()  # e.g. "user: only the fights -> keep_only(fight)"


@runtime_checkable
class Planner(Protocol):
    name: str

    def plan(self, text: str, context: PlannerContext) -> EditPlan: ...


@dataclass(frozen=True)
class PlanResult:
    plan: EditPlan
    backend: str
    note: str = ""
    raw: str | None = None


class AutoPlanner:
    """Rules when they read the whole request confidently, else the configured LLM (if any)."""

    name = "auto"

    def __init__(self, llm: Planner | None) -> None:
        self.llm = llm

    def plan(self, text: str, context: PlannerContext) -> EditPlan:
        return plan_turn(text, context, self).plan


def _llm_from_spec(spec: str) -> Planner:
    """``llamacpp:/path.gguf`` | ``transformers:model`` | ``openai:http://host/v1#model``."""
    backend, _, target = spec.partition(":")
    if backend == "openai":
        base_url, _, model = target.partition("#")
        return make_planner("openai", base_url=base_url, model=model or None)
    if backend in ("llamacpp", "transformers"):
        return make_planner(backend, model=target or None)
    raise PlannerError(f"{ENV_LLM}={spec!r}: expected llamacpp:PATH, transformers:MODEL or openai:URL#MODEL")


def make_planner(
    backend: str = "auto",
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
) -> Planner:
    """Build a planner by backend name. ``auto`` loads the LLM named by ``$PERSONALCUT_LLM`` when possible.

    Raises ``PlannerError`` when an explicitly requested backend cannot load (missing extra, no model).
    """
    if backend == "rules":
        return RulesPlanner()
    if backend == "llamacpp":
        from assistant.planner_llamacpp import LlamaCppPlanner

        return LlamaCppPlanner(model)
    if backend == "transformers":
        from assistant.planner_transformers import TransformersPlanner

        return TransformersPlanner(model)
    if backend == "openai":
        from assistant.planner_openai import OpenAIPlanner

        return OpenAIPlanner(base_url, model=model, api_key=api_key)
    if backend == "auto":
        if model or base_url:
            llm_backend = (
                "openai" if base_url else "llamacpp" if str(model).endswith(".gguf") else "transformers"
            )
            return AutoPlanner(make_planner(llm_backend, model=model, base_url=base_url, api_key=api_key))
        spec = os.environ.get(ENV_LLM, "").strip()
        if not spec or spec == "none":
            return AutoPlanner(None)
        try:
            return AutoPlanner(_llm_from_spec(spec))
        except PlannerError:
            return AutoPlanner(None)  # a configured but unloadable LLM must not stop the chat
    raise PlannerError(f"unknown planner backend {backend!r}; choose one of {', '.join(BACKENDS)}")


def plan_turn(text: str, context: PlannerContext, planner: Planner) -> PlanResult:
    """Plan one chat turn. Never raises on model output; says in ``note`` which backend answered."""
    if isinstance(planner, RulesPlanner):
        return PlanResult(plan=planner.plan(text, context), backend="rules")
    rules = parse(text)
    if rules.plan.refusal == REFUSAL_UNSAFE:
        return PlanResult(rules.plan, "rules", note="refused before asking any model")
    llm = planner.llm if isinstance(planner, AutoPlanner) else planner
    if isinstance(planner, AutoPlanner):
        if llm is None:
            return PlanResult(rules.plan, "rules", note="" if rules.confident else "no LLM configured")
        if rules.confident or rules.plan.refusal and not rules.unparsed:
            return PlanResult(
                rules.plan, "rules", note=f"the rules parser understood it all; {llm.name} not asked"
            )
    try:
        return PlanResult(llm.plan(text, context), backend=llm.name)
    except PlannerError as exc:
        note = f"the {llm.name} planner gave no valid plan ({exc}); used the rules parser"
        return PlanResult(rules.plan, "rules", note=note, raw=exc.raw)
    except Exception as exc:  # noqa: BLE001 - a model runtime's own failure must not end the chat either
        note = f"the {llm.name} planner failed ({type(exc).__name__}: {exc}); used the rules parser"
        return PlanResult(rules.plan, "rules", note=note)



# --- the plan in words ----------------------------------------------------------------------------
def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}" if minutes else f"{secs} s"


def _query(query: Query) -> str:
    return {
        "auto": f"'{query.text}'",
        "visual": f"shots showing '{query.text}'",
        "dialogue": f"lines saying '{query.text}'",
    }[query.kind]


def _ordinal(n: int) -> str:
    if n < 0:
        return "last" if n == -1 else f"{-n}th from last"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _ref(ref: ClipRef) -> str:
    noun = f"'{ref.matching}' clip" if ref.matching else "clip"
    if not ref.indices:
        text = f"every {noun}"
    elif len(ref.indices) == 1:
        text = f"the {_ordinal(ref.indices[0])} {noun}"
    else:
        text = f"{noun}s {', '.join(str(i) for i in ref.indices)}"
    if ref.invert:
        text = f"all but {text}"
    return text + (f" of {-ref.turn} versions ago" if ref.turn else "")


def _describe_op(op: object) -> str:
    match op:
        case KeepOnly(query=q):
            return f"Kept only scenes matching {_query(q)}"
        case Keep(query=q):
            return f"Kept the parts of the cut matching {_query(q)}"
        case Add(query=q):
            return f"Added scenes matching {_query(q)}"
        case Remove(query=q):
            return f"Removed scenes matching {_query(q)}"
        case Order(by=by):
            return "Put clips in story order" if by == "story" else "Put the best matches first"
        case LimitDuration(seconds=s, factor=f):
            return f"limited to {_clock(s)}" if s is not None else f"made it {f:g}x as long"
        case Trim(target=t, seconds=s, side=side):
            where = {"start": "the start of", "end": "the end of", "both": "both ends of"}[side]
            return f"trimmed {s:g} s off {where} {_ref(t)}"
        case Speed(target=t, factor=f):
            what = "the cut" if not t.indices and not t.matching and not t.invert else _ref(t)
            return f"played {what} at {f:g}x speed"
        case Transition(kind=k, seconds=s):
            return {
                "cut": "hard cuts between clips",
                "crossfade": f"{s:g} s crossfades",
                "fade_black": f"{s:g} s fades through black",
            }[k]
        case Title(text=t):
            return f"title '{t}'" if t else "removed the title"
        case Undo(steps=n):
            return "Undid the last change" if n == 1 else f"Undid the last {n} changes"
        case Redo(steps=n):
            return "Redid the change" if n == 1 else f"Redid {n} changes"
        case Reset():
            return "Started over from the whole source videos"
        case RemoveClip(ref=r):
            return f"Removed {_ref(r)}"
        case KeepClip(ref=r):
            return f"Kept only {_ref(r)}"
    return str(op)


def describe_plan(plan: EditPlan) -> str:
    """The plan in plain words for the chat ("Kept only scenes matching 'fight'; limited to 2:00")."""
    if plan.refusal:
        return plan.refusal
    if not plan.ops:
        return "Nothing to change."
    parts = [_describe_op(op) for op in plan.ops]
    text = "; ".join(parts)
    return text[0].upper() + text[1:]
