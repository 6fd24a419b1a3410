"""Which ffmpeg every render and decode runs."""

from __future__ import annotations

import subprocess

import imageio_ffmpeg
import pytest
from imageio_ffmpeg import _utils

from index import ffmpeg_bin


@pytest.fixture
def probe_fails(monkeypatch: pytest.MonkeyPatch):
    """imageio-ffmpeg's ``ffmpeg -version`` probe failing once (a fork refused on a busy machine): its
    lookup remembers that for the life of the process."""
    monkeypatch.setattr(_utils, "_is_valid_exe", lambda exe: False)
    monkeypatch.setattr(ffmpeg_bin, "_bundled", None)
    _utils._get_ffmpeg_exe.cache_clear()
    yield
    _utils._get_ffmpeg_exe.cache_clear()


def test_a_failed_probe_in_imageio_ffmpeg_does_not_leave_the_process_without_ffmpeg(probe_fails) -> None:
    with pytest.raises(RuntimeError, match="No ffmpeg exe could be found"):
        imageio_ffmpeg.get_ffmpeg_exe()  # what a server's renders met before
    exe = ffmpeg_bin.ffmpeg_exe()
    assert "imageio_ffmpeg" in exe
    version = subprocess.run([exe, "-version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("ffmpeg version")


def test_the_environment_and_the_settings_choose_another_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", "/opt/ffmpeg-from-imageio-env")
    assert ffmpeg_bin.ffmpeg_exe() == "/opt/ffmpeg-from-imageio-env"
    ffmpeg_bin.use_ffmpeg("/opt/ffmpeg-from-settings")
    try:
        assert ffmpeg_bin.ffmpeg_exe() == "/opt/ffmpeg-from-settings"
    finally:
        ffmpeg_bin.use_ffmpeg(None)
    monkeypatch.delenv("IMAGEIO_FFMPEG_EXE")
    assert "imageio_ffmpeg" in ffmpeg_bin.ffmpeg_exe()
