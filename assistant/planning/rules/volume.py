"""The sound of clips or of the whole cut in words: "mute clip 3", "no sound please", "turn the sound back
on", "make the last clip louder", "the volume of clips 2 and 4 at 50 %", "clip 5 is too loud" (``Volume``).

Only whole clips (by number or place, "the fight clips") or the whole cut: one sound inside a clip ("mute the
wind", "the music is too loud", "make the teacher's voice louder") cannot be picked out, and is answered by
``unsupported`` instead of being read here.
"""

from __future__ import annotations

import re

from assistant.plan.schema import ClipRef, Volume
from assistant.planning.rules.clip_length import edge_clip
from assistant.planning.rules.clip_refs import CLIPS_WHERE, CLIPS_WITH, parse_ref

_WHOLE = (r"(?:it|this|that|them|those|these|everything|all|all\s+of\s+it|the\s+lot|every\s+clip|each\s+clip|"
          r"every\s+one|"
          r"the\s+(?:sound|audio|volume)|"  # "the sound is way too quiet"
          r"what'?s\s+left|what\s+is\s+left|what\s+remains|the\s+rest(?:\s+of\s+it)?|everything\s+else|"
          r"the\s+(?:whole\s+|entire\s+)?(?:thing|video|cut|film|movie|edit|clip)|all\s+(?:the\s+)?clips|"
          r"(?:whole|entire)\s+(?:thing|video|cut|film|movie|edit))")
_SOUND = r"(?:sound|audio|volume|soundtrack)"  # not "noise": "remove the noise" would be a denoise
_LEAD = (r"^(?:(?:please|pls|and|then|also|just|ok(?:ay)?|so|oh|now|maybe|can\s+you|could\s+you|"
         r"would\s+you|i(?:\s+(?:want|need|would\s+like)|'d\s+(?:like|love|prefer))(?:\s+(?:you\s+)?to)?|let'?s)\s+)*")
_END = (r"(?:\s+(?:please|pls|thanks|too|as\s+well|completely|entirely|altogether|for\s+me|still|again|"
        r"even\s+more|at\s+(?:the\s+|its\s+|their\s+)?(?:normal|original|full|usual|regular)\s+(?:volume|level|"
        r"loudness)))*[.!]*$")
_OF = r"(?:of|on|for|in|from|during)"
_TARGET = r"(?P<t>[\w' -]+?)"
# "half as loud as it is now", "twice as loud as before": what the amount is measured against (said or not)
AS_BEFORE = r"(?:\s+as(?:\s+(?:it\s+is|it'?s|it\s+was|before|now)(?:\s+now)?)?)?"
_BY = r"(?:\s+by\s+(?P<by>half|a\s+half|a\s+third|a\s+quarter|\d{1,2}\s*(?:%|percent)))?"
_OF_TARGET = rf"(?:\s+{_OF}\s+{_TARGET})?{_BY}"
# "half of the original", "80% of their original level": of what was recorded
_OF_ORIGINAL = (r"(?:\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:original|normal|usual)"
                r"(?:\s+(?:level|volume|loudness|sound))?)?")
_MUTE_VERB = (r"(?:mute|silence|kill|cut|remove|drop|lose|strip(?:\s+out)?|turn\s+off|switch\s+off|"
              r"get\s+rid\s+of|take\s+(?:out|away|off)|shut\s+off)")
_UNMUTE_VERB = r"(?:unmute|un-mute|restore|bring\s+back|put\s+back|give\s+(?:me\s+)?back|reinstate)"
_PERCENT = r"\d{1,3}(?:\.\d+)?\s*(?:%|percent|per\s+cent)"
_MORE_BEFORE = (r"(?:even\s+)?(?P<more>a\s+bit\s+|a\s+little\s+|slightly\s+|a\s+touch\s+|much\s+|a\s+lot\s+|"
                r"way\s+)?(?:(?P<pct>\d{1,3})\s*(?:%|percent|per\s+cent)\s+)?")  # "30% louder": 1.3 times
# "clip 4 should be louder", "the last 10 seconds need to be half as loud": a wish about the clips' sound
_BE = r"(?:\s+(?:should|needs?\s+to|has\s+to|have\s+to|must|could|can)\s+be)?"
_MORE_AFTER = r"(?P<more>\s+a\s+bit|\s+a\s+little|\s+a\s+lot)?"
_IS = (r"(?:\s+is|'s|\s+are|\s+was)\s+(?P<more>way\s+|much\s+|far\s+|a\s+bit\s+|a\s+little\s+|slightly\s+|"
       r"really\s+|so\s+)?too\s+")
_A_LITTLE = r"(?:(?:a\s+(?:bit|little)|kinda|kind\s+of|quite|pretty|really|very|so|super|a\s+tad)\s+)?"
_NOT_BY_NUMBER = r"(?!(?:the\s+)?clips?\s+\d)"
_SOUND_JUDGED = rf"(?:the\s+|my\s+|our\s+)?(?:[\w-]+\s+)?{_SOUND}\s+(?:is|'s|seems|sounds)\s+{_A_LITTLE}"
_OTHERS = (r"(?:the\s+rest(?:\s+of\s+(?:it|the\s+(?:video|cut|clips)))?|the\s+others?|everything\s+else|"
           r"(?:all\s+)?the\s+other\s+(?:clips|ones|shots|scenes|bits))")
_MORE = {"a bit": 1.25, "a little": 1.25, "slightly": 1.25, "a touch": 1.25, "much": 2.0, "a lot": 2.0,
         "way": 2.0, "far": 2.0, "really": 2.0, "so": 2.0}

_SAID: tuple[tuple[str, str], ...] = (
    # "make them like three times louder", "clip 2 3x quieter": so many times (it had been a speed)
    ("times", rf"(?:(?:make|have|get)\s+)?{_TARGET}{_BE}\s+(?:like\s+|about\s+|around\s+|maybe\s+|"
              rf"roughly\s+)?"
              r"(?P<x>twice|double|triple|(?:two|three|four|[1-4](?:\.\d+)?)\s*(?:times|x))\s+"
              r"(?P<dir>louder|quieter|softer)"),
    # "mute clip 3", "silence the last two clips", "mute it"
    ("mute", rf"(?:mute|silence)\s+(?:the\s+{_SOUND}\s+{_OF}\s+)?{_TARGET}"),
    # "kill the sound on clip 2", "turn off the audio for the last clip", "mute the sound" (the whole cut)
    ("mute", rf"{_MUTE_VERB}\s+(?:the\s+|all\s+(?:the\s+)?)?{_SOUND}(?:\s+track)?{_OF_TARGET}"),
    ("mute", rf"turn\s+(?:the\s+)?{_SOUND}\s+off{_OF_TARGET}"),
    # "take the sound off the drone clips", "get the audio out of clip 3"
    ("mute", rf"(?:take|get|strip)\s+(?:the\s+|all\s+(?:the\s+)?)?{_SOUND}\s+(?:off|out\s+of|"
             rf"from)\s+{_TARGET}"),
    # "don't want any sound in the first half", "I don't want audio on clip 2"
    ("mute", rf"(?:i\s+)?(?:don'?t|do\s+not)\s+(?:want|"
             rf"need)\s+(?:any\s+)?{_SOUND}(?:\s+at\s+all)?{_OF_TARGET}"),
    # "no sound please", "without audio", "a silent version", "make clip 3 silent", "sound off"
    ("mute", r"(?:(?:make\s+it|i\s+want\s+it|(?:i\s+want\s+|give\s+me\s+|make\s+)?a\s+version)\s+)?"
             rf"(?:with\s+)?(?:no|without(?:\s+any)?|zero)\s+{_SOUND}(?:\s+at\s+all)?{_OF_TARGET}"),
    ("mute", rf"(?:make\s+)?{_TARGET}{_BE}\s+(?:silent|mute|muted|without\s+(?:sound|audio)|"
             r"with\s+no\s+(?:sound|audio))"),
    ("mute", rf"(?:a|the)\s+silent\s+(?:version|cut|edit)|{_SOUND}\s+off"),
    # "vertical, muted, 2x", "mute, fade in and out": the word alone, beside other settings
    ("mute", r"(?:mute|muted|on\s+mute)"),
    # "unmute clip 3", "turn the sound back on", "bring the audio back for the last clip"
    ("unmute", rf"unmute\s+{_TARGET}"),
    # "put the sound back to how it was recorded everywhere"
    # ("the sound back to normal", "put the sound back how it was recorded": it had been a speed of "sound")
    ("unmute", rf"(?:(?:put|set|bring|turn|get)\s+)?(?:the\s+)?{_SOUND}\s+back\s+(?:to\s+"
               r"(?:how\s+it\s+was(?:\s+recorded)?|"
               r"normal|the\s+original|original|(?:the\s+)?way\s+it\s+was)|(?:how|the\s+way)\s+it\s+was"
               r"(?:\s+recorded)?)(?:\s+everywhere)?"),
    ("unmute", rf"{_UNMUTE_VERB}\s+(?:the\s+)?(?:original\s+)?{_SOUND}(?:\s+back)?{_OF_TARGET}"),
    ("unmute", rf"(?:(?:turn|switch|put)\s+(?:the\s+)?)?{_SOUND}\s+back\s+on{_OF_TARGET}"),
    ("unmute", rf"(?:bring|put|give|get)\s+(?:the\s+)?{_SOUND}\s+back(?:\s+again)?{_OF_TARGET}"),
    ("unmute", rf"(?:the\s+)?(?:original|normal)\s+{_SOUND}(?:\s+level)?(?:\s+back)?{_OF_TARGET}"
               r"(?:\s+again)?"),
    # "turn the last 30 secs down to 50% volume", "bring clip 2 up to 80%"
    ("level", rf"(?:turn|bring|set|put)\s+{_TARGET}\s+(?:down|up)\s+to\s+(?P<n>half|{_PERCENT})"
              r"(?:\s+(?:volume|sound|loudness))?"),
    # "the volume of clip 2 at 50 %", "clip 3 at half volume", "set the sound to 30 percent"
    ("level", rf"(?:(?:set|put|turn|bring|make)\s+)?(?:the\s+)?{_SOUND}{_OF_TARGET}\s+(?:to|at|down\s+to|"
              rf"up\s+to)\s+(?P<n>half|{_PERCENT}){_OF_ORIGINAL}"),
    # "set the volume to half of the original for the whole video"
    ("level", rf"(?:(?:set|put|turn|bring|make)\s+)?(?:the\s+)?{_SOUND}\s+(?:to|at|down\s+to)\s+"
              rf"(?P<n>half|{_PERCENT}){_OF_ORIGINAL}\s+(?:for|on|in|of|across)\s+{_TARGET}"),
    ("level", rf"(?:(?:play|put|set)\s+)?{_TARGET}\s+(?:at|to)\s+(?P<n>half|{_PERCENT})\s+"
              r"(?:of\s+)?(?:(?:their|its|the)\s+)?(?:original\s+|normal\s+|usual\s+)?(?:volume|sound|loudness|level)"),
    ("level", rf"(?P<n>half|{_PERCENT})\s+(?:volume|sound){_OF_TARGET}"),
    # "make the last clip louder", "turn the sound down on clip 2", "boost the audio of clip 4"
    ("up", rf"make\s+{_TARGET}\s+{_MORE_BEFORE}(?:louder|easier\s+to\s+hear)"),
    ("down", rf"make\s+{_TARGET}\s+{_MORE_BEFORE}(?:quieter|softer|less\s+loud)"),
    ("up", rf"(?:turn|crank|bump|pump)\s+(?:up\s+)?(?:the\s+)?{_SOUND}(?:\s+up)?{_MORE_AFTER}{_OF_TARGET}"),
    ("down", rf"turn\s+(?:down\s+)?(?:the\s+)?{_SOUND}(?:\s+down)?{_MORE_AFTER}{_OF_TARGET}"),
    # "turn it up", "turn clip 3 up a bit", "bump it up"
    ("up", rf"(?:turn|crank|bump|pump)\s+{_TARGET}\s+up{_MORE_AFTER}{_BY}"),
    ("down", rf"turn\s+{_TARGET}\s+down{_MORE_AFTER}{_BY}"),  # "turn clip 3 down by 30%" (had been a speed)
    # "bring the guitar solo up 2x", "bring the toast down 50%", "turn clip 2 down 30%": its sound (they had
    # been speeds of the clips matching "bring the guitar solo")
    ("times", rf"(?:bring|turn|crank|pump|push)\s+{_TARGET}\s+(?P<dir>up|down)\s+(?:by\s+)?"
              r"(?:like\s+|about\s+)?(?P<x>[1-4](?:\.\d+)?\s*x|twice|double|triple|two\s+times|three\s+times|four\s+times)"),
    # "drop the crowd chatter to like a quarter": that share of its sound (it had removed "... to like a
    # quarter")
    ("share", rf"(?:drop|lower|bring|turn|take|knock)\s+{_TARGET}\s+(?:down\s+)?to\s+"
              r"(?:like\s+|about\s+|around\s+|maybe\s+)?"
              r"(?P<share>a\s+quarter|a\s+third|half|a\s+half|\d{1,2}\s*(?:%|percent))"
              r"(?:\s+of\s+(?:what\s+it\s+is|its\s+(?:volume|level)|the\s+(?:volume|level)))?"),
    ("up", rf"(?:bring|push)\s+{_TARGET}\s+up{_MORE_AFTER}(?:\s+(?:by\s+)?(?P<by>a\s+half|a\s+third|"
           r"a\s+quarter|\d{1,2}\s*(?:%|percent)))?"),
    ("down", rf"(?:bring|turn)\s+{_TARGET}\s+down{_MORE_AFTER}(?:\s+(?:by\s+)?(?P<by>half|a\s+half|"
             r"a\s+third|a\s+quarter|\d{1,2}\s*(?:%|percent)))?"),
    # "can clip 2 be a little quieter", "could the last clip be louder"
    ("up", rf"(?:can|could)\s+{_TARGET}\s+be\s+{_MORE_BEFORE}louder"),
    ("down", rf"(?:can|could)\s+{_TARGET}\s+be\s+{_MORE_BEFORE}(?:quieter|softer)"),
    ("up", rf"(?:raise|boost|increase|amplify)\s+(?:the\s+)?{_SOUND}{_OF_TARGET}"),
    ("down", rf"(?:lower|reduce|decrease|soften)\s+(?:the\s+)?{_SOUND}{_OF_TARGET}"),
    # "double the volume", "halve the sound of clip 2", "make it twice as loud", "clip 3 half as loud"
    ("times", rf"(?P<x>double|triple|quadruple|halve|half)\s+(?:the\s+)?{_SOUND}{_OF_TARGET}"),
    ("times", rf"(?:(?:make\s+)?{_TARGET}{_BE}\s+)?(?P<x>twice|half|(?:two|three|four|"
              rf"[1-4](?:\.\d+)?)\s*(?:times|x))\s+"
              r"as\s+(?P<dir>loud|quiet)"
              rf"{AS_BEFORE}"),
    # "twice as loud on the speech", "boost the toast 2x", "pump clip 3 up x2"
    ("times", rf"(?P<x>twice|three\s+times|half)\s+as\s+(?P<dir>loud|quiet){AS_BEFORE}\s+{_OF}\s+{_TARGET}"),
    ("times", rf"(?:boost|amplify|pump\s+up|crank\s+up)\s+{_TARGET}\s+(?:by\s+)?(?P<x>[1-4](?:\.\d+)?\s*x|"
              r"x\s*[1-4](?:\.\d+)?|[234]\s+times|twice|double)"),
    # "the toast is hard to hear", "clip 2 is really hard to make out"
    ("up", rf"{_TARGET}(?:\s+is|'s|\s+are|\s+was)\s+(?:really\s+|so\s+|a\s+bit\s+|pretty\s+|kinda\s+)?"
           r"(?:hard|difficult|tough|impossible)\s+to\s+(?:hear|make\s+out)"),
    # "I can barely hear the last clip", "we can't hear clip 2"
    ("up", rf"(?:i|we|you)\s+can(?:'t|not|\s+barely|\s+hardly|\s+only\s+just)\s+hear\s+{_TARGET}"
           r"(?:\s+(?:at\s+all|properly|very\s+well))?"),
    # "clip 5 is too loud", "it's way too quiet"
    ("down", rf"(?:the\s+{_SOUND}\s+{_OF}\s+)?{_TARGET}{_IS}loud"),
    # "the second clip is louder than the rest": that clip too loud (quieter than the others: too quiet)
    ("down", rf"{_TARGET}(?:\s+is|'s|\s+are|\s+was)\s+{_MORE_BEFORE}louder\s+than\s+{_OTHERS}"),
    ("up", rf"{_TARGET}(?:\s+is|'s|\s+are|\s+was)\s+{_MORE_BEFORE}(?:quieter|softer)\s+than\s+{_OTHERS}"),
    ("up", rf"(?:the\s+{_SOUND}\s+{_OF}\s+)?{_TARGET}{_IS}(?:quiet|soft)"),
    # "the gig audio is a little quiet", "the sound seems low": the whole cut's sound judged (not understood)
    ("up", rf"{_SOUND_JUDGED}(?:quiet|soft|low|faint)"),
    ("down", rf"{_SOUND_JUDGED}(?:loud|deafening)"),
    # "louder please", "a bit quieter", "the last clip a little louder": the verb left out, as in a chat
    ("up", rf"{_MORE_BEFORE}louder"),
    ("down", rf"{_MORE_BEFORE}(?:quieter|softer)"),
    ("up", rf"{_TARGET}{_BE}\s+{_MORE_BEFORE}louder"),
    # "louder on the speeches, quieter on the band" (it searched "louder on the speeches")
    # (not "louder on clip 4", which "clip 4: louder" becomes: a label before an edit of the cut is asked
    # about)
    ("up", rf"{_MORE_BEFORE}louder\s+(?:on|for|in)\s+{_NOT_BY_NUMBER}{_TARGET}"),
    ("down", rf"{_MORE_BEFORE}(?:quieter|softer)\s+(?:on|for|in)\s+{_NOT_BY_NUMBER}{_TARGET}"),
    ("down", rf"{_TARGET}{_BE}\s+{_MORE_BEFORE}(?:quieter|softer)"),
)
_PATTERNS = tuple((kind, re.compile(_LEAD + pattern + _END)) for kind, pattern in _SAID)
_WHOSE = re.compile(r"(?P<who>[a-z][\w-]*)'s\s+(?:part|parts|bits?|scenes?|clips?|shots?|stuff|bit)")
_CLIPS_AT = re.compile(r"(?:the\s+|all\s+(?:the\s+)?)?(?:scenes?|clips?|shots?|parts?|bits?|moments?)\s+"
                       r"(?:on|at|in|from|inside|by)\s+(?:the\s+|our\s+|my\s+)?(?P<x>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)")
_NAMED_CLIPS = re.compile(r"(?:the\s+|all\s+(?:the\s+)?)(?P<noun>[a-z][a-z' -]{0,40}?)\s+"
                          r"(?:clips?|scenes?|shots?|bits?)")


# What is heard, not seen: "make the wind quieter" cannot be a choice of clips (``unsupported`` answers it)
SOUND_WORDS = (r"voices?|sounds?|audio|volume|music|songs?|soundtrack|score|wind|noise|hum|hiss|traffic|"
               r"talking|chatter|birds?|crowd|background|narration|narrator|commentary|dialogue|speaking|bass|engines?|"
               r"barking|crying|laughter|laughing|applause|clapping|cheering|screaming|shouting|rain|waves|buzz|"
               r"echo|mic|microphone|vocals?|beat|drums?|guitar|piano|singing|sea|river|water|fan|air\s+con|"
               r"siren|horns?")
_SOUNDS = re.compile(rf"\b(?:{SOUND_WORDS})\b")
_PERFORMED = re.compile(r"\b(?:solo|performance|recital|routine|number|set)$")


# "double the volume", "make it half as loud"; also the parser's "..., double it" after a sound change
TIMES = {"double": 2.0, "twice": 2.0, "triple": 3.0, "quadruple": 4.0, "two times": 2.0, "three times": 3.0,
         "four times": 4.0, "halve": 0.5, "half": 0.5}
# "by half", "to a quarter": shares said in words (also the parser's amount after a change)
SHARES = {"half": 0.5, "a half": 0.5, "a third": 1 / 3, "a quarter": 0.25}


def _times(said: str) -> float:
    """The factor of "twice", "halve", "2x", "x3", "3 times"."""
    said = " ".join(said.split())
    if said in TIMES:
        return TIMES[said]
    return float(re.sub(r"[^\d.]", "", said))


def _target(phrase: str | None, orig: str = "") -> ClipRef | None:
    """The clips a phrase names: the whole cut, clips by number or place, or "the fight clips"; else None."""
    phrase = " ".join((phrase or "").split())
    original = re.fullmatch(r"(?:the|its|their)\s+(?:original|normal|usual)(?:\s+(?:level|volume|sound))?",
                            phrase)
    if not phrase or re.fullmatch(_WHOLE, phrase) or original:
        return ClipRef()  # "half of the original": of what was recorded, for the whole cut
    if re.fullmatch(r"(?:the\s+)?(?:very\s+)?(?:middle|end|beginning|start)"
                    r"(?:\s+(?:bit|part|section|stretch))?", phrase):
        return None  # "quieter in the middle", "make the end louder": a stretch no one said (it had been the
        # clips matching "middle" or "end"); ``unsupported`` asks which
    # "make Celia's part louder", "mute Thom's scenes", "make Celia louder": the clips with that person (the
    # parser names them as people from the cast); a capitalised name as typed, never a sound ("the wind")
    capitalised = rf"\b{phrase[:1].upper()}{re.escape(phrase[1:])}\b"
    person = re.fullmatch(r"[a-z][\w-]*", phrase) is not None and re.search(capitalised, orig) is not None
    if (whose := _WHOSE.fullmatch(phrase)) or person:
        return ClipRef(matching=whose["who"] if whose else phrase)
    if (ref := parse_ref(phrase) or edge_clip(phrase)) is not None:
        return ref  # "mute the intro": the first clip (it was answered "I can't pick out one sound")
    named = _NAMED_CLIPS.fullmatch(phrase)
    if named and not re.search(r"\b(?:first|last|other|next|previous|\d+)\b", named["noun"]):
        return ClipRef(matching=named["noun"])
    # "mute the bits where the baby is crying": clips named by what happens in them, not one sound in them
    if (where := CLIPS_WHERE.match(phrase)) and len(where["x"].split()) <= 6:
        said = re.sub(r"\b(?:is|are)\s+", "", re.sub(r"^the\s+", "", where["x"]))
        return ClipRef(matching=said)
    # "make the speech louder", "boost the toast": an event is the clips showing it; a sound ("the wind",
    # "the music", "her voice") is one sound inside the clips, which cannot be picked out
    event = re.fullmatch(r"(?:the|that|those|these|our|my)\s+(?P<x>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)", phrase)
    # ... and "the guitar solo", "the drum performance": a moment of the film, though it names an instrument
    if (event and (not _SOUNDS.search(event["x"]) or _PERFORMED.search(event["x"]))
            and parse_ref(event["x"]) is None):
        return ClipRef(matching=event["x"])
    # "double the volume on Nana's toast", "mute Tom's speech": someone's event, the owner capitalised as
    # typed (``refs_with_people`` makes them the people); "Tom's voice" is still one sound in the clips
    owned = re.fullmatch(r"(?P<who>[a-z][\w-]*)'s\s+(?P<x>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)", phrase)
    if owned and not _SOUNDS.search(owned["x"]) and re.search(
            rf"\b{owned['who'][:1].upper()}{re.escape(owned['who'][1:])}['\u2019]s\b", orig):
        return ClipRef(matching=phrase)
    # "mute the bits on the motorway", "the scenes at the beach": the clips of a place
    if (at := _CLIPS_AT.match(phrase)) and not _SOUNDS.search(at["x"]):
        return ClipRef(matching=at["x"])
    # "mute the scenes with Thom": the clips chosen with him (his name goes to people: ``refs_with_people``)
    if (having := CLIPS_WITH.match(phrase)) and re.fullmatch(r"(?:the\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?",
                                                             having["x"]):
        return ClipRef(matching=re.sub(r"^the\s+", "", having["x"]))
    return None


def _amount(more: str | None) -> float:
    words = " ".join((more or "").split())
    return _MORE.get(words, 1.5 if not words else 1.25)


# "everything except the vows should be half as loud": every clip but those (it had removed the vows)
_ALL_EXCEPT = re.compile(
    r"^(?:make\s+|have\s+)?(?:everything|all|the\s+rest|every\s+clip|all\s+(?:the\s+)?(?:other\s+)?clips|"
    r"every\s+other\s+clip)\s+(?:except(?:\s+for)?|but|apart\s+from|other\s+than|besides|save\s+for)\s+"
    r"(?P<x>.+?)\s+(?:(?:should|needs?\s+to|has\s+to|must|can|could)\s+be\s+)?"
    r"(?P<rest>(?:(?:half|twice|three\s+times)\s+as\s+(?:loud|quiet)|(?:a\s+bit\s+|a\s+little\s+|much\s+)?"
    r"(?:quieter|louder|softer)|muted|silent)\b.*)$")


def _all_except(s: str, orig: str) -> list[Volume] | None:
    if not (m := _ALL_EXCEPT.match(s)):
        return None
    spared = _target(m["x"], orig)
    said = volume_ops(f"make it {m['rest']}")
    if spared is None or spared == ClipRef() or spared.invert or not said or said[0].target != ClipRef():
        return None
    return [said[0].model_copy(update={"target": spared.model_copy(update={"invert": True})})]


def volume_ops(s: str, _orig: str = "") -> list[Volume] | None:
    """A ``Volume`` when the whole clause sets, mutes, restores or changes the sound of clips or the cut."""
    s = " ".join(s.lower().split())
    if not re.search(r"mute|silen|sound|audio|volume|loud|quiet|soft|turn|hear|boost|amplif|level|bring|push|"
                     r"crank|pump|drop|lower|take|knock", s):
        return None
    # "can the last 15 seconds be silent", "could clip 2 be muted": the wish, asked
    s = re.sub(r"^(?:can|could|would|should)\s+(?:you\s+make\s+)?(?P<t>.+?)\s+be\s+(?=(?:silent|muted|mute|"
               r"without\s+(?:sound|audio))\b)", r"make \g<t> ", s)
    if (spared := _all_except(s, _orig)) is not None:
        return spared
    # "turn the volume way up": a lot
    s = re.sub(r"\b(turn|crank|bump|pump)\s+(.+?)\s+(?:way|right)\s+(up|down)\b", r"\1 \2 \3 a lot", s)
    for kind, pattern in _PATTERNS:
        if not (m := pattern.match(s)):
            continue
        found = m.groupdict()
        target = _target(found.get("t"), _orig)
        if target is None and kind == "share" and (said := re.sub(r"^(?:the|all\s+the|those|these)\s+", "",
                                                                  found["t"])) and len(said.split()) <= 5:
            # "drop the crowd chatter between songs to a quarter": the clips of it, that much quieter (a
            # removal of "crowd chatter ... to a quarter" before; a sound alone cannot be picked out)
            target = ClipRef(matching=said)
        if target is None:
            return None  # one sound inside the clips ("mute the wind"): ``unsupported`` answers it
        if kind == "mute":
            return [Volume(target=target, level=0)]
        if kind == "unmute":
            return [Volume(target=target, level=1)]
        if kind == "share":
            said = " ".join(found["share"].split())
            share = SHARES.get(said) or float(re.sub(r"[^\d.]", "", said)) / 100
            return [Volume(target=target, factor=round(share, 3))]
        if kind == "level":
            said = found["n"].replace("percent", "").replace("%", "").strip()
            level = 0.5 if said == "half" else float(said) / 100
            return [Volume(target=target, level=min(level, 4.0))]
        if kind == "times":
            factor = _times(found["x"])
            quieter = found.get("dir") in ("quiet", "quieter", "softer", "down")
            return [Volume(target=target, factor=round(1 / factor, 3) if quieter else factor)]
        if by := found.get("by"):  # "lower the volume by half", "raise it by 20 %": that much of it
            share = SHARES.get(" ".join(by.split())) or float(re.sub(r"[^\d.]", "", by)) / 100
            factor = 1 + share if kind == "up" else max(1 - share, 0.01)
            return [Volume(target=target, factor=round(factor, 3))]
        if pct := found.get("pct"):  # "30% louder" is 1.3 times; "50% quieter" half as loud
            share = min(float(pct), 95.0 if kind == "down" else 400.0) / 100
            return [Volume(target=target, factor=round(1 + share if kind == "up" else 1 - share, 3))]
        factor = _amount(found.get("more"))
        return [Volume(target=target, factor=factor if kind == "up" else round(1 / factor, 3))]
    return None
