"""How sure a model was of its plan, from the probability of each token it wrote.

A small model that hesitates ("speed" at 0.32 where it also thought of "trim", "factor" against
"seconds", a name it half made up) is wrong far more often than one that does not. Measured with
Qwen2.5-Coder-1.5B on 115 model-read requests of six development files (requests_dev13..17): the plans
whose least likely token was below ``ASK_BELOW`` held 11 of the 23 wrong plans and 9 of the 92 right ones.
``auto`` asks the user to confirm such a plan (one click) instead of making a version from it. The
probabilities are those the model gave before the grammar narrowed its choice, so a token the grammar
forced shows the model's own doubt. (Only the operations' tokens, leaving out words copied into a search,
caught fewer: 7 of the 23 wrong plans at the same cost.)
"""

from __future__ import annotations

from collections.abc import Sequence

TokenProb = tuple[str, float]  # a token's text and the probability the model gave it

ASK_BELOW = 0.4


def plan_confidence(tokens: Sequence[TokenProb]) -> float | None:
    """The probability of the plan's least likely token; None when nothing was recorded."""
    return min((probability for _, probability in tokens), default=None)


# A translation's least likely token, outside the quotes the request had (a title or a line kept as written
# is copied, and a copied name is often unlikely), marks the word the model was least sure how to say in
# English. Measured with Qwen2.5-Coder-1.5B on the 78 translated requests of eight development files
# (requests_dev24..31) that the rules then read in full: below 0.25 held 9 of the 23 wrong readings ("the
# father's sunrise" for "the dad's speech", "the balcony" for "the tram", "color" for "elephant") and 2 of the
# 55 right ones (0.3: 11 and 5; 0.2: 6 and 1).
TRANSLATION_ASK_BELOW = 0.25


def translation_confidence(tokens: Sequence[TokenProb], quoted: bool = True) -> tuple[float, str] | None:
    """The least likely token of a translation, and that token, outside double quotes when the request
    had any (``quoted``: quotes the model added itself, 'cut the clip "mushroom"', are its own words);
    None when there is none."""
    inside, least = False, None
    for text, probability in tokens:
        quotes = text.count('"') + text.count("\u201c") + text.count("\u201d")
        if quoted and (quotes or inside):
            inside = inside != (quotes % 2 == 1)
            continue
        if least is None or probability < least[0]:
            least = (probability, text)
    return least
