"""Options shared by several commands."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def default_library_dir() -> Path:
    """``PERSONALCUT_LIBRARY`` if set, else ``~/.local/share/personalcut``."""
    env = os.environ.get("PERSONALCUT_LIBRARY")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "personalcut"


def add_library_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library", type=Path, default=None,
        help="library directory (default: $PERSONALCUT_LIBRARY or ~/.local/share/personalcut)",
    )


def library_dir(args: argparse.Namespace) -> Path:
    return args.library if args.library is not None else default_library_dir()
