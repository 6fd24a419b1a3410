"""Requests about the person's own taste: "make me a 2-minute cut I'd like", "surprise me", "more like
clip 3", "less of this", "what would I like in this film?", and statements of taste ("I'm really into the
chase scenes", "the rain bores me") (typed ops answered by ``assistant/taste``)."""

from __future__ import annotations

import re

from assistant.plan.schema import (
    MAX_QUERY_CHARS,
    ClipRef,
    ForMe,
    LessLike,
    Like,
    LimitDuration,
    MoreLike,
    Suggest,
)
from assistant.planning.rules.clip_refs import GENERIC_NOUNS, parse_ref
from assistant.planning.rules.number_words import DURATION_RE, duration_seconds
from assistant.planning.rules.people import KIN_NOUNS

_ME = r"(?:i'?d|i\s+would|i'?ll|i\s+will|i|i'?m\s+going\s+to)"
_FOR_ME = re.compile(
    r"^(?:please\s+)?(?:(?:make|give|build|cut|create|put\s+together|edit)\s+(?:me\s+)?(?:a\s+|an\s+|my\s+)?|"
    r"(?:a|an|my)\s+|(?=\d))"  # "a 30-second cut of stuff i'd enjoy": said without the verb (or article)
    r"(?P<length>.*?)\s*(?:highlights?\s+)?(?:cut|edit|version|video|film|montage|reel)\s+"
    # "cut me a version with the stuff I like", "a montage of the bits I love"
    r"(?:(?:with|of|from|full\s+of)\s+(?:all\s+)?(?:the\s+)?(?:stuff|things|bits|parts|scenes|clips|shots|moments)\s+|"
    # "a 2 min highlight reel based on what I usually like"
    r"(?:based\s+on|of|from|with)\s+what\s+)?"
    r"(?:that\s+|which\s+)?"
    rf"(?:you\s+(?:think|reckon|guess|bet)\s+)?{_ME}\s+(?:(?:really|actually|genuinely|truly|usually|normally|"
    r"generally|always|tend\s+to)\s+)?(?:like|love|enjoy)$"
    r"|^(?:make|give|build|cut|create|put\s+together)\s+(?:me\s+)?(?:my\s+)?(?:own\s+|personal\s+)(?P<length2>.*?)\s*"
    r"(?:cut|edit|version|one|reel)$"
)
# "make a 3 min one for me", "pick what I'd like for a 45 second reel": a cut for this person, this long
_ONE_FOR_ME = re.compile(
    r"^(?:(?:make|give|build|cut|create|put\s+together|do)\s+(?:me\s+)?(?:a|an)\s+(?P<length>[\w.-]+(?:\s+[\w.-]+)?)\s+"
    r"(?:one|cut|edit|version|video|reel|montage)\s+for\s+me"
    r"|(?:pick|choose|find|grab|select)\s+(?:me\s+)?(?:what|whatever|the\s+stuff|stuff|things)\s+"
    r"(?:you\s+(?:think|reckon)\s+)?(?:i'?d|i\s+would|i'?ll|i)\s+(?:like|love|enjoy)"
    r"(?:\s+for\s+(?:a|an|my)\s+(?P<length2>[\w.-]+(?:\s+[\w.-]+)?)\s+(?:reel|cut|edit|video|montage|one))?)$"
)
# "pick stuff for me", "something I'd enjoy", "choose some clips for me": a cut for this person, no length
_PICK_FOR_ME = re.compile(
    r"^(?:(?:pick|choose|find|select|make|put\s+together|build|grab)\s+(?:me\s+)?(?:some\s+|a\s+few\s+)?(?:stuff|something|"
    r"things|clips|scenes|bits|a\s+cut|a\s+mix)\s+(?:out\s+)?for\s+me|(?:pick|choose|grab)\s+(?:me\s+)?(?:some\s+)?"
    r"(?:stuff|something|things)|(?:(?:make|put\s+together|build|cut|edit|create|give)\s+(?:me\s+)?)?"
    r"(?:something|stuff|things|a\s+cut)\s+"
    rf"(?:that\s+)?(?:you\s+(?:think|reckon|guess|bet)\s+)?{_ME}\s+(?:probably\s+|actually\s+|really\s+)?"
    r"(?:like|love|enjoy)|"
    # "build me something from my favourites", "a cut of my favourite bits": what this person likes
    r"(?:(?:make|put\s+together|build|cut|edit|create|give)\s+(?:me\s+)?)?(?:something|stuff|a\s+cut|a\s+mix|a\s+reel)\s+"
    r"(?:from|of|out\s+of|with)\s+(?:all\s+)?my\s+(?:favou?rites|favou?rite\s+(?:bits|parts|stuff|scenes|clips|moments|shots)))$"
)
# "make something for me but weird", "stuff I wouldn't normally pick": a cut for this person, off the usual
_OFF_MY_TASTE = re.compile(
    r"^(?:(?:make|pick|find|give|choose)\s+(?:me\s+)?(?:something|stuff|a\s+cut)\s+(?:for\s+me\s+)?(?:but\s+)?(?:weird|"
    r"different|unexpected|unusual|random|wild|out\s+there)|(?:(?:show|give|make)\s+me\s+)?(?:a\s+cut\s+of\s+)?"
    r"(?:something|stuff|things)\s+(?:that\s+)?(?:i|i'?d|i\s+would)\s+"
    r"(?:wouldn'?t|would\s+not|don'?t|do\s+not|never)\s+(?:normally\s+|usually\s+)?(?:pick|choose|watch|go\s+for|like)|"
    # "something different from what I usually keep"
    r"(?:something|stuff)\s+(?:different|new)\s+(?:from|than|to)\s+what\s+(?:i|i'?d)\s+(?:normally\s+|usually\s+|"
    r"always\s+)?(?:keep|pick|choose|like|watch|go\s+for))$"
)
_SURPRISE = re.compile(r"^surprise\s+me(?:\s+with\s+(?:(?:something|anything)(?:\s+(?:new|different|fresh|"
                       r"(?:i|we)\s+(?:haven'?t|have\s+not|didn'?t|did\s+not)\s+(?:seen|watched)(?:\s+yet)?))?|"
                       r"(?:a\s+)?(?P<length>.+?)(?:\s+(?:cut|edit|version))?))?$")
_THIS = re.compile(r"^(?:this|that|it|this\s+one|that\s+one|this\s+clip|that\s+clip|the\s+last\s+one)$")
# "give me more like ..."
ASK_FOR_MORE = r"(?:give\s+me|gimme|show\s+me|add|find(?:\s+me)?|get\s+me|i\s+want)"
_MORE_LIKE = re.compile(rf"^(?:{ASK_FOR_MORE}\s+)?"
                        r"(?:some\s+|(?P<n>\d+)\s+)?more\s+"
                        r"(?:(?:stuff|things|clips|scenes|shots|of\s+those|ones)\s+)?(?P<by>like|of)\s+(?P<ref>.+)$")
_LESS_LIKE = re.compile(r"^(?:(?:give\s+me|show\s+me|i\s+want)\s+)?(?:less|fewer)\s+"
                        r"(?:(?:stuff|things|clips|scenes|shots|ones)\s+)?(?P<by>like|of)\s+(?P<ref>.+)$")
# "less of that sort of thing", "more of clip 3 kind of stuff": the clips themselves
_SORT_OF_THING = re.compile(r"\s+(?:sort|kind|type)s?\s+of\s+(?:thing|stuff|shot|scene|clip)s?$|"
                            r"\s+(?:stuff|things)$")
_SUGGEST = re.compile(
    rf"^(?:what|which\s+(?:scenes?|parts?|bits?|clips?))\s+(?:would|will|might|could|do\s+you\s+think)\s+"
    rf"{_ME}\s+(?:like|love|enjoy)(?:\s+(?:in|from|of|about)\s+(?:(?:this|the|these)\s+"
    r"(?:film|movie|video|one|clip|films|movies|videos|footage|lot)|this|these|here|it|them))?$"
    # "what scenes would you recommend for me", "which parts do you suggest"
    r"|^(?:what|which)(?:\s+(?P<which>\d+))?(?:\s+(?:scenes?|parts?|bits?|clips?|moments?))?\s+"
    r"(?:would|do|can|could|will)\s+you\s+"
    r"(?:recommend|suggest|pick)(?:\s+(?:for|to)\s+me)?$"
    # "which 3 scenes do you reckon I'd like best?"
    r"|^(?:what|which)(?:\s+(?P<guess>\d+))?(?:\s+(?:scenes?|parts?|bits?|clips?|moments?))?\s+"
    rf"(?:do\s+you\s+(?:think|reckon|guess|bet|figure)|would|will|might)\s+{_ME}\s+(?:like|love|enjoy)"
    r"(?:\s+(?:the\s+)?(?:best|most))?$"
    # "what are the 10 scenes you think I'd like most?"
    r"|^what\s+(?:are|would\s+be)\s+the\s+(?P<most>\d+)\s+(?:scenes?|parts?|bits?|clips?|moments?)\s+(?:that\s+)?"
    rf"(?:you\s+(?:think|reckon|guess|bet)\s+)?{_ME}\s+(?:would\s+)?(?:like|love|enjoy)\s+(?:the\s+)?(?:best|most)$"
    # "recommend what I should keep"
    r"|^(?:recommend|suggest)\s+what\s+(?:i|we)\s+(?:should|could|might)\s+(?:keep|add|watch|use)$"
    # "what would you suggest I watch?"
    r"|^(?:what|which(?:\s+(?:scenes?|parts?|bits?|clips?))?)\s+(?:would|do|can|could|should)\s+you\s+"
    r"(?:recommend|suggest)\s+(?:i|we)\s+(?:watch|see|keep|add|look\s+at)$"
    r"|^(?:what\s+do\s+you\s+)?(?:recommend|suggest)(?:\s+(?:me\s+)?(?:something|anything|some\s+scenes))?"
    r"(?:\s+for\s+me)?$"
    r"|^(?:what\s+else|what\s+more)\s+(?:would|will|might)\s+i\s+(?:like|love|enjoy)(?:\s+in\s+(?:here|this|there))?$"
    # "suggest three scenes I'd enjoy", "recommend 4 clips for me", "give me 3 ideas"
    r"|^(?:(?:give|show|send|throw)\s+me|(?:(?:you\s+)?got\s+)?any|got|(?:let\s+me|i'?d\s+like\s+to|i\s+want\s+to)\s+see)\s+"
    r"(?:some\s+|a\s+few\s+|(?P<ideas>\d+)\s*)?(?:more\s+)?(?:ideas|suggestions|recommendations|picks|options)$"
    # a power user's "recs?", "suggestions", "suggest 5"
    r"|^(?:recs|recommendations|suggestions|ideas|any\s+recs)$"
    # "top 10 picks for me?", "your 5 top picks", "suggest something else"
    r"|^(?:(?:what\s+(?:are|would\s+be)\s+)?(?:your\s+|my\s+)?)?(?:top\s+(?P<top>\d+)|(?P<top2>\d+)\s+top)\s+"
    r"(?:picks|recs|recommendations|"
    r"suggestions)(?:\s+for\s+me)?$"
    r"|^(?:suggest|recommend|show\s+me|find\s+me)\s+(?:me\s+)?something\s+(?:else|different|new)$"
    # "show me 3 scenes you reckon I'd enjoy": scenes shown, the cut left as it is
    rf"|^(?:show|give|find|pick|tell)\s+me\s+(?:(?P<shown>\d+)\s+|a\s+few\s+|some\s+)?(?:scenes?|clips?|bits?|parts?|"
    rf"moments?|shots?|things)\s+(?:(?:that\s+)?you\s+(?:reckon|think|guess|bet|figure)\s+|that\s+)?{_ME}\s+"
    r"(?:would\s+|might\s+|will\s+)?(?:probably\s+|really\s+)?(?:like|love|enjoy)$"
    rf"|^(?:suggest|recommend|pick)\s+(?:me\s+)?(?P<n>\d+)(?:\s+(?:scenes?|clips?|bits?|parts?|moments?|shots?))?"
    rf"(?:\s+(?:that\s+)?(?:{_ME}|i\s+might)\s+(?:probably\s+|likely\s+|really\s+)?(?:like|love|enjoy)|"
    r"\s+for\s+me)?$"
)

# Statements of taste. Only what the person says about themselves: "I'd like the dragon scenes" and "more
# dragons" are requests for the cut, left to the other rules.
_ASIDE = r"(?:(?:fyi|btw|ps|oh\s+and|also|honestly|tbh|for\s+the\s+record|just\s+so\s+you\s+know)\s*,?\s+)?"
_I = _ASIDE + r"i\s+(?:(?:really|just|absolutely|totally|truly|do|kind\s+of|kinda|also|sure|genuinely)\s+)*"
_IM = r"(?:i'?m|i\s+am)\s+(?:(?:really|so|totally|such|a|getting|kind\s+of|kinda|pretty|quite|just)\s+)*"
_LIKED = [
    re.compile(rf"^{_I}(?:like|love|adore|enjoy|dig|fancy|relish)\s+(?P<x>.+)$"),
    re.compile(rf"^{_IM}(?:into|(?:big\s+|huge\s+)?fan\s+of|fond\s+of|crazy\s+(?:about|for)|sucker\s+for|"
               r"mad\s+about|keen\s+on|obsessed\s+with|all\s+about)\s+(?P<x>.+)$"),
    re.compile(r"^i\s+(?:could|can)\s+watch\s+(?:(?:hours|days)\s+of\s+(?P<x>.+)|(?P<y>.+?)\s+(?:all\s+day(?:"
               r"\s+long)?|forever|for\s+hours|on\s+(?:a\s+)?loop))$"),
    re.compile(r"^(?P<x>.+?)\s+(?:is|are)\s+my\s+(?:(?:absolute|very)\s+)?(?:favou?rites?|faves?|jam)"
               rf"(?:\s+{GENERIC_NOUNS})?$"),
    re.compile(rf"^my\s+(?:favou?rite|fave)\s+(?:{GENERIC_NOUNS}|things?)\s+(?:is|are)\s+(?P<x>.+)$"),
    # "honestly the golden hour stuff is what I'm into", "drone shots are what I love"
    re.compile(rf"^{_ASIDE}(?:honestly\s+|really\s+)?(?P<x>.+?)\s+(?:is|are)\s+(?:(?:really|just|exactly|totally)\s+)?"
               r"(?:what\s+|the\s+(?:stuff|thing|kind\s+of\s+thing)\s+(?:that\s+)?)(?:i'?m|i\s+am)\s+(?:(?:really|so|totally)\s+)?"
               r"(?:into|about|here\s+for)$"),
    re.compile(rf"^{_ASIDE}(?:honestly\s+|really\s+)?(?P<x>.+?)\s+(?:is|are)\s+(?:(?:really|just|exactly|totally)\s+)?"
               r"what\s+i\s+(?:(?:really|just|absolutely)\s+)?(?:love|like|enjoy|want\s+to\s+see|live\s+for)$"),
    # "cat content is the best", "drone shots are elite": said of a kind of thing
    re.compile(r"^(?P<x>[a-z][\w' -]{1,40}?)\s+(?:is|are)\s+(?:(?:honestly|really|just|so|absolutely|easily|"
               r"by\s+far|always|literally)\s+)*(?:the\s+best|the\s+greatest|elite|goated|peak)$"),
    # "the sheep herding bits are the best part honestly": the best of it, said of some parts
    re.compile(rf"^(?:the\s+)?(?P<x>.+?\s+(?:{GENERIC_NOUNS}|footage|stuff))\s+(?:is|are)\s+(?:(?:honestly|"
               r"really|just|so|absolutely|easily|by\s+far)\s+)*the\s+(?:best|nicest)(?:\s+(?:part|bit|thing))?"
               r"(?:\s+of\s+(?:it|the\s+(?:whole\s+)?(?:thing|video|cut)))?(?:\s+(?:honestly|tbh|imo|really))?$"),
]
_DISLIKED = [
    re.compile(rf"^{_I}(?:don'?t|do\s+not|didn'?t|did\s+not)\s+(?:really\s+|much\s+|particularly\s+)?"
               r"(?:like|love|enjoy|care\s+(?:for|about)|dig|need)\s+(?P<x>.+)$"),
    re.compile(rf"^{_I}(?:hate|dislike|loathe|detest|can'?t\s+stand|cannot\s+stand|can'?t\s+bear|"
               r"could\s+do\s+without|am\s+not\s+into)\s+(?P<x>.+)$"),
    # "honestly sick of the karaoke stuff": said without "I'm" too ("so over" needs it: "so over the moon")
    re.compile(rf"^(?:{_IM}|(?:(?:so|really|totally|kinda|getting|pretty|just)\s+)*)(?:tired|sick|bored|weary)\s+"
               r"(?:of|with)\s+(?P<x>.+)$"),
    # "I'm so over sunsets", "I'm done with the drone shots" (with "I'm": "so over the moon" is no taste)
    re.compile(rf"^{_IM}(?:(?:so|really|totally|kinda|just|completely|officially)\s+)*(?:over|done\s+with|"
               r"fed\s+up\s+with)\s+(?!the\s+moon\b|it\b|this\b|that\b)(?P<x>.+)$"),
    re.compile(rf"^(?:{_IM})?not\s+(?:(?:really|much|a\s+big|a|big|that|the\s+biggest|huge)\s+)*(?:into|fan\s+of|fond\s+of|"
               r"keen\s+on|crazy\s+about)\s+(?P<x>.+)$"),
    re.compile(r"^(?P<x>.+?)\s+(?:bores?|annoys?|bugs?|irritates?)\s+me(?:\s+(?:to\s+death|so\s+much))?$"),
    # "food close-ups aren't really my thing", "slow-mo is not my style"
    re.compile(r"^(?P<x>.+?)\s+(?:isn'?t|aren'?t|is\s+not|are\s+not)\s+(?:really\s+|exactly\s+|quite\s+)?my\s+"
               r"(?:thing|style|taste|vibe|jam|scene|cup\s+of\s+tea)$"),
    re.compile(r"^(?P<x>.+?)\s+(?:is|are)\s+(?:(?:so|really|kind\s+of|kinda|pretty|too|just)\s+)*"
               r"(?:boring|dull|tedious|annoying|tiresome|mid|cringe|cringey|cringy|lame|meh|naff|rubbish|awful|"
               r"terrible|bad|trash|garbage|pointless|embarrassing|horrible|cheesy|tacky|awkward|painful|"
               r"unnecessary|unflattering)$"),
    re.compile(r"^(?P<x>.+?)\s+(?:drags?|dragging|is\s+dragging|are\s+dragging)(?:\s+on)?(?:\s+(?:so+|way\s+too|too)"
               r"\s+much|\s+forever)?$"),
]
# Two statements in one clause: "i like the dragons and i hate the battles".
_STATEMENTS_SPLIT = re.compile(r"\s+(?:and|but|while|whereas)\s+(?=(?:i|i'm)\s)")
_SUBJECT_LEAD = re.compile(
    r"^(?:(?:it|them)\s+when\s+|(?:watching|seeing|all|any|some|those|these|the|a|an|of|every|each)\s+|"
    rf"(?:{GENERIC_NOUNS}|anything|everything|stuff|things|something)\s+(?:with|of|where|about|featuring|in|at|on|"
    r"inside|near|from|when|that\s+shows?|showing|involving)\s+)+"
)
_SUBJECT_TRAIL = re.compile(
    rf"(?:\s+(?:{GENERIC_NOUNS}|stuff|footage|sequences?|pics|photos|pictures|snaps|very\s+much|so\s+much|a\s+lot|"
    r"at\s+all|much|anymore|more\s+than\s+(?:anything|ever|life)(?:\s+else)?|"
    r"any\s+more|either|the\s+most|most|in\s+general|(?:in|of)\s+(?:this|the)\s+(?:film|movie|video|one)|"
    r"in\s+(?:films|movies|videos)))+$"
)
# Words that make a statement about the cut or the chat, not about what is shown ("I love this cut", "I
# don't like how it ends"), or a request ("I like more dragons"): no taste op.
_NOT_A_SUBJECT = re.compile(
    r"^(?:it|this|that|these|those|them|they|he|she|we|i|one|more|less|fewer|only|just|to|how|what|when|where|"
    r"why|who|you|"
    r"your|yours|everything|anything|nothing|all|most|(?:the\s+)?(?:rest|others?)$)\b|"
    r"\b(?:cut|edit|edits|version|title|transitions?|"
    r"crossfades?|fades?|dissolves?|wipes?|pacing|pace|speed|length|timeline|result|changes?|order|montage|"
    r"reel|noise|sound|audio|volume|music|soundtrack|hiss|hum|echo)\b|"
    # "the middle part drags", "I hate the ending": a place in the cut, its length judged (``length_judged``)
    r"^(?:middle|ending|end|intro|outro|opening|opener|start|beginning|first\s+half|second\s+half)$|"
    rf"^{GENERIC_NOUNS}$|"  # "part drags": no thing named
    # "I love my cousin but ...": a person of the family, not something shown (no taste to search for)
    rf"^(?:my|our|his|her|their)\s+(?:little\s+|big\s+|older\s+|younger\s+)?{KIN_NOUNS}s?$"
)


def _statement(text: str) -> Like | LessLike | None:
    """"i love the chase scenes" -> Like("chase"), "the rain bores me" -> Like("rain", liked=False); "i
    don't like clip 2" -> LessLike(clip 2), as "drop clip 2, not my style" is ("not a fan of clip 2" had
    removed the matches for "fan of clip 2"); a clip liked by number is left to the other rules."""
    for patterns, liked in ((_LIKED, True), (_DISLIKED, False)):
        for pattern in patterns:
            if m := pattern.match(text):
                subject = next(g for g in m.groups() if g is not None)
                subject = _SUBJECT_TRAIL.sub("", _SUBJECT_LEAD.sub("", subject.strip(" .:-"))).strip(" .:-")
                if not liked and (ref := parse_ref(subject)) is not None and ref.indices and not ref.invert \
                        and not ref.matching:
                    return LessLike(ref=ref)
                if (not subject or "\u27e6" in subject or _NOT_A_SUBJECT.search(subject) or parse_ref(subject)
                        or re.search(r"\bbut\b", subject)):  # "I love X but could we lose ...": a turn
                    return None
                return Like(text=subject[:MAX_QUERY_CHARS], liked=liked)
    return None


def _length(text: str | None) -> float | None | bool:
    """Seconds of "2-minute", None for nothing, False for words that are not a length."""
    text = (text or "").strip(" -")
    if not text:
        return None
    found = DURATION_RE.fullmatch(re.sub(r"\s*(?:long|long\s+one)$", "", text))
    return duration_seconds(found) if found else False


# "more like the snorkelling clip", "less like the beach footage": the clips chosen for those words
_NAMED_CLIPS = re.compile(r"^(?:the\s+|those\s+|these\s+|that\s+)?(?P<noun>[a-z][a-z' -]{0,40}?)\s+"
                          r"(?:clips?|shots?|scenes?|bits?|footage|ones?)$")
_POSITION = re.compile(r"\b(?:first|second|third|fourth|fifth|last|final|next|previous|other|"
                       r"\d+(?:st|nd|rd|th)?)\b")


def named_clips(text: str) -> ClipRef | None:
    """ "the snorkelling footage", "those beach clips": the clips chosen for those words; None otherwise."""
    named = _NAMED_CLIPS.match(text)
    return ClipRef(matching=named["noun"]) if named and not _POSITION.search(named["noun"]) else None


def _ref(text: str, by_words: bool = False) -> ClipRef | None:
    """The clips ``text`` points at; with ``by_words`` also clips named by what they show ("more like the
    beach clips"; "more of the beach clips" is more beach, a search)."""
    if _THIS.match(text):
        return ClipRef(indices=[-1])
    ref = parse_ref(text)
    if ref is not None or not by_words:
        return ref
    if (named := named_clips(text)) is not None:
        return named
    # "more stuff like the goal celebrations": the clips of the cut showing them
    said = re.fullmatch(r"(?:the|those|these|that|this)\s+(?P<x>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})", text)
    return ClipRef(matching=said["x"]) if said else None


def one_for_me(ops: list) -> list:
    """Several clauses of one cut for this person ("pick stuff for me, something I'd enjoy, about a minute")
    are one ``for_me``: its length said apart, and a surprise said in any of them."""
    mine = [op for op in ops if isinstance(op, ForMe)]
    if not mine:
        return ops
    lengths = [op.seconds for op in ops if isinstance(op, LimitDuration) and op.seconds is not None]
    seconds = next((op.seconds for op in mine if op.seconds is not None), None)
    if seconds is None and len(lengths) == 1:
        seconds = lengths[0]
    merged = ForMe(seconds=seconds, surprise=any(op.surprise for op in mine))
    out = []
    for op in ops:
        if op is mine[0]:
            out.append(merged)
        elif not isinstance(op, ForMe) and not (isinstance(op, LimitDuration) and seconds is not None
                                                 and op.seconds == seconds):
            out.append(op)
    return out


# "I like the close-ups way more than the wide shots", "I prefer close-ups to wide shots": one liked, one not
# (it had liked "close-ups way more than the wide")
_PREFERRED = re.compile(
    rf"^{_I}(?:(?:like|love|enjoy|prefer)\s+(?P<a>.+?)\s+(?:(?:way|much|a\s+lot|far|so\s+much)\s+)?"
    r"(?:more|better)\s+than\s+(?!anything|ever\b|life\b)(?P<b>.+)|"
    r"prefer\s+(?P<a2>.+?)\s+(?:to|over)\s+(?P<b2>.+))$")


def _preferred(text: str) -> list[Like] | None:
    if not (m := _PREFERRED.match(text)):
        return None
    liked = _statement(f"i like {m['a'] or m['a2']}")
    disliked = _statement(f"i dislike {m['b'] or m['b2']}")
    return [liked, disliked] if isinstance(liked, Like) and isinstance(disliked, Like) else None


def taste_ops(s: str, _orig: str) -> list | None:
    """The taste op the clause asks for, or None (then the other rules read it)."""
    if (both := _preferred(s)) is not None:
        return both
    said = [_statement(part) for part in _STATEMENTS_SPLIT.split(s)]
    if said and all(said):
        return said
    if m := _FOR_ME.match(s):
        seconds = _length(m.group("length") if m.group("length") is not None else m.group("length2"))
        return None if seconds is False else [ForMe(seconds=seconds)]
    if m := _ONE_FOR_ME.match(s):
        length = m.group("length") or m.group("length2")
        seconds = _length(length) if length else None
        return None if seconds is False else [ForMe(seconds=seconds)]
    if _PICK_FOR_ME.match(s):
        return [ForMe()]
    if _OFF_MY_TASTE.match(s):
        return [ForMe(surprise=True)]
    if m := _SURPRISE.match(s):
        seconds = _length(m.group("length"))
        return None if seconds is False else [ForMe(seconds=seconds, surprise=True)]
    if m := _SUGGEST.match(s):
        count = (m.group("n") or m.group("ideas") or m.group("which") or m.group("guess") or m.group("shown")
                 or m.group("top") or m.group("top2") or m.group("most"))
        return [Suggest(count=min(int(count), 20))] if count else [Suggest()]
    for pattern, op in ((_MORE_LIKE, MoreLike), (_LESS_LIKE, LessLike)):
        if (m := pattern.match(s)) and (ref := _ref(_SORT_OF_THING.sub("", m.group("ref")),
                                                   by_words=m["by"] == "like")) is not None:
            count = m.groupdict().get("n")
            return [MoreLike(ref=ref, count=min(int(count), 20)) if count else op(ref=ref)]
    return None
