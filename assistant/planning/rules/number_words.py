"""Spelled-out numbers, ordinals and durations in chat text ("two and a half minutes", "the third one").

The rules planner works on digits; this module turns the ways people write amounts into digits first so
its patterns stay small.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
ORDINAL_RE = r"(?:\d+(?:st|nd|rd|th)|" + "|".join(ORDINALS) + ")"

_NUMBER_WORD = "|".join([*_UNITS, *_TENS, "hundred"])
_NUMBER_RUN = re.compile(rf"\b(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD}))*\b")
# "one" is also a pronoun ("the second one"): only read it as a number before an amount-like noun.
_ONE_AS_PRONOUN = re.compile(
    r"^(?!\s*(?:and\s+a\s+half|point|minutes?|mins?|seconds?|secs?|hours?|steps?|times?|changes?|edits?|"
    r"clips?|shots?|turns?|more|x\b|-))"
)
_FRACTIONS = [
    (re.compile(r"\b(\d+)\s+and\s+a\s+half\b"), lambda m: f"{int(m.group(1))}.5"),
    (re.compile(r"\ban?\s+(minute|hour|second)\s+and\s+a\s+half\b"), lambda m: f"1.5 {m.group(1)}s"),
    (re.compile(r"\b(\d+)\s+(minutes?|hours?)\s+and\s+a\s+half\b"), lambda m: f"{m.group(1)}.5 {m.group(2)}"),
    (re.compile(r"\bhalf\s+an?\s+(minute|hour|second)\b"), lambda m: f"0.5 {m.group(1)}s"),
    (re.compile(r"\b(?:a\s+)?quarter[\s-](second|minute)s?\b"), lambda m: f"0.25 {m.group(1)}s"),
    (re.compile(r"\bhalf[\s-](second|minute)s?\b"), lambda m: f"0.5 {m.group(1)}s"),
    (re.compile(r"\b(?:(?:a|one)\s+)?quarter\s+of\s+an?\s+(minute|hour|second)\b"),
     lambda m: f"0.25 {m.group(1)}s"),
    (re.compile(r"\bhalf\s+of\s+an?\s+(minute|hour|second)\b"), lambda m: f"0.5 {m.group(1)}s"),
    (re.compile(r"\ban?\s+(minute|hour|second)\b"), lambda m: f"1 {m.group(1)}"),
    (re.compile(r"\ba\s+couple\s+(?:of\s+)?"), lambda m: "2 "),
    (re.compile(r"\ba\s+few\s+"), lambda m: "3 "),
]
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
# "the first half", "the last third", "a quarter": the share of a whole a part word names
PART_SHARES = {"half": 0.5, "third": 1 / 3, "quarter": 0.25}


def share_said(part: str | None, percent: str | None) -> float:
    """The share "half" / "third" / "quarter" or "25" (%) says, as a fraction of a whole."""
    return PART_SHARES[part] if part else float(percent or 0) / 100

DURATION_RE = re.compile(
    r"(?P<clock>\b\d{1,2}:\d{2}\b)|"
    r"(?P<num>\d+(?:\.\d+)?)\s*-?\s*(?P<unit>hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b"
)


def _run_value(words: list[str]) -> int | None:
    total, current = 0, 0
    for word in words:
        if word in _UNITS:
            if current % 10 or (current and current < 10):
                return None  # "two three" is not a number
            current += _UNITS[word]
        elif word in _TENS:
            if current % 100:
                return None
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
    return total + current


_POINT = re.compile(r"\b(\d+)\s+point\s+(\d)\b")


def words_to_digits(text: str) -> str:
    """Rewrite spelled-out cardinals as digits ("twenty five" -> "25"), leaving pronoun "one" alone."""

    def replace(match: re.Match[str]) -> str:
        words = [w for w in re.split(r"[\s-]+", match.group(0)) if w and w != "and"]
        if words == ["one"] and _ONE_AS_PRONOUN.match(text[match.end() :]):
            return match.group(0)
        value = _run_value(words)
        return match.group(0) if value is None else str(value)

    text = _POINT.sub(r"\1.\2", _NUMBER_RUN.sub(replace, text))  # "one point five" -> "1.5"
    for pattern, repl in _FRACTIONS:
        text = pattern.sub(repl, text)
    return text


def ordinal_value(word: str) -> int | None:
    """``"third"`` or ``"3rd"`` -> 3."""
    if word in ORDINALS:
        return ORDINALS[word]
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(match.group(1)) if match else None


def duration_seconds(match: re.Match[str]) -> float:
    """Seconds for a ``DURATION_RE`` match ("1:30", "2 min", "90s")."""
    if match.group("clock"):
        minutes, seconds = match.group("clock").split(":")
        return int(minutes) * 60 + int(seconds)
    return float(match.group("num")) * _UNIT_SECONDS[match.group("unit")[0]]


# "1 min 30", "2 minutes and 15 seconds", "1h 20": a bigger unit and a smaller one read as one length.
_COMPOUND = re.compile(
    r"(?P<big>\d+)\s*-?\s*(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\s*(?:and\s+)?(?P<small>\d{1,2})\s*"
    r"(?:(?P<small_unit>minutes?|mins?|m|seconds?|secs?|s)\b|(?=\s*$|\s*[,.;!?]|\s+(?:max|tops|total|long|"
    r"please|or)\b))"
)


def spoken_durations(text: str) -> list[tuple[str, float]]:
    """Every length a message states, as (the words, seconds), in order: "three and a half minutes" ->
    210, "1min 30" -> 90. For checking and spelling out a model's arithmetic, which small models get wrong."""
    digits = words_to_digits(text.lower())
    found: list[tuple[int, str, float]] = []
    taken: list[tuple[int, int]] = []
    for match in _COMPOUND.finditer(digits):
        big = float(match.group("big")) * _UNIT_SECONDS[match.group("unit")[0]]
        small_unit = (match.group("small_unit") or ("m" if match.group("unit")[0] == "h" else "s"))[0]
        found.append((match.start(), match.group(0).strip(), big + int(match.group("small")) *
                      _UNIT_SECONDS[small_unit]))
        taken.append(match.span())
    for match in DURATION_RE.finditer(digits):
        if not any(start <= match.start() < end for start, end in taken):
            found.append((match.start(), match.group(0), float(duration_seconds(match))))
    return [(words, seconds) for _, words, seconds in sorted(found)]


def compounds_to_seconds(text: str) -> str:
    """ "1min 30" -> "90 seconds", "a minute twenty" (after ``words_to_digits``) -> "80 seconds": one length
    the rules can read as one amount."""

    def seconds(match: re.Match[str]) -> str:
        big = float(match.group("big")) * _UNIT_SECONDS[match.group("unit")[0]]
        small_unit = (match.group("small_unit") or ("m" if match.group("unit")[0] == "h" else "s"))[0]
        return f"{big + int(match.group('small')) * _UNIT_SECONDS[small_unit]:g} seconds"

    return _COMPOUND.sub(seconds, text)
