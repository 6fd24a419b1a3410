"""``personalcut serve``: run the chat app (Gradio in FastAPI) on this machine."""

from __future__ import annotations

import argparse
import sqlite3

from ui.cli_common import add_library_arg, fail, library_dir, settings, terminal_text
from ui.settings import disable_gradio_analytics
from ui.uploads import DEFAULT_MAX_UPLOAD, parse_size


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def register(subparsers: argparse._SubParsersAction) -> None:
    from index.clip_factory import DEFAULT_MODEL, DEFAULT_PRETRAINED

    p = subparsers.add_parser("serve", help="start the chat app in your browser (http://127.0.0.1:7860)")
    add_library_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="another host name browsers use for this server (repeatable; localhost always works)")
    p.add_argument("--max-upload", type=_size, default=DEFAULT_MAX_UPLOAD, metavar="SIZE",
                   help="largest video upload, e.g. 500M or 2G (default 4G)")
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

    config = settings(args)
    try:  # before the heavy imports, so a typo fails fast
        planner = config.planner(args.backend, args.model, args.base_url)
    except PlannerError as exc:
        return fail(exc)

    disable_gradio_analytics()  # before Gradio is imported
    import uvicorn

    from index.clip_factory import create_embedder
    from ui.app import create_app
    from ui.services import Services

    try:
        services = Services(
            library_dir(args), planner,
            lambda: create_embedder(args.clip_model, args.clip_pretrained, config.clip_weights),
            asr_model=config.asr_model, max_upload=args.max_upload, clip_weights=config.clip_weights,
        )
    except (OSError, ValueError, sqlite3.Error) as exc:
        return fail(exc)
    print(f"personalcut: library {terminal_text(services.library_dir)}; "
          f"open http://{args.host}:{args.port}/", flush=True)
    app = create_app(services, host=args.host, allowed_hosts=args.allowed_host)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
