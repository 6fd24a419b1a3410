"""An ``EditPlan`` in plain words, for the chat reply and the CLI (what was understood)."""

from __future__ import annotations

from assistant.plan.schema import (
    Add,
    Best,
    ClipRef,
    EditPlan,
    Keep,
    KeepClip,
    KeepOnly,
    LimitDuration,
    Move,
    Order,
    Query,
    Redo,
    Remove,
    RemoveClip,
    Reset,
    Speed,
    Title,
    Transition,
    Trim,
    TrimTo,
    Undo,
)


# --- the plan in words ----------------------------------------------------------------------------
def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}" if minutes else f"{secs} s"


def _query(query: Query) -> str:
    return {
        "auto": f"'{query.text}'",
        "visual": f"shots showing '{query.text}'",
        "dialogue": f"lines saying '{query.text}'",
    }[query.kind]


def _ordinal(n: int) -> str:
    if n < 0:
        return "last" if n == -1 else f"{-n}th from last"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _ref(ref: ClipRef) -> str:
    noun = f"'{ref.matching}' clip" if ref.matching else "clip"
    if not ref.indices:
        text = f"every {noun}"
    elif len(ref.indices) == 1:
        text = f"the {_ordinal(ref.indices[0])} {noun}"
    else:
        text = f"{noun}s {', '.join(str(i) for i in ref.indices)}"
    if ref.invert:
        text = f"all but {text}"
    return text + (f" of {-ref.turn} versions ago" if ref.turn else "")


def _describe_op(op: object) -> str:
    match op:
        case KeepOnly(query=q):
            return f"Kept only scenes matching {_query(q)}"
        case Keep(query=q):
            return f"Kept the parts of the cut matching {_query(q)}"
        case Add(query=q):
            return f"Added scenes matching {_query(q)}"
        case Remove(query=q):
            return f"Removed scenes matching {_query(q)}"
        case Order(by=by):
            return "Put clips in story order" if by == "story" else "Put the best matches first"
        case Move(query=q, to=to):
            return f"Moved scenes matching {_query(q)} to the {to}"
        case Best(query=q, count=n, seconds=s):
            what = f"scenes matching {_query(q)}" if q else "clips of the cut"
            if n:
                return f"Kept the {n} best {what}"
            return f"Kept the best {_clock(s)} of the {what}" if s else f"Kept the better half of the {what}"
        case LimitDuration(seconds=s, factor=f):
            return f"limited to {_clock(s)}" if s is not None else f"made it {f:g}x as long"
        case Trim(target=t, seconds=s, side=side):
            where = {"start": "the start of", "end": "the end of", "both": "both ends of"}[side]
            return f"trimmed {s:g} s off {where} {_ref(t)}"
        case TrimTo(target=t, seconds=s, side=side):
            where = {"start": "the start", "end": "the end", "both": "both ends"}[side]
            return f"trimmed {_ref(t)} to {s:g} s (cutting from {where})"
        case Speed(target=t, factor=f):
            what = "the cut" if not t.indices and not t.matching and not t.invert else _ref(t)
            return f"played {what} at {f:g}x speed"
        case Transition(kind=k, seconds=s):
            return {
                "cut": "hard cuts between clips",
                "crossfade": f"{s:g} s crossfades",
                "fade_black": f"{s:g} s fades through black",
            }[k]
        case Title(text=t):
            return f"title '{t}'" if t else "removed the title"
        case Undo(steps=n):
            return "Undid the last change" if n == 1 else f"Undid the last {n} changes"
        case Redo(steps=n):
            return "Redid the change" if n == 1 else f"Redid {n} changes"
        case Reset():
            return "Started over from the whole source videos"
        case RemoveClip(ref=r):
            return f"Removed {_ref(r)}"
        case KeepClip(ref=r):
            return f"Kept only {_ref(r)}"
    return str(op)


def describe_plan(plan: EditPlan) -> str:
    """The plan in plain words for the chat ("Kept only scenes matching 'fight'; limited to 2:00")."""
    if plan.refusal:
        return plan.refusal
    if not plan.ops:
        return "Nothing to change."
    parts = [_describe_op(op) for op in plan.ops]
    text = "; ".join(parts)
    return text[0].upper() + text[1:]
