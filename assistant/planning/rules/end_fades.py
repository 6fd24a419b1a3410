"""The cut's opening and closing fades in words: "fade out at the end", "start with a fade from black",
"fade in and out", "a slow 3 second fade out", "no fade at the end" (``Fade``).

A fade "between clips", or one each clip does ("each clip fades out to black and in again"), is a
fade_black transition and is left to the transition rule; a fade of the music alone is not read here.
"""

from __future__ import annotations

import re

from assistant.plan.schema import Fade, FadeEnd

_SLOW = {"slow": 2.0, "long": 2.0, "gentle": 2.0, "gradual": 2.0, "soft": 2.0, "lingering": 3.0,
         "slowly": 2.0, "gently": 2.0, "gradually": 2.0, "softly": 2.0,
         "quick": 0.5, "short": 0.5, "fast": 0.5, "brief": 0.5, "quickly": 0.5,
         "slower": 2.0, "longer": 2.0, "gentler": 2.0, "softer": 2.0, "quicker": 0.5, "shorter": 0.5}
_ADVERB = r"(?:\s+(?:slowly|gently|gradually|softly|quickly|nicely|smoothly))?"
_PACE = rf"(?:(?:nice|really|very|little|bit|of|a)\s+)*(?:{'|'.join(_SLOW)})"
_SECONDS = r"(?:\d+(?:\.\d+)?|half\s+a|a|one|two|three|four|five)[\s-]*(?:seconds?|secs?|s)(?:\s+long)?"
# what is faded: the whole cut (never "the music", "each clip" or "between clips")
_WHOLE = r"(?:it|everything|this|the\s+(?:whole\s+|entire\s+)?(?:thing|video|cut|film|movie|edit|clip))"
_START = (r"(?:start|beginning|opening|intro|top|front|very\s+start|very\s+beginning|"
          r"first\s+(?:shot|clip|frame))")
_END = r"(?:end|ending|finish|close|outro|very\s+end|last\s+(?:shot|clip|frame)|credits)"
_OF_IT = rf"(?:\s+of\s+{_WHOLE})?"
_WHEN = (r"(?:when|as|once)\s+(?:it|the\s+(?:video|film|movie|cut))\s+"
         r"(?P<when>starts|begins|opens|ends|finishes|closes)")
_LEAD = (r"^(?:(?:please|pls|and|then|also|just|ok(?:ay)?|so|oh|now|maybe|finally|lastly|can\s+you|"
         r"(?:can|could|would|should)\s+(?:it|the\s+(?:video|cut|film|movie|edit|thing))|can|could|"
         r"could\s+you|would\s+you|will\s+you|i\s+(?:want|need|would\s+like|'d\s+like)\s+(?:you\s+)?to|i\s+want|i'd\s+like|"
         r"let'?s|we\s+need|it\s+needs|it\s+should)\s+)*")
_VERB = (r"(?:(?:add|put|use|give\s+it|have|stick|pop|slap|throw|do|include|apply|want|need|with|"
         rf"make\s+(?:it|the\s+(?:video|cut|film|movie))\s+(?:have|get)|(?:let|make|have)\s+{_WHOLE})\s+)?")
_ARTICLE = r"(?:(?:a|an|some|the)\s+)?"
_SIZE = rf"(?:(?:{_PACE}|{_SECONDS})[\s,]+)*"
_IN = r"(?:in|up|from\s+black|in\s+from\s+black|up\s+from\s+black)"
_OUT = (r"(?:out|down|away|to\s+black|out\s+to\s+black|down\s+to\s+black|into\s+black|to\s+dark|"
        r"away\s+to\s+black)")
# "fade out over 2": a bare number after "over" is seconds (a fade lasts at most 5)
_BARE_LEAD, _BARE_N = r"(?:over|across|lasting|taking)\s+", r"[1-5](?:\.\d+)?"
_TAIL = (rf"(?:\s+(?:over|across|for|lasting|of|taking)\s+(?:about\s+|around\s+|roughly\s+)?{_SECONDS}|"
         rf"\s+{_BARE_LEAD}{_BARE_N}|\s+{_SECONDS})?")  # "fade in 3s": the length right after it
_PLEASE = r"(?:\s+(?:please|pls|thanks|too|as\s+well|again))*[.!]*$"

_AT_PLACE = re.compile(
    rf"{_LEAD}{_VERB}{_ARTICLE}{_SIZE}fade(?:\s+{_WHOLE})?(?:[\s-]+(?P<dir>{_IN}|{_OUT}))?{_ADVERB}{_TAIL}"
    rf"(?:\s+(?:{_WHOLE}))?\s+(?:(?:at|to|for|on|in|over)\s+the\s+(?P<place>{_START}|{_END}){_OF_IT}|{_WHEN})"
    rf"{_TAIL}{_PLEASE}")
# "make the ending fade out over five seconds", "let the opening fade up from black"
_PLACE_SUBJECT = re.compile(
    rf"{_LEAD}(?:(?:make|let|have)\s+)?the\s+(?P<place>{_START}|{_END})(?:\s+(?:shot|clip|bit))?\s+fade"
    rf"(?:[\s-]+(?P<dir>{_IN}|{_OUT}))?{_ADVERB}{_TAIL}{_PLEASE}")
# "can the video start on black and come up over 1.5 seconds?", "open from black"
_FROM_BLACK = re.compile(
    rf"{_LEAD}(?:(?:make|let|have)\s+)?(?:{_WHOLE}\s+)?(?:start|open|begin)s?\s+(?:on|from|in|with)\s+black"
    rf"(?:\s+and\s+(?:then\s+)?(?:come|fade|go)\s+up)?{_TAIL}{_PLEASE}")
# "end on black", "add 2 seconds of black at the end", "a black screen at the start": the cut's fade at that
# end, which starts or ends on black (they had added and moved the matches for "black screen")
_BLACK_END = re.compile(
    rf"{_LEAD}(?:(?:make|let|have)\s+)?(?:{_WHOLE}\s+)?(?:(?P<close>end|finish|close)s?(?:\s+(?:it|this|the\s+(?:video|cut|edit|film)))?\s+"
    r"(?:on|with|in)\s+(?:a\s+)?"
    r"black(?:\s+(?:screen|frame|card))?|(?:add|put|insert|stick|hold|have)\s+(?:on\s+)?(?:a\s+)?(?:(?:\d+(?:\.\d+)?|a|"
    r"one|two|three|four|five)[\s-]*(?:seconds?|secs?|s)\s+(?:of\s+)?)?black(?:\s+(?:screen|frame|card))?"
    r"(?:\s+for\s+(?:\d+(?:\.\d+)?|a|one|two|three|four|five)[\s-]*(?:seconds?|secs?|s))?\s+(?:at|to)\s+the\s+"
    r"(?P<place>end|start|beginning))"
    rf"{_TAIL}{_PLEASE}")
_PLACE_FIRST = re.compile(
    rf"{_LEAD}(?:at\s+the\s+(?P<place>{_START}|{_END}){_OF_IT}[\s,]+){_VERB}{_ARTICLE}{_SIZE}"
    rf"fade(?:[\s-]+(?P<dir>{_IN}|{_OUT}))?(?:\s+{_WHOLE})?{_TAIL}{_PLEASE}")
_OPEN_CLOSE = re.compile(
    rf"{_LEAD}(?:(?P<open>start|open|begin|fade\s+up)|(?P<close>end|finish|close|wrap\s+up))"
    rf"(?:\s+{_WHOLE})?\s+(?:on|with|in|by)\s+(?:a\s+|an\s+)?{_SIZE}fade(?:[\s-]*(?:{_IN}|{_OUT}))?"
    rf"(?:[\s-]+(?:in|out))?{_ADVERB}{_TAIL}{_PLEASE}")
# a bare "fade out" / "add a fade in" (not "fade to black" alone: that is the transition's)
_BARE = re.compile(
    rf"{_LEAD}{_VERB}{_ARTICLE}{_SIZE}fade(?:\s+(?:{_WHOLE}))?[\s-]+(?P<dir>(?:in|up)(?:\s+from\s+black)?|"
    rf"(?:out|down)(?:\s+to\s+black)?)(?:\s+(?:(?:on|to|for)\s+)?{_WHOLE})?{_ADVERB}{_TAIL}{_PLEASE}")
_OBJECT = re.compile(
    rf"{_LEAD}{_SIZE}fade(?:[\s-]+(?P<dir>in|out|up|down))?\s+the\s+(?P<place>{_START}|{_END}){_OF_IT}"
    rf"(?:[\s-]+(?P<dir2>in|out|up|down))?{_TAIL}{_PLEASE}")
_BOTH = re.compile(
    rf"{_LEAD}{_VERB}{_ARTICLE}{_SIZE}fades?(?:\s+{_WHOLE})?[\s-]+(?:in|up)(?:\s+at\s+the\s+{_START})?"
    rf"(?:\s*(?:and|&|/|,)\s*(?:then\s+)?(?:fade\s+)?(?:it\s+)?|[\s/-]+)(?:out|down)(?:\s+(?:to\s+black|again))?"
    rf"(?:\s+at\s+the\s+{_END})?(?:\s+{_WHOLE})?{_TAIL}{_PLEASE}|"
    rf"{_LEAD}{_VERB}{_ARTICLE}{_SIZE}fades?\s+(?:at\s+|on\s+)?(?:both\s+ends|the\s+{_START}\s+and\s+(?:the\s+)?{_END}|"
    rf"(?:the\s+)?start\s+and\s+(?:the\s+)?end){_OF_IT}{_TAIL}{_PLEASE}")
_GONE_VERB = (r"(?:no|remove|delete|drop|lose|kill|ditch|cut|undo|without|take\s+(?:off|out|away)|"
              r"get\s+rid\s+of|don'?t\s+(?:want|need)|turn\s+off|skip)")
_NOT_WANTED = re.compile(
    rf"{_LEAD}(?:i\s+)?(?:don'?t|do\s+not)\s+(?:want|need)\s+(?:it|{_WHOLE})\s+to\s+fade\s+(?P<dir>in|up|out|down)"
    rf"(?:\s+(?:at\s+all|any\s*more|anymore|any\s+longer))?{_PLEASE}|"
    rf"{_LEAD}(?:stop|don'?t\s+let)\s+(?:it|{_WHOLE})\s+(?:from\s+)?fad(?:e|ing)\s+(?P<dir2>in|up|out|down)"
    rf"(?:\s+(?:at\s+all|any\s*more|anymore))?{_PLEASE}")
_GONE = re.compile(
    # "no fade in or out", "no fades at either end": neither
    rf"{_LEAD}{_GONE_VERB}\s+{_ARTICLE}(?:any\s+)?(?P<what>fade(?:[\s-]+(?:{_IN}|{_OUT}))?s?|fades?)"
    rf"(?:(?P<both>[\s-]+(?:in|up)\s+(?:or|and|&|/)\s+(?:out|down)|\s+(?:at|on)\s+(?:either|each)\s+end)|"
    rf"\s+(?:at|on|from)\s+the\s+(?P<place>{_START}|{_END}|{_START}\s+and\s+(?:the\s+)?{_END}|"
    rf"{_START}\s+or\s+(?:the\s+)?{_END}|both\s+ends))?{_OF_IT}{_PLEASE}")

# "make the fade in quicker", "the fade at the end drags", "make the fade out 3 seconds": the fade there now
# ("the fades" alone may be the transitions between clips: left to the transition rule)
_WHICH = (rf"the\s+(?:(?P<kind>fade[\s-]*(?:in|up|out|down)|fade\s+(?:at|on)\s+the\s+"
          rf"(?P<place>{_START}|{_END})|(?:opening|closing|ending|final|first|last)\s+fade|"
          r"fades?\s+at\s+(?:both\s+ends|the\s+start\s+and\s+(?:the\s+)?end)))")
_LONGER = r"longer|slower|gentler|softer|more\s+gradual|less\s+abrupt|smoother|lazier"
_SHORTER = r"shorter|quicker|faster|snappier|tighter|brisker|less\s+(?:slow|long|drawn[\s-]out)"
_RELATIVE = tuple(re.compile(_LEAD + pattern + _PLEASE) for pattern in (
    rf"(?:(?:make|have|let)\s+)?{_WHICH}\s+(?:(?:a\s+(?:bit|little|touch)|much|way|slightly)\s+)?"
    rf"(?P<how>{_LONGER}|{_SHORTER})",
    rf"(?P<verb>lengthen|extend|stretch|slow\s+down|shorten|speed\s+up|tighten|trim)\s+{_WHICH}",
    # "double the fade out", "halve the opening fade"
    rf"(?P<times2>double|halve)\s+{_WHICH}",
    rf"{_WHICH}\s+(?:is|'s|feels|seems|looks|goes\s+on|is\s+over|'s\s+over|ends|happens)\s+(?:a\s+bit\s+|way\s+|much\s+)?"
    r"(?P<judged>too\s+(?:long|slow|drawn[\s-]out)|too\s+(?:short|quick|fast|abrupt|sudden))",
    rf"{_WHICH}\s+(?P<drags>drags(?:\s+on)?|takes\s+(?:too\s+long|forever))",
    # "make the fade in twice as quick", "the closing fade half as long"
    rf"(?:(?:make|have|let)\s+)?{_WHICH}\s+(?:(?:should|needs\s+to|could|must)\s+be\s+|to\s+be\s+)?"
    r"(?P<times>twice|two\s+times|double|three\s+times|half|[23]\s+times)\s+as\s+"
    r"(?P<as>long|slow|gentle|gradual|quick|fast|short|snappy|abrupt)",
))
_TIMES = {"twice": 2.0, "two times": 2.0, "2 times": 2.0, "double": 2.0, "three times": 3.0, "3 times": 3.0,
          "half": 0.5}
_ABSOLUTE = re.compile(
    rf"{_LEAD}(?:(?:make|set|have|change)\s+)?{_WHICH}\s+(?:(?:should\s+)?(?:be|last)\s+|to\s+|last\s+)?"
    rf"(?:(?:about|around|just)\s+)?(?P<n>{_SECONDS}){_PLEASE}")

_NUMBER_WORDS = {"half a": 0.5, "a": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0}


def _seconds(s: str) -> float:
    """The fade's length said in the clause: a number of seconds, else a pace word, else 1 second."""
    m = (re.search(r"(?P<n>\d+(?:\.\d+)?|half\s+a|a|one|two|three|four|five)[\s-]*(?:seconds?|secs?|s)\b", s)
         or re.search(rf"\b{_BARE_LEAD}(?P<n>{_BARE_N})(?:\s|$)", s))
    if m:
        n = m.group("n")
        value = float(n) if n[0].isdigit() else _NUMBER_WORDS[" ".join(n.split())]
        return min(max(value, 0.1), 5.0)
    return next((pace for word, pace in _SLOW.items() if re.search(rf"\b{word}\b", s)), 1.0)


def _fade_direction(kind: str) -> str | None:
    """ "in" of "fade in"; None for "the opening fade" (its end is the adjective's)."""
    return (re.sub(r"^fade[\s-]*", "", kind) or None) if kind.startswith("fade") else None


def _end_of(place: str | None, direction: str | None) -> FadeEnd | None:
    if place:
        return "start" if re.match(_START, place) else "end"
    if direction:
        return "start" if re.fullmatch(_IN + "|in|up", direction) else "end"
    return None


def end_fade_ops(s: str, _orig: str = "") -> list[Fade] | None:
    """A ``Fade`` when the whole clause asks for (or takes away) the cut's opening or closing fade; two
    ("a fade in at the beginning and a fade out at the end") as one for both ends when they agree."""
    s = " ".join(s.lower().split())
    if "fad" not in s and "black" not in s:
        return None
    if re.search(r"\b(?:between|each|every|music|sound|audio|song|volume)\b", s):
        return None
    if one := _one_fade(s):
        return one
    halves = re.split(r"\s*(?:,|\band\b|&)\s*(?:then\s+|also\s+)?", s, maxsplit=1)
    if len(halves) == 2 and (first := _one_fade(halves[0])) and (second := _one_fade(halves[1])):
        a, b = first[0], second[0]
        if {a.at, b.at} == {"start", "end"} and a.seconds == b.seconds:
            return [Fade(at="both", seconds=a.seconds)]
        return [a, b]
    return None


# "fade out the last 3 seconds", "fade in over the first 2 seconds", "fade the last 3 seconds out": the fade's
# length said as the part of the cut it covers (the first two had cut the whole cut to 3 s)
_SPAN_N = r"(?P<n>\d+(?:\.\d+)?|half\s+a|a|one|two|three|four|five)[\s-]*(?:seconds?|secs?|s)"
_SPAN_EDGE = r"the\s+(?P<edge>first|opening|last|final|closing)\s+"
_SPAN_TAIL = r"(?:\s+of\s+(?:it|the\s+(?:cut|video|edit|film)))?(?:\s+please)?$"
_SPAN = [
    re.compile(rf"^(?:please\s+)?(?:add\s+a\s+)?fade[\s-]*(?:in|out|up|down)?\s+(?:(?:over|during|across|for|on|in)"
               rf"\s+)?{_SPAN_EDGE}{_SPAN_N}{_SPAN_TAIL}"),
    re.compile(rf"^(?:please\s+)?fade\s+{_SPAN_EDGE}{_SPAN_N}\s+(?:in|out|up|down){_SPAN_TAIL}"),
]


def _one_fade(s: str) -> list[Fade] | None:
    if span := next((hit for p in _SPAN if (hit := p.match(s))), None):
        covered: FadeEnd = "start" if span.group("edge") in ("first", "opening") else "end"
        return [Fade(at=covered, seconds=_seconds(span.group(0)))]
    if m := next((hit for p in (*_RELATIVE, _ABSOLUTE) if (hit := p.match(s))), None):
        found = m.groupdict()
        kind, place = found.get("kind") or "", found.get("place")
        which = m.group(0)
        ends: FadeEnd = "start" if re.search(r"\b(?:opening|first)\s+fade", which) else "end"
        if re.search(r"fades|both\s+ends|start\s+and", which):
            ends = "both"
        elif (named := _end_of(place, _fade_direction(kind))) is not None:
            ends = named
        if found.get("n"):
            return [Fade(at=ends, seconds=_seconds(found["n"]))]
        if times2 := found.get("times2"):
            return [Fade(at=ends, factor=2.0 if times2 == "double" else 0.5)]
        if times := found.get("times"):
            factor = _TIMES[" ".join(times.split())]
            quick = found["as"] in ("quick", "fast", "short", "snappy", "abrupt")
            return [Fade(at=ends, factor=1 / factor if quick else factor)]
        said = " ".join(str(found.get(key) or "") for key in ("how", "verb", "judged", "drags"))
        longer = re.search(rf"{_LONGER}|lengthen|extend|stretch|slow\s+down|too\s+(?:short|quick|fast|abrupt|"
                           r"sudden)", said) is not None
        return [Fade(at=ends, factor=2.0 if longer else 0.5)]
    if m := _NOT_WANTED.match(s):
        at = _end_of(None, m.group("dir") or m.group("dir2"))
        return [Fade(at=at, seconds=0)] if at is not None else None
    if _FROM_BLACK.match(s):
        return [Fade(at="start", seconds=_seconds(s))]
    if black := _BLACK_END.match(s):
        at_end = black.group("close") or black.group("place") == "end"
        return [Fade(at="end" if at_end else "start", seconds=_seconds(s))]
    if m := _GONE.match(s):
        place, what = m.group("place") or "", m.group("what")
        if m.group("both") or place and (" and " in place or " or " in place or place == "both ends"):
            return [Fade(at="both", seconds=0)]
        at = _end_of(place, re.sub(r"^fade[\s-]*|s$", "", what) or None)
        return [Fade(at=at, seconds=0)] if at is not None else None
    if _BOTH.match(s):
        return [Fade(at="both", seconds=_seconds(s))]
    if m := _OPEN_CLOSE.match(s):
        return [Fade(at="start" if m.group("open") else "end", seconds=_seconds(s))]
    for pattern in (_AT_PLACE, _PLACE_FIRST, _OBJECT, _PLACE_SUBJECT):
        if m := pattern.match(s):
            found = m.groupdict()
            direction = found.get("dir") or found.get("dir2")
            when = found.get("when")
            place = found.get("place") or ((when in ("starts", "begins", "opens") and "start" or "end")
                                           if when else None)
            at = _end_of(place, direction)
            return [Fade(at=at, seconds=_seconds(s))] if at is not None else None
    if m := _BARE.match(s):
        at = _end_of(None, m.group("dir"))
        return [Fade(at=at, seconds=_seconds(s))] if at is not None else None
    return None
