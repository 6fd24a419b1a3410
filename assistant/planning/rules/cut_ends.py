"""Time off an end of the whole cut: "cut the last 10 seconds", "lose the first 5 seconds", "keep only the
first 30 seconds", "just the last minute" (``TrimCut``).

They were answered "I can't cut time off an end of the whole cut" (and before that read as clips 1-10
"matching seconds"). Seconds of one clip ("the last 5 seconds of clip 3", "the first 2 seconds of every
clip") are trims, left to the trim rules: only the cut, said or implied, is read here.
"""

from __future__ import annotations

import re

from assistant.plan.schema import TrimCut

_VERB = (r"(?P<verb>remove|drop|delete|cut(?:\s+off|\s+out)?|lose|skip|get\s+rid\s+of|ditch|bin|"
         r"trim(?:\s+off)?|chop(?:\s+off)?|shave(?:\s+off)?|take\s+(?:off|out)|(?P<keep>keep(?:\s+only|\s+just)?|"
         r"only(?:\s+keep)?|just(?:\s+keep)?|give\s+me(?:\s+only|\s+just)?))")
_AMOUNT = (r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>seconds?|secs?|s|minutes?|mins?)\b|"
           r"(?P<one>minute|min|second|sec)\b")  # "the last minute": one of it
_CUT = r"(?:the\s+|this\s+|my\s+)?(?:whole\s+|entire\s+)?(?:cut|video|edit|film|movie|thing|montage|reel|it)"
_TRIM_CUT = re.compile(
    rf"^(?:please\s+)?{_VERB}\s+(?:the\s+)?(?:very\s+)?(?P<side>first|last|final|opening|closing|initial)\s+"
    rf"(?:{_AMOUNT})(?:\s+(?:of|off|from)\s+{_CUT})?(?:\s+off)?(?:\s+(?:please|pls))?$")


def cut_end_ops(s: str, _orig: str = "") -> list[TrimCut] | None:
    """A ``TrimCut`` when the whole clause cuts time off an end of the cut, or keeps only an end of it."""
    m = _TRIM_CUT.match(" ".join(s.lower().split()))
    if m is None:
        return None
    seconds = float(m["n"]) if m["n"] else 1.0
    if (m["unit"] or m["one"] or "").startswith("min"):
        seconds *= 60
    at_start = m["side"] in ("first", "opening", "initial")
    return [TrimCut(seconds=seconds, side="start" if at_start else "end", keep=m["keep"] is not None)]
