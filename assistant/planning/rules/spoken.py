"""Requests about whether anyone speaks, not about what is said: "only the parts where someone is talking",
"cut the silent parts", "Celia's lines", "everything Thom says".

Read as searches they looked for pictures of "talking" or "silent" (the Chaplin clip kept, the argument on
the bridge dropped). A query that is only such words becomes every line of dialogue (``SPOKEN_REF``), with
the people the clause named on screen; "silent" and "nobody talks" turn the op round, as "nobody" does for
people on screen.
"""

from __future__ import annotations

import re

from assistant.plan.schema import SPOKEN_REF, Keep, KeepOnly, Query, Remove

_PLACES = r"(?:places?|passages?|moments?|sections?|stretches|stretch|spots?|segments?|parts?|bits?|times?)"
_WHERE = re.compile(rf"^(?:the\s+)?{_PLACES}\s+(?:where|when|in\s+which|with)\s+", re.IGNORECASE)
_WHO = (r"(?:(?:someone|somebody|anyone|anybody|people|they|he|she|we|(?:the\s+)?(?:characters?|actors?|"
        r"people|guys?|girls?|two\s+of\s+them))\s+)")
_TALKS = (r"(?:talk(?:s|ing)?|speak(?:s|ing)?|chat(?:s|ting)?|says?\s+(?:something|stuff|anything)|"
          r"saying\s+(?:something|stuff|anything)|(?:is|are)\s+(?:talking|speaking|chatting|in\s+(?:a\s+)?"
          r"conversation)|(?:has|have|having)\s+(?:a\s+)?(?:lines?|conversation|dialogue|chat))")
_SPOKEN = re.compile(
    rf"(?:the\s+|any\s+|some\s+|all\s+(?:the\s+)?)?(?:dialog(?:ue)?s?|talking|speaking|speech|conversations?|"
    rf"(?:spoken\s+)?lines|spoken\s+(?:words|parts|bits)|talky(?:\s+(?:parts|bits))?|says|said|"
    rf"(?:what|everything|anything)\s+{_WHO}?(?:says|said|say)|"
    # "drop every line Thom says" (the name goes to the query's people): "line says" was searched for
    rf"(?:every\s+|each\s+)?lines?\s+{_WHO}?(?:says|said|say|speaks|has|delivers)|"
    rf"{_WHO}?{_TALKS}(?:\s+(?:in\s+them|in\s+it|to\s+each\s+other|to\s+someone))?)",
    re.IGNORECASE)
_UNSPOKEN = re.compile(
    rf"(?:the\s+)?(?:silent|silence|silences|wordless)(?:\s+(?:{_PLACES}|shots?|scenes?|clips?|ones|gaps?))?|"
    # "cut out the pauses", "remove the dead air": the stretches between lines (they were searched for)
    r"(?:the\s+|all\s+the\s+|any\s+)?(?:(?:long|awkward|little|silent|quiet)\s+)?(?:pauses|dead\s+air|lulls)|"
    rf"(?:nobody|no\s*-?\s*one|none\s+of\s+them)\s+(?:is\s+|are\s+)?(?:{_TALKS}|says\s+a\s+word|"
    rf"says\s+anything|speaks?\s+a\s+word)|no\s+(?:dialog(?:ue)?|talking|speech|lines|words|conversation)|"
    rf"nothing\s+(?:is\s+)?(?:said|spoken)|(?:they\s+)?(?:don'?t|do\s+not)\s+(?:talk|speak|say\s+anything)",
    re.IGNORECASE)

# "someone's talking", "they're chatting" said in full, and adverbs that do not change whether anyone speaks
_SHORT_BE = re.compile(r"\b(?P<who>someone|somebody|anyone|anybody|he|she|(?P<are>they|we|people))"
                       r"'(?:s|re)\b",
                       re.IGNORECASE)
_ADVERB = re.compile(r"\b(?:actually|really|just|still|even)\s+(?=(?:talk|speak|chat|say))", re.IGNORECASE)


def spoken_op(op):  # noqa: ANN001, ANN202 - any query op
    """``op`` on every line (with the people its query names on screen) when its query asks only whether
    someone speaks; for "silent" / "nobody talks", the op turned round."""
    query = getattr(op, "query", None)
    if query is None or query.any_line or not query.text:
        return op
    text = _WHERE.sub("", " ".join(query.text.split()))  # "places where someone speaks" (a translation)
    text = _SHORT_BE.sub(lambda m: f"{m['who']} {'are' if m['are'] else 'is'}", text)
    text = _ADVERB.sub("", text)  # "someone's actually talking": someone is talking
    spoken = Query(text=SPOKEN_REF, people=query.people, videos=query.videos)
    if _SPOKEN.fullmatch(text):
        return op.model_copy(update={"query": spoken})
    if _UNSPOKEN.fullmatch(text) and isinstance(op, Keep | KeepOnly | Remove):
        return Keep(query=spoken) if isinstance(op, Remove) else Remove(query=spoken)
    return op
