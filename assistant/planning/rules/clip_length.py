"""One clip's length by its ends: "keep the first 3 seconds of clip 2", "make clip 4 2 seconds longer".

Keeping an end of a clip is a ``TrimTo`` (the first seconds cut from the end, the last from the start);
lengthening runs a clip on into its video's footage (``Extend``). Both need a clip named by number,
position or kind ("the dance clip"): said of the whole cut they are lengths the other rules read.
Each function takes the normalised clause and returns ops or None, like the parser's other rules.
"""

from __future__ import annotations

import re

from assistant.plan.schema import ClipRef, Extend, Operation, Trim, TrimSide, TrimTo
from assistant.planning.rules.clip_refs import GENERIC_NOUNS, parse_ref, parse_target
from assistant.planning.rules.number_words import DURATION_RE, PART_SHARES, duration_seconds
from assistant.planning.rules.unsaid import detail_missing

_AMOUNT = r"(?P<amount>\d+(?:\.\d+)?\s*-?\s*(?:seconds?|secs?|s))"
_AMOUNT2 = _AMOUNT.replace("amount", "amount2")  # the same, in a second branch of one pattern
_EDGE = r"(?P<edge>first|opening|beginning|start|last|final|closing|end)"
_ONLY = r"(?:(?:only|just)\s+)?"
_WANT = (r"(?:(?:please\s+)?(?:(?:only|just)\s+)?(?:keep|use|leave|show|play|give\s+me|"
         r"i\s+(?:only\s+|just\s+)?(?:want|need)|we\s+(?:only\s+|just\s+)?need|i'?d\s+like|let'?s\s+(?:keep|use))\s+)?")
_OF = r"\s+(?:of|from|in)\s+"


def _sides(group: str = "side") -> str:
    """ "at the start", "on both ends": where a clip grows, as the named group."""
    return (rf"(?:\s+(?:at|on|to)\s+(?:the\s+)?(?P<{group}>start|beginning|front|end|back|both\s+ends|"
            r"both\s+sides|either\s+(?:end|side)|each\s+(?:end|side)))?")


_SIDES = _sides()

# "keep the first 3 seconds of clip 2", "clip 3 should only be its last 2 seconds", "cut clip 5 down to its
# first 4 seconds": one end of the clip, the rest cut away
_KEEP_EDGE = [
    re.compile(rf"^{_WANT}{_ONLY}(?:the\s+)?{_EDGE}\s+{_AMOUNT}{_OF}(?P<ref>.+)$"),
    re.compile(rf"^(?P<ref>.+?)\s+(?:should|can|could|needs?\s+to|must|will)\s+{_ONLY}be\s+{_ONLY}"
               rf"(?:the\s+|its\s+|their\s+)?{_EDGE}\s+{_AMOUNT}(?:\s+of\s+(?:it|them))?$"),
    re.compile(rf"^(?:cut|trim|shorten|chop|pare|crop|clip)\s+(?P<ref>.+?)\s+(?:down\s+)?to\s+{_ONLY}"
               rf"(?:the\s+|its\s+|their\s+)?{_EDGE}\s+{_AMOUNT}(?:\s+of\s+(?:it|them))?$"),
    re.compile(rf"^(?:for|in|from)\s+(?P<ref>.+?)\s*,?\s+{_WANT}{_ONLY}(?:the\s+)?{_EDGE}\s+{_AMOUNT}$"),
]

_LONGER = r"(?:longer|more)"
# "make clip 2 2 seconds longer", "extend the last clip by 3 seconds", "add 2 seconds to the start of clip 4",
# "start clip 3 1 second earlier", "let the dance clip run on 5 seconds"
_EXTEND = [
    re.compile(rf"^(?:make|let|have)\s+(?P<ref>.+?)\s+(?:(?:run|go|play|last)\s+(?:on\s+)?)?(?:for\s+)?{_AMOUNT}\s+"
               rf"{_LONGER}{_SIDES}$"),
    re.compile(rf"^(?:make|let|have)\s+(?P<ref>.+?)\s+(?:(?:run|go|play|last)\s+)?{_LONGER}{_SIDES}\s+by\s+{_AMOUNT}$"),
    re.compile(rf"^(?:make|let|have)\s+(?P<ref>.+?)\s+(?:run|go|play|last)\s+on\s+(?:for\s+)?(?:another\s+|an\s+extra\s+)?"
               rf"{_AMOUNT}$"),
    re.compile(rf"^(?:extend|lengthen|stretch(?:\s+out)?|pad(?:\s+out)?|grow)\s+(?P<ref>.+?){_SIDES}\s+(?:by|with)\s+"
               rf"(?:another\s+|an\s+extra\s+)?{_AMOUNT}{_sides('side2')}$"),
    re.compile(rf"^(?:add|give|put)\s+(?:another\s+|an\s+extra\s+)?{_AMOUNT}\s+(?:more\s+|extra\s+)?"
               rf"(?:(?:on)?to|at)\s+(?:the\s+(?P<side>start|beginning|front|end|back)\s+of\s+|both\s+ends\s+of\s+)?"
               rf"(?P<ref>.+)$"),
    re.compile(rf"^give\s+(?P<ref>.+?)\s+(?:another\s+|an\s+extra\s+)?{_AMOUNT}\s+(?:more|extra)"
               rf"(?:\s+(?:at|on)\s+the\s+(?P<side>start|beginning|front|end|back))?$"),
    re.compile(rf"^(?:start|begin|open)\s+(?P<ref>.+?)\s+{_AMOUNT}\s+(?P<early>earlier|sooner)$"),
    re.compile(rf"^(?:end|finish|stop|close)\s+(?P<ref>.+?)\s+{_AMOUNT}\s+(?P<late>later)$"),
    # "could the dog clip begin a second sooner", "clip 3 should end 2 seconds later"
    re.compile(rf"^(?:(?:could|can|should|would)\s+)?(?:(?:you\s+)?(?:make|let|have)\s+)?(?P<ref>.+?)\s+"
               r"(?:(?:should|could|can|needs?\s+to|must)\s+)?"
               rf"(?:(?:start|begin|open)s?\s+{_AMOUNT}\s+(?P<early>earlier|sooner)|(?:end|finish|stop)s?\s+{_AMOUNT2}\s+"
               r"(?P<late>later))$"),
]
# "start clip 4 a second later", "clip 1 should end 2 seconds earlier": the clip shortened at that end (they
# were not read; the extends above are the other way round)
_TRIM_EDGE = [
    re.compile(rf"^(?:start|begin|open)\s+(?P<ref>.+?)\s+{_AMOUNT}\s+(?P<start>later)$"),
    re.compile(rf"^(?:end|finish|stop|close|cut)\s+(?P<ref>.+?)\s+(?:off\s+)?{_AMOUNT}\s+(?:earlier|sooner)$"),
    re.compile(rf"^(?:(?:could|can|should|would)\s+)?(?:(?:you\s+)?(?:make|let|have)\s+)?(?P<ref>.+?)\s+"
               r"(?:(?:should|could|can|needs?\s+to|must)\s+)?"
               rf"(?:(?:start|begin|open)s?\s+{_AMOUNT}\s+(?P<start>later)|(?:end|finish|stop)s?\s+{_AMOUNT2}\s+"
               r"(?:earlier|sooner))$"),
]
# "cut the first clip in half", "make clip 2 half as long", "trim clip 3 by a third", "shorten the last clip
# by 25%", "cut clip 4 down to a quarter": a share of the clip's own length (the first had removed clip 1)
_PART = (r"(?P<part>half|(?:a|one)\s+(?:third|quarter)|two\s+thirds|three\s+quarters|"
         r"\d{1,2}(?:\.\d+)?\s*(?:%|percent))")
_CUT = r"(?:please\s+)?(?:cut|trim|chop|shorten|pare|crop)"
_FRACTION = [
    re.compile(rf"^{_CUT}\s+(?P<ref>.+?)\s+(?:down\s+)?(?P<by>in|by)\s+{_PART}(?:\s+please)?$"),
    re.compile(rf"^{_CUT}\s+(?P<ref>.+?)\s+(?:down\s+)?to\s+{_PART}(?:\s+(?:of\s+)?(?:its|their|the)\s+"
               r"(?:length|size|duration)|\s+as\s+long)?(?:\s+please)?$"),
    re.compile(rf"^(?:please\s+)?(?:make|have)\s+(?P<ref>.+?)\s+{_PART}\s+(?:as\s+long|the\s+length|its\s+length|"
               r"(?:of\s+)?(?:its|their)\s+(?:length|duration))(?:\s+please)?$"),
    re.compile(rf"^(?:please\s+)?(?:make|have)\s+(?P<ref>.+?)\s+{_PART}\s+(?P<shorter>shorter)(?:\s+please)?$"),
    re.compile(rf"^(?:please\s+)?(?:make|have)\s+(?P<ref>.+?)\s+shorter\s+(?P<by>by)\s+{_PART}(?:\s+please)?$"),
    re.compile(r"^(?:please\s+)?(?P<halve>halve)\s+(?P<ref>.+?)(?:\s+please)?$"),
    # "trim 10% off every clip"
    re.compile(rf"^{_CUT}\s+(?P<by>){_PART}\s+off\s+(?P<ref>.+?)(?:\s+please)?$"),
]
# "make clip 3 twice as long", "double the length of clip 2", "make clip 2 50% longer": a clip grown to a
# multiple of its own length (the last had slowed clip 2 to half speed and made the whole cut 1.5x as long)
_TIMES = r"(?P<times>twice|double|triple|two\s+times|three\s+times|[2-5](?:\.\d+)?\s*(?:times|x))"
_GROW = [
    re.compile(rf"^(?:please\s+)?(?:make|have|let)\s+(?P<ref>.+?)\s+(?:run\s+|last\s+|play\s+)?{_TIMES}\s+"
               r"(?:as\s+long|the\s+length|its\s+length|(?:its|their)\s+(?:current\s+)?length)(?:\s+please)?$"),
    re.compile(r"^(?:please\s+)?(?P<verb>double|triple)\s+(?:the\s+length\s+of\s+(?P<ref>.+?)|(?P<ref2>.+?)(?:'s)?\s+"
               r"length)(?:\s+please)?$"),
    re.compile(r"^(?:please\s+)?(?:make|have|let)\s+(?P<ref>.+?)\s+(?:(?P<pct>\d{1,3})\s*(?:%|percent)\s+longer|"
               r"longer\s+by\s+(?:(?P<pct2>\d{1,3})\s*(?:%|percent)|(?P<half>half)))(?:\s+please)?$"),
    re.compile(rf"^(?:please\s+)?(?:stretch|extend|lengthen)\s+(?P<ref>.+?)\s+(?:to\s+{_TIMES}\s+(?:its|their)\s+"
               r"length|by\s+(?:(?P<pct>\d{1,3})\s*(?:%|percent)|(?P<half>half)))(?:\s+please)?$"),
]
# "remove the second half of clip 2", "keep the first third of the last clip": a share of one clip's length
# from an end (they were answered "I can't cut at a point inside the film")
_HALF_OF = re.compile(
    r"^(?:please\s+)?(?:(?P<cut>remove|drop|delete|cut(?:\s+off|\s+out)?|lose|skip|get\s+rid\s+of|ditch|trim(?:\s+off)?|"
    r"chop(?:\s+off)?)|(?P<keep>(?:only\s+|just\s+)?keep(?:\s+only|\s+just)?|only|just|use))\s+(?:the\s+)?"
    r"(?P<edge>first|second|last|latter|final)\s+(?P<part>half|third|quarter)\s+of\s+(?P<ref>.+?)(?:\s+only)?"
    r"(?:\s+please)?$")
_TIMES_WORDS = {"twice": 2.0, "double": 2.0, "two times": 2.0, "triple": 3.0, "three times": 3.0}
_SHARES = {"half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "a quarter": 0.25, "one quarter": 0.25,
           "two thirds": 2 / 3, "three quarters": 0.75}
_MORE_FIRST = re.compile(r"\b(?P<n>\d+(?:\.\d+)?)\s+(?P<more>more|extra)\s+(?P<unit>seconds?|secs?)\b")
_EVERY_CLIP = re.compile(rf"^(?:each|every|all)(?:\s+of)?(?:\s+the)?\s+{GENERIC_NOUNS}$")


# The cut's first or last clip by what it is to the cut ("start"/"end" alone say a side: "off the start")
_EDGE_CLIP = re.compile(r"(?:the\s+|my\s+|its\s+)?(?:(?P<last>ending|outro|final\s+(?:shot|clip|scene|bit|"
                        r"part))|intro|opening|opener|opening\s+(?:shot|clip|scene|bit|part))")


def edge_clip(phrase: str) -> ClipRef | None:
    """ "The intro" / "the opening shot" is the cut's first clip, "the ending" / "the outro" its last."""
    if edge := _EDGE_CLIP.fullmatch(phrase.strip()):
        return ClipRef(indices=[-1 if edge.group("last") else 1])
    return None


def _clip(phrase: str) -> ClipRef | None:
    """Clips named by number, position or kind; "every clip" is all of them. "it" is the whole cut: None."""
    phrase = phrase.strip()
    if (ref := parse_ref(phrase)) is not None:
        return ref
    if edge := _EDGE_CLIP.fullmatch(phrase):  # "make the ending longer": the cut's last clip
        return ClipRef(indices=[-1 if edge.group("last") else 1])
    if _EVERY_CLIP.match(phrase):
        return ClipRef()
    kind = re.search(rf"\b{GENERIC_NOUNS}$", phrase)
    if kind and (ref := parse_target(phrase)) is not None and ref.matching:
        return ref  # "the dance clip": clips chosen for "dance"
    return None


def _seconds(match: re.Match[str]) -> float | None:
    amount = DURATION_RE.match(match.group("amount") or match.groupdict().get("amount2") or "")
    seconds = duration_seconds(amount) if amount else 0
    return seconds if 0 < seconds <= 600 else None


def _factor(match: re.Match[str]) -> float | None:
    """The share of its length a clip keeps: "in half" and "by half" keep a half, "by a third" two thirds,
    "to a third" one third; "shorter" says the share cut."""
    groups = match.groupdict()
    part = re.sub(r"\s+", " ", groups.get("part") or "half")
    share = _SHARES.get(part)
    if share is None:
        share = float(re.match(r"[\d.]+", part).group()) / 100  # type: ignore[union-attr]
    cut = groups.get("by") in ("by", "") or bool(groups.get("shorter"))  # "" : "trim 10% off X"
    factor = round(1 - share if cut else share, 4)
    return factor if 0 < factor < 1 else None


def _grow_factor(match: re.Match[str]) -> float | None:
    """The multiple of its length a clip grows to: "twice" 2, "50% longer" 1.5, "longer by half" 1.5."""
    groups = match.groupdict()
    said = " ".join((groups.get("times") or groups.get("verb") or "").split())
    if said:
        factor = _TIMES_WORDS.get(said) or float(re.match(r"[\d.]+", said).group())  # type: ignore[union-attr]
    elif groups.get("half"):
        factor = 1.5
    else:
        factor = 1 + float(groups.get("pct") or groups.get("pct2") or 0) / 100
    return round(factor, 4) if 1 < factor <= 10 else None


def _side(word: str | None, default: TrimSide) -> TrimSide:
    if not word:
        return default
    if word in ("start", "beginning", "front"):
        return "start"
    return "end" if word in ("end", "back") else "both"


def clip_length_ops(s: str, _orig: str) -> list[Operation] | None:
    """An end of a clip kept (``TrimTo``) or a clip run on into its footage (``Extend``)."""
    s = _MORE_FIRST.sub(r"\g<n> \g<unit> \g<more>", s)  # "2 more seconds": "2 seconds more"
    for pattern in _KEEP_EDGE:
        if (m := pattern.match(s)) and (target := _clip(m.group("ref"))) is not None \
                and (seconds := _seconds(m)) is not None:
            first = m.group("edge") in ("first", "opening", "beginning", "start")
            return [TrimTo(target=target, seconds=seconds, side="end" if first else "start")]
    for pattern in _EXTEND:
        if (m := pattern.match(s)) and (target := _clip(m.group("ref"))) is not None \
                and (seconds := _seconds(m)) is not None:
            groups = m.groupdict()
            if groups.get("early") or groups.get("late"):
                side: TrimSide = "start" if groups.get("early") else "end"
            elif re.search(r"\bboth\s+ends\s+of\b", s):
                side = "both"
            else:
                side = _side(groups.get("side") or groups.get("side2"), "end")
            return [Extend(target=target, seconds=seconds, side=side)]
    for pattern in _GROW:
        if (m := pattern.match(s)) and (said := m.groupdict().get("ref") or m.groupdict().get("ref2")) \
                and (target := _clip(said)) is not None and (grow := _grow_factor(m)) is not None:
            return [Extend(target=target, factor=grow)]
    if (half := _HALF_OF.match(s)) and (target := _clip(half.group("ref"))) is not None \
            and target != ClipRef() and not (half.group("edge") == "second" and half.group("part") != "half"):
        share = PART_SHARES[half.group("part")]
        first = half.group("edge") == "first"
        if half.group("keep"):  # the first half kept: cut from the end
            return [TrimTo(target=target, factor=round(share, 4), side="end" if first else "start")]
        return [TrimTo(target=target, factor=round(1 - share, 4), side="start" if first else "end")]
    for pattern in _FRACTION:  # "make each clip 20% shorter": every clip ("it" is the cut's length)
        if (m := pattern.match(s)) and (target := _clip(m.group("ref"))) is not None \
                and (factor := _factor(m)) is not None:
            return [TrimTo(target=target, factor=factor)]
    for pattern in _TRIM_EDGE:
        if (m := pattern.match(s)) and (target := _clip(m.group("ref"))) is not None \
                and target != ClipRef() and (seconds := _seconds(m)) is not None:
            side = "start" if m.groupdict().get("start") else "end"
            return [Trim(target=target, seconds=seconds, side=side)]
    return None


_HOW_MUCH = r"(?:a\s+(?:bit|little|tad|touch|lot)\s+|slightly\s+|much\s+|way\s+|even\s+|somewhat\s+)?"
# "make clip 2 longer", "trim the last clip": a clip's length changed by no amount ("clip 4 is too short"
# is a judgement the next clause may act on: "..., cut it to 4 seconds")
_A_BIT = r"(?:(?:a\s+(?:bit|little|tad|touch)|slightly|just\s+a\s+(?:bit|little))\s+)?"
_NO_AMOUNT = [
    re.compile(rf"^(?:please\s+)?(?:make|let|have)\s+(?P<ref>.+?)\s+(?:(?:run|go|play|last)\s+)?{_HOW_MUCH}"
               r"(?P<dir>longer|shorter)(?:\s+please)?$"),
    # "chop the tail off the 4th clip": which end, but not how much of it
    re.compile(r"^(?:please\s+)?(?P<dir>chop|cut|trim|take|snip|shave|lop|clip)\s+(?:a\s+bit\s+(?:off|of)\s+)?(?:the\s+)?"
               r"(?:tail|end|ending|start|beginning|head|front)\s+(?:off|of|from)\s+(?P<ref>.+)$"),
    re.compile(r"^(?:please\s+)?(?P<dir>extend|lengthen|stretch|shorten|trim|cut\s+down|tighten(?:\s+up)?)\s+"
               r"(?P<ref>.+?)(?:\s+(?:a\s+(?:bit|little|tad|touch|lot)|slightly|down|up))?(?:\s+please)?$"),
    # "cut clip 2 shorter", "cut the last clip down a bit" (the first removed clip 2 and shortened the cut)
    re.compile(r"^(?:please\s+)?(?:cut|trim|chop|clip|snip)\s+(?P<ref>.+?)\s+(?:(?:a\s+(?:bit|little|tad|touch|lot)"
               r"\s+|slightly\s+|much\s+)?(?P<dir>shorter)|down(?:\s+a\s+(?:bit|little|tad|touch|lot))?)"
               r"(?:\s+please)?$"),
    # "start clip 1 a bit earlier", "can clip 1 start a little sooner?", "clip 4 should end a bit later"
    *(re.compile(rf"^(?:please\s+)?{lead}\s+{_A_BIT}(?P<dir>earlier|sooner|later)(?:\s+please)?$")
      for lead in (
        r"(?P<end>start|begin|end|finish)\s+(?P<ref>.+?)",
        r"(?:(?:can|could|would|will)\s+)?(?P<ref>.+?)\s+(?P<end>start|begin|end|finish|stop)",
        r"(?P<ref>.+?)\s+(?:should|could|needs\s+to|has\s+to|must)\s+(?P<end>start|begin|end|finish|stop)")),
    # "hold on the last shot a bit longer", "give the first clip more room": longer, by how much unsaid
    re.compile(r"^(?:please\s+)?(?:hold|linger|stay|dwell)\s+on\s+(?P<ref>.+?)\s+(?:a\s+(?:bit|little|tad|touch)\s+|"
               r"slightly\s+)?(?P<dir>longer)(?:\s+please)?$"),
    re.compile(r"^(?:please\s+)?give\s+(?P<ref>.+?)\s+(?:a\s+(?:bit|little)\s+)?(?P<more>more)\s+"
               r"(?:room|time|space|breathing\s+room|air)(?:\s+please)?$"),
]


def amount_missing(s: str) -> str | None:
    """The question to ask when one clip is to be longer or shorter by no stated amount (never a guess), or
    how many clips or which is meant (``unsaid.detail_missing``)."""
    if (question := detail_missing(s)) is not None:
        return question
    for pattern in _NO_AMOUNT:
        m = pattern.match(s)
        if not m or (target := _clip(m.group("ref"))) is None or target == ClipRef():
            continue
        # an earlier start or a later end shows more of the clip; a later start or an earlier end less
        moved = m.groupdict().get("end")
        if moved is not None and m.group("dir") in ("earlier", "sooner", "later"):
            at_start = moved in ("start", "begin")
            return _how_much(target, (m.group("dir") == "later") != at_start)
        longer = m.groupdict().get("dir") in ("longer", "extend", "lengthen", "stretch")
        return _how_much(target, longer or m.groupdict().get("more") is not None)
    return None


# "the first clip is too long", "the ending feels abrupt", "clip 3 drags": a clip's length judged, no amount
_JUDGED_LENGTH = re.compile(
    r"^(?P<ref>.+?)\s+(?:(?:is|feels|seems|looks|runs|goes\s+on|'s)\s+)?(?:still\s+|just\s+|kind\s+of\s+|kinda\s+)?"
    r"(?:a\s+(?:bit|little|tad|lot)\s+|way\s+|far\s+|much\s+|slightly\s+|really\s+|very\s+)?(?:too\s+|overly\s+)?"
    r"(?:(?P<long>long|drawn[-\s]?out)|(?P<short>short|abrupt|brief|sudden))$|"  # "slow", "rushed": its pace
    r"^(?P<ref2>.+?)\s+(?P<drags>drags|dragged|goes\s+on\s+(?:forever|too\s+long)|overstays\s+its\s+welcome)(?:\s+on)?$")
_MIDDLE = re.compile(r"(?:the\s+)?middle(?:\s+(?:part|bit|section|stretch|of\s+(?:it|the\s+(?:cut|video))))?")
_EDGE_SIDE = re.compile(r"(?:the\s+)?(?P<last>end|very\s+end|last\s+bit|last\s+part)|"
                        r"(?:the\s+)?(?:start|beginning|first\s+bit|first\s+part)")


def length_judged(s: str) -> str | None:
    """The question to ask when a request only judges one clip too long or too short: how much, never a
    guess (beside an edit that acts on it, "..., trim it by 2 seconds", the other rules read it)."""
    m = _JUDGED_LENGTH.match(s)
    if not m:
        return None
    said = (m.group("ref") or m.group("ref2")).strip()
    if _MIDDLE.fullmatch(said):  # "the middle part drags": no one clip is the middle
        if m.group("short"):
            return 'Which clips should be longer? Say e.g. "make clip 3 two seconds longer".'
        return ('Which clips are too long? Say e.g. "trim 2 seconds off the end of clip 3", "remove clip 4" '
                'or "make it 20% shorter".')
    target = _clip(said)
    if target is None and (edge := _EDGE_SIDE.fullmatch(said)):  # "the end is too abrupt": the last clip
        target = ClipRef(indices=[-1 if edge.group("last") else 1])
    if target is None or target == ClipRef():
        return None
    return _how_much(target, longer=bool(m.group("short")))


def _how_much(target: ClipRef, longer: bool) -> str:
    one = target.indices[0] if target.indices and not target.matching else 0
    name = f"clip {one}" if one > 0 else "the last clip" if one == -1 else "clip 2"
    if longer:
        return (f'How many seconds longer? Say e.g. "make {name} 3 seconds longer" (it runs on into its '
                f'video) or "start {name} 2 seconds earlier".')
    return (f'How much shorter? Say e.g. "trim 2 seconds off the end of {name}", "cut {name} to 4 '
            f'seconds" or "cut {name} in half".')
