"""Where assembled model files live (fixture wheels joined into one file, etc.)."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlparse


def cache_dir(cache_home: Path | None = None) -> Path:
    """``CACHE_HOME/personalcut/models``; ``cache_home`` defaults to ``~/.cache``."""
    return (cache_home or Path.home() / ".cache") / "personalcut" / "models"


def hub_reachable(endpoint: str | None = None) -> bool:
    """Whether the Hugging Face Hub (or the mirror at ``endpoint``) answers at all (3 s), so offline loads
    fail fast and clearly instead of sitting through huggingface_hub's retries (about 50 s)."""
    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE:  # huggingface_hub reads $HF_HUB_OFFLINE itself
        return False
    url = urlparse(endpoint or constants.ENDPOINT)
    host = url.hostname or "huggingface.co"
    port = url.port or (80 if url.scheme == "http" else 443)
    try:
        socket.create_connection((host, port), timeout=3).close()
    except OSError:
        return False
    return True
