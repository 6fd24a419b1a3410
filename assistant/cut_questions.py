"""Questions about the cut that need no planner and make no edit: how long it is, how many clips, what a
clip is and why it was chosen, what is said in a clip, the clips listed, what changed (since a version),
going back to a version by number, who is on screen (the cast) and for how long, what is blurred and the
frame's shape, which videos the cut comes from, whether something is in the videos (a search whose
matches are told, not cut to), and how to save,
export or share it; praise or thanks with nothing to change (praise counts toward the taste, as the
app's 👍 on the cut does); and a greeting or a request for help (examples of what to say).

Read as edit requests they became searches ("show me the cut" kept only scenes matching "cut", "save
this version" narrowed the cut to "this version"); the chat answers them from the session instead.
English wordings only: a request in another language goes to the planner as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.plan.schema import role_of
from assistant.planning.rules.line_refs import line_ref

Asked = Literal["length", "count", "clip", "list", "version", "diff", "save", "export", "share", "praise",
                "thanks", "help", "hello", "cast", "present", "find", "sources", "part_length", "extreme",
                "effects", "screen", "forget", "merge", "lines", "versions", "delete_version", "name_version",
                "rate", "line"]

_NOW = r"(?:\s+(?:now|so\s+far|at\s+the\s+moment|currently|right\s+now))?"
_CUT = r"(?:(?:the|this|that|my)\s+(?:cut|video|edit|film|movie|thing|current\s+version|version|one)|it|this)"
_THING = r"[\w'-]+(?:\s+[\w'-]+)*?"  # words only: "dog; touch x" or "`cmd`" is no thing to look for
_WHO = r"#?\d+|number\s+\d+|character\s+\d+|[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?"  # a name or cast number
# What a file to export is called, to the ``EXPORTERS`` key, "mp4" (``personalcut render``) or "edit" (any)
_FORMAT = (r"(?P<fmt>mp4|mov|video(?:\s+file)?|movie(?:\s+file)?|file|fcpxml|fcp\s*x(?:ml)?|"
           r"final\s+cut(?:\s+pro)?(?:\s+x)?(?:\s+xml)?|fcp\s*7(?:\s+xml)?|xml|premiere(?:\s+pro)?(?:\s+xml)?|"
           r"(?:davinci\s+)?resolve|davinci|edl|cmx(?:\s+3600)?(?:\s+edl)?|otio|opentimelineio|edit\s+lists?|"
           r"edit\s+decision\s+list|timeline)")
_FORMAT_KEYS = (("fcpxml", r"fcpxml|fcp\s*x|final\s+cut"),
                ("fcp7xml", r"fcp\s*7|xml|premiere|resolve|davinci|avid"), ("edl", r"edl|cmx|decision"),
                ("otio", r"otio|opentimeline"), ("edit", r"edit\s+list|timeline|editor"))


def export_format(said: str) -> str:
    """The export a file name asks for: an ``EXPORTERS`` key, "edit" (an edit list, any) or "mp4"."""
    return next((key for key, words in _FORMAT_KEYS if re.search(words, said, re.IGNORECASE)), "mp4")


_SAID: tuple[tuple[str, Asked], ...] = (
    (rf"how\s+long\s+is\s+{_CUT}{_NOW}|what(?:'s|s|\s+is)\s+(?:the|its)\s+(?:(?:total|overall|current|full)\s+)?"
     rf"(?:length|duration|running\s+time|runtime)(?:\s+of\s+{_CUT})?{_NOW}|how\s+many\s+(?:seconds|minutes)"
     rf"(?:\s+(?:long\s+)?is\s+{_CUT})?{_NOW}|"
     rf"(?:total|overall)\s+(?:length|duration|running\s+time|runtime){_NOW}", "length"),
    # "how long is the sintel part?", "how much of tears is in it?": one video's share of the cut
    (rf"how\s+(?:long|much)\s+(?:is|are)\s+(?:the\s+)?(?P<part>{_THING})\s+(?:part|parts|bit|bits|clips?|stuff|"
     rf"section|footage|video)(?:\s+in\s+{_CUT})?{_NOW}|how\s+much\s+(?:of\s+)?(?:the\s+)?(?P<part2>{_THING})\s+"
     rf"(?:is\s+(?:there\s+)?(?:in|left\s+in)\s+{_CUT}|(?:is\s+)?left|did\s+you\s+(?:keep|use)){_NOW}|"
     # "what's left from sintel?", "how many clips from sintel are there?"
     rf"what(?:'s|s|\s+is)\s+left\s+(?:from|of)\s+(?:the\s+)?(?P<part4>{_THING}){_NOW}|"
     rf"how\s+many\s+(?:clips|shots|scenes|bits|parts)\s+(?:are\s+)?(?:from|of)\s+(?:the\s+)?(?P<part3>{_THING})"
     rf"(?:\s+(?:are\s+there|are\s+(?:in|left\s+in)\s+{_CUT}|are\s+left|(?:do\s+)?(?:i|we)\s+have|"
     rf"does\s+{_CUT}\s+have))?{_NOW}",
     "part_length"),
    (rf"how\s+many\s+(?:clips|shots|scenes|bits|parts)(?:\s+(?:are\s+there|are\s+in\s+{_CUT}|does\s+{_CUT}\s+have|"
     rf"have\s+we\s+got|(?:are\s+)?left|(?:do\s+)?(?:i|we)\s+have))?{_NOW}", "count"),
    # "which clip is the longest?", "what's the shortest shot?": the clip, told (``fmt``: longest/shortest)
    (r"(?:which|what)(?:'s|s|\s+is)?\s+(?:(?:clip|shot|one)\s+is\s+)?(?:the\s+)?(?P<most>longest|shortest)"
     r"(?:\s+(?:clip|shot|one))?(?:\s+(?:in\s+" + _CUT + r"|now))?|"
     r"(?:which|what)\s+(?:clip|shot|one)\s+is\s+(?:the\s+)?(?P<most2>longest|shortest)(?:\s+(?:one|now))?",
     "extreme"),
    # "I like clip 2", "I hate the first clip": a clip rated, as the app's 👍/👎 (``fmt``: up/down); no edit
    (r"(?:i\s+(?:really\s+|just\s+|totally\s+)?(?P<up>like|love|adore|dig|enjoy)|(?P<up2>love|loving|thumbs\s+up\s+(?:on|for|to)|"
     r"\U0001f44d(?:\s+(?:on|for))?)|i\s+(?:really\s+|just\s+)?(?:(?:do\s+not|don'?t|dont)\s+(?:like|love|care\s+for)|"
     r"dislike|hate|can'?t\s+stand)|thumbs\s+down\s+(?:on|for|to)|\U0001f44e(?:\s+(?:on|for))?)\s+"
     r"(?:clip|shot|number)\s+(?P<n>\d+)(?:\s+(?:a\s+lot|so\s+much|the\s+most|best))?|"
     r"(?:clip|shot)\s+(?P<n2>\d+)\s+is\s+(?:(?P<up3>(?:really\s+|so\s+)?(?:great|awesome|amazing|lovely|perfect|"
     r"beautiful|my\s+fav(?:ou?rite)?))|(?:really\s+|so\s+)?(?:bad|awful|terrible|boring|ugly|my\s+least\s+fav(?:ou?rite)?))",
     "rate"),
    # "how many lines are in the cut?", "what's the last line?": the cut's dialogue (``fmt``: first/last)
    (rf"how\s+many\s+lines(?:\s+of\s+dialogue)?\s+(?:are\s+(?:there\s+)?|(?:does|do)\s+)?(?:(?:in|does)\s+{_CUT}(?:\s+have)?)?{_NOW}|"
     rf"(?:what(?:'s|s|\s+is)|read\s+me|show\s+me)\s+(?:all\s+)?the\s+(?:dialogue|lines)(?:\s+(?:in|of)\s+{_CUT})?{_NOW}|"
     rf"what(?:'s|s|\s+is)\s+(?:the\s+)?(?P<edge>first|last|final|opening|closing)\s+line(?:\s+(?:in|of)\s+{_CUT})?|"
     rf"(?:what|which)\s+lines(?:\s+of\s+dialogue)?\s+(?:are\s+(?:there|left|in\s+{_CUT})|does\s+{_CUT}\s+have|"
     rf"(?:do|have)\s+(?:i|we)\s+(?:got|have))(?:\s+left)?{_NOW}|"
     rf"(?:list|show(?:\s+me)?|read(?:\s+me)?|give\s+me)\s+(?:all\s+)?the\s+(?:dialogue|lines)(?:\s+(?:in|of)\s+{_CUT})?|"
     rf"what(?:'s|s|\s+is|\s+gets)\s+(?:said|spoken)\s+in\s+{_CUT}{_NOW}|"
     rf"what\s+(?:do|does)\s+(?:they|people|anyone|everyone)\s+say\s+in\s+{_CUT}",
     "lines"),
    # "what does Celia say?", "what are Thom's lines?": the cut's lines said while that person is on screen
    (rf"what\s+(?:does|do|did)\s+(?P<who>{_WHO})\s+(?:say|talk\s+about)(?:\s+in\s+{_CUT})?{_NOW}|"
     rf"what\s+(?:are|were)\s+(?P<who2>{_WHO})['\u2019]s\s+lines(?:\s+in\s+{_CUT})?{_NOW}|"
     rf"(?:read|show)\s+(?:me\s+)?(?P<who3>{_WHO})['\u2019]s\s+lines", "lines"),
    # "what is line 3?", "read me the second line", "what's the last thing Thom says?": one line by its place
    (r"(?:what(?:'s|s|\s+is|\s+was)|read(?:\s+me)?|show\s+me|tell\s+me|which\s+is)\s+(?P<line>(?:(?:the\s+)?\w+(?:'s)?\s+)?"
     r"(?:(?:very\s+)?\w+\s+)?(?:lines?\s*#?\s*\d+|lines?|sentences?|thing\s+\w+\s+(?:says|said))(?:\s+(?:of|in)\s+"
     r"(?:clip\s+\d+|the\s+\w+\s+clip|the\s+cut|it))?)", "line"),
    # "what does Thom say in clip 2?", "the lines of clip 3": the clip's dialogue, told (``number``: the clip)
    (r"what\s+(?:does|do|did)\s+(?:(?:the\s+)?[\w'-]+(?:\s+and\s+[\w'-]+)?)\s+(?:say|talk\s+about|speak\s+about)"
     r"\s+(?:in|during)\s+(?:clip|shot|number)\s+(?P<n>\d+)|"
     r"what(?:'s|\s+is|\s+gets)\s+(?:said|being\s+said|spoken)\s+in\s+(?:clip|shot|number)\s+(?P<n2>\d+)|"
     r"(?:what\s+are\s+|show\s+me\s+|read\s+(?:me\s+)?|give\s+me\s+)?(?:the\s+)?(?:lines|dialog(?:ue)?|words|"
     r"subtitles)\s+(?:in|of|from)\s+(?:clip|shot|number)\s+(?P<n3>\d+)|"
     r"(?:is\s+there\s+(?:any\s+)?|are\s+there\s+(?:any\s+)?|any\s+)(?:dialog(?:ue)?|talking|speech|lines)\s+in\s+"
     r"(?:clip|shot|number)\s+(?P<n4>\d+)|does\s+any(?:one|body)\s+(?:say\s+anything|talk|speak)\s+in\s+"
     r"(?:clip|shot|number)\s+(?P<n5>\d+)", "lines"),
    (r"(?:what(?:'s|\s+is)\s+(?:in|on)|what\s+is|what's|describe|tell\s+me\s+about|why\s+(?:did\s+you\s+"
     r"(?:pick|choose|keep|use|add|include)|is|was)|why's)\s+(?:clip|shot|number)\s+(?P<n>\d+)"
     r"(?:\s+(?:there|here|in\s+(?:it|there|the\s+cut)|about|chosen|picked|included))?|"
     # "why is clip 2 so short?": why it is there and how long it is
     r"why\s+is\s+(?:clip|shot)\s+(?P<n9>\d+)\s+(?:so\s+)?(?:short|long|brief|here|there|first|last)|"
     # "who is in clip 2?", "how long is clip 4?": who is on screen in it and for how long, its length
     # (part 41; they were "I couldn't turn that into an edit")
     r"who(?:'s|\s+is|\s+are)?\s+(?:on\s+screen\s+)?(?:in|on)\s+(?:clip|shot|number)\s+(?P<n10>\d+)|"
     r"who\s+(?:do\s+(?:we|i|you)\s+see|appears|shows\s+up)\s+in\s+(?:clip|shot)\s+(?P<n11>\d+)|"
     r"how\s+long\s+is\s+(?:clip|shot)\s+(?P<n12>\d+)(?:\s+now)?|what(?:'s|s|\s+is)\s+the\s+(?:length|duration)\s+of\s+"
     r"(?:clip|shot)\s+(?P<n13>\d+)",
     "clip"),
    # "what's in the cut?", "whats in there", "what have we got so far?", "which clips did you keep?"
    (rf"(?:show|list|give)\s+(?:me\s+)?(?:the\s+|my\s+)?(?:current\s+)?(?:cut|clips|edit|timeline|version)"
     rf"{_NOW}|(?:remind\s+me\s+)?what(?:'s|s|\s+is)\s+(?:in\s+(?:{_CUT}|there)|left(?:\s+in\s+{_CUT})?){_NOW}|"
     rf"what\s+(?:clips|shots|scenes)\s+(?:are\s+(?:in|there|left)|do\s+(?:i|we)\s+have)(?:\s+{_CUT})?{_NOW}|"
     rf"what\s+(?:have|'ve)\s+(?:i|we)\s+got(?:\s+in\s+{_CUT})?{_NOW}|what\s+does\s+{_CUT}\s+have\s+in\s+it{_NOW}|"
     rf"(?:what|which\s+(?:clips?|shots?|scenes?|parts?|bits?))\s+(?:did\s+you\s+keep|(?:are|is)\s+(?:still\s+)?"
     rf"(?:in\s+{_CUT}|left|in\s+there)){_NOW}", "list"),
    (r"(?:(?:go|get|take\s+me|jump|switch)\s+back\s+to|back\s+to|return\s+to|restore|revert\s+to|switch\s+to|"
     r"go\s+to|open|use|show(?:\s+me)?|let\s+me\s+see|view|load|branch\s+(?:off\s+)?from|"
     r"(?:start|continue|pick\s+up|carry\s+on|work)\s+from)\s+(?:version|v)\s*(?P<v>\d+)"
     r"(?:\s+(?:again|please|instead))?", "version"),
    # "compare version 1 and version 3", "what changed between v2 and v4": two versions, neither moved to
    (r"(?:compare|diff)\s+(?:version|v)\s*(?P<va>\d+)\s+(?:and|with|to|against|vs\.?)\s+(?:version|v)?\s*(?P<vb>\d+)|"
     r"(?:what(?:'s|\s+is)\s+)?(?:the\s+)?(?:difference|diff|changes?)\s+between\s+(?:version|v)\s*(?P<va2>\d+)\s+and\s+"
     r"(?:version|v)?\s*(?P<vb2>\d+)|what\s+changed\s+between\s+(?:version|v)\s*(?P<va3>\d+)\s+and\s+(?:version|v)?\s*"
     r"(?P<vb3>\d+)", "diff"),
    # "what versions do I have?", "what was my first request?": the session's versions, each with its request
    (r"(?:what|which)\s+versions\s+(?:do\s+(?:i|we)\s+have|are\s+there|did\s+(?:i|we|you)\s+make)|(?:show|list|give)\s+"
     r"(?:me\s+)?(?:all\s+)?(?:the\s+|my\s+)?(?:versions|version\s+history|history)|(?:version\s+)?history|"
     r"what\s+(?:did|have)\s+(?:i|we)\s+(?:asked?|said|requested|done)(?:\s+(?:for|so\s+far))?|"
     r"what\s+(?:was|were)\s+my\s+(?:first|last|previous|earlier)?\s*(?:requests?|edits?|changes?)|"
     r"how\s+many\s+versions(?:\s+(?:are\s+there|do\s+(?:i|we)\s+have))?", "versions"),
    # "delete version 2": versions are kept (undo, share links), said so, never a search for "version 2"
    (r"(?:delete|remove|drop|discard|trash|get\s+rid\s+of|throw\s+away|erase)\s+(?:version|v)\s*(?P<v>\d+)|"
     r"(?:delete|remove|discard|clear)\s+(?:the\s+|my\s+|all\s+(?:the\s+)?)?(?:old\s+|other\s+|previous\s+)?(?:versions|history)",
     "delete_version"),
    # 'name this version "celia cut"': versions go by number; its name is no title card on the picture
    (r"(?:name|rename|call|label|tag)\s+(?:this\s+version|the\s+(?:current\s+)?version|version\s+\d+)\s+"
     r"(?:as\s+)?(?P<name>.+)|save\s+(?:this|it)(?:\s+version)?\s+as\s+(?:my\s+)?(?P<name2>(?!(?:an?\s+)?(?:mp4|mov|video|"
     r"file|xml|fcpxml|edl|otio|gif|webm|mkv|avi|mp3|wav|audio|sound)\b).+)|(?:make|save)\s+(?:a\s+)?(?:copy|duplicate|backup)\s+of\s+(?:this|it|"
     rf"{_CUT})|duplicate\s+(?:this|it|{_CUT})", "name_version"),
    # "what did you remove?", "what changed?", "show me the difference from version 3"
    (r"(?:explain|tell\s+me|show\s+me)\s+what\s+you\s+(?:just\s+)?(?:did|changed|have\s+done|removed|added)|"
     r"explain\s+(?:the|your|that)\s+(?:last\s+)?(?:change|edit)|"
     r"what(?:'s|s)\s+(?:changed|different|new)(?:\s+(?:since|from|compared\s+to)\s+(?:version|v)\s*(?P<since2>\d+))?|"
     r"(?:what|which\s+(?:clips?|parts?|scenes?))\s+(?:did\s+you\s+(?:just\s+)?(?:remove|cut|drop|change|add|do|"
     r"trim|take\s+out|get\s+rid\s+of)|(?:has\s+|have\s+|was\s+|were\s+|got\s+)?(?:changed|removed|added|different|"
     r"cut|dropped|taken\s+out)|is\s+different)(?:\s+(?:since|"
     r"from|compared\s+to)\s+(?:version|v)\s*(?P<since>\d+))?|(?:show\s+(?:me\s+)?)?(?:the\s+|a\s+)?"
     r"(?:diff(?:erence)?s?|changes)(?:\s+(?:from|since|to|against|with|compared\s+to)\s+(?:version|v)\s*"
     r"(?P<against>\d+))?|"
     # "compare this to version 1", "how is it different from v2"
     r"compare\s+(?:this|it|the\s+(?:cut|current\s+(?:one|version|cut)))\s+(?:to|with|against)\s+(?:version|v)\s*"
     r"(?P<against2>\d+)|how\s+(?:is|does)\s+(?:this|it)\s+(?:differ|different)\s+from\s+(?:version|v)\s*"
     r"(?P<against3>\d+)", "diff"),
    (rf"(?:save|keep)\s+(?:this|it|{_CUT})(?:\s+version)?(?:\s+(?:please|for\s+later))?|"
     rf"(?:can|could|did)\s+(?:you|i|we)\s+save\s+{_CUT}", "save"),
    # "export as fcpxml", "save it as an mp4", "give me an EDL for Premiere": how to get that file
    (rf"(?:(?:export|download|render|save|write|output|make|create|give\s+me|get\s+me|i\s+(?:want|need))"
     rf"(?:\s+{_CUT})?(?:\s+(?:as|to|in|into|for))?(?:\s+(?:an?|the))?\s+{_FORMAT}"
     r"(?:\s+(?:file|format|project|timeline|version))?(?:\s+(?:for|to\s+open\s+in)\s+(?P<app>premiere(?:\s+pro)?|"
     r"(?:davinci\s+)?resolve|final\s+cut(?:\s+pro)?(?:\s+x)?|avid|an?\s+editor))?|"
     rf"(?:export|download|render)(?:\s+{_CUT})?)(?:\s+for\s+(?:me|us))?(?:\s+please)?", "export"),
    # "love this cut", "this is perfect", "nailed it": the cut liked as it is (the app's 👍 on the cut)
    (rf"(?:i\s+)?(?:really\s+|absolutely\s+)?(?:like|love|adore)\s+(?:it|this|that|{_CUT})(?:\s+(?:a\s+lot|now|so\s+much))?|"
     rf"(?:{_CUT}|that)(?:'s|\s+is|\s+looks)\s+(?:(?:so|really|just|pretty|absolutely)\s+)?(?:perfect|great|amazing|"
     r"awesome|brilliant|lovely|fantastic|spot\s+on|exactly\s+what\s+i\s+wanted|gorgeous|beautiful|good|fab|ace)|"
     r"(?:good|great|nice)\s+(?:job|work|one)|well\s+done|nailed\s+it|perfect|love\s+it|awesome|brilliant|"
     r"amazing|spot\s+on|fantastic|beautiful", "praise"),
    (r"(?:thanks|thank\s+you|thx|ta|cheers)(?:\s+(?:so\s+much|a\s+lot|loads|heaps))?", "thanks"),
    (r"help(?:\s+me)?|what\s+can\s+(?:you|i)\s+(?:do|say|ask|type)|how\s+does\s+(?:this|it)\s+work|"
     r"what\s+(?:commands|options)\s+(?:are\s+there|do\s+you\s+have|can\s+i\s+use)|(?:any|some)\s+examples|"
     r"what\s+do\s+i\s+(?:say|type|do)|how\s+(?:do|can)\s+i\s+(?:undo(?:\s+(?:it|that|this))?|go\s+back|redo|"
     r"start\s+(?:over|again))", "help"),
    (r"(?:hi|hello|hey|hiya|yo|good\s+(?:morning|afternoon|evening))(?:\s+there)?", "hello"),
    # "who is in this video?", "who's on screen", "list the characters": the cast, never names given by a
    # model (asked this, a small model named every character "unnamed")
    (rf"who(?:'s|\s+is|\s+are|\s+appears|\s+shows\s+up)?\s+(?:(?:on\s+screen\s+)?in|on)\s+(?:{_CUT}|the\s+"
     r"(?:videos?|films?|movies?|footage|clips)|these\s+(?:videos|films|clips))|who(?:'s|\s+is|\s+are)\s+"
     r"(?:on\s+screen|there|the\s+(?:people|characters|actors|hero|heroine|main\s+(?:characters?|person|guy|girl)|"
     r"protagonists?|(?:two\s+)?leads?|stars?))|who\s+(?:do\s+(?:you|we)\s+(?:see|have)|"
     r"appears)|(?:show|list|give|tell)\s+(?:me\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:cast|characters|people|faces)"
     rf"(?:\s+(?:in|of)\s+(?:{_CUT}|the\s+videos?))?|(?:which|what)\s+(?:people|characters|actors|faces)\s+"
     rf"(?:are\s+(?:in\s+{_CUT}|there|on\s+screen)|do\s+(?:you|we)\s+(?:see|have))", "cast"),
    # "is Thom in it?", "is number 3 in the cut?": that person's screen time, in the videos and in the cut
    (rf"(?:is|does|are|do)\s+(?P<who>#?\d+|number\s+\d+|character\s+\d+|[a-z][\w'-]*(?:\s+(?!appear|show)"
     rf"[a-z][\w'-]*){{0,2}}?)\s+"
     rf"(?:(?:appear|show\s+up)\s+)?(?:(?:on\s+screen\s+)?in|on)\s+(?:{_CUT}|the\s+(?:videos?|films?|movies?|"
     r"footage|clips)|any\s+(?:of\s+(?:the|these)\s+)?(?:clips|shots|scenes)|"
     # "is Charlie in the sintel part?": in one video, and in that video's part of the cut
     rf"the\s+(?P<part>{_THING})\s+(?:part|parts|bit|bits|clips?|video|footage|section|stuff))(?:\s+at\s+all)?|"
     # "which clip is Celia in?", "why is Thom not in it?": where that person is, told from the cast
     rf"(?:which|what)\s+(?:clips?|shots?|scenes?|parts?)\s+(?:is|are)\s+(?P<who2>{_WHO})\s+in|"
     rf"why\s+(?:is|isn'?t|are|aren'?t)\s+(?P<who3>{_WHO})\s+(?:not\s+)?(?:in\s+(?:{_CUT}|the\s+cut)|there)|"
     # "which clip has the most Celia?", "which clip is Thom in the most?": the clip showing them longest
     rf"(?:which|what)\s+(?:clip|shot|scene|part|one)\s+(?:has|shows|features|gives\s+(?:me|us))\s+(?:the\s+)?"
     rf"(?P<most>most)\s+(?:of\s+)?(?P<who4>{_WHO})(?:\s+in\s+it)?|(?:which|what)\s+(?:clip|shot|scene|part|one)"
     rf"\s+(?:is|are|has)\s+(?P<who5>{_WHO})\s+(?:in\s+|on\s+screen\s+)?(?:the\s+)?(?P<most2>most|longest)|"
     rf"where\s+(?:is|do\s+(?:we|i|you)\s+see)\s+(?P<who6>{_WHO})\s+(?:on\s+screen\s+)?(?:the\s+)?"
     rf"(?P<most3>most|longest)(?:\s+in\s+{_CUT})?",
     "present"),
    # "how long is Celia on screen?", "how much screen time does #3 get?", "what's Thom's screen time?": that
    # person's time on screen, in the videos and in the cut (read as an edit, it was a speed or a search)
    (rf"how\s+(?:long|much|many\s+(?:seconds|secs|minutes|mins))\s+(?:is|does|are|do)\s+(?P<who>{_WHO})\s+(?:on\s+screen|(?:appear|show\s+up)(?:\s+on\s+"
     rf"screen)?)(?:\s+(?:in|on)\s+(?:{_CUT}|the\s+(?:videos?|films?|clips)))?{_NOW}|"
     rf"how\s+much\s+(?:screen\s*-?\s*time|time\s+on\s+screen)\s+(?:does|did|has|do|have)\s+(?P<who2>{_WHO})\s+"
     rf"(?:have|get|got)(?:\s+(?:in|on)\s+(?:{_CUT}|the\s+(?:videos?|films?|clips)))?{_NOW}|"
     rf"what(?:'s|s|\s+is)\s+(?P<who3>{_WHO})(?:'s|s')\s+(?:total\s+)?(?:screen\s*-?\s*time|time\s+on\s+screen)"
     rf"(?:\s+(?:in|on)\s+(?:{_CUT}|the\s+(?:videos?|films?|clips)))?{_NOW}", "screen"),
    # "forget Hildy", "delete Thom's face data", "merge 6 and 5": the cast itself changed, said how (the app's
    # buttons or ``personalcut cast``), never done from a chat line ("forget Hildy" kept the matches of
    # "forget" with her on screen)
    (rf"(?:please\s+)?(?:forget|erase|wipe)\s+(?:about\s+)?(?:all\s+about\s+)?(?P<who>{_WHO})(?:'s|s')?"
     r"(?:\s+(?:faces?|face\s+data|data|pictures?|photos?|thumbnails?))?(?:\s+(?:completely|entirely|for\s+good|"
     r"from\s+(?:the\s+)?(?:library|cast(?:\s+list)?|database)))*|"
     rf"(?:delete|remove|purge)\s+(?P<who2>{_WHO})(?:'s|s')\s+(?:faces?|face\s+data|data|pictures?|photos?|"
     r"thumbnails?)(?:\s+from\s+(?:the\s+)?(?:library|cast(?:\s+list)?|database))?|"
     rf"(?:delete|remove|take)\s+(?P<who3>{_WHO})\s+(?:out\s+)?(?:of|from)\s+(?:the\s+)?(?:library|cast(?:\s+list)?|"
     r"database)(?:\s+(?:completely|entirely|for\s+good))?", "forget"),
    (rf"(?:merge|combine|join)\s+(?P<who>{_WHO})\s+(?:and|with|into|&)\s+(?P<other>{_WHO})|"
     rf"(?P<who2>{_WHO})\s+(?:and|&)\s+(?P<other2>{_WHO})\s+are\s+(?:the\s+)?same(?:\s+(?:person|guy|girl|man|"
     rf"woman|character|one))?|(?P<who3>{_WHO})\s+is\s+(?:the\s+)?same\s+(?:(?:person|guy|girl|man|woman|character)"
     rf"\s+)?as\s+(?P<other3>{_WHO})", "merge"),
    # "what did you blur?", "whose faces are blurred?", "is it vertical?": the cut's blur and frame shape
    (rf"what(?:\s+did\s+you\s+blur|(?:'s|s|\s+is|\s+are|\s+gets?)\s+(?:being\s+)?blurred)(?:\s+(?:in|on)\s+{_CUT})?{_NOW}|"
     rf"(?:who|who's|whose\s+faces?|which\s+(?:faces?|people|characters?))\s+(?:(?:is|are|gets?|will\s+be)\s+)?"
     rf"(?:being\s+)?(?:blurred|hidden|pixelated)(?:\s+(?:in|on)\s+{_CUT})?{_NOW}|who\s+did\s+you\s+(?:blur|hide)|"
     rf"(?:is|are)\s+(?:anything|anyone|anybody|any\s+faces?|the\s+faces?|faces|everyone|everybody|{_CUT})\s+"
     rf"(?:being\s+)?(?:blurred|pixelated|hidden){_NOW}|(?:is|are)\s+(?:there\s+)?any\s+(?:blur|blurring|effects?)"
     rf"(?:\s+(?:in|on)\s+{_CUT})?{_NOW}|is\s+{_CUT}\s+(?:still\s+)?(?:vertical|square|portrait|landscape|"
     rf"widescreen|horizontal|cropped|reframed|blurred|9:16|1:1|4:5|16:9){_NOW}|what\s+(?:shape|format|aspect(?:\s+ratio)?|"
     rf"ratio|orientation)\s+is\s+{_CUT}(?:\s+in)?{_NOW}|what\s+effects?\s+(?:are\s+(?:there|on|in)(?:\s+{_CUT})?|"
     rf"(?:does|did)\s+{_CUT}\s+have|did\s+you\s+(?:add|apply|put\s+on))", "effects"),
    # "which videos are in this cut?", "where do the clips come from?": the videos, by the names a request
    # may use ("drop everything from sintel")
    (rf"(?:which|what)\s+(?:videos?|films?|movies?|sources?|source\s+videos?|files?|clips?)\s+(?:are|is)\s+"
     rf"(?:(?:used\s+)?in|there\s+in|in\s+here)(?:\s+{_CUT})?{_NOW}|(?:which|what)\s+(?:videos?|films?|movies?|"
     rf"sources?|source\s+videos?|files?)\s+(?:does|did)\s+{_CUT}\s+(?:use|come\s+from|have)|(?:which|what)\s+"
     rf"(?:videos?|films?|movies?|sources?|files?)\s+(?:did\s+you\s+use|do\s+(?:i|we)\s+have)|where\s+(?:do|does|did)\s+"
     rf"(?:the\s+)?(?:clips|shots|scenes|{_CUT})\s+come\s+from|what(?:'s|\s+is)\s+{_CUT}\s+made\s+(?:from|of)|"
     rf"(?:list|show|name)\s+(?:me\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:videos|sources|source\s+videos|files)"
     rf"(?:\s+(?:in|of)\s+{_CUT})?|what\s+are\s+the\s+(?:sources|source\s+videos|videos)(?:\s+(?:in|of)\s+{_CUT})?",
     "sources"),
    # "is there a dog in it?", "does the film have any explosions?", "where is the red car?": a search whose
    # matches are told, not cut to (read as an edit it kept only the dog)
    (rf"(?:is|are)\s+there\s+(?:any(?:thing)?\s+(?:with\s+)?|an?\s+|some\s+)?(?P<what>{_THING})(?:\s+(?:in|on)\s+(?:{_CUT}|"
     r"the\s+(?:videos?|films?|movies?|footage|clips)|these\s+videos))?|"
     r"(?:does|do)\s+(?:it|this|the\s+(?:video|film|movie|cut|footage|videos|clips))\s+(?:have|show|contain|"
     rf"include|feature)\s+(?:any\s+|an?\s+|some\s+)?(?P<what2>{_THING})|"
     rf"is\s+(?:the|a|an)\s+(?P<what3>{_THING})\s+(?:in|on)\s+(?:{_CUT}|the\s+(?:videos?|films?|footage))|"
     rf"(?:where|when)\s+(?:is|are|does|do)\s+(?:the\s+)?(?P<what4>{_THING})(?:\s+(?:appear|show\s+up|come\s+up|happen|"
     r"in\s+(?:it|the\s+(?:video|film)))\??)?|"
     # "does anyone say robot?", "does Thom mention space?": a line searched for, its matches told
     rf"(?:does|do|did)\s+(?P<what5>(?:anyone|anybody|someone|somebody|he|she|they|[\w'-]+)\s+(?:say|mention|talk\s+about|"
     rf"speak\s+about)\s+{_THING})(?:\s+(?:in\s+(?:{_CUT}|the\s+(?:videos?|films?))|at\s+all))?|"
     # "which clip has the jerk line?": where it is, and which clips of the cut hold it
     rf"(?:which|what)\s+(?:clips?|shots?|scenes?|part)\s+(?:has|have|shows?|contains?|includes?)\s+(?:the\s+|a\s+|an\s+)?"
     rf"(?P<what6>{_THING})|"
     # "where did the jerk line go?", "what happened to the robot line?": where it is, whether the cut has it
     rf"where\s+(?:did|has|have)\s+(?:the\s+|my\s+)?(?P<what7>{_THING})\s+(?:go|gone)|what\s+happened\s+to\s+"
     rf"(?:the\s+|my\s+)?(?P<what8>{_THING})", "find"),
    (rf"(?:share|publish|send)\s+{_CUT}(?:\s+(?:with\s+(?:my\s+|our\s+)?\w+|online))?|"
     r"(?:get(?:\s+me)?|give\s+me|make)\s+(?:a\s+)?"
     r"(?:share\s+)?link(?:\s+to\s+(?:it|this))?", "share"),
)
_PATTERNS = tuple((re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in _SAID)
_POLITE = re.compile(r"^(?:(?:ok(?:ay)?|so|and|hey|hi|right|great|cool|nice|thanks|please|pls|can\s+you|"
                     r"could\s+you|would\s+you)[\s,]+)+|(?:[\s,]+(?:please|pls|thanks|thank\s+you))+$|"
                     # "show me what's in clip 3", "tell me how long it is": the question after it
                     r"^(?:show|tell)\s+me\s+(?=(?:what|which|how|who|why|where)\b)",
                     re.IGNORECASE)


_NOT_SOMEONE = frozenset("it this that there everything anything something anyone someone everyone nobody he "
                         "she they him her them".split())


_NOT_A_THING = re.compile(r"\b(?:way|ways|option|options|chance|possib\w*|how|make|cut|remove|add|drop|keep|"
                          r"trim|shorter|longer|faster|slower|edit|version|clips?|title|transitions?|music|problem|"
                          r"else|i|you|we|can|do|should|could|would)\b", re.IGNORECASE)
_SCENES_OF = re.compile(r"^(?:clips?|shots?|scenes?|bits?|parts?|moments?)\s+(?:with|of|showing|where)\s+"
                        r"(?:an?\s+|the\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class CutQuestion:
    kind: Asked
    number: int | None = None  # the clip for "clip", the version for "version" and "diff"
    # the person asked about, for "present"; the thing looked for, for "find"; the video, for "part_length"
    who: str | None = None
    part: str | None = None  # for "present": the words naming one video ("the sintel part"); for "merge": the
    # second person
    other: int | None = None  # for "diff" between two versions: the later one ("compare version 1 and 3");
    # for "line" (``number``: the line's place, -1 the last), the clip it is counted in
    fmt: str | None = None  # for "export": an ``EXPORTERS`` key, "edit" (any edit list) or "mp4"; for
    # "extreme": "longest" or "shortest"; for "present": "most" (which clip shows them longest)


def _someone(said: str, names: Sequence[str] = ()) -> str | None:
    """A person as a question names them: "#3" for "number 3" or "3", a capitalised name as written, or a
    cast name as typed ("the policeman"); None for "it", "the dog" (names are capitalised)."""
    who = re.sub(r"^(?:number|character)\s+", "#", said, flags=re.IGNORECASE)
    known = {" ".join(n.casefold().split()) for n in names}
    if who.lower() in _NOT_SOMEONE or not (who[0].isupper() or who[0] in "#0123456789" or role_of(who)
                                           or " ".join(who.casefold().split()) in known):
        return None  # a role ("the hero", "the two leads") is someone too
    return f"#{who}" if who.isdigit() else who


def cut_question(text: str, names: Sequence[str] = ()) -> CutQuestion | None:
    """The question ``text`` asks about the cut, if it asks one of those and nothing else (``names``: the
    cast's names, a person a question may name in lower case: "how long is the policeman on screen?")."""
    whole = " ".join(text.split()).strip(" ?!.,")
    said = _POLITE.sub("", whole).strip(" ?!.,")
    for pattern, kind in _PATTERNS:
        if m := pattern.fullmatch(said) or pattern.fullmatch(whole):
            if kind in ("forget", "merge"):
                said_who = [v for k, v in m.groupdict().items() if v and k[:3] in ("who", "oth")]
                people = [_someone(v, names) for v in said_who]
                if not all(people):
                    continue  # "forget the intro": no one named, an edit for the planner
                return CutQuestion(kind, who=people[0], part=people[1] if len(people) > 1 else None)
            if kind in ("present", "screen"):
                who = _someone(next(v for k, v in m.groupdict().items() if k.startswith("who") and v), names)
                if who is None:
                    continue  # "is it in the cut?", "is the dog in it?": no one named (names are capitalised)
                most = "most" if any(m.groupdict().get(g) for g in ("most", "most2", "most3")) else None
                return CutQuestion(kind, who=who, part=m.groupdict().get("part"), fmt=most)
            if kind == "find":
                said_what = next(v for k, v in m.groupdict().items() if k.startswith("what") and v)
                what = _SCENES_OF.sub("", said_what)
                if what.lower() in _NOT_SOMEONE or len(what.split()) > 5 or _NOT_A_THING.search(what):
                    continue  # "is there a way to make it shorter?": a request, for the planner
                return CutQuestion(kind, who=what)
            if kind == "part_length":
                if (m.group("part4") or "").lower() in _NOT_SOMEONE:
                    return CutQuestion("length")  # "what is left of it?": all of it
                return CutQuestion(kind, who=next(m.group(g) for g in ("part", "part2", "part3", "part4")
                                                  if m.group(g)))
            pair = [v for k, v in m.groupdict().items() if k[:2] in ("va", "vb") and v]
            if kind == "diff" and pair:
                return CutQuestion(kind, int(pair[0]), other=int(pair[1]))  # "compare version 1 and 3"
            if kind == "name_version":
                name = (m.group("name") or "").strip(" \"'")  # "save it as my favourite": no title meant
                return CutQuestion(kind, who=name or None)
            if kind == "rate":  # "I like clip 2": the clip's number and which way
                up = any(m.group(g) for g in ("up", "up2", "up3"))
                return CutQuestion(kind, int(m.group("n") or m.group("n2")), fmt="up" if up else "down")
            if kind == "lines" and m.groupdict().get("edge"):  # "what's the last line?"
                return CutQuestion(kind, fmt="first" if m.group("edge") in ("first", "opening") else "last")
            if kind == "lines" and (speaker := m.groupdict().get("who") or m.groupdict().get("who2")
                                    or m.groupdict().get("who3")):
                person = _someone(speaker, names)
                if person is None or person.lower() in ("they", "people", "everyone", "anyone", "he", "she"):
                    continue  # "what do they say?": no one named
                return CutQuestion(kind, who=person)
            if kind == "line":
                found = line_ref(" ".join(m.group("line").lower().split()))
                if found is None or not found.lines or len(found.lines) != 1:
                    continue  # "what is the line about robots?": a search, for the planner
                return CutQuestion(kind, found.lines[0], who=found.people[0] if found.people else None,
                                   other=found.clip)
            if kind == "extreme":
                return CutQuestion(kind, fmt=(m.group("most") or m.group("most2")).lower())
            if kind == "export":
                named = " ".join(filter(None, (m.group("fmt"), m.group("app"))))
                return CutQuestion(kind, fmt=export_format(named) if named else None)
            number = next((said for said in m.groupdict().values() if said), None)
            return CutQuestion(kind, int(number) if number else None)
    return None


SAVED = "Every version is saved as you go: this is version {number}."
PRAISED = ("Glad you like it: version {number} counts toward your taste. Say what to change next, or share "
           "it.")
THANKS = "You're welcome. Say what to change next, or share it."
HELP = ("I make your own cut of these videos from what you say. Try \"only the scenes with the dog, under a "
        "minute\", \"remove the second clip\", \"make clip 3 two seconds longer\", \"crossfade between "
        "clips\", \"title it 'Summer'\", \"blur everyone except Celia\", \"make it vertical\", \"drop "
        "everything from sintel\" (a video by its name) or \"undo\". Ask \"how long is it?\", \"what's in "
        "clip 3?\", \"who is in it?\", \"which videos are in it?\" or \"what changed?\" about the cut.")
EXPORT = ("To get a video file, press \"Render high quality + edit lists\" in the app, or run "
          "`personalcut render`; `personalcut export` writes an edit list for Premiere, Resolve or "
          "Final Cut.")
EXPORT_APP = "In the app, \"Render high quality + edit lists\" makes the MP4 and every edit list at once."


def export_answer(number: int, version_id: str, fmt: str | None, library: str | None = None) -> str:
    """How to get version ``number`` as the file asked for: the exact command, then the app's button."""
    from assistant.export import EXPORTERS

    where = f" --library {library}" if library else ""
    if fmt in (None, "mp4"):
        editors = ("; for an editor, `personalcut export` with --format fcpxml, fcp7xml (Premiere, Resolve), "
                   "edl or otio") if fmt is None else ""
        return (f"To get version {number} as an MP4: `personalcut render {version_id}{where} --out cut.mp4` "
                f"(frame-exact; its dialogue goes beside it as cut.srt){editors}. {EXPORT_APP}")
    if fmt == "edit":
        formats = "; ".join(f"{key}: {e.description}" for key, e in EXPORTERS.items())
        return (f"To get version {number} as an edit list: `personalcut export {version_id}{where} --format "
                f"FORMAT --out cut.EXT`, FORMAT one of {formats}. {EXPORT_APP}")
    exporter = EXPORTERS[fmt]
    return (f"To get version {number} as {exporter.description}: `personalcut export {version_id}{where} "
            f"--format {fmt} --out cut{exporter.suffix}`. {EXPORT_APP}")
SHARE = ("To share it, press \"Share this version\" in the app (a link others can watch or remix), or run "
         "`personalcut recipe` for a recipe file.")
