"""The one ``personalcut`` entry point: a thin argparse layer over the public functions.

Each command group lives in its own module exposing ``register(subparsers)``; a command's handler
returns the process exit code. SIGTERM ends a command the way Ctrl-C does: cleanly.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

from index.ffmpeg_bin import use_ffmpeg
from index.nvdec import use_decoder
from ui.cli_common import fail
from ui.settings import Settings

# Modules that contribute commands, in the order they appear in --help.
COMMAND_MODULES = (
    "ui.cli_index", "ui.cli_chat", "ui.cli_diff", "ui.cli_plan", "ui.cli_render", "ui.cli_serve",
    "ui.cli_links", "ui.cli_cast", "ui.cli_recipe", "ui.cli_taste",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="personalcut", description="Chat with a film and get your own cut of it."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)  # an import error is a broken install: never skip it
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that it takes the same clean way out (ffmpeg stopped, temps removed)."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Route SIGTERM to ``Terminated`` while a command runs (only the main thread can set handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.settings = Settings.from_args(args)  # the environment is read here, once; flags win
    use_ffmpeg(args.settings.ffmpeg)
    try:
        use_decoder(args.settings.decode)
    except ValueError as exc:  # a typo in PERSONALCUT_DECODE: said before any command starts
        return fail(exc)
    try:
        with _sigterm_as_interrupt():
            return int(args.handler(args) or 0)
    except Terminated:
        print("terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
