"""Recipes (``.pcut.json``): a cut shared as an edit list that plays on the viewer's own copy of the film.

A recipe holds no pixels, no audio and no paths: the version chain that made the cut (chat turns, the plan
of each turn, clips in source frames, title, transition, speed, face blur and frame shape) and, per source
video, its duration, frame rate and a compact
fingerprint (sparse audio words, shot starts, shot pHashes; base64 of little-endian arrays). Applying it
aligns every source to a video of the viewer's library (``index.align``), maps each clip and creates
the versions as a new session in one transaction. Recipes come from strangers, so the schema is strict:
unknown keys are refused, numbers are finite and bounded, arrays are bounded by the duration they claim,
and text is cleaned and capped. Nothing in a recipe reaches a path, a shell or an ffmpeg argument; only
numbers and cleaned text come through. A turn's plan is re-validated as ``EditPlan`` when applied; one
that fails is dropped with a note, never trusted; a video a turn named ("everything from sintel") is
written by its source number, not its id, and read back as the viewer's copy. Version 1 files (no plans,
no privacy) still read.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Final, Literal

import numpy as np
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    ValidationError,
    field_validator,
    model_validator,
)

from assistant.plan.describe import plural
from assistant.plan.schema import MAX_NAME_CHARS, EditPlan, TransitionKind, clean_name, clean_text
from assistant.retrieval.types import Signal
from assistant.sessions.store import SessionStore
from assistant.timeline.apply import source_timeline
from assistant.timeline.model import (
    MAX_END_FADE_SECONDS,
    MAX_VOLUME,
    Aspect,
    BlurMode,
    Clip,
    FaceBlur,
    Join,
    Privacy,
    Reason,
    Timeline,
    Version,
)
from index import store as index_store
from index.align import (
    RECIPE_STRIDE,
    Alignment,
    AlignmentError,
    MappedClip,
    SourcePrint,
    align,
    map_clip,
)
from index.atomic import atomic_write_text
from index.cast import cast_list
from index.db import connect
from index.fingerprint import HOP, SAMPLE_RATE, decode_audio
from index.fingerprint_store import ensure_fingerprint
from index.shot import VideoInfo

RECIPE_FORMAT: Final = "personalcut-recipe"
# 2: each step may carry its plan and its privacy (face blur, frame shape); 3: and the cut's opening and
# closing fades and each clip's sound level (written only by recipes that have them, so others stay
# readable by older personalcuts)
RECIPE_VERSION: Final = 4
READABLE_VERSIONS: Final = (1, 2, 3, 4)
SUFFIX = ".pcut.json"
MAX_RECIPE_BYTES = 16 * 1024 * 1024
MAX_SOURCE_SECONDS = 12 * 3600.0
MAX_SOURCES = 16
MAX_STEPS = 200
MAX_CLIPS = 2000
MAX_SHOTS = 20000
MAX_TEXT = 2000
MAX_PLAN_BYTES = 64 * 1024  # one turn's plan as JSON; real plans are a few hundred bytes
MAX_PEOPLE = 64
WORD_SECONDS = RECIPE_STRIDE * HOP / SAMPLE_RATE
# A clip placed at least this confidently, the picture agreeing, is "sure": 0.5 is at most 6 of 32 audio bits
# differing (chance is 16); the re-encoded, leader, PAL, cropped and cut test editions measure 0.6-0.91.
SURE_CONFIDENCE = 0.5
AGREE_FRAMES = 1.5  # a cut of the copy this near an audio-placed boundary confirms it (align snaps onto it)
CHECK_FRAMES = 12  # farther than this, the copy's nearest cut is another cut: the picture cannot check
ApplyProgress = Callable[[float, str], None]  # (fraction done, what runs now)
_FiniteSeconds = Annotated[float, Field(ge=0, le=MAX_SOURCE_SECONDS, allow_inf_nan=False)]


class RecipeError(ValueError):
    """A recipe file that cannot be read or applied; the message says what is wrong."""


class MissingSource(RecipeError):
    """No video of the library is one of the recipe's sources: the viewer needs their copy of that film.
    ``missing`` lists every such source (number, source), so one message names all the copies to add."""

    def __init__(self, message: str, number: int, source: RecipeSource,
                 missing: Sequence[tuple[int, RecipeSource]] = ()) -> None:
        super().__init__(message)
        self.number = number
        self.source = source
        self.missing = tuple(missing) or ((number, source),)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RecipePrivacy(_Strict):
    """``Timeline.privacy``: which faces are blurred and the cut's frame shape.

    ``people`` are the sharer's cast numbers, which mean nothing in another library; ``names`` (same order,
    "" for someone never named) are what a viewer's cast is matched by (``to_privacy``).
    """

    blur: BlurMode = "none"
    people: tuple[Annotated[int, Field(ge=0, le=10**9)], ...] = Field(default=(), max_length=MAX_PEOPLE)
    names: tuple[Annotated[str, Field(max_length=MAX_NAME_CHARS)], ...] = Field(default=(),
                                                                                max_length=MAX_PEOPLE)
    aspect: Aspect = "original"

    @field_validator("names")
    @classmethod
    def _clean_names(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(clean_name(name) for name in v)

    @model_validator(mode="after")
    def _one_name_each(self) -> RecipePrivacy:
        if self.names and len(self.names) != len(self.people):
            raise ValueError("privacy names must be one per person")
        return self

    @classmethod
    def of(cls, privacy: Privacy, names: Mapping[int, str]) -> RecipePrivacy | None:
        """None when the cut has no effects (the file then holds no privacy at all)."""
        if not privacy.active:
            return None
        return cls(blur=privacy.blur, people=privacy.people, aspect=privacy.aspect,
                   names=tuple(names.get(n, "") for n in privacy.people))

    def to_privacy(self, cast: Mapping[str, int]) -> tuple[Privacy, str]:
        """This blur in a viewer's library whose named characters are ``cast`` (lower-case name -> number),
        and a note when someone could not be found. It fails safe: a person the viewer's cast lacks is
        never left unblurred ("all_but" blurs them too; "only" blurs everyone)."""
        found = {cast[name.lower()] for name in self.names if name and name.lower() in cast}
        missing = [name or f"#{n}" for n, name in zip(self.people, self.names or ("",) * len(self.people),
                                                      strict=True) if not name or name.lower() not in cast]
        blur: BlurMode = self.blur
        if blur == "only" and missing:
            blur, found = "all", set()
        elif blur == "all_but" and not found:
            blur = "all"
        people = tuple(sorted(found)) if blur in ("all_but", "only") else ()
        note = ""
        if missing and self.blur in ("all_but", "only"):
            who = ", ".join(missing)
            note = (f"({who} not found among the named people of your library: "
                    f"{'everyone is blurred' if blur == 'all' else 'they are blurred too'})")
        return Privacy(blur=blur, people=people, aspect=self.aspect), note


class RecipeClip(_Strict):
    source: int = Field(ge=0, lt=MAX_SOURCES)  # index into ``Recipe.sources``
    in_frame: int = Field(ge=0, le=10**8)
    out_frame: int = Field(ge=1, le=10**8)  # exclusive
    start: _FiniteSeconds  # seconds of in_frame (a reader's aid; frames and fps are what count)
    end: _FiniteSeconds
    speed: float = Field(default=1.0, ge=0.25, le=4.0, allow_inf_nan=False)
    volume: float = Field(default=1.0, ge=0, le=MAX_VOLUME, allow_inf_nan=False)  # its sound level (0: muted)
    # the transition from the clip before, when it is not the cut's own ("crossfade between clips 2 and 3")
    join: TransitionKind | None = None
    join_seconds: float = Field(default=0.0, ge=0, le=3, allow_inf_nan=False)
    # the faces this clip blurs when not the cut's own ("blur the faces in clip 3"; version 4); its aspect
    # is always the original, the cut's frame shape being the step's
    blur: RecipePrivacy | None = None
    query: str = Field(default="", max_length=MAX_TEXT)  # why the clip is in the cut
    signal: Signal = "source"

    @field_validator("query")
    @classmethod
    def _clean(cls, v: str) -> str:
        return clean_text(v, 300)

    @model_validator(mode="after")
    def _ordered(self) -> RecipeClip:
        if self.out_frame <= self.in_frame or self.end <= self.start:
            raise ValueError(f"clip frames [{self.in_frame}, {self.out_frame}) are empty or reversed")
        if self.blur is not None and self.blur.aspect != "original":
            raise ValueError("a clip's own blur carries no frame shape (the cut's is the step's privacy)")
        return self


class RecipeStep(_Strict):
    """One version of the chain: the chat turn that made it, its plan (as JSON, untrusted) and its cut."""

    turn: str = Field(default="", max_length=MAX_TEXT)
    note: str = Field(default="", max_length=MAX_TEXT)
    plan: dict[str, JsonValue] | None = None  # checked as an EditPlan only when applied (see ``step_plan``)
    title: str | None = Field(default=None, max_length=MAX_TEXT)
    transition: TransitionKind = "cut"
    transition_seconds: float = Field(default=0.0, ge=0, le=10, allow_inf_nan=False)
    fade_in: float = Field(default=0.0, ge=0, le=MAX_END_FADE_SECONDS, allow_inf_nan=False)
    fade_out: float = Field(default=0.0, ge=0, le=MAX_END_FADE_SECONDS, allow_inf_nan=False)
    privacy: RecipePrivacy | None = None
    clips: tuple[RecipeClip, ...] = Field(default=(), max_length=MAX_CLIPS)

    @field_validator("plan")
    @classmethod
    def _small_plan(cls, v: dict[str, JsonValue] | None) -> dict[str, JsonValue] | None:
        if v is not None and len(json.dumps(v)) > MAX_PLAN_BYTES:
            raise ValueError(f"a step's plan is at most {MAX_PLAN_BYTES // 1024} KB of JSON")
        return v

    @field_validator("turn", "note")
    @classmethod
    def _clean_text(cls, v: str) -> str:
        return clean_text(v, MAX_TEXT)

    @field_validator("title")
    @classmethod
    def _clean_title(cls, v: str | None) -> str | None:
        return None if v is None else clean_text(v, 120) or None


def _array(text: str, dtype: str, limit: int, what: str) -> np.ndarray:
    """Decode a base64 little-endian array, refusing bad base64, a ragged length or more than ``limit``."""
    width = np.dtype(dtype).itemsize
    if len(text) > (limit * width + 2) // 3 * 4 + 4:
        raise ValueError(f"{what}: more than {limit} values")
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise ValueError(f"{what}: not base64") from exc
    if len(raw) % width:
        raise ValueError(f"{what}: {len(raw)} bytes is not a whole number of {width}-byte values")
    return np.frombuffer(raw, dtype).copy()


def _encode(values: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype).tobytes()).decode("ascii")


class RecipeSource(_Strict):
    """A source video as the recipe knows it: how long, how fast, and its fingerprint."""

    title: str = Field(default="", max_length=MAX_TEXT)
    duration: float = Field(gt=0, le=MAX_SOURCE_SECONDS, allow_inf_nan=False)
    fps_num: int = Field(ge=1, le=1_000_000)
    fps_den: int = Field(ge=1, le=1_000_000)
    frames: int = Field(ge=1, le=10**8)
    audio: str = Field(default="", max_length=MAX_RECIPE_BYTES)  # uint32 words, one per WORD_SECONDS
    shot_starts_ms: str = Field(default="", max_length=MAX_RECIPE_BYTES)  # uint32, ascending
    shot_hashes: str = Field(default="", max_length=MAX_RECIPE_BYTES)  # uint64 pHash per shot, or empty

    @field_validator("title")
    @classmethod
    def _clean(cls, v: str) -> str:
        return clean_text(v, 200)

    @model_validator(mode="after")
    def _arrays_fit(self) -> RecipeSource:
        self._decode()
        return self

    def _decode(self) -> SourcePrint:
        """The fingerprint's arrays, checked against the duration and frames the source claims."""
        if not 1 <= self.fps <= 1000:
            raise ValueError(f"frame rate {self.fps_num}/{self.fps_den} is out of range")
        if abs(self.frames / float(self.fps) - self.duration) > 2.0 + 0.02 * self.duration:  # VFR drifts
            raise ValueError(f"{self.frames} frames at {self.fps_num}/{self.fps_den} fps do not last "
                             f"{self.duration:.2f} s")
        words = _array(self.audio, "<u4", math.ceil(self.duration / WORD_SECONDS) + 2, "audio")
        shots = min(MAX_SHOTS, self.frames)
        starts = _array(self.shot_starts_ms, "<u4", shots, "shot_starts_ms")
        hashes = _array(self.shot_hashes, "<u8", shots, "shot_hashes")
        ascending = bool(np.all(np.diff(starts.astype(np.int64)) > 0))
        if starts.size and (not ascending or starts[-1] > self.duration * 1000):
            raise ValueError("shot_starts_ms must ascend within the duration")
        if hashes.size not in (0, starts.size):
            raise ValueError(f"{hashes.size} shot hashes for {starts.size} shots")
        return SourcePrint(words, starts / 1000.0, hashes, self.duration, self.fps)

    @property
    def fps(self) -> Fraction:
        return Fraction(self.fps_num, self.fps_den)

    @property
    def content_print(self) -> SourcePrint:
        """The decoded fingerprint (it was checked when the model was validated)."""
        return self._decode()


class Recipe(_Strict):
    format: Literal["personalcut-recipe"] = RECIPE_FORMAT
    version: Literal[1, 2, 3, 4] = RECIPE_VERSION
    title: str = Field(default="", max_length=MAX_TEXT)
    sources: tuple[RecipeSource, ...] = Field(min_length=1, max_length=MAX_SOURCES)
    history: tuple[RecipeStep, ...] = Field(min_length=1, max_length=MAX_STEPS)  # root first, the cut last

    @field_validator("title")
    @classmethod
    def _clean(cls, v: str) -> str:
        return clean_text(v, 200)

    @model_validator(mode="after")
    def _clips_fit_sources(self) -> Recipe:
        for number, step in enumerate(self.history):
            if self.version == 1 and (step.plan is not None or step.privacy is not None):
                raise ValueError(f"step {number}: a version 1 recipe carries no plan or privacy")
            if self.version < 3 and _version_3(step):
                raise ValueError(f"step {number}: a version {self.version} recipe carries no fades or sound "
                                 "levels")
            if self.version < 4 and any(clip.blur is not None for clip in step.clips):
                raise ValueError(f"step {number}: a version {self.version} recipe carries no clip's own blur")
            for clip in step.clips:
                if clip.source >= len(self.sources):
                    raise ValueError(f"step {number}: a clip names source {clip.source}, the recipe has "
                                     f"{len(self.sources)}")
                source = self.sources[clip.source]
                if clip.out_frame > source.frames + 1:
                    raise ValueError(f"step {number}: clip frames end at {clip.out_frame}, past the "
                                     f"source's {source.frames}")
        return self

    @property
    def cut(self) -> RecipeStep:
        return self.history[-1]


# --- reading and writing -----------------------------------------------------------------------------


def _error_text(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "recipe"
    return f"{where}: {first['msg']}"


def parse_recipe(text: str | bytes) -> Recipe:
    """Validate recipe JSON; any problem is a ``RecipeError`` naming the first bad field."""
    if len(text) > MAX_RECIPE_BYTES:
        raise RecipeError(f"a recipe is at most {MAX_RECIPE_BYTES // 2**20} MB; this one is larger")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise RecipeError(f"not recipe JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != RECIPE_FORMAT:
        raise RecipeError(f"not a recipe: the file has no \"format\": \"{RECIPE_FORMAT}\"")
    if data.get("version") not in READABLE_VERSIONS:
        raise RecipeError(f"recipe version {data.get('version')!r} is not supported (this program reads "
                          f"versions {', '.join(map(str, READABLE_VERSIONS))})")
    try:
        return Recipe.model_validate(data)
    except ValidationError as exc:
        raise RecipeError(f"invalid recipe: {_error_text(exc)}") from exc


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a recipe may hold")


def read_recipe(path: Path | str) -> Recipe:
    path = Path(path)
    try:
        with path.open("rb") as fh:
            text = fh.read(MAX_RECIPE_BYTES + 1)
    except OSError as exc:
        raise RecipeError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_recipe(text)


def _version_3(step: RecipeStep) -> bool:
    """Whether a step needs version 3: opening or closing fades, a clip's sound level or join."""
    return bool(step.fade_in or step.fade_out
                or any(clip.volume != 1.0 or clip.join is not None for clip in step.clips))


def recipe_json(recipe: Recipe) -> str:
    """The recipe as JSON; steps without fades and clips at their recorded level leave those fields out (a
    version 2 reader refuses them)."""
    data = recipe.model_dump(mode="json")
    for step in data["history"]:
        for key in ("fade_in", "fade_out"):
            if not step.get(key):
                step.pop(key, None)
        for clip in step["clips"]:
            if clip.get("volume") == 1.0:
                clip.pop("volume")
            if clip.get("join") is None:
                clip.pop("join", None)
                clip.pop("join_seconds", None)
            if clip.get("blur") is None:
                clip.pop("blur", None)
    return json.dumps(data, indent=1, ensure_ascii=False)


def write_recipe(recipe: Recipe, path: Path | str) -> Path:
    """Write atomically (a reader never sees half a recipe)."""
    atomic_write_text(path, recipe_json(recipe))
    return Path(path)


# --- making one from a version ---------------------------------------------------------------------------


def _chain(sessions: SessionStore, version: Version, limit: int = MAX_STEPS) -> list[Version]:
    """The version's ancestry, root first (at most ``limit`` versions: the newest ones)."""
    chain = [version]
    while chain[-1].parent_id is not None and len(chain) < limit:
        chain.append(sessions.version(chain[-1].parent_id))
    return chain[::-1]


def _step(version: Version, index_of: dict[str, int], names: Mapping[int, str]) -> RecipeStep:
    timeline = version.timeline
    clips = tuple(
        RecipeClip(source=index_of[c.video_id], in_frame=c.in_frame, out_frame=c.out_frame,
                   start=float(c.start), end=float(c.end), speed=c.speed, volume=c.volume,
                   join=c.join.kind if c.join else None, join_seconds=c.join.seconds if c.join else 0.0,
                   blur=None if c.blur is None else RecipePrivacy(
                       blur=c.blur.mode, people=c.blur.people,
                       names=tuple(names.get(n, "") for n in c.blur.people)),
                   query=c.reason.query, signal=c.reason.signal)
        for c in timeline.clips
    )
    plan = None
    if version.plan is not None:  # a video a turn named goes by its source number, never its id here
        numbers = {vid: f"{number:016x}" for vid, number in index_of.items()}
        plan = _with_video_ids(version.plan.model_dump(mode="json"), numbers)
    return RecipeStep(turn=version.turn, note=version.note, plan=plan, title=timeline.title,
                      transition=timeline.transition, transition_seconds=timeline.transition_seconds,
                      fade_in=timeline.fade_in, fade_out=timeline.fade_out,
                      privacy=RecipePrivacy.of(timeline.privacy, names), clips=clips)


def build_recipe(library_dir: Path | str, version_id: str) -> Recipe:
    """The recipe of one version of the library: its chain, its sources and their fingerprints.

    Videos ingested before fingerprints existed are fingerprinted now (and keep it).
    """
    library_dir = Path(library_dir)
    sessions = SessionStore(library_dir)
    chain = _chain(sessions, sessions.version(version_id))
    order: dict[str, int] = {}
    for version in chain:
        for clip in version.timeline.clips:
            order.setdefault(clip.video_id, len(order))
    if not order:
        raise RecipeError("this version has no clips: there is nothing to share")
    if len(order) > MAX_SOURCES:
        raise RecipeError(f"a recipe holds at most {MAX_SOURCES} source videos; this cut uses {len(order)}")
    with contextlib.closing(connect(library_dir)) as conn:
        stored = {video_id: index_store.video(conn, video_id) for video_id in order}
    gone = [video_id for video_id, found in stored.items() if found is None]
    if gone:
        raise RecipeError(f"source video {gone[0]} is no longer in the library")
    sources = []
    for video_id in order:
        info = stored[video_id].info  # type: ignore[union-attr]
        content = ensure_fingerprint(library_dir, video_id)
        sources.append(RecipeSource(
            title=info.display_name, duration=float(info.duration),
            fps_num=info.fps.numerator, fps_den=info.fps.denominator, frames=info.frame_count,
            audio=_encode(content.audio[::RECIPE_STRIDE], "<u4"),
            shot_starts_ms=_encode(np.round(content.shot_starts * 1000), "<u4"),
            shot_hashes=_encode(content.shot_hashes, "<u8"),
        ))
    first_turn = next((v.turn for v in chain if v.turn), "")
    blurred = any(v.timeline.privacy.people or any(c.blur and c.blur.people for c in v.timeline.clips)
                  for v in chain)
    names = {m.id: m.name for m in cast_list(library_dir) if m.name} if blurred else {}
    history = tuple(_step(v, order, names) for v in chain)
    needed: Literal[2, 3, 4] = 4 if any(c.blur is not None for s in history for c in s.clips) else \
        3 if any(map(_version_3, history)) else 2
    return Recipe(title=first_turn, sources=tuple(sources), history=history, version=needed)


# --- applying one to the viewer's copies ---------------------------------------------------------------


@dataclass(frozen=True)
class SourceMatch:
    """Which library video plays a recipe source, and how it lines up."""

    source: int
    video: VideoInfo
    alignment: Alignment

    def to_json(self) -> dict:
        a = self.alignment
        return {
            "source": self.source, "video": self.video.id, "speed": str(a.hypothesis.speed),
            "alignment": a.hypothesis.describe(),
            "offset": round(a.pieces[0].offset / float(a.hypothesis.speed), 4) if a.pieces else None,
            "pieces": len(a.pieces), "missing": [[round(s, 2), round(e, 2)] for s, e in a.missing],
            "visual_agreement": a.visual_agreement,
        }


@dataclass(frozen=True)
class Placement:
    """How surely one clip of the cut was placed on the copy.

    ``frames_off``: where a boundary falls on a cut of the source, how many copy frames the audio's
    placement lies from the copy's nearest cut (0 when the picture agrees or has nothing to check).
    """

    confidence: float  # 0..1, from the audio match (and the share of cuts found again)
    frames_off: int = 0

    @property
    def sure(self) -> bool:
        return self.confidence >= SURE_CONFIDENCE and self.frames_off == 0


@dataclass(frozen=True)
class AppliedRecipe:
    session_id: str
    versions: tuple[Version, ...]  # root first, the cut last
    matches: tuple[SourceMatch, ...]
    placements: tuple[Placement, ...]  # per clip of the cut
    privacy_notes: tuple[str, ...] = ()  # the cut's blurs that had to change here (a name not in the cast)

    @property
    def version(self) -> Version:
        return self.versions[-1]

    @property
    def confidence(self) -> tuple[float, ...]:
        return tuple(p.confidence for p in self.placements)

    def summary(self) -> str:
        """"12 clips placed; 11 sure, 1 approximate (clip 7, ±3 frames)": what the person is told."""
        loose = [(number, p) for number, p in enumerate(self.placements, start=1) if not p.sure]
        placed = f"{plural(len(self.placements), 'clip')} placed"
        if not loose:
            return f"{placed}, all sure."
        details = "; ".join(f"clip {n}, ±{p.frames_off} frames" if p.frames_off else
                            f"clip {n}, confidence {p.confidence:.2f}" for n, p in loose[:5])
        more = f"; {len(loose) - 5} more" if len(loose) > 5 else ""
        sure = len(self.placements) - len(loose)
        return f"{placed}; {sure} sure, {len(loose)} approximate ({details}{more})."


def _match_source(source: RecipeSource, number: int, candidates: Sequence[VideoInfo],
                  library_dir: Path) -> SourceMatch:
    """The first candidate (closest in length first) whose audio aligns with the source's."""
    reasons = []
    for video in sorted(candidates, key=lambda v: abs(float(v.duration) - source.duration)):
        if not 0.5 <= float(video.duration) / source.duration <= 2.0:
            continue
        if not video.has_audio:
            reasons.append(f"{video.id} has no audio to align by")
            continue
        content = ensure_fingerprint(library_dir, video.id)
        try:
            alignment = align(source.content_print, decode_audio(video.path), content.shot_starts,
                              content.shot_hashes)
        except AlignmentError as exc:
            reasons.append(f"video {video.id} is not it ({exc})")
            continue
        return SourceMatch(number, video, alignment)
    label = f"source {number + 1} ({source.title or 'untitled'}, {source.duration:.0f} s)"
    detail = "; ".join(reasons) if reasons else "no video of a similar length"
    raise MissingSource(f"no video in the library is {label}: {detail}", number, source)


def _frames_off(clip: RecipeClip, match: SourceMatch, source: RecipeSource, copy_cuts: np.ndarray) -> int:
    """How far (copy frames) the audio puts the clip's boundaries from the copy's cuts, at source cuts."""
    alignment, fps = match.alignment, float(match.video.fps)
    source_cuts = source.content_print.shot_starts
    worst = 0.0
    for frame in (clip.in_frame, clip.out_frame):
        at = frame / float(source.fps)
        piece = alignment.piece_at(at)
        if piece is None or not source_cuts.size or not copy_cuts.size:
            continue
        if np.min(np.abs(source_cuts - at)) >= 0.5 / float(source.fps):
            continue  # not on a cut: only the audio places it
        apart = float(np.min(np.abs(copy_cuts * fps - alignment.to_copy(at, piece) * fps)))
        if AGREE_FRAMES < apart <= CHECK_FRAMES:
            worst = max(worst, apart)
    return math.ceil(worst)


def _with_video_ids(plan: dict[str, JsonValue], ids: Mapping[str, str]) -> dict[str, JsonValue]:
    """``plan`` (as JSON) with each video a query or clip reference named (``"videos": [{"id", "name"}]``)
    given the id ``ids`` maps its id to; one ``ids`` does not know is left out."""
    def walk(value: JsonValue) -> JsonValue:
        if isinstance(value, list):
            return [walk(item) for item in value]
        if not isinstance(value, dict):
            return value
        out: dict[str, JsonValue] = {}
        for key, item in value.items():
            if key == "videos" and isinstance(item, list):
                picks = [(pick, pick.get("id")) for pick in item if isinstance(pick, dict)]
                out[key] = [{**pick, "id": ids[was]} for pick, was in picks
                            if isinstance(was, str) and was in ids]
            else:
                out[key] = walk(item)
        return out

    return {key: walk(item) for key, item in plan.items()}


def step_plan(step: RecipeStep, videos: Sequence[str] = ()) -> tuple[EditPlan | None, str]:
    """The step's plan when today's schema accepts it; else None and a note saying it was dropped.

    ``videos`` are this library's ids of the recipe's sources, in order: a video a turn named is written
    by its source number and read back as that source's copy here."""
    if step.plan is None:
        return None, ""
    try:
        plan = _with_video_ids(step.plan, {f"{number:016x}": vid for number, vid in enumerate(videos)})
        return EditPlan.model_validate(plan), ""
    except ValidationError as exc:
        return None, clean_text(f"(its plan was dropped: {_error_text(exc)})", 300)


def _copy_clip(clip: RecipeClip, match: SourceMatch, source: RecipeSource, copy_cuts: np.ndarray,
               cast: Mapping[str, int], notes: list[str]) -> tuple[Clip, MappedClip]:
    """The clip placed in the viewer's copy; a note joins ``notes`` when its own blur had to change."""
    start = clip.in_frame / float(source.fps)
    end = clip.out_frame / float(source.fps)
    mapped = map_clip(match.alignment, start, end, source.content_print, match.video.fps, tuple(copy_cuts))
    frame_count = match.video.frame_count
    in_frame, out_frame = min(mapped.in_frame, frame_count - 1), min(mapped.out_frame, frame_count)
    fps = match.video.fps
    reason = Reason(query=clip.query, signal=clip.signal)
    blur = None
    if clip.blur is not None:
        privacy, note = clip.blur.to_privacy(cast)
        blur = FaceBlur(privacy.blur, privacy.people)
        notes.append(note)
    return Clip(match.video.id, in_frame, out_frame, Fraction(in_frame) / fps, Fraction(out_frame) / fps,
                reason=reason, speed=clip.speed, volume=clip.volume,
                join=Join(clip.join, clip.join_seconds) if clip.join else None, blur=blur), mapped


def _step_timeline(step: RecipeStep, clips: Sequence[Clip], cast: Mapping[str, int]) -> tuple[Timeline, str]:
    """The step's cut in the viewer's library, and a note when its blur had to change (see ``to_privacy``)."""
    privacy, note = step.privacy.to_privacy(cast) if step.privacy is not None else (Privacy(), "")
    timeline = Timeline(clips=tuple(clips), transition=step.transition,
                        transition_seconds=step.transition_seconds, title=step.title, privacy=privacy,
                        fade_in=step.fade_in, fade_out=step.fade_out)
    return timeline, note


def apply_recipe(library_dir: Path | str, recipe: Recipe, video_ids: Sequence[str] | None = None,
                 progress: ApplyProgress | None = None) -> AppliedRecipe:
    """Find each source among the library's videos (or ``video_ids``), align, map every clip and save the
    chain as a new session. The cut (last step) must map whole or nothing is created: a ``RecipeError``
    (``MissingSource`` when no video is a source) names the source or the clip and what is missing.
    Earlier steps keep the clips that can be placed. ``progress`` hears of each source aligned."""
    library_dir = Path(library_dir)
    report = progress or (lambda done, what: None)
    with contextlib.closing(connect(library_dir)) as conn:
        everything = [v.info for v in index_store.videos(conn)]
    wanted = None if video_ids is None else set(video_ids)
    candidates = [v for v in everything if wanted is None or v.id in wanted]
    if not candidates:
        raise MissingSource("no videos to apply the recipe to: ingest your copy of the film first", 0,
                            recipe.sources[0])
    matches, missing = [], []
    for number, source in enumerate(recipe.sources):
        report(number / len(recipe.sources), f"Aligning source {number + 1} of {len(recipe.sources)}: "
                                             f"{source.title or 'untitled'}")
        try:
            matches.append(_match_source(source, number, candidates, library_dir))
        except MissingSource as exc:  # the others are still looked for: one answer names every copy to add
            missing.append(exc)
    if len(missing) == 1:
        raise missing[0]
    if missing:
        each = "; ".join(str(exc).removeprefix("no video in the library is ") for exc in missing)
        raise MissingSource(f"{len(missing)} of the recipe's {len(recipe.sources)} sources are not in the "
                            f"library: {each}", missing[0].number, missing[0].source,
                            [(exc.number, exc.source) for exc in missing])
    report(1.0, "Placing the clips")
    cuts = {m.video.id: ensure_fingerprint(library_dir, m.video.id).shot_starts for m in matches}
    blurs_people = any(s.privacy is not None and s.privacy.people
                       or any(c.blur is not None and c.blur.people for c in s.clips) for s in recipe.history)
    cast = {m.name.lower(): m.id for m in cast_list(library_dir) if m.name} if blurs_people else {}
    history: list[tuple[Timeline, str, str, EditPlan | None]] = []
    blur_notes: list[str] = []  # the step's clips whose own blur had to change
    placements: list[Placement] = []
    changed: tuple[str, ...] = ()  # the last step's blur notes: the cut's own
    for number, step in enumerate(recipe.history[1:], start=1):
        final = number == len(recipe.history) - 1
        clips: list[Clip] = []
        dropped = 0
        for position, clip in enumerate(step.clips):
            match, source = matches[clip.source], recipe.sources[clip.source]
            try:
                copied, mapped = _copy_clip(clip, match, source, cuts[match.video.id], cast, blur_notes)
            except AlignmentError as exc:
                if final:
                    raise RecipeError(f"clip {position + 1} of the cut cannot be placed in {match.video.id}: "
                                      f"{exc}") from exc
                dropped += 1
                continue
            clips.append(copied)
            if final:
                off = _frames_off(clip, match, source, cuts[match.video.id])
                placements.append(Placement(mapped.confidence, off))
        plan, plan_note = step_plan(step, [m.video.id for m in matches])
        timeline, blur_note = _step_timeline(step, clips, cast)
        changed = tuple(filter(None, (blur_note, *dict.fromkeys(blur_notes))))
        note = " ".join(filter(None, (step.note, f"({dropped} clips not in your copy)" if dropped else "",
                                      plan_note, *changed)))
        blur_notes.clear()
        history.append((timeline, step.turn, note, plan))
    copies = list({m.video.id: m.video for m in matches}.values())
    sessions = SessionStore(library_dir)
    title = clean_text(f"recipe: {recipe.title}" if recipe.title else "recipe", 200)
    session_id, versions = sessions.create_session_with_history(
        [v.id for v in copies], title, timeline=source_timeline(copies), note="the whole videos (recipe)",
        history=history)
    if len(recipe.history) == 1:  # only a root: the cut is the whole videos
        placements = [Placement(1.0)] * len(copies)
    return AppliedRecipe(session_id, tuple(versions), tuple(matches), tuple(placements),
                         tuple(note.strip("()") for note in changed))
