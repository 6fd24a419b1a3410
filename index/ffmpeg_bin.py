"""Where the ffmpeg binary lives: one answer for every module that shells out to it."""

from __future__ import annotations

import os
from pathlib import Path

_override: str | None = None
_bundled: str | None = None


def use_ffmpeg(path: str | None) -> None:
    """Run ``path`` (a system build) instead of imageio-ffmpeg's binary; None goes back to the bundled one.

    Set once at startup from the settings: every ffmpeg call in the process uses the same binary.
    """
    global _override
    _override = path


def ffmpeg_exe() -> str:
    """The binary given to ``use_ffmpeg``, else imageio-ffmpeg's choice (``IMAGEIO_FFMPEG_EXE``, its bundled
    binary, a conda or system ffmpeg).

    imageio-ffmpeg probes ``ffmpeg -version`` and remembers a failed probe for the life of the process, so
    one probe lost to a busy machine left a long-running server without ffmpeg for every later render
    ("No ffmpeg exe could be found"). Then the bundled file is taken when it is there and executable.
    """
    global _bundled
    if _override:
        return _override
    import imageio_ffmpeg

    try:
        return imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError:
        if _bundled is None:
            binaries = Path(imageio_ffmpeg.__file__).parent / "binaries"
            found = [p for p in sorted(binaries.glob("ffmpeg-*")) if p.is_file() and os.access(p, os.X_OK)]
            if not found:
                raise
            _bundled = str(found[0])
        return _bundled
