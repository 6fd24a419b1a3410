"""Where the ffmpeg binary lives: one answer for every module that shells out to it."""

from __future__ import annotations

import os


def ffmpeg_exe() -> str:
    """``PERSONALCUT_FFMPEG`` if set (a system build), else the binary bundled with imageio-ffmpeg."""
    override = os.environ.get("PERSONALCUT_FFMPEG")
    if override:
        return override
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()
