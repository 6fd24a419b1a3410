"""What every command shares: the library option, one way to report errors, and safe terminal text."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from assistant.plan.schema import BIDI_CONTROLS
from ui.settings import Settings

# What must never reach a terminal raw: C0/C1 controls (ESC starts sequences that retitle the window or
# recolour text; U+009B is CSI on its own), DEL, bidi controls, line/paragraph separators, and lone
# surrogates (undecodable bytes in file names, which would also crash a strict UTF-8 stdout).
_UNSAFE_BEYOND_ASCII = f"\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff"
_UNPRINTABLE = re.compile(f"[\x00-\x1f{_UNSAFE_BEYOND_ASCII}]")
_UNPRINTABLE_LEFT_BY_JSON = re.compile(f"[{_UNSAFE_BEYOND_ASCII}]")  # json.dumps escapes C0 itself


def terminal_text(value: object, *, multiline: bool = False) -> str:
    """``value`` as text that is safe to print: every unprintable character written as its escape.

    For names, titles and lines that came from files or people. A file named ``a\x1b[31mb.mp4`` shows as
    that, literally, instead of turning the terminal red. ``multiline`` keeps newlines as newlines.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if multiline and char == "\n":
            return char
        return char.encode("unicode_escape", "backslashreplace").decode("ascii")

    return _UNPRINTABLE.sub(escape, str(value))


def terminal_json(data: object, indent: int | None = None) -> str:
    """JSON for stdout that keeps non-ASCII text readable but escapes what ``terminal_text`` would."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _UNPRINTABLE_LEFT_BY_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def fail(message: object, code: int = 2) -> int:
    """Report a command's error the one way every command does, and return its exit code.

    ``personalcut: error: ...`` on stderr, like argparse's own usage errors; 2 for bad input or setup,
    1 when the work itself failed.
    """
    print(f"personalcut: error: {terminal_text(message, multiline=True)}", file=sys.stderr)
    return code


def no_library(directory: Path) -> str:
    """What every command says when ``directory`` holds no library yet."""
    return f"no library at {directory}: run `personalcut ingest VIDEO --library {directory}` first"


def warn(message: object) -> None:
    """A problem that does not stop the command, on stderr."""
    print(f"personalcut: warning: {terminal_text(message, multiline=True)}", file=sys.stderr)


def add_library_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library", type=Path, default=None,
        help="library directory (default: $PERSONALCUT_LIBRARY or ~/.local/share/personalcut)",
    )


def add_user_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", default=None, metavar="U",
                        help="whose profile to use (default: $PERSONALCUT_USER, else \"default\")")


def library_dir(args: argparse.Namespace) -> Path:
    """``--library``, else ``$PERSONALCUT_LIBRARY``, else the default (resolved once in ``Settings``)."""
    return settings(args).library_dir


def settings(args: argparse.Namespace) -> Settings:
    """The settings ``ui.cli.main`` read for this command: the environment with its flags on top."""
    return args.settings
