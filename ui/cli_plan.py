"""``personalcut plan "text"``: show the edit plan a chat message turns into, without applying it."""

from __future__ import annotations

import argparse
import json
import sys

from assistant.plan.describe import describe_plan
from assistant.planning.base import PlannerContext, PlannerError
from assistant.planning.factory import BACKENDS, make_planner, plan_turn


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
        planner = make_planner(args.backend, model=args.model, base_url=args.base_url)
    except PlannerError as exc:
        print(f"personalcut plan: {exc}", file=sys.stderr)
        return 2
    result = plan_turn(args.text, PlannerContext(), planner)
    description = describe_plan(result.plan)
    if args.json:
        print(
            json.dumps(
                {
                    "plan": result.plan.model_dump(mode="json"),
                    "backend": result.backend,
                    "note": result.note,
                    "description": description,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(description)
        print(f"({result.backend}{': ' + result.note if result.note else ''})", file=sys.stderr)
    return 0
