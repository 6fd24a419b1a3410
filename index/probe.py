"""Probe a media file with PyAV: what it is, or exactly why it cannot be indexed.

Every failure is a ``MediaError`` subclass whose message names the file, so the CLI and UI can show
it as is. Probing decodes the first and the last frames: a container that opens is not yet proof
that its frames are there (interrupted downloads keep the header and lose the data).
"""

from __future__ import annotations

import hashlib
from fractions import Fraction
from pathlib import Path

import av

from index.shot import VideoInfo

HASH_CHUNK = 1 << 20
# Leading bytes of containers we know; a file that starts like one but will not open is damaged,
# anything else that will not open is simply not a video.
CONTAINER_MAGIC = (
    (4, b"ftyp"), (4, b"moov"), (4, b"mdat"), (4, b"free"), (4, b"wide"),  # MP4 / MOV
    (0, b"\x1a\x45\xdf\xa3"),  # Matroska / WebM
    (0, b"RIFF"),  # AVI
    (0, b"\x00\x00\x01\xba"), (0, b"\x00\x00\x01\xb3"),  # MPEG-PS / MPEG-1/2 video
    (0, b"\x47"),  # MPEG-TS sync byte
    (0, b"OggS"), (0, b"FLV"), (0, b"YUV4MPEG2"),
)


class MediaError(Exception):
    """A file cannot be indexed; the message is meant for the user and names the file."""


class NotFoundError(MediaError):
    pass


class UnreadableError(MediaError):
    pass


class EmptyFileError(MediaError):
    pass


class NotAVideoError(MediaError):
    pass


class AudioOnlyError(MediaError):
    pass


class ZeroDurationError(MediaError):
    pass


class CorruptMediaError(MediaError):
    """Truncated or undecodable data in a file that looks like a video container."""


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise NotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise NotAVideoError(f"{path}: is a directory, not a video file")
    try:
        with open(path, "rb") as fh:
            head = fh.read(1)
    except PermissionError as exc:
        raise UnreadableError(f"{path}: permission denied, cannot read the file") from exc
    except OSError as exc:
        raise UnreadableError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    if not head:
        raise EmptyFileError(f"{path}: the file is empty (0 bytes)")


def content_hash(path: Path | str) -> str:
    """SHA-256 of the file's bytes, streamed: the identity of a video regardless of name or place."""
    path = Path(path)
    _check_readable(path)
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _looks_like_container(head: bytes) -> bool:
    return any(head[offset:offset + len(magic)] == magic for offset, magic in CONTAINER_MAGIC)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _open_error(path: Path, head: bytes, exc: Exception) -> MediaError:
    """Turn a failure to open into the most specific error the first bytes allow."""
    if _looks_like_container(head):
        return CorruptMediaError(f"{path}: the video file is truncated or damaged ({exc})")
    return NotAVideoError(f"{path}: not a recognised video format ({exc})")


def _first_frame(container: av.container.InputContainer,
                 stream: av.video.stream.VideoStream) -> av.VideoFrame | None:
    return next(iter(container.decode(stream)), None)


def truncation_slack(duration: Fraction) -> Fraction:
    """How far short of its stated duration a stream may end before we call it truncated.

    Covers B-frame reordering and audio tails that lengthen container durations.
    """
    return max(Fraction(1), duration / 20)


def _data_reaches_end(container: av.container.InputContainer, stream: av.video.stream.VideoStream,
                      duration: Fraction) -> bool:
    """Seek close to the end and demux (no decoding): do packets really exist up to the stated duration?

    A truncated file whose index survived still claims its full duration; its packets stop early.
    """
    slack = truncation_slack(duration)
    start = stream.start_time or 0
    container.seek(int((duration - slack) / stream.time_base) + start, stream=stream)
    last = None
    for packet in container.demux(stream):
        if packet.size and packet.pts is not None:
            last = packet.pts
    return last is not None and (last - start) * stream.time_base >= duration - slack


def _duration(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> Fraction:
    if stream.duration and stream.time_base:
        return Fraction(stream.duration) * stream.time_base
    if container.duration:
        return Fraction(container.duration, 1_000_000)
    return Fraction(0)


def probe(path: Path | str) -> VideoInfo:
    """Describe a video file, or raise the specific ``MediaError`` that says why it is unusable."""
    path = Path(path)
    _check_readable(path)
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if _looks_like_text(head) and not _looks_like_container(head):
        raise NotAVideoError(f"{path}: not a video file (it contains text)")
    try:
        container = av.open(str(path))
    except (av.FFmpegError, UnicodeDecodeError, EOFError) as exc:
        raise _open_error(path, head, exc) from exc
    with container:
        if not container.streams.video:
            if container.streams.audio:
                raise AudioOnlyError(f"{path}: has only audio, no video stream to cut")
            raise NotAVideoError(f"{path}: contains no video stream")
        stream = container.streams.video[0]
        ctx = stream.codec_context
        if not ctx.width or not ctx.height:
            raise CorruptMediaError(f"{path}: the video stream has no picture size (damaged header)")
        duration = _duration(container, stream)
        try:
            first = _first_frame(container, stream)
        except av.FFmpegError as exc:
            raise CorruptMediaError(f"{path}: cannot decode the video ({exc})") from exc
        if first is None:
            raise ZeroDurationError(f"{path}: the video stream has no frames (zero duration)")
        try:
            complete = _data_reaches_end(container, stream, duration)
        except av.FFmpegError:
            complete = False
        if duration > 0 and not complete:
            raise CorruptMediaError(f"{path}: the video is truncated (its data stops before the stated end)")
        if duration <= 0:
            raise ZeroDurationError(f"{path}: the video has zero duration")
        fps = Fraction(stream.average_rate or stream.base_rate or stream.guessed_rate or 0)
        if fps <= 0:
            raise CorruptMediaError(f"{path}: the video stream has no frame rate")
        frame_count = stream.frames or int(round(duration * fps))
        sar = stream.sample_aspect_ratio or ctx.sample_aspect_ratio
        base = Fraction(stream.base_rate or fps)
        return VideoInfo(
            id=content_hash(path)[:16],
            path=str(path),
            duration=duration,
            fps=fps,
            width=ctx.width,
            height=ctx.height,
            frame_count=frame_count,
            codec=ctx.name,
            has_audio=bool(container.streams.audio),
            vfr=abs(base - fps) / fps > Fraction(1, 100),
            sample_aspect=Fraction(sar) if sar else Fraction(1),
            title=container.metadata.get("title", "") or path.stem,
        )


__all__ = [
    "AudioOnlyError", "CorruptMediaError", "EmptyFileError", "MediaError", "NotAVideoError", "NotFoundError",
    "UnreadableError", "ZeroDurationError", "content_hash", "probe",
]
