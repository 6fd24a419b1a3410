"""The edit-plan language: typed operations one chat turn produces.

Every planner backend (rules, transformers, llama.cpp, OpenAI-compatible) must return an ``EditPlan``
that validates against this schema; the JSON Schema below is what LLMs are constrained to. Nothing a
model writes is used before it passes ``EditPlan.model_validate``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Terminal control sequences (ECMA-48), removed whole: stripping only the ESC would leave "[31m" behind,
# which reads as "31 minutes". OSC/DCS/SOS/PM/APC strings run to BEL or ST; unterminated ones lose only
# their introducer. CSI covers the 7-bit (ESC [) and 8-bit (U+009B) forms.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]?"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidirectional embedding/override/isolate controls and marks: they reorder the text around them, so a
# title or query could display as something it is not ("spoofing").
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
MAX_QUERY_CHARS = 200
MAX_OPS = 12
MAX_PEOPLE = 4  # people one query may require on screen together
MAX_SPOKEN_LANGUAGES = 4  # film languages one query is put into ("the lines about robots" in de, fr, ...)
MAX_NAME_CHARS = 60
MAX_VIDEO_NAME_CHARS = 120
MAX_QUERY_VIDEOS = 8  # videos one query may be scoped to ("from sintel and the chaplin clip")
MAX_BLUR_PEOPLE = 12  # people one blur op may name ("everyone except ...")
# Words that stand for a character chosen by screen time rather than by name (``retrieval.people``).
HERO_WORDS = ("hero", "heroine", "main character", "protagonist", "lead", "main guy", "main girl",
              "main person")
LEADS_WORDS = ("leads", "main characters", "protagonists", "heroes")  # the two with the most screen time
Role = Literal["hero", "leads"]
LengthBound = Literal["at_most", "at_least"]  # "under 2 minutes" / "at least 2 minutes"
# A blur op's ref for every character the user has named: "blur the extras" blurs all but them.
NAMED_REF = "named"
# A query's ref for any character at all ("only the shots with people in them"): one of them on screen.
SOMEONE_REF = "someone"
# A dialogue query's text for any line at all ("only the parts where someone is talking", "Celia's lines"):
# every line of the films, whatever it says. Such a query is always a dialogue one.
SPOKEN_REF = "any line"
ANY_LINE_LABEL = "dialogue"  # how such a query is named in notes and clip reasons ("dialogue (with Celia)")


def strip_unsafe(value: str) -> str:
    """Remove terminal control sequences, bidi controls and control characters (those become spaces).

    For untrusted text that is shown or parsed: chat messages, titles, share pages.
    """
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = _BIDI.sub("", value)
    return _CONTROL.sub(" ", value)


def clean_text(value: str, limit: int) -> str:
    """``strip_unsafe``, then collapse whitespace and cap the length; queries are data, never commands."""
    return " ".join(strip_unsafe(value).split())[:limit]


QueryKind = Literal["auto", "visual", "dialogue"]
TrimSide = Literal["start", "end", "both"]
TransitionKind = Literal["cut", "crossfade", "fade_black"]
MovePlace = Literal["start", "end"]
BlurTarget = Literal["all", "all_but", "only", "none"]
AspectName = Literal["original", "9:16", "1:1", "4:5"]

class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def role_of(ref: str) -> Role | None:
    """"hero" for "the hero"/"heroine"/"main character"..., "leads" for "the two leads"..., else None."""
    words = re.sub(r"^(?:the|our|my|both)\s+", "", " ".join(ref.lower().split()))
    words = re.sub(r"^(?:two|2)\s+", "", words)
    return "leads" if words in LEADS_WORDS else "hero" if words in HERO_WORDS else None


def clean_name(value: str) -> str:
    """A person's name as typed (case kept), safe to show; empty when nothing is left."""
    return clean_text(value, MAX_NAME_CHARS).strip(" .,;:!?\"'")


class VideoPick(BaseModel):
    """A video of the session a request named ("from sintel"): its library id and the name it goes by."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[0-9a-f]{8,64}$")
    name: str = Field(min_length=1, max_length=MAX_VIDEO_NAME_CHARS)

    @field_validator("name")
    @classmethod
    def _clean(cls, v: str) -> str:
        return clean_text(v, MAX_VIDEO_NAME_CHARS)


class Query(BaseModel):
    """What to look for. ``kind`` picks the signal: pictures, dialogue, or both fused (``auto``).

    ``people`` must all be on screen (names from the cast, or "hero"/"leads"; ``SOMEONE_REF``: anyone of the
    cast, alone in ``people``); with ``text`` too, the
    picture or the dialogue line must match as well ("Celia arguing", "where Thom talks about robots").
    ``videos`` limits the search to those videos; alone, it means all of them ("drop everything from
    sintel").
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str = Field(default="", max_length=MAX_QUERY_CHARS)
    kind: QueryKind = "auto"
    people: tuple[Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS)], ...] = Field(
        default=(), max_length=MAX_PEOPLE)
    # ``text`` in the languages the films speak, (("de", "über Roboter reden"),): lines are searched in
    # their own language. Filled in by the planner after planning, never by a model's plan (not in its
    # schema); empty when every film in scope speaks the language ``text`` is in.
    spoken_as: tuple[tuple[Annotated[str, Field(pattern=r"^[a-z]{2}$")],
                           Annotated[str, Field(min_length=1, max_length=MAX_QUERY_CHARS)]], ...] = Field(
        default=(), max_length=MAX_SPOKEN_LANGUAGES)
    # The session's videos the request named, checked against them by the planner after planning
    # (``planning.video_refs``), never by a model's plan (not in its schema).
    videos: tuple[VideoPick, ...] = Field(default=(), max_length=MAX_QUERY_VIDEOS)

    @field_validator("text")
    @classmethod
    def _clean(cls, v: str) -> str:
        return clean_text(v, MAX_QUERY_CHARS)

    @model_validator(mode="before")
    @classmethod
    def _any_line_is_dialogue(cls, data: object) -> object:
        """Any line is searched in the lines only: pictures have nothing to say about it."""
        if isinstance(data, dict) and data.get("text") == SPOKEN_REF:
            return {**data, "kind": "dialogue", "spoken_as": ()}
        return data

    @property
    def any_line(self) -> bool:
        """Whether this asks for every line of dialogue (``SPOKEN_REF``), not for lines saying something."""
        return self.text == SPOKEN_REF

    @field_validator("spoken_as")
    @classmethod
    def _clean_spoken(cls, v: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        cleaned = {language: clean_text(words, MAX_QUERY_CHARS) for language, words in v}
        return tuple((language, words) for language, words in cleaned.items() if words)

    def words_in(self, language: str | None) -> str:
        """What to search lines spoken in ``language`` for: its words for that language, else ``text``."""
        return dict(self.spoken_as).get(language or "", self.text)

    @field_validator("videos")
    @classmethod
    def _each_video_once(cls, v: tuple[VideoPick, ...]) -> tuple[VideoPick, ...]:
        return tuple({video.id: video for video in v}.values())

    @field_validator("people")
    @classmethod
    def _names(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        names = [clean_name(name) for name in v]
        if not all(names):
            raise ValueError("a person's name cannot be empty")
        if SOMEONE_REF in names and len(set(names)) > 1:  # "Thom and someone": Thom is someone
            names = [n for n in names if n != SOMEONE_REF]
        return tuple(dict.fromkeys(names, None))  # "Celia and Celia" is one person

    @model_validator(mode="after")
    def _something(self) -> Query:
        if not self.text and not self.people and not self.videos:
            raise ValueError("empty query: give text, people or videos")
        return self

    @property
    def label(self) -> str:
        """In a few words for notes and reasons: "fight", "Celia and Thom", "arguing (with Celia)",
        "fight in sintel", "all of sintel"."""
        label = self._looked_for
        if not self.videos:
            return label
        return f"{label} in {self.video_names}" if label else f"all of {self.video_names}"

    @property
    def matching(self) -> str:
        """How a note says what matched: 'with "fight"', 'with "fight" from sintel', 'from sintel'."""
        said = ("" if not self._looked_for else "with someone on screen" if self.people == (SOMEONE_REF,)
                and not self.text else self._spoken_while if self.any_line else f'with "{self._looked_for}"')
        return f"{said} from {self.video_names}".strip() if self.videos else said

    @property
    def video_names(self) -> str:
        return " and ".join(video.name for video in self.videos)

    @property
    def _spoken_while(self) -> str:
        """"with dialogue", "with dialogue while Celia is on screen": how a note says what any line found."""
        if not self.people:
            return "with dialogue"
        verb = "is" if len(self.people) == 1 else "are"
        return f"with dialogue while {' and '.join(self.people)} {verb} on screen"

    @property
    def _looked_for(self) -> str:
        people = " and ".join(self.people)
        text = ANY_LINE_LABEL if self.any_line else self.text
        return (f"{text} (with {people})" if text else people) if people else text


_ANY_CLIP = frozenset("clip clips shot shots scene scenes one ones part parts bit bits segment segments"
                      .split())


class ClipSpan(BaseModel):
    """The cut's first or last ``seconds`` as it plays ("slow down the last 10 seconds"), or that ``share``
    of its length ("the second half" = end, 0.5)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    edge: Literal["start", "end"]
    seconds: float | None = Field(default=None, gt=0, le=24 * 3600)
    share: float | None = Field(default=None, gt=0, lt=1)

    @model_validator(mode="after")
    def _one_of(self) -> ClipSpan:
        if (self.seconds is None) == (self.share is None):
            raise ValueError("a span of the cut needs exactly one of seconds or share")
        return self


class ClipRef(BaseModel):
    """Points at clips of a cut by number (1-based; negative counts from the end, -1 = last).

    ``matching`` narrows numbering to clips whose reason matches that text ("the second fight"), ``videos``
    to the clips of those videos;
    ``invert`` selects every clip except those ("all but the first"); ``turn`` numbers clips as they
    were after an earlier turn (-1 = the previous version) instead of the current cut. ``span`` is a stretch
    of the cut by time instead: the clip its edge falls in is split there, and the clips inside are meant.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    indices: list[Annotated[int, Field(ge=-1000, le=1000)]] = Field(default_factory=list, max_length=50)
    matching: str | None = Field(default=None, max_length=MAX_QUERY_CHARS)
    invert: bool = False
    turn: int | None = Field(default=None, ge=-50, le=-1)
    # Numbering among the clips of these videos only ("the second clip from sintel"); filled in by the
    # planner from the session's names (``planning.video_refs``), never by a model's plan.
    videos: tuple[VideoPick, ...] = Field(default=(), max_length=MAX_QUERY_VIDEOS)
    span: ClipSpan | None = None
    # The people the clips show ("slow down the scenes with Thom"), from the cast: clips chosen with them
    # on screen, else the parts of the cut a search for them finds (``parts_query``); filled in by the
    # rules planner from the session's cast, never by a model's plan.
    people: tuple[Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS)], ...] = Field(
        default=(), max_length=MAX_PEOPLE)

    @model_validator(mode="after")
    def _span_alone(self) -> ClipRef:
        pointed = self.indices or self.matching or self.invert or self.turn or self.videos or self.people
        if self.span is not None and pointed:
            raise ValueError("a span of the cut is a clip reference on its own")
        return self

    @field_validator("indices")
    @classmethod
    def _no_zero(cls, v: list[int]) -> list[int]:
        if any(i == 0 for i in v):
            raise ValueError("clip numbers start at 1 (or -1 for the last)")
        return v

    @field_validator("matching")
    @classmethod
    def _clean(cls, v: str | None) -> str | None:
        """A word for any clip ("the third clip" read as matching "clip") narrows nothing."""
        text = None if v is None else clean_text(v, MAX_QUERY_CHARS) or None
        return None if text is not None and text.lower() in _ANY_CLIP else text


class KeepOnly(_Op):
    """Replace the cut with the scenes of the source videos that match ``query``."""

    op: Literal["keep_only"] = "keep_only"
    query: Query


class Keep(_Op):
    """Keep only the parts of the current cut that match ``query``."""

    op: Literal["keep"] = "keep"
    query: Query


class Add(_Op):
    """Add matching scenes from the source videos that are not in the cut yet."""

    op: Literal["add"] = "add"
    query: Query


class Remove(_Op):
    """Remove the parts of the current cut that match ``query``.

    ``spare`` keeps some of them, counted among the matching parts in the order the cut plays them (1-based,
    -1 = the last): "remove Celia's scenes except the last one" is ``spare=[-1]``. Filled in by the rules
    planner; a model's plan leaves it out."""

    op: Literal["remove"] = "remove"
    query: Query
    spare: list[Annotated[int, Field(ge=-50, le=50)]] = Field(default_factory=list, max_length=20)

    @field_validator("spare")
    @classmethod
    def _no_zero(cls, v: list[int]) -> list[int]:
        if any(i == 0 for i in v):
            raise ValueError("the parts spared are counted from 1 (or -1 for the last)")
        return v


class Order(_Op):
    """Reorder the whole cut: the films' own order, best matches first, or the cut's order backwards."""

    op: Literal["order"] = "order"
    by: Literal["story", "relevance", "reverse"]


def _check_one_place(op: str, *places: object) -> None:
    """A move goes to exactly one place: ``to`` an end, or ``before`` or ``after`` something."""
    if sum(place is not None for place in places) != 1:
        raise ValueError(f"{op} needs exactly one of to, before or after")


class Move(_Op):
    """Move the parts of the cut that match ``query`` to its start or end, or next to the parts that match
    another query: just ``before`` the first of them or ``after`` the last ("put the fights before the
    chase"); the rest keeps its order."""

    op: Literal["move"] = "move"
    query: Query
    to: MovePlace | None = None
    before: Query | None = None
    after: Query | None = None

    @model_validator(mode="after")
    def _one_place(self) -> Move:
        _check_one_place(self.op, self.to, self.before, self.after)
        return self

    @property
    def anchor(self) -> Query | None:
        """The query the moved parts go next to, if they go next to one."""
        return self.before or self.after


class Best(_Op):
    """A limit ranked by relevance: the ``count`` best clips, the best ``seconds``, or the better half.

    With ``query`` the candidates are its scenes in the source videos ("the 3 best fights"); without,
    the clips of the current cut, ranked by the scores they were chosen with ("just the good parts").
    """

    op: Literal["best"] = "best"
    query: Query | None = None
    count: int | None = Field(default=None, ge=1, le=50)
    seconds: float | None = Field(default=None, gt=0, le=24 * 3600)

    @model_validator(mode="after")
    def _at_most_one(self) -> Best:
        if self.count is not None and self.seconds is not None:
            raise ValueError("best takes a count or seconds, not both")
        return self


class LimitDuration(_Op):
    """The cut's length: absolute ``seconds``, a ``factor`` of the current length (<1 shorter), or a
    ``change`` in seconds ("30 seconds shorter" = -30).

    ``bound`` says which way ``seconds`` may move the cut: "make it 2 minutes" (None) shortens or
    lengthens to that; "under 2 minutes" (``at_most``) only shortens and "at least 2 minutes"
    (``at_least``) only lengthens, so a cut already inside the bound is left alone. Ignored with a
    factor or a change, which say their own direction."""

    op: Literal["limit_duration"] = "limit_duration"
    seconds: float | None = Field(default=None, gt=0, le=24 * 3600)
    factor: float | None = Field(default=None, gt=0, le=10)
    change: float | None = Field(default=None, ge=-24 * 3600, le=24 * 3600)
    bound: LengthBound | None = None

    @model_validator(mode="after")
    def _one_of(self) -> LimitDuration:
        if sum(value is not None for value in (self.seconds, self.factor, self.change)) != 1:
            raise ValueError("limit_duration needs exactly one of seconds, factor or change")
        if self.change == 0:
            raise ValueError("a change of length needs a number of seconds")
        return self


class Trim(_Op):
    """Cut ``seconds`` off the start, end or both ends of the targeted clips."""

    op: Literal["trim"] = "trim"
    target: ClipRef = Field(default_factory=ClipRef)
    seconds: float = Field(gt=0, le=600)
    side: TrimSide = "both"


class TrimTo(_Op):
    """Shorten the targeted clips to ``seconds`` each, or to a ``factor`` of their own length ("cut clip 2 in
    half" = 0.5: the chat need not know how long the clip is), cutting from ``side`` (never below one
    second)."""

    op: Literal["trim_to"] = "trim_to"
    target: ClipRef = Field(default_factory=ClipRef)
    seconds: float | None = Field(default=None, gt=0, le=24 * 3600)
    factor: float | None = Field(default=None, gt=0, lt=1)
    side: TrimSide = "end"
    # "make clip 1 4 seconds", "I want clip 2 to be 3 seconds": that long exactly, a shorter clip run on into
    # its footage at ``side`` (the end for "both": a clip grows as ``extend`` grows it)
    exact: bool = False

    @model_validator(mode="after")
    def _one_of(self) -> TrimTo:
        if (self.seconds is None) == (self.factor is None):
            raise ValueError("trim_to needs exactly one of seconds or factor")
        if self.exact and self.seconds is None:
            raise ValueError("an exact length is a number of seconds")
        return self


class TrimCut(_Op):
    """Cut the whole cut's first or last ``seconds`` ("lose the last 10 seconds"), or with ``keep`` keep only
    its first or last ``seconds`` ("just the first 30 seconds"): clips wholly past the point go, the clip the
    point falls in is cut there (a piece under a second left of it goes too); or that ``share`` of its played
    length ("lose the first half", "keep the last third"). Not ``limit_duration``, which keeps the best-ranked
    clips wherever they are."""

    op: Literal["trim_cut"] = "trim_cut"
    seconds: float | None = Field(default=None, gt=0, le=24 * 3600)
    share: float | None = Field(default=None, gt=0, lt=1)
    side: Literal["start", "end"] = "end"
    keep: bool = False

    @model_validator(mode="after")
    def _one_of(self) -> TrimCut:
        if (self.seconds is None) == (self.share is None):
            raise ValueError("trim_cut needs exactly one of seconds or share")
        return self


class Extend(_Op):
    """Lengthen the targeted clips by ``seconds`` into their video's footage before (``side="start"``), after
    (``"end"``) or at both ends (``seconds`` at each), stopping at the video's own start and end; or to a
    ``factor`` of their own length ("make clip 3 twice as long" = 2; at both ends, half the growth each)."""

    op: Literal["extend"] = "extend"
    target: ClipRef = Field(default_factory=ClipRef)
    seconds: float | None = Field(default=None, gt=0, le=600)
    factor: float | None = Field(default=None, gt=1, le=10)
    side: TrimSide = "end"

    @model_validator(mode="after")
    def _one_of(self) -> Extend:
        if (self.seconds is None) == (self.factor is None):
            raise ValueError("extend needs exactly one of seconds or factor")
        return self


class Speed(_Op):
    """Play the targeted clips (empty ref = whole cut) ``factor`` times faster. A target of words alone
    ("the fights") is the clips chosen for them, else the parts of the cut a search for them finds."""

    op: Literal["speed"] = "speed"
    target: ClipRef = Field(default_factory=ClipRef)
    factor: float = Field(ge=0.25, le=4.0)


def parts_query(ref: ClipRef) -> Query | None:
    """The search behind "slow down the fights" or "mute the scenes with Thom" when no clip of the cut was
    chosen for them: the parts of the cut that match it get the change (words or people alone, no numbers)."""
    if not (ref.matching or ref.people) or ref.indices or ref.invert or ref.turn is not None:
        return None
    return Query(text=ref.matching or "", people=ref.people, videos=ref.videos)


class Volume(_Op):
    """The sound of the targeted clips (empty ref = the whole cut): ``level`` times as loud as recorded (0
    mutes, 1 is as recorded), or ``factor`` times as loud as it is now ("louder", "quieter")."""

    op: Literal["volume"] = "volume"
    target: ClipRef = Field(default_factory=ClipRef)
    level: float | None = Field(default=None, ge=0, le=4)
    factor: float | None = Field(default=None, gt=0, le=4)

    @model_validator(mode="after")
    def _one_amount(self) -> Volume:
        if (self.level is None) == (self.factor is None):
            raise ValueError("a volume change has either a level or a factor")
        return self


class Transition(_Op):
    """The transition between every two clips, or, with ``into``, only into those clips from the clip before
    each ("crossfade between clips 2 and 3 only": into clip 3)."""

    op: Literal["transition"] = "transition"
    kind: TransitionKind
    seconds: float = Field(default=0.5, ge=0, le=3)
    into: ClipRef | None = None


FadeEnd = Literal["start", "end", "both"]


class Fade(_Op):
    """The cut fades up from black at its ``start``, down to black at its ``end``, or both; 0 seconds
    takes that fade away ("no fade at the end"). Unlike a fade_black transition, no clip between."""

    op: Literal["fade"] = "fade"
    at: FadeEnd = "both"
    seconds: float = Field(default=1.0, ge=0, le=5)
    # "make the fade in quicker": the fade there now times this (``seconds`` then unused)
    factor: float | None = Field(default=None, gt=0, le=4)


class Title(_Op):
    op: Literal["title"] = "title"
    text: str = Field(max_length=120)  # empty text removes the title

    @field_validator("text")
    @classmethod
    def _clean(cls, v: str) -> str:
        return clean_text(v, 120)


class Undo(_Op):
    op: Literal["undo"] = "undo"
    steps: int = Field(default=1, ge=1, le=50)


class Redo(_Op):
    op: Literal["redo"] = "redo"
    steps: int = Field(default=1, ge=1, le=50)


class Reset(_Op):
    """Back to the whole source videos (version 0's timeline), as a new version."""

    op: Literal["reset"] = "reset"


class NameCharacter(_Op):
    """Name a character of the library's cast by its number (``#N`` in ``personalcut cast``).

    Changes the library, not the cut: no new version ("number 2 is Celia", "call character 3 Thom").
    """

    op: Literal["name_character"] = "name_character"
    character: int = Field(ge=1)
    name: str = Field(min_length=1, max_length=MAX_NAME_CHARS)

    @field_validator("name")
    @classmethod
    def _clean(cls, v: str) -> str:
        v = clean_name(v)
        if not v:
            raise ValueError("a character's name cannot be empty")
        return v


class ChooseHero(_Op):
    """Make a character "the hero" (instead of the one with the most screen time): "Celia is the hero".

    ``person`` is a cast name or ``#N``. Changes the library, not the cut: no new version.
    """

    op: Literal["choose_hero"] = "choose_hero"
    person: str = Field(min_length=1, max_length=MAX_NAME_CHARS)

    @field_validator("person")
    @classmethod
    def _clean(cls, v: str) -> str:
        v = clean_name(v)
        if not v:
            raise ValueError("the hero needs a name or a number")
        return v


class RemoveClip(_Op):
    op: Literal["remove_clip"] = "remove_clip"
    ref: ClipRef


class KeepClip(_Op):
    op: Literal["keep_clip"] = "keep_clip"
    ref: ClipRef


ClipNumber = Annotated[int, Field(ge=-1000, le=1000)]
LineNumber = Annotated[int, Field(ge=-200, le=200)]


def _line_people(v: tuple[str, ...]) -> tuple[str, ...]:
    names = [clean_name(name) for name in v]
    if not all(names):
        raise ValueError("a person's name cannot be empty")
    return tuple(dict.fromkeys(names))


class _LinesByPlace(_Op):
    """What ``RemoveLine`` and ``KeepLines`` share: lines by their place in the cut, inside a clip, among a
    person's."""

    lines: list[LineNumber] = Field(default_factory=list, max_length=50)
    clip: ClipNumber | None = None
    every: bool = False
    people: tuple[Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS)], ...] = Field(
        default=(), max_length=MAX_PEOPLE)  # lines counted among those spoken while they are on screen

    @field_validator("people")
    @classmethod
    def _names(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return _line_people(v)

    @model_validator(mode="after")
    def _counted_from_one(self) -> _LinesByPlace:
        if 0 in self.lines or (self.clip == 0):
            raise ValueError("lines and clips are counted from 1 (or from -1 at the end)")
        return self


class RemoveLine(_LinesByPlace):
    """Cut lines of dialogue out of the clips that play them, by their place in the cut: "drop the last
    line", "cut lines 2 and 4", "lose the first line of clip 3", "drop Celia's last line". Lines count in
    the order the cut plays them (1 = the first, -1 = the last), inside clip ``clip`` when one is named and
    among those spoken while ``people`` are on screen (subtitles say what is said, not who says it). No
    numbers means that clip's lines: all of them with ``every``, else its one line (several: asked about).

    Lines are the subtitles' or speech recognition's cues; a clip loses only the time its line is spoken,
    so the rest of it plays on either side (a jump cut where the line was)."""

    op: Literal["remove_line"] = "remove_line"

    @model_validator(mode="after")
    def _some_line(self) -> RemoveLine:
        if not self.lines and self.clip is None and not self.every:
            raise ValueError("a line removal needs line numbers, a clip or every line")
        return self


class KeepLines(_LinesByPlace):
    """Keep only the lines of dialogue named by their place ("just the first 3 lines", "keep lines 2 to 4 of
    clip 3"), counted as ``RemoveLine`` counts them: the cut becomes the time they are spoken, lines of one
    clip less than 2 s apart played with what lies between them (a conversation is not cut at every pause)."""

    op: Literal["keep_lines"] = "keep_lines"

    @model_validator(mode="after")
    def _some_line(self) -> KeepLines:
        if not self.lines and self.clip is None:
            raise ValueError("keeping lines needs line numbers or a clip")
        return self


class MoveClip(_Op):
    """Move the clips ``ref`` points at, in their order, to the start or end of the cut (``to``) or next to
    another clip (``before``/``after``: its number in the cut as it is now, -1 = the last)."""

    op: Literal["move_clip"] = "move_clip"
    ref: ClipRef
    to: MovePlace | None = None
    before: ClipNumber | None = None
    after: ClipNumber | None = None

    @model_validator(mode="after")
    def _one_place(self) -> MoveClip:
        _check_one_place(self.op, self.to, self.before, self.after)
        if 0 in (self.before, self.after):
            raise ValueError("clip numbers start at 1 (or -1 for the last)")
        return self

    @classmethod
    def landing(cls, ref: ClipRef, source: int, position: int) -> MoveClip:
        """``ref`` (the clip numbered ``source`` now) moved so that it ends up at ``position``: before the
        clip there when it moves earlier, after it when it moves later ("clip 2 to position 4": after 4)."""
        return cls(ref=ref, before=position) if position < source else cls(ref=ref, after=position)


class SwapClips(_Op):
    """Swap the places of the two clips ``ref`` points at ("swap clips 2 and 5", "swap the two fights"), or,
    with ``other``, of the two groups of clips ``ref`` and ``other`` point at ("swap the chaplin and tears
    parts", "swap the fights and the chase"): each group keeps its own order and what lies between them
    stays where it is."""

    op: Literal["swap_clips"] = "swap_clips"
    ref: ClipRef
    other: ClipRef | None = None


class Split(_Op):
    """Cut the targeted clips where their videos' shots change, one clip per shot ("split it into its shots"),
    or into ``parts`` equal pieces ("split clip 2 in half"), or ``at`` seconds into each clip as it plays
    ("split clip 1 at 10 seconds"): the cut plays the same, and each piece can then be named by its number
    ("drop clip 3")."""

    op: Literal["split"] = "split"
    target: ClipRef = Field(default_factory=ClipRef)
    parts: int | None = Field(default=None, ge=2, le=20)
    at: float | None = Field(default=None, gt=0, le=24 * 3600)

    @model_validator(mode="after")
    def _one_way(self) -> Split:
        if self.parts is not None and self.at is not None:
            raise ValueError("split takes parts or at, not both")
        return self


class JoinClips(_Op):
    """Join neighbouring targeted clips that continue each other's footage back into one ("merge clips 2 and
    3" after a split): the cut plays the same. Clips that skip footage, or play at another speed, sound level
    or blur, cannot be one clip and are said so."""

    op: Literal["join"] = "join"
    target: ClipRef = Field(default_factory=ClipRef)


class ForMe(_Op):
    """A cut of what this person would like (their taste, then what others keep): "a 2-minute cut I'd like".

    ``surprise`` leans toward what is unlike everything they kept so far ("surprise me").
    """

    op: Literal["for_me"] = "for_me"
    seconds: float | None = Field(default=None, gt=0, le=24 * 3600)
    surprise: bool = False


class MoreLike(_Op):
    """Add ``count`` scenes like the referenced clips, and remember that the person liked them."""

    op: Literal["more_like"] = "more_like"
    ref: ClipRef
    count: int = Field(default=3, ge=1, le=20)


class LessLike(_Op):
    """Remove the referenced clips and remember that the person wants less like them ("less of this")."""

    op: Literal["less_like"] = "less_like"
    ref: ClipRef


BlurPeople = tuple[Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS)], ...]


def _blur_names(names: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = [clean_name(name) for name in names]
    if not all(cleaned):
        raise ValueError("a person's name cannot be empty")
    return tuple(dict.fromkeys(cleaned))


class Blur(_Op):
    """Which faces the whole cut blurs: "all", "all_but" the ``people``, "none", or ``people`` ("only").

    ``people`` are cast names, "#N", "hero"/"leads" or "named" (every named character). "only" adds the
    people to whoever is blurred already (a blur request never uncovers a face) unless ``exclusive``
    ("blur just Thom"): then everyone else is unblurred. With ``clips`` only those clips change ("blur the
    faces in clip 3", "don't blur clip 2"); without, the whole cut does, each clip's own blur included.
    """

    op: Literal["blur"] = "blur"
    target: BlurTarget
    people: BlurPeople = Field(default=(), max_length=MAX_BLUR_PEOPLE)
    exclusive: bool = False
    clips: ClipRef | None = None

    @field_validator("people")
    @classmethod
    def _names(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return _blur_names(v)

    @model_validator(mode="after")
    def _people_fit_target(self) -> Blur:
        if self.target in ("all", "none") and self.people:
            raise ValueError(f'blur target "{self.target}" takes no people')
        if self.target in ("all_but", "only") and not self.people:
            raise ValueError(f'blur target "{self.target}" needs people')
        if self.exclusive and self.target != "only":
            raise ValueError('"exclusive" applies only to the blur target "only"')
        return self


class Unblur(_Op):
    """Stop blurring these people's faces; whoever else is blurred stays so ("unblur Thom"); with
    ``clips``, in those clips only ("unblur Thom in the last clip")."""

    op: Literal["unblur"] = "unblur"
    people: BlurPeople = Field(min_length=1, max_length=MAX_BLUR_PEOPLE)
    clips: ClipRef | None = None

    @field_validator("people")
    @classmethod
    def _names(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return _blur_names(v)


class Reframe(_Op):
    """The output's shape: crop to 9:16 (vertical), 1:1 (square), 4:5, or back to the "original"."""

    op: Literal["reframe"] = "reframe"
    aspect: AspectName


class Suggest(_Op):
    """Answer with the ``count`` scenes this person would most like; the cut does not change."""

    op: Literal["suggest"] = "suggest"
    count: int = Field(default=5, ge=1, le=20)


class Like(_Op):
    """A statement of taste, not an edit: "I like the dragon scenes" (``liked``), "I'm tired of the fights".

    The chat remembers it for the person's suggestions; ``text`` is what it is about, cleaned like a query.
    """

    op: Literal["like"] = "like"
    text: str = Field(min_length=1, max_length=MAX_QUERY_CHARS)
    liked: bool = True

    @field_validator("text")
    @classmethod
    def _clean(cls, v: str) -> str:
        text = clean_text(v, MAX_QUERY_CHARS)
        if not text:
            raise ValueError("a taste statement needs what it is about")
        return text


Operation = Annotated[
    KeepOnly | Keep | Add | Remove | Order | Move | Best | LimitDuration | Trim | TrimTo | TrimCut | Extend
    | Speed | Volume | Transition | Fade | Title | Undo | Redo | Reset | RemoveClip | RemoveLine | KeepLines
    | KeepClip | MoveClip | SwapClips | Split | JoinClips
    | NameCharacter | ChooseHero | ForMe | MoreLike | LessLike | Suggest | Like | Blur | Unblur | Reframe,
    Field(discriminator="op"),
]

# The fields an op points at clips with: a ``ref``, a swap's ``other``, a ``target``, a transition's ``into``,
# a blur's ``clips``
CLIP_REF_FIELDS = ("ref", "other", "target", "into", "clips")
QUERY_OPS = (KeepOnly, Keep, Add, Remove, Move, Best)  # ops whose scenes are found before applying
CAST_OPS = (NameCharacter, ChooseHero)  # ops that edit the library's cast, never the cut
TASTE_OPS = (ForMe, MoreLike, LessLike, Suggest, Like)  # ops the person's taste answers (assistant/taste)
BLUR_OPS = (Blur, Unblur)  # ops whose people are resolved to cast numbers before applying
EFFECT_OPS = (Blur, Unblur, Reframe)  # render effects: the preview and export re-encode their frames


def _without_invert(op: object) -> object:
    """A remove_clip/keep_clip of an inverted ref as the opposite op of the plain ref (see ``EditPlan``)."""
    swap = {"remove_clip": "keep_clip", "keep_clip": "remove_clip"}
    if isinstance(op, (RemoveClip, KeepClip)):
        if not op.ref.invert or op.ref.turn is not None:
            return op
        plain = op.ref.model_copy(update={"invert": False})
        return KeepClip(ref=plain) if isinstance(op, RemoveClip) else RemoveClip(ref=plain)
    if isinstance(op, dict) and op.get("op") in swap and isinstance(ref := op.get("ref"), dict):
        if ref.get("invert") is True and ref.get("turn") is None:
            return {**op, "op": swap[op["op"]], "ref": {**ref, "invert": False}}
    return op


class EditPlan(BaseModel):
    """One turn's plan. ``refusal`` is set (and ``ops`` empty) when the request is not an edit we do."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    ops: list[Operation] = Field(default_factory=list, max_length=MAX_OPS)
    refusal: str | None = Field(default=None, max_length=300)

    @field_validator("refusal")
    @classmethod
    def _clean(cls, v: str | None) -> str | None:
        return None if v is None else clean_text(v, 300) or None

    @model_validator(mode="before")
    @classmethod
    def _plain_clip_refs(cls, data: object) -> object:
        """ "remove all but clips 1 and 2" is "keep clips 1 and 2": one form for one edit, so the chat
        describes it plainly and two readers of one request agree. Refs numbered on an earlier turn keep
        their form (there, the complement is taken on the old version's clips)."""
        if not isinstance(data, dict) or not isinstance(data.get("ops"), list):
            return data
        return {**data, "ops": [_without_invert(op) for op in data["ops"]]}

    @model_validator(mode="after")
    def _refusal_alone(self) -> EditPlan:
        if self.refusal and self.ops:
            raise ValueError("a plan with a refusal has no operations")
        return self

    def queries(self) -> list[Query]:
        """The queries to resolve before applying (a move's anchor too, and the search a speed's words
        fall back on); a ``Best`` without one ranks the cut as it is."""
        found = []
        for op in self.ops:
            if isinstance(op, QUERY_OPS) and op.query is not None:
                found.append(op.query)
            if isinstance(op, Move) and op.anchor is not None:
                found.append(op.anchor)
            if isinstance(op, Speed | Volume) and (searched := parts_query(op.target)) is not None:
                found.append(searched)
        return found

    def people(self) -> list[str]:
        """Every person the plan's queries (and lines by their place) name, in order, once each."""
        lines = (name for op in self.ops if isinstance(op, RemoveLine | KeepLines) for name in op.people)
        pointed = (name for ref in self.clip_refs() for name in ref.people)
        return list(dict.fromkeys([*(name for query in self.queries() for name in query.people), *lines,
                                   *pointed]))

    def clip_refs(self) -> list[ClipRef]:
        """Every clip reference of the plan's ops (``ref``, a swap's ``other``, ``target``, a transition's
        ``into``, a blur's ``clips``), in order."""
        refs = (getattr(op, field, None) for op in self.ops for field in CLIP_REF_FIELDS)
        return [ref for ref in refs if isinstance(ref, ClipRef)]

    def blur_people(self) -> list[str]:
        """Every person the plan's blur and unblur ops name, in order, once each."""
        return list(dict.fromkeys(name for op in self.ops if isinstance(op, BLUR_OPS) for name in op.people))


def plan_json_schema() -> dict:
    """JSON Schema for constraining and validating LLM output."""
    return EditPlan.model_json_schema()
