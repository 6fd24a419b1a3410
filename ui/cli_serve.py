"""``personalcut serve``: run the chat app (Gradio in FastAPI) on this machine."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from types import ModuleType

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
    p.add_argument("--workers", type=_count, default=1, metavar="N",
                   help="app processes behind the one port (default 1): one runs the chat, uploads and "
                        "exports; all serve share pages")
    p.add_argument("--render-jobs", type=_count, default=None, metavar="N",
                   help="exports rendered at once; more wait in line (default: half the cores)")
    p.add_argument("--ingest-jobs", type=_count, default=None, metavar="N",
                   help="uploads indexed at once; more wait in line (default 1)")
    # Set by ``--workers`` for its own worker processes: a Unix socket to answer on, and which worker.
    p.add_argument("--worker-socket", type=Path, default=None, help=argparse.SUPPRESS)
    p.add_argument("--worker-index", type=int, default=0, help=argparse.SUPPRESS)
    p.set_defaults(handler=run)


def _count(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return number


def run(args: argparse.Namespace) -> int:
    from assistant.planning.base import PlannerError

    config = settings(args)
    viewer = args.worker_socket is not None and args.worker_index > 0  # share pages only: never plans
    try:  # before the heavy imports, so a typo fails fast
        planner = config.planner("rules" if viewer else args.backend, args.model, args.base_url)
    except PlannerError as exc:
        return fail(exc)
    if not viewer:
        from index.nvdec import hwaccel

        try:  # uploads are ingested here: a decoder setting that cannot work is said at start, not per video
            hwaccel()
        except (ValueError, RuntimeError) as exc:
            return fail(exc)

    disable_gradio_analytics()  # before Gradio is imported
    import uvicorn

    if args.workers > 1 and args.worker_socket is None:
        return _run_front(args, uvicorn)

    from index.clip_factory import create_embedder
    from ui.app import create_app, create_share_app
    from ui.job_pools import JobPools
    from ui.services import Services

    try:
        services = Services(
            library_dir(args), planner,
            lambda: create_embedder(args.clip_model, args.clip_pretrained, config.clip_weights),
            asr_model=config.asr_model, max_upload=args.max_upload, clip_weights=config.clip_weights,
            default_user=config.user,
            prepare_previews=not viewer, jobs=JobPools.sized(args.render_jobs, args.ingest_jobs),
        )
    except (OSError, ValueError, sqlite3.Error) as exc:
        return fail(exc)
    make_app = create_share_app if viewer else create_app
    app = make_app(services, host=args.host, allowed_hosts=args.allowed_host)
    if args.worker_socket is not None:
        from ui.serve_workers import tag_worker

        tag_worker(app, args.worker_index)
        uvicorn.run(app, uds=str(args.worker_socket), log_level="warning")
        return 0
    print(f"personalcut: library {terminal_text(services.library_dir)}; "
          f"open http://{args.host}:{args.port}/", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _run_front(args: argparse.Namespace, uvicorn: ModuleType) -> int:
    """``--workers N``: start the worker processes, then forward the port's requests to them."""
    from ui.serve_workers import front_app, started_workers

    library = library_dir(args).expanduser().resolve()
    try:
        with started_workers(args, library, args.workers) as workers:
            print(f"personalcut: library {terminal_text(library)}; {args.workers} workers; "
                  f"open http://{args.host}:{args.port}/", flush=True)
            uvicorn.run(front_app(workers), host=args.host, port=args.port, log_level="warning")
    except RuntimeError as exc:  # a worker that could not start (its own error is on stderr above)
        return fail(exc)
    return 0
