"""What every LLM backend shares: the prompt, the constrained schema, JSON extraction and validation.

A backend only implements ``complete(messages) -> str``; ``ChatModelPlanner.plan`` builds the prompt
from ``prompts/`` (the system prompt, then the bank examples nearest to the request), validates the
answer against ``EditPlan`` and against the request (``grounding``: queries from the user's words, in
English) and gives the model exactly one repair attempt with the error before giving up with ``PlannerError``.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from functools import lru_cache
from typing import Literal

from pydantic import ValidationError

from assistant.plan.language import (
    detect_language,
    language_name,
    quoted_parts,
    reads_as_english,
    replace_quoted,
)
from assistant.plan.schema import MAX_QUERY_CHARS, EditPlan, Query, clean_text, plan_json_schema
from assistant.planning.auto import AutoPlanner
from assistant.planning.base import PlannerContext, PlannerError, PlanResult
from assistant.planning.llm.confidence import TokenProb, plan_confidence, translation_confidence
from assistant.planning.llm.few_shot import nearest
from assistant.planning.llm.grounding import grounded
from assistant.planning.rules.number_words import spoken_durations
from assistant.planning.rules.parser import MAX_INPUT_CHARS
from assistant.prompt_files import load_examples, load_prompt

SYSTEM_PROMPT = "planner_system.txt"
PEOPLE_PROMPT = "planner_people.txt"  # added only when the videos have a cast: small models copy names
TRANSLATE_PROMPT = "translate_system.txt"
TRANSLATE_EXAMPLES = "translate_examples.jsonl"
SAY_IN_PROMPT = "say_in_system.txt"  # a dialogue search's English words, into the film's language
SAY_IN_EXAMPLES = "say_in_examples.jsonl"
MAX_TRANSLATION_CHARS = 600
PLANNER_FILLED = ("spoken_as", "videos")  # Query fields the planner fills in after a model has planned
_WORDS = re.compile(r"[^\W_]+")
OTHER_SCRIPTS = frozenset("zh ja ko ru uk el he ar hi th".split())  # languages not written in Latin letters
MAX_EXTRA_WORDS = 2  # words a film-language saying may have beyond the English ("ums Geld geht")
# Quoted text in a request (a title, a line of dialogue) in the quote styles of the languages we serve.
def _quoted(text: str) -> list[str]:
    return quoted_parts(text, single=False)


def _span_in(original: str, quoted: str) -> str | None:
    """The part of ``original`` a quote added by the translation stands for ("Verano in Cádiz" for
    "... el título Verano en Cádiz"): from its first word to its last, both found in the original; None
    when they are not (the caller then keeps the quote as translated)."""
    words = _WORDS.findall(quoted)
    if not words:
        return None

    def word(w: str) -> str:  # whole words; Chinese and Japanese have no spaces to mark them
        return re.escape(w) if ord(w[0]) >= 0x2E80 else rf"(?<![^\W_]){re.escape(w)}(?![^\W_])"

    first = re.search(word(words[0]), original, re.IGNORECASE)
    if first is None:
        return None
    ends = list(re.finditer(word(words[-1]), original[first.start():], re.IGNORECASE))
    if not ends:
        return None
    last = ends[-1]
    span = original[first.start(): first.start() + last.end()]
    return span if len(span.split()) <= 2 * len(words) + 2 else None


def keep_quotes(original: str, translation: str) -> str:
    """The translation with its quoted parts put back as the user wrote them: a title or a line of
    dialogue is not translated, whatever the model did (small models translate them anyway)."""
    quotes = _quoted(original)
    if quotes and len(_quoted(translation)) == len(quotes):
        translation = replace_quoted(translation, quotes)
    # 'single' quotes too when both sides have the same number of quoted parts (an apostrophe alone is no
    # quote): "togli le scene dove qualcuno dice 'mangia mangia'" had come back as "... says 'eat eat'"
    every = quoted_parts(original)
    if len(every) > len(quotes) and len(quoted_parts(translation)) == len(every):
        translation = replace_quoted(translation, every, single=True)
    return translation
EXAMPLE_BANK = "planner_bank.jsonl"
FEW_SHOT = 8  # nearest examples per request when there are no core examples
# Nearest examples per request after the core ones: none. With Qwen2.5-Coder-1.5B on 2 cores, 0 against 2
# read 111 against 108 of 147 dev requests right (model alone) with a plan 2 s faster at the median: each
# example is ~40 tokens to evaluate per request (~1 s here), and the model copies their extra ops (part 52).
FEW_SHOT_AFTER_CORE = 0
CORE_EXAMPLES = 40  # fixed examples in the cached prompt prefix (as accurate as 8 nearest, 3x faster)
MAX_CONTEXT_CLIPS = 30
MAX_CONTEXT_TURNS = 4
MAX_CONTEXT_CAST = 20
Messages = list[dict[str, str]]
TextSlot = Literal["translate", "say_in"]  # the free-text prompts a model answers besides plans


def _strip_docs(node: object) -> object:
    if isinstance(node, dict):
        return {k: _strip_docs(v) for k, v in node.items() if k not in ("description", "title", "default")}
    if isinstance(node, list):
        return [_strip_docs(v) for v in node]
    return node


@lru_cache(maxsize=1)
def llm_schema() -> dict:
    """The EditPlan schema for constrained decoding: no prose, and ``op`` required so the union resolves."""
    schema = copy.deepcopy(plan_json_schema())
    for name, definition in schema["$defs"].items():
        props = definition.get("properties", {})
        if "op" in props and "op" not in definition.get("required", []):
            definition["required"] = ["op", *definition.get("required", [])]
        schema["$defs"][name] = definition
    # The planner fills in a query's words in the films' languages, and the videos it names, after the
    # model has planned.
    for name in ("Query", "ClipRef"):
        for field in PLANNER_FILLED:
            schema["$defs"][name]["properties"].pop(field, None)
    schema["$defs"].pop("VideoPick", None)
    # A move next to another search is the rules parser's for now: the models were measured with "to"
    # required, and a grammar that lets them leave it out invites plans that fail validation.
    move = schema["$defs"]["Move"]
    for field in ("before", "after"):
        move["properties"].pop(field, None)
    move["properties"]["to"] = next(
        option for option in move["properties"]["to"]["anyOf"] if option.get("type") != "null")
    move["required"] = list(dict.fromkeys([*move.get("required", []), "to"]))
    schema["$defs"]["SwapClips"]["properties"].pop("other", None)  # two groups' swap: the rules' for now too
    schema["$defs"]["Transition"]["properties"].pop("into", None)  # and a transition between two clips only
    for name in ("Blur", "Unblur"):  # and a blur in some clips only
        schema["$defs"][name]["properties"].pop("clips", None)
    # A line by its place ("drop the last line") is the rules' too: a model that writes it as remove_clip
    # {"matching": "line"} is read as one (``line_refs``); the grammar the models were measured with stays.
    # So are the cut's opening or closing fade (a model's fade_black for "fade out at the end" is read as
    # one, ``grounding``) and time off an end of the whole cut. The clips' sound levels are the models' too
    # (part 46): without ``volume`` a model could only answer "make clip 2 quieter" with a speed.
    items = schema["properties"]["ops"]["items"]
    for op, name in (("remove_line", "RemoveLine"), ("keep_lines", "KeepLines"), ("fade", "Fade"),
                     ("trim_cut", "TrimCut"), ("join", "JoinClips")):
        items["discriminator"]["mapping"].pop(op, None)
        items["oneOf"] = [ref for ref in items["oneOf"] if ref["$ref"] != f"#/$defs/{name}"]
        schema["$defs"].pop(name, None)
    # Shares of a clip's length, splits in parts or at a time and spans of the cut by time are the rules' for
    # now too: the models keep a trim_to or extend by its seconds and a split at shots.
    schema["$defs"]["Remove"]["properties"].pop("spare", None)  # "... except the last one": the rules' too
    schema["$defs"]["ClipRef"]["properties"].pop("span", None)
    schema["$defs"]["ClipRef"]["properties"].pop("people", None)  # filled in from the cast by the rules
    schema["$defs"].pop("ClipSpan", None)
    kept_out = (("TrimTo", ("factor", "exact")), ("Extend", ("factor",)), ("Split", ("parts", "at")))
    for name, fields in kept_out:
        for field in fields:
            schema["$defs"][name]["properties"].pop(field, None)
    for name in ("TrimTo", "Extend"):
        definition = schema["$defs"][name]
        seconds = definition["properties"]["seconds"]
        definition["properties"]["seconds"] = next(
            option for option in seconds.get("anyOf", [seconds]) if option.get("type") != "null")
        definition["required"] = list(dict.fromkeys([*definition.get("required", []), "seconds"]))
    return _strip_docs(schema)  # type: ignore[return-value]


def plan_to_json(plan: EditPlan) -> str:
    """Compact JSON for a plan that keeps each ``op`` name (pydantic would drop it as a default)."""
    ops = [{"op": op.op, **op.model_dump(exclude_defaults=True)} for op in plan.ops]
    data: dict = {"ops": ops}
    if plan.refusal:
        data["refusal"] = plan.refusal
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # fewer tokens to read and copy


def _user_message(text: str, context: PlannerContext) -> str:
    parts = []
    if context.clips:
        clips = [clean_text(c, 160) for c in context.clips[:MAX_CONTEXT_CLIPS]]
        parts.append("Current cut:\n" + "\n".join(clips))
    if context.recent_turns:
        turns = [clean_text(t, 200) for t in context.recent_turns[-MAX_CONTEXT_TURNS:]]
        parts.append("Recent turns:\n" + "\n".join(turns))
    if context.cast:
        cast = [clean_text(entry.line(), 100) for entry in context.cast[:MAX_CONTEXT_CAST]]
        head = 'Cast (people on screen; put names, #numbers or roles in "people"):'
        parts.append(head + "\n" + "\n".join(cast))
    message = clean_text(text, MAX_INPUT_CHARS)
    parts.append(f"Message: {message}")
    lengths = [f"{words} = {seconds:g} seconds" for words, seconds in spoken_durations(message)
               if not re.fullmatch(r"[\d.]+\s*(?:seconds?|secs?|s)", words)]
    if lengths:  # small models get "three and a half minutes" or "1min 30" wrong (measured: 180, 75)
        parts.append("Lengths: " + "; ".join(lengths))
    return "\n\n".join(parts)


def _about_people(plan: EditPlan) -> bool:
    return any(op.op in ("name_character", "choose_hero") or bool(getattr(op, "people", ()))
               or isinstance(q := getattr(op, "query", None), Query) and bool(q.people) for op in plan.ops)


@lru_cache(maxsize=2)
def _bank(with_people: bool) -> tuple[tuple[str, str], ...]:
    """(request, answer JSON) pairs of the example bank, validated once; examples about people only when
    the videos have a cast (without one, a small model fills "people" with whatever it saw there)."""
    plans = [(example["user"], EditPlan.model_validate(example["plan"]))
             for example in load_examples(EXAMPLE_BANK)]
    return tuple((user, plan_to_json(plan)) for user, plan in plans if with_people or not _about_people(plan))


@lru_cache(maxsize=8)
def core_examples(count: int, with_people: bool) -> tuple[int, ...]:
    """Bank indices of ``count`` examples that cover every operation, English only, short ones first:
    the same for every request, so they can sit in the prompt prefix a model's KV cache keeps."""
    bank = _bank(with_people)
    seen: dict[str, int] = {}
    chosen: list[int] = []
    by_length = sorted(range(len(bank)), key=lambda i: (len(bank[i][0]) + len(bank[i][1]), i))
    english = [i for i in by_length if reads_as_english(detect_language(bank[i][0]))]
    chosen += [i for i in english if len(json.loads(bank[i][1])["ops"]) > 1][: count // 8]  # several ops
    for index in chosen:
        for op in json.loads(bank[index][1])["ops"]:
            seen[op["op"]] = seen.get(op["op"], 0) + 1
    for rounds in range(1, 4):  # first one example per op, then a second, then a third
        for index in english:
            ops = tuple(json.loads(bank[index][1])["ops"]) or ({"op": "refusal"},)
            if index in chosen or len(chosen) >= count:
                continue
            if any(seen.get(op["op"], 0) < rounds for op in ops):
                chosen.append(index)
                for op in ops:
                    seen[op["op"]] = seen.get(op["op"], 0) + 1
    return tuple(sorted(chosen))


def build_messages(
    text: str, context: PlannerContext, few_shot: int | None = None, core: int = 0
) -> Messages:
    """Chat messages: the system prompt first, then ``core`` fixed examples (``core_examples``) — both a
    fixed prefix that a prompt cache evaluates once —, then the ``few_shot`` other bank examples nearest to
    ``text`` (``FEW_SHOT`` if None) as turns, then the request."""
    bank = _bank(bool(context.cast))
    system = load_prompt(SYSTEM_PROMPT)
    if context.cast:
        system = f"{system}\n{load_prompt(PEOPLE_PROMPT)}"
    messages = [{"role": "system", "content": system}]
    k = few_shot if few_shot is not None else FEW_SHOT_AFTER_CORE if core > 0 else FEW_SHOT
    fixed = core_examples(core, bool(context.cast)) if core > 0 else ()
    others = [i for i in range(len(bank)) if i not in fixed]
    near = [others[i] for i in nearest(text, [bank[i][0] for i in others], k)] if k > 0 else []
    for index in (*fixed, *near):
        user, answer = bank[index]
        messages.append({"role": "user", "content": _user_message(user, PlannerContext())})
        messages.append({"role": "assistant", "content": answer})
    messages.append({"role": "user", "content": _user_message(text, context)})
    return messages


# Texting abbreviations for "please" that small models translate as words ("stp" became "at StP").
_POLITE = re.compile(r"(?<![\w.])(?:stp|svp|s\.t\.p\.?|s\.v\.p\.?|porfa|pfv|xfa|pls|plz|bitte)(?![\w])",
                     re.IGNORECASE)


def translation_messages(text: str) -> Messages:
    """The translation prompt: instructions, a few example turns, then the request."""
    messages = [{"role": "system", "content": load_prompt(TRANSLATE_PROMPT)}]
    for example in load_examples(TRANSLATE_EXAMPLES):
        messages.append({"role": "user", "content": example["user"]})
        messages.append({"role": "assistant", "content": example["english"]})
    messages.append({"role": "user", "content": clean_text(text, MAX_INPUT_CHARS)})
    return messages


# "加上标题：我们的毕业旅行", "Titel: Sommer am See": the words after "title:" are the title, as written.
_TITLE_COLON = re.compile(r"(?P<lead>(?:标题|標題|题目|タイトル|題名|제목|titel|titre|título|titulo|titolo|"
                          r"title|überschrift)\s*[:：]\s*)(?P<title>[^\"“”„«»「」『』\n]+?)[\s.。]*$",
                          re.IGNORECASE)


def quote_title(text: str) -> str:
    """``text`` with an unquoted title after "title:" (in any of several languages) put in quotes, so a
    translation keeps it as written (``keep_quotes``) instead of translating it."""
    if _quoted(text):
        return text
    return _TITLE_COLON.sub(lambda m: f'{m.group("lead")}"{m.group("title").strip()}"', text, count=1)


# "让它慢一点" came back as "make it slower" (half speed) where it asks for a little slower (0.75x): a degree
# the request softens with, put back before the English comparative when the translation dropped it.
# ("etwas" alone is also "something": only read beside a comparative the translation has.)
_SOFTENED = re.compile(r"一点|一些|一點|稍微|稍稍|有点|有點|少し|すこし|ちょっと|やや|少々|\betwas\b|"
                       r"\bein\s+(?:bisschen|bißchen|wenig)\b|\bun\s+(?:peu|poco|poquito|pelín|po['’]?|pochino)"
                       r"(?!\w)|\bum\s+pouc(?:o|uinho)\b|\b(?:légèrement|ligeramente|ligeiramente|leggermente)\b",
                       re.IGNORECASE)
_COMPARATIVE = re.compile(r"\b(?:shorter|longer|slower|faster|quicker|louder|quieter|softer)\b",
                          re.IGNORECASE)
_DEGREE = re.compile(r"\b(?:a\s+(?:(?:little\s+)?bit|little|touch|tad|lot)|slightly|somewhat|much|way|far|"
                     r"a\s+great\s+deal)\b", re.IGNORECASE)


# "mach es kürzer" came back as "it's shorter" (and "Mach es 30 Sekunden kürzer" as "It's 30 seconds
# shorter", a 30-second cut): a German "make it ..." the 1.5B model turned into a statement. A translation
# example for it fixed these but moved 97 of 316 other translations, some for the worse; so it is read
# back here instead.
_MAKE_IT_DE = re.compile(r"^\s*(?:bitte\s+)?mach(?:e|t)?\s+(?:es|das|ihn|sie)\b", re.IGNORECASE)
_IT_IS = re.compile(r"^\s*(?:it'?s|it\s+is)\s+", re.IGNORECASE)


def made_imperative(request: str, english: str) -> str:
    """``english`` as "make it ..." where the request says "mach es ..." and the translation "it's ..."."""
    return _IT_IS.sub("make it ", english, count=1) if _MAKE_IT_DE.match(request) else english


_SOMETHING_MORE = re.compile(r"\bsomething\s+(?=(?:shorter|longer|slower|faster|quicker|louder|quieter|"
                             r"softer)\b)", re.IGNORECASE)


def kept_degree(request: str, english: str) -> str:
    """``english`` with "a bit" before its comparative when ``request`` said "a little" and it does not."""
    if not _SOFTENED.search(request):
        return english
    english = _SOMETHING_MORE.sub("", english)  # "mach es etwas kürzer" -> "make it something shorter"
    if _DEGREE.search(english):
        return english
    return _COMPARATIVE.sub(lambda m: f"a bit {m.group()}", english, count=1)


def checked_translation(text: str, answer: str) -> str:
    """The model's translation, one line, quotes put back; ``PlannerError`` when it is no translation.

    Small models ramble or repeat their instructions or an example instead of translating: an answer far
    longer than the request, or quoting what the request never quoted, is not used."""
    lines = [line for line in answer.strip().splitlines() if line.strip()]
    english = clean_text(lines[0] if lines else "", MAX_TRANSLATION_CHARS)
    if len(english) >= 2 and english[0] == english[-1] == '"' and english.count('"') == 2:
        english = english[1:-1].strip()  # the whole answer in quotes
    if not english:
        raise PlannerError("the translation was empty", raw=answer)
    if len(english) > 4 * len(text) + 40:
        raise PlannerError("the answer was not a translation of the request", raw=answer)
    if _quoted(english) and not _quoted(text):
        # A title the request gave unquoted, quoted by the model: kept as the user wrote it where its words
        # are in the request, else as translated. A quote from the examples is the examples repeated.
        quotes = _quoted(english)
        examples = load_examples(TRANSLATE_EXAMPLES)
        seen = {quote for example in examples for quote in _quoted(example["english"])}
        if any(quote in seen and quote not in text for quote in quotes):
            raise PlannerError("the answer was not a translation of the request", raw=answer)
        spans = [_span_in(text, quote) or quote for quote in quotes]
        return kept_degree(text, made_imperative(text, replace_quoted(english, spans)))
    return kept_degree(text, made_imperative(text, keep_quotes(text, english)))


def say_in_messages(words: str, language: str, heard: str = "") -> Messages:
    """The prompt that puts a search's English ``words`` into ``language`` (an ISO 639-1 code); ``heard``
    is the user's request when it is in that language, so the model can use the user's own words.

    The examples are in that language where there are some (a small model shown Spanish examples answers
    a French request in Spanish), else one of each language."""
    messages = [{"role": "system", "content": load_prompt(SAY_IN_PROMPT)}]
    examples = load_examples(SAY_IN_EXAMPLES)
    same = [example for example in examples if example["language"] == language]
    firsts = list({example["language"]: example for example in reversed(examples)}.values())[::-1]
    chosen = same or firsts
    if heard:  # picking a few words out of a message: shown in every language (one example copies it all)
        chosen = [e for e in examples if e.get("heard") and e["language"] != language] + [
            e for e in same if e.get("heard")]
    for example in chosen:
        messages.append({"role": "user", "content": say_in_request(example["words"], example["language"],
                                                                   example.get("heard", ""))})
        messages.append({"role": "assistant", "content": example["said"]})
    messages.append({"role": "user", "content": say_in_request(words, language, heard)})
    return messages


def say_in_request(words: str, language: str, heard: str = "") -> str:
    """"German: robots", and the user's words on a second line when they are in that language."""
    request = f"{language_name(language)}: {clean_text(words, MAX_QUERY_CHARS)}"
    return f"{request}\nThe user wrote: {clean_text(heard, MAX_INPUT_CHARS)}" if heard else request


def checked_saying(words: str, answer: str, heard: str = "", language: str = "") -> str:
    """The model's ``words`` in the film's language, one line; ``PlannerError`` when it is none: empty,
    rambling (far longer than the words), an example's answer given for other words, or, with the user's
    message ``heard``, words that are not from it or most of it copied back."""
    lines = [line for line in answer.strip().splitlines() if line.strip()]
    said = clean_text(lines[0] if lines else "", MAX_QUERY_CHARS).strip(" \"“”«»'.")
    if not said:
        raise PlannerError("the answer was empty", raw=answer)
    if len(said) > 3 * len(words) + 30:
        raise PlannerError("the answer was not the words in another language", raw=answer)
    if len(said.split()) > len(words.split()) + MAX_EXTRA_WORDS:  # a copied sentence: its line's share of
        raise PlannerError("the answer was a sentence, not the words", raw=answer)  # words would be small
    examples = {example["said"]: example["words"] for example in load_examples(SAY_IN_EXAMPLES)}
    if said in examples and examples[said] != words:
        raise PlannerError("the answer repeated an example", raw=answer)
    if said.casefold() == words.casefold() and language in OTHER_SCRIPTS:  # "train" is French too,
        raise PlannerError("the answer gave the English words back", raw=answer)  # "the moon" no Japanese
    if heard:
        mine = _WORDS.findall(said.casefold())
        theirs = _WORDS.findall(heard.casefold())
        if not all(word in theirs or word in heard.casefold() for word in mine):
            raise PlannerError("the answer was not in the user's words", raw=answer)
        if len(theirs) > 2 and theirs[0] in mine and theirs[-1] in mine:  # from its first word to its last
            raise PlannerError("the answer copied the user's message", raw=answer)
    return said


def extract_json(raw: str) -> object:
    """The first complete JSON object in a model's answer (models like to wrap JSON in prose or fences)."""
    decoder = json.JSONDecoder()
    start = raw.find("{")
    while start != -1:
        try:
            value, _ = decoder.raw_decode(raw, start)
            return value
        except json.JSONDecodeError:
            start = raw.find("{", start + 1)
    raise PlannerError("the answer contained no JSON object", raw=raw)


def parse_answer(raw: str) -> EditPlan:
    """Validate a model's answer against the schema; errors are short enough to send back for repair."""
    value = extract_json(raw)
    if isinstance(value, dict) and isinstance(value.get("ops"), list):
        if not value["ops"] and not value.get("refusal"):
            raise PlannerError("the plan has no operations and no refusal", raw=raw)
        if value["ops"] and value.get("refusal"):
            value = {**value, "refusal": None}  # small models hedge; the operations are the answer
        for op in value["ops"]:  # the planner's to fill in, not a model's (see ``llm_schema``)
            for part in ("query", "ref", "target"):
                if isinstance(op, dict) and isinstance(op.get(part), dict):
                    for field in PLANNER_FILLED:
                        op[part].pop(field, None)
    try:
        return EditPlan.model_validate(value)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        raise PlannerError(f"schema violation: {problems}", raw=raw) from exc


class ChatModelPlanner:
    """Base for LLM backends: prompt -> answer -> validate, with one repair turn on an invalid answer."""

    name = "llm"
    few_shot: int | None = None  # how many bank examples to show (FEW_SHOT if None); fewer is faster
    # Fixed examples before them, evaluated once per process by a prompt cache. Only where we choose the
    # context size (llama.cpp): an OpenAI-compatible server may have 2,048 tokens (Ollama's default).
    core: int = 0

    @property
    def last_tokens(self) -> list[TokenProb] | None:
        """The tokens of the last plan the model wrote in this thread, with their probabilities (backends
        that can see them: llama.cpp); ``plan_confidence`` reads them. Per thread: the app's sessions share
        one model, and another session's plan must not stand in for this one's."""
        return getattr(self._per_thread(), "tokens", None)

    @last_tokens.setter
    def last_tokens(self, tokens: list[TokenProb] | None) -> None:
        self._per_thread().tokens = tokens

    @property
    def last_text_tokens(self) -> list[TokenProb] | None:
        """The tokens of the last free text (a translation) the model wrote in this thread, with their
        probabilities, where the backend can see them (llama.cpp)."""
        return getattr(self._per_thread(), "text_tokens", None)

    @last_text_tokens.setter
    def last_text_tokens(self, tokens: list[TokenProb] | None) -> None:
        self._per_thread().text_tokens = tokens

    def _per_thread(self) -> threading.local:
        return self.__dict__.setdefault("_thread_state", threading.local())

    def plan_confidence(self) -> float | None:
        """How sure the model was of the plan it just gave (``confidence.plan_confidence``), or None."""
        return plan_confidence(self.last_tokens) if self.last_tokens else None

    def translation_confidence(self, quoted: bool = True) -> tuple[float, str] | None:
        """The least likely token of the translation it just gave, and that token
        (``confidence.translation_confidence``), or None."""
        return translation_confidence(self.last_text_tokens, quoted) if self.last_text_tokens else None

    def complete(self, messages: Messages) -> str:
        """The model's answer, constrained to the plan's JSON Schema where the backend can."""
        raise NotImplementedError

    def complete_text(self, messages: Messages, slot: TextSlot = "translate") -> str:
        """The model's answer as free text (no schema): for translating a request (``slot`` "translate") or
        saying a search in a film's language ("say_in"); a local backend keeps each slot's fixed prompt
        evaluated in a context of its own."""
        raise NotImplementedError

    def translate(self, text: str) -> str:
        """``text`` in English, quoted words kept as written, so the English rules parser and the English
        video search can read a request in any language. Raises ``PlannerError`` when the model cannot."""
        text = quote_title(text)
        try:
            answer = self.complete_text(translation_messages(_POLITE.sub(" ", text).strip() or text))
        except NotImplementedError as exc:
            raise PlannerError(f"the {self.name} backend cannot translate") from exc
        return checked_translation(text, answer)

    def say_in(self, words: str, language: str, heard: str = "") -> str:
        """A dialogue search's English ``words`` as the film (in ``language``, ISO 639-1) would say them, so
        its lines are searched in their own language; ``heard``: the request, when the user wrote it in that
        language (the model then keeps the user's words). Raises ``PlannerError`` when the model cannot."""
        said: dict[tuple[str, str, str], str] = self.__dict__.setdefault("_said", {})
        key = (words, language, heard)
        if key not in said:  # a chat repeats its searches ("more of the robots talk")
            try:
                answer = self.complete_text(say_in_messages(words, language, heard), slot="say_in")
            except NotImplementedError as exc:
                raise PlannerError(f"the {self.name} backend cannot translate") from exc
            try:
                said[key] = checked_saying(words, answer, heard, language)
            except PlannerError:
                if not heard:
                    raise
                said[key] = self.say_in(words, language)  # small models copy the whole message at times
        return said[key]

    def warm(self) -> None:
        """Evaluate the fixed prompt prefixes (planner, translation) now, so the first request does not
        pay for them (about 30 s for a 1.5B model on 2 cores); failures are left for real requests."""
        try:
            self.complete(build_messages("only the fights", PlannerContext(), self.few_shot, self.core))
            self.complete_text(translation_messages("nur die Kämpfe"))
            self.complete_text(say_in_messages("the fights", "de"), slot="say_in")
        except Exception:  # noqa: BLE001 - a warm-up only
            return

    def plan_turn(self, text: str, context: PlannerContext) -> PlanResult:
        """An explicitly chosen model answers every turn, behind the same guards as ``auto``."""
        return AutoPlanner(self, rules_first=False).plan_turn(text, context)

    def plan(self, text: str, context: PlannerContext) -> EditPlan:
        self.last_tokens = None
        messages = build_messages(text, context, self.few_shot, self.core)
        language = detect_language(text)
        seen = " ".join((text, *context.clips, *context.recent_turns))  # what a query may be taken from

        def checked(raw: str) -> EditPlan:
            return grounded(parse_answer(raw), seen, language, raw, people=context.names, request=text)

        raw = self.complete(messages)
        try:
            return checked(raw)
        except PlannerError as first:
            repair = [
                *messages,
                {"role": "assistant", "content": raw[:2000]},
                {
                    "role": "user",
                    "content": f"That answer was invalid: {first}. Reply with only the "
                    "corrected JSON object.",
                },
            ]
            raw = self.complete(repair)
            try:
                return checked(raw)
            except PlannerError as second:
                raise PlannerError(f"invalid after one repair: {second}", raw=raw) from second
