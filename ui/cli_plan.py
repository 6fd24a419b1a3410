"""``personalcut plan "text"``: show the edit plan a chat message turns into, without applying it."""

from __future__ import annotations

import argparse
import sys

from assistant.plan.describe import describe_plan
from assistant.planning.base import PlannerContext, PlannerError
from assistant.planning.factory import BACKENDS, plan_turn
from ui.cli_common import fail, settings, terminal_json, terminal_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("plan", help="turn a chat message into an edit plan (no edit is made)")
    parser.add_argument("text", help='the request, e.g. "only the fights, under two minutes"')
    parser.add_argument(
        "--backend",
        choices=BACKENDS,
        default="auto",
        help="planner backend (default auto: $PERSONALCUT_LLM if it loads, else rules)",
    )
    parser.add_argument(
        "--model", help="GGUF path (llamacpp), model id or directory (transformers), or model name (openai)"
    )
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")
    parser.add_argument(
        "--json", action="store_true", help="print plan, backend, note and description as JSON"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        planner = settings(args).planner(args.backend, args.model, args.base_url)
    except PlannerError as exc:
        return fail(exc)
    result = plan_turn(args.text, PlannerContext(), planner)
    description = describe_plan(result.plan)
    if args.json:
        print(terminal_json({
            "plan": result.plan.model_dump(mode="json"),
            "backend": result.backend,
            "note": result.note,
            "description": description,
        }))
    else:
        print(terminal_text(description, multiline=True))
        note = f": {result.note}" if result.note else ""
        print(terminal_text(f"({result.backend}{note})", multiline=True), file=sys.stderr)
    return 0
