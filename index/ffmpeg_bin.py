"""Where the ffmpeg binary lives: one answer for every module that shells out to it."""

from __future__ import annotations

_override: str | None = None


def use_ffmpeg(path: str | None) -> None:
    """Run ``path`` (a system build) instead of imageio-ffmpeg's binary; None goes back to the bundled one.

    Set once at startup from the settings: every ffmpeg call in the process uses the same binary.
    """
    global _override
    _override = path


def ffmpeg_exe() -> str:
    """The binary given to ``use_ffmpeg``, else the one bundled with imageio-ffmpeg."""
    if _override:
        return _override
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()
