"""Requests for what the editor cannot do: music, narration, captions, colour, stabilising, watermarks.

Read as searches they would rewrite the cut ("add some upbeat music" adding scenes that match "music"),
so a clause that asks only for one of these gets a plain answer saying what cannot be done and what can.
A search that mentions the same words ("keep the bits where the band plays music", "only the darker
scenes") is no such request and is left to the other rules.
"""

from __future__ import annotations

import re

CAN_DO = ("I can choose, remove, reorder, trim and speed up or slow down clips, add transitions and a title, "
          "blur faces and reframe the picture.")

_ADJECTIVES = (r"(?:(?:some|a|an|the|my|nice|new|cool|upbeat|background|sad|happy|epic|chill|calm|relaxing|"
               r"dramatic|cheerful|funny|royalty[\s-]free|bit\s+of|little|proper|catchy|soft|quiet|loud|"
               r"energetic|fun|emotional|cinematic|lo-?fi|piano|guitar|drum)\s+)*")
_SOUND = (r"(?:music|soundtrack|song|tune|score|backing\s+track|beat|voice\s*-?\s*over|narration|"
          r"sound\s+effects?|sfx)")
_CAPTIONS = r"(?:subtitles|captions|closed\s+captions|stickers?|emojis?|text\s+overlays?|lower\s+thirds?)"
_ADD = r"(?:add|put|lay|play|stick|throw|include|use|set|overlay|give\s+it|slap|burn\s+in)"
_WHERE = (r"(?:\s+(?:over|under|underneath|behind|on(?:\s+top\s+of)?|to|in|across|throughout)\s+"
          r"(?:it|this|that|them|the\s+(?:whole\s+)?(?:thing|video|cut|edit|clips|montage|film)|everything))?")
_UNSUPPORTED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^(?:{_ADD}\s+)?{_ADJECTIVES}{_SOUND}(?:\s+(?:track|in\s+the\s+background))?{_WHERE}"
                r"(?:\s+(?:to\s+it|please|pls))?$"),
     "I can't add music, narration or sound effects; the sound of each clip is kept as it is."),
    (re.compile(rf"^(?:{_ADD}\s+){_ADJECTIVES}{_CAPTIONS}{_WHERE}$"),
     "I can't add subtitles, captions or stickers; a title at the start is the only text I put on the "
     "picture."),
    (re.compile(r"^(?:make|turn|render|grade|colou?r[\s-]?grade)\s+(?:it|this|everything|the\s+"
                r"(?:whole\s+)?(?:video|cut|thing|edit|film)|the\s+[\w\s]{1,30}?)\s+(?:look\s+)?"
                r"(?:a\s+(?:bit|little|lot)\s+|much\s+|more\s+)?(?:bluer|warmer|cooler|brighter|darker|more\s+saturated|more\s+vivid|more\s+colou?rful|"
                r"black\s+and\s+white|b\s*&\s*w|sepia|gr[ae]yscale|monochrome|vintage|cinematic)\b.*$|"
                r"^(?:add|apply|put|use)\s+(?:a\s+|some\s+)?(?:\w+\s+)?(?:colou?r\s+)?(?:filter|lut|grade|colou?r\s+grading)"
                r"(?:\s+\w+){0,4}$|^colou?r[\s-]?(?:grade|correct)\b.*$"),
     "I can't change colours or add filters; every clip keeps the look it was shot with."),
    (re.compile(r"\b(?:stabili[sz](?:e|ed|ing|ation)|de-?shake|steady\s+(?:it|the\s+(?:footage|shots?|video)))\b"),
     "I can't stabilise footage; I can remove the shaky shots (e.g. \"remove the shaky bits\")."),
    (re.compile(r"\b(?:remove|get\s+rid\s+of|take\s+off|erase|hide|crop\s+out|blur\s+out)\s+(?:the\s+|that\s+|this\s+)?"
                r"(?:watermarks?|logos?|copyright\s+notices?)\b"),
     "I can't remove watermarks or logos from the picture."),
)


def unsupported(clause: str) -> str | None:
    """What the (normalised) clause asks that the editor cannot do, as the answer to give; or None."""
    for pattern, answer in _UNSUPPORTED:
        if pattern.search(clause):
            return f"{answer} {CAN_DO}"
    return None
