"""An ``EditPlan`` in plain words, for the chat reply and the CLI (what was understood)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.plan.language import ENGLISH, has_messages, message
from assistant.plan.schema import (
    NAMED_REF,
    SOMEONE_REF,
    Add,
    AspectName,
    Best,
    Blur,
    ChooseHero,
    ClipRef,
    EditPlan,
    Extend,
    Fade,
    ForMe,
    JoinClips,
    Keep,
    KeepClip,
    KeepLines,
    KeepOnly,
    LessLike,
    Like,
    LimitDuration,
    MoreLike,
    Move,
    MoveClip,
    NameCharacter,
    Order,
    Query,
    Redo,
    Reframe,
    Remove,
    RemoveClip,
    RemoveLine,
    Reset,
    Speed,
    Split,
    Suggest,
    SwapClips,
    Title,
    Transition,
    Trim,
    TrimCut,
    TrimTo,
    Unblur,
    Undo,
    Volume,
    role_of,
)


# --- the plan in words ----------------------------------------------------------------------------
def plural(n: int, noun: str) -> str:
    """"1 clip", "3 clips": counts in replies (English; other languages use the phrase catalog)."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}" if minutes else f"{secs} s"


def _query(query: Query, language: str) -> str:
    """What a query looks for, then the videos it is limited to ("'fight' in sintel", "all of sintel")."""
    looked_for = _looked_for(query, language)
    if not query.videos:
        return looked_for
    videos = message("people_and", language).join(video.name for video in query.videos)
    if not looked_for:
        return message("query_videos", language, videos=videos)
    return message("query_in_videos", language, query=looked_for, videos=videos)


def _looked_for(query: Query, language: str) -> str:
    # Lines are searched in the films' languages: a French reply names the French words it searched.
    said = query.words_in(language) if query.kind == "dialogue" else query.text
    searched = message("query_any_line", language) if query.any_line else message(
        f"query_{query.kind}", language, text=said) if said else ""
    if not query.people:
        return searched
    people = people_words(query.people, language)
    if not query.text:
        return message("query_people", language, people=people)
    text = searched
    return message("query_with_people", language, query=text, people=people)


def people_words(people: tuple[str, ...] | list[str], language: str = ENGLISH) -> str:
    """"Celia and Thom"; the "named" ref reads "the named characters", "someone" in the reply's language."""
    words = [message("named_people", language) if p == NAMED_REF else message("someone_ref", language)
             if p == SOMEONE_REF else p for p in people]
    return message("people_and", language).join(words)


def clips_named(numbers: Sequence[int]) -> str:
    """"clip 2", "clips 2 and 3", "clips 1, 4 and 5"."""
    if len(numbers) == 1:
        return f"clip {numbers[0]}"
    return f"clips {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def aspect_words(aspect: AspectName, language: str = ENGLISH) -> str:
    """"9:16 (vertical)"; the original shape has no ratio of its own to show."""
    if aspect == "original":
        return message("reframe_original", language)
    return message("reframe", language, aspect=aspect, shape=message(f"shape_{aspect}", language))


def _ordinal(n: int) -> str:
    if n < 0:  # "the 2nd from last", never "2th"
        return "last" if n == -1 else f"{_ordinal(-n)} from last"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _of_earlier(ref: ClipRef, text: str, language: str) -> str:
    """``text`` said of the version the reference counts clips in ("... of the previous version")."""
    if not ref.turn:
        return text
    return message("ref_turn_1", language, ref=text) if ref.turn == -1 else \
        message("ref_turn", language, ref=text, n=-ref.turn)


def _ref(ref: ClipRef, language: str) -> str:
    """English reads "the 2nd 'fight' clip"; other languages get clip numbers, which need no grammar."""
    if ref.span is not None and ref.span.share is not None:
        return message(f"ref_share_{ref.span.edge}", language, percent=f"{ref.span.share * 100:.0f}")
    if ref.span is not None:
        return message(f"ref_span_{ref.span.edge}", language, seconds=f"{ref.span.seconds:g}")
    if ref.people and not ref.indices and not ref.matching:
        text = message("ref_people", language, people=message("people_and", language).join(ref.people))
        return _of_earlier(ref, text, language)
    if language == ENGLISH:
        noun = f"'{' and '.join([*filter(None, [ref.matching]), *ref.people])}' clip" \
            if ref.matching or ref.people else "clip"
        if not ref.indices:
            text = f"every {noun}"
        elif len(ref.indices) == 1:
            text = f"the {_ordinal(ref.indices[0])} {noun}"
        elif all(i > 0 for i in ref.indices):
            text = f"{noun}s {_and([str(i) for i in ref.indices])}"
        else:
            text = f"the {_and([_ordinal(i) for i in ref.indices])} {noun}s"
    else:
        numbers = ", ".join(str(i) for i in ref.indices if i > 0)
        parts = [message("ref_clips", language, numbers=numbers)] if numbers else []
        parts += [
            message("ref_last" if i == -1 else "ref_from_end", language, n=-i) for i in ref.indices if i < 0
        ]
        text = ", ".join(parts) or message("ref_all", language)
        if ref.matching or ref.people:
            said = message("people_and", language).join([*filter(None, [ref.matching]), *ref.people])
            text = message("ref_matching", language, ref=text, matching=said)
    if ref.videos:
        videos = message("people_and", language).join(video.name for video in ref.videos)
        text = message("ref_in_videos", language, ref=text, videos=videos)
    if ref.invert:
        text = message("ref_invert", language, ref=text)
    return _of_earlier(ref, text, language)


def _line_ref(op: RemoveLine | KeepLines, language: str) -> str:
    """"the last line", "lines 2 and 4 of clip 3", "every line of the last clip"."""
    if not op.lines:
        lines = message("line_every" if op.every else "line_one", language)
    elif language == ENGLISH:
        if len(op.lines) == 1 or any(n < 0 for n in op.lines):
            lines = f"the {_and([_ordinal(n) for n in op.lines])} line{'s' if len(op.lines) > 1 else ''}"
        else:
            lines = f"lines {_and([str(n) for n in op.lines])}"
    else:
        numbers = ", ".join(str(n) for n in op.lines if n > 0)
        parts = [message("line_numbers", language, numbers=numbers)] if numbers else []
        parts += [message("line_last" if n == -1 else "line_from_end", language, n=-n)
                  for n in op.lines if n < 0]
        lines = ", ".join(parts)
    if op.clip is not None:
        clip = _ref(ClipRef(indices=[op.clip]), language)
        lines = message("line_in_clip", language, lines=lines, clip=clip)
    if op.people:  # "Celia's last line": counted among the lines spoken while she is on screen
        if language == ENGLISH:  # "the hero", "the main character": a role reads with its article
            who = people_words([f"the {p}" if role_of(p) else p for p in op.people], language)
            lines = f"{lines}, with {who} on screen"
        else:
            lines = f"{lines} ({people_words(op.people, language)})"
    return lines


def _describe_op(op: object, lang: str) -> str:
    def say(key: str, **fields: object) -> str:
        return message(key, lang, **fields)

    match op:
        case KeepOnly(query=q):
            return say("keep_only", query=_query(q, lang))
        case Keep(query=q):
            return say("keep", query=_query(q, lang))
        case Add(query=q):
            return say("add", query=_query(q, lang))
        case Remove(query=q, spare=spare) if spare:
            if lang == ENGLISH:
                which = f"the {_and([_ordinal(n) for n in spare])} of them"
            else:
                parts = [say("spare_numbers", numbers=", ".join(str(n) for n in spare if n > 0))] \
                    if any(n > 0 for n in spare) else []
                parts += [say("spare_last") if n == -1 else say("spare_from_end", n=-n)
                          for n in spare if n < 0]
                which = ", ".join(parts)
            return say("remove_spare", query=_query(q, lang), spared=which)
        case Remove(query=q):
            return say("remove", query=_query(q, lang))
        case Order(by=by):
            return say(f"order_{by}")
        case Move(query=q, to=to, before=before, after=after):
            if (beside := before or after) is not None:
                side = "before" if before is not None else "after"
                return say(f"move_{side}", query=_query(q, lang), anchor=_query(beside, lang))
            return say(f"move_{to}", query=_query(q, lang))
        case Best(query=q, count=n, seconds=s):
            what = say("best_what_query", query=_query(q, lang)) if q else say("best_what_cut")
            if n:
                return say("best_count", n=n, what=what)
            return say("best_seconds", clock=_clock(s), what=what) if s else say("best_half", what=what)
        case LimitDuration(seconds=s, factor=f, change=c, bound=bound):
            if s is not None:
                return say("limit_at_least" if bound == "at_least" else "limit_seconds", clock=_clock(s))
            if c is not None:
                return say("limit_shorter" if c < 0 else "limit_longer", seconds=f"{abs(c):g}")
            return say("limit_factor", factor=f"{f:g}")
        case Trim(target=t, seconds=s, side=side):
            return say(f"trim_{side}", seconds=f"{s:g}", ref=_ref(t, lang))
        case TrimCut(seconds=s, share=share, side=side, keep=keep):
            if share is not None:
                return say(f"{'keep' if keep else 'trim'}_share_{side}", percent=f"{share * 100:.0f}")
            return say(f"{'keep' if keep else 'trim'}_cut_{side}", seconds=f"{s:g}")
        case TrimTo(target=t, seconds=s, factor=f, side=side):
            if f is not None:
                return say(f"trim_factor_{side}", percent=f"{f * 100:.0f}", ref=_ref(t, lang))
            return say(f"trim_to_{side}", seconds=f"{s:g}", ref=_ref(t, lang))
        case Extend(target=t, seconds=s, factor=f, side=side):
            if f is not None:
                return say(f"extend_factor_{side}", factor=f"{f:g}", ref=_ref(t, lang))
            return say(f"extend_{side}", seconds=f"{s:g}", ref=_ref(t, lang))
        case Speed(target=t, factor=f):
            what = say("the_cut") if t == ClipRef(turn=t.turn) else _ref(t, lang)
            if lang == ENGLISH and t.matching and t == ClipRef(matching=t.matching, videos=t.videos):
                # the clips chosen for the words, else the parts a search for them finds: "the parts"
                what = f"the '{t.matching}' parts" + (f" of {' and '.join(v.name for v in t.videos)}"
                                                      if t.videos else "")
            return say("speed", what=what, factor=f"{f:g}")
        case Volume(target=t, level=level, factor=f):
            what = say("the_cut") if t == ClipRef(turn=t.turn) else _ref(t, lang)
            if level is not None:
                key = "volume_mute" if level == 0 else "volume_as_recorded" if level == 1 else "volume_level"
                return say(key, what=what, percent=f"{level * 100:g}")
            return say("volume_louder" if (f or 1) > 1 else "volume_quieter", what=what)
        case Transition(kind=k, seconds=s, into=into) if into is not None and into.span is not None:
            return say(f"transition_span_{k}", seconds=f"{s:g}", ref=_ref(into, lang))  # at the cuts there
        case Transition(kind=k, seconds=s, into=into) if into is not None:
            return say(f"transition_into_{k}", seconds=f"{s:g}", ref=_ref(into, lang))
        case Transition(kind=k, seconds=s):
            return say(f"transition_{k}", seconds=f"{s:g}")
        case Fade(at=at, factor=f) if f is not None:
            return say(f"fade_{at}_{'longer' if f > 1 else 'shorter'}")
        case Fade(at=at, seconds=s):
            return say(f"fade_{at}", seconds=f"{s:g}") if s > 0 else say(f"no_fade_{at}")
        case Title(text=t):
            return say("title", text=t) if t else say("title_removed")
        case Undo(steps=n):
            return say("undo_one") if n == 1 else say("undo_many", n=n)
        case Redo(steps=n):
            return say("redo_one") if n == 1 else say("redo_many", n=n)
        case Reset():
            return say("reset")
        case RemoveClip(ref=r):
            return say("remove_clip", ref=_ref(r, lang))
        case KeepClip(ref=r):
            return say("keep_clip", ref=_ref(r, lang))
        case MoveClip(ref=r, to=to, before=before, after=after):
            if to is not None:
                return say(f"move_clip_{to}", ref=_ref(r, lang))
            number = before if before is not None else after
            anchor = _ref(ClipRef(indices=[number or -1]), lang)
            key = "move_clip_before" if before is not None else "move_clip_after"
            return say(key, ref=_ref(r, lang), anchor=anchor)
        case SwapClips(ref=r, other=ClipRef() as other):
            return say("swap_groups", ref=_ref(r, lang), other=_ref(other, lang))
        case SwapClips(ref=r):
            return say("swap_clips", ref=_ref(r, lang))
        case JoinClips(target=r):
            return say("join_all") if r == ClipRef() else say("join", ref=_ref(r, lang))
        case Split(target=r, parts=n, at=at):
            if n is not None:
                return say("split_parts", ref=_ref(r, lang), parts=str(n))
            if at is not None:
                return say("split_at", ref=_ref(r, lang), seconds=f"{at:g}")
            return say("split", ref=_ref(r, lang))
        case RemoveLine():
            return say("remove_line", lines=_line_ref(op, lang))
        case KeepLines():
            return say("keep_lines", lines=_line_ref(op, lang))
        case NameCharacter(character=n, name=name):
            return say("name_character", n=n, name=name)
        case ChooseHero(person=person):
            return say("choose_hero", person=person)
        case ForMe(seconds=s, surprise=surprise):
            what = say("for_me_surprise") if surprise else say("for_me")
            return say("for_me_seconds", what=what, clock=_clock(s)) if s else what
        case MoreLike(ref=r, count=n):
            return say("more_like", n=n, ref=_ref(r, lang))
        case LessLike(ref=r):
            return say("less_like", ref=_ref(r, lang))
        case Suggest(count=n):
            return say("suggest", n=n)
        case Like(text=t, liked=liked):
            return say("like" if liked else "dislike", text=t)
        case Blur(target=target, people=people, exclusive=exclusive, clips=clips):
            key = "blur_just" if exclusive else f"blur_{target}"
            what = say(key, people=people_words(people, lang)) if people else say(key)
            return what if clips is None else say("in_clips", what=what, ref=_ref(clips, lang))
        case Unblur(people=people, clips=clips):
            what = say("unblur", people=people_words(people, lang))
            return what if clips is None else say("in_clips", what=what, ref=_ref(clips, lang))
        case Reframe(aspect=aspect):
            return aspect_words(aspect, lang)
    return str(op)


def describe_plan(plan: EditPlan, language: str = ENGLISH) -> str:
    """The plan in plain words for the chat ("Kept only scenes matching 'fight'; limited to 2:00"), in
    ``language`` where the message catalog has it (English otherwise)."""
    if plan.refusal:
        return plan.refusal
    language = language if has_messages(language) else ENGLISH
    if not plan.ops:
        return message("nothing", language)
    parts = [_describe_op(op, language) for op in plan.ops]
    separator = "；" if language in ("zh", "ja") else "; "
    text = separator.join(parts)
    return text[0].upper() + text[1:]
