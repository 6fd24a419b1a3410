"""Misspelt command words ("tittle it 'Lake Week'", "add a cross fdae", "remvoe the rain"), put right before
the rules read a request, so a typo is not searched for as footage.

Conservative on purpose: two letters swapped may be put right anywhere (such a swap of a command word is
no other English word), any other single slip only in a clause's first word, where the verb stands, and
never into a word that is itself English ("removed", "remote", "titles"). Quoted text is never touched.
"""

from __future__ import annotations

import re

# Words whose swapped letters are fixed anywhere in a request.
_SWAPPABLE = ("fade", "fades", "title", "remove", "delete", "crossfade", "dissolve", "transition",
              "transitions", "blur", "slower", "faster", "shorter", "undo", "redo")
# Verbs whose single slip (a letter added, lost, swapped or changed) is fixed where a clause starts.
_VERBS = ("title", "remove", "delete", "crossfade", "dissolve", "shorten", "retitle", "rename")
# English words one slip from a verb: never "corrected".
_ENGLISH = frozenset("titled titles titler tile tilt tittles remote remover removes removed deleted deletes "
                     "crossfades crossfaded dissolved dissolves shorter shortens shortened retitled renamed "
                     "renames rename retitles".split())
_WORD = re.compile(r"[A-Za-z]{4,}")
_CLAUSE_START = re.compile(r"(?:^|[.;!?,\n]\s*|\b(?:and|then|pls|please|plz|also)\s+)$", re.IGNORECASE)


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}


def _one_slip(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` with one letter added, lost, changed or two neighbours swapped."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]]
        return len(diff) == 1 or (swapped and word[diff[1]] == target[diff[0]])
    short, long = sorted((word, target), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _fixed(word: str, at_start: bool) -> str | None:
    lower = word.lower()
    if lower in _ENGLISH or lower in _SWAPPABLE or lower in _VERBS:
        return None
    swapped = _swaps(lower)
    if hit := next((w for w in _SWAPPABLE if w in swapped), None):
        return hit
    if at_start and len(lower) >= 4:
        hits = [v for v in _VERBS if _one_slip(lower, v)]
        return hits[0] if len(hits) == 1 else None
    return None


def typos_fixed(text: str) -> str:
    """``text`` with misspelt command words put right (placeholders for quotes are not letters: untouched)."""

    def fix(match: re.Match[str]) -> str:
        at_start = bool(_CLAUSE_START.search(text[: match.start()]))
        word = match.group(0)
        if (right := _fixed(word, at_start)) is None:
            return word
        return right.capitalize() if word[0].isupper() else right

    return _WORD.sub(fix, text)
