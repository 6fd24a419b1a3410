"""People in requests: cast names and roles inside queries, and naming characters from the chat.

The phrase rules read "only the scenes with celia" as a query for the words "celia"; ``with_people``
then moves the cast's names ("Celia"), the roles ("the hero", "the two leads") and capitalised names the
cast does not know ("with Xavier", kept so the chat can say who it does know) out of the query text into
``Query.people``. ``naming`` reads "number 2 is Celia", "call character 3 Thom" and "Celia is the hero".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.plan.schema import (
    CLIP_REF_FIELDS,
    QUERY_OPS,
    SOMEONE_REF,
    Add,
    ChooseHero,
    ClipRef,
    Keep,
    KeepOnly,
    Move,
    NameCharacter,
    Query,
    Remove,
    clean_name,
    role_of,
)
from assistant.planning.rules.number_words import ORDINAL_RE, ordinal_value

_ROLE_SRC = (
    r"(?:the\s+|our\s+|my\s+|both\s+)?(?:(?:two|2)\s+)?(?:leads|main\s+characters|protagonists|heroes)|"
    r"(?:the\s+|our\s+|my\s+)?(?:hero(?:ine)?|main\s+(?:character|guy|girl|person)|protagonist|"
    r"lead(?!\s+(?:with|off|on|in|into|up|to|the|a|an|singer|guitar|vocals?)\b))"  # "lead with X": a verb
)
_ROLE = re.compile(rf"\b(?:{_ROLE_SRC})\b", re.IGNORECASE)
_ROLE_OWNING = re.compile(rf"\b(?:{_ROLE_SRC})\b(?:['\u2019]s\b)?", re.IGNORECASE)  # "the hero's scenes" too
_JOINERS = r"(?:with|and|&|plus|featuring|starring|by|of)"
_SPEECH = (r"(?:says?|said|saying|talks?|talking|speaks?|speaking|mentions?|asks?|shouts?|yells?|whispers?|"
           r"(?:goes|went|banging|bangs)\s+on\s+about|rambles|rants)")
_NAME_WORD = r"[A-Z][\w'\-]*"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"  # "Celia", "Uncle Rob", "Grandpa Joe"
# "with Xavier", "without Xavier and Yuna", "where Xavier says": capitalised words in those places are
# people, whether or not the cast knows them; so are they after kin ("only my son Ben").
# Kin said as who someone is to the user ("my son"): with a name after it, that name; alone, nobody a search
# can find (the parser asks who)
KIN_NOUNS = (r"(?:son|daughter|wife|husband|partner|mum|mom|dad|brother|sister|boyfriend|girlfriend|fiancee?|"
             r"grandson|granddaughter|nephew|niece|cousin|uncle|aunt|auntie|gran|grandma|grandpa|friend|kid|boy|"
             r"girl|best\s+friend|bestie|best\s+mate)")
_KIN_NAMING = rf"(?i:my|our)\s+(?i:{KIN_NOUNS})"
_NAMED_AFTER_WITH = re.compile(
    # "with just Chloe" too
    rf"\b(?:with|without|featuring|starring|except|{_KIN_NAMING})\s+(?:(?i:just|only)\s+)?"
    rf"(?P<names>{_NAME}(?:\s+(?:and|&|or)\s+{_NAME})*)"
)
# "just Maya and Jonas together": two capitalised names seen together are people
_NAMED_TOGETHER = re.compile(rf"(?:^|\b(?:just|only|show(?:\s+me)?|keep|of|where|when))\s*"
                             rf"(?P<names>{_NAME}(?:\s+(?:and|&)\s+{_NAME})+)\s+(?:are\s+|is\s+)?together\b")
# "just Harriet and Jess", "only Mo, Ali and Sam": two or more capitalised names are the people kept
_NAMED_ONLY = re.compile(rf"\b(?:just|only)\s+"
                         rf"(?P<names>{_NAME_WORD}(?:(?:\s*,\s*|\s+(?:and|&)\s+){_NAME_WORD})+)"
                         r"(?=\s*(?:[,.!?;]|$|(?i:from|in|please|pls|together)\b))")
_NAMED_SPEAKER = re.compile(rf"(?:\b(?:where|when|while|just|only|of|keep|show(?:\s+me)?)\s+|^)"
                            rf"(?P<names>{_NAME_WORD})\s+{_SPEECH}\b")
# Capitalised words that open a request without naming anyone ("Add dancing", "More running shots")
_OPENING_WORDS = (r"(?i:add|put|cut|remove|make|drop|keep|show|get|give|take|move|start|stop|try|use|let|"
                  r"lose|delete|trim|speed|slow|mute|blur|include|play|find|skip|leave|bring|want|need|love|like|"
                  r"hate|only|just|also|then|now|please|no|more|less|fewer|too|some|all|any|every|each|why|how|"
                  r"what|when|where|can|could|would|should|will|do|does|did|is|are|was|not|go|open|end|begin|"
                  r"finish|fade|swap|reverse|shuffle|sort|order|title|call|name|undo|redo|reset|restore|"
                  r"replace|set|turn|change|reduce|lower|raise|boost|double|halve|yes|ok|okay|hey|hi|oh|wow|"
                  r"lol|my|our|their|his|her|the|a|an|this|that|these|those|everything|nothing|anything|"
                  r"something|people|kids|friends|everyone|nobody|somebody|we|i|you|they|he|she|it|less|"
                  r"lots|loads|tons|plenty|extra|stick|place|shift|pick|choose|select|see|watch|save|send|"
                  r"share|export|render|crop|reframe|zoom|loop|repeat|freeze|fix|clean|tidy|shorten|"
                  r"lengthen|extend|tighten|rearrange|reorder|shuffle|scrap|ditch|bin|nix|toss|axe|chop)")
# "the scenes of Sam dancing", "where Jo is cooking": a capitalised word doing something is someone.
# ("Sunday morning", "the Christmas wedding": nouns in -ing are no doing)
_NAMED_DOING = re.compile(rf"(?:\b(?:of|where|when|while|with|only|just|keep|show(?:\s+me)?)\s+"
                          rf"(?P<names>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)|"
                          # "Nadia and Omar arguing over the map - ...": two names leading the clause
                          rf"^\s*(?P<pair>{_NAME}\s+(?:and|&)\s+{_NAME}|(?!{_OPENING_WORDS}\b){_NAME_WORD}))"
                          r"\s+(?:is\s+|are\s+)?"
                          r"(?!(?:morning|evening|wedding|building|ceiling|thing|king|ring|spring|string|wing|"
                          r"something|nothing|anything|everything|outing|meeting|gathering|painting|landing|"
                          r"clearing|ending|opening|beginning|offering|pudding|stuffing|stocking|lightning|"
                          r"parking|shopping\s+centre|setting|ceremony)\b)[a-z]+ing\b")
# "the bits where Celia is on screen", "where Ana and Luis are both in shot": the people themselves
_NAMED_ON_SCREEN = re.compile(rf"\b(?:where|when|while)\s+(?P<names>{_NAME}(?:\s+(?:and|&)\s+{_NAME})*)\s+"
                              r"(?:is|are|isn'?t|aren'?t|is\s+not|are\s+not)\s+(?:both\s+|all\s+|together\s+)?(?:on\s+(?:screen|camera)|"
                              r"in\s+(?:the\s+)?(?:shot|frame|picture))\b")
# "add Leilani and Nkechi at the carnival": two capitalised names, then where they are, are people
_NAMED_AT = re.compile(rf"\b(?i:add|keep|remove|cut|drop|include|lose|delete|only|just|show(?:\s+me)?)\s+"
                       rf"(?P<names>{_NAME_WORD}\s+(?:and|&)\s+{_NAME_WORD})\s+(?i:at|during|on|by)\s+"
                       r"(?i:the|a|an|my|our|their)\b|"
                       # "a cut of Ines at her piano recital": one name, then where she is, hers
                       rf"\b(?i:of|with|add|keep|only|just)\s+(?P<one>{_NAME_WORD})\s+(?i:at|during|on|in)\s+"
                       r"(?i:her|his|their)\s+[a-z]")
# "cut Pete out", "take Mo and Ali out": capitalised names between the verb and "out" are people
_NAMED_OUT = re.compile(rf"^(?i:cut|take|leave|keep|edit|kick)\s+"
                        rf"(?P<names>{_NAME_WORD}(?:\s+(?:and|&)\s+{_NAME_WORD})?)\s+(?i:out)\b")
# "more of Bartholomew", "less of Gran please": a capitalised name as the whole thing wanted more or less of
_NAMED_MORE = re.compile(rf"\b(?i:more|less|fewer|lots|plenty|tons|loads)\s+of\s+"
                         rf"(?!(?:The|A|An|This|That|My|Our)\b)(?P<names>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)(?=\s*(?:[,.!?;]|$|please\b|pls\b))")
# "get rid of Tomasz's scenes", "Dagny's skateboard tricks in slow mo": a capitalised name owning what is
# searched is someone (days, feasts and "Today's" are in _NOT_NAMES)
_NAMED_OWNING = re.compile(
    r"(?:^|(?<=[\s(\"]))(?P<names>(?:(?!(?:Add|Remove|Cut|Keep|Put|Move|Make|Mute|Slow|Speed|Drop|Show|Play|Use|"
    r"Include|Blur|Only|Just|Please|Then|And|Also|Lose|Delete|Trim|Get|Give|Take|Bring|Let|Find|Pick|Start|End|"
    r"Open|Swap|Skip|Ditch)\b)[A-Z][\w\-]*\s+)?"  # "Mei Ling's speech": both names
    r"[A-Z][\w\-]*)['\u2019]s\s+(?=[a-z])")
_NOT_NAMES = frozenset("i i'm i'd i'll i've the a an it this that me us them everything all someone somebody "
                       "anyone anybody "
                       "today tonight yesterday tomorrow what who where there here let that's nobody's "
                       "year week month morning night weekend summer winter spring autumn "
                       "everyone everybody nobody people he she they we you just only keep show monday "
                       "tuesday wednesday thursday friday saturday sunday christmas easter halloween "
                       "thanksgiving diwali eid hanukkah".split())
# A query that is only "people" or "anybody" ("with people in them", "without anybody"): anyone on screen
_IN_SHOT = (r"(?:\s+(?:in\s+(?:them|it|shot|frame|the\s+(?:shot|frame|picture))|on\s+(?:screen|camera)|"
            r"visible|at\s+all))?")
_SOMEONE = re.compile(r"(?:(?:any|some|a|the)\s+)?(?:anyone|anybody|someone|somebody|people|persons?|faces?|"
                      rf"humans?){_IN_SHOT}", re.IGNORECASE)
# ... and "nobody" ("remove the shots with nobody in them"): the same search, its op turned round
_NOBODY = re.compile(rf"(?:(?:nobody|no\s*-?\s*one|no\s+(?:people|persons?|faces?|humans?))(?:\s+(?:is|are))?"
                     r"|(?:you\s+(?:can'?t|cannot|can\s+not|don'?t)\s+see|there'?s\s+no|there\s+is\s+no|"
                     rf"there\s+are\s+no)\s+(?:anyone|anybody|one|people|faces?|persons?|humans?)){_IN_SHOT}",
                     re.IGNORECASE)
_TOGETHER = re.compile(r"^\s*(?:(?:with|and|&|plus|both|together|at\s+the\s+same\s+time|side\s+by\s+side|"
                       r"(?:in\s+)?(?:the\s+)?same(?:\s+(?:shot|frame|scene))?)\s*)+$")
_EDGE_NOISE = re.compile(rf"^(?:(?:{_JOINERS}|the|a|an|'s|s|scenes?|only|just|where|when|whenever|"
                         r"(?:every|each|any)\s+time|in|on|at|during|is|are)\s+)+|"
                         rf"(?:\s+(?:{_JOINERS}|the|a|an|'s|in|on|scenes?|only|is|are))+$|^(?:is|are|in|on|about|all\s+about|['\u2019]s)$")
# "only the parts where Thom or Mei show up", "I only want to see Celia": being there is what a person in a
# query means already; as words to search for they had narrowed the person's scenes to a picture of "show up"
_BEING_THERE = re.compile(r"(?:(?:is|are)\s+)?(?:on\s+)?(?:screen|camera)|"  # "whenever Thom is on screen"
                          r"(?:(?:is|are)\s+)?(?:in\s+)?(?:the\s+)?(?:shot|frame|picture)\b|"
                          r"(?:(?:i\s+)?(?:want|wanna|like|need)\s+)?(?:to\s+)?(?:see|watch)|"
                          r"(?:shows?|showing|pops?|popping)(?:\s+up)?|(?:turns?|turning)\s+up|appears?|appearing|"
                          r"(?:(?:is|are)\s+)?(?:both\s+|all\s+)?(?:there|around|visible|present|seen)|(?:can\s+be\s+)?seen|"
                          r"(?:both\s+)?(?:share|sharing)(?:\s+(?:the\s+)?(?:screen|frame|shot))?|"
                          r"(?:is|are)\s+(?:in\s+(?:it|them|there|this|that)|in)", re.IGNORECASE)

# --- naming ----------------------------------------------------------------------------------------
_NUMBER = (r"(?:(?:number|no\.?|character|person|face|cast(?:\s+member)?|#)\s*#?\s*(?P<n>\d+)|"
           rf"(?P<nth>{ORDINAL_RE})\s+(?:person|character|face|guy|girl|man|woman|one))")
_NAME_IS = [
    # "number 7 is called Dieter", "the guy who's number 7 is Dieter"
    # "the girl who shows up as #2 is called Aoife", "the man who appears as number 3 is my uncle Vic"
    re.compile(rf"^(?:the\s+)?(?:(?:guy|girl|man|woman|lady|kid|boy|person|one|bloke|dude|fella)\s+(?:who'?s|who\s+is|"
               rf"that'?s|that\s+is|(?:who|that)\s+(?:shows\s+up|appears|comes\s+up|is\s+listed)\s+as)\s+)?"
               rf"{_NUMBER}\s+(?:is\s+called|is\s+named|should\s+be(?:\s+called)?|is|=|'s)\s+"
               r"(?P<name>.+)$", re.IGNORECASE),
    re.compile(rf"^(?:call|name|label|rename)\s+(?:the\s+)?{_NUMBER}\s+(?:as\s+|to\s+)?(?P<name>.+)$",
               re.IGNORECASE),
    re.compile(r"^#(?P<n>\d+)\s+(?P<name>.+)$", re.IGNORECASE),
    # "2 is Thom": a bare number, so only before a capitalised name ("2 is too long" is about a clip)
    re.compile(rf"^(?P<n>\d+)\s+(?i:is\s+called|is\s+named|should\s+be|is|=|'s)\s+"
               rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})$"),
    # "Dad is number 1", "Mia is #3": a capitalised name first, then the number
    re.compile(rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\s+(?i:is|=|'s)\s+(?i:the\s+)?(?i:{_NUMBER})$"),
]
_HERO_ROLE = r"(?:hero(?:ine)?|main\s+(?:character|guy|girl|person)|protagonist|lead)"
_HERO_IS = [
    re.compile(rf"^(?P<who>.+?)(?:\s+(?:is|should\s+be|will\s+be|must\s+be)|'s)\s+(?:the|our|my)\s+(?:real\s+)?"
               rf"{_HERO_ROLE}(?:\s+(?:actually|now|here|from\s+now\s+on|(?:of|in)\s+(?:this|the|our|my)\s+"
               r"(?:one|video|film|movie|story|cut|thing)))?$", re.IGNORECASE),
    re.compile(rf"^(?:the|our|my)\s+(?:real\s+)?{_HERO_ROLE}\s+(?:is|should\s+be|will\s+be)\s+(?P<who>.+)$",
               re.IGNORECASE),
    re.compile(rf"^make\s+(?P<who>.+?)\s+(?:the|our)\s+{_HERO_ROLE}$", re.IGNORECASE),
]
# A "name" made of these is a judgement about a clip ("number 2 is too long"), not a name.
_NOT_A_NAME = frozenset(
    "too very so long short boring bad good better worse great fine wrong not slow fast funny missing "
    "the a an it clip shot scene better best worst dark bright".split()
)
_MAX_NAME_WORDS = 4
# "the policeman", "the old man", "the woman in the hat": someone named by what they are (a user who does not
# know the name); a judgement ("the best") is no such name
_PERSON_NOUNS = (r"(?:police(?:man|woman)|cop|officer|man|woman|guy|girl|boy|kid|child|lady|gentleman|doctor|"
                 r"nurse|teacher|waiter|waitress|driver|mother|father|mum|mom|dad|reporter|operator|soldier|"
                 r"captain|boss|chef|scientist|villain|stranger|tramp|priest|judge|pilot|robot)")
_DESCRIBED = re.compile(rf"the\s+(?:[a-z][\w-]*\s+){{0,2}}?{_PERSON_NOUNS}(?:\s+(?:in|with)\s+"
                        r"(?:the\s+|a\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?", re.IGNORECASE)


# Who someone is to the user, said before their name ("my sister Ana", "our neighbour Mrs Patel")
_RELATION = re.compile(
    r"^(?i:my|our|his|her|their)\s+(?i:little\s+|big\s+|older\s+|younger\s+|best\s+|baby\s+|twin\s+)?"
    r"(?i:sister|brother|mum|mom|mother|dad|father|son|daughter|wife|husband|partner|girlfriend|boyfriend|friend|"
    r"neighbou?r|cousin|aunt|auntie|uncle|niece|nephew|grandma|grandpa|granny|grandad|grandmother|grandfather|nan|"
    r"nana|boss|colleague|teacher|coach|kid|baby|bestie|mate)\s+(?=[A-Z])")


def _number_of(m: re.Match[str]) -> int:
    """The character number of a ``_NUMBER`` match: "number 3", "#3", "the third person"."""
    return int(m.group("n")) if m.group("n") else ordinal_value(m.group("nth").lower()) or 0


def _number_or_name(who: str, names: Sequence[str]) -> str | None:
    """A hero given as "#2"/"number 2", a known name, or a capitalised name; None for anything else."""
    who = who.strip(" .!\"'")
    if m := re.fullmatch(_NUMBER, who, re.IGNORECASE):
        return f"#{_number_of(m)}"
    known = {n.lower(): n for n in names}
    if who.lower() in known:
        return known[who.lower()]
    words = who.split()
    if 0 < len(words) <= _MAX_NAME_WORDS and all(re.fullmatch(_NAME_WORD, w) for w in words):
        return who
    return None


# "number 2 is my brother, call him Sam": the name for the character just described
PRONOUN_NAME = re.compile(rf"^(?i:and\s+)?(?i:call|name|label)\s+(?i:him|her|them|it)\s+(?i:as\s+)?"
                          rf"(?P<name>{_NAME})$")
# "she's the main character", "he is our lead": the hero, named by a pronoun for someone just named
PRONOUN_HERO = re.compile(r"^(?:and\s+)?(?:she|he|they)(?:'s|'re|\s+is|\s+are|\s+should\s+be|\s+will\s+be)"
                          rf"\s+(?:the|our|my)\s+(?:real\s+)?{_HERO_ROLE}(?:\s+(?:actually|now|here|too|(?:of|in)\s+(?:this|the|"
                          r"our|my)\s+(?:one|video|film|movie|story|cut|thing)))?$",
                          re.IGNORECASE)
_AND_PRONOUN_HERO = re.compile(r"^(?P<first>.+?)\s*(?:[,;]\s*|\s+)(?P<hero>(?:and\s+)?(?:she|he|they)\b.+)$",
                               re.IGNORECASE)


def naming(text: str, names: Sequence[str]) -> list | None:
    """"number 2 is Celia" -> NameCharacter; "Celia is the hero" -> ChooseHero; "number 3 is Lily and she's
    the main character" -> both; else None.

    ``text`` keeps the user's case (names are written as typed); number words are already digits.
    """
    text = text.strip(" .!")
    if (both := _AND_PRONOUN_HERO.match(text)) and PRONOUN_HERO.match(both.group("hero")):
        named = naming(both.group("first"), names)
        if named and isinstance(named[0], NameCharacter):
            return [*named, ChooseHero(person=named[0].name)]
    for pattern in _NAME_IS:
        if m := pattern.match(text):
            # "number 3 is my sister Ana": the name, not who she is to the user (it named her "my sister Ana")
            name = _RELATION.sub("", clean_name(m.group("name")))
            words = name.lower().split()
            if _DESCRIBED.fullmatch(name):  # "number 8 is the policeman": a name by what they are
                return [NameCharacter(character=_number_of(m), name=" ".join(words))]
            if (not name or len(words) > _MAX_NAME_WORDS or _NOT_A_NAME.intersection(words)
                    or words[0] in _NOT_NAMES):
                break  # "number 2 is too long" is a judgement; "number 1 should be the hero" is read below
            return [NameCharacter(character=_number_of(m), name=name)]
    for pattern in _HERO_IS:
        if (m := pattern.match(text)) and (who := _number_or_name(m.group("who"), names)):
            return [ChooseHero(person=who)]
    return None


# --- people inside queries -------------------------------------------------------------------------
def _name_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    # a name by what someone is ("the policeman") is found with or without its "the"
    alternatives = "|".join(rf"(?:the\s+)?{re.escape(_bare(n))}" if _bare(n) != n else re.escape(n)
                            for n in sorted(names, key=len, reverse=True))
    # "Celia's", and "celias lines" typed without the apostrophe (not after a name ending in s)
    return re.compile(rf"(?<![\w#])(?:{alternatives})(?:['\u2019]s|(?<![sS])s)?(?!\w)", re.IGNORECASE)


def _bare(name: str) -> str:
    """A name without the "the" of a name by what someone is: "policeman" for "the policeman"."""
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)


def _role_ref(found: str) -> str:
    """The role as the query keeps it: "hero", "heroine", "main character", "leads"."""
    if role_of(found) == "leads":
        return "leads"
    return re.sub(r"^(?:the|our|my)\s+", "", " ".join(found.lower().split()))


def _people_in(text: str, names: Sequence[str]) -> tuple[list[str], str]:
    """The cast names and roles in ``text`` (canonical spelling, in order) and ``text`` without them."""
    canonical = {_bare(n).lower(): n for n in names}
    found: list[tuple[int, str]] = []
    pattern = _name_pattern(names)
    rest = text
    def spelt(found: str) -> str:
        said = _bare(" ".join(found.lower().split()))
        return canonical.get(said) or canonical[re.sub(r"['\u2019]?s$", "", said)]

    def role(found: str) -> str:
        return _role_ref(re.sub(r"['\u2019]s$", "", found))

    for finder, spell in ((pattern, spelt), (_ROLE_OWNING, role)):
        if finder is None:
            continue
        for m in finder.finditer(rest):
            found.append((m.start(), spell(m.group(0))))
        rest = finder.sub(" \u2063 ", rest)  # a marker where a person was, so joiners around it go too
    rest = re.sub(rf"(?:\b{_JOINERS}\s+)?\u2063(?:\s+(?:and|&|or)\b)?", " ", rest, flags=re.IGNORECASE)
    rest = " ".join(rest.split())
    previous = None
    while previous != rest:
        previous, rest = rest, _EDGE_NOISE.sub("", rest).strip()
    return [name for _, name in sorted(found)], rest


_CLIP_NOUNS = re.compile(r"^(?:(?:the|all|every|each|any)\s+)*(?:(?:scenes?|clips?|shots?|parts?|bits?|ones?|"
                         r"moments?)(?:\s+(?:with|of|featuring|showing))?\s*)?|\s*(?:scenes?|clips?|shots?|parts?|bits?|"
                         r"ones?|moments?)$")


def refs_with_people(ops: list, clause: str, names: Sequence[str]) -> list:
    """``ops`` whose clip references name cast members by their words ("slow down the scenes with Thom",
    "trim the Celia clips to 3 s") with them as the reference's ``people``: clips chosen with them on screen,
    else the parts a search for them finds (it had been a picture search for the words "thom"). A name the
    cast lacks, capitalised after "with" in ``clause``, is a person too (the chat says who it knows)."""
    unknown = _unknown_in(clause, names)
    if not names and not unknown:
        return ops
    out = []
    for op in ops:
        for field in CLIP_REF_FIELDS:
            ref = getattr(op, field, None)
            if not isinstance(ref, ClipRef) or not ref.matching or ref.people:
                continue
            found, rest = _people_in(ref.matching, [*names, *unknown])
            if not found:
                continue
            rest = _without_being_there(_CLIP_NOUNS.sub("", _CLIP_NOUNS.sub("", rest)).strip())
            op = op.model_copy(update={field: ref.model_copy(update={"matching": rest or None,
                                                                     "people": tuple(found[:4])})})
        out.append(op)
    return out


def _unknown_in(text: str, names: Sequence[str]) -> list[str]:
    """Capitalised names after "with"/"without" or before a speech verb that the cast does not know."""
    known = {n.lower() for n in names}
    out = []
    for pattern in (_NAMED_AFTER_WITH, _NAMED_SPEAKER, _NAMED_DOING, _NAMED_TOGETHER, _NAMED_ON_SCREEN,
                    _NAMED_MORE, _NAMED_ONLY, _NAMED_AT, _NAMED_OUT, _NAMED_OWNING):
        for m in pattern.finditer(text):
            said = m.groupdict().get("names") or m.groupdict().get("pair") or m.groupdict().get("one") or ""
            for word in re.split(r"\s*,\s*|\s+(?:and|&|or)\s+", said):
                word = re.sub(r"'s$", "", word)
                if word.lower() not in known and word.lower() not in _NOT_NAMES and not _ROLE.fullmatch(word):
                    out.append(word)
    return list(dict.fromkeys(out))


def with_people(ops: list, clause: str, names: Sequence[str]) -> tuple[list, bool | None]:
    """``ops`` with people moved from query text into ``Query.people``; True if it found any (then the
    query is what was asked, not a guess: "with Xavier" is a person even when the cast lacks him); None
    when what it says of them has no plan (``_either``), so it is a guess.

    ``clause`` is the request's clause as typed, quotes replaced by placeholders (a quoted line is
    dialogue, never a name). When the clause has one query, every person it mentions belongs to it
    ("where Thom talks about robots": the dialogue query "robots" gets Thom).
    """
    query_ops = [op for op in ops if isinstance(op, QUERY_OPS) and op.query is not None]
    if not query_ops:
        return ops, False
    # "only the shots with people in them", "drop the ones without anybody": the cast, anyone of it
    if (someone := [_someone_op(op) if op in query_ops else op for op in ops]) != ops:
        return someone, True
    clause_people, _ = _people_in(clause, names)
    unknown = _unknown_in(clause, names)
    if not clause_people and not unknown:
        return ops, False
    out = []
    for op in ops:
        if op in query_ops and len(query_ops) == 1 and (beside := _beside_people(op, clause, names,
                                                                             clause_people + unknown)):
            out.append(beside)  # "put Celia's scenes before Thom's": each side its own people
            continue
        if op in query_ops:
            op = op.model_copy(update={"query": _person_query(op.query, names, clause_people + unknown
                                                               if len(query_ops) == 1 else [])})
        out.append(op)
    if len(query_ops) == 1 and _said_with_or(clause, out):
        return _either(out)
    return out, True


_BESIDE_WORD = re.compile(r"\b(?:before|after|ahead\s+of|behind|following|preceding)\b", re.IGNORECASE)


def _beside_people(op: object, clause: str, names: Sequence[str], people: list[str]) -> Move | None:
    """A move next to another search with people on both sides ("put Celia's scenes before Thom's scenes",
    "the scenes with Celia before the scenes with Thom", "put the dog after Thom's speech"): the people said
    before "before"/"after" are the moved search's, those after it the anchor's (all had gone to the moved
    search, and the anchor searched "thom's"); None for other ops, or with no one named after the word."""
    if not isinstance(op, Move) or (anchor := op.before or op.after) is None or not people:
        return None
    cut = _BESIDE_WORD.search(clause)
    if cut is None:
        return None
    def said_in(part: str) -> list[str]:
        return [p for p in people if re.search(rf"(?<!\w){re.escape(_bare(p))}(?!\w)", part, re.IGNORECASE)]
    moved, beside = said_in(clause[:cut.start()]), said_in(clause[cut.end():])
    if not beside:
        return None  # the people are the moved search's alone: read as any search's
    side = "before" if op.before is not None else "after"
    return op.model_copy(update={"query": _person_query(op.query, names, moved) if moved else op.query,
                                 side: _person_query(anchor, names, beside)})


# "only the scenes with Celia or Thom", "Celia, Thom or Hildy": any of them, not all of them together
_OR_BETWEEN = re.compile(r"^(?:['\u2019]s)?\s*,?\s*(?:or|or\s+else)\s+(?:of\s+|with\s+)?$", re.IGNORECASE)


def _said_with_or(clause: str, ops: list) -> bool:
    """Whether two people of the clause's search are joined by "or" where it names them."""
    people = [p for op in ops if isinstance(q := getattr(op, "query", None), Query) for p in q.people]
    found = sorted((m.start(), m.end()) for person in people
                   for m in re.finditer(rf"(?<!\w){re.escape(_bare(person))}(?!\w)", clause, re.IGNORECASE))
    pairs = zip(found, found[1:], strict=False)
    return any(_OR_BETWEEN.match(clause[end:start]) for (_, end), (start, _) in pairs)


def _either(ops: list) -> tuple[list, bool | None]:
    """The clause's one search for several people, said with "or": each person's scenes ("Celia or Thom
    arguing": each one arguing; a new cut of the first and the others added; each removed; each added). A
    pick from the cut of any of them ("keep the ones with Celia or Thom") has no plan of its own: None, a
    guess to ask about (before, every one of these read as all of them on screen together)."""
    out: list = []
    for op in ops:
        query = getattr(op, "query", None)
        if not isinstance(op, QUERY_OPS) or not isinstance(query, Query) or len(query.people) < 2:
            out.append(op)
            continue
        each = [query.model_copy(update={"people": (person,)}) for person in query.people]
        if isinstance(op, KeepOnly):
            out += [KeepOnly(query=each[0]), *(Add(query=q) for q in each[1:])]
        elif isinstance(op, Remove | Add):
            out += [type(op)(query=q) for q in each]
        else:
            return ops, None
    return out, True


def _someone_op(op):  # noqa: ANN001, ANN202 - any query op
    """``op`` on "someone" (anyone of the cast) when its query is only "people"; for "nobody", the op turned
    round ("remove the shots with nobody in them" keeps those with someone)."""
    if op.query.kind == "dialogue":
        return op
    if isinstance(op, Remove) and re.fullmatch(r"(?:the\s+|all\s+(?:the\s+)?)?faces?", op.query.text):
        return op  # "remove the faces" may mean a blur: not read as the shots with someone
    query = Query(people=(SOMEONE_REF,), videos=op.query.videos)
    if _SOMEONE.fullmatch(op.query.text):
        return op.model_copy(update={"query": query})
    if _NOBODY.fullmatch(op.query.text) and isinstance(op, Keep | KeepOnly | Remove):
        return Keep(query=query) if isinstance(op, Remove) else Remove(query=query)
    return op


def people_from_text(query: Query, names: Sequence[str]) -> Query:
    """``query`` with the cast names and roles of its (non-dialogue) text moved into its people."""
    return _person_query(query, names, [])


def _without_being_there(text: str) -> str:
    """``text`` less a person's being there ("shows up", "is on screen"), which a person in a query means
    already; "shows up on the bridge" keeps where ("on the bridge")."""
    if there := _BEING_THERE.match(text):
        rest = text[there.end():].strip()
        if not rest or re.match(r"(?:on|in|at|by|near|inside|outside|under|behind)\s", rest):
            return _EDGE_NOISE.sub("", rest).strip()
    return text


def _person_query(query: Query, names: Sequence[str], clause_people: list[str]) -> Query:
    people, text = ([], query.text) if query.kind == "dialogue" else _people_in(query.text, names)
    unknown = [w for w in clause_people if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE)]
    for name in unknown:
        text = " ".join(re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text, flags=re.IGNORECASE).split())
    everyone = list(dict.fromkeys([*people, *clause_people]))[:4]
    if not everyone:
        return query
    text = re.sub(rf"^\s*(?:(?:{_JOINERS}|either|or)\s*)+$", "", text)  # "Celia and Thom": only the joiner
    if len(everyone) > 1:  # "Sam and Jo together": being on screen together is what people in a query mean
        text = _TOGETHER.sub("", text)
    text = _EDGE_NOISE.sub("", text).strip()
    if query.kind != "dialogue":
        text = _without_being_there(text)
    # "Ines at her piano recital": whose it is, once she is named, is no picture to search for
    if query.kind != "dialogue":
        text = re.sub(r"^(?:her|his|their)\s+(?=\w)", "", text)
    text = re.sub(rf"^(?:{_KIN_NAMING}|(?i:{KIN_NOUNS}))$", "", text)  # "my son Ben": who Ben is, no search
    # with no words left, no signal is chosen: the people alone decide
    return Query(text=text, kind=query.kind if text else "auto", people=tuple(everyone))


# "with Ava, Lily and Mei", "only Mo, Ali, and Sam": a comma inside a list of names is not a clause's end
# (it had kept Ava's scenes and then added Lily's and Mei's)
_LIST_LEAD = r"(?:with|without|featuring|starring|except|just|only|and|of)"
_SERIES_WORD = r"[^\W\d][\w'\-]*"
_NAME_SERIES = re.compile(
    rf"(?<![\w'\-])(?P<names>{_SERIES_WORD}(?:\s*,\s*{_SERIES_WORD})+,?\s+(?:and|&|or)\s+{_SERIES_WORD})"
    r"(?![\w'\-])", re.IGNORECASE)


def joined_name_lists(text: str, names: Sequence[str]) -> str:
    """``text`` with each comma list of names said as one ("Ava and Lily and Mei"), so clauses are not split
    inside it: names the cast knows anywhere, other capitalised words only after "with", "only" and the like
    (elsewhere "Cut, Trim and Fade" may be three edits)."""
    known = {_bare(n).lower() for n in names}

    def joined(m: re.Match[str]) -> str:
        words = re.split(r"\s*,\s*(?:(?:and|&|or)\s+)?|\s+(?:and|&|or)\s+", m["names"])
        lead = re.search(rf"\b{_LIST_LEAD}\s+$", text[:m.start()], re.IGNORECASE)
        if any(w.lower() in _NOT_NAMES for w in words):
            return m[0]
        if all(w.lower() in known for w in words) or (lead and all(w[0].isupper() for w in words)):
            last = re.search(r"\s(and|&|or)\s+\S+$", m["names"])
            return f" {last[1] if last else 'and'} ".join(words)
        return m[0]

    return _NAME_SERIES.sub(joined, text)
