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

from assistant.plan.language import reads_as_english
from assistant.plan.schema import (
    BLUR_OPS,
    NAMED_REF,
    Blur,
    EditPlan,
    Like,
    Query,
    Reframe,
    Title,
    Unblur,
    role_of,
)
from assistant.planning.base import PlannerError
from assistant.planning.rules.people import people_from_text

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
_RANKING_QUERY = frozenset({"best", "good", "highlight", "highlights", "good parts", "best parts", "top"})
# Word stems an English request for a blur or a new frame shape uses; an effect op without one was copied
# from an example ("only the fights" is no reason to crop to 9:16).
_BLUR_WORDS = re.compile(
    r"blur|pixel|hid|face|anonym|mask|obscur|cover|censor|recogni|identif|extras|bystander|reveal|visible",
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
    for query in _queries(plan):
        words = query.text.lower()
        if _DURATION_QUERY.match(words):
            problems.append(f'"{query.text}" is a length, not something to look for: use seconds')
        elif words.strip() in _RANKING_QUERY:
            problems.append(f'"{query.text}" is a ranking, not a thing to look for: "best" without a query')
        elif query.kind != "dialogue" and not _latin(query.text):
            problems.append(f'write the query "{query.text}" in English (the video search reads English)')
        elif reads_as_english(language):
            missing = [w for w in _WORD.findall(words)
                       if w not in _FILLER and not any(_same_word(w, r) for r in request_words)]
            if missing:
                problems.append(f'the query "{query.text}" uses words that are not in the message '
                                f'({", ".join(missing)}): use the user\'s own words')
    return problems


def _unheard_effects(plan: EditPlan, text: str, language: str) -> list[str]:
    """A blur, a reframe or a taste statement that an English request gives no word for (other languages
    are not checked)."""
    if not reads_as_english(language):
        return []
    problems = []
    if any(isinstance(op, BLUR_OPS) for op in plan.ops) and not _BLUR_WORDS.search(text):
        problems.append("the message asks for no blur: leave out blur and unblur")
    uncovers = any(isinstance(op, Unblur) or isinstance(op, Blur) and op.target == "none" for op in plan.ops)
    if uncovers and not _UNCOVER_WORDS.search(text):
        problems.append('the message asks to blur, not to stop blurring: use "target":"all" or the people '
                        "it names")
    if any(isinstance(op, Reframe) for op in plan.ops) and not _SHAPE_WORDS.search(text):
        problems.append("the message asks for no frame shape: leave out reframe")
    if any(isinstance(op, Like) for op in plan.ops) and not _TASTE_WORDS.search(text):
        problems.append("the message says nothing about what the user likes: leave out like")
    return problems


def _letters(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())


def _unheard_titles(plan: EditPlan, text: str) -> list[str]:
    """A title is the user's words: one that the message does not contain came from somewhere else."""
    heard = _letters(text)
    return [f'the title "{op.text}" is not in the message: use the user\'s words exactly'
            for op in plan.ops if isinstance(op, Title) and op.text and _letters(op.text) not in heard]


def _without_repeats(plan: EditPlan) -> EditPlan:
    """Drop an op that repeats the one before it exactly: no request means the same edit twice in a row."""
    ops = [op for i, op in enumerate(plan.ops) if i == 0 or op != plan.ops[i - 1]]
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
                *_unheard_titles(plan, text), *_unheard_effects(plan, request or text, language)]
    if problems:
        raise PlannerError("; ".join(problems), raw=raw)
    return _without_repeats(_names_as_people(plan, people))


def _names_as_people(plan: EditPlan, people: Sequence[str]) -> EditPlan:
    """A cast name or a role the model left in a picture query ("Celia arguing") moves to its people."""
    ops = [op.model_copy(update={"query": people_from_text(q, people)})
           if isinstance(q := getattr(op, "query", None), Query) else op for op in plan.ops]
    return plan if ops == plan.ops else plan.model_copy(update={"ops": ops})
