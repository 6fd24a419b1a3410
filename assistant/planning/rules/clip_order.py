"""Reordering clips by number: "put the second clip first", "swap clips 2 and 5", "move clip 1 after clip 3".

A clip is pointed at the way ``clip_refs`` reads it; a phrase that is not a clip reference ("put the dragon
first") is left to the query rules (``Move``). Each function takes the normalised clause and returns ops or
None, like the parser's other rules.
"""

from __future__ import annotations

import re

from assistant.plan.schema import ClipRef, MoveClip, Operation, Order, SwapClips
from assistant.planning.rules.clip_refs import GENERIC_NOUNS, parse_ref
from assistant.planning.rules.number_words import ORDINAL_RE, ordinal_value

_MOVE_VERB = (r"(?:put|move|place|shift|stick|bring|take|slide|drag|have|play|push|bump|nudge|insert|slot|"
              r"whack|shove|pop|drop|relocate|reposition|position|squeeze|tuck)")
_THINGS = r"(?:clips|shots|scenes|cut|edit|video|montage|it|them|everything|whole\s+thing)"

_REVERSE = [
    re.compile(rf"^(?:reverse|flip|invert|turn\s+around|switch\s+around)\s+(?:the\s+)?(?:(?:running|clip|shot|"
               rf"scene)\s+)?(?:order|sequence)"
               rf"(?:\s+of\s+(?:the\s+|all\s+(?:the\s+)?)?{_THINGS})?$"),
    re.compile(r"^(?:reverse|flip|invert)\s+(?:the\s+)?(?:order\s+of\s+)?(?:the\s+)?(?:clips|shots|scenes)$"),
    re.compile(rf"^(?:(?:put|play|show|have|arrange|order|sort|run|make)\s+)?(?:the\s+|all\s+(?:the\s+)?)?"
               rf"{_THINGS}\s+(?:(?:go|run|play)\s+)?(?:in\s+)?(?:the\s+)?(?:reverse|reversed|backwards?|opposite|inverse)"
               r"\s+order$"),
    re.compile(r"^(?:(?:in|into)\s+)?(?:reverse|reversed|backwards?|opposite|inverse)\s+order$"),
    # "reverse it so it starts at her graduation": the clips' order (playing backwards is said "backwards")
    re.compile(r"^(?:reverse|flip)\s+(?:it|them|everything|the\s+(?:whole\s+)?(?:thing|cut|video|edit|montage|lot))"
               r"(?:\s+(?:a)?round)?$"),
    re.compile(r"^(?:last\s+(?:clip|one|shot)\s+first(?:\s*,?\s*first\s+(?:clip|one|shot)\s+last)?|"
               r"(?:the\s+)?other\s+way\s+(?:a)?round)$"),
    # "newest first", "the last day first", "do it backwards, last day first": time turned round, in days
    re.compile(r"^(?:(?:do|play|put|show|have)\s+(?:it|them|everything)\s+backwards?\s*,?\s+)?(?:(?:the|with\s+the|"
               r"starting\s+with\s+the)\s+)?(?:newest|latest|most\s+recent|(?:last|final|latest)\s+(?:day|days|"
               r"night|week|event|events|stop|leg))(?:\s+(?:ones?|bits?|stuff|clips?))?\s+first$"),
]
_BESIDE = re.compile(
    rf"^{_MOVE_VERB}\s+(?P<x>.+?)(?:\s+(?:in|back|over))?\s+(?:so\s+(?:that\s+)?(?:it|they)(?:'s|'re|\s+(?:comes?|goes?|is|are|plays?|sits?|lands?|"
    r"ends?\s+up))\s+|to\s+)?(?P<side>(?:(?:right|just|directly|immediately)\s+)?(?:before|after|ahead\s+of|"
    r"in\s+front\s+of|behind|following|preceding))\s+(?P<y>.+)$"
)
_BETWEEN = re.compile(rf"^{_MOVE_VERB}\s+(?P<x>.+?)\s+(?:in\s+)?between\s+(?P<y>.+)$")
_POSITION = re.compile(
    rf"^{_MOVE_VERB}\s+(?P<x>.+?)\s+(?:to|at|in|into)\s+(?:the\s+)?(?:(?:position|place|slot|spot)\s+"
    rf"(?:number\s+|no\.?\s*|#\s*)?(?P<n>\d+)|(?P<ord>{ORDINAL_RE})\s+(?:position|place|slot|spot))$"
)
_MAKE_NTH = re.compile(
    rf"^(?:make|let|have)\s+(?P<x>.+?)\s+(?:be\s+)?(?:the\s+)?(?:(?P<ord>{ORDINAL_RE}|last|final|opening|closing)"
    r"\s+(?:clip|shot|scene|one|part)|(?P<role>opener|opening|ending|finale|closer))$"
)
# "clip 3 goes last", "clip 2 should come first", "clip 4 goes at the end"
_GOES = re.compile(
    r"^(?P<x>(?:the\s+)?(?:clip|shot|scene)\s+\d+|(?:the\s+)?(?:first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th))"
    r"\s+(?:clip|shot|scene))\s+(?:(?:should|must|can|could|has\s+to|needs\s+to)\s+)?(?:goes?|comes?|be|go|come|"
    r"play|plays)\s+(?:(?P<first>first|at\s+the\s+(?:start|beginning|front)|to\s+the\s+(?:start|beginning|front))|"
    r"(?:last|at\s+the\s+end|to\s+the\s+end|at\s+the\s+back))$")
_COUNT = r"(?:\d+|an?|one)"
_PLACES = r"(?:places?|spots?|positions?|steps?|slots?)"
_STEP = re.compile(
    rf"^{_MOVE_VERB}\s+(?P<x>.+?)\s+(?:(?:by\s+)?(?P<n>{_COUNT})\s+{_PLACES}\s+)?"
    rf"(?P<dir>earlier|later|up|down|left|right|sooner)(?:\s+(?:by\s+)?(?P<n2>{_COUNT})(?:\s+{_PLACES})?)?"
    r"(?:\s+in\s+the\s+(?:cut|order|list|timeline))?$"
)
_SWAP_VERB = r"(?:swap|switch|exchange|trade|flip|interchange|transpose)"
_SWAP_WHAT = r"(?:(?:the\s+)?(?:order|places|positions|spots)\s*(?:of|between|:)\s*)?"
_SWAP_PAIR = re.compile(
    rf"^{_SWAP_VERB}\s+{_SWAP_WHAT}(?P<a>.+?)\s+(?P<join>and|with|for|&)\s+"
    r"(?P<b>.+?)(?:\s+(?:round|around|over))?$"
)
_SWAP_BOTH = re.compile(
    rf"^{_SWAP_VERB}\s+{_SWAP_WHAT}(?:round\s+|around\s+)?(?P<ref>.+?)"
    r"(?:\s+(?:round|around|over))?$"
)
_TWO_OF_A_KIND = re.compile(rf"^(?:the\s+)?(?:two|2|both)\s+(?:of\s+the\s+)?(?P<noun>[a-z][a-z-]{{2,30}})"
                            rf"(?:\s+{GENERIC_NOUNS})?$")
_WRONG_WAY = re.compile(r"^(?P<ref>.+?)\s+(?:are|is|'re)\s+(?:in\s+)?the\s+wrong\s+"
                        r"(?:way\s+(?:round|around)|order)$")
_CROSSED = re.compile(r"^(?:put|move|place|have)\s+(?P<a>.+?)\s+where\s+(?P<b>.+?)\s+is\s*(?:,\s*)?"
                      r"(?:and\s+)?(?P<b2>.+?)\s+where\s+(?P<a2>.+?)\s+(?:is|was)$")
# A two-group swap's sides: "the chaplin clips", "the fights", "those chase bits".
_GROUP_LEADS = frozenset("the those these that this all of".split())
_GROUP_NOUNS = (r"(?:clips?|shots?|scenes?|parts?|bits?|sections?|segments?|sequences?|pieces?|moments?|"
                r"stuff|footage|ones?)")
_NOT_A_GROUP = re.compile(r"order|places?|positions?|spots?|round|around|over|them|it|they|fades?|"
                          r"crossfades?|dissolves?|transitions?|titles?|music|speed|effects?|filters?|"
                          r"colou?rs?|audio|sound|text|captions?|subtitles?|everything|anything|rest|other|others|"
                          r"back|a|an|to|for|in|into|out|on|off|up|down|black|white|original|version|way|my|your|"
                          r"first|last|second|third|next|previous")
_TRADE_PLACES = re.compile(
    r"^(?:(?:have|let|make)\s+)?(?P<ref>.+?)\s+(?:should\s+)?(?:swap|switch|trade|exchange)\s+"
    r"(?:places|positions|spots|round|around)$"
)


def _one(phrase: str) -> int | None:
    """The number of the one clip ``phrase`` points at ("clip 3", "the last one", a bare "7"), else None."""
    if re.fullmatch(r"#?\s*\d{1,3}", phrase.strip()):
        return int(phrase.strip().lstrip("#"))  # "swap 3 and 5", "before 4": numbers here count clips
    ref = parse_ref(phrase.strip(), earlier=False)
    if ref is None or ref.matching or ref.invert or len(ref.indices) != 1:
        return None
    return ref.indices[0]


def _moved(phrase: str) -> ClipRef | None:
    """The clips to move: any plain reference by number or position ("clips 2 and 3", "the last two")."""
    ref = parse_ref(phrase.strip())
    return ref if ref is not None and ref.indices and not ref.invert else None


def _reverse(s: str) -> list[Operation] | None:
    return [Order(by="reverse")] if any(p.match(s) for p in _REVERSE) else None


def _beside(s: str) -> list[Operation] | None:
    """ "move clip 1 after clip 3", "put the last clip before the second", "clip 5 between 1 and 2"."""
    if m := _BESIDE.match(s):
        moved, anchor = _moved(m.group("x")), _one(m.group("y"))
        if moved is None or anchor is None:
            return None
        before = re.search(r"before|ahead|front|preceding", m.group("side")) is not None
        return [MoveClip(ref=moved, before=anchor) if before else MoveClip(ref=moved, after=anchor)]
    if m := _BETWEEN.match(s):
        moved = _moved(m.group("x"))
        pair = parse_ref(m.group("y").strip(), earlier=False)
        if moved is None or pair is None or pair.matching or pair.invert or len(pair.indices) != 2:
            return None
        low, high = sorted(pair.indices)
        if low < 0 or high != low + 1:
            return None  # "between 2 and 5" says no single place
        return [MoveClip(ref=moved, after=low)]
    return None


def _to_position(moved: ClipRef, position: int | None) -> list[Operation] | None:
    """Position ``position`` of the cut after the move, for one clip counted from the start."""
    if position is None:
        return None
    if position == 1:
        return [MoveClip(ref=moved, to="start")]
    if position == -1:
        return [MoveClip(ref=moved, to="end")]
    source = moved.indices[0] if len(moved.indices) == 1 else None
    if source is None or position < 0 or position == source:
        return None  # where it lands depends on the cut's length, or it is already there
    if source < 0:  # counted from the end ("the last clip"): it comes after ``position``
        return [MoveClip(ref=moved, before=position)]
    return [MoveClip.landing(moved, source, position)]


def _position(s: str) -> list[Operation] | None:
    """ "move clip 5 to position 2", "make clip 3 the opening shot", "make the last clip the second one"."""
    if (goes := _GOES.match(s)) and (moved := _moved(goes.group("x"))) is not None:
        return _to_position(moved, 1 if goes.group("first") else -1)
    m = _POSITION.match(s) or _MAKE_NTH.match(s)
    if not m or (moved := _moved(m.group("x"))) is None:
        return None
    groups = m.groupdict()
    if groups.get("role"):
        return _to_position(moved, 1 if groups["role"] in ("opener", "opening") else -1)
    word = groups.get("ord")
    if word in ("last", "final", "closing"):
        return _to_position(moved, -1)
    if word == "opening":
        return _to_position(moved, 1)
    return _to_position(moved, int(groups["n"]) if groups.get("n") else ordinal_value(word or ""))


def _step(s: str) -> list[Operation] | None:
    """ "move clip 4 up one", "move clip 2 two places later": relative to the clip's own number."""
    m = _STEP.match(s)
    if not m or (source := _one(m.group("x"))) is None or source < 0:
        return None
    count = m.group("n") or m.group("n2")
    steps = 1 if count in (None, "a", "an", "one") else int(count)
    earlier = m.group("dir") in ("earlier", "up", "left", "sooner")
    return _to_position(ClipRef(indices=[source]), max(1, source - steps) if earlier else source + steps)


def _group(phrase: str, noun_said: bool) -> ClipRef | None:
    """The clips a side of a two-group swap names: one by number ("clip 2"), or those chosen for a few
    words ("the fights", "the chaplin clips"; a video's name is scoped by the planner); None for anything
    else ("the fade to black", "them")."""
    if (number := _one(phrase)) is not None:
        return ClipRef(indices=[number])
    words = phrase.split()
    while words and words[0] in _GROUP_LEADS:
        words = words[1:]
    if words and re.fullmatch(_GROUP_NOUNS, words[-1]):
        words, noun_said = words[:-1], True
    if len(words) == 1 and re.fullmatch(r"songs?|tracks?", words[0]):
        return None  # "swap the song": music, which no clip choice changes ("the opening song" is clips)
    if not 1 <= len(words) <= 3 or not noun_said and len(words) > 2 or any(
            _NOT_A_GROUP.fullmatch(w) or not re.fullmatch(r"[^\W_][\w'-]*", w) for w in words):
        return None
    return ClipRef(matching=" ".join(words))


def _swap_groups(m: re.Match[str]) -> list[Operation] | None:
    """ "swap the chaplin and tears clips", "swap the fights and the chase", "switch clip 2 with the
    interview": two groups change places. "Swap X for Y" is a replacement, never this; "with" needs a clip's
    noun or number on both sides ("swap the title with ..." names no clips)."""
    if "a2" in m.groupdict() or m.group("join") not in ("and", "&", "with"):
        return None
    a, b = m.group("a"), m.group("b")
    noun = re.search(rf"\s{_GROUP_NOUNS}$", b) is not None  # "the chaplin and tears clips": for both
    if m.group("join") == "with" and not all(
            re.search(rf"(?:^|\s){_GROUP_NOUNS}(?:\s+\d+)?$|^(?:#\s*)?\d+$", side) for side in (a, b)):
        return None
    first, second = _group(a, noun), _group(b, noun)
    if first is None or second is None or first == second or first.indices and second.indices:
        return None
    return [SwapClips(ref=first, other=second)]


def _swap(s: str) -> list[Operation] | None:
    """ "swap clips 2 and 5", "switch the first and last clips", "clips 3 and 4 should trade places"."""
    if m := _SWAP_PAIR.match(s) or _CROSSED.match(s):
        a, b = _one(m.group("a")), _one(m.group("b"))
        crossed = "a2" not in m.groupdict() or (_one(m.group("a2")), _one(m.group("b2"))) == (a, b)
        if a is not None and b is not None and crossed:  # "swap clip 2 with clip 2": the chat says why not
            return [SwapClips(ref=ClipRef(indices=[a, b]))]
        if groups := _swap_groups(m):
            return groups
    m = _SWAP_BOTH.match(s) or _TRADE_PLACES.match(s) or _WRONG_WAY.match(s)
    if m and (kind := _TWO_OF_A_KIND.match(m.group("ref").strip())):
        noun = kind.group("noun")
        if re.fullmatch(GENERIC_NOUNS, noun):
            return [SwapClips(ref=ClipRef())]  # "swap the two clips": the cut's two clips
        singular = re.sub(r"(ss|sh|ch|x)es$|(?<!s)s$", r"\1", noun)  # "the two fights": clips for "fight"
        return [SwapClips(ref=ClipRef(matching=singular))]
    ref = parse_ref(m.group("ref").strip(), earlier=False) if m else None
    if m and ref is None and (then := parse_ref(m.group("ref").strip())) is not None and then.turn:
        ref = then  # "swap what were clips 1 and 3 in the last version": numbered as that version had them
    if ref is not None and not ref.matching and not ref.invert and len(set(ref.indices)) == 2:
        return [SwapClips(ref=ref)]
    return None


def clip_order_ops(s: str, _orig: str = "") -> list[Operation] | None:
    """Reorder ops for a clause that points at clips by number or position, or reverses the cut."""
    for rule in (_reverse, _swap, _beside, _position, _step):
        if ops := rule(s):
            return ops
    return None
