"""Every setting the environment can give, read once into one object that the CLI passes down.

This is the only module that reads ``os.environ``: library code takes explicit parameters (with
defaults), so a test or another program can run it with any settings without touching the process.
A flag on the command line beats its environment variable, which beats the built-in default.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from assistant.planning.base import Planner
from assistant.planning.factory import ENV_LLM, make_planner
from assistant.sessions.store import DEFAULT_USER
from index.asr import DEFAULT_ASR_MODEL
from index.clip_factory import WEIGHTS_ENV
from index.nvdec import DECODE_ENV

LIBRARY_ENV = "PERSONALCUT_LIBRARY"
LLM_ENV = ENV_LLM  # named in the planner factory's "bad spec" message
ASR_MODEL_ENV = "PERSONALCUT_ASR_MODEL"
CLIP_WEIGHTS_ENV = WEIGHTS_ENV  # named in clip_factory's "how to supply weights" message
FFMPEG_ENV = "PERSONALCUT_FFMPEG"
USER_ENV = "PERSONALCUT_USER"
RAY_ENV = "PERSONALCUT_RAY"  # index.ray_ingest reads no environment: the address is passed down
# DECODE_ENV ("PERSONALCUT_DECODE"), named in index.nvdec's messages: the ingest's video decoder


@dataclass(frozen=True)
class Settings:
    library_dir: Path
    llm: str | None = None  # ``auto`` planner's LLM: llamacpp:PATH | transformers:MODEL | openai:URL#MODEL
    asr_model: str = DEFAULT_ASR_MODEL  # a faster-whisper name or a local CTranslate2 directory
    clip_weights: Path | None = None  # a local open_clip checkpoint, for offline machines
    ffmpeg: str | None = None  # a system ffmpeg instead of imageio-ffmpeg's bundled binary
    openai_base_url: str | None = None  # for ``--backend openai`` without ``--base-url``
    openai_api_key: str | None = None
    user: str = DEFAULT_USER  # whose profile sessions and feedback belong to
    ray: str | None = None  # ingest on this Ray cluster ("local": a local Ray); None: no Ray
    decode: str | None = None  # the ingest's video decoder: auto | cpu | cuda (None: auto), checked at use

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, library_dir: Path | str | None = None,
        llm: str | None = None, asr_model: str | None = None, clip_weights: Path | str | None = None,
        ffmpeg: str | None = None, user: str | None = None, ray: str | None = None,
    ) -> Settings:
        """Settings from ``environ`` (default: this process's), the given flags on top (None: not given)."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            return (env.get(name) or "").strip() or None

        library = library_dir or get(LIBRARY_ENV) or _data_home(env) / "personalcut"
        llm = llm or get(LLM_ENV)
        weights = clip_weights or get(CLIP_WEIGHTS_ENV)
        return cls(
            library_dir=Path(library).expanduser(),
            llm=llm,  # "none" is passed on: the factory reads it as "no LLM" (unset means the default model)
            asr_model=asr_model or get(ASR_MODEL_ENV) or DEFAULT_ASR_MODEL,
            clip_weights=Path(weights).expanduser() if weights else None,
            ffmpeg=ffmpeg or get(FFMPEG_ENV),
            openai_base_url=get("OPENAI_BASE_URL"),
            openai_api_key=get("OPENAI_API_KEY"),
            user=user or get(USER_ENV) or DEFAULT_USER,
            ray=ray or get(RAY_ENV),
            decode=get(DECODE_ENV),
        )

    @classmethod
    def from_args(cls, args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> Settings:
        """The environment with a command's flags on top (commands without a flag leave it to the env)."""
        return cls.from_env(
            environ, library_dir=getattr(args, "library", None), asr_model=getattr(args, "asr_model", None),
            clip_weights=getattr(args, "clip_weights", None), user=getattr(args, "user", None),
            ray=getattr(args, "ray", None),
        )

    def planner(self, backend: str, model: str | None = None, base_url: str | None = None) -> Planner:
        """The planner a command's ``--backend/--model/--base-url`` ask for; raises ``PlannerError``.

        ``OPENAI_BASE_URL`` only stands in for ``--base-url`` with ``--backend openai``: for ``auto``
        a base URL would mean "use that server".
        """
        if backend == "openai":
            base_url = base_url or self.openai_base_url
        return make_planner(backend, model=model, base_url=base_url, api_key=self.openai_api_key,
                            llm=self.llm)


def _data_home(env: Mapping[str, str]) -> Path:
    """``$XDG_DATA_HOME``, else ``~/.local/share`` (the XDG base directory default)."""
    return Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def disable_gradio_analytics() -> None:
    """Gradio reads this variable itself, at every analytics call: set it before the app starts so
    nothing phones home."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
