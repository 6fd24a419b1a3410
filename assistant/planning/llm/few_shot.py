"""Pick the few-shot examples most like a request: small models copy the nearest example's structure.

Similarity is word and character-trigram overlap (Jaccard), cheap and deterministic, so the same request
always gets the same prompt (and ties go to the earlier example in the bank). Chinese and Japanese are
written without spaces, so there single characters and character pairs stand in for words. A request with
several clauses ("only the fights, under two minutes") gets the nearest multi-clause examples, so the model
sees plans with several operations, plus the nearest examples for each clause, so it sees how each one maps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.plan.language import CJK_CHAR

_CLAUSE = re.compile(
    r",|;|，|、|；|。|\band then\b|\band\b|\bbut\b|\bthen\b|\bund\b|\bdann\b|\bet\b|\bpuis\b|\by\b|"
    r"然后|并且|そして|それから",
    re.IGNORECASE,
)
_STOP = frozenset(
    "the a an of to it please and i me can you that "  # English filler
    "der die das den und bitte le la les des du et el los las y por favor".split()  # de / fr / es filler
)
_CJK_RUN = re.compile(f"{CJK_CHAR.pattern}+")


@lru_cache(maxsize=1024)
def features(text: str) -> frozenset[str]:
    """Words (minus filler) and padded character trigrams: trigrams match 'fights' to 'fight'; for CJK
    text, characters and character pairs ('删掉龙的镜头' and '只要龙' share '龙')."""
    text = text.lower()
    words = [w for w in re.findall(r"(?:[^\W_]|')+", _CJK_RUN.sub(" ", text)) if w not in _STOP]
    found = {f"w:{w}" for w in words}
    for word in words:
        padded = f" {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    for run in _CJK_RUN.findall(text):
        found.update(f"c:{ch}" for ch in run)
        found.update(f"c:{run[i : i + 2]}" for i in range(len(run) - 1))
    return frozenset(found)


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of ``features``: 1.0 for the same words, 0.0 for nothing shared."""
    fa, fb = features(a), features(b)
    return len(fa & fb) / len(fa | fb) if fa and fb else 0.0


def clauses(text: str) -> list[str]:
    """The parts of a request that each ask for one thing (split at commas, 'and', 'but', 'then')."""
    return [part.strip() for part in _CLAUSE.split(text) if part.strip()]


def _ranked(text: str, candidates: Sequence[str], multi: bool) -> list[int]:
    def key(i: int) -> tuple[bool, float, int]:
        shaped = multi and len(clauses(candidates[i])) > 1
        return (not shaped, -similarity(text, candidates[i]), i)

    return sorted(range(len(candidates)), key=key)


def nearest(text: str, candidates: Sequence[str], k: int) -> list[int]:
    """Indices of ``k`` candidates near ``text``, taken in turns from the ranking for the whole request and
    for each of its clauses, and returned least relevant first: the closest example then sits right before
    the request, where a small model pays it the most attention."""
    parts = clauses(text)
    rankings = [_ranked(text, candidates, len(parts) > 1)]
    if len(parts) > 1:
        rankings += [_ranked(part, candidates, False) for part in parts]
    chosen: list[int] = []
    for rank in range(len(candidates)):
        for ranking in rankings:
            if len(chosen) < k and ranking[rank] not in chosen:
                chosen.append(ranking[rank])
    return chosen[::-1]
