"""Chat turn -> edit plan -> timeline version -> render/export.

The front door names what callers need; subsystems load on first use, so ``import assistant.plan``
stays light (no ffmpeg, CLIP or model code) for the CLI and the planner tests.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "ChatSession": "assistant.chat",
    "TurnResult": "assistant.chat",
    "make_planner": "assistant.planning.factory",
    "plan_turn": "assistant.planning.factory",
    "render": "assistant.render.mp4",
    "preview": "assistant.render.preview",
    "export": "assistant.export",
}

__all__ = ["ChatSession", "TurnResult", "export", "make_planner", "plan_turn", "preview", "render"]

if TYPE_CHECKING:
    from assistant.chat import ChatSession, TurnResult
    from assistant.export import export
    from assistant.planning.factory import make_planner, plan_turn
    from assistant.render.mp4 import render
    from assistant.render.preview import preview


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
