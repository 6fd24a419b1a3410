"""Where assembled model files live (fixture wheels joined into one file, etc.)."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlparse


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/personalcut/models`` (default ``~/.cache/personalcut/models``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "personalcut" / "models"


def hub_reachable() -> bool:
    """Whether the Hugging Face Hub answers at all (3 s), so offline loads fail fast and clearly
    instead of sitting through huggingface_hub's retries (about 50 s)."""
    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE or os.environ.get("HF_HUB_OFFLINE", "0") not in ("", "0", "false", "False"):
        return False
    host = urlparse(constants.ENDPOINT).hostname or "huggingface.co"
    try:
        socket.create_connection((host, 443), timeout=3).close()
    except OSError:
        return False
    return True
