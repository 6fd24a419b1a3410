"""Misspelt command words ("tittle it 'Lake Week'", "add a cross fdae", "make it fater"): found so the rules
read the request spelt right and that reading is asked about (or corrects a model's), never acted on as it
stands; the same for the rules planner alone and for ``auto``.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Command words, and the real words one typo away from them ("tile", "lower", "rest", "swamp"): a word one
# letter dropped, added or swapped from a command word and not itself a word ("fdae", "tittle", "remvoe",
# "spede") is a misspelt command the rules may have read as something else ("add a cross fdae" as a search
# for "cross fdae"), so a model reads the request, or the chat asks. The real neighbours were listed once
# from a 30k-word English vocabulary (all-MiniLM-L6-v2's); an -s, -d or -r ending is a word too ("faded").
_COMMAND_WORDS = frozenset(
    "remove delete title fade crossfade faster slower speed shorter longer swap undo redo reset blur unblur "
    "transition trim reverse vertical clip clips minute minutes seconds second please crop "
    # part 41: "moev clip 3", "mute cilp 4", "splt clip 2", "in hlaf", "slwo down", "mkae it shorter"
    "move mute split half slow drop make shorten louder quieter keep "
    # part 56: "keep onyl the beach" (a keep of "onyl the beach")
    "only".split())
# Misspellings under four letters, which the one-typo rule leaves alone (too many real words are that short)
_SHORT_TYPOS = {"ony": "only", "olny": "only"}
_REAL_NEIGHBOURS = frozenset(
    "tile lower seed speedy sped swamp rest lips pleas lease corp mundo xfade minuten verticale "
    # part 41's command words' neighbours ("move clip 2" beside "movie", "split" beside "slit")
    "movie slit spit spilt droop maked haft hale hall halo "
    # English words the vocabulary lacked ("make the sky bluer" is a colour, not a blur)
    "bluer blurb blurt sower lounger croup minuet".split())


@lru_cache(maxsize=1)
def _misspellings() -> dict[str, str]:
    found: dict[str, str] = {}
    for word in sorted(_COMMAND_WORDS):
        near = {word[:i] + word[i + 1:] for i in range(len(word))}
        near |= {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
        near |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in "abcdefghijklmnopqrstuvwxyz"}
        for typo in near:
            inflected = typo in (word + "s", word + "d", word + "r")  # "crossfades", "faded", "fader"
            if len(typo) >= 4 and not inflected and typo not in _COMMAND_WORDS | _REAL_NEIGHBOURS:
                found.setdefault(typo, word)
    return {**found, **_SHORT_TYPOS}


def command_typos(text: str) -> tuple[str, ...]:
    """The words of ``text`` that look like a misspelt command word ("tittle" for "title")."""
    table = _misspellings()
    return tuple(dict.fromkeys(w for w in re.findall(r"[a-z]+", text.lower()) if w in table))


def with_typos_fixed(text: str) -> str:
    """``text`` with its misspelt command words spelt right ("make it fater" -> "make it faster"): the rules
    read that, and their reading is asked about (or corrects the model's), never acted on as it stands."""
    table = _misspellings()
    return re.sub(r"[A-Za-z]+", lambda m: table.get(m.group(0).lower(), m.group(0)), text)
