"""Where assembled model files live (fixture wheels joined into one file, etc.)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/personalcut/models`` (default ``~/.cache/personalcut/models``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "personalcut" / "models"
