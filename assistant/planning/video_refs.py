"""Videos a request names: "drop everything from sintel", "put the chaplin clip first", "only the robot lines
from tears of steel".

A session holds several videos and people call them by their names. Read as pictures, "sintel" is a CLIP
search for a word no picture shows, and its chance matches would be cut: a wrong edit. So once a turn is
planned, a query whose words name videos of the session is scoped to them (``Query.videos``) and loses
those words; what is left ("robot lines") is searched in those videos only, and nothing left means all of
them. A name that may just as well be words about the pictures ("keep the tears" beside Tears of Steel)
is not guessed: the chat asks which was meant (``PlanResult.as_videos``).

Pure functions over the plan and the session's video names; nothing here touches the library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.plan.language import CJK_LETTERS
from assistant.plan.schema import Best, ClipRef, EditPlan, KeepOnly, Operation, Query, VideoPick
from assistant.planning.base import NO_MODEL, PlanResult, VideoEntry
from assistant.planning.rules.number_words import ORDINALS

# Words, with letters and digits apart: "day1" and "day 1" are the same two words, "IMG_2041" is "img 2041";
# Chinese, Japanese and Korean apart from Latin letters, as they are written without spaces ("sintel的片段").
_WORD = re.compile(rf"\d+|[{CJK_LETTERS}]+|[^\W\d_{CJK_LETTERS}]+")
# Words a video's name often carries that name no video by themselves ("the trailer" of two trailers).
_GENERIC = frozenset("""
    a an and the of in on at to from with for by my our new old final edit edited cut copy full hd sd uhd
    video videos clip clips trailer trailers teaser film films movie movies footage opening ending excerpt
    part scene scenes shot shots short sample test demo take version mp4 mkv mov webm avi
""".split())
_STOP = frozenset("the and for with from new old".split())
# A noun after a name that makes it a video ("the chaplin clip", "the sintel trailer"), or before a
# preposition and the name ("the clip of chaplin"; a request may be in French, German or Spanish).
_VIDEO_NOUNS = frozenset("""
    video videos clip clips trailer trailers film films movie movies footage one ones scenes scene shots
    shot parts part bits bit file excerpt teaser reel short stuff section sections segment segments material
    vidéo vidéos vídeo vídeos extrait extraits
    película películas ausschnitt szene szenen
""".split())
_LEADS = frozenset("the both that this these those all whole entire of".split())
_JOINS = frozenset("and or plus nor".split())
# Before the name: "from sintel" (aus, von, desde) is always a video; "in"/"of" (de, du, dans, en, im) may
# be words about pictures ("in tears").
_FROM = frozenset("from aus von vom desde".split())
_PREPOSITIONS = _FROM | frozenset("in of within de du des del dans en im".split())
# In the request, around a name a planner kept: "start with the chaplin clip and end with sintel".
_SAID_BEFORE = _PREPOSITIONS | {"with"}
# "end with X": the verbs of a cut's ends, after which "with" may name a video as well as a person.
_AT_AN_END = frozenset("start starts begin begins open opens end ends finish finishes close closes lead"
                       .split())
# What is left of the query when it asked for a video as a whole: "everything from sintel".
_EVERYTHING = frozenset("""
    everything all anything any stuff it the scenes scene clips clip parts part bits bit shots shot footage
    whole entire every each one ones thing things material content bits pieces piece moments source video
    from in of whatever what that which came comes is are was were
""".split())
# A video by its place among the session's videos ("the first video", "video 2", "the last film"): the
# nouns that name a whole video, never a clip of the cut ("the first clip" is a clip reference).
_PLACE_NOUNS = frozenset("video film movie file upload recording source".split())
_PLACE_SUFFIXES = frozenset("st nd rd th".split())
# A file name no one types by chance ("sintel_trailer_480x204"): a model copies it from the cut's clips.
# The fields of an op that hold a search or a clip reference (a move's anchor, a swap's other group too)
_REF_FIELDS = ("query", "ref", "other", "target", "before", "after", "into", "clips")
_FILE_NAME = re.compile(r"(?=.*[_\d])[^\s]{6,}")


@dataclass(frozen=True)
class _Name:
    """One name a query's words end with: its words, the videos it fits, and how it was said."""

    words: tuple[str, ...]  # without "the" and without a video's noun after it
    videos: tuple[VideoEntry, ...]
    noun: bool  # "the chaplin clip"
    whole: bool  # all of each fitting video's distinctive words ("sintel" for sintel_trailer_480x204)


@dataclass(frozen=True)
class _Reading:
    rest: str  # the query's words without the names (original case and spacing)
    names: tuple[_Name, ...]
    preposition: str  # "" when the whole query is names

    @property
    def videos(self) -> tuple[VideoEntry, ...]:
        return tuple(dict.fromkeys(video for name in self.names for video in name.videos))


def scope_to_videos(result: PlanResult, videos: Sequence[VideoEntry], request: str = "") -> PlanResult:
    """``result`` with the queries and clip references that name videos scoped to them ("the second clip
    from sintel"); names that may also be words about the pictures go into ``as_videos`` (the plan read
    that way) for the chat to ask about.

    Planners drop words around a name ("drop everything from sintel" is a removal of "sintel"), so a name
    counts as sure when either the query or the ``request`` says it surely.
    """
    if result.plan.refusal or len(videos) < 2:  # one video: the whole source
        return result
    if past := _past_the_end(result.plan, videos):
        return replace(result, plan=EditPlan(refusal=past), unparsed=(), guessed=())
    said = [m.group().casefold() for m in _WORD.finditer(request)]
    sure_ops, maybe_ops = [], []
    named: set[str] = set()  # words that were all names of videos: no longer a guess to confirm
    for op in result.plan.ops:
        sure_update: dict[str, Query | ClipRef] = {}
        maybe_update: dict[str, Query | ClipRef] = {}
        # a move's anchor (before, after) and a swap's other group too
        for field in _REF_FIELDS:
            value = getattr(op, field, None)
            if not isinstance(value, Query | ClipRef):
                continue
            if isinstance(value, ClipRef) and (placed := _placed_video(value, videos)):
                sure_update[field] = maybe_update[field] = placed  # "put the second video first"
                continue
            reading = _read(value.text if isinstance(value, Query) else value.matching or "", videos)
            if reading is None:
                if isinstance(value, Query) and (as_video := _person_as_video(value, said, videos)):
                    maybe_update[field] = as_video  # "put the sintel clip first" beside a Sintel in the cast
                continue
            maybe_update[field] = _scoped(value, reading)
            if all(_sure(reading.preposition, name) or _said_surely(said, name, videos)
                   for name in reading.names):
                sure_update[field] = maybe_update[field]
                if not reading.rest:
                    named.add(value.text if isinstance(value, Query) else value.matching or "")
        sure_ops.append(op.model_copy(update=sure_update) if sure_update else op)
        maybe_ops.append(op.model_copy(update=maybe_update) if maybe_update else op)
    sure_ops, maybe_ops = _best_of_videos(sure_ops), _best_of_videos(maybe_ops)
    as_videos = _with_ops(result.plan, maybe_ops) if maybe_ops != sure_ops else None
    # "only the scenes with Celia from tears": the rules left "from tears" over, a guess; it names a video
    guessed = tuple(words for words in result.guessed if words not in named)
    understood = bool(result.guessed) and not guessed and not result.unparsed
    note = "" if understood and result.note == NO_MODEL else result.note
    return replace(result, plan=_with_ops(result.plan, sure_ops), as_videos=as_videos, guessed=guessed,
                   note=note)


def _video_place(ref: ClipRef) -> int | None:
    """The count of ``ref`` when it counts videos ("the second video", read as the second of the clips chosen
    for the word "video"), else None."""
    if (len(ref.indices) != 1 or (ref.matching or "").casefold() not in _PLACE_NOUNS or ref.videos
            or ref.people or ref.turn is not None):
        return None
    return ref.indices[0]


def _past_the_end(plan: EditPlan, videos: Sequence[VideoEntry]) -> str | None:
    """What to say when ``plan`` counts to a video the session does not have ("remove the third video" of
    two); None when it does not."""
    for op in plan.ops:
        for field in _REF_FIELDS:
            value = getattr(op, field, None)
            place = _video_place(value) if isinstance(value, ClipRef) else None
            if place is not None and not -len(videos) <= place <= len(videos):
                names = ", ".join(video.name for video in videos)
                said = f"There is no video {abs(place)}: this session has {len(videos)} videos ({names})."
                return said[:300]
    return None


def _placed_video(ref: ClipRef, videos: Sequence[VideoEntry]) -> ClipRef | None:
    """ "remove the last video", "put the second video first": a planner reads the count as one of the cut's
    clips chosen for the word "video"; with several videos it is that video's clips. None for other refs."""
    place = _video_place(ref)
    if place is None or not -len(videos) <= place <= len(videos):
        return None
    video = videos[place - 1 if place > 0 else place]
    return ref.model_copy(update={"indices": [], "matching": None,
                                  "videos": (VideoPick(id=video.id, name=video.name),)})


def _best_of_videos(ops: list[Operation]) -> list[Operation]:
    """ "just the good parts of tears": the video's own good parts (its clips, then the better half), not the
    one whole-video scene a search for all of it finds."""
    out: list[Operation] = []
    for op in ops:
        if (isinstance(op, Best) and op.query is not None and op.query.videos and not op.query.text
                and not op.query.people):
            out += [KeepOnly(query=op.query), Best(count=op.count, seconds=op.seconds)]
        else:
            out.append(op)
    return out


def _person_as_video(query: Query, said: list[str], videos: Sequence[VideoEntry]) -> Query | None:
    """``query`` with a person who is also a video's name ("Sintel" in the Sintel trailer) read as that
    video, when the request says the name as a video's ("from sintel", "the sintel clip"; "with Sintel" is
    the person); else None. The chat asks which was meant: neither reading is a safe guess."""
    for person in query.people:
        reading = _read(person, videos)
        if (reading is not None and not reading.rest
                and all(_said_surely(said, name, videos, _PREPOSITIONS) or _said_at_an_end(said, name)
                        for name in reading.names)):
            picks = (*query.videos, *(VideoPick(id=v.id, name=v.name) for v in reading.videos))
            people = tuple(p for p in query.people if p != person)
            # "add the sintel trailer": the rest of the video's name ("trailer") is no search of its own
            text = "" if all(w in _VIDEO_NOUNS or w in _EVERYTHING or w in _GENERIC
                             for w in _title_words(query.text)) else query.text
            return query.model_copy(update={"people": people, "videos": picks, "text": text,
                                            "spoken_as": () if not text else query.spoken_as})
    return None


def _said_at_an_end(said: list[str], name: _Name) -> bool:
    """ "end with sintel", "open with the sintel": a video as well as a person may open or close a cut."""
    size = len(name.words)
    for i in range(len(said) - size + 1):
        if tuple(said[i:i + size]) == name.words:
            j = i - 1 - (i > 0 and said[i - 1] == "the")
            if j > 0 and said[j] == "with" and said[j - 1] in _AT_AN_END:
                return True
    return False


def _sure(preposition: str, name: _Name) -> bool:
    """"from X" and "the X clip" name a video; so do "in X", "of X" and a bare "tears of steel" when X is
    all of the video's name (bare, of two words at least). A bare "sintel", and a part of a name ("people in
    tears") may be words about the pictures."""
    spelled_out = sum(_distinctive(w) for w in name.words) >= 2
    return name.noun or preposition in _FROM or name.whole and (bool(preposition) or spelled_out)


def _said_surely(said: list[str], name: _Name, videos: Sequence[VideoEntry],
                 prepositions: frozenset[str] = _SAID_BEFORE) -> bool:
    """Whether the request says ``name`` surely somewhere: after "from", or before a video's noun, also as
    one of a list of names ("from sintel and tears", "the sintel and chaplin clips")."""
    listed = _LEADS | _JOINS | {w for v in videos for title in (v.name, v.stem) for w in _title_words(title)}
    size = len(name.words)
    for i in range(len(said) - size + 1):
        if tuple(said[i:i + size]) != name.words:
            continue
        before, after = i - 1, i + size
        while before >= 0 and said[before] in listed and said[before] not in prepositions:
            before -= 1
        while after < len(said) and said[after] in listed and said[after] not in _VIDEO_NOUNS:
            after += 1
        preposition = said[before] if before >= 0 and said[before] in prepositions else ""
        # "the chaplin clip", "the clip of chaplin"
        noun = (after < len(said) and said[after] in _VIDEO_NOUNS
                or bool(preposition) and before > 0 and said[before - 1] in _VIDEO_NOUNS)
        if _sure(preposition, replace(name, noun=noun)):
            return True
    return False


def names_said(text: str, videos: Sequence[VideoEntry]) -> list[str]:
    """The words of ``text`` that are a video's key words ("sintel" in "entferne alles aus sintel"), as
    written, once each: what a translation must keep."""
    keys = {w for v in videos for title in {v.name, v.stem} - {""} for w in _key_words(_title_words(title))}
    return list(dict.fromkeys(m.group() for m in _WORD.finditer(text) if m.group().casefold() in keys))


def named_videos(words: str, videos: Sequence[VideoEntry]) -> tuple[VideoEntry, ...]:
    """The videos ``words`` name as a whole ("sintel", "tears of steel", "the chaplin clip"), if they do."""
    reading = _read(words, videos)
    return reading.videos if reading is not None and not reading.rest else ()


def spoken_name(name: str) -> str:
    """The shortest way to name a video in a request: its first distinctive word ("tears" for
    tears_of_steel_opening_64s_512x120), or the name itself when it has none."""
    return next((w for w in _title_words(name) if _distinctive(w)), name)


def _title_words(title: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(title)]


def _with_ops(plan: EditPlan, ops: list) -> EditPlan:
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})


def _scoped(value: Query | ClipRef, reading: _Reading) -> Query | ClipRef:
    picks = (*value.videos, *(VideoPick(id=v.id, name=v.name) for v in reading.videos))
    if isinstance(value, ClipRef):
        return value.model_copy(update={"matching": reading.rest or None, "videos": picks})
    # Words about the lines that name a video are no longer the lines' words in other languages.
    return value.model_copy(update={"text": reading.rest, "videos": picks, "spoken_as": ()})


def _read(text: str, videos: Sequence[VideoEntry]) -> _Reading | None:
    """The videos ``text`` ends by naming, or names by file name anywhere, and what is left of it; None if
    it names none."""
    if by_file := _file_names(text, videos):
        return by_file
    words = [(m.group().casefold(), m.start()) for m in _WORD.finditer(text)]
    splits = [(0, "")] + [(i + 1, w) for i, (w, _) in enumerate(words)
                          if w in _PREPOSITIONS and i < len(words) - 1]
    for start, preposition in splits:
        names = _names([w for w, _ in words[start:]], videos)
        if names is None:
            continue
        before = words[:max(start - 1, 0)]
        rest = "" if all(w in _EVERYTHING for w, _ in before) else text[:words[start - 1][1]].strip(" ,;:-")
        return _Reading(rest, names, preposition)
    return None


def _file_names(text: str, videos: Sequence[VideoEntry]) -> _Reading | None:
    """A video's file-like name anywhere in ``text`` ("sintel_trailer_480x204 whole source video", copied
    from the cut's clips by a model): sure, whatever words are around it."""
    found, rest = [], text
    for video in videos:
        for name in dict.fromkeys(n for n in (video.name, video.stem) if _FILE_NAME.fullmatch(n)):
            pattern = re.compile(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", re.IGNORECASE)
            if pattern.search(rest):
                rest = pattern.sub(" ", rest)
                found.append(_Name(tuple(_title_words(name)), (video,), noun=True, whole=True))
    if not found:
        return None
    rest = " ".join(rest.split()).strip(" ,;:-")
    if all(w.casefold() in _EVERYTHING for w in _WORD.findall(rest)):
        rest = ""
    return _Reading(re.sub(r"\s+(?:from|in|of)$", "", rest, flags=re.IGNORECASE), tuple(found), "from")


def _names(words: list[str], videos: Sequence[VideoEntry]) -> tuple[_Name, ...] | None:
    """The names ``words`` are ("sintel", "the chaplin clip", "sintel and tears"), if every part of them
    names a video; else None."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word in _JOINS:
            parts.append([])
        else:
            parts[-1].append(word)
    names = []
    for part in parts:
        while part and part[0] in _LEADS:
            part = part[1:]
        if not part:
            return None
        noun = part[-1] in _VIDEO_NOUNS
        matched = _matching(part, videos) or _by_place(part, videos)
        if not matched and noun:
            part = part[:-1]
            matched = _matching(part, videos)
        if not matched:
            return None
        names.append(_Name(tuple(part), tuple(v for v, _ in matched), noun, all(w for _, w in matched)))
    return tuple(names)


def _matching(name: list[str], videos: Sequence[VideoEntry]) -> list[tuple[VideoEntry, bool]]:
    """The videos whose name holds ``name`` as a run of words with one of its key words at least, each with
    whether ``name`` has all of them ("sintel" for sintel_trailer_480x204)."""
    found = []
    for video in videos:
        for title in {video.name, video.stem} - {""}:
            words = _title_words(title)
            keys = _key_words(words)
            if keys & set(name) and _holds(words, name):
                found.append((video, set(name) >= keys))
                break
    return found


def _by_place(name: list[str], videos: Sequence[VideoEntry]) -> list[tuple[VideoEntry, bool]]:
    """The video ``name`` counts to among the session's videos, in their order ("first video", "video 2",
    "the 2nd film", "the last video"); none when it is not such a count or counts past the end."""
    if len(name) < 2 or not ({name[0], name[-1]} & _PLACE_NOUNS):
        return []
    count = [w for w in name if w not in _PLACE_NOUNS and w not in _PLACE_SUFFIXES]
    if len(count) != 1:
        return []
    word = count[0]
    place = -1 if word in ("last", "final") else ORDINALS.get(word) or (int(word) if word.isdigit() else 0)
    if name[0] in _PLACE_NOUNS and not word.isdigit():  # "video first" is no count
        return []
    if place == 0 or place > len(videos):
        return []
    return [(videos[place - 1 if place > 0 else place], True)]


def _key_words(words: list[str]) -> set[str]:
    """The words that name a video: its distinctive ones, or, in a name of common words only
    ("trailer.mp4", "final_cut.mov"), those words."""
    return {w for w in words if _distinctive(w)} or {w for w in words if len(w) >= 3 and w.isalpha()
                                                       and w not in _STOP}


def _holds(words: list[str], run: list[str]) -> bool:
    return any(words[i:i + len(run)] == run for i in range(len(words) - len(run) + 1))


def _distinctive(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word not in _GENERIC
