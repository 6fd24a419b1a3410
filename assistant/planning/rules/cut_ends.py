"""Time off an end of the whole cut: "cut the last 10 seconds", "lose the first 5 seconds", "keep only the
first 30 seconds", "just the last minute" (``TrimCut``).

They were answered "I can't cut time off an end of the whole cut" (and before that read as clips 1-10
"matching seconds"). Seconds of one clip ("the last 5 seconds of clip 3", "the first 2 seconds of every
clip") are trims, left to the trim rules: only the cut, said or implied, is read here.
"""

from __future__ import annotations

import re

from assistant.plan.schema import TrimCut
from assistant.planning.rules.number_words import share_said

_VERB = (r"(?P<verb>remove|drop|delete|cut(?:\s+off|\s+out)?|lose|skip|get\s+rid\s+of|ditch|bin|"
         r"trim(?:\s+off)?|chop(?:\s+off)?|shave(?:\s+off)?|take\s+(?:off|out)|(?P<keep>keep(?:\s+only|\s+just)?|"
         r"only(?:\s+keep)?|just(?:\s+keep)?|give\s+me(?:\s+only|\s+just)?))")
_AMOUNT = (r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>seconds?|secs?|s|minutes?|mins?)\b|"
           r"(?P<one>minute|min|second|sec)\b|"  # "the last minute": one of it
           r"(?P<part>half|third|quarter)\b|"  # "lose the first half": a share of the cut
           r"(?P<pct>[1-9]\d?(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)")  # "remove the last 25%"
_CUT = r"(?:the\s+|this\s+|my\s+)?(?:whole\s+|entire\s+)?(?:cut|video|edit|film|movie|thing|montage|reel|it)"
_SIDE = r"(?:the\s+)?(?:very\s+)?(?P<side>first|last|final|opening|closing|initial|second(?=\s+half)|latter)"
_TAIL = rf"(?:\s+(?:of|off|from)\s+{_CUT})?(?:\s+off)?(?:\s+only)?(?:\s+(?:please|pls))?$"
_TRIM_CUT = re.compile(rf"^(?:please\s+)?{_VERB}\s+{_SIDE}"
                       rf"(?:\s+and\s+(?:the\s+)?(?P<both>first|last|final))?\s+(?:{_AMOUNT}){_TAIL}")
_AND_END = re.compile(r"\s+and\s+(?=(?:also\s+)?(?:the\s+)?(?:very\s+)?"
                      r"(?:first|last|final|opening|closing|initial)\s)")
# "... and the last 5 seconds": the other end, said after a first trim of the cut without its verb
_OTHER_END = re.compile(rf"^(?:and\s+)?(?:also\s+)?{_SIDE}\s+(?:{_AMOUNT}){_TAIL}")


def cut_end_ops(s: str, _orig: str = "") -> list[TrimCut] | None:
    """A ``TrimCut`` when the whole clause cuts time off an end of the cut, or keeps only an end of it
    ("cut the first and last 5 seconds": one of each end)."""
    s = " ".join(s.lower().split())
    head, *rest = _AND_END.split(s, maxsplit=1)
    if rest and (m := _TRIM_CUT.match(head)) is not None:  # "cut the first 5 seconds and the last 5 seconds"
        first = _trim(m, m["side"], m["keep"] is not None)
        other = other_end(rest[0], first)
        return [first, other] if other is not None and not m["both"] else None
    m = _TRIM_CUT.match(s)
    if m is None:
        return None
    if m["both"] and (m["keep"] or m["both"] == m["side"] or {m["side"], m["both"]} == {"last", "final"}):
        return None  # "keep the first and last 5 seconds": two pieces, not one end
    sides = [m["side"], m["both"]] if m["both"] else [m["side"]]
    return [_trim(m, side, m["keep"] is not None) for side in sides]


def other_end(s: str, last: TrimCut) -> TrimCut | None:
    """The cut's other end trimmed too ("cut the first 5 seconds and the last 5 seconds"), after ``last``."""
    m = _OTHER_END.match(" ".join(s.lower().split()))
    if m is None or last.keep:
        return None
    trimmed = _trim(m, m["side"], keep=False)
    return trimmed if trimmed.side != last.side else None


def _trim(m: re.Match[str], side: str, keep: bool) -> TrimCut:
    at_start = side in ("first", "opening", "initial")
    if m["part"] or m["pct"]:
        share = share_said(m["part"], m["pct"])
        return TrimCut(share=share, side="start" if at_start else "end", keep=keep)
    seconds = float(m["n"]) if m["n"] else 1.0
    if (m["unit"] or m["one"] or "").startswith("min"):
        seconds *= 60
    return TrimCut(seconds=seconds, side="start" if at_start else "end", keep=keep)


# A time of the cut as it plays: "1:45", "0:20", or "45 seconds" / "2 min" (after "at")
_TIMESTAMP = r"(?P<{0}m>\d{{1,3}}):(?P<{0}s>[0-5]\d)"
_RANGE = re.compile(
    r"^(?:(?:only|just)\s+(?:keep\s+)?|keep\s+(?:only\s+|just\s+)?|give\s+me\s+(?:only\s+|just\s+)?)?"
    r"(?:the\s+(?:part|bit|section|stretch|stuff|piece|clip)\s+|what'?s\s+|everything\s+)?(?:(?:between|from)\s+)?"
    + _TIMESTAMP.format("a") + r"\s+(?:and|to|till|until|-)\s+" + _TIMESTAMP.format("b") + r"(?:\s+only)?$")
_END_AT = re.compile(
    r"^(?:end|stop|finish|cut\s+(?:it\s+)?off|cut\s+it)\s+(?:it\s+|the\s+(?:cut|video|edit|film)\s+)?"
    r"(?:at|after)\s+"
    r"(?:the\s+)?(?:" + _TIMESTAMP.format("t")
    + r"|(?P<n>\d+(?:\.\d+)?)\s*-?\s*(?P<unit>seconds?|secs?|s|minutes?|mins?)\b)(?:\s+(?:in|mark|point))?$")


def time_range_ops(s: str, _orig: str = "") -> list[TrimCut] | None:
    """A stretch of the cut by its times: "only the part between 0:20 and 0:50" (its first 20 seconds cut,
    then its first 30 kept), "end at 1:45" (its first 105 seconds kept). They had been searches for "part
    between" beside two lengths of the whole cut."""
    s = " ".join(s.lower().split())
    if m := _RANGE.match(s):
        start = int(m["am"]) * 60 + int(m["as"])
        end = int(m["bm"]) * 60 + int(m["bs"])
        if end <= start:
            return None
        kept = TrimCut(seconds=end - start, side="start", keep=True)
        return [TrimCut(seconds=start, side="start"), kept] if start else [kept]
    if m := _END_AT.match(s):
        seconds = (int(m["tm"]) * 60 + int(m["ts"]) if m["tm"] is not None
                   else float(m["n"]) * (60 if m["unit"].startswith("m") else 1))
        return [TrimCut(seconds=seconds, side="start", keep=True)] if seconds > 0 else None
    return None
