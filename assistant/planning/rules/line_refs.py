"""Lines of dialogue by their place in the cut: "drop the last line", "cut lines 2 and 4", "lose the first
line of clip 3", "the lines in clip 2".

Read as clip references they removed the last clip chosen for the word "line" (there was none) or the
pictures matching "line 3"; now they are ``RemoveLine`` ops, counted in the order the cut plays its lines,
as the chat numbers them when asked what is said.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from assistant.plan.schema import ClipRef, KeepClip, KeepLines, RemoveClip, RemoveLine
from assistant.planning.rules.clip_refs import parse_ref

# "line", "lines of dialogue", "spoken line", "sentence", "dialogue line", "the thing anyone says"
LINE_NOUN = (r"(?:(?:spoken\s+|dialog(?:ue)?\s+)?(?P<line>lines?|sentences?|(?:things?|words?)\s+(?:that\s+)?"
             r"(?P<speaker>(?!(?:in|on|at|of|with|from|to|we|i|you)\b)[a-z]+)\s+(?:says?|said|speaks?))"
             r"(?:\s+of\s+(?:the\s+)?(?:dialog(?:ue)?|speech|text))?)")
# "the thing anyone says", "the last thing he said": no one in particular (subtitles do not say who speaks)
_ANYONE = frozenset("anyone anybody someone somebody everyone everybody he she they people one nobody it "
                    "this that".split())
# "Celia's last line", "the hero's first 2 lines": lines said while that person is on screen
_OWNER = re.compile(r"^(?:the\s+)?(?P<who>(?:(?:uncle|aunt|auntie|grandpa|grandma|granny|gran|cousin|mr|mrs|"
                    r"ms|dr|main)\s+)?[a-z][\w-]*)['\u2019]s\s+(?P<rest>.+)$")
_ROLES = frozenset("hero heroine protagonist lead leads".split())


def _person(words: str) -> str:
    """A person as a line op names them: a role as the schema spells it, a name capitalised."""
    words = " ".join(words.split())
    if words in _ROLES or words in ("main character", "two leads"):
        return words
    return " ".join(word.capitalize() for word in words.split())
_LINE_NOUN = re.compile(LINE_NOUN)
_WHOLE_CUT = re.compile(r"(?:the\s+)?(?:(?:whole|entire)\s+)?(?:cut|edit|video|film|movie|thing|montage)")
_SCOPE_WORD = re.compile(r"\s+(?:of|in|from|on|inside)\s+")
_JUST_THE_NOUN = re.compile(rf"(?P<all>(?:all|each|every)(?:\s+of)?\s+)?(?:the\s+)?{LINE_NOUN}")


def _clip_scope(text: str) -> int | None:
    """The one clip ``text`` names ("clip 3", "the last clip", "the second one"), else None."""
    ref = parse_ref(text)
    if (ref is None or len(ref.indices) != 1 or ref.matching or ref.invert or ref.turn is not None
            or ref.videos):
        return None
    return ref.indices[0]


def _numbers(text: str) -> list[int] | None:
    """The line numbers of "the last 2 lines", "line 3", "lines 2 and 4", "the first and third lines": the
    clip reference reader's, with the line noun read as "clips"."""
    if not _LINE_NOUN.search(text):
        return None
    as_clips = _LINE_NOUN.sub("clips", text.replace("number ", "").replace("no. ", ""), count=1)
    as_clips = re.sub(r"\bclips\s*#?\s*(?=\d)", "clips ", as_clips)
    ref = parse_ref(as_clips)
    if ref is None or not ref.indices or ref.matching or ref.invert or ref.turn is not None or ref.videos:
        return None
    return [n for n in ref.indices if -200 <= n <= 200 and n != 0] or None


def line_ref(phrase: str) -> RemoveLine | None:
    """The lines ``phrase`` points at by place (in the cut, or in one clip of it), else None."""
    phrase = " ".join(phrase.split())
    clip: int | None = None
    lines = phrase
    for found in reversed(list(_SCOPE_WORD.finditer(phrase))):
        scope = phrase[found.end():]
        if _WHOLE_CUT.fullmatch(scope):
            lines = phrase[:found.start()]
            break
        if (number := _clip_scope(scope)) is not None:
            clip, lines = number, phrase[:found.start()]
            break
    people: tuple[str, ...] = ()
    if (owner := _OWNER.match(lines)) and _LINE_NOUN.search(owner["rest"]):
        lines, people = f"the {owner['rest']}", (_person(owner["who"]),)
    if (said := _LINE_NOUN.search(lines)) and said["speaker"] and said["speaker"] not in _ANYONE:
        people = (*people, _person(said["speaker"]))  # "the last thing Thom says"
    if just := _JUST_THE_NOUN.fullmatch(lines):
        if clip is None:
            return None  # "the lines", "Celia's lines": every line (with her on screen), a search
        every = bool(just.group("all")) or just.group("line").split()[0].endswith("s")
        return RemoveLine(clip=clip, every=every, people=people)
    numbers = _numbers(lines)
    return RemoveLine(lines=numbers, clip=clip, people=people) if numbers else None


def kept_lines(phrase: str) -> KeepLines | None:
    """The lines ``phrase`` points at by place, to keep ("the first 3 lines", "lines 2 to 4 of clip 3")."""
    found = line_ref(phrase)
    return None if found is None else KeepLines(lines=found.lines, clip=found.clip, every=found.every,
                                                people=found.people)


def as_line_op(op: BaseModel) -> BaseModel:
    """A clip removal (or keep) of the clips chosen for "line" ("drop the last line", "keep just the first
    3 lines", as a model or the clip reader writes it) as the line op it is; any other op as it is."""
    if not isinstance(op, RemoveClip | KeepClip) or not op.ref.matching or not op.ref.indices:
        return op
    ref, matching = op.ref, op.ref.matching
    if ref != ClipRef(indices=ref.indices, matching=matching):  # an earlier turn's clips, a video's, all but
        return op
    words = " ".join(matching.lower().split())
    for found in reversed(list(_SCOPE_WORD.finditer(words))):
        if _WHOLE_CUT.fullmatch(words[found.end():]):
            words = words[:found.start()]
            break
    if not re.fullmatch(LINE_NOUN, words):
        return op
    lines = [n for n in ref.indices if -200 <= n <= 200 and n != 0]
    if not lines:
        return op
    return RemoveLine(lines=lines) if isinstance(op, RemoveClip) else KeepLines(lines=lines)
