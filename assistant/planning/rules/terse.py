"""A power user's shorthand: "-crowd +goals 60s fadeblack", "+sunsets", "xfade 0.8", "hero=#5",
"rm rain shots; 1.5x; max 60s", "rm clip 2", "len <= 45s".

Read only when every token of the message is shorthand and at least one is marked as such (a sign, a unit
glued to a number, "=" or an editor's abbreviation), so plain English never comes here.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from assistant.plan.schema import (
    Add,
    AspectName,
    ChooseHero,
    ClipRef,
    LimitDuration,
    Query,
    Redo,
    Reframe,
    Remove,
    RemoveClip,
    Reset,
    Speed,
    Transition,
    TransitionKind,
    Undo,
)

_TOKEN = re.compile(r"[^\s,;]+")
_SIGNED = re.compile(r"^(?P<sign>[+-])(?P<word>[^\W\d_][\w'&-]*)$")
_LENGTH = re.compile(r"^(?P<n>\d+(?:\.\d+)?)(?P<unit>s|sec|secs|m|min|mins)$")
_SPEED = re.compile(r"^(?:(?P<a>\d*\.?\d+)x|x(?P<b>\d*\.?\d+))$")
_HERO = re.compile(r"^hero[=:](?P<who>#?\d+|[A-Z][\w'-]*)$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\d*\.?\d+$")
_PLAIN = re.compile(r"[a-z][\w'-]*")
_FADES: dict[str, TransitionKind] = {
    "xfade": "crossfade", "crossfade": "crossfade", "dissolve": "crossfade", "fadeblack": "fade_black",
    "fade2black": "fade_black", "ftb": "fade_black", "fadetoblack": "fade_black", "hardcut": "cut",
    "hardcuts": "cut",
}
_SHAPES: dict[str, AspectName] = {"9:16": "9:16", "1:1": "1:1", "4:5": "4:5", "16:9": "original"}
_HISTORY = {"undo": Undo, "redo": Redo, "reset": Reset}
_MAX_TRANSITION_SECONDS = 3.0
_RM = frozenset({"rm", "del"})  # a shell's remove: the words after it, or "clip N" / "#N"
_CLIP_NUMBER = re.compile(r"^#(?P<n>\d{1,3})$")
# "len <= 45s", "max 60s", "cap: 2m": words that only lead a length
_LENGTH_LEAD = frozenset({"len", "len:", "length", "length:", "max", "max:", "cap", "cap:", "<=", "<",
                          "\u2264", "=", "dur", "dur:", "maxlen", "under"})
# a length after one of these is a ceiling ("max 45s" never lengthens the cut)
_CEILING_LEAD = frozenset({"max", "max:", "cap", "cap:", "<=", "<", "\u2264", "maxlen", "under"})


def terse_ops(text: str) -> list | None:
    """The ops of a message written wholly in shorthand, or None when any token is not shorthand."""
    tokens = _TOKEN.findall(text.strip())
    if not tokens or not any(_marked(token) for token in tokens):
        return None
    ops: list = []
    i = 0
    ceiling = False  # the length coming next was led by "max", "<=" ...: a ceiling
    while i < len(tokens):
        token, lower = tokens[i], tokens[i].lower()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if signed := _SIGNED.match(token):
            words = [signed.group("word")]
            while i + 1 < len(tokens) and _PLAIN.fullmatch(tokens[i + 1]) and not _known(tokens[i + 1]):
                i += 1
                words.append(tokens[i])  # "+beach sunset": the words up to the next shorthand
            query = Query(text=" ".join(words).replace("-", " ").lower())
            ops.append(Add(query=query) if signed.group("sign") == "+" else Remove(query=query))
        elif lower in _RM and nxt:
            if (number := _CLIP_NUMBER.match(nxt)) or (nxt.lower() == "clip" and i + 2 < len(tokens)
                                                       and tokens[i + 2].isdigit()):
                n = int(number.group("n") if number else tokens[i + 2])
                if n < 1:
                    return None
                ops.append(RemoveClip(ref=ClipRef(indices=[n])))
                i += 1 if number else 2
            else:
                words = []
                while i + 1 < len(tokens) and _PLAIN.fullmatch(tokens[i + 1]) and not _known(tokens[i + 1]):
                    i += 1
                    words.append(tokens[i])
                if not words:
                    return None
                ops.append(Remove(query=Query(text=" ".join(words).replace("-", " ").lower())))
        elif lower in _LENGTH_LEAD and any(_LENGTH.match(t.lower()) for t in tokens[i + 1:i + 3]):
            ceiling = ceiling or lower in _CEILING_LEAD  # "len <= 45s": the length itself comes next
        elif length := _LENGTH.match(lower):
            seconds = float(length.group("n")) * (60 if length.group("unit").startswith("m") else 1)
            try:
                ops.append(LimitDuration(seconds=seconds, bound="at_most" if ceiling else None))
            except ValidationError:
                return None  # "0m": no length (outside the schema's range)
            ceiling = False
        elif speed := _SPEED.match(lower):
            factor = float(speed.group("a") or speed.group("b"))
            if not 0.25 <= factor <= 4:
                return None
            ops.append(Speed(factor=factor))
        elif hero := _HERO.match(token):
            ops.append(ChooseHero(person=hero.group("who")))
        elif lower in _FADES:
            said = _seconds(nxt)
            if said is not None:
                i += 1
            kind = _FADES[lower]
            seconds = 0.0 if kind == "cut" else said if said is not None else 0.5
            ops.append(Transition(kind=kind, seconds=seconds))
        elif lower in _SHAPES:
            ops.append(Reframe(aspect=_SHAPES[lower]))
        elif lower in _HISTORY:
            steps = _SPEED.match(nxt.lower()) if lower != "reset" else None
            times = float(steps.group("a") or steps.group("b")) if steps else 1.0
            if steps and times.is_integer() and 2 <= times <= 50:  # "redo x2": twice, not a speed
                ops.append(_HISTORY[lower](steps=int(times)))
                i += 1
            else:
                ops.append(_HISTORY[lower]())
        else:
            return None
        i += 1
    return ops or None


def _marked(token: str) -> bool:
    lower = token.lower()
    return bool(_SIGNED.match(token) or _LENGTH.match(lower) or _HERO.match(token) or lower in _FADES
                or lower in _RM or _SPEED.match(lower) and not _BARE_NUMBER.match(lower))


def _known(token: str) -> bool:
    lower = token.lower()
    return _marked(token) or lower in _SHAPES or lower in _HISTORY or lower in _LENGTH_LEAD


def _seconds(token: str) -> float | None:
    """A transition's length said right after it: "xfade 0.8", "ftb 1s"."""
    match = re.fullmatch(r"(\d*\.?\d+)(?:s|sec|secs)?", token.lower())
    if not match or not 0 < float(match.group(1)) <= _MAX_TRANSITION_SECONDS:
        return None
    return float(match.group(1))
