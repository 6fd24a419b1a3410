"""The one ``personalcut`` entry point: a thin argparse layer over the public functions.

Each command group lives in its own module exposing ``register(subparsers)``; a command's handler
returns the process exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Modules that contribute commands, in the order they appear in --help.
COMMAND_MODULES = ("ui.cli_index", "ui.cli_chat", "ui.cli_plan", "ui.cli_render", "ui.cli_serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="personalcut", description="Chat with a film and get your own cut of it."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command group not built yet
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
