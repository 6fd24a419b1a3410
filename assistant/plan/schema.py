"""The edit-plan language: typed operations one chat turn produces.

Every planner backend (rules, transformers, llama.cpp, OpenAI-compatible) must return an ``EditPlan``
that validates against this schema; the JSON Schema below is what LLMs are constrained to. Nothing a
model writes is used before it passes ``EditPlan.model_validate``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_QUERY_CHARS = 200
MAX_OPS = 12


def clean_text(value: str, limit: int) -> str:
    """Strip control characters and collapse whitespace; queries are data, never commands."""
    value = _CONTROL.sub(" ", value)
    value = " ".join(value.split())
    return value[:limit]


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Query(BaseModel):
    """What to look for. ``kind`` picks the signal: pictures, dialogue, or both fused (``auto``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str = Field(min_length=1, max_length=MAX_QUERY_CHARS)
    kind: Literal["auto", "visual", "dialogue"] = "auto"

    @field_validator("text")
    @classmethod
    def _clean(cls, v: str) -> str:
        v = clean_text(v, MAX_QUERY_CHARS)
        if not v:
            raise ValueError("empty query")
        return v


class ClipRef(BaseModel):
    """Points at clips of a cut by number (1-based; negative counts from the end, -1 = last).

    ``matching`` narrows numbering to clips whose reason matches that text ("the second fight");
    ``invert`` selects every clip except those ("all but the first"); ``turn`` numbers clips as they
    were after an earlier turn (-1 = the previous version) instead of the current cut.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    indices: list[Annotated[int, Field(ge=-1000, le=1000)]] = Field(default_factory=list, max_length=50)
    matching: str | None = Field(default=None, max_length=MAX_QUERY_CHARS)
    invert: bool = False
    turn: int | None = Field(default=None, ge=-50, le=-1)

    @field_validator("indices")
    @classmethod
    def _no_zero(cls, v: list[int]) -> list[int]:
        if any(i == 0 for i in v):
            raise ValueError("clip numbers start at 1 (or -1 for the last)")
        return v


class KeepOnly(_Op):
    """Replace the cut with the scenes of the source videos that match ``query``."""

    op: Literal["keep_only"] = "keep_only"
    query: Query


class Keep(_Op):
    """Keep only the parts of the current cut that match ``query``."""

    op: Literal["keep"] = "keep"
    query: Query


class Add(_Op):
    """Add matching scenes from the source videos that are not in the cut yet."""

    op: Literal["add"] = "add"
    query: Query


class Remove(_Op):
    """Remove the parts of the current cut that match ``query``."""

    op: Literal["remove"] = "remove"
    query: Query


class Order(_Op):
    op: Literal["order"] = "order"
    by: Literal["story", "relevance"]


class LimitDuration(_Op):
    """Cap the cut's length: absolute ``seconds`` or ``factor`` of the current length (<1 shorter)."""

    op: Literal["limit_duration"] = "limit_duration"
    seconds: float | None = Field(default=None, gt=0, le=24 * 3600)
    factor: float | None = Field(default=None, gt=0, le=10)

    @model_validator(mode="after")
    def _one_of(self) -> LimitDuration:
        if (self.seconds is None) == (self.factor is None):
            raise ValueError("limit_duration needs exactly one of seconds or factor")
        return self


class Trim(_Op):
    """Cut ``seconds`` off the start, end or both ends of the targeted clips."""

    op: Literal["trim"] = "trim"
    target: ClipRef = Field(default_factory=ClipRef)
    seconds: float = Field(gt=0, le=600)
    side: Literal["start", "end", "both"] = "both"


class Speed(_Op):
    """Play the targeted clips (empty ref = whole cut) ``factor`` times faster."""

    op: Literal["speed"] = "speed"
    target: ClipRef = Field(default_factory=ClipRef)
    factor: float = Field(ge=0.25, le=4.0)


class Transition(_Op):
    op: Literal["transition"] = "transition"
    kind: Literal["cut", "crossfade", "fade_black"]
    seconds: float = Field(default=0.5, ge=0, le=3)


class Title(_Op):
    op: Literal["title"] = "title"
    text: str = Field(max_length=120)  # empty text removes the title

    @field_validator("text")
    @classmethod
    def _clean(cls, v: str) -> str:
        return clean_text(v, 120)


class Undo(_Op):
    op: Literal["undo"] = "undo"
    steps: int = Field(default=1, ge=1, le=50)


class Redo(_Op):
    op: Literal["redo"] = "redo"
    steps: int = Field(default=1, ge=1, le=50)


class Reset(_Op):
    """Back to the whole source videos (version 0's timeline), as a new version."""

    op: Literal["reset"] = "reset"


class RemoveClip(_Op):
    op: Literal["remove_clip"] = "remove_clip"
    ref: ClipRef


class KeepClip(_Op):
    op: Literal["keep_clip"] = "keep_clip"
    ref: ClipRef


Operation = Annotated[
    KeepOnly | Keep | Add | Remove | Order | LimitDuration | Trim | Speed | Transition | Title | Undo | Redo
    | Reset | RemoveClip | KeepClip,
    Field(discriminator="op"),
]

QUERY_OPS = (KeepOnly, Keep, Add, Remove)
HISTORY_OPS = (Undo, Redo)


class EditPlan(BaseModel):
    """One turn's plan. ``refusal`` is set (and ``ops`` empty) when the request is not an edit we do."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    ops: list[Operation] = Field(default_factory=list, max_length=MAX_OPS)
    refusal: str | None = Field(default=None, max_length=300)

    @model_validator(mode="after")
    def _refusal_alone(self) -> EditPlan:
        if self.refusal and self.ops:
            raise ValueError("a plan with a refusal has no operations")
        return self

    def queries(self) -> list[Query]:
        return [op.query for op in self.ops if isinstance(op, QUERY_OPS)]


def plan_json_schema() -> dict:
    """JSON Schema for constraining and validating LLM output."""
    return EditPlan.model_json_schema()
