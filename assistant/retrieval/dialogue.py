"""The dialogue signal for retrieval: lines whose words or meaning match the query, as scenes.

Dialogue scores have an absolute scale (the dialogue search already drops lines below its bar), so this
signal decides for itself instead of going through the per-film statistics pictures need. A matching
line becomes a scene around that line, padded to nearby cuts so it is never cut mid-word; a long shot
with one matching line must not come back whole.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np

from assistant.plan.language import UNDETERMINED, detect_language, language_code
from assistant.plan.schema import Query
from assistant.retrieval.types import Scene, ShotLibrary, ShotScores, Signal
from index.dialogue import (
    Cue,
    CueHit,
    cues_for,
    dialogue_clip_range,
    search_dialogue,
    shot_dialogue_scores,
    spoken_sources,
)
from index.shot import Shot

# A cue that says nothing: empty, or only sounds and music ("[door slams]", "♪ ♪", "(laughing)")
_NOT_SPEECH = re.compile(r"(?:\s|[♪♫#*-]|\[[^\]]*\]|\([^)]*\))*")
SAME_EXCHANGE = Fraction(2)  # seconds of quiet between two lines of one conversation (Tears' argument: <= 1)
ALL_WORDS = 0.999  # a hit's word score when the line has every word of the query (IDF-weighted share)
WHOLE_RATIO = 0.8  # ... and how close another line must score to stay beside such a line
LINES_TO_DETECT = 80  # an untagged film's first lines are enough to tell its language
MAX_LINES = 200  # lines per query across the session's videos; more than anyone wants in one cut
REACH = Fraction(2)  # seconds around a line where the shots that can shape its clip lie (padding is 0.75 s)


class DialogueScorer:
    """Scores shots by the best matching line over them and gives each matching line's range as a scene.

    Videos without dialogue are skipped before any search, so a library without cues costs one small
    SQL query per video and never loads the sentence model.
    """

    signal: Signal = "dialogue"

    def __init__(self, max_lines: int = MAX_LINES) -> None:
        self.max_lines = max_lines

    def score(self, library: ShotLibrary, query: Query, video_ids: Sequence[str]) -> dict[str, ShotScores]:
        spoken = film_languages(library.dir, video_ids)
        if not spoken:
            return {}
        per_video: dict[str, list[CueHit]] = defaultdict(list)
        if query.any_line:  # "the parts where someone talks": every line, each as sure as the others
            # with people, each line on its own: who is on screen is judged line by line
            per_video.update((vid, every_line(library.dir, vid, bridge=not query.people)) for vid in spoken)
        else:
            # Each film's lines are searched with the query's words in the film's language.
            by_language: dict[str | None, list[str]] = defaultdict(list)
            for vid, language in spoken.items():
                by_language[language].append(vid)
            for language, vids in by_language.items():
                found = search_dialogue(library.dir, query.words_in(language), vids, k=self.max_lines,
                                        language=language)
                for hit in said_whole(found):
                    per_video[hit.cue.video_id].append(hit)
        out = {}
        for vid in spoken:
            shots = library.shots(vid)
            hits = per_video.get(vid, [])
            scores, lines = line_scores(hits, shots)
            fps = library.video(vid).fps
            scenes = tuple(s for s in (line_scene(hit, shots, fps) for hit in hits) if s is not None)
            out[vid] = ShotScores("dialogue", tuple(shots), scores, None, lines, scenes)
        return out


def said_whole(hits: Sequence[CueHit]) -> list[CueHit]:
    """``hits`` without the lines that say only some of the words asked for, when another line says them
    all: "the line about the robot hand" is the line with both words, not every line that says "robot"
    (those scored 0.46-0.56 against its 1.0 on the Tears clip, and all four went). A line whose meaning is
    as close stays (``WHOLE_RATIO`` of the best score), and so does every hit when no line says it all."""
    if not any(hit.words >= ALL_WORDS for hit in hits):
        return list(hits)
    best = max(hit.score for hit in hits)
    return [hit for hit in hits if hit.words >= ALL_WORDS or hit.score >= WHOLE_RATIO * best]


def every_line(library_dir: Path, video_id: str, bridge: bool = True) -> list[CueHit]:
    """Every line of a video as a hit of score 1 (``Query.any_line``), no cap: a film's dialogue is wanted
    whole. With ``bridge``, lines less than ``SAME_EXCHANGE`` apart are one hit, so a conversation comes back
    as one clip, not one per line with a jump at every pause for breath."""
    lines = [cue for cue in cues_for(library_dir, video_id) if not _NOT_SPEECH.fullmatch(cue.text)]
    runs: list[list[Cue]] = []
    for cue in sorted(lines, key=lambda c: c.start):
        if bridge and runs and cue.start - runs[-1][-1].end <= SAME_EXCHANGE:
            runs[-1].append(cue)
        else:
            runs.append([cue])
    return [CueHit(replace(run[0], end=max(c.end for c in run),
                           text=run[0].text + (" …" if len(run) > 1 else "")), 1.0, "words") for run in runs]


def with_dialogue(library: ShotLibrary, video_ids: Sequence[str]) -> list[str]:
    """The videos (of ``video_ids``, in order) that have dialogue cues stored."""
    return list(spoken_sources(library.dir, video_ids))


def film_languages(library_dir: Path, video_ids: Sequence[str]) -> dict[str, str | None]:
    """The videos of ``video_ids`` that have lines, each with the ISO 639-1 code of the language its
    lines are in: the tag of its subtitles (file name, stream) or of speech recognition, else what the
    lines themselves read as (None when they read as nothing). One library connection for them all; the
    lines are read only for an untagged film not seen before."""
    return {vid: None if source is None else
            _film_language(Path(library_dir), vid, source.signature, source.language)
            for vid, source in spoken_sources(library_dir, video_ids).items()}


@functools.lru_cache(maxsize=256)
def _film_language(library_dir: Path, video_id: str, signature: str, tag: str | None) -> str | None:
    if code := language_code(tag):
        return code
    lines = " ".join(cue.text for cue in cues_for(library_dir, video_id)[:LINES_TO_DETECT])
    found = detect_language(lines) if lines else UNDETERMINED
    return None if found == UNDETERMINED else found


def near(cue: Cue, shots: Sequence[Shot]) -> slice:
    """The shots (in time order) within ``REACH`` of a line: all its clip and scores depend on."""
    first = bisect.bisect_right(shots, cue.start - REACH, key=lambda s: s.end)
    return slice(first, max(first, bisect.bisect_left(shots, cue.end + REACH, key=lambda s: s.start)))


def line_scores(hits: Sequence[CueHit], shots: Sequence[Shot]) -> tuple[np.ndarray, tuple[str | None, ...]]:
    """``shot_dialogue_scores`` (best line per shot), looking only at the shots near each line."""
    scores = np.zeros(len(shots), dtype=float)
    lines: list[str | None] = [None] * len(shots)
    for hit in hits:
        window = near(hit.cue, shots)
        own, own_lines = shot_dialogue_scores([hit], shots[window])
        for i in np.flatnonzero(own > scores[window]):
            scores[window.start + i], lines[window.start + i] = own[i], own_lines[i]
    return scores, tuple(lines)


def line_scene(hit: CueHit, shots: Sequence[Shot], fps: Fraction) -> Scene | None:
    """The scene that shows one matching line whole (see ``dialogue_clip_range``); shots in time order.

    None for a line outside every shot (subtitles that run past the end of the video).
    """
    shots = shots[near(hit.cue, shots)]
    if not any(s.start < hit.cue.end and s.end > hit.cue.start for s in shots):
        return None
    in_frame, out_frame = dialogue_clip_range(hit.cue, shots, fps)
    covered = [s for s in shots if s.start_frame < out_frame and s.end_frame > in_frame]
    return Scene(
        video_id=hit.cue.video_id, first_shot=covered[0].index, last_shot=covered[-1].index,
        start_frame=in_frame, end_frame=out_frame, start=frame_time(in_frame, shots, fps),
        end=frame_time(out_frame, shots, fps), score=hit.score, signal="dialogue", line=hit.cue.text,
    )


def frame_time(frame: int, shots: Sequence[Shot], fps: Fraction) -> Fraction:
    """When ``frame`` is shown: exact at shot boundaries, counted at ``fps`` from its shot's start inside.

    The inverse of how ``dialogue_clip_range`` finds frames, so a line's range maps back to its times.
    """
    for shot in shots:
        if shot.start_frame <= frame < shot.end_frame:
            return min(shot.start + Fraction(frame - shot.start_frame) / fps, shot.end)
    last = max(shots, key=lambda s: s.end_frame)
    if frame >= last.end_frame:
        return last.end
    raise ValueError(f"frame {frame} is before the first shot")
