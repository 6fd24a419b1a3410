"""Reading references to clips of the cut ("the second one", "clips 1-3", "all but the last two").

References stay symbolic (``ClipRef``); the timeline resolves them against the actual cut.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from assistant.plan.schema import MAX_QUERY_CHARS, ClipRef, ClipSpan
from assistant.planning.rules.number_words import (
    DURATION_RE,
    ORDINAL_RE,
    duration_seconds,
    ordinal_value,
    share_said,
)

GENERIC_NOUNS = (r"(?:ones?|clips?|shots?|scenes?|parts?|bits?|segments?|fragments?|pieces?|sections?|"
                 r"moments?|portions?)")
_LAST = (r"(?:last|final|penultimate|(?:second|2nd)[\s-]+(?:to[\s-]+)?last|next[\s-]+to[\s-]+last|"
         r"last\s+but\s+one)")
_POSITIONAL = re.compile(
    rf"^(?:the\s+|that\s+|this\s+)?(?:very\s+)?(?P<pos>{_LAST}|{ORDINAL_RE}|opening|closing)"
    rf"(?:\s+(?P<count>\d+))?(?:\s+(?:of\s+the\s+)?(?P<noun>[a-z][a-z' -]*?))?$"
)
_NUMBERED = re.compile(
    r"^(?:the\s+)?(?:clips?|shots?|scenes?|numbers?|nos?\.?|#)\s*"
    r"(?P<list>\d+(?:(?:\s*(?:-|to|through|thru|and|,|&|or)\s*|\s+)(?:#\s*)?\d+)*)$"
)
# "clip 2 from tears", "shots 3 and 4 of sintel": numbers counted among one video's clips (``video_refs``)
_NUMBERED_FROM = re.compile(
    r"^(?:the\s+)?(?P<noun>clips?|shots?|scenes?)\s*"
    r"(?P<list>\d+(?:(?:\s*(?:-|to|through|thru|and|,|&|or)\s*|\s+)(?:#\s*)?\d+)*)\s+"
    r"(?P<rest>(?:from|of|in)\s+[a-z][\w' -]*)$"
)
_ALL_BUT = re.compile(
    r"^(?:all|everything|every\s+(?:clip|shot|one)|all\s+(?:of\s+)?(?:the\s+)?(?:clips|shots|ones|others))\s+"
    r"(?:but|except(?:\s+for)?|apart\s+from|other\s+than|save|besides|excluding)\s+(?P<rest>.+)$"
)
_EVERY = re.compile(
    rf"^(?:it|it'?s|them|this|that|these|those|everything|all|all\s+of\s+it|(?:the\s+)?whole\s+(?:rest|lot)|the\s+lot|(?:all\s+)?(?:the\s+)?rest(?:\s+of\s+(?:it|them))?|everything\s+else|(?:the\s+|this\s+)?(?:whole|entire)\s+(?:thing|cut|video|film|"
    rf"movie|edit|tape|footage|reel|montage|recording)|the\s+cut|the\s+video|"
    rf"(?:each|every|all)(?:\s+of)?(?:\s+the)?\s+{GENERIC_NOUNS}|the\s+{GENERIC_NOUNS}|each|every\s+one|"
    r"all\s+of\s+(?:them|these|those)|each\s+of\s+(?:them|these|those))$"
)
_MAX_MATCH_WORDS = 5
_NOT_NOUNS = frozenset("in at to on by with for of up down and or it a an under over into from only just but "
                       "then".split())


def _numbered(listing: str) -> list[int]:
    numbers: list[int] = []
    listing = re.sub(r"(\d+)\s*(?:-|to|through|thru)\s*#?\s*(\d+)", r"\1-\2", listing)
    for part in re.split(r"\s*(?:and|,|&|or)\s*|\s+", listing):
        span = re.fullmatch(r"#?\s*(\d+)\s*(?:-|to|through|thru)\s*#?\s*(\d+)", part.strip())
        if span:
            low, high = sorted((int(span.group(1)), int(span.group(2))))
            numbers.extend(range(low, min(high, low + 49) + 1))
        elif part.strip().lstrip("#").strip().isdigit():
            numbers.append(int(part.strip().lstrip("#")))
    return numbers


# Things named with an ordinal that are not a position in the cut: "just the first dance", "the last supper"
# ("the second goal" is: goals are counted in the order the cut shows them)
ORDINAL_IDIOMS = (r"(?:(?:first|second|last)\s+"
                  r"(?:dance|kiss|steps?|half|date|birthday|words?|look|light|supper|time)|"
                  # "keep the opening credits" (it kept only the first clip chosen for "credits")
                  r"(?:opening|closing|end|final)\s+(?:credits|titles|title\s+sequence))")
_ORDINAL_IDIOM = re.compile(f"^{ORDINAL_IDIOMS}$")


def _positional(match: re.Match[str]) -> ClipRef | None:
    pos, noun = match.group("pos"), (match.group("noun") or "").strip()
    if _ORDINAL_IDIOM.match(f"{pos} {noun}"):
        return None
    noun = re.sub(r"(?:^|\s+)(?:out|off|away)$", "", noun)  # "cut the second clip out": the verb's particle
    count = int(match.group("count")) if match.group("count") else 1
    if not 1 <= count <= 50:
        return None
    if re.fullmatch(_LAST, pos) or pos == "closing":
        back = 1 if pos in ("last", "final", "closing") else 2
        indices = list(range(-(back + count - 1), -back + 1)) if back == 1 else [-2]
    else:
        first = 1 if pos == "opening" else ordinal_value(pos)
        if first is None:
            return None
        indices = list(range(first, first + count)) if pos in ("first", "1st", "opening") else [first]
    if noun in ("", "of them", "of those") or re.fullmatch(GENERIC_NOUNS, noun):
        return ClipRef(indices=indices)
    noun = re.sub(rf"\s+{GENERIC_NOUNS}$", "", re.sub(r"^(?:of\s+the\s+|the\s+)", "", noun))
    if len(noun.split()) > _MAX_MATCH_WORDS or not noun or noun.split()[0] in _NOT_NOUNS:
        return None
    return ClipRef(indices=indices, matching=noun[:MAX_QUERY_CHARS])


# "the first and third clips", "the 2nd, 4th and last ones": several positions in one phrase.
_ORDINAL_LIST = re.compile(
    rf"^(?:the\s+)?(?P<list>(?:{_LAST}|{ORDINAL_RE})(?:(?:\s*(?:,|and|&|\+)\s*|\s+)(?:the\s+)?(?:{_LAST}|{ORDINAL_RE}))+)"
    rf"(?:\s+{GENERIC_NOUNS})?$"
)


def _ordinal_list(listing: str) -> ClipRef | None:
    indices: list[int] = []
    next_position = r"\s+(?=(?:the\s+)?(?:\d|[a-z]+(?:st|nd|rd|th|last)\b))"
    for part in re.split(rf"\s*(?:,|\band\b|&|\+)\s*|{next_position}", listing):
        part = re.sub(r"^the\s+", "", part.strip())
        found = _POSITIONAL.match(part)
        ref = _positional(found) if found else None
        if ref is None or ref.matching:
            return None
        indices.extend(i for i in ref.indices if i not in indices)
    return ClipRef(indices=indices) if indices else None


# "the clip that was number 2 before my last change", "what was the third clip two edits ago", "the shot that
# used to be second": clips numbered as an earlier version had them (``ClipRef.turn``).
_EARLIER = re.compile(
    r"\s+(?:(?:before|prior\s+to)\s+(?:(?:my|the|your|that)\s+(?:last|latest|previous|most\s+recent)|that)\s+"
    r"(?:change|edit|turn|request|step)|in\s+the\s+(?:previous|last|earlier|old|one\s+before)\s+(?:version|cut|edit)"
    r"|(?P<back>one|two|three|four|five|\d)\s+(?:changes?|edits?|versions?|turns?|steps?)\s+ago"
    r"|(?:before|earlier|previously))$")
_WAS = re.compile(r"^(?:what\s+(?:was|were)\s+(?P<a>.+)"
                  r"|(?:the\s+)?(?P<noun>clips?|shots?|scenes?|ones?|bits?)\s+(?:that|which)\s+(?:was|were)\s+(?P<b>.+)"
                  r"|(?:the\s+)?(?P<noun2>clip|shot|scene|one|bit)\s+(?:that|which)\s+used\s+to\s+be\s+(?P<c>.+))$")
_BACK = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _earlier_ref(phrase: str) -> ClipRef | None:
    """``phrase`` as clips of an earlier version, or None when it names no earlier version."""
    earlier = _EARLIER.search(phrase)
    was = _WAS.match(phrase[:earlier.start()] if earlier else phrase)
    if was is None or (earlier is None and was.group("c") is None):
        return None
    said = earlier.group("back") if earlier else None
    back = int(_BACK.get(said, said)) if said else 1  # "used to be" alone: the version before
    what = (was.group("a") or was.group("b") or was.group("c")).strip()
    noun = was.group("noun") or was.group("noun2") or "clip"
    noun = {"ones": "clips", "one": "clip"}.get(noun, noun)
    if re.fullmatch(r"(?:number\s+|#\s*|no\.?\s*)?\d+", what):
        what = f"{noun} {re.sub(r'[^0-9]', '', what)}"
    elif re.fullmatch(r"(?:numbers\s+)?\d+(?:\s*(?:,|and|&)\s*\d+)+", what):  # "the clips that were 1 and 2"
        what = "clips " + what.removeprefix("numbers").strip()
    elif re.fullmatch(rf"(?:the\s+)?(?:{ORDINAL_RE}|last)", what):
        what = f"the {what.removeprefix('the ').strip()} {noun}"
    ref = parse_ref(what, earlier=False)
    if ref is None or not 1 <= back <= 50:
        return None
    return ref.model_copy(update={"turn": -back})


_NUMBERED_START = re.compile(r"^(?:the\s+)?(?:clips?|shots?|scenes?)\s*#?\s*\d")
_NOUN_AGAIN = re.compile(r"(?<=\d)(?P<sep>\s*(?:,|and|&|or)\s*)(?:(?:and|the)\s+)*"
                         r"(?:clips?|shots?|scenes?)\s*#?\s*(?=\d)")


_CLIP_HASH = re.compile(r"\b(clips?|shots?|scenes?)\s*#\s*(?=\d)")


def without_clip_hash(text: str) -> str:
    """"clip #3" as "clip 3": after a clip word the "#" is no person's number."""
    return _CLIP_HASH.sub(r"\1 ", text)


# "the last 10 seconds", "the first minute of the video": a stretch of the cut by time (it had been clips -10
# to -1 chosen for "seconds")
_SPAN = re.compile(
    rf"^(?:the\s+)?(?P<edge>first|opening|last|final|closing)\s+(?:(?P<d>{DURATION_RE.pattern})|(?P<one>minute|min|"
    r"second|sec))(?:\s+or\s+so)?(?:\s+(?:of|in)\s+(?:it|this|the\s+(?:cut|video|edit|film|movie|thing|whole\s+"
    r"thing)))?$")


# "the second half", "the last third", "the first quarter of the video": a share of the cut
# "the last 25%", "the back half", "everything after the halfway point"
_SHARE_SPAN = re.compile(r"^(?:the\s+)?(?P<edge>first|opening|second|last|final|closing|back|front)\s+"
                         r"(?:(?P<part>half|third|quarter)|(?P<pct>\d{1,2}(?:\.\d+)?)\s*(?:%|percent|per\s+cent))"
                         r"(?:\s+(?:of|in)\s+(?:it|this|the\s+(?:cut|video|edit|film|movie|thing|whole\s+thing)))?$")
_HALFWAY = re.compile(r"^(?:(?:everything|anything|all|the\s+(?:bits?|parts?|rest))\s+)?"
                      r"(?P<side>after|past|from|before|"
                      r"up\s+to|until|till)\s+the\s+(?:halfway|half-way|midway|mid-way|middle)(?:\s+(?:point|mark))?"
                      r"(?:\s+(?:on|onwards?))?(?:\s+(?:of|in)\s+(?:it|this|the\s+(?:cut|video|edit|film|movie)))?$")


def _span_ref(phrase: str) -> ClipRef | None:
    if halfway := _HALFWAY.match(phrase):
        later = halfway.group("side") in ("after", "past", "from")
        return ClipRef(span=ClipSpan(edge="end" if later else "start", share=0.5))
    if share := _SHARE_SPAN.match(phrase):
        edge, part = share.group("edge"), share.group("part")
        if edge == "second" and part != "half":
            return None  # "the second third" is the middle: no end of the cut
        if part is None and not 0 < float(share.group("pct")) < 100:
            return None
        if edge in ("back", "front") and part != "half":
            return None
        return ClipRef(span=ClipSpan(edge="start" if edge in ("first", "opening", "front") else "end",
                                     share=share_said(part, share.group("pct"))))
    if not (m := _SPAN.match(phrase)):
        return None
    seconds = {"minute": 60.0, "min": 60.0}.get(m.group("one") or "", 1.0) if m.group("one") else \
        duration_seconds(DURATION_RE.match(m.group("d")))  # type: ignore[arg-type]
    if not 0 < seconds <= 24 * 3600:
        return None
    return ClipRef(span=ClipSpan(edge="start" if m.group("edge") in ("first", "opening") else "end",
                                 seconds=seconds))


def by_number(ref: ClipRef | None) -> TypeGuard[ClipRef]:
    """Whether ``ref`` names clips by their numbers alone ("clip 2", "the last two"), not by a search or as
    "all but" some: the clips a correction, an exception or a split can point at."""
    return ref is not None and bool(ref.indices) and not ref.invert and not ref.matching


def all_but(ref: ClipRef) -> ClipRef:
    """Every clip of the cut except those ``ref`` names ("make it louder except clip 2")."""
    return ref.model_copy(update={"invert": True})


_BEFORE_LAST = re.compile(r"^(?:the\s+)?(?:one|clip|shot)\s+before\s+(?:the\s+)?last"
                          r"(?:\s+(?:one|clip|shot))?$|"
                          r"^(?:the\s+)?last\s+(?:one|clip|shot)\s+but\s+one$")


_FROM_THE_END = re.compile(rf"(?:the\s+)?(?P<n>{ORDINAL_RE})\s+(?:(?:clip|shot|scene|one)\s+)?(?:from|to)\s+"
                           r"(?:the\s+)?(?:end|back|last)(?:\s+(?:clip|shot|scene|one))?")


# "the 2nd and 3rd from the end": two counted from the end
_BOTH_FROM_THE_END = re.compile(rf"(?:the\s+)?(?P<a>{ORDINAL_RE})\s*(?:and|&|,)\s*"
                                rf"(?:the\s+)?(?P<b>{ORDINAL_RE})"
                                r"\s+(?:(?:clips|shots|scenes|ones)\s+)?(?:from|to)\s+(?:the\s+)?(?:end|back|last)"
                                r"(?:\s+(?:clips|shots|scenes|ones))?")
_NTH_LAST = re.compile(r"^(?:the\s+)?(?P<n>(?!first\b|1st\b)(?:[a-z]+|\d+)(?:st|nd|rd|th|"
                       r"d))\s+last(?=\s+(?:clip|shot|scene|one)\b|$)")


def parse_ref(phrase: str, earlier: bool = True) -> ClipRef | None:
    """A ``ClipRef`` for a phrase that points at clips by position or number, else ``None``."""
    if earlier and (before := _earlier_ref(phrase.strip())) is not None:
        return before
    phrase = _BEFORE_LAST.sub("the second to last clip", phrase)  # "move the one before last to the start"
    # "the second last clip", "the third last one": counted from the end (it had been clips 2 and -1)
    phrase = _NTH_LAST.sub(r"\g<n> from last", phrase)
    if (back := _FROM_THE_END.fullmatch(phrase.strip())) and (n := ordinal_value(back["n"])) and n <= 50:
        return ClipRef(indices=[-n])  # "the third clip from the end", "the 4th from last"
    if ((two := _BOTH_FROM_THE_END.fullmatch(phrase.strip())) and (a := ordinal_value(two["a"]))
            and (b := ordinal_value(two["b"])) and max(a, b) <= 50):
        return ClipRef(indices=sorted({-a, -b}))
    if (span := _span_ref(phrase.strip())) is not None:
        return span
    # "clips one to 3": a number word the number reader leaves (it is too often "the second one")
    phrase = re.sub(r"^((?:the\s+)?(?:clips?|shots?|scenes?)\s+)one\b", r"\g<1>1", phrase.strip())
    phrase = re.sub(r"\s+(?:only|alone)$", "", phrase)  # "slow motion on the last clip only"
    # "clip 2 and clip 6": one list of numbers ("clips 2 and 6")
    phrase = _NOUN_AGAIN.sub(r"\g<sep>", phrase) if _NUMBERED_START.match(phrase) else phrase
    if several := _ORDINAL_LIST.match(phrase):
        return _ordinal_list(several.group("list"))
    but = _ALL_BUT.match(phrase)
    if but:
        inner = parse_ref(but.group("rest"))
        return inner.model_copy(update={"invert": True}) if inner and not inner.invert else None
    numbered = _NUMBERED.match(phrase)
    if numbered:
        indices = [i for i in _numbered(numbered.group("list")) if 1 <= i <= 1000]
        return ClipRef(indices=indices[:50]) if indices else None
    if within := _NUMBERED_FROM.match(phrase):
        indices = [i for i in _numbered(within.group("list")) if 1 <= i <= 1000]
        noun = re.sub(r"s$", "", within.group("noun"))
        return ClipRef(indices=indices[:50], matching=f"{noun} {within.group('rest')}") if indices else None
    positional = _POSITIONAL.match(phrase)
    ref = _positional(positional) if positional else None
    if ref is not None and ref.matching and (both := _two_positions(phrase)) is not None:
        return both  # "the first 2 clips and the last one": one list, not clips chosen for "clips and ..."
    return ref


def _two_positions(phrase: str) -> ClipRef | None:
    """"the first 2 clips and the last one": two positional refs of plain numbers joined by "and", as one."""
    for m in re.finditer(r"\s+(?:and|&|plus)\s+", phrase):
        left, right = parse_ref(phrase[:m.start()], False), parse_ref(phrase[m.end():], False)
        if (left is not None and right is not None and left.indices and right.indices
                and not (left.matching or right.matching or left.invert or right.invert)):
            return ClipRef(indices=list(dict.fromkeys([*left.indices, *right.indices]))[:50])
    return None


# "the scenes with X", "every clip showing X": clips by what (or who) they show
CLIPS_WITH = re.compile(r"^(?:the\s+|all\s+(?:the\s+)?|every\s+|each\s+|any\s+)?(?:scenes?|clips?|shots?|"
                         r"parts?|bits?|moments?)\s+(?:with|featuring|showing)\s+(?P<x>.+)$")
# "the bits where Anna dances": the clips chosen for what happens there
CLIPS_WHERE = re.compile(r"^(?:the\s+|all\s+(?:the\s+)?|every\s+|each\s+|any\s+)?(?:scenes?|clips?|shots?|"
                          r"parts?|bits?|moments?)\s+(?:where|when|in\s+which)\s+(?P<x>.+)$")
# "every time the dog barks", "whenever Mei is on screen": the clips chosen for what happens then
_WHENEVER = re.compile(r"^(?:whenever|(?:every|each|any)\s*time|when)\s+(?P<x>.+)$")


def parse_target(phrase: str) -> ClipRef | None:
    """Like ``parse_ref`` but also "everything"/"each clip" (empty ref) and "the fights" (by match)."""
    phrase = phrase.strip()
    if not phrase or _EVERY.match(phrase):
        return ClipRef()
    ref = parse_ref(phrase)
    if ref is not None:
        return ref
    if (but := _ALL_BUT.match(phrase)) and (inner := parse_target(but.group("rest"))) is not None \
            and inner.matching and not inner.invert:
        return inner.model_copy(update={"invert": True})  # "everything but the dog": the clips without it
    if (having := CLIPS_WITH.match(phrase)) and (inner := parse_target(having.group("x"))) is not None \
            and inner.matching and not inner.invert:
        return inner  # "every scene with the dog": the clips chosen for "dog" (was "scene with the dog")
    if (where := CLIPS_WHERE.match(phrase) or _WHENEVER.match(phrase)) \
            and (inner := parse_target(where.group("x"))) is not None and inner.matching and not inner.invert:
        return inner
    noun = re.sub(r"^(?:the|all\s+(?:the|my|our)|all|every|each|my|our)\s+", "", phrase)  # "my jump": jump
    noun = re.sub(rf"\s+{GENERIC_NOUNS}$", "", noun)
    if noun in ("lot", "whole lot", "works", "whole works"):
        return ClipRef()  # "speed the lot up": everything
    if (
        noun
        and len(noun.split()) <= _MAX_MATCH_WORDS
        and re.fullmatch(r"[a-z][a-z' -]*", noun)
        and noun.split()[0] not in _NOT_NOUNS
        and noun.split()[-1] not in _NOT_NOUNS
    ):
        return ClipRef(matching=noun)
    return None


# "put it first", "remove that one", "trim that clip by 2 seconds": a clip pointed at, not named
_POINTER = re.compile(r"\b(?:(?:that|this)\s+(?:one|clip|shot|scene|bit|part)|it)\b", re.IGNORECASE)
# ... unless the message names clips itself, or means the cut ("undo it", "the whole thing")
_NAMES_CLIPS = re.compile(rf"\b(?:clips?|shots?|scenes?|number|#)\s*#?\s*\d|\b(?:{ORDINAL_RE}|{_LAST})\s+"
                          rf"{GENERIC_NOUNS}\b|\b(?:whole|entire|every|all|each)\b|\bthe\s+(?:cut|video|edit)\b",
                          re.IGNORECASE)
_ABOUT_THE_CUT = re.compile(r"^\s*(?:please\s+)?(?:undo|redo|reset|revert|restore|share|export|render|save|"
                            r"download|publish|send|start\s+over|go\s+back|keep|love|like|hate)\b",
                            re.IGNORECASE)


def pointed_clip(text: str, number: int) -> str | None:
    """``text`` with its pointer to a clip ("it", "that one") replaced by "clip ``number``", the clip the
    answer before it named ("which clip is the longest?" "Clip 3 ..." "put it first"); None when the message
    names a clip before it, or the whole cut ("undo it", "share it", "the whole thing"), or points at
    nothing."""
    if _ABOUT_THE_CUT.match(text) or (m := _POINTER.search(text)) is None:
        return None
    if _NAMES_CLIPS.search(text[:m.start()]):
        return None  # "take clip 2 and put it first": its own clip ("swap it with the last clip" is ours)
    return f"{text[:m.start()]}clip {number}{text[m.end():]}"
