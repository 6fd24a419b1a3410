"""Web uploads: size-checked, then moved into the library's ``media/`` folder before they are ingested.

Gradio streams an upload into its cache; the library must not point there (the cache is cleaned), so
the file is moved to ``media/<sha256>/<name>``, atomically, and the cache copy is gone. A rejected
upload is deleted. Messages for the browser name the file, never a folder on the server.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
from pathlib import Path

from index.atomic import atomic_path
from index.library_paths import LibraryPaths
from index.probe import content_hash
from index.subtitles import find_sidecars

DEFAULT_MAX_UPLOAD = 4 * 1024**3
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)


class UploadRejected(ValueError):
    """The upload is refused before ingest; the message is safe to show in a browser."""


def parse_size(text: str) -> int:
    """``"500M"``, ``"2G"``, ``"4GB"``, ``"1.5g"`` or plain bytes → bytes (powers of 1024)."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"not a size: {text!r} (use e.g. 500M, 2G or a number of bytes)")
    number, unit = float(match.group(1)), match.group(2).lower()
    size = int(number * 1024 ** " kmgt".index(unit or " "))
    if size <= 0:
        raise ValueError(f"the size must be more than 0 bytes: {text!r}")
    return size


def format_size(size: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def _move_atomically(source: Path, target: Path) -> None:
    """``os.replace`` when on one filesystem; otherwise a copy that appears whole, then the source goes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        with atomic_path(target) as tmp:
            shutil.copyfile(source, tmp)
        source.unlink()


def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def keep_upload(upload: Path, library_dir: Path, max_size: int, upload_root: Path | None) -> Path:
    """Move ``upload`` (and subtitle files beside it) into ``media/<sha256>/``; return the stored path.

    Raises ``UploadRejected`` for a file outside ``upload_root`` (left alone: not ours to touch) or one
    over ``max_size`` (deleted). The same content uploaded again reuses the stored file.
    """
    name = upload.name
    if upload_root is not None and not upload.resolve().is_relative_to(upload_root.resolve()):
        raise UploadRejected(f"{name} was not uploaded to this server")
    try:
        size = upload.stat().st_size
    except OSError as exc:
        raise UploadRejected("it is gone: the upload did not finish") from exc
    if size > max_size:
        discard(upload)
        raise UploadRejected(f"it is over this server's upload limit of {format_size(max_size)}")
    folder = LibraryPaths(library_dir).media / content_hash(upload)
    existing = [p for p in folder.glob("*") if p.is_file() and not p.name.startswith(".")] \
        if folder.is_dir() else []
    stored = next((p for p in existing if p.suffix.lower() == upload.suffix.lower()), None)
    sidecars = find_sidecars(upload)
    if stored is not None:  # the same bytes again: nothing new to keep
        for extra in (upload, *sidecars):
            discard(extra)
        return stored
    stored = folder / name
    for sidecar in sidecars:
        _move_atomically(sidecar, folder / (stored.stem + sidecar.name[len(upload.stem):]))
    _move_atomically(upload, stored)
    return stored


def without_paths(text: str, paths: tuple[Path, ...], name: str) -> str:
    """``text`` with server paths gone: a leading ``path: `` is dropped, other mentions become ``name``."""
    for path in paths:
        for form in {str(path), str(path.resolve())}:
            text = text.replace(f"{form}: ", "").replace(form, name)
    return text
