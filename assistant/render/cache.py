"""A size-bounded file cache for renders: hits refresh the mtime, eviction drops the oldest first (LRU)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from index.sweep import RENDER_TEMP_PREFIX

DEFAULT_MAX_BYTES = 2 * 1024**3


def cache_hit(path: Path) -> bool:
    """True if ``path`` is cached; marks it recently used."""
    try:
        os.utime(path)
    except FileNotFoundError:
        return False
    return True


def evict(root: Path, max_bytes: int, keep: Iterable[Path] = ()) -> list[Path]:
    """Delete least recently used files under ``root`` until it holds at most ``max_bytes``.

    Files in ``keep`` (the render just made and its parts), in-progress temp files and anything inside a
    live render's work folder are never deleted.
    Returns what was removed.
    """
    keep_set = {Path(p).resolve() for p in keep}
    entries = []
    for path in root.rglob("*"):
        if not path.is_file() or path.name.endswith(".part") or _in_work_folder(path, root):
            continue
        with contextlib.suppress(FileNotFoundError):
            stat = path.stat()
            entries.append((stat.st_mtime_ns, stat.st_size, path))
    total = sum(size for _, size, _ in entries)
    removed = []
    for _, size, path in sorted(entries, key=lambda e: e[0]):
        if total <= max_bytes:
            break
        if path.resolve() in keep_set:
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
        total -= size
    return removed


def _in_work_folder(path: Path, root: Path) -> bool:
    """A render's temporary work folder belongs to that render (the sweep removes it once it is stale)."""
    return any(part.startswith(RENDER_TEMP_PREFIX) for part in path.relative_to(root).parts[:-1])
