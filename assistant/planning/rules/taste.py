"""Requests about the person's own taste: "make me a 2-minute cut I'd like", "surprise me", "more like
clip 3", "less of this", "what would I like in this film?" (typed ops answered by ``assistant/taste``)."""

from __future__ import annotations

import re

from assistant.plan.schema import ClipRef, ForMe, LessLike, MoreLike, Suggest
from assistant.planning.rules.clip_refs import parse_ref
from assistant.planning.rules.number_words import DURATION_RE, duration_seconds

_ME = r"(?:i'?d|i\s+would|i'?ll|i\s+will|i|i'?m\s+going\s+to)"
_FOR_ME = re.compile(
    r"^(?:please\s+)?(?:make|give|build|cut|create|put\s+together|edit)\s+(?:me\s+)?(?:a\s+|an\s+|my\s+)?"
    r"(?P<length>.*?)\s*(?:cut|edit|version|video|film|montage|reel)\s+(?:that\s+|which\s+)?"
    rf"{_ME}\s+(?:really\s+)?(?:like|love|enjoy)$"
    r"|^(?:make|give|build)\s+(?:me\s+)?(?:my\s+)?(?:own\s+|personal\s+)(?P<length2>.*?)\s*(?:cut|edit|version)$"
)
_SURPRISE = re.compile(r"^surprise\s+me(?:\s+with\s+(?:a\s+)?(?P<length>.+?)(?:\s+(?:cut|edit|version))?)?$")
_THIS = re.compile(r"^(?:this|that|it|this\s+one|that\s+one|this\s+clip|that\s+clip|the\s+last\s+one)$")
_MORE_LIKE = re.compile(r"^(?:(?:give\s+me|show\s+me|add|find|i\s+want)\s+)?(?:some\s+)?more\s+(?:like|of)\s+"
                        r"(?P<ref>.+)$")
_LESS_LIKE = re.compile(r"^(?:(?:give\s+me|show\s+me|i\s+want)\s+)?(?:less|fewer)\s+(?:like|of)\s+"
                        r"(?P<ref>.+)$")
_SUGGEST = re.compile(
    rf"^(?:what|which\s+(?:scenes?|parts?|bits?|clips?))\s+(?:would|will|might|could|do\s+you\s+think)\s+"
    rf"{_ME}\s+(?:like|love|enjoy)(?:\s+(?:in|from|of|about)\s+(?:this|the|these)\s+"
    r"(?:film|movie|video|one|clip|films|movies|videos))?$"
    r"|^(?:what\s+do\s+you\s+)?(?:recommend|suggest)(?:\s+(?:me\s+)?(?:something|anything|some\s+scenes))?"
    r"(?:\s+for\s+me)?$"
)


def _length(text: str | None) -> float | None | bool:
    """Seconds of "2-minute", None for nothing, False for words that are not a length."""
    text = (text or "").strip(" -")
    if not text:
        return None
    found = DURATION_RE.fullmatch(re.sub(r"\s*(?:long|long\s+one)$", "", text))
    return duration_seconds(found) if found else False


def _ref(text: str) -> ClipRef | None:
    return ClipRef(indices=[-1]) if _THIS.match(text) else parse_ref(text)


def taste_ops(s: str, _orig: str) -> list | None:
    """The taste op the clause asks for, or None (then the other rules read it)."""
    if m := _FOR_ME.match(s):
        seconds = _length(m.group("length") if m.group("length") is not None else m.group("length2"))
        return None if seconds is False else [ForMe(seconds=seconds)]
    if m := _SURPRISE.match(s):
        seconds = _length(m.group("length"))
        return None if seconds is False else [ForMe(seconds=seconds, surprise=True)]
    if _SUGGEST.match(s):
        return [Suggest()]
    for pattern, op in ((_MORE_LIKE, MoreLike), (_LESS_LIKE, LessLike)):
        if (m := pattern.match(s)) and (ref := _ref(m.group("ref"))) is not None:
            return [op(ref=ref)]
    return None
