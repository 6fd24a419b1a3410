"""Subtitles as timed text: SRT/WebVTT/ASS/SSA/MicroDVD parsing, sidecar discovery, embedded streams.

Real subtitle files are messy (BOMs, CRLF, styling tags, a broken timestamp in cue 312). pysubs2 reads
every format, but on a whole file it drops or merges a broken cue silently, so we cut the text into
one piece per cue (SRT/WebVTT blocks, ASS ``Dialogue:`` lines, MicroDVD lines) and let pysubs2 parse
each piece: a bad cue is skipped with a warning naming its line, and the rest is kept.
Times are exact ``Fraction`` seconds of pysubs2's milliseconds, never floats.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import pysubs2
from pysubs2.formats.microdvd import MICRODVD_LINE
from pysubs2.formats.substation import SubstationFormat
from pysubs2.formats.webvtt import WebVTTFormat

from index.child_process import tied
from index.ffmpeg_bin import ffmpeg_exe

# pysubs2 format per sidecar suffix; ``.sub`` is MicroDVD text (a VobSub ``.sub`` is a bitmap and is refused).
FORMAT_BY_SUFFIX = {".vtt": "vtt", ".srt": "srt", ".ass": "ass", ".ssa": "ssa", ".sub": "microdvd"}
SUBTITLE_SUFFIXES = tuple(FORMAT_BY_SUFFIX)
# Text subtitle codecs ffmpeg can turn into SubRip; bitmap ones (PGS, VobSub, DVB) need OCR and are skipped.
TEXT_SUBTITLE_CODECS = frozenset({"subrip", "srt", "ass", "ssa", "mov_text", "webvtt", "text", "microdvd"})

_TIMESTAMP_TAG = re.compile(r"<\d[\d:.,]*>")  # WebVTT karaoke <00:00:01.000>; pysubs2 strips the other tags
_LANG_SUFFIX = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
_VTT_HEADERS = ("WEBVTT", "NOTE", "STYLE", "REGION")


@dataclass(frozen=True)
class TimedText:
    """One subtitle cue (or recognised word): text shown during ``[start, end)`` seconds."""

    start: Fraction
    end: Fraction
    text: str


@dataclass(frozen=True)
class ParsedSubtitles:
    cues: tuple[TimedText, ...]
    warnings: tuple[str, ...] = ()


class SubtitleError(Exception):
    """A subtitle source could not be read at all (as opposed to a bad cue, which is a warning)."""


@dataclass(frozen=True)
class _CueSource:
    """The text of one cue as pysubs2 will parse it, and the 1-based line it starts on (for warnings)."""

    line: int
    text: str


def clean_cue_text(text: str) -> str:
    """Plain text of a pysubs2 cue: WebVTT timestamp tags and entities removed, lines joined with spaces."""
    return " ".join(html.unescape(_TIMESTAMP_TAG.sub("", text)).split())


def decode_subtitle_bytes(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (BOM or not), falling back to cp1252 (old SRTs) with a warning; newlines normalised."""
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append("not UTF-8; decoded as Windows-1252")
    return _normalise(text), warnings


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _timed_blocks(text: str) -> tuple[list[_CueSource], list[tuple[int, str]]]:
    """SRT/WebVTT: a cue is a run of non-blank lines with a ``-->`` timing line; its id line is dropped.

    Runs without a timing line are headers (``WEBVTT``, ``NOTE``, ``STYLE``, ``REGION``), lone cue
    numbers, or stray text, which is reported.
    """
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    sources: list[_CueSource] = []
    warnings: list[tuple[int, str]] = []
    for block in filter(None, blocks):
        timing_at = next((i for i, (_, line) in enumerate(block) if "-->" in line), None)
        if timing_at is not None:
            lines = [line for _, line in block[timing_at:]]
            sources.append(_CueSource(block[timing_at][0], "\n".join(lines)))
            continue
        head = block[0][1].strip()
        if not (head.startswith(_VTT_HEADERS) or (head.isdigit() and len(block) == 1)):
            shown = " / ".join(line.strip() for _, line in block[:2])
            warnings.append((block[0][0], f"ignored text without a timing line: {shown[:60]!r}"))
    return sources, warnings


def _dialogue_lines(text: str) -> list[_CueSource]:
    """ASS/SSA: every ``Dialogue:`` line is one cue (``Comment:`` lines are never shown)."""
    return [
        _CueSource(number, line)
        for number, line in enumerate(text.split("\n"), start=1)
        if line.lstrip().startswith("Dialogue:")
    ]


def _frame_lines(text: str, fps: Fraction | None) -> tuple[list[_CueSource], float]:
    """MicroDVD: each line is ``{start frame}{end frame}text``; a leading ``{1}{1}25`` declares the rate.

    The declared rate wins (the frames were counted on the subtitle author's video, as VLC assumes);
    without one the video's own rate is used.
    """
    sources = [_CueSource(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    if not any(MICRODVD_LINE.match(source.text) for source in sources):
        raise SubtitleError("no MicroDVD {start}{end}text lines (a VobSub .sub holds pictures, not text)")
    try:
        declared = pysubs2.SSAFile.from_string(sources[0].text, format_="microdvd").fps
    except pysubs2.exceptions.UnknownFPSError:
        declared = None
    if declared:
        return sources[1:], declared
    if not fps:
        raise SubtitleError("MicroDVD counts frames, and the video's frame rate is unknown")
    return sources, float(fps)


def parse_subtitles(text: str, format_: str | None = None, fps: Fraction | None = None) -> ParsedSubtitles:
    """Parse subtitle text in a pysubs2 format (``srt``, ``vtt``, ``ass``, ``ssa``, ``microdvd``).

    Without ``format_`` the text is WebVTT if it starts with ``WEBVTT``, else SRT. ``fps`` (the
    video's) times MicroDVD frames. Overlapping cues are kept, sorted by start.
    """
    text = _normalise(text)
    format_ = format_ or WebVTTFormat.guess_format(text) or "srt"
    warnings: list[tuple[int, str]] = []  # (line, message), reported in line order
    rate: float | None = None
    if format_ in ("srt", "vtt"):
        sources, warnings = _timed_blocks(text)
    elif format_ in ("ass", "ssa"):
        sources = _dialogue_lines(text)
    elif format_ == "microdvd":
        sources, rate = _frame_lines(text, fps)
    else:
        raise SubtitleError(f"unsupported subtitle format {format_!r}")
    cues: list[TimedText] = []
    for source in sources:
        shown = source.text.split("\n")[0].strip()[:60]
        try:
            events = pysubs2.SSAFile.from_string(source.text, format_=format_, fps=rate).events
        except (pysubs2.exceptions.Pysubs2Error, ValueError) as exc:
            warnings.append((source.line, f"skipped cue {shown!r}: {exc}"))
            continue
        if not events:
            warnings.append((source.line, f"skipped cue: no start and end time in {shown!r}"))
        for event in events:
            if event.end <= event.start:
                warnings.append((source.line, f"skipped cue ending before it starts: {shown!r}"))
            elif body := clean_cue_text(event.plaintext):
                cues.append(TimedText(Fraction(event.start, 1000), Fraction(event.end, 1000), body))
    cues.sort(key=lambda c: (c.start, c.end))
    warnings.sort(key=lambda warning: warning[0])
    return ParsedSubtitles(tuple(cues), tuple(f"line {line}: {message}" for line, message in warnings))


def _file_format(path: Path, text: str) -> str | None:
    """pysubs2 format by suffix; ASS vs SSA is read from the text, SRT vs WebVTT by ``parse_subtitles``."""
    format_ = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if format_ is None:
        raise SubtitleError(f"not a subtitle file (expected {', '.join(SUBTITLE_SUFFIXES)})")
    if format_ in ("ass", "ssa"):
        return SubstationFormat.guess_format(text) or format_
    return None if format_ in ("srt", "vtt") else format_


def read_subtitle_file(path: Path, fps: Fraction | None = None) -> ParsedSubtitles:
    """Parse a subtitle file; ``fps`` is the video's frame rate, needed for MicroDVD ``.sub`` files."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubtitleError(f"cannot read subtitles {path}: {exc}") from exc
    text, warnings = decode_subtitle_bytes(data)
    try:
        parsed = parse_subtitles(text, _file_format(path, text), fps)
    except SubtitleError as exc:
        raise SubtitleError(f"cannot read subtitles {path}: {exc}") from exc
    return ParsedSubtitles(parsed.cues, tuple(warnings) + parsed.warnings)


def find_sidecars(video_path: Path, languages: tuple[str, ...] = ("en",)) -> list[Path]:
    """Subtitle files beside a video, best first: ``stem.srt|vtt|ass|ssa|sub``, then ``stem.<lang>.…``.

    Untagged files come first (they were made for this file), then tagged ones in ``languages``
    order, then any other language alphabetically.
    """
    video_path = Path(video_path)
    stem = video_path.stem
    ranked: list[tuple[tuple[int, str], Path]] = []
    try:
        siblings = list(video_path.parent.iterdir())
    except OSError:
        return []
    prefs = [lang.lower() for lang in languages]
    for path in siblings:
        if path.suffix.lower() not in SUBTITLE_SUFFIXES or not path.is_file():
            continue
        middle = path.name[: -len(path.suffix)]
        if middle == stem:
            rank = -1
        elif middle.startswith(stem + ".") and _LANG_SUFFIX.match(lang := middle[len(stem) + 1:]):
            base = re.split(r"[-_]", lang.lower())[0]
            rank = prefs.index(base) if base in prefs else len(prefs)
        else:
            continue
        ranked.append(((rank, path.name), path))
    return [path for _, path in sorted(ranked)]


@dataclass(frozen=True)
class SubtitleStream:
    index: int  # position among the file's subtitle streams (ffmpeg's ``0:s:N``)
    codec: str
    language: str | None


def subtitle_streams(video_path: Path) -> list[SubtitleStream]:
    try:
        with av.open(str(video_path)) as container:
            return [
                SubtitleStream(n, s.codec_context.name, (s.metadata or {}).get("language"))
                for n, s in enumerate(container.streams.subtitles)
            ]
    except av.error.FFmpegError as exc:
        raise SubtitleError(f"cannot open {video_path}: {exc}") from exc


def pick_text_stream(streams: list[SubtitleStream], languages: tuple[str, ...]) -> SubtitleStream | None:
    """The first text stream in a preferred language, else the first text stream at all."""
    text_streams = [s for s in streams if s.codec in TEXT_SUBTITLE_CODECS]
    for lang in languages:
        for stream in text_streams:
            if stream.language and stream.language.lower()[:2] == lang.lower()[:2]:
                return stream
    return text_streams[0] if text_streams else None


def extract_subtitle_stream(video_path: Path, stream: SubtitleStream) -> ParsedSubtitles:
    """Convert one embedded text stream to SubRip with ffmpeg and parse it."""
    with tempfile.TemporaryDirectory(prefix="personalcut-subs-") as tmp:
        out = Path(tmp) / "stream.srt"
        cmd = [
            ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-i", str(video_path),
            "-map", f"0:s:{stream.index}", "-c:s", "srt", "-f", "srt", str(out),
        ]
        argv, tie = tied(cmd)
        proc = subprocess.run(argv, capture_output=True, text=True, check=False, **tie)
        if proc.returncode != 0 or not out.exists():
            raise SubtitleError(
                f"ffmpeg could not extract subtitle stream {stream.index} ({stream.codec}) from "
                f"{video_path}: {proc.stderr.strip()[-300:]}"
            )
        return read_subtitle_file(out)
