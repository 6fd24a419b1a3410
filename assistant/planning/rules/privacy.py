"""Privacy and social formats in requests: whose faces to blur, and the frame shape of the cut.

"blur everyone except Celia and Thom", "blur the faces of the extras" (everyone but the named
characters), "hide Thom's face", "unblur Thom", "stop blurring"; "make it vertical for my phone",
"square for Instagram", "4:5", "back to widescreen". People are cast names, "#N", roles ("the hero",
"the leads") or capitalised names the cast may not know (the chat then lists who it knows); a phrase that
names nobody is left to the other rules ("hide the credits" is no face).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.plan.schema import NAMED_REF, AspectName, Blur, ClipRef, Reframe, Unblur, clean_name, role_of
from assistant.planning.rules.clip_refs import parse_ref, parse_target, without_clip_hash

# --- who ---------------------------------------------------------------------------------------------
_FACE = r"(?:faces?|heads?|identit(?:y|ies))"
_PERSONS = (r"(?:people|persons|humans|actors|characters|folks|men\s+and\s+women|guests|attendees|visitors|"
            r"spectators)")
_EVERYONE = (
    rf"(?:(?:all|each|every)\s+(?:of\s+)?(?:the\s+|their\s+)?(?:single\s+)?(?:{_FACE}|{_PERSONS}|person|one)"
    rf"|(?:everyone|everybody|every\s+one|all|anyone|anybody)(?:\s+else)?(?:'s)?|the\s+rest(?:\s+of\s+them)?"
    rf"|(?:all\s+)?the\s+others"
    rf"|(?:the\s+)?{_PERSONS}(?:'s?)?|(?:the\s+)?(?:faces|heads))"
    rf"(?:'s?)?(?:\s+(?:{_FACE}|on\s+screen|in\s+(?:it|the\s+(?:cut|video|film))))?"
    rf"|(?:all\s+)?(?:the\s+)?{_FACE}\s+of\s+(?:everyone|everybody|all(?:\s+the\s+{_PERSONS})?|"
    rf"the\s+{_PERSONS}|{_PERSONS})"
)
_EVERYONE_RE = re.compile(rf"^(?:{_EVERYONE})$")
# People nobody named: "the extras" = everyone but the named characters.
_EXTRAS = re.compile(
    rf"^(?:(?:all\s+)?(?:the\s+)?{_FACE}\s+of\s+)?(?:all\s+)?(?:the\s+)?"
    r"(?:(?:extras|bystanders|passers?[\s-]?by|"
    rf"strangers|randoms|randos|random\s+{_PERSONS}|background\s+(?:{_PERSONS}|faces|extras)|crowd|the\s+crowd|"
    rf"{_PERSONS}\s+in\s+the\s+(?:background|crowd)|(?:unnamed|unknown|nameless|minor|side)\s+"
    rf"(?:{_PERSONS}|faces)|everyone\s+(?:we|i)\s+(?:don'?t|do\s+not)\s+know|"
    r"(?:everyone|everybody|anyone|people|faces)\s+(?:(?:we|i)\s+(?:haven'?t|have\s+not|didn'?t|did\s+not)\s+"
    r"(?:named|given\s+a\s+name(?:\s+to)?)|without\s+(?:a\s+)?names?|with\s+no\s+names?|"
    r"(?:(?:who|that)(?:'s|'re|\s+is|\s+are)(?:n'?t|\s+not)\s+|not\s+)(?:named|in\s+the\s+cast))))"
    rf"(?:'s?)?(?:\s+{_FACE})?$"
)
_NAMED_GROUP = re.compile(
    rf"^(?:the\s+|our\s+|my\s+)?(?:named\s+(?:{_PERSONS}|ones|cast)|{_PERSONS}\s+(?:with|who\s+have)\s+"
    r"(?:a\s+)?names?|(?:ones|everyone|anyone)\s+(?:with\s+a\s+name|(?:i|we)\s+named)|"
    r"(?:main|named)\s+cast)$"
)
_EXCEPT = (
    r"(?:except(?:\s+for)?|but(?:\s+not)?|apart\s+from|aside\s+from|other\s+than|save\s+for|besides|"
    r"excluding|minus|not|without|who\s+(?:is\s+not|isn'?t|are\s+not|aren'?t)|that\s+(?:is\s+not|isn'?t))"
)
_SOME_EXCEPT = re.compile(rf"^(?P<who>.+?)\s*,?\s+{_EXCEPT}\s+(?P<keep>.+?)(?:'s?)?(?:\s+alone)?$")
_EXCEPT_RE = re.compile(rf"^(?P<all>{_EVERYONE})\s+{_EXCEPT}\s+(?P<keep>.+)$")
_NUMBER = re.compile(r"^(?:#|(?:number|no\.?|character|person|face)\s*#?\s*)(?P<n>\d+)$")
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&|or|plus|as\s+well\s+as)\s+|(?<=\d)\s+(?=#\d)")
# Words around a person that are not part of the name: "Celia's face", "the face of Thom", "Thom visible".
_AROUND = re.compile(
    rf"^(?:the\s+)?(?:{_FACE}\s+of\s+)|(?:'s?)?(?:\s+{_FACE})?(?:\s+(?:visible|clear|unblurred|uncovered|"
    r"alone|showing|recogni[sz]able|as\s+(?:is|they\s+are|it\s+is)))?$"
)
_NOT_NAMES = frozenset("i me it this that them the a an everything nothing".split())
_NAME_WORD = re.compile(r"[A-Z][\w'\-]*")


def _person(part: str, orig: str, names: Sequence[str]) -> str | None:
    """One person as a blur op names it: the cast's spelling, "#N", a role, "named", or a name the user
    capitalised; None when the words name nobody."""
    part = _AROUND.sub("", part).strip()
    if not part or part in _NOT_NAMES:
        return None
    if _NAMED_GROUP.match(part):
        return NAMED_REF
    if role := role_of(part):
        return role
    if m := _NUMBER.match(part):
        return f"#{m.group('n')}"
    known = {n.casefold(): n for n in names}
    if part.casefold() in known:
        return known[part.casefold()]
    written = re.search(rf"(?<!\w){re.escape(part)}(?!\w)", orig, re.IGNORECASE)
    if written and all(_NAME_WORD.fullmatch(w) for w in written.group(0).split()) and len(part.split()) <= 3:
        return clean_name(written.group(0)) or None
    return None


def _people(phrase: str, orig: str, names: Sequence[str]) -> tuple[str, ...] | None:
    """Everyone ``phrase`` names ("celia and thom's faces"), or None if any part names nobody."""
    phrase = re.sub(rf"^(?:the\s+)?{_FACE}\s+of\s+", "", phrase.strip())
    phrase = re.sub(rf"(?:'s?)?\s+{_FACE}$", "", phrase)
    found = [_person(_KIN.sub("", part), orig, names) for part in _SPLIT.split(phrase)]
    if not found or any(p is None for p in found):
        return None
    return tuple(dict.fromkeys(p for p in found if p is not None))


# --- blur ----------------------------------------------------------------------------------------------
_VERB = (
    r"(?:blur|pixel+ate|pixeli[sz]e|mosaic|hide|mask|obscure|cover|censor|anonymi[sz]e|fuzz|smudge|"
    r"disguise|scramble)"
)
_DONE = r"(?:blurred|pixel+ated|hidden|masked|obscured|covered|censored|anonymi[sz]ed|unrecogni[sz]able)"
_BLUR = re.compile(
    rf"^(?:(?:please\s+)?(?P<only>only|just)\s+)?(?:(?:also|too)\s+)?{_VERB}(?:\s+out)?\s+"
    rf"(?:(?P<only2>only|just)\s+)?(?P<who>.+?)(?:\s+out)?(?:\s+(?:also|too|as\s+well|(?:in|throughout|across)\s+"
    r"(?:the\s+)?(?:whole\s+|entire\s+)?(?:cut|video|film|edit|thing)|throughout|everywhere))?$"
)
# "make everyone unrecognisable", "I'd like Thom's face hidden", "all faces blurred" (a clause's tail).
_MAKE = re.compile(
    r"^(?:(?:make|render|keep|leave|have|get|want|i\s+want|i'?d\s+like|i\s+would\s+like|i\s+need|with)\s+)?"
    rf"(?P<who>.+?)\s+(?:anonymous|unrecogni[sz]able|unidentifiable|(?<=faces\s)invisible|(?<=face\s)invisible|"
    rf"{_DONE})"
    # "make all faces unrecognisable except Jonas": the exception said after (it blurred all, removed Jonas);
    # "... invisible ...": how the 1.5B model translates "unkenntlich"
    r"(?P<but>\s+(?:except(?:\s+for)?|but|apart\s+from|other\s+than|besides|save\s+for)\s+.+)?$"
)
_PASSIVE = re.compile(
    rf"^(?P<who>.+?)\s+(?:should|must|needs?\s+to|has\s+to|have\s+to|ought\s+to|to)\s+(?P<neg>not\s+)?"
    rf"(?:be|stay|remain)\s+{_DONE}$|^(?P<who2>.+?)\s+(?P<neg2>shouldn'?t|mustn'?t|can'?t|won'?t)\s+"
    rf"(?:be|stay|remain)\s+{_DONE}$"
)
# "Sara doesn't need to be blurred in the last clip": that face clear (there)
_NEED_NOT = re.compile(rf"^(?P<who>.+?)\s+(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+(?:need|have)\s+to\s+"
                       rf"(?:be|stay|remain)\s+{_DONE}$")
# "Celia needs to be visible", "Thom can stay recognisable": that face clear (it kept the matches for "needs
# to be" with Celia on screen)
_SHOULD_BE_CLEAR = re.compile(
    r"^(?P<who>.+?)\s+(?:should|must|needs?\s+to|has\s+to|have\s+to|can|may|is\s+allowed\s+to)\s+"
    r"(?:be|stay|remain)\s+(?:visible|clear|unblurred|uncovered|recogni[sz]able|identifiable|shown|seen)$"
)
# "can the policeman be hidden?", "I'd rather not see Hildy's face", "don't show Thom's face": blur them (the
# last two removed the matches for "face" with Hildy on screen)
_ASKED_HIDDEN = re.compile(
    rf"^(?:can|could|would|will)\s+(?P<who>.+?)\s+(?:be|get)\s+{_DONE}(?:\s+please)?$|"
    r"^(?:i'?d\s+rather\s+not|i\s+would\s+rather\s+not|i\s+don'?t\s+want\s+to|don'?t|do\s+not|never|please\s+don'?t)"
    r"\s+(?:see|show|reveal)\s+(?P<who2>.+?)(?:'s?|s')\s+(?:faces?)(?:\s+(?:please|again|any\s*more))?$|"
    # "remove Thom's face" (also what "I'd rather not see Thom's face" is reworded to): a face goes by a blur
    r"^(?:remove|no|without|lose|cut\s+out|get\s+rid\s+of)\s+(?P<who3>.+?)(?:'s?|s')\s+faces?(?:\s+please)?$"
)
_NO_BLUR = re.compile(
    r"^(?:(?:stop|quit|no\s+more|enough)\s+(?:the\s+)?(?:blurring|blur|pixelating|pixelation|hiding\s+faces)"
    r"(?:\s+(?:of\s+)?(?:the\s+)?(?:faces|people|everyone|anyone|anybody))?|(?:no|without)\s+(?:face\s+)?"
    r"(?:blur|blurring|pixelation|blurred\s+faces)|(?:remove|drop|turn\s+off|switch\s+off|disable|"
    r"get\s+rid\s+of|lose|kill|undo|clear|take\s+off|cancel|ditch)\s+(?:the\s+|all\s+(?:the\s+)?|any\s+)?"
    r"(?:face\s+)?(?:blur|blurring|pixelation|anonymi[sz]ation|face\s+masks?)(?:\s+(?:on|from|of)\s+"
    r"(?:the\s+)?(?:faces|everyone|people))?|blur\s+off|turn\s+(?:the\s+)?blur(?:ring)?\s+off|"
    r"(?:don'?t|do\s+not)\s+blur\s+(?:anyone|anybody|any\s+faces?|faces|people)|"
    r"no\s*one\s+(?:blurred|hidden)|"
    r"unblur(?:\s+(?:it|them|everything|the\s+(?:cut|video)))?|"
    r"show\s+(?:all\s+(?:the\s+)?|every(?:one|body)'s\s+|the\s+)faces(?:\s+again)?)$"
)
# "take the blur off Celia", "remove the blur from Thom's face", "no blur on Celia please": unblur them
_UNBLUR_FROM = re.compile(
    r"^(?:(?:remove|drop|turn\s+off|switch\s+off|get\s+rid\s+of|lose|undo|clear|take|cancel|lift)\s+(?:the\s+)?"
    r"(?:face\s+)?(?:blur|blurring|pixelation)\s+(?:off|from|on|for)(?:\s+of)?|(?:no|without)\s+(?:face\s+)?"
    r"(?:blur|blurring|pixelation)\s+(?:on|for|over))\s+(?P<who>.+?)$"
)
_UNBLUR = re.compile(
    r"^(?:unblur|un-blur|unhide|unmask|uncover|unpixel+ate|un-?pixeli[sz]e|uncensor|reveal|"
    r"stop\s+(?:blurring|hiding|pixelating|masking)|"
    r"(?:don'?t|do\s+not|no\s+longer|never)\s+(?:blur|hide|pixelate|mask|cover))\s+(?P<who>.+?)"
    r"(?:\s+(?:again|any\s*more|from\s+now\s+on|everywhere|throughout|in\s+every\s+clip|in\s+all\s+(?:the\s+)?clips))?$"
)
# "keep Celia's face visible", "leave Thom unblurred": only with a word that says the face stays clear.
_KEEP_CLEAR = re.compile(
    rf"^(?:leave|keep|let)\s+(?P<who>.+?)(?:'s?)?(?:\s+{_FACE})?\s+(?:visible|clear|unblurred|uncovered|"
    r"recogni[sz]able|as\s+(?:is|they\s+are))$|^(?:show|let\s+(?:me|us)\s+see)\s+(?P<who2>.+?)'s?\s+"
    rf"{_FACE}(?:\s+again)?$"
)
# "leave Tom unblurred but blur the rest", "blur everyone else but keep the main character visible"
_REST = (r"(?:(?:everyone|everybody|all)\s+else|the\s+rest(?:\s+of\s+them)?|the\s+others|all\s+the\s+others|"
         r"everyone|everybody)")
_CLEAR = r"(?:visible|clear|unblurred|uncovered|recogni[sz]able|alone|as\s+(?:is|they\s+are))"
_CLEAR_BUT_REST = re.compile(
    rf"^(?:leave|keep|let)\s+(?P<who>.+?)(?:'s?)?(?:\s+{_FACE})?\s+{_CLEAR}\s*,?\s+(?:but|and|then)\s+"
    rf"(?:blur|hide|pixelate|mask)\s+{_REST}(?:'s?\s+{_FACE})?$|"
    rf"^(?:blur|hide|pixelate|mask)\s+{_REST}(?:'s?\s+{_FACE})?\s*,?\s+(?:but|except|and)\s+(?:leave|keep|let)\s+"
    rf"(?P<who2>.+?)(?:'s?)?(?:\s+{_FACE})?(?:\s+{_CLEAR}|\s+out\s+of\s+it)?$"
)
_BLURRED_FACES = re.compile(
    r"^(?:(?:add|apply|use|with|turn\s+on|switch\s+on|enable|i\s+want)\s+)?(?:a\s+|the\s+)?(?:face\s+"
    r"(?:blur(?:ring)?|pixelation|anonymi[sz]ation)|blurred\s+faces|faces\s+blurred|anonymous\s+faces)"
    r"(?:\s+(?:on|for)\s+(?:everyone|everybody|all(?:\s+faces)?))?$"
)


# "only Anja and Tobi should be visible": everyone else blurred
_ONLY_VISIBLE = re.compile(
    r"^only\s+(?P<who>.+?)(?:'s?\s+faces?)?\s+(?:should|can|may|must|get\s+to|are\s+allowed\s+to|is\s+allowed\s+to)\s+"
    r"(?:be\s+|stay\s+|remain\s+)?(?:visible|seen|recogni[sz]able|shown|unblurred|identifiable)$"
)
# "hide the faces of the other parents": everyone but whom the request names elsewhere
_THE_OTHERS_SRC = rf"(?:the\s+)?(?:{_FACE}\s+of\s+)?(?:all\s+)?the\s+other\s+[\w'-]+(?:'s?\s+{_FACE})?"
_THE_OTHERS = re.compile(rf"^{_THE_OTHERS_SRC}$")
# "all the other kids' faces except my daughter Ella": everyone but her
_OTHERS_EXCEPT = re.compile(rf"^{_THE_OTHERS_SRC}\s+{_EXCEPT}\s+(?P<keep>.+)$")
# "my daughter Ella", "our son Finn": the name is the person
_KIN_SRC = (r"(?:(?:my|our)\s+(?:little\s+|youngest\s+|eldest\s+|oldest\s+|\d+\s+)?(?:daughters?|sons?|"
            r"kids?|child(?:ren)?|boys?|girls?|wife|husband|partner|mum|mom|dad|brothers?|sisters?|friends?|"
            r"nieces?|nephews?|grandsons?|granddaughters?|grandkids?|grandchildren|cousins?)|"
            # "blur the kids' faces": people by what they are, with no name yet
            r"the\s+(?:little\s+|young\s+|other\s+)?(?:kids|children|boys|girls|students|pupils|teenagers|"
            r"minors|babies|toddlers|"
            # "blur the soldiers" (a user session: answered "I couldn't turn that into an edit")
            r"soldiers|police(?:\s+officers)?|policemen|cops|officers|guards|workers|staff|players|dancers|"
            r"guests|fans|women|men|ladies|guys|nurses|doctors|teachers|parents|neighbours|neighbors))")
_KIN = re.compile(rf"^{_KIN_SRC}\s+(?=\w)")
_KIN_ALONE = re.compile(rf"^{_KIN_SRC}(?:'s|s'|')?(?:\s+{_FACE})?$")  # "my son": a face with no name yet


def _blur(s: str, orig: str, names: Sequence[str]) -> list | None:
    if m := _UNBLUR_FROM.match(s):
        return _blur_who(m.group("who"), orig, names, unblur=True)
    if _NO_BLUR.match(s):
        return [Blur(target="none")]
    if m := _ONLY_VISIBLE.match(s):
        people = _people(m.group("who"), orig, names)
        return [Blur(target="all_but", people=people)] if people else None
    if _BLURRED_FACES.match(s):
        return [Blur(target="all")]
    if m := _CLEAR_BUT_REST.match(s):
        people = _people(m.group("who") or m.group("who2"), orig, names)
        return [Blur(target="all_but", people=people)] if people else None
    if m := _KEEP_CLEAR.match(s):
        if (clips := _clips(m.group("who") or m.group("who2"))) is not None and clips.indices:
            return [Blur(target="none", clips=clips)]  # "leave clip 3 unblurred"
        people = _people(m.group("who") or m.group("who2"), orig, names)
        return [Unblur(people=people)] if people else None
    if m := _ASKED_HIDDEN.match(s):
        return _blur_who(m.group("who") or m.group("who2") or m.group("who3"), orig, names)
    if m := _UNBLUR.match(s) or _SHOULD_BE_CLEAR.match(s):
        return _blur_who(m.group("who"), orig, names, unblur=True)
    if m := _NEED_NOT.match(s):
        return _blur_who(m.group("who"), orig, names, unblur=True)
    if m := _PASSIVE.match(s):
        negated = bool(m.group("neg") or m.group("neg2"))
        return _blur_who(m.group("who") or m.group("who2"), orig, names, unblur=negated)
    if m := _MAKE.match(s):
        return _blur_who(m.group("who") + (m.group("but") or ""), orig, names)
    if m := _BLUR.match(s):
        return _blur_who(m.group("who"), orig, names, exclusive=bool(m.group("only") or m.group("only2")))
    return None


def blur_of_unknown(s: str, orig: str, names: Sequence[str] = ()) -> bool:
    """Whether a clause asks to blur everyone except someone it does not name ("blur everyone except my
    son", "... but the bride"), or someone by kin alone ("blur my son"). It is a blur request, so no other
    rule may read it ("except X" is no "remove X"); with no name for the face the chat asks who."""
    m = _BLUR.match(s) or _MAKE.match(s) or _PASSIVE.match(s)
    try:
        if m is None or _blur(s, orig, names) is not None:
            return False
    except ValueError:  # e.g. more people than a blur op takes: read as no blur at all
        return False
    who = (m.groupdict().get("who") or m.groupdict().get("who2") or "").strip()
    return bool(_EXCEPT_RE.match(who) or _OTHERS_EXCEPT.match(who) or _KIN_ALONE.match(who))


def _blur_who(who: str, orig: str, names: Sequence[str], *, exclusive: bool = False, unblur: bool = False
              ) -> list | None:
    """The op for the words naming whose faces: everyone, everyone but someone, the extras, or people.

    ``unblur`` reads them the other way round: "unblur everyone except Thom" blurs just Thom.
    """
    who = who.strip()
    if (clips := _clips(who)) is not None and clips.indices:  # "blur clip 2", "don't blur the last clip"
        return [Blur(target="none" if unblur else "all", clips=clips)]
    if _EXTRAS.match(who):  # before the exceptions: "everybody without a name" excepts nobody by name
        return None if unblur else [Blur(target="all_but", people=(NAMED_REF,))]
    if found := _EXCEPT_RE.match(who) or _OTHERS_EXCEPT.match(who):
        keep = _people(found.group("keep"), orig, names)
        if keep is None:
            return None
        if unblur:
            return [Blur(target="only", people=keep, exclusive=True)]
        return [Blur(target="all_but", people=keep)]
    if _EVERYONE_RE.match(who) or (_THE_OTHERS.match(who) and not unblur):
        return [Blur(target="none" if unblur else "all")]
    if not unblur and (some := _SOME_EXCEPT.match(who)):
        # "blur Celia but not Thom", "hide Hildy, not Celia": the first blurred, the others clear (it blurred
        # nobody: a search for "blur" beside Celia, and Thom's scenes removed)
        blurred, clear = _people(some.group("who"), orig, names), _people(some.group("keep"), orig, names)
        if blurred and clear:
            return [Blur(target="only", people=blurred, exclusive=exclusive), Unblur(people=clear)]
    people = _people(who, orig, names)
    if not people:
        return None
    return [Unblur(people=people) if unblur else Blur(target="only", people=people, exclusive=exclusive)]


# --- frame shape ---------------------------------------------------------------------------------------
_SHAPES: tuple[tuple[re.Pattern[str], AspectName], ...] = (
    (re.compile(r"\b(?:9\s*[:x/]\s*16|9\s+by\s+16|vertical(?:ly)?|portrait\s+(?:mode|video|format|"
                r"orientation)|upright|tall\s+(?:format|video))\b"), "9:16"),
    (re.compile(r"\b(?:(?:portrait\s+)?4\s*[:x/]\s*5(?:\s+portrait)?|4\s+by\s+5|(?:instagram|insta|feed)\s+portrait|"
                r"portrait\s+(?:post|feed))\b"),
     "4:5"),
    (re.compile(r"\b(?:1\s*[:x/]\s*1|1\s+by\s+1|square(?:d)?)\b"), "1:1"),
    (re.compile(r"\b(?:16\s*[:x/]\s*9|wide\s*-?\s*screen|landscape|horizontal(?:ly)?|original\s+(?:shape|"
                r"aspect(?:\s+ratio)?|ratio|format|framing|frame|size|proportions|orientation)|(?:normal|usual|regular)\s+"
                r"(?:shape|aspect(?:\s+ratio)?|ratio|format|framing|frame|size|proportions|orientation)|full\s+frame|uncropped|un-?crop|"
                r"no\s+(?:crop|cropping|reframing)|(?:stop|quit)\s+(?:cropping|reframing)|"
                r"(?:don'?t|do\s+not)\s+"
                r"(?:crop|reframe)|(?:remove|undo|drop|lose|cancel)\s+(?:the\s+)?(?:crop|cropping|reframe|"
                r"reframing))\b"), "original"),
    (re.compile(r"\bportrait\b"), "9:16"),
)
# Where a phone or a platform alone says the shape ("for my phone", "TikTok format").
_PLATFORM = re.compile(
    r"\b(?:phones?|mobile|tik\s*-?\s*tok|reels?|shorts|snapchat|(?:instagram|insta|facebook|fb|whatsapp)\s+"
    r"(?:stor(?:y|ies)|reels?|status))\b"
)
# Words that make a shape word about the frame: "make it square", "square video", "back to landscape".
_SHAPE_CONTEXT = frozenset(
    "make go switch turn convert change set crop cropped reframe reframed format mode shape aspect ratio "
    "better prefer rather video version back for export render orientation frame framing instagram insta "
    "tiktok youtube facebook fb snapchat reels reel shorts post feed style ready friendly".split()
)
_AMBIGUOUS_SHAPES = frozenset("square squared landscape horizontal horizontally".split())
# Words a shape request may have around its shape; anything else makes it something else ("the tall man").
_SHAPE_WORDS = frozenset(
    "make it its this that the a an cut video film movie edit clip whole thing for my our your phone "
    "phones mobile format mode shape aspect ratio frame framing crop cropped reframe reframed "
    "reframing to into in as go switch change set turn convert back please do give me i we want need "
    "export render orientation return restore revert put get social media sharing share screen size "
    "sized version instead again fit fits original normal usual regular old "
    "and of so be can could should instagram insta tiktok tik tok youtube facebook fb snapchat "
    "whatsapp reels reel shorts short stories story post posts feed grid status upload uploading "
    "watching viewing vertical square portrait now with use using style ready friendly actually is would "
    "d better prefer rather looks look keep leave stay stays".split()
)


_FOR_WHOM = re.compile(r"\s+for\s+(?:the|my|our|his|her|their|a|an|all\s+(?:the|my|our))\s+[\w' -]{2,40}$")


def reframe_ops(s: str, *, beside_edits: bool = False) -> list | None:
    """The reframe a clause asks for, or None. A shape word that may name a thing ("square", "landscape")
    needs a word of context, or ``beside_edits``: the clause is said beside other edits ("cut the rain,
    make it 45 secs, also square pls"), where it is no search ("also the square" still is one)."""
    matches = [(m, aspect) for pattern, aspect in _SHAPES for m in pattern.finditer(s)]
    if not matches and (platform := _PLATFORM.search(s)):
        matches = [(platform, "9:16")]  # "for my phone", "TikTok format": needs a context word, below
    found, rest, end = [], "", 0
    for m, aspect in sorted(matches, key=lambda item: (item[0].start(), -item[0].end())):
        if m.start() >= end:  # "instagram portrait" is one mention, not also "portrait"
            found.append((m, aspect))
            rest, end = f"{rest}{s[end:m.start()]} ", m.end()
    rest += s[end:]
    aspects = {aspect for _, aspect in found}
    if len(aspects) != 1:
        return None
    words = rest.replace("-", " ").replace("'", " ").split()
    if any(w not in _SHAPE_WORDS and not w.isdigit() for w in words):
        # "crop it to a square for the family whatsapp": a shape, then whom it is for
        whom = _FOR_WHOM.search(s)
        return reframe_ops(s[: whom.start()], beside_edits=beside_edits) if whom and whom.start() else None
    vague = all(m.group(0) in _AMBIGUOUS_SHAPES or _PLATFORM.fullmatch(m.group(0)) for m, _ in found)
    if vague and not (beside_edits and "the" not in words) and not _SHAPE_CONTEXT.intersection(words):
        return None  # "the square", "landscape", "the phone": more likely something to look for
    return [Reframe(aspect=aspects.pop())]


# "blur the faces in clip 2", "unblur Thom in the last two clips", "no blur on the fight scenes": a blur of
# some clips only
_IN_CLIPS = re.compile(
    r"^(?P<rest>.+?)\s+(?:(?:only|just)\s+)?(?:in|on|for|from|during|throughout|across)\s+(?:only\s+|just\s+)?"
    r"(?P<ref>(?:the\s+|clips?\b|shots?\b|scenes?\b)[\w' ,&#-]*?)(?:\s+only)?$"
)
_IN_CLIPS_EXCEPT = re.compile(
    r"^(?P<rest>.+?)\s+(?:in|on|for|during|throughout|across)\s+(?P<ref>(?:the\s+|clips?\b|shots?\b|"
    r"scenes?\b)[\w' ,&#-]*?(?:clips?|shots?|scenes?|\d))\s+(?:except(?:\s+for)?|but(?:\s+not)?|apart\s+from|"
    r"other\s+than)\s+(?P<keep>.+)$"
)
# "blur faces everywhere except the first clip", "blur the faces in every clip but the first": every clip
# but those (it had blurred every clip and removed the first)
_CLIPS_BUT = re.compile(
    r"^(?P<rest>.+?)(?P<every>\s+(?:everywhere|in\s+every\s+(?:clip|shot|scene)|in\s+all\s+(?:the\s+|of\s+the\s+)?"
    r"(?:clips|shots|scenes)|throughout))?\s+(?:except(?:\s+for)?|but(?:\s+not)?|apart\s+from|other\s+than|save\s+for)"
    r"\s+(?:in\s+|on\s+|for\s+)?(?P<ref>.+)$"
)
_CLIP_NOUN = re.compile(r"\b(?:clips?|shots?|scenes?|parts?)$")
_CLIP_WORD = re.compile(r"\b(?:clips?|shots?|scenes?|parts?|ones?)\b")


_CLIPS_OF = re.compile(r"^(?:the\s+|all\s+the\s+)?(?:clips?|shots?|scenes?|parts?)\s+(?:at|in|of|with|from|"
                       r"showing|where|on)\s+(?:the\s+|a\s+|an\s+)?(?P<what>[a-z][a-z' -]{1,40})$")


def _clips(phrase: str) -> ClipRef | None:
    """The clips a blur is limited to: by number or place ("clip 2", "the last two clips"), or, ending in a
    clip word, by what they were chosen for ("the fight scenes", "the clips at the restaurant"); None for
    anything else ("the crowd", "#3": a person). "The last 10 seconds": that stretch of the cut (it had
    been a blur of every clip and a 10-second cut)."""
    if (span := parse_ref(phrase, earlier=False)) is not None and span.span is not None:
        return span
    if not _CLIP_WORD.search(phrase):
        return None
    phrase = without_clip_hash(phrase)  # "clip #2" (grounding reads clauses not normalised)
    if (of := _CLIPS_OF.match(phrase)) and parse_ref(phrase, earlier=False) is None:
        return ClipRef(matching=of.group("what").strip())
    ref = parse_ref(phrase, earlier=False)
    if ref is None and _CLIP_NOUN.search(phrase):
        ref = parse_target(phrase)
    return ref if ref is not None and (ref.indices or ref.matching) else None


# "in the first clip blur everyone except Jake", "in the last clip the faces need to be blurred": the clips
# said first
_CLIPS_FIRST = re.compile(r"^(?:in|on|for|during|throughout|across)\s+")  # the clips then need a clip word
_MOST_REF_WORDS = 8
_POLITE = re.compile(r"^(?:(?:please|pls|can\s+you|could\s+you|would\s+you)\s+)+")
# "clip #2 needs the faces blurred", "the last clip should have everyone's face hidden"
_CLIPS_NEED = re.compile(
    r"^(?P<ref>(?:the\s+|clips?\b|shots?\b|scenes?\b)[\w' #&-]*?)\s+(?:needs?|should\s+have|must\s+have|"
    r"has\s+to\s+have|have\s+to\s+have|wants?)\s+(?P<who>[\w' -]+?)\s+(?P<done>blurred|pixel+ated|hidden|"
    r"masked|obscured|covered|censored|anonymi[sz]ed|unblurred|uncovered)$"
)


def _limited(ops: list | None, ref: ClipRef) -> list | None:
    """``ops`` (a blur's) limited to the clips of ``ref``."""
    return [op.model_copy(update={"clips": ref}) for op in ops] if ops else None


def _in_clips(s: str, orig: str, names: Sequence[str]) -> list | None:
    """A blur said of some clips ("blur the faces in clip 2", "unblur clip 3", "don't blur the last clip",
    "in clip 1 blur everyone", "clip 2 needs the faces blurred"): its ops limited to those clips."""
    if ((m := _CLIPS_BUT.match(s)) and (m["every"] or _CLIP_WORD.search(m["ref"]))
            and (ref := parse_ref(m["ref"].strip(), earlier=False)) is not None and ref.indices
            and not ref.matching and not ref.invert and (ops := _blur(m["rest"], orig, names))):
        return _limited(ops, ClipRef(indices=ref.indices, invert=True))
    if (m := _IN_CLIPS_EXCEPT.match(s)) and (ref := _clips(m.group("ref").strip())) is not None:
        # "blur everyone in the last three clips except Marco": the exception belongs to the blur
        return _limited(_blur(f"{m.group('rest')} except {m.group('keep')}", orig, names), ref)
    if (m := _IN_CLIPS.match(s)) and (ref := _clips(m.group("ref").strip())) is not None:
        return _limited(_blur(m.group("rest"), orig, names), ref)
    if first := _CLIPS_FIRST.match(s):
        words = s[first.end():].split()
        for k in range(1, min(len(words), _MOST_REF_WORDS)):
            ref = _clips(" ".join(words[:k]).rstrip(","))
            if ref is not None and (ops := _limited(_blur(_POLITE.sub("", " ".join(words[k:])), orig, names),
                                                    ref)):
                return ops
    if (m := _CLIPS_NEED.match(s)) and (ref := _clips(m.group("ref").strip())) is not None:
        unblur = m.group("done") in ("unblurred", "uncovered")
        return _limited(_blur_who(m.group("who"), orig, names, unblur=unblur), ref)
    return None


def clip_blur_ops(s: str, orig: str, names: Sequence[str] = ()) -> list | None:
    """The blur ops of a clause that limits them to some clips ("blur the faces in clip 2", "unblur clip
    3"), else None (for grounding a model's blur of the whole cut)."""
    ops = _in_clips(s, orig, names) or _blur(s, orig, names)
    return ops if ops and all(getattr(op, "clips", None) is not None for op in ops) else None


def privacy_ops(s: str, orig: str, names: Sequence[str] = ()) -> list | None:
    """The blur or reframe op a clause asks for, or None (then the other rules read it).

    ``s`` is the normalised clause, ``orig`` the clause as typed (names are found by their capitals),
    ``names`` the cast's names.
    """
    return reframe_ops(s) or _in_clips(s, orig, names) or _blur(s, orig, names)


_BUT_NOT = re.compile(rf"(?i)(\b{_VERB}\b[^.;!?\n]*?)\s+but\s+(?:not|leave|keep)\s+")
# "I want Celia's face hidden but not Thom's": the second is not to be blurred (it was "remove Thom")
_DONE_BUT_NOT = re.compile(rf"(?i)(\b{_DONE})\s*,?\s+but\s+not\s+(?=(?-i:[A-Z])|#\d|the\s)")
# A comma before a name in a blur request lists people ("blur Celia, Thom and Ana"); it ends no clause.
# ... nor before "not Celia" ("hide Hildy, not Celia") or "except ..." ("blur the faces, except for mine")
_NOT_COMMA = re.compile(rf"(?i)(\b{_VERB}\b[^.;!?\n,]*?)\s*,\s*(?=(?:but\s+)?not\s+(?:(?-i:[A-Z])|#\d)|"
                        r"except\b|apart\s+from\b|other\s+than\b|save\s+for\b)")
_NAME_COMMA = re.compile(rf"(?i)(\b{_VERB}\b[^.;!?\n,]*?)\s*,\s*(?=(?:and\s+)?(?-i:[A-Z][a-z]|#\d))")


# "blur the kids too, they're #3 and #5", "blur my nieces (Leo and Ava)": unnamed kin, then who they are
_KIN_THEN_WHO = re.compile(
    rf"(?i)(\b{_VERB}\b[^.;!?\n]*?)\b{_KIN_SRC}(?:'s|s'|')?(?:\s+faces?)?(?P<too>\s+(?:too|as\s+well))?\s*"
    r"(?:[,(:]|\s-)?\s*(?:(?:they'?re|they\s+are|he'?s|she'?s|he\s+is|she\s+is|that'?s|namely)\s+)?"
    r"(?P<who>(?:#\s*\d+|(?-i:[A-Z][\w'-]*))(?:\s*(?:,|and|&)\s*(?:#\s*\d+|(?-i:[A-Z][\w'-]*)))*)\s*\)?"
)


# Clips by a few words and numbers ("the second to last clip", "clips 2 and 3"), and a clause ahead that
# speaks of blurring faces ("..., take it out" and "clip 2 - blurry" are no blur)
_CLIP_NUMBERS = r"(?:clips?|shots?|scenes?)(?:\s*#?\s*\d+(?:\s*(?:,|and|&|to|-)\s*\d+)*)?"
_BLUR_AHEAD = r"(?=[^,.;!?]{0,60}?\b(?:un)?(?:blur(?!ry)|pixel|hid|mask|censor|cover|obscur|anonymi|fuzz)\w*)"
# "in the last clip, blur everyone", "for clips 2 and 3, hide Tom's face": the clips and their blur, one
# clause
_CLIPS_COMMA = re.compile(
    rf"(?i)(\b(?:in|on|for|during)\s+(?:the\s+)?(?:[\w'#-]+\s+){{0,3}}?{_CLIP_NUMBERS})\s*,\s*{_BLUR_AHEAD}")
# "second to last clip - blur everyone except Tom", "clip 3: hide the faces": the clips, then their blur
_CLIPS_DASH = re.compile(
    rf"(?i)^(?P<ref>(?:the\s+)?(?:[\w'#-]+\s+){{0,4}}?{_CLIP_NUMBERS})\s*(?:\s-|:|–|—)\s*{_BLUR_AHEAD}")


def join_exceptions(text: str) -> str:
    """A blur request's exceptions and lists of names kept in one clause: the parser splits clauses at
    "but not" and at commas ("blur everyone but not Thom", "blur all faces except Celia, Thom and Ana");
    unnamed kin followed by who they are is those people ("blur the kids too, they're #3 and #5")."""
    text = _KIN_THEN_WHO.sub(r"\1\g<who>\g<too>", text)
    text = _CLIPS_COMMA.sub(r"\1 ", text)
    text = _CLIPS_DASH.sub(r"in \g<ref> ", text)
    text = _NOT_COMMA.sub(r"\1 ", text)
    text = _BUT_NOT.sub(r"\1 except ", text)
    text = _DONE_BUT_NOT.sub(r"\1; unblur ", text)
    previous = None
    while previous != text:
        previous, text = text, _NAME_COMMA.sub(r"\1 and ", text, count=1)
    return text.replace(" and and ", " and ")
