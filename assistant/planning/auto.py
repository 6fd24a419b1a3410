"""The ``auto`` planner: which backend answers a turn, and what happens when a model fails.

Small local models are weak, so ``auto`` lets the rules parser answer when it understood the whole
request and asks the LLM only when some of it was not understood. It never raises on model output, and
never passes on a partial reading as if it were whole: what the rules did not understand stays in the
result (``unparsed``/``guessed``) so the chat asks about it instead of acting.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Protocol, runtime_checkable

from assistant.plan.language import CJK_LETTERS, quoted_parts, reads_as_english
from assistant.plan.schema import MAX_OPS, QUERY_OPS, Best, EditPlan, Query
from assistant.planning.base import NO_MODEL, Planner, PlannerContext, PlannerError, PlanResult
from assistant.planning.llm.confidence import ASK_BELOW, TRANSLATION_ASK_BELOW
from assistant.planning.llm.grounding import without_repeats
from assistant.planning.rules.clip_refs import ORDINAL_IDIOMS
from assistant.planning.rules.parser import (
    REFUSAL_BLUR_WHO,
    REFUSAL_WHO,
    REFUSALS_FINAL,
    RulesParse,
    first_reading,
    parse,
    search_words,
)
from assistant.planning.rules.taste import one_for_me
from assistant.planning.video_refs import names_said

# Words that do not belong in a picture query: a rules query holding one is a misread ("give me the kissing",
# "in the lab", "and third"), so a model gets to read the request instead of the rules acting on it.
_NOT_IN_A_QUERY = frozenset(
    "i me my you your we us our it its they them their give show want need get make let put take keep can "
    "could would should will do does please is are was just honestly really actually basically maybe only "
    "also too up front back away off out and or but then first second third last next gonna wanna gotta "
    "kinda sorta lol tbh ngl have has had those these which what who why how "
    # a pronoun with its verb ("stuff I'd never pick", "it's so boring") is a sentence, not a thing on screen
    "i'd i'm i've i'll you'd you're you've we'd we're we've they're that's there's perhaps possibly "
    # a correction's words ("remove clip 4 instead 5" is no search for "clip 4 instead 5")
    "instead rather".split()
)
# a clip of the cut named by number inside a query is a reading gone wrong, not a thing on screen
_CLIP_NUMBER = re.compile(r"\b(?:clips?|shots?)\s+(?:#\s*)?\d|#\s*\d")
_ARTICLES = frozenset("the a an this that".split())
_LEADING_PREPOSITION = frozenset("in at on from with into about of for to by".split())


_LEADING_AMOUNT = re.compile(r"^\s*\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|mins?|minutes?|h|hours?|x|%)?\b")


def _misread_query(text: str) -> bool:
    # "out of focus", "blowing out the candles", "showing off", "the second half", "the first dance" are
    # phrases, not words left over (``ORDINAL_IDIOMS``: an ordinal that is no position in the cut)
    text = re.sub(rf"\bout\s+of\b|(?<=\w\wing)\s+(?:out|up|off|away)\b|\b{ORDINAL_IDIOMS}\b", " ",
                  text.lower())
    words = re.findall(r"[\w']+", text)
    return bool(words) and (words[0] in _LEADING_PREPOSITION or set(words) <= _ARTICLES
                            or any(w in _NOT_IN_A_QUERY for w in words)
                            or bool(_LEADING_AMOUNT.match(text)) or bool(_CLIP_NUMBER.search(text)))


def _misread(plan: EditPlan) -> tuple[str, ...]:
    """The queries and clip references of a confident-looking rules plan made of words no query has."""
    found = []
    for op in plan.ops:
        query = getattr(op, "query", None)
        if isinstance(query, Query) and query.kind != "dialogue" and _misread_query(query.text):
            found.append(query.text)
    found += [ref.matching for ref in plan.clip_refs() if ref.matching and _misread_query(ref.matching)]
    return tuple(found)


# Ops that say how the cut plays (not what is in it): a small model reading a long request often drops the
# second of two (measured: "only the car chases and at double speed" -> only the car chases), and a rules
# reading of them is never a correction of something else the user said.
_STYLE_OPS = ("speed", "transition", "title", "limit_duration", "order", "reframe", "trim", "trim_to",
              "extend", "blur", "unblur", "move_clip", "swap_clips")
_REORDERS = ("move_clip", "swap_clips", "order", "move")
_CLIP_LENGTHS = ("trim", "trim_to", "extend")
_SAME_FAMILY = {"limit_duration": ("limit_duration", "best"), "trim": _CLIP_LENGTHS, "trim_to": _CLIP_LENGTHS,
                "extend": _CLIP_LENGTHS, "blur": ("blur", "unblur"), "unblur": ("blur", "unblur"),
                "move_clip": _REORDERS, "swap_clips": _REORDERS}


def with_dropped_ops(plan: EditPlan, rules: RulesParse) -> EditPlan:
    """The model's plan plus the how-it-plays ops the rules read for certain in a clause and the model left
    out, each placed after the model's op that the rules put before it."""
    if not plan.ops:
        return plan
    ops = list(plan.ops)
    sure = [op for op in rules.sure if not _misread(EditPlan(ops=[op]))]
    for position, op in enumerate(sure):
        family = _SAME_FAMILY.get(op.op, (op.op,))
        if op.op not in _STYLE_OPS or any(other.op in family for other in ops):
            continue
        earlier = {before.op for before in sure[:position]}
        after = max((i for i, other in enumerate(ops) if other.op in earlier), default=-1)
        ops.insert(after + 1, op)
    return plan if len(ops) == len(plan.ops) else plan.model_copy(update={"ops": ops[:MAX_OPS]})


def _fused_kinds(plan: EditPlan) -> EditPlan:
    """A translation's "shots of X" is the translator's word (镜头, Aufnahmen), not the user asking for a
    picture-only search: the fused search reads it."""
    ops = [op.model_copy(update={"query": q.model_copy(update={"kind": "auto"})})
           if isinstance(q := getattr(op, "query", None), Query) and q.kind == "visual" else op
           for op in plan.ops]
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})


def with_fuller_queries(plan: EditPlan, rules: RulesParse) -> EditPlan:
    """Model queries that say less than the user did, where the rules read the same op, get the rules' query:
    one cut down to its head word ("penalty" for "the penalty kicks"; "ground" for "where the camera is
    pointing at the ground"), a person's name as picture text ("Dario" for "the parts with Dario": the rules
    know a capitalised name after "with" is a person), and a ranked pick that lost its subject ("the 3 best
    dunks" as the 3 best clips of anything). Measured on fresh dev files (requests_dev4, requests_dev5)."""
    read = [(op.op, q) for op in rules.plan.ops
            if isinstance(q := getattr(op, "query", None), Query) and not _misread(EditPlan(ops=[op]))]
    ops = []
    for op in plan.ops:
        query = getattr(op, "query", None)
        if isinstance(op, Best) and query is None:
            fuller = [q for kind, q in read if kind == "best"]
            op = op.model_copy(update={"query": fuller[0]}) if len(fuller) == 1 else op
        elif isinstance(query, Query):
            short = search_words(query.text)
            for kind, said in read:
                if kind != op.op:
                    continue
                full = search_words(said.text)
                inside = any(full[i: i + len(short)] == short for i in range(len(full) - len(short) + 1))
                if query.kind != "dialogue" and len(full) > len(short) > 0 and inside and not said.people:
                    op = op.model_copy(update={"query": query.model_copy(update={"text": said.text})})
                    break
                people = {w for name in said.people for w in search_words(name)}
                if said.people and not query.people and set(short) <= people | set(full):
                    op = op.model_copy(update={"query": said})  # the name was the model's picture text
                    break
        ops.append(op)
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})


def with_sure_searches(plan: EditPlan, rules: RulesParse) -> EditPlan:
    """A model search for the very words the rules read for certain in a clause takes the rules' verb and
    signal: the rules read "put the bit ... back in" as add where the model wrote keep_only, and "shots of
    the campfire" as a picture search where the model wrote the fused one (both measured on requests_dev5).
    A search for other words is the model's own reading (it may be a correction), and stays."""
    sure = [op for op in rules.sure if isinstance(op, QUERY_OPS) and op.query is not None
            and not _misread(EditPlan(ops=[op]))]
    ops = list(plan.ops)
    for index, op in enumerate(ops):
        query = getattr(op, "query", None)
        if not isinstance(op, QUERY_OPS) or not isinstance(query, Query):
            continue
        same = [(other, said) for other in sure
                if (said := other.query) is not None and _same_search(said, query)]
        if len(same) == 1 and (same[0][0].op != op.op or query.kind == "auto" != same[0][1].kind):
            ops[index] = same[0][0]
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})


def _same_search(one: Query, other: Query) -> bool:
    return search_words(one.text) == search_words(other.text) and set(one.people) == set(other.people)


def with_sure_settings(plan: EditPlan, rules: RulesParse) -> EditPlan:
    """A how-it-plays op of the model that contradicts the one the rules read for certain in a clause gives
    way to the rules' ("ninety seconds tops" read by the model as 90 % of the length; "blur everyone I
    haven't named" as blur everyone): where the rules have a rule for a setting, they read its numbers and
    words exactly, and the model is asked for what they could not read."""
    sure = [op for op in rules.sure if op.op in _STYLE_OPS and not _misread(EditPlan(ops=[op]))]
    ops = list(plan.ops)
    for index, op in enumerate(ops):
        family = _SAME_FAMILY.get(op.op, (op.op,))
        said = [other for other in sure if other.op in family]
        mine = [other for other in ops if other.op in family]
        if op.op in _STYLE_OPS and len(said) == 1 and len(mine) == 1 and said[0] != op:
            ops[index] = said[0]
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})


@runtime_checkable
class Translator(Protocol):
    """A backend that can put a request into English (LLM backends can)."""

    def translate(self, text: str) -> str: ...


_QUOTE = "\"\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d"
# A letter or digit of a word written with spaces ("sintel" in "来自sintel的片段").
_LATIN = rf"[^\W_{CJK_LETTERS}]"


def _bare_letters(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


def _names_as_written(text: str, english: str) -> str:
    """``english`` with each capitalised word the request spelt with accents spelt so again: a translation
    writes "Chloé" as "Chloe", and a name must stay the one the user (and the cast list) uses."""
    accented = {_bare_letters(w): w for w in re.findall(r"\b[^\W\d_][^\W_]*", text)
                if w[0].isupper() and not w.isascii()}
    if not accented:
        return english
    return re.sub(r"\b[A-Z][A-Za-z]*\b", lambda m: accented.get(_bare_letters(m.group()), m.group()), english)


def translated_keeping_names(llm: Translator, text: str, context: PlannerContext) -> str:
    """``llm.translate(text)`` with the session's video and character names kept as written.

    A small model translates a bare name: "entferne alles aus sintel" came back as "remove everything from
    the screen" (a wrong edit once planned) and "quita todo lo de sintel" as "stop all the sound". Quoted,
    a name stays (the translation prompt keeps quoted text): the names are quoted for the model, and their
    quotes taken off again so the name is no line of dialogue. A translation that still loses a name raises
    ``PlannerError`` (the model then plans the request as written)."""
    said = {m.casefold() for m in quoted_parts(text)}
    names = [n for n in (*names_said(text, context.videos), *context.names) if n.casefold() not in said]
    found = {}
    for name in dict.fromkeys(names):
        pattern = re.compile(rf"(?<!{_LATIN}){re.escape(name)}(?!{_LATIN})", re.IGNORECASE)
        if pattern.search(text):
            found[name] = pattern
    if not found:
        return _names_as_written(text, llm.translate(text))
    quoted = text
    for pattern in found.values():
        quoted = pattern.sub(lambda m: f'"{m.group()}"', quoted)
    english = llm.translate(quoted)
    for name, pattern in found.items():
        unquote = re.compile(rf"[{_QUOTE}]\s*({pattern.pattern})\s*[{_QUOTE}]", re.IGNORECASE)
        english = unquote.sub(r"\1", english)
        if not pattern.search(english):  # "sintelの場面を全部消して" -> "remove the entire scene"
            raise PlannerError(f"the translation lost the name {name!r}")
    return _names_as_written(text, english)


class AutoPlanner:
    """The fallback policy in one place: rules first when they read the whole request, else the LLM.

    A hostile request is refused before any model sees it; an LLM that fails or answers invalid JSON
    hands the turn back to the rules parser with a visible note. ``rules_first=False`` asks the LLM
    every time (an explicitly chosen backend), still with those guards.
    """

    name = "auto"

    def __init__(self, llm: Planner | None, *, rules_first: bool = True, missing: str = "") -> None:
        """``missing``: why there is no ``llm`` although one was asked for (a model that did not load)."""
        self.llm = llm
        self.rules_first = rules_first
        self.missing = missing

    def plan(self, text: str, context: PlannerContext) -> EditPlan:
        return self.plan_turn(text, context).plan

    def say_in(self, words: str, language: str, heard: str = "") -> str:
        """The model's ``words`` in ``language`` (``ChatModelPlanner.say_in``); ``PlannerError`` if none."""
        say_in = getattr(self.llm, "say_in", None)
        if not callable(say_in):
            raise PlannerError("no language model is configured to translate with")
        return say_in(words, language, heard)

    def warm(self) -> None:
        """Let the model read its fixed prompt before the first request (``ChatModelPlanner.warm``)."""
        warm = getattr(self.llm, "warm", None)
        if callable(warm):
            warm()

    def plan_turn(self, text: str, context: PlannerContext) -> PlanResult:
        translations: list[str] = []
        result = self._plan_turn(text, context, translations)
        return replace(result, english=translations[0]) if translations else result

    def _plan_turn(self, text: str, context: PlannerContext, translations: list[str]) -> PlanResult:
        """``plan_turn``; a translation the turn made is appended to ``translations``."""
        text, rules, typos = first_reading(text, context)
        if rules.plan.refusal in REFUSALS_FINAL:
            return PlanResult(rules.plan, "rules", note="refused before asking any model")
        if rules.plan.refusal in (REFUSAL_WHO, REFUSAL_BLUR_WHO) and not rules.plan.ops:
            # "keep only her scenes", "blur my son": no model knows who is meant either; the chat asks
            return PlanResult(rules.plan, "rules", unparsed=rules.unparsed, language=rules.language,
                              note="asked who before any model")
        if rules.confident and (misread := _misread(rules.plan) or typos):
            rules = replace(rules, guessed=misread)  # not acted on: a model reads it, or the chat asks
        llm = self.llm
        if llm is None:
            # Another language gets the one-line "offline only English" refusal; it says why by itself.
            if self.missing:  # the configured model did not load: every answer says so, not only the unread
                return _rules_result(rules, f"the language model did not load: {self.missing}")
            understood = rules.confident or not reads_as_english(rules.language)
            return _rules_result(rules, "" if understood else NO_MODEL)
        if self.rules_first and (rules.confident or rules.plan.refusal and not rules.unparsed):
            note = f"the rules parser understood it all; {llm.name} not asked"
            return PlanResult(rules.plan, "rules", note=note, language=rules.language)
        request, translated, english = text, "", None
        if not reads_as_english(rules.language) and isinstance(llm, Translator):
            # Small models plan English far better than German or Chinese, and the rules read English:
            # translate first (quoted dialogue stays as written), then plan the English like any request.
            try:
                request = translated = translated_keeping_names(llm, text, context)
                translations.append(translated)
            except PlannerError:
                request = text  # the model plans the original then
            english = parse(translated, context.names) if translated else None
            if english is not None and english.plan.refusal in REFUSALS_FINAL:
                return PlanResult(english.plan, "rules", note=f"refused: translated as “{translated}”",
                                  language=rules.language)
            if english is not None:
                english = replace(english, plan=_fused_kinds(english.plan))
            if english is not None and self.rules_first and english.confident and not _misread(english.plan):
                note = f"{llm.name} translated it as “{translated}”; the rules parser read that"
                if (doubt := _translation_doubt(llm, text)) is not None:
                    # a word the model hardly knew how to say in English ("the father's sunrise" for "dad's
                    # speech"): the reading is asked about, not acted on (``confidence``)
                    unsure = f"{llm.name} was unsure of “{doubt[1].strip()}” in it (p={doubt[0]:.2f})"
                    return PlanResult(english.plan, "rules", note=f"{note}; {unsure}",
                                      language=rules.language, guessed=(text,))
                return PlanResult(english.plan, "rules", note=note, language=rules.language)
        # The model reads the whole request (it needs the understood clauses as context for the rest).
        try:
            plan = llm.plan(request, context)
            note = f"{llm.name} translated it as “{translated}”" if translated else ""
            read = english if translated else rules
            if read is not None:
                plan = with_sure_settings(with_sure_searches(with_fuller_queries(plan, read), read), read)
                plan = without_repeats(plan)  # a fuller query can make two of the model's ops the same
            if read is not None and (kept := with_dropped_ops(plan, read)) != plan:
                added = "the rules parser added what the model left out"
                plan, note = kept, f"{note}; {added}" if note else added
            if (merged := one_for_me(list(plan.ops))) != list(plan.ops):
                plan = plan.model_copy(update={"ops": merged})  # a cut for me and its length said as a limit
            if (plan.refusal and not plan.ops and read is not None and read.plan.ops and not read.plan.refusal
                    and not read.unparsed):
                # Hostile requests were refused above, before any model; a small model also declines benign
                # ones it cannot map ("I like when the clips are melting into each other", "Cast number 7 is
                # Devon"). If the rules read all of it, their reading is asked about, not acted on.
                declined = f"{llm.name} declined it (“{plan.refusal}”); this is what the rules parser read"
                return PlanResult(read.plan, "rules", note=f"{note}; {declined}" if note else declined,
                                  unparsed=read.unparsed, guessed=read.guessed or (text,),
                                  language=rules.language)
            sure = getattr(llm, "plan_confidence", None)
            confidence = sure() if callable(sure) else None
            if confidence is not None and confidence < ASK_BELOW and plan.ops and not plan.refusal:
                # a model that hesitated between readings is asked about, not acted on (``confidence``)
                unsure = f"{llm.name} was unsure of this reading (p={confidence:.2f})"
                return PlanResult(plan, backend=llm.name, note=f"{note}; {unsure}" if note else unsure,
                                  language=rules.language, guessed=(text,))
            return PlanResult(plan, backend=llm.name, note=note, language=rules.language)
        except PlannerError as exc:
            note = f"the {llm.name} planner gave no valid plan ({exc}); used the rules parser"
            return _rules_result(english or rules, note, raw=exc.raw, language=rules.language)
        except Exception as exc:  # noqa: BLE001 - a model runtime's own failure must not end the chat either
            note = f"the {llm.name} planner failed ({type(exc).__name__}: {exc}); used the rules parser"
            return _rules_result(english or rules, note, language=rules.language)


_QUOTED = re.compile(r"[\"\u201c\u201d\u00ab\u00bb\u300c\u300d\u300e\u300f\u201e]")


def _translation_doubt(llm: Planner, text: str) -> tuple[float, str] | None:
    """The least likely word of the model's last translation of ``text``, when under
    ``TRANSLATION_ASK_BELOW``; None when sure enough or the backend cannot say."""
    sure = getattr(llm, "translation_confidence", None)
    doubt = sure(bool(_QUOTED.search(text))) if callable(sure) else None
    return doubt if doubt is not None and doubt[0] < TRANSLATION_ASK_BELOW else None


def _rules_result(rules: RulesParse, note: str, raw: str | None = None, language: str | None = None
                  ) -> PlanResult:
    """The rules' reading as the turn's plan; ``rules`` may be the reading of a translation (whose unread
    parts the chat then asks about), never the "offline, only English" answer when a model translated."""
    return PlanResult(
        rules.plan, "rules", note=note, raw=raw, unparsed=rules.unparsed, guessed=rules.guessed,
        language=language or rules.language,
    )
