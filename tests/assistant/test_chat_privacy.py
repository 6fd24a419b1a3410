"""Blur and reframe through the chat on real faces: names resolve to character numbers (stable across a
rename), unknown names and unnamed extras ask instead of editing, the reply says the effects re-encode,
undo/redo, and the effects kept in SQLite across a reopen.

Uses the face library of test_chat_people (Collins | Hopper | Collins, and Collins alone).
"""

from __future__ import annotations

from assistant.plan.schema import Blur, EditPlan, Reframe
from assistant.timeline.model import Privacy
from tests.assistant.test_chat_people import FaceLibrary, _name_both, _session, face_library, library

__all__ = ["face_library", "library"]  # module fixtures this file uses

REENCODE = "The preview and the export re-encode the video for this, so they take longer."


def test_unknown_names_and_unnamed_extras_ask_and_make_no_version(library: FaceLibrary) -> None:
    chat = _session(library.dir)
    extras = chat.turn("blur the faces of the extras")
    assert extras.version.number == 0 and not extras.matched
    assert extras.message.startswith("Nobody in these videos has a name yet")
    assert f"#{library.collins} unnamed" in extras.message and "number" in extras.message
    _name_both(chat, library)
    unknown = chat.turn("blur everyone except Xavier")
    assert unknown.version.number == 0 and not unknown.matched
    assert '"Xavier"' in unknown.message and f"#{library.collins} Celia" in unknown.message
    assert len(chat.versions()) == 1


def test_sparing_a_face_with_no_name_asks_who_lists_the_cast_and_removes_nothing(
    library: FaceLibrary,
) -> None:
    chat = _session(library.dir)
    asked = chat.turn("blur everybody except my grandson")
    assert asked.version.number == 0 and len(chat.versions()) == 1
    assert asked.message.startswith("Whose face is that?")
    assert f"#{library.collins} unnamed" in asked.message and f"#{library.hopper} unnamed" in asked.message
    chat.turn(f"number {library.collins} is Ben")
    named = chat.turn("blur everybody except my grandson Ben")
    assert named.version.timeline.privacy == Privacy("all_but", (library.collins,))
    assert len(named.version.timeline.clips) == len(chat.versions()[0].timeline.clips)  # nothing removed


def test_blur_by_name_undo_redo_and_the_re_encode_note(library: FaceLibrary) -> None:
    chat = _session(library.dir)
    _name_both(chat, library)
    everyone_but = chat.turn("blur everyone except Celia")
    assert everyone_but.version.number == 1 and everyone_but.backend == "rules"
    assert everyone_but.version.timeline.privacy == Privacy("all_but", (library.collins,))
    assert everyone_but.message == f"faces blurred: everyone except Celia — 2 clips, 8.0 s. {REENCODE}"
    also = chat.turn("unblur Thom")
    both = tuple(sorted((library.collins, library.hopper)))
    assert also.version.timeline.privacy == Privacy("all_but", both)
    assert "faces blurred: everyone except" in also.message
    vertical = chat.turn("make it vertical for my phone")
    assert vertical.version.timeline.privacy.aspect == "9:16"
    assert vertical.message.startswith("reframed to 9:16 (vertical)") and vertical.message.endswith(REENCODE)
    assert chat.turn("undo").version.timeline.privacy.aspect == "original"
    assert chat.turn("redo").version.timeline.privacy.aspect == "9:16"
    off = chat.turn("stop blurring and back to widescreen")
    assert off.version.timeline.privacy == Privacy()
    assert REENCODE not in off.message  # nothing to re-encode any more
    blurs = [v.timeline.privacy.blur for v in chat.versions()]
    assert blurs == ["none", "all_but", "all_but", "all_but", "none"]


def test_the_extras_are_everyone_but_the_named_characters_and_a_rename_keeps_the_blur(
    library: FaceLibrary,
) -> None:
    chat = _session(library.dir)
    chat.turn(f"number {library.collins} is Celia")
    extras = chat.turn("blur the faces of the extras")
    assert extras.version.timeline.privacy == Privacy("all_but", (library.collins,))
    chat.turn(f"number {library.collins} is Celine")  # numbers, not names, are kept in the cut
    reopened = _session(library.dir).store.version(extras.version.id)  # read back from SQLite
    assert reopened.timeline.privacy == Privacy("all_but", (library.collins,))
    hero = chat.turn("blur the hero too")  # "blur X" never uncovers anyone: Celine is now blurred as well
    assert hero.version.timeline.privacy == Privacy("all")


def test_typed_effect_ops_skip_the_planner(library: FaceLibrary) -> None:
    chat = _session(library.dir)
    result = chat.apply(EditPlan(ops=[Blur(target="only", people=(f"#{library.hopper}",)),
                                      Reframe(aspect="1:1")]))
    assert result.version.timeline.privacy == Privacy("only", (library.hopper,), "1:1")
    assert result.message.startswith(f"faces blurred: #{library.hopper}; reframed to 1:1 (square)")


def test_a_blur_of_one_clip_from_the_chat(library: FaceLibrary) -> None:
    """"blur Thom in clip 1": that clip's own blur, said, listed, asked about, kept in SQLite, and gone with
    "unblur everyone"; a clip past the end is asked about."""
    chat = _session(library.dir)
    _name_both(chat, library)
    one = chat.turn("blur Thom in clip 1")
    timeline = one.version.timeline
    assert one.version.number == 1 and timeline.privacy == Privacy()
    assert timeline.clip_privacy(0) == Privacy("only", (library.hopper,)) and timeline.clips[1].blur is None
    assert one.message == f"in clip 1, faces blurred: Thom — 2 clips, 8.0 s. {REENCODE}"
    assert "(faces blurred: Thom in this clip)" in chat.numbered_clips()[0]
    assert "(faces blurred" not in chat.numbered_clips()[1]
    asked = chat.turn("what did you blur?")
    assert asked.version.number == 1 and asked.message.startswith("In clip 1, faces blurred: Thom;")
    past = chat.turn("don't blur clip 5")
    assert past.question is not None and past.version.number == 1
    assert past.message.startswith("There is no clip 5: the cut has 2 clips.")
    reopened = _session(library.dir).store.version(one.version.id)  # read back from SQLite
    assert reopened.timeline == timeline
    off = chat.turn("unblur everyone")
    assert off.version.number == 2 and not off.version.timeline.effects_active
    assert REENCODE not in off.message
