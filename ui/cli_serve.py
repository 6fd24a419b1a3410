"""``personalcut serve``: run the chat app (Gradio in FastAPI) on this machine."""

from __future__ import annotations

import argparse
import sqlite3
import sys

from ui.cli_common import add_library_arg, library_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    from index.clip_factory import DEFAULT_MODEL, DEFAULT_PRETRAINED

    p = subparsers.add_parser("serve", help="start the chat app in your browser (http://127.0.0.1:7860)")
    add_library_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--backend", default="auto", help="planner: auto (default), rules, or an LLM backend")
    p.add_argument("--model", default=None, help="LLM for the planner: a .gguf path or a transformers model")
    p.add_argument("--base-url", default=None, help="OpenAI-compatible endpoint for --backend openai")
    p.add_argument("--clip-model", default=DEFAULT_MODEL, help=f"CLIP model for uploads ({DEFAULT_MODEL})")
    p.add_argument("--clip-pretrained", default=DEFAULT_PRETRAINED, help="open_clip pretrained tag")
    p.add_argument("--clip-weights", default=None, help="local open_clip checkpoint file (offline)")
    p.add_argument("--asr-model", default=None, metavar="NAME|DIR",
                   help="speech recognition for uploads without subtitles ($PERSONALCUT_ASR_MODEL or base)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from assistant.planning.base import PlannerError
    from assistant.planning.factory import make_planner

    try:  # before the heavy imports, so a typo fails fast
        planner = make_planner(args.backend, model=args.model, base_url=args.base_url)
    except PlannerError as exc:
        return _fail(str(exc))

    import uvicorn

    from index.clip_factory import create_embedder
    from ui.app import create_app
    from ui.services import Services

    try:
        services = Services(
            library_dir(args), planner,
            lambda: create_embedder(args.clip_model, args.clip_pretrained, args.clip_weights),
            asr_model=args.asr_model,
        )
    except (OSError, ValueError, sqlite3.Error) as exc:
        return _fail(str(exc))
    print(f"personalcut: library {services.library_dir}; open http://{args.host}:{args.port}/", flush=True)
    uvicorn.run(create_app(services), host=args.host, port=args.port, log_level="warning")
    return 0


def _fail(message: str) -> int:
    print(f"personalcut serve: {message}", file=sys.stderr)
    return 2
