"""Probing: real files describe themselves correctly, every kind of bad input gets its own error."""

from __future__ import annotations

import hashlib
import os
from fractions import Fraction
from pathlib import Path

import pytest

from index.probe import (
    AudioOnlyError,
    CorruptMediaError,
    EmptyFileError,
    MediaError,
    NotAVideoError,
    NotFoundError,
    UnreadableError,
    ZeroDurationError,
    content_hash,
    probe,
)
from tests import media_factory
from tests.media_factory import SHARED_MEDIA

MEDIA = SHARED_MEDIA


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("probe")


def test_probe_generated_clip(clips: Path) -> None:
    clip = media_factory.single_shot(clips / "one.mp4", frames=50, audio=True)
    info = probe(clip.path)
    assert info.id == content_hash(clip.path)[:16]
    assert (info.width, info.height, info.fps, info.frame_count) == (160, 90, 25, 50)
    assert info.duration == 2
    assert info.has_audio and not info.vfr and info.codec == "h264"


def test_content_hash_is_sha256_of_bytes(clips: Path) -> None:
    path = clips / "bytes.bin"
    path.write_bytes(b"x" * 3_000_000)
    assert content_hash(path) == hashlib.sha256(b"x" * 3_000_000).hexdigest()


def test_vfr_clip_is_flagged(clips: Path) -> None:
    info = probe(media_factory.vfr(clips / "vfr.mp4").path)
    assert info.vfr
    assert info.frame_count == 75


def test_missing_file(clips: Path) -> None:
    with pytest.raises(NotFoundError, match="missing.mp4"):
        probe(clips / "missing.mp4")


def test_empty_file(clips: Path) -> None:
    path = clips / "empty.mp4"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="empty.mp4"):
        probe(path)


def test_text_renamed_mp4(clips: Path) -> None:
    path = clips / "notes.mp4"
    path.write_text("shopping list\nmilk\neggs\n" * 20)
    with pytest.raises(NotAVideoError, match="notes.mp4.*text"):
        probe(path)


def test_random_bytes_are_not_a_video(clips: Path) -> None:
    path = clips / "noise.mp4"
    path.write_bytes(bytes(range(1, 256)) * 40)
    with pytest.raises(NotAVideoError, match="noise.mp4"):
        probe(path)


def test_directory_is_not_a_video(clips: Path) -> None:
    with pytest.raises(NotAVideoError, match="directory"):
        probe(clips)


def test_audio_only(clips: Path) -> None:
    path = media_factory.audio_only(clips / "song.mp4")
    with pytest.raises(AudioOnlyError, match="song.mp4"):
        probe(path)


def test_zero_duration(clips: Path) -> None:
    path = media_factory.zero_duration(clips / "zero.y4m")
    with pytest.raises(ZeroDurationError, match="zero.y4m"):
        probe(path)


@pytest.mark.parametrize("faststart", [False, True], ids=["index-lost", "data-lost"])
def test_truncated_mp4(clips: Path, faststart: bool) -> None:
    path = media_factory.truncated(clips / f"cut{int(faststart)}.mp4", faststart=faststart)
    with pytest.raises(CorruptMediaError, match=f"cut{int(faststart)}.mp4.*truncated"):
        probe(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_file(clips: Path) -> None:
    path = media_factory.single_shot(clips / "locked.mp4", frames=10).path
    path.chmod(0)
    try:
        with pytest.raises(UnreadableError, match="permission"):
            probe(path)
    finally:
        path.chmod(0o644)


def test_errors_share_one_base() -> None:
    for err in (NotFoundError, UnreadableError, EmptyFileError, NotAVideoError, AudioOnlyError,
                ZeroDurationError, CorruptMediaError):
        assert issubclass(err, MediaError)


# Real files: every container/codec we ship must probe, with the facts SOURCES.md states.
REAL = {
    "sintel_trailer_480x204.mp4": ("h264", 480, 204, Fraction(1)),
    "tears_of_steel_battle_clip_800x332.webm": ("vp8", 800, 332, None),
    "kivy_cityCC0_skyscrapers.mpg": ("mpeg2video", 720, 405, Fraction(1)),
    "opencv_vtest_pedestrians.avi": ("msmpeg4", 768, 576, Fraction(1)),
    "tears_of_steel_opening_64s_512x120.mp4": ("h264", 512, 120, Fraction(9, 16)),
    "nasa_13013_jwst_mirror.mp4": ("h264", 320, 180, Fraction(1)),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_media(name: str) -> None:
    path = MEDIA / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    codec, width, height, sar = REAL[name]
    info = probe(path)
    assert (info.codec, info.width, info.height) == (codec, width, height)
    if sar is not None:
        assert info.sample_aspect == sar
    assert info.duration > 5 and info.frame_count > 100


def test_anamorphic_display_width() -> None:
    path = MEDIA / "tears_of_steel_opening_64s_512x120.mp4"
    if not path.exists():
        pytest.skip(f"{path} not present")
    assert probe(path).display_width == 288  # 512 * 9/16: displays as 2.4:1
