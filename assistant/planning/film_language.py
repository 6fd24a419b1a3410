"""Searches through dialogue in the films' own languages.

Plans are written in English: the rules parser reads English, a request in another language is
translated first, and CLIP reads English. A film's lines are in the film's language, though, and the
word search of a German film finds "Roboter", never "robots". So once a turn is planned, each search that
reads lines (``dialogue``, and ``auto``, which fuses lines with pictures) gets its words in every other
language the films in scope speak, from the language model; retrieval then searches each film's lines
with the words in that film's language (``Query.words_in``). A quoted line is searched as the user wrote
it, and without a model the chat says that the English words were searched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.plan.language import ENGLISH, detect_language, language_name, quoted_parts, reads_as_english
from assistant.plan.schema import QUERY_OPS, EditPlan, Query
from assistant.planning.base import PlannerError, PlanResult

LINE_KINDS = ("dialogue", "auto")  # the query kinds whose search reads lines of dialogue
SayIn = Callable[[str, str, str], str]  # (English words, ISO 639-1 code, the request if in it) -> words


def text_language(text: str) -> str:
    """The language a query's words are in: English unless they read as another language."""
    language = detect_language(text)
    return ENGLISH if reads_as_english(language) else language


def line_searches(plan: EditPlan, request: str) -> list[Query]:
    """The plan's queries that search lines by their words, each once; a line the user quoted is searched
    as written (it is the film's own words, whatever the request's language)."""
    quoted = {part.casefold() for part in quoted_parts(request)}
    found = [op.query for op in plan.ops if isinstance(op, QUERY_OPS) and op.query is not None]
    return list(dict.fromkeys(
        q for q in found if q.kind in LINE_KINDS and q.text and q.text.casefold() not in quoted
    ))


def with_spoken(plan: EditPlan, said: dict[tuple[str, str], str]) -> EditPlan:
    """``plan`` with each query's ``spoken_as`` set from ``said`` ((words, language) -> words in it)."""
    ops = []
    for op in plan.ops:
        query = getattr(op, "query", None)
        if isinstance(op, QUERY_OPS) and isinstance(query, Query):
            spoken = tuple((lang, said[(text, lang)]) for (text, lang) in said if text == query.text
                           and query.kind in LINE_KINDS)
            if spoken != query.spoken_as:
                op = op.model_copy(update={"query": query.model_copy(update={"spoken_as": spoken})})
        ops.append(op)
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})


def in_film_languages(
    result: PlanResult, request: str, languages: Sequence[str], say_in: SayIn | None,
) -> PlanResult:
    """``result`` with its line searches put into the other ``languages`` the films speak, and a note
    where that could not be done (no model, or the model gave no answer)."""
    if result.plan.refusal or not languages:
        return result
    said: dict[tuple[str, str], str] = {}
    missed: list[str] = []
    request_language = detect_language(request)
    for query in line_searches(result.plan, request):
        written_in = text_language(query.text)
        for language in dict.fromkeys(languages):
            if language == written_in:
                continue
            if say_in is None:
                if query.kind == "dialogue":  # "auto" searches the pictures too: no need to say it each turn
                    missed.append(f"the lines in {language_name(language)} were searched for "
                                  f"“{query.text}” as written, with no language model to translate it")
                continue
            try:
                heard = request if language == request_language else ""  # the user's own words for it
                said[(query.text, language)] = say_in(query.text, language, heard)
            except PlannerError as exc:
                missed.append(f"could not put “{query.text}” into {language_name(language)} ({exc}); "
                              "its lines were searched for it as written")
    plan = with_spoken(result.plan, said)
    notes = [note for note in (result.note, *dict.fromkeys(missed)) if note]
    return replace(result, plan=plan, note="; ".join(notes))
