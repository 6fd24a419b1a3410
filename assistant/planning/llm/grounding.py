"""Checks that a model's plan is made of the request, not of its examples.

Small models copy: a query from a few-shot example ("market" for "the dance numbers"), a duration read as
a query ("the best 30 seconds" -> query "30 seconds"), a query left in Chinese although the video search
reads only English, the same op twice. A schema cannot see these; the request can. A failed check becomes
a ``PlannerError`` whose message is sent back to the model for its one repair, and if the repair fails
too, the turn goes back to the rules parser, which asks the user instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TypeVar

from pydantic import BaseModel

from assistant.plan.language import reads_as_english
from assistant.plan.schema import (
    BLUR_OPS,
    NAMED_REF,
    Add,
    Best,
    Blur,
    ChooseHero,
    ClipRef,
    EditPlan,
    Extend,
    Fade,
    ForMe,
    Keep,
    KeepOnly,
    LengthBound,
    LessLike,
    Like,
    LimitDuration,
    MoreLike,
    MoveClip,
    NameCharacter,
    Order,
    Query,
    Redo,
    Reframe,
    RemoveClip,
    RemoveLine,
    Reset,
    Speed,
    Split,
    Suggest,
    SwapClips,
    Title,
    Transition,
    Trim,
    TrimTo,
    Unblur,
    Undo,
    Volume,
    role_of,
)
from assistant.planning.base import PlannerError
from assistant.planning.rules.end_fades import end_fade_ops
from assistant.planning.rules.line_refs import as_line_op
from assistant.planning.rules.number_words import ORDINALS, spoken_durations, words_to_digits
from assistant.planning.rules.parser import HESITATION, pair_transition, without_quotes
from assistant.planning.rules.people import people_from_text
from assistant.planning.rules.privacy import clip_blur_ops

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words a model may add to a query without them being in the request (articles, "scenes", plurals are
# handled by the stem match below).
_FILLER = frozenset(
    "a an the of with in on at to and or scene scenes shot shots part parts bit bits clip clips moment "
    "moments one ones".split()
)
_DURATION_QUERY = re.compile(
    r"^\s*(?:\d+(?:[.,]\d+)?|a|an|one|two|three|half\s+a)\s*(?:s|secs?|seconds?|mins?|minutes?|h|hours?)\s*$",
    re.IGNORECASE,
)
_VAGUE = frozenset("thing things stuff something anything everything whatever footage video videos".split())
_RANKING_QUERY = frozenset({"best", "good", "highlight", "highlights", "good parts", "best parts", "top"})
# Word stems an English request for a blur or a new frame shape uses; an effect op without one was copied
# from an example ("only the fights" is no reason to crop to 9:16). "Blurry shots" are out of focus, not a
# request to blur.
_BLUR_WORDS = re.compile(
    r"blur(?!ry)|pixel|hid|face|anonym|mask|obscur|cover|censor|recogni|identif|extras|bystander|reveal|visible",
    re.IGNORECASE,
)
# An op that uncovers faces needs a word that asks for it: a small model answers "pixelate all the faces"
# with "target": "none" (measured), which would show every face the person wanted hidden.
_UNCOVER_WORDS = re.compile(
    r"\b(?:no|not|stop\w*|off|un(?:blur|hid|mask|cover|pixel|do)\w*|remove|without|don'?t|never|reveal\w*|"
    r"show\w*|see|visible|clear|"
    r"disable|rid|lose|drop|cancel|undo|again)\b|n't\b",
    re.IGNORECASE,
)
# "the toast is hard to hear, make it 50% louder": the sound (a small model sped the cut up to 1.5x)
_SOUND_SAID = re.compile(r"\b(?:loud\w*|quiet\w*|volume|sound|audio|hear\w*|mute\w*|silen\w*|noise|noisy)\b",
                         re.IGNORECASE)
_SPEED_SAID = re.compile(r"speed|sped|fast|slow|quick|pace|tempo|rush|hurr|zip|motion|slo-?mo|\d\s*x\b|×|"
                         r"\btimes\b|\bdrag|\bcrawl|\bbrisk|\bsnapp|\btime-?lapse|\bplay(?:s|ing|back)?\b",
                         re.IGNORECASE)
# "blur him": one person, never everyone (a small model blurred every face)
_ONE_PERSON = re.compile(r"\b(?:him|her|his|hers|that\s+(?:guy|man|woman|girl|boy|kid|person))\b",
                         re.IGNORECASE)
_EVERYONE = re.compile(r"\b(?:all|every\w*|faces|people|crowd|extras|bystanders|strangers|them|others)\b",
                       re.IGNORECASE)
_SHAPE_WORDS = re.compile(
    r"\d+\s*[:x/]\s*\d+|\d+\s+by\s+\d+|vertical|portrait|square|wide|landscape|horizontal|original|normal|"
    r"aspect|ratio|shape|format|crop|frame|phone|mobile|tik\s*tok|reel|short|stor(?:y|ies)|instagram|insta",
    re.IGNORECASE,
)

# Word stems of an English statement of taste; a like op without one was copied from an example ("more of
# the dragons" asks for an edit, it says nothing about the person).
_TASTE_WORDS = re.compile(
    r"\b(?:lik|lov|enjoy|ador|fan\b|into\b|favou?rite|fave|hate|dislik|stand|bor|tired|sick|dull|annoy|"
    r"tedious|watch|care|dig\b|sucker|fond|keen|crazy|obsess|detest|loath|bear\b)",
    re.IGNORECASE,
)


# "can you like also put in ...", "and like make it a minute": "like" as a filler says nothing about taste
_FILLER_LIKE = re.compile(
    r"(?:\b(?:you|so|um+|uh+|and|just|basically|literally|it'?s|was|or)\s*,?\s+|,\s*)like\b(?=\s*,?\s*(?:also|make|"
    r"put|add|get|cut|take|remove|keep|a|an|the|\d|so|um+|just|really|totally|half|double|maybe|only|,))",
    re.IGNORECASE,
)


def _without_filler_like(text: str) -> str:
    return _FILLER_LIKE.sub(" ", text)


# Ops a small model appends from its examples (a crossfade after "call it The Long Way Home", a relevance
# order before "put the dog scenes first"): each needs one of its words in an English request.
_ASKED: tuple[tuple[type | tuple[type, ...], re.Pattern[str]], ...] = (
    (Transition, re.compile(r"fad|dissolv|transition|blend|dip|wipe|cuts\b|(?:hard|straight|jump|clean)\s+"
                            r"cut|black|mix", re.IGNORECASE)),
    (Speed, re.compile(r"speed|fast|slow|quick|pace|tempo|motion|\bmo\b|slo|\d\s*x\b|\d\s*%|times|real\s*"
                       r"time|hurr|rapid|sped|rush|zoom|double|half|normal|tripl|thrice|quadrupl",
                       re.IGNORECASE)),
    (Order, re.compile(r"order|sort|chrono|story|arrange|rank|relevan|first|best|top|sequence|timeline|"
                       r"strongest|match|plot|happen|revers|backward|opposite|invert|round", re.IGNORECASE)),
    (MoveClip, re.compile(r"move|put|place|shift|stick|bring|slide|drag|push|bump|nudge|first|last|start|end|"
                          r"begin|open|clos|finish|lead|before|after|front|behind|follow|preced|position|slot|"
                          r"spot|earlier|later|sooner|\bup\b|\bdown\b|between|make", re.IGNORECASE)),
    (SwapClips, re.compile(r"swap|switch|exchange|trade|flip|interchange|transpose|round|places",
                           re.IGNORECASE)),
    (Split, re.compile(r"split|shot|scene|chop|break|divid|separat|piece|apart|individual|each|per\b",
                       re.IGNORECASE)),
    # "unblur Jess, she said she's fine with being in it" is no request for a surprise cut
    (ForMe, re.compile(r"for\s+me|\bi'?d\b|\bi\s+(?:would|will|might)\b|\bi'?ll\b|surprise|"
                       r"my\s+(?:taste|own|kind)|personal|lik|lov|enjoy|recommend|suggest|pick|choose|something",
                       re.IGNORECASE)),
    (Suggest, re.compile(r"suggest|recommend|idea|pick|option|what\s+(?:else|would|should|could|do)|which|"
                         r"any|lik|lov|enjoy|propos|tip|advi[cs]e|show\s+me", re.IGNORECASE)),
    # a length needs a word for one ("we present it on thursday" is no reason to cut it to two minutes)
    (LimitDuration, re.compile(r"\d|half|third|quarter|fifth|tenth|minute|\bmins?\b|second|\bsecs?\b|short|"
                               r"long|length|tight|brief|quick|condens|runtime|duration|trim|percent|double|"
                               r"twice|triple|drag|bor|down|shave|lose|cut|reduc|shrink|extend|stretch|grow|cap|"
                               r"limit|max|under|over|hour|fit|reel|tiktok|trailer|teaser|summar|recap|highlight",
                               re.IGNORECASE)),
    # a clip made longer needs a word for more of it ("keep the first 3 seconds of clip 2" shortens it)
    (Extend, re.compile(r"long|extend|lengthen|stretch|pad|grow|more|extra|another|earlier|sooner|later|"
                        r"run\s+on|add|give", re.IGNORECASE)),
    # a title needs a word for one or a quote: "Good afternoon." and "for TikTok" name no title (measured)
    # ("it's for grandad's memorial" has apostrophes, no quote: the model made it the title, measured)
    (Title, re.compile(r"titl|call|name|caption|heading|headline|text|word|card|label|say|read|open|[\"“”‘]|"
                       r"(?:^|[\s(])'|'(?=[\s).,!?]|$)|:", re.IGNORECASE)),
    # "4x the setup clips" speeds them up; it adds nothing (the model also added "setup": measured)
    (Add, re.compile(r"add|more|includ|put|bring|back|too|also|plus|\+|throw|stick|insert|want|need|give|"
                     r"show|restor|get|as\s+well|miss|forg[eo]t|pop|squeeze|slip|work|incorporat|append|extra|again|"
                     r"with|keep|return|bung|chuck|fit|splice|where|let|have|see", re.IGNORECASE)),
    # "what are the 3 funniest moments with the puppy? make a video of those": no taste said (measured: a
    # more_like of clip 3); "more like clip 3", "fewer like those", "don't show me stuff like that again"
    (MoreLike, re.compile(r"\bmore\b|similar|\blike\b|same\s+(?:kind|sort|type|vibe)|another|others",
                          re.IGNORECASE)),
    (LessLike, re.compile(r"\bless\b|fewer|\blike\b|not\s+my|similar|same\s+(?:kind|sort|type)|again",
                          re.IGNORECASE)),
    # "go back one more step, and another one after that": two undos (a small model added a redo: measured)
    (Redo, re.compile(r"redo|re-do|again|forward|restor|reapply|re-apply|un-?undo|"
                      r"put\s+(?:it|that|them)\s+back|bring\s+(?:it|that|them)\s+back|after\s+all|"
                      r"want(?:ed)?\s+(?:it|that)|liked?\s+(?:it|that)", re.IGNORECASE)),
    ((Undo, Reset), re.compile(r"undo|redo|revert|back|reset|over|original|scratch|again|restore|"
                                     r"previous|earlier|start|scrap|cancel|mind|mistake|wrong|afresh|fresh|"
                                     r"step|before",
                                     re.IGNORECASE)),
)
_CUT_STYLE = re.compile(r"\b(?:hard|straight|jump|clean|plain|normal|simple|quick)\s+cuts?\b", re.IGNORECASE)
_REVERSED = re.compile(r"revers|backward|opposite|invert|flip|other\s+way|last\s+(?:clip|one|shot)\s+first",
                       re.IGNORECASE)
# "fade between the clips" is a crossfade; fading through black needs a word for it.
_BLACK = re.compile(r"black|dark|dip|fade[sd]?\s+(?:out|in)\b|fading\s+(?:out|in)\b", re.IGNORECASE)


def _clauses(request: str) -> list[str]:
    """A request's clauses, lower case and single-spaced, for the rules to read one by one."""
    return [clause.strip() for clause in re.split(r"[,;.!?]|\band\s+then\b|\bthen\b",
                                                  " ".join(request.lower().split()))]


def _end_fades(request: str) -> list[Fade]:
    """The cut's opening or closing fades a request's clauses ask for ("..., and fade out at the end"); none
    when it also speaks of fades between clips (a transition)."""
    if re.search(r"\b(?:between|each|every)\b", request, re.IGNORECASE):
        return []
    return [fade for clause in _clauses(request) for fade in end_fade_ops(clause) or ()]


def _pair_joins(request: str) -> list[Transition]:
    """The transitions a request puts between two clips only ("crossfade between clips 2 and 3 only"), as
    the rules read them: a model's transition for every cut would change every join."""
    return [op for clause in _clauses(request) for op in pair_transition(clause, clause) or ()
            if isinstance(op, Transition)]


def _clip_blurs(request: str, people: Sequence[str]) -> list[Blur | Unblur]:
    """The blurs a request limits to some clips ("blur the faces in clip 2"), as the rules read them (with
    the people the model named): a model's blur has no clips and would blur the whole cut."""
    return [op for clause in _clauses(request) for op in clip_blur_ops(clause, clause, people) or ()]


def _asked_for(plan: EditPlan, request: str, language: str) -> EditPlan:
    """``plan`` without the ops an English request has no word for; a fade to black without a word for
    black is the crossfade the request asked for. Raises when nothing asked-for is left."""
    if not reads_as_english(language):
        return plan
    ops: list = []
    said = _without_filler_like(request)
    # "hard cuts" names a transition, not a shorter cut ("punchy: three best clips, hard cuts": measured)
    no_cut_style = _CUT_STYLE.sub(" ", said)
    for op in plan.ops:
        if any(isinstance(op, kind) and not words.search(no_cut_style if kind is LimitDuration else said)
               for kind, words in _ASKED):
            continue
        if isinstance(op, Order) and op.by == "reverse" and not _REVERSED.search(request):
            continue  # "in story order" is no reason to play the cut backwards
        if isinstance(op, Transition) and op.kind != "cut" and (fades := _end_fades(request)):
            ops.extend(fade for fade in fades if fade not in ops)  # "fade out at the end" is no transition
            continue
        if isinstance(op, Transition) and op.into is None and (joins := _pair_joins(request)):
            ops.extend(join for join in joins if join not in ops)  # "... between clips 2 and 3 only"
            continue
        if isinstance(op, Blur | Unblur) and op.clips is None and (blurs := _clip_blurs(request, op.people)):
            ops.extend(blur for blur in blurs if blur not in ops)  # "blur the faces in clip 2"
            continue
        if isinstance(op, Transition) and op.kind == "fade_black" and not _BLACK.search(request):
            op = Transition(kind="crossfade", seconds=op.seconds)
        ops.append(op)
    if not ops and plan.ops:
        raise PlannerError("the message asks for none of these operations: read it again")
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})


# "shots of the pier" asks for a picture search; "the scene at the pier" for the fused one (the default).
_PICTURE_WORDS = re.compile(r"shot|show|see|look|visual|picture|image|frame|view|footage|appear|depict",
                            re.IGNORECASE)
# A clip named by its number ("clip 6", "the third clip"): the plan must point at it. ("number 7" and "#7"
# may be a person of the cast; "each shot 2 seconds" is a length.)
_CLIP_NUMBER = re.compile(
    r"\b(?:clips?|shots?|scenes?)\s*#?\s*(?P<n>\d+)\b(?!\.\d|\s*(?:s|secs?|seconds?|mins?|minutes?|x|%)(?!\w))|\b(?:first|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth|tenth|last|\d+(?:st|nd|rd|th))\s+(?:clip|shot|one)\b", re.IGNORECASE)


# A dialogue search needs a word for speech or a quoted line.
# (whole words: "the telly is on" says nothing of speech)
_SPEECH_WORDS = re.compile(
    r"\b(?:say|says|said|saying|talk\w*|speak\w*|spoke\w*|mention\w*|lines?|dialog\w*|quot\w*|words?|"
    r"tell(?:s|ing)?|told|ask\w*|shout\w*|yell\w*|whisper\w*|scream\w*|call(?:s|ed|ing)?|discuss\w*|"
    r"conversation\w*|speech\w*|chat\w*|voice\w*|sing\w*|sang|sung|explain\w*|joke\w*|toast\w*|vows?)\b|"
    r"[\"“„«「]", re.IGNORECASE)
# "of these keep the night ones", "keep the ones with the girl": picking from the cut as it is.
_FROM_THIS_CUT = re.compile(
    r"\b(?:of|from|out\s+of|among|within)\s+(?:these|those|them|what|the\s+(?:current\s+)?cut|this)\b|"
    r"\bones?\b|\bkeep\s+(?!only\b|just\b|nothing\b)", re.IGNORECASE)
_NEGATIVE_TASTE = re.compile(
    r"hate|dislik|can'?t\s+stand|cannot\s+stand|sick|tired|bor(?:e|ed|ing)|annoy|tedious|dull|"
    r"not\s+(?:a\s+)?(?:fan|into|keen)|don'?t\s+(?:like|love|enjoy|care)|detest|loath|too\s+much|enough\s+of|"
    r"over\s+(?:it|them)", re.IGNORECASE)
_ORDINAL_THING = re.compile(
    r"\bthe\s+(?:very\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|"
    r"\d+(?:st|nd|rd|th))\s+(?!half|time|place|thing|way|minutes?|seconds?|hours?|bit\s+of)[a-z]+",
    re.IGNORECASE)


_WithQuery = TypeVar("_WithQuery", bound=BaseModel)


def fused(op: _WithQuery) -> _WithQuery:
    """``op`` (one with a query) with that query read by the default fused search (kind "auto")."""
    query: Query = getattr(op, "query")  # noqa: B009 - any op with a query
    return op.model_copy(update={"query": query.model_copy(update={"kind": "auto"})})


def _read_as_said(plan: EditPlan, request: str, language: str) -> EditPlan:
    """Small corrections an English request decides by its words: a "visual" or "dialogue" search with no
    word for a picture or for speech is the default fused one; "keep" (narrow this cut) without words for
    picking from it is "keep_only"; a ranked limit's count must be a number the message has; a taste
    statement said with a word of dislike is a dislike."""
    if not reads_as_english(language):
        return plan
    pictures, speech = bool(_PICTURE_WORDS.search(request)), bool(_SPEECH_WORDS.search(request))
    numbers = {int(n) for n in re.findall(r"\d+", words_to_digits(request.lower()))}
    line = _quoted_line(request)
    lines = [q for q in _queries(plan) if q.kind == "dialogue"]
    ops = []
    for op in plan.ops:
        query = getattr(op, "query", None)
        if isinstance(query, Query) and (query.kind == "visual" and not pictures
                                         or query.kind == "dialogue" and not speech):
            op = fused(op)
        elif (isinstance(query, Query) and query.kind == "dialogue" and line and len(lines) == 1
              and not set(_WORD.findall(query.text.lower())) <= set(_WORD.findall(line.lower()))):
            # 'add where the coach says "we don't quit"' searched for "coach": the line said is the search
            op = op.model_copy(update={"query": query.model_copy(update={"text": line})})
        elif (isinstance(query, Query) and query.kind == "auto" and line and not query.people
              and _letters(query.text) == _letters(line)):
            # 'the bit where she says "I never told anyone"' searched as a picture too: it is a line said
            op = op.model_copy(update={"query": query.model_copy(update={"kind": "dialogue"})})
        query = getattr(op, "query", None)
        if isinstance(query, Query) and (plain := _without_possessives(query)):
            op = op.model_copy(update={"query": query.model_copy(update={"text": plain})})
        if isinstance(op, Speed) and op.target.matching and not op.target.indices and not (
                set(_WORD.findall(op.target.matching.lower())) - _NO_CLIPS_NAMED):
            op = op.model_copy(update={"target": ClipRef()})  # "perhaps at half speed" names no clips
        if isinstance(op, Keep) and not _FROM_THIS_CUT.search(request):
            op = KeepOnly(query=op.query)
        if isinstance(op, Best) and op.count is not None and op.count not in numbers:
            op = op.model_copy(update={"count": None})
        if isinstance(op, Like) and op.liked and _NEGATIVE_TASTE.search(request):
            op = op.model_copy(update={"liked": False})
        ops.append(op)
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})


# Words of a speed's target that name no clips ("the whole rest", "perhaps", "it all"): the whole cut.
_NO_CLIPS_NAMED = frozenset("the a an whole rest all everything entire it its this that them these those "
                            "tape footage reel recording montage sequence edit "
                            "video film cut movie thing things clip clips of perhaps maybe possibly probably "
                            "just please more bit half other others remaining".split())


# "the interview with my grandpa": whose it is tells the picture search nothing (the rules drop these too);
# nor do hesitations and dictated punctuation copied from the message ("uh the part where ... period"), or a
# modal verb left at the front ("might the interviews")
_POSSESSIVE = re.compile(rf"\b(?:my|our|your)\s+|{HESITATION.pattern}|\s+(?:period|full\s+stop)$|"
                         r"^(?:might|could|can|would|should|may|will|must)\s+(?=the\s)", re.IGNORECASE)


def _without_possessives(query: Query) -> str | None:
    """A picture query's text without "my", "our", "your", hesitations or a leading modal; None if it has
    none (a line said is searched for as said)."""
    plain = _POSSESSIVE.sub("", query.text).strip()
    return plain if query.kind != "dialogue" and plain != query.text and plain else None


# 'where the coach says "we don't quit at halftime"': the one line quoted after a word for saying it
_SAID_LINE = re.compile(r"\b(?:says?|said|saying|goes|yells?|yelled|shouts?|shouted|asks?|asked|tells?|told|"
                        r"sings?|sang|whispers?|whispered|screams?|screamed)\s*,?\s*[\"“„«「'](?P<line>[^\"”“»」]{3,200})"
                        r"[\"”“»」']", re.IGNORECASE)


def _quoted_line(request: str) -> str | None:
    found = _SAID_LINE.findall(request)
    return found[0].strip(" .,!?") if len(found) == 1 else None


# Words that can point at a clip by position: without one, clip numbers in a plan were made up.
_POSITION_WORDS = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|last|final|this|that|these|those|previous|next|opening|closing|penultimate)\b",
    re.IGNORECASE)


# Numbers that are amounts, never clips: "2x", "x1.5", "0.75s", "3 secs", "50 %", "1:30"
_AMOUNTS = re.compile(r"\d+(?:\.\d+)?\s*(?:x\b|%|percent\b|(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|"
                      r"h)\b)|\bx\s*\d+(?:\.\d+)?\b|\b\d{1,2}:\d{2}\b", re.IGNORECASE)


def _invented_clips(plan: EditPlan, request: str, language: str) -> list[str]:
    """Clip numbers in a plan for a request that names no clip by number or position (measured: "pixelate
    the faces pls, it's going on youtube" -> remove clips 1-5; "run the rest at 2x" -> remove clip 2)."""
    if not reads_as_english(language) or _POSITION_WORDS.search(_AMOUNTS.sub(" ", request)):
        return []
    pointed = any(ref.indices for ref in plan.clip_refs())
    return ["the message names no clip by number: leave out clip numbers"] if pointed else []


# "the last five clips", "everything after clip 3", "clips 2 to 6": numbers the message implies, not says
_RANGE_SAID = re.compile(r"\b(?:last|final|end|rest|remaining|others?|after|from|onwards?|until|till|through|"
                         r"thru|to|every|each|all|between|except|but)\b|[-–]", re.IGNORECASE)


def _clips_past_every_number(plan: EditPlan, request: str, language: str) -> list[str]:
    """A clip number higher than any number or ordinal the message says was made up (measured: "lose the
    second fireworks clip, it's the same as the first" -> remove clip 5). Numbers the message never says at
    all are ``_invented_clips``'s to judge."""
    if not reads_as_english(language) or _RANGE_SAID.search(request):
        return []
    said = words_to_digits(request.lower())
    numbers = {int(n) for n in re.findall(r"\d+", said)} | {
        n for word, n in ORDINALS.items() if re.search(rf"\b{word}\b", said)}
    if not numbers:
        return []
    past = sorted({i for ref in plan.clip_refs() for i in ref.indices if i > max(numbers)})
    return [f"clip {past[0]} is not in the message: use the clips it names"] if past else []


def _reordered_unnamed_clips(plan: EditPlan, request: str, language: str) -> list[str]:
    """A clip moved or swapped by number in a request that names no clip by number or position: "put the car
    chase bits first" moves the scenes that show car chases (measured: move_clip of clip 1)."""
    named = _CLIP_NUMBER.search(request) or _ORDINAL_THING.search(request) or re.search(r"\d", request)
    if not reads_as_english(language) or named:
        return []
    if any(isinstance(op, (MoveClip, SwapClips)) and op.ref.indices for op in plan.ops):
        return ['the message names no clip by number: move the scenes it names with "move" and a query']
    return []


def _unpointed_clips(plan: EditPlan, request: str, language: str) -> list[str]:
    """A request naming a clip by number or position ("clip 6", "the second explosion") whose plan points
    at no clip by number lost it on the way."""
    if not reads_as_english(language):
        return []
    named = _CLIP_NUMBER.search(request) or _ORDINAL_THING.search(request)
    if not named:
        return []
    if any(ref.indices for ref in plan.clip_refs()):
        return []
    if any(op.op in ("undo", "redo", "reset", "more_like", "less_like") for op in plan.ops):
        return []
    # a blur or a transition for the whole cut that the request says of some clips: ``_asked_for`` reads
    # them as those clips (the grammar has no clips for them)
    if any(isinstance(op, Blur | Unblur) for op in plan.ops) and _clip_blurs(request, plan.blur_people()):
        return []
    if any(isinstance(op, Transition) for op in plan.ops) and _pair_joins(request):
        return []
    return [f'the message names "{named.group(0)}": put its number in the op\'s "target" or "ref"']


# "the last line", "the 2nd sentence", "line 3": a line of dialogue by its place in the cut
_LINE_PLACE = re.compile(
    r"\b(?:first|second|third|fourth|fifth|last|final|opening|closing|penultimate|\d+(?:st|nd|rd|th))\s+"
    r"(?:\d+\s+|two\s+|three\s+)?(?:spoken\s+)?(?:lines?|sentences?)\b|\blines?\s+(?:number\s+|#\s*)?\d",
    re.IGNORECASE)


def _lines_as_clips(plan: EditPlan, request: str, language: str) -> list[str]:
    """"drop the last line" planned as a removal of the last clip (a small model drops the "line" of the
    ref) or "delete line 3" as a search for "3": the line's place belongs in a clip ref chosen for "line"
    (read as a line removal after, ``line_refs``)."""
    if not reads_as_english(language) or not (said := _LINE_PLACE.search(request)):
        return []
    if any(isinstance(as_line_op(op), RemoveLine) for op in plan.ops):
        return []
    return [f'the message names a line of dialogue ("{said.group(0)}"), not a clip: give its position as the '
            'ref\'s "indices" with "matching": "line"']


# "30 seconds shorter", "shorter by a minute", "add 10 seconds": an amount to change the length by.
_BY_AMOUNT = re.compile(r"(?:s|secs?|seconds?|mins?|minutes?)\s+(?P<a>shorter|less|longer|more)\b|"
                        r"\b(?P<b>shorter|longer)\s+by\b|"
                        r"^\s*(?P<c>add|lose|cut|shave|trim)\s+(?:off\s+)?(?:another\s+|an?\s+extra\s+|about\s+)?\d",
                        re.IGNORECASE)


_EACH_CLIP = re.compile(r"\b(?:every|each|per)\s+(?:single\s+)?(?:clip|shot|scene|cut)\b|"
                        r"\b(?:clips?|shots?|scenes?)\s+(?:each|apiece)\b", re.IGNORECASE)
_WHOLE = re.compile(r"\b(?:total|overall|altogether|in\s+all|whole|entire)\b", re.IGNORECASE)
_MAX_CLIP_SECONDS = 30  # a per-clip length; a longer one said with "each clip" is still read as the model's


def _with_seconds(op: LimitDuration | Best, seconds: float) -> LimitDuration | Best:
    """``op`` with the stated length, checked against the schema (out of range: ``op`` as it was)."""
    try:
        return type(op).model_validate({**op.model_dump(), "seconds": seconds})
    except ValueError:
        return op


def _stated_lengths(plan: EditPlan, request: str) -> EditPlan:
    """A target length must be one the message states: with one stated length, a model's own arithmetic
    ("three and a half minutes" -> 180) is replaced by it; with none, the model's value stands. A length
    said as an amount to change by ("30 seconds shorter") is a change, not a target."""
    # a quoted title's numbers are words, never a length ("title it 'Lisbon in 48 Hours'")
    stated = [seconds for _, seconds in spoken_durations(without_quotes(request))]
    if len(set(stated)) != 1:
        return plan
    if _EACH_CLIP.search(request) and not _WHOLE.search(request) and stated[0] <= _MAX_CLIP_SECONDS:
        # "make every clip three seconds long max": each clip's length, not the whole cut's (a 3-second video)
        ops = [TrimTo(seconds=stated[0]) if isinstance(op, LimitDuration) and op.seconds is not None else op
               for op in plan.ops]
        return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})
    if by := _BY_AMOUNT.search(words_to_digits(request.lower())):
        word = (by.group("a") or by.group("b") or by.group("c")).lower()
        change = stated[0] if word in ("longer", "more", "add") else -stated[0]
        ops = [LimitDuration(change=change) if isinstance(op, LimitDuration) else op for op in plan.ops]
        return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})
    others = _other_lengths(plan)
    if len(stated) == 1 and any(abs(seconds - stated[0]) < 0.05 for seconds in others):
        # "fade through black, 0.8 seconds": the one length said belongs to the fade; a model that also
        # limits the cut to 0.8 s used the number twice (measured on requests_dev15 and dev16)
        ops = [op for op in plan.ops if not (isinstance(op, LimitDuration) and op.seconds is not None
                                             and abs(op.seconds - stated[0]) < 0.05)]
        return plan if len(ops) == len(plan.ops) or not ops else plan.model_copy(update={"ops": ops})
    ops = [_with_seconds(op, stated[0])
           if isinstance(op, (LimitDuration, Best)) and op.seconds is not None
           and abs(op.seconds - stated[0]) > 0.5
           else LimitDuration(seconds=stated[0]) if isinstance(op, LimitDuration) and op.factor is not None
           and not others and not _RELATIVE_LENGTH.search(request)
           else op for op in plan.ops]
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})


# A length said as a ceiling or a floor, in the languages the planner is asked in: "under 2 minutes" only
# shortens the cut and "at least 2 minutes" only lengthens it (``LimitDuration.bound``). Negated ones first.
_AT_MOST_SAID = re.compile(
    r"\b(?:under|below|within|max(?:imum)?|at\s+most|up\s+to|tops|or\s+less|(?:no|not)\s+(?:more|longer)\s+"
    r"than|(?:less|shorter)\s+than|höchstens|maximal|unter|weniger\s+als|nicht\s+länger\s+als|moins\s+de|"
    r"au\s+plus|pas\s+plus\s+de|menos\s+de|como\s+máximo|máximo|no\s+más\s+de|no\s+máximo|meno\s+di|"
    r"al\s+massimo|massimo|non\s+più\s+di)\b|以内|之内|钟内|秒内|以下|不超过|最多|まで|最大", re.IGNORECASE)
_AT_LEAST_SAID = re.compile(
    r"\b(?:at\s+least|(?:no|not)\s+(?:less|shorter)\s+than|not\s+under|(?:longer|more)\s+than|or\s+"
    r"(?:more|longer)|minimum|mindestens|länger\s+als|au\s+moins|plus\s+de|al\s+menos|como\s+mínimo|"
    r"más\s+de|pelo\s+menos|no\s+mínimo|mais\s+de|almeno|più\s+di|minimo)\b|至少|不少于|以上|少なくとも|最低",
    re.IGNORECASE)
# "it can't be more than", "que no dure más de", "non duri più di", "nicht mehr als": ceilings; "shouldn't be
# less than": a floor
_NEGATED = r"(?:\b(?:no|not|never|cannot|non|não|nicht)|n't)\s+(?:\w+\s+){0,2}?"
_NEGATED_CEILING = re.compile(_NEGATED + r"(?:(?:more|longer)\s+than|over|mehr\s+als|(?:más|più|mais)\s+"
                              r"(?:de|di))\b|\bpas\s+plus\s+de\b", re.IGNORECASE)
_NEGATED_FLOOR = re.compile(_NEGATED + r"(?:(?:less|shorter)\s+than|under|below)\b", re.IGNORECASE)


def length_bound_said(request: str) -> LengthBound | None:
    """Whether the message says its length as a ceiling or a floor (None: neither, or both)."""
    text = _NEGATED_FLOOR.sub(" at least ", _NEGATED_CEILING.sub(" under ", request))
    most, least = bool(_AT_MOST_SAID.search(text)), bool(_AT_LEAST_SAID.search(text))
    return "at_most" if most and not least else "at_least" if least and not most else None


# "slightly louder", "too loud": a change of the sound as it is (a small model wrote levels of 0.3 for them)
_LOUDER = re.compile(r"\b(?:louder|boost\w*|rais\w*|up|hear\w*|quiet|soft|low|amplif\w*|pump\w*|crank\w*)\b",
                     re.IGNORECASE)
_QUIETER = re.compile(r"\b(?:quieter|softer|down|lower\w*|loud|reduc\w*|too\s+much|deafening|blasting)\b",
                      re.IGNORECASE)
_LEVEL_SAID = re.compile(r"\d\s*(?:%|percent|per\s+cent)|\blevel\b|half|quarter|third|normal|original|usual|"
                         r"full|"
                         r"mute\w*|silen\w*|"
                         r"no\s+(?:sound|audio)|back\s+on|unmute\w*|restor\w*", re.IGNORECASE)
# "Sara doesn't need to be blurred in the last clip": no clip goes (a small model removed the last one)
_DROP_SAID = re.compile(r"\b(?:remov\w*|delet\w*|drop\w*|cut\w*|los[et]\w*|ditch\w*|rid|take\s+(?:out|away)|"
                        r"scrap\w*|kill|bin|trash|nix|axe|without|skip\w*|exclud\w*|omit\w*|out|away|gone|go|"
                        r"only|just|keep\w*|junk|pointless|boring|enough|fewer|less|no\s+(?:more\s+)?clip|"
                        r"not\s+(?:clip|the)|(?:don'?t|do\s+not|doesn'?t|does\s+not|didn'?t)\s+(?:want|need|like)"
                        r"(?!\s+to\s+be\b))\b", re.IGNORECASE)
_MUTE_SAID = re.compile(r"\b(?:mute\w*|silen\w*|no\s+(?:sound|audio|volume)|without\s+(?:sound|audio)|"
                        r"(?:can'?t|cannot|can\s+not|won'?t)\s+hear|inaudible|bleep\w*|"
                        r"(?:sound|audio|volume)\s+off|off|kill|cut\s+the\s+(?:sound|audio)|zero|0)\b",
                        re.IGNORECASE)
_SLOW_TRANSITION = re.compile(r"\b(?:slow(?:er)?|long(?:er)?|gentle|gradual)\s+"
                              r"(?:fade|crossfade|cross-fade|dissolve)\w*(?:\s+(?:in|out|to\s+black|up|down))?|"
                              r"\bfade\s+(?:in|out|away)\s+slowly\b",
                              re.IGNORECASE)
_ONE_SOUND = re.compile(r"\b(?:music|song|soundtrack|wind|voice|voices|narration|narrator|noise|hum|hiss|"
                        r"traffic\s+noise|background)\b", re.IGNORECASE)
_CLIP_WORDS = re.compile(r"\b(?:clips?|scenes?|shots?|parts?|bits?|everything|whole|all|cut|video)\b|\d",
                         re.IGNORECASE)


def _relative_levels(plan: EditPlan, request: str) -> EditPlan:
    """A model's sound ``level`` for a message that says no level ("make clip 1 slightly louder") is the
    change it describes: louder 1.5, quieter 0.67 times the sound as it is."""
    if _LEVEL_SAID.search(without_quotes(request)):
        return plan
    up, down = _LOUDER.search(request), _QUIETER.search(request)

    def relative(op: object) -> object:
        if not isinstance(op, Volume) or op.level is None or op.level in (0.0, 1.0) or bool(up) == bool(down):
            return op
        return op.model_copy(update={"level": None, "factor": 1.5 if up else 0.667})

    return plan.model_copy(update={"ops": [relative(op) for op in plan.ops]})


def _bounded(plan: EditPlan, request: str) -> EditPlan:
    """A model's target length without a bound gets the one the message says ("keep it under 3 minutes"
    must not lengthen a 1-minute cut to 3); a bound the model gave stands."""
    def unbounded(op: object) -> bool:
        return isinstance(op, LimitDuration) and op.seconds is not None and op.bound is None

    if not any(map(unbounded, plan.ops)) or (bound := length_bound_said(without_quotes(request))) is None:
        return plan
    ops = [op.model_copy(update={"bound": bound}) if unbounded(op) else op for op in plan.ops]
    return plan.model_copy(update={"ops": ops})


# "a bit shorter", "half as long", "20 % shorter": a length said relative to the cut as it is.
_RELATIVE_LENGTH = re.compile(r"\b(?:shorter|longer|half|third|quarter|percent|twice|double|triple|times|"
                              r"as\s+long|bit|little|lot|much)\b|%", re.IGNORECASE)


def _other_lengths(plan: EditPlan) -> list[float]:
    """Lengths that ops other than a target length carry (a fade's, a trim's, a cut for me)."""
    return [op.seconds for op in plan.ops if isinstance(op, (Transition, Trim, TrimTo, Extend, ForMe, Best))
            and op.seconds is not None
            and not (isinstance(op, Transition) and "seconds" not in op.model_fields_set)]


def _same_word(word: str, other: str) -> bool:
    """Loose enough for plurals, inflections and a typo the model fixed ("explsions" -> "explosions")."""
    if word == other or word.rstrip("s") == other.rstrip("s"):
        return True
    shortest = min(len(word), len(other))
    if shortest >= 4 and word[:4] == other[:4]:
        return True
    return shortest >= 4 and SequenceMatcher(None, word, other).ratio() >= 0.8


def _latin(text: str) -> bool:
    """Whether every letter of ``text`` is Latin script: what the English-only video search can read."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def _queries(plan: EditPlan) -> list[Query]:
    """The plan's queries, and a taste statement's words as one: both are searched for, both must be the
    user's words."""
    queries = [q for op in plan.ops if isinstance(q := getattr(op, "query", None), Query)]
    return queries + [Query(text=op.text) for op in plan.ops if isinstance(op, Like)]


def _problems(plan: EditPlan, text: str, language: str) -> list[str]:
    problems = []
    request_words = set(_WORD.findall(text.lower()))
    for ref in (ref.matching for ref in plan.clip_refs() if ref.matching):
        missing = _unheard_words(ref, request_words)
        if reads_as_english(language) and missing:
            # measured: "nobody wants to watch that ..., maybe triple it" sped up clips matching "remove that"
            problems.append(f'the clips "{ref}" are named with words that are not in the message '
                            f'({", ".join(missing)}): use the user\'s own words or no "matching"')
    for query in _queries(plan):
        words = query.text.lower()
        if _DURATION_QUERY.match(words):
            problems.append(f'"{query.text}" is a length, not something to look for: use seconds')
        elif words.strip() in _RANKING_QUERY:
            problems.append(f'"{query.text}" is a ranking, not a thing to look for: "best" without a query')
        elif not query.people and all(w in _FILLER or w in _VAGUE for w in _WORD.findall(words)):
            # "remove the scene", "cut the thing": which one is not said; the rules ask (measured: the model
            # had removed every match for "scene")
            problems.append(f'"{query.text}" names nothing to look for: answer with no ops')
        elif query.kind != "dialogue" and not _latin(query.text):
            problems.append(f'write the query "{query.text}" in English (the video search reads English)')
        elif reads_as_english(language):
            missing = _unheard_words(words, request_words)
            if missing:
                problems.append(f'the query "{query.text}" uses words that are not in the message '
                                f'({", ".join(missing)}): use the user\'s own words')
    return problems


def _unheard_words(said: str, request_words: set[str]) -> list[str]:
    """The words of a model's ``said`` (a query, a clip reference) that the message does not have."""
    return [w for w in _WORD.findall(said.lower())
            if w not in _FILLER and not any(_same_word(w, r) for r in request_words)]


def _unheard_effects(plan: EditPlan, text: str, language: str) -> list[str]:
    """A blur, a reframe or a taste statement that an English request gives no word for (other languages
    are not checked)."""
    if not reads_as_english(language):
        return []
    problems = []
    if any(isinstance(op, BLUR_OPS) for op in plan.ops) and not _BLUR_WORDS.search(text):
        problems.append("the message asks for no blur: leave out blur and unblur")
    if (any(isinstance(op, Blur) and op.target == "all" for op in plan.ops) and _ONE_PERSON.search(text)
            and not _EVERYONE.search(text)):
        problems.append('the message blurs one person ("him", "her"), not every face: blur the person it '
                        "names, or leave blur out and ask who")
    if (any(isinstance(op, Speed) for op in plan.ops) and _SOUND_SAID.search(text)
            and not _SPEED_SAID.search(text)):
        problems.append("the message is about the sound, not the speed: use volume, not speed")
    if any(isinstance(op, RemoveClip) for op in plan.ops) and not _DROP_SAID.search(text):
        problems.append("the message removes no clip: leave out remove_clip")
    if any(isinstance(op, Volume) and op.level == 0 for op in plan.ops) and not _MUTE_SAID.search(text):
        problems.append("the message asks for no silence: leave out the volume of 0")
    if (any(isinstance(op, Speed) for op in plan.ops) and _SLOW_TRANSITION.search(text)
            and not _SPEED_SAID.search(_SLOW_TRANSITION.sub(" ", text))):
        problems.append('"slow" here is how slow the fade or crossfade is, not the clips\' speed: '
                        "leave out speed")
    if (any(isinstance(op, Volume) for op in plan.ops) and _ONE_SOUND.search(text)
            and not _CLIP_WORDS.search(text)):
        problems.append("one sound inside the clips (music, wind, a voice) cannot be changed on its own: "
                        'leave out volume and refuse ("I can only change the sound of whole clips")')
    uncovers = any(isinstance(op, Unblur) or isinstance(op, Blur) and op.target == "none" for op in plan.ops)
    if uncovers and not _UNCOVER_WORDS.search(text):
        problems.append('the message asks to blur, not to stop blurring: use "target":"all" or the people '
                        "it names")
    if any(isinstance(op, Reframe) for op in plan.ops) and not _SHAPE_WORDS.search(text):
        problems.append("the message asks for no frame shape: leave out reframe")
    if any(isinstance(op, Like) for op in plan.ops) and not _TASTE_WORDS.search(_without_filler_like(text)):
        problems.append("the message says nothing about what the user likes: leave out like")
    return problems


def _letters(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())


def _unheard_titles(plan: EditPlan, text: str) -> list[str]:
    """A title is the user's words: one that the message does not contain came from somewhere else."""
    heard = _letters(text)
    return [f'the title "{op.text}" is not in the message: use the user\'s words exactly'
            for op in plan.ops if isinstance(op, Title) and op.text and _letters(op.text) not in heard]


_WH_QUESTION = re.compile(r"^\s*(?:who|whom|whose|which|what|is|are|was|were|does|do|did|has|have)\b",
                          re.IGNORECASE)


def _unheard_names(plan: EditPlan, request: str) -> list[str]:
    """The cast is the library's, kept for every session: a model names a character or makes one the hero
    only as the message says, and never for a question. Asked "who is in this video?", a small model named
    every character "unnamed" (the cast list's word for no name); "is Thom in it?" named character 3 Thom;
    "who is the hero?" made the fourth the hero. A name must be a word of the message and its character's
    number said there too ("number 2 is Celia"); a hero must be a person the message names."""
    heard, digits = _letters(request), words_to_digits(request.lower())
    asking = bool(_WH_QUESTION.match(request))
    problems = []
    for op in plan.ops:
        if isinstance(op, NameCharacter):
            if asking:
                problems.append("a question names no one: answer it, or ask which number to name")
            elif _letters(op.name) not in heard:
                problems.append(f'the name "{op.name}" is not in the message: name a character only with the '
                                "user's words")
            elif not re.search(rf"(?<!\d){op.character}(?!\d)", digits):
                problems.append(f"character {op.character} is not said in the message: naming needs its "
                                'number ("number 2 is Celia")')
        elif isinstance(op, ChooseHero) and (asking or (role_of(op.person) is None
                                                        and _letters(op.person.lstrip("#")) not in heard)):
            problems.append(f'"{op.person}" is not made the hero by this message')
    return problems


def without_repeats(plan: EditPlan) -> EditPlan:
    """Drop an op that repeats an earlier one exactly: no request means the same edit twice."""
    ops = [op for i, op in enumerate(plan.ops) if op not in plan.ops[:i]]
    return plan if len(ops) == len(plan.ops) else plan.model_copy(update={"ops": ops})


def _unheard_people(plan: EditPlan, text: str, people: Sequence[str]) -> list[str]:
    """People the model named (in queries and blur ops) that are neither in the cast, nor a role, nor a
    number, nor a name the user wrote (capitalised, as names are: "dancing" is no person).

    A name the user wrote that the cast lacks is kept: the chat then lists the characters it knows.
    """
    known = {name.lower() for name in people}

    def written_as_a_name(person: str) -> bool:
        return person[:1].isupper() and re.search(rf"(?<!\w){re.escape(person)}(?!\w)", text) is not None

    named = [person for query in _queries(plan) for person in query.people]
    named += [person for person in plan.blur_people() if person != NAMED_REF]
    return [
        f'"{person}" is not in the cast or the message: use a cast name, "#N" or "hero"'
        for person in named
        if person.lower() not in known and role_of(person) is None and not re.fullmatch(r"#?\d+", person)
        and not written_as_a_name(person)
    ]


def grounded(
    plan: EditPlan, text: str, language: str, raw: str | None = None, people: Sequence[str] = (),
    request: str | None = None,
) -> EditPlan:
    """``plan`` with exact repeats removed and cast names in ``Query.people``, or ``PlannerError`` saying
    what is not taken from ``text`` (or the cast's ``people``).

    ``text`` is everything the model read (the request and its context: the cut, recent turns), so "more
    of that" may take its query from an earlier turn; blurs and reframes must come from the ``request``
    itself (default ``text``): an earlier turn's words ask for no new effect."""
    problems = [*_problems(plan, text, language), *_unheard_people(plan, text, people),
                *_unheard_titles(plan, text), *_unheard_names(plan, request or text),
                *_unheard_effects(plan, request or text, language),
                *_unpointed_clips(plan, request or text, language),
                *_lines_as_clips(plan, request or text, language),
                *_reordered_unnamed_clips(plan, request or text, language),
                *_invented_clips(plan, request or text, language),
                *_clips_past_every_number(plan, request or text, language)]
    if problems:
        raise PlannerError("; ".join(problems), raw=raw)
    try:
        plan = _asked_for(plan, request or text, language)
    except PlannerError as exc:
        raise PlannerError(str(exc), raw=raw) from exc
    plan = _read_as_said(_bounded(_stated_lengths(plan, request or text), request or text),
                         request or text, language)
    plan = _relative_levels(plan, request or text) if reads_as_english(language) else plan
    plan = _echoes(_paired_swaps(_names_as_people(plan, people)), request or text)
    return without_repeats(plan)


_CLIP_NOUNS = frozenset("one ones bit bits scene scenes shot shots part parts moment moments".split())
_ADD_WORDS = re.compile(r"\b(?:add\w*|includ\w*|put|bring|insert|more|back|restor\w*|throw|stick|pop|chuck|"
                        r"bung|give)\b", re.IGNORECASE)


def _echoes(plan: EditPlan, request: str) -> EditPlan:
    """Ops a small model adds by echo: a search for a title's own words ("opened with the words 'For Nana'":
    a title, and a move of clips matching "For Nana"), and an add of the clips another op of the plan
    already points at ("slow the beach ones down too": a speed, and an add of "beach") when the message has
    no word for adding."""
    titles = {_letters(op.text) for op in plan.ops if isinstance(op, Title) and op.text}
    # "transitions: black, 0.75s": the fade's length, echoed as a length for the whole cut (measured)
    fades = {op.seconds for op in plan.ops if isinstance(op, Transition) and op.kind != "cut"}

    def words_of(text: str) -> set[str]:  # "the beach ones" and "beach" name the same clips
        return set(_WORD.findall(text.lower())) - _NO_CLIPS_NAMED - _CLIP_NOUNS

    targets = [words_of(ref.matching) for ref in plan.clip_refs() if ref.matching]
    adding = bool(_ADD_WORDS.search(request))
    ops = []
    for op in plan.ops:
        query = getattr(op, "query", None)
        if isinstance(query, Query) and not query.people and _letters(query.text) in titles:
            continue
        if isinstance(op, LimitDuration) and op.seconds is not None and op.seconds in fades:
            continue
        words = words_of(query.text) if isinstance(query, Query) else set()
        if isinstance(op, Add) and not adding and words and any(words <= target for target in targets):
            continue
        ops.append(op)
    return plan if len(ops) == len(plan.ops) or not ops else plan.model_copy(update={"ops": ops})


def _paired_swaps(plan: EditPlan) -> EditPlan:
    """Two swaps of one clip each, one after the other, are one swap of both: a small model writes "swap the
    first and last clips" as a swap of clip 1 and a swap of clip -1, and a swap needs two clips."""
    ops: list = []
    for op in plan.ops:
        last = ops[-1] if ops else None
        if (isinstance(op, SwapClips) and isinstance(last, SwapClips) and len(op.ref.indices) == 1
                and len(last.ref.indices) == 1 and op.ref.model_copy(update={"indices": last.ref.indices})
                == last.ref and op.ref.indices != last.ref.indices):
            ops[-1] = last.model_copy(update={"ref": last.ref.model_copy(
                update={"indices": [*last.ref.indices, *op.ref.indices]})})
            continue
        ops.append(op)
    return plan if len(ops) == len(plan.ops) else plan.model_copy(update={"ops": ops})


def _names_as_people(plan: EditPlan, people: Sequence[str]) -> EditPlan:
    """A cast name or a role the model left in a picture query ("Celia arguing") moves to its people."""
    ops = [op.model_copy(update={"query": people_from_text(q, people)})
           if isinstance(q := getattr(op, "query", None), Query) else op for op in plan.ops]
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})
