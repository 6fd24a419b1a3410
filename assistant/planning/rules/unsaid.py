"""Requests that leave out what the edit needs: how many clips ("fewer clips"), which one ("the middle clip",
"the best clip first", "merge the fight clips"), what a title says ("put the title at the start"), how much
less ("not that much"). Each gets a question with an example, never a guess: read as they stand they were
searches for "fewer", "middle" or "merge the fight", a reset of the cut, or a title reading "at the start".
"""

from __future__ import annotations

import re

from assistant.planning.rules.clip_refs import parse_ref

_CLIPS = r"(?:clips|shots|scenes|cuts|bits|parts)"
# "fewer clips", "not so many clips", "cut down the number of clips": how many, asked (they were searches for
# "fewer" or "so many"); "more clips" alone: more of what
_FEWER = re.compile(
    r"^(?:(?:can\s+we\s+have|let'?s\s+have|i\s+want|use|have)\s+)?(?:a\s+few\s+)?(?:fewer|less|not\s+(?:so|as)\s+"
    rf"many|too\s+many|way\s+too\s+many|a\s+lot\s+of)\s+{_CLIPS}(?:\s+please)?$|"
    r"^(?:cut\s+down|reduce|lower|trim\s+down|bring\s+down)\s+(?:on\s+)?(?:the\s+)?(?:number\s+of\s+|amount\s+of\s+)?"
    rf"{_CLIPS}(?:\s+please)?$|^(?:there\s+are|it\s+has)\s+too\s+many\s+{_CLIPS}$|"
    rf"^(?:remove|drop|cut)\s+(?:some\s+)?{_CLIPS}$")  # "too many clips" comes here as "remove clips"
_MORE_CLIPS = re.compile(r"^(?:(?:can\s+we\s+have|i\s+want|add|use|give\s+me)\s+)?(?:some\s+|a\s+few\s+)?"
                         rf"more\s+{_CLIPS}(?:\s+please)?$")
# "start with the best clip", "put the best shot first": which one, asked ("start with" had reset the cut)
_BEST_FIRST = re.compile(
    r"^(?:(?:start|open|begin|kick\s+off|lead)\s+(?:it\s+|the\s+(?:video|cut|edit)\s+)?with|put|move|have)\s+"
    r"(?:the\s+|my\s+|our\s+)?(?:very\s+)?(?:best|strongest|coolest|nicest|top)\s+(?:clip|shot|scene|bit|part|moment|one)"
    r"(?:\s+(?:first|at\s+the\s+(?:start|beginning|front)))?(?:\s+please)?$")


# "not that much", "that's too much", "too much": of the last change, said of nothing else (it had removed
# the matches for "that much")
_TOO_MUCH = re.compile(r"^(?:(?:no|hmm|whoa|woah)\s*,?\s+)?(?:not\s+(?:that|so)\s+much|"
                       r"(?:that'?s|that\s+is|it'?s|way)?\s*too\s+much|(?:a\s+bit\s+)?less\s+than\s+that|overdone|(?:you\s+)?overdid\s+it)"
                       r"(?:\s+please)?$")


# "put the title at the start", "add a title at the end": where, with no words (it had become a title reading
# "at the start")
_TITLE_WHERE = re.compile(r"^(?:(?:put|move|add|have|place|stick|i\s+want)\s+)?(?:a\s+|the\s+|my\s+)?"
                          r"title(?:\s+card)?\s+(?:at|to|in|on)\s+the\s+(?:very\s+)?(?P<where>start|beginning|front|top)"
                          r"(?:\s+please)?$")


# "remove the middle clip", "move the middle one to the end": a clip by a place no number says (they were
# searches for "middle")
_MIDDLE_CLIP = re.compile(r"\bthe\s+(?:very\s+)?middle\s+(?:clip|shot|one|scene)\b"
                          r"(?!\s+(?:of|with|where|in)\b)")


def middle_clip_named(text: str, clips: int) -> str:
    """``text`` with "the middle clip" said by its number when a cut of ``clips`` has one middle (an odd
    number, 3 or more: "drop the middle one" of 5 is clip 3); otherwise unchanged, and asked about."""
    if clips < 3 or clips % 2 == 0:
        return text
    return _MIDDLE_CLIP.sub(f"clip {clips // 2 + 1}", text)


# "join all the pieces back up", "merge everything back": every piece that continues the one before
JOIN_ALL = re.compile(r"(?:all\s+)?(?:the\s+)?(?:pieces|split\s+(?:clips|pieces|bits)|bits|parts)|everything|"
                      r"all\s+of\s+(?:them|it)|them\s+all|it\s+all|all\s+the\s+clips")
# "merge the fight clips", "join clip 2": which neighbouring clips, by number (the first had kept only the
# matches for "merge the fight")
_JOIN_WHICH = re.compile(r"^(?:please\s+)?(?:merge|join|stitch|glue|fuse|rejoin)\s+"
                         r"(?P<ref>.*\b(?:clips?|shots?|pieces?|parts?|bits?)\b.*)$")


# "more like this one", "gimme more like that one": which clip, asked when nothing before it says (it had
# been the cut's last clip, a guess); the chat says "that one" as the clip just named when there is one
_MORE_LIKE_WHICH = re.compile(r"^(?:(?:give\s+me|gimme|show\s+me|find(?:\s+me)?|get\s+me|i\s+want|add)\s+)?"
                              r"(?:some\s+)?more\s+(?:like|of)\s+(?:this|that)(?:\s+one|\s+clip|\s+shot)?"
                              r"(?:\s+(?:please|pls))?$")


MORE_LIKE_WHICH = ('Which clip do you mean? Say its number, e.g. "more like clip 3", or what it shows '
                   '("more like the sunset").')


def more_like_unnamed(s: str) -> bool:
    """The whole request is "more like this one" (said alone: beside a clip named before, it is that clip)."""
    return _MORE_LIKE_WHICH.match(" ".join(re.sub(r"[^\w\s']", " ", s.lower()).split())) is not None


def detail_missing(s: str) -> str | None:
    """The question for a number of clips or a clip said by no number ("fewer clips", "the best clip
    first")."""
    if _FEWER.match(s):
        return ('How many clips should it keep? Say e.g. "just keep 5 clips" (the best five) or "drop '
                'clips 2 and 4".')
    if _MORE_CLIPS.match(s):
        return ('More of what? Say e.g. "more of the beach" or "add the fireworks" ("make it longer": of '
                'everything).')
    if _TITLE_WHERE.match(s):  # (one at the end is answered: ``unsupported``, how the title looks)
        return 'What should the title say? Say e.g. "add the title Summer 2026" (a title card opens the cut).'
    said = re.sub(r"(?:\s+back)?\s+(?:together|into\s+(?:one|1)(?:\s+(?:clip|piece|shot))?|again)$", "",
                  join.group("ref")) if (join := _JOIN_WHICH.match(s)) else ""
    said = re.sub(r"(?:\s+back)?(?:\s+up)?$", "", said)
    if JOIN_ALL.fullmatch(said):
        return None  # every piece that continues the one before: ``JoinClips()``
    said = f"clips {said}" if re.fullmatch(r"\d+(?:\s*(?:,|and|&)\s*\d+)+", said) else said  # "merge 4 and 5"
    if join and ((ref := parse_ref(said)) is None or len(ref.indices) < 2 or ref.matching):
        return ('Which clips? Say e.g. "join clips 2 and 3": clips next to each other that continue the same '
                'footage become one.')
    if _MIDDLE_CLIP.search(s):
        return ('Which clip is the middle one? Say its number, e.g. "remove clip 3" ("show me the cut" lists '
                'them).')
    if _TOO_MUCH.match(s):
        return ('Less than that, then: say "undo" to go back, then a smaller change ("a bit shorter", "slow '
                'it down a little", "trim 1 second off clip 2").')
    if _BEST_FIRST.match(s):
        return ('Which clip is the best? Say e.g. "move clip 4 to the start", or "best first" to order every '
                'clip by how well it matched.')
    return None
