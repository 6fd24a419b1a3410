"""Dialogue in the index, the front door: ``index_dialogue`` at ingest, ``search_dialogue`` at query time.

A video's dialogue comes from the best source it has: a sidecar subtitle file, else an embedded
text subtitle stream, else speech recognition. Search fuses two signals per cue: the words it shares
with the query (FTS5) and its meaning (sentence-embedding cosine), so exact quotes and paraphrases
both find their line, and a hit says which signal matched.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal

import av
import numpy as np

from index import dialogue_store as store
from index.asr import AsrModelUnavailable, AsrUnavailable, transcribe
from index.db import connect
from index.dialogue_index import DialogueVectors, cached_vectors, sync_vectors
from index.dialogue_store import Cue, CueSource, SourceRecord
from index.sentence_embedder import (
    DEFAULT_SENTENCE_MODEL,
    SentenceEmbedder,
    SentenceModelUnavailable,
    sentence_embedder,
)
from index.shot import Shot, VideoInfo
from index.subtitles import (
    ParsedSubtitles,
    SubtitleError,
    extract_subtitle_stream,
    find_sidecars,
    pick_text_stream,
    read_subtitle_file,
    subtitle_streams,
)

__all__ = [
    "Cue", "CueHit", "DialogueReport", "index_dialogue", "search_dialogue", "cues_for", "dialogue_clip_range",
    "shot_dialogue_scores", "DIALOGUE_MIN_SCORE", "ASR_OFF", "DialogueSource",
]

log = logging.getLogger(__name__)
Progress = Callable[[float, str], None]
MatchSignal = Literal["words", "meaning", "both"]
DialogueSource = CueSource | Literal["none"]  # where a video's dialogue came from; "none": no dialogue

# Cosine between unrelated MiniLM sentences sits around 0..0.2, so meaning counts from MEANING_FLOOR up.
MEANING_FLOOR = 0.2
# Fused score below this is "no match". On Tears of Steel lines, paraphrases that match score >= 0.47
# and lines that are not in the film <= 0.11 (benchmarks/bench_dialogue.py).
DIALOGUE_MIN_SCORE = 0.4
MULTILINGUAL_MARKS = ("multilingual", "labse", "distiluse", "-m3", "xlm")  # e.g. paraphrase-multilingual-*
ASR_OFF = "speech recognition off"  # starts the warning when the ASR model cannot load at all
BOTH_WORDS, BOTH_MEANING = 0.5, 0.4  # each signal on its own this strong: the hit is labelled "both"


@dataclass(frozen=True)
class CueHit:
    cue: Cue
    score: float  # fused, in [0, 1]
    signal: MatchSignal
    shot_indices: tuple[int, ...] = ()  # shots of cue.video_id the line overlaps
    words: float = 0.0  # the two signals behind ``score``, for explanations and tuning
    meaning: float = 0.0


@dataclass(frozen=True)
class DialogueReport:
    video_id: str
    source: DialogueSource
    origin: str  # sidecar path, "stream N (codec, lang)" or the ASR model
    cues: int
    shot_links: int  # (cue, shot) pairs that overlap in time
    unchanged: bool  # the stored cues already came from this source: nothing was redone
    vectors_added: int = 0
    warnings: tuple[str, ...] = ()
    asr_unavailable: bool = False  # speech recognition was wanted but its model cannot load (see warnings)


@dataclass(frozen=True)
class _Candidate:
    source: CueSource
    origin: str
    signature: str
    load: Callable[[], ParsedSubtitles]
    language: str | None = None


def _sidecar_candidates(
    video: VideoInfo, languages: tuple[str, ...], warnings: list[str]
) -> list[_Candidate]:
    """Sidecar files best first, each read with the video's frame rate (MicroDVD counts frames)."""
    found = []
    for path in find_sidecars(Path(video.path), languages):
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
        except OSError as exc:
            warnings.append(f"cannot read subtitles {path}: {exc}")
            continue
        lang = path.name[len(Path(video.path).stem):-len(path.suffix)].lstrip(".") or None
        found.append(_Candidate("sidecar", str(path), f"sidecar:{digest}",
                                functools.partial(read_subtitle_file, path, video.fps), lang))
    return found


def _embedded_candidate(video: VideoInfo, languages: tuple[str, ...]) -> _Candidate | None:
    stream = pick_text_stream(subtitle_streams(Path(video.path)), languages)
    if stream is None:
        return None
    return _Candidate(
        "embedded", f"stream {stream.index} ({stream.codec}, {stream.language or 'und'})",
        f"embedded:{video.id}:{stream.index}", lambda: extract_subtitle_stream(Path(video.path), stream),
        stream.language,
    )


def _candidates(
    video: VideoInfo, languages: tuple[str, ...], asr_model: str | None, notify: Progress, warnings: list[str]
) -> Iterator[_Candidate]:
    """Sources best first, each looked at only if the ones before gave nothing (probing costs)."""
    yield from _sidecar_candidates(video, languages, warnings)
    try:
        embedded = _embedded_candidate(video, languages)
    except SubtitleError as exc:
        warnings.append(str(exc))
        embedded = None
    if embedded is not None:
        yield embedded
    if asr_model and video.has_audio:
        yield _Candidate("asr", asr_model, f"asr:{asr_model}", lambda: _recognise(video, asr_model, notify))


def index_dialogue(
    video: VideoInfo,
    shots: Sequence[Shot],
    library_dir: Path,
    *,
    asr_model: str | None = "base",
    use_asr: bool = True,
    embedder: SentenceEmbedder | None = None,
    progress: Progress | None = None,
    languages: tuple[str, ...] = ("en",),
) -> DialogueReport:
    """Store a video's dialogue cues (linked to the shots they overlap) and their sentence vectors.

    Idempotent: when the stored cues came from the same source content, nothing is redone. If speech
    recognition is wanted but unavailable (offline, no faster-whisper), the reason is a warning in the
    report and the rest of the ingest goes on.
    """
    library_dir = Path(library_dir)
    notify = progress or (lambda fraction, message: None)
    warnings: list[str] = []
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        stored = store.source_record(conn, video.id)
        chosen, parsed, unchanged, asr_unavailable = None, None, False, False
        for candidate in _candidates(video, languages, asr_model if use_asr else None, notify, warnings):
            if stored is not None and stored.signature == candidate.signature:
                chosen, unchanged = candidate, True
                break
            notify(0.0, f"dialogue from {candidate.source}: {candidate.origin}")
            try:
                parsed = candidate.load()
            except AsrModelUnavailable as exc:
                warnings.append(f"{ASR_OFF}: {exc}")
                asr_unavailable = True
                continue
            except (SubtitleError, AsrUnavailable) as exc:
                warnings.append(str(exc))
                continue
            warnings += [f"{candidate.origin}: {w}" for w in parsed.warnings]
            if parsed.cues:
                chosen = candidate
                break
            warnings.append(f"{candidate.origin}: no dialogue found")
        if chosen is None or unchanged or parsed is None:
            links = store.relink_shots(conn, video.id, shots)
        else:
            cues = [
                Cue(video.id, i, c.start, c.end, c.text, chosen.source) for i, c in enumerate(parsed.cues)
            ]
            record = SourceRecord(
                chosen.source, chosen.origin, chosen.signature, chosen.language, tuple(warnings)
            )
            links = store.replace_cues(conn, video.id, cues, shots, record)
        count = len(store.cues_for(conn, video.id))
        added = _sync(conn, library_dir, embedder, warnings)
    notify(1.0, f"dialogue: {count} cues")
    source: DialogueSource
    if chosen is not None:
        source, origin = chosen.source, chosen.origin
    elif stored is not None:  # nothing usable now (e.g. use_asr=False after ASR): the stored cues stay
        source, origin, unchanged = stored.source, stored.origin, True
    else:
        source, origin = "none", ""
    return DialogueReport(video.id, source, origin, count, links, unchanged, added, tuple(warnings),
                          asr_unavailable)


def _recognise(video: VideoInfo, model: str, notify: Progress) -> ParsedSubtitles:
    try:
        transcript = transcribe(Path(video.path), model, progress=notify)
    except av.error.FFmpegError as exc:
        raise AsrUnavailable(f"cannot decode the audio of {video.path} for speech recognition: {exc}") \
            from exc
    return ParsedSubtitles(transcript.cues)


def _sync(conn, library_dir: Path, embedder: SentenceEmbedder | None, warnings: list[str]) -> int:
    ids = set(store.cue_ids(conn))
    try:
        added, _ = sync_vectors(library_dir, ids, lambda batch: store.cue_texts(conn, batch),
                                lambda: embedder or sentence_embedder(DEFAULT_SENTENCE_MODEL))
    except SentenceModelUnavailable as exc:
        warnings.append(f"dialogue meaning search not updated (word search still works): {exc}")
        return 0
    return added


def cues_for(library_dir: Path, video_id: str) -> list[Cue]:
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        return store.cues_for(conn, video_id)


def spoken_sources(library_dir: Path, video_ids: Sequence[str]) -> dict[str, SourceRecord | None]:
    """The videos that have lines stored, with where the lines came from: one connection for them all."""
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        return store.spoken_sources(conn, video_ids)


def _query_embedder(vectors: DialogueVectors, given: SentenceEmbedder | None) -> SentenceEmbedder | None:
    """The embedder the index was built with: vectors from another model are not comparable."""
    if given is not None and given.model_id == vectors.model_id:
        return given
    try:
        return sentence_embedder(vectors.model_id)
    except SentenceModelUnavailable as exc:
        log.warning("dialogue search by words only: %s", exc)
        return None


def warm_dialogue_search(library_dir: Path) -> None:
    """Load the sentence model the library's dialogue index needs (seconds), before anyone asks."""
    vectors = cached_vectors(Path(library_dir))
    model = _query_embedder(vectors, None) if vectors is not None else None
    if model is not None:
        model.embed_texts(["warm up"])


def reads_many_languages(model_id: str) -> bool:
    """Whether a sentence model was trained on many languages, going by the names such models carry."""
    return any(mark in model_id.lower() for mark in MULTILINGUAL_MARKS)


def fuse(words: float, cosine: float) -> tuple[float, MatchSignal]:
    """One score from both signals (either can carry a hit; agreeing raises it) and which one carried it."""
    meaning = max(0.0, (cosine - MEANING_FLOOR) / (1 - MEANING_FLOOR))
    score = 1 - (1 - words) * (1 - meaning)
    if words >= BOTH_WORDS and cosine >= BOTH_MEANING:
        return score, "both"
    return score, "words" if words >= meaning else "meaning"


def search_dialogue(
    library_dir: Path,
    text: str,
    video_ids: Sequence[str] | None = None,
    k: int = 20,
    *,
    min_score: float = DIALOGUE_MIN_SCORE,
    embedder: SentenceEmbedder | None = None,
    language: str | None = None,
) -> list[CueHit]:
    """Lines of dialogue matching ``text``, best first; an empty list is a clear "no match".

    ``min_score=0`` returns every candidate ranked, for callers doing their own thresholding.
    ``embedder`` is used when it is the model the index was built with (else that model is loaded).
    ``language`` (ISO 639-1) is the lines' language (English if None): which words count little, and
    whether the meaning signal can be trusted (an English sentence model finds "le parapluie" as near to
    "Le train est encore en retard." as to the line with the umbrella: lines in another language are
    searched by their words, unless the model reads many languages).
    """
    library_dir = Path(library_dir)
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        words = dict(store.word_search(conn, text, video_ids, limit=max(200, 5 * k), language=language))
        cosines: dict[int, float] = {}
        vectors = cached_vectors(library_dir)
        model = _query_embedder(vectors, embedder) if vectors is not None else None
        reads = language in (None, "en") or (vectors is not None and reads_many_languages(vectors.model_id))
        if vectors is not None and model is not None and reads:
            query = model.embed_texts([text])[0]
            allowed = store.cue_ids(conn, video_ids) if video_ids is not None else None
            cosines = dict(vectors.search(query, max(50, 5 * k), allowed))
            # word hits outside the semantic top list get their exact cosine, so fusion sees both signals
            cosines.update(vectors.cosines(query, list(words.keys() - cosines.keys())))
        scored = []
        for cue_id in words.keys() | cosines.keys():
            score, signal = fuse(words.get(cue_id, 0.0), cosines.get(cue_id, 0.0))
            if score >= min_score:
                scored.append((score, cue_id, signal))
        scored.sort(key=lambda item: (-item[0], item[1]))
        scored = scored[:k]
        found = store.stored_cues(conn, [cue_id for _, cue_id, _ in scored])
    return [
        CueHit(found[i].cue, round(score, 4), signal, found[i].shot_indices, words.get(i, 0.0),
               cosines.get(i, 0.0))
        for score, i, signal in scored if i in found
    ]


def shot_dialogue_scores(
    hits: Sequence[CueHit], shots: Sequence[Shot]
) -> tuple[np.ndarray, tuple[str | None, ...]]:
    """Per shot (in the given order): the best hit score among lines overlapping it (0 if none) and that line.

    The bridge to shot-level retrieval: overlap is computed from times, so it holds for any shot list.
    """
    scores = np.zeros(len(shots), dtype=float)
    lines: list[str | None] = [None] * len(shots)
    for hit in sorted(hits, key=lambda h: h.score):  # best last, so it wins each shot
        for i, shot in enumerate(shots):
            if shot.video_id == hit.cue.video_id and shot.start < hit.cue.end and shot.end > hit.cue.start:
                scores[i], lines[i] = hit.score, hit.cue.text
    return scores, tuple(lines)


def _frame_at(t: Fraction, shots: Sequence[Shot], fps: Fraction, round_up: bool) -> int:
    """Frame number showing time ``t``, counted from the shot containing it (exact for VFR shot edges)."""
    anchor = next((s for s in shots if (s.start < t <= s.end if round_up else s.start <= t < s.end)), None)
    base_frame, base_time = (anchor.start_frame, anchor.start) if anchor else (0, Fraction(0))
    offset = (t - base_time) * fps
    return base_frame + (math.ceil(offset) if round_up else math.floor(offset))


def dialogue_clip_range(
    cue: Cue, shots: Sequence[Shot], fps: Fraction, pad_to_shot_within: float = 0.75
) -> tuple[int, int]:
    """``[in_frame, out_frame)`` covering the whole line, widened to a shot cut when one is that close.

    Only ever widens: the first word starts on or after the in frame and the last word ends by the
    out frame, so a line is never cut mid-word; a cut just outside the line looks deliberate.
    """
    fps = Fraction(fps)
    pad = Fraction(pad_to_shot_within).limit_denominator(1000)
    own = sorted((s for s in shots if s.video_id == cue.video_id), key=lambda s: s.start)
    starts = [s for s in own if cue.start - pad <= s.start <= cue.start]
    ends = [s for s in own if cue.end <= s.end <= cue.end + pad]
    in_frame = (
        max(starts, key=lambda s: s.start).start_frame if starts else _frame_at(cue.start, own, fps, False)
    )
    out_frame = min(ends, key=lambda s: s.end).end_frame if ends else _frame_at(cue.end, own, fps, True)
    if own:
        in_frame = max(in_frame, own[0].start_frame)
        out_frame = min(out_frame, own[-1].end_frame)
    return in_frame, max(out_frame, in_frame + 1)
