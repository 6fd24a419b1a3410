"""Subtitles as timed text: SRT/WebVTT/ASS/SSA parsing, sidecar discovery, embedded stream extraction.

Real subtitle files are messy (BOMs, CRLF, styling tags, a broken timestamp in cue 312), so parsing
never fails on one bad cue: it is skipped and reported as a warning, and the rest is kept.
Times are exact ``Fraction`` seconds (millisecond text), never floats.
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

from index.child_process import tied_to_parent
from index.ffmpeg_bin import ffmpeg_exe

SUBTITLE_SUFFIXES = (".vtt", ".srt", ".ass", ".ssa")
STYLED_SUFFIXES = (".ass", ".ssa")  # Advanced SubStation: parsed by pysubs2
# Text subtitle codecs ffmpeg can turn into SubRip; bitmap ones (PGS, VobSub, DVB) need OCR and are skipped.
TEXT_SUBTITLE_CODECS = frozenset({"subrip", "srt", "ass", "ssa", "mov_text", "webvtt", "text", "microdvd"})

_TIMING = re.compile(r"^\s*(?P<start>\S+)\s*-->\s*(?P<end>\S+)(?P<settings>.*)$")
_TIMESTAMP = re.compile(r"^(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{1,2})(?:[.,](?P<frac>\d{1,3}))?$")
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<\d[\d:.,]*>")  # <i>, </i>, <c.yellow>, <v Name>, <00:00:01.000>
_ASS_OVERRIDE = re.compile(r"\{\\[^}]*\}")  # {\an8} positioning codes some SRT files carry
_LANG_SUFFIX = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")


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


def parse_timestamp(text: str) -> Fraction:
    """``01:02:03,456`` / ``02:03.4`` -> exact seconds; comma or dot millis, hours optional."""
    match = _TIMESTAMP.match(text.strip())
    if not match:
        raise ValueError(f"not a timestamp: {text!r}")
    minutes, seconds = int(match["m"]), int(match["s"])
    if minutes > 59 or seconds > 59:
        raise ValueError(f"minutes/seconds out of range: {text!r}")
    frac = match["frac"] or "0"
    return (
        Fraction(int(match["h"] or 0) * 3600 + minutes * 60 + seconds)
        + Fraction(int(frac), 10 ** len(frac))
    )


def clean_cue_text(lines: list[str]) -> str:
    """Plain text of a cue: styling tags and entities removed, lines joined with spaces."""
    text = " ".join(line.strip() for line in lines)
    text = _ASS_OVERRIDE.sub("", _TAG.sub("", text))
    return " ".join(html.unescape(text).split())


def decode_subtitle_bytes(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (BOM or not), falling back to cp1252 (old SRTs) with a warning; newlines normalised."""
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append("not UTF-8; decoded as Windows-1252")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines, each line with its 1-based number (for warnings)."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def parse_subtitles(text: str) -> ParsedSubtitles:
    """Parse SRT or WebVTT text (one block parser serves both: a block is the lines between blank lines)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    cues: list[TimedText] = []
    warnings: list[str] = []
    for block in _blocks(text):
        timing_at = next((i for i, (_, line) in enumerate(block) if "-->" in line), None)
        if timing_at is None:
            first_no, head = block[0]
            head = head.strip()
            lone_number = head.isdigit() and len(block) == 1
            if not (head.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")) or lone_number):
                shown = " / ".join(line.strip() for _, line in block[:2])
                warnings.append(f"line {first_no}: ignored text without a timing line: {shown[:60]!r}")
            continue
        timing_no, timing_line = block[timing_at]
        match = _TIMING.match(timing_line)
        try:
            if not match:
                raise ValueError(f"bad timing line {timing_line.strip()!r}")
            start, end = parse_timestamp(match["start"]), parse_timestamp(match["end"])
        except ValueError as exc:
            warnings.append(f"line {timing_no}: skipped cue: {exc}")
            continue
        if end <= start:
            warnings.append(f"line {timing_no}: skipped cue ending before it starts")
            continue
        body = clean_cue_text([line for _, line in block[timing_at + 1:]])
        if body:
            cues.append(TimedText(start, end, body))
    cues.sort(key=lambda c: (c.start, c.end))  # overlapping cues are kept; only their order is fixed
    return ParsedSubtitles(tuple(cues), tuple(warnings))


def read_subtitle_file(path: Path) -> ParsedSubtitles:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubtitleError(f"cannot read subtitles {path}: {exc}") from exc
    text, warnings = decode_subtitle_bytes(data)
    parsed = parse_styled_subtitles(text) if path.suffix.lower() in STYLED_SUFFIXES else parse_subtitles(text)
    return ParsedSubtitles(parsed.cues, tuple(warnings) + parsed.warnings)


def parse_styled_subtitles(text: str) -> ParsedSubtitles:
    """ASS/SSA dialogue as plain cues (override codes and ``\\N`` breaks removed); comments are skipped."""
    import pysubs2

    try:
        subs = pysubs2.SSAFile.from_string(text, format_="ass")  # one parser reads ASS and SSA
    except (pysubs2.exceptions.Pysubs2Error, ValueError) as exc:
        raise SubtitleError(f"not an ASS/SSA subtitle file: {exc}") from exc
    cues, warnings = [], []
    for n, event in enumerate(subs.events, start=1):
        if event.is_comment:
            continue
        body = clean_cue_text([event.plaintext.replace("\n", " ")])
        if event.end <= event.start:
            warnings.append(f"event {n}: skipped cue ending before it starts")
        elif body:
            cues.append(TimedText(Fraction(event.start, 1000), Fraction(event.end, 1000), body))
    cues.sort(key=lambda c: (c.start, c.end))
    return ParsedSubtitles(tuple(cues), tuple(warnings))


def find_sidecars(video_path: Path, languages: tuple[str, ...] = ("en",)) -> list[Path]:
    """Subtitle files beside a video, best first: ``stem.srt|vtt|ass|ssa``, then ``stem.<lang>.…``.

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
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, **tied_to_parent())
        if proc.returncode != 0 or not out.exists():
            raise SubtitleError(
                f"ffmpeg could not extract subtitle stream {stream.index} ({stream.codec}) from "
                f"{video_path}: {proc.stderr.strip()[-300:]}"
            )
        return read_subtitle_file(out)
