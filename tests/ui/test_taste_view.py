"""The app's taste parts, called as handlers on a real small library: profiles, the "Suggested for you"
strip, one-click adds, 👍 / 👎, and downloads and shares counted as taste (no browser, no Gradio)."""

from __future__ import annotations

import pytest

from assistant.planning.factory import make_planner
from assistant.timeline.model import Clip, Timeline
from index.clip_factory import create_embedder
from ui.editor_handlers import UNCHANGED, CutView, EditorHandlers
from ui.services import Services
from ui.taste_view import EMPTY_NOTE, NO_STRIP, TasteHandlers


def taste_for(library_dir, default_user: str = "default") -> TasteHandlers:
    services = Services(library_dir, make_planner("rules"), lambda: create_embedder("tiny-random"),
                        asr_model=str(library_dir / "no-whisper-here"), prepare_previews=False,
                        default_user=default_user)
    return TasteHandlers(EditorHandlers(services))


@pytest.fixture
def taste(small_library_copy) -> TasteHandlers:
    return taste_for(small_library_copy.dir)


def first_shot_cut(taste: TasteHandlers, user: str, cuts: str, single: str) -> str:
    """A session of ``user`` whose cut is only the first shot of "cuts": the other four shots are free."""
    sid = taste.editor.start([cuts, single], [], user).session_id
    assert isinstance(sid, str)
    services = taste.services
    shot = services.library.shots(cuts)[0]
    clip = Clip(cuts, shot.start_frame, shot.end_frame, shot.start, shot.end)
    base = services.run(sid, lambda s: s.current)
    services.store.add_version(sid, base.id, Timeline(clips=(clip,)), turn="first shot")
    return sid


def spans(strip) -> list[tuple[str, int]]:
    return [(p["video"], p["shot"]) for p in strip.picks]


def test_sessions_belong_to_the_picked_profile_and_bad_names_change_nothing(taste, small_library_copy):
    cuts, single = small_library_copy.video_ids
    assert taste.open_profile(None).name == "default"
    assert taste.open_profile("../etc").name == "default"  # a stored value we never wrote
    update, view = taste.pick_profile("bad name!", "ann", [], None)
    assert view.name == "ann" and "Could not switch profile" in update.chat[-1]["content"]
    update, view = taste.pick_profile("ann", "default", [], None)
    assert view.name == "ann" and "ann" in view.choices and "default" in view.choices
    sid = taste.editor.start([cuts], [], view.name).session_id
    assert taste.services.store.session(sid).user == "ann"
    typed = taste.editor.message("shorter", [], None, [cuts], "bob")
    assert taste.services.store.session(typed.session_id).user == "bob"
    assert taste.services.store.session(taste.editor.start([cuts], []).session_id).user == "default"
    update, _ = taste.pick_profile("carol", "ann", [], sid)
    assert "The open cut stays ann's." in update.chat[-1]["content"]
    assert taste_for(small_library_copy.dir, "zoe").open_profile(None).name == "zoe"  # $PERSONALCUT_USER


def test_strip_adds_with_one_click_and_follows_thumbs_down(taste, small_library_copy) -> None:
    cuts, single = small_library_copy.video_ids
    assert taste.strip(None) == NO_STRIP
    sid = first_shot_cut(taste, "ann", cuts, single)
    strip = taste.strip(sid)
    assert len(strip.items) == 4 and (cuts, 0) not in spans(strip)  # what the cut holds is not offered
    assert all(caption.strip() for _, caption in strip.items) and "**ann**" in strip.note

    picked = spans(strip)[0]
    update, after = taste.add(0, strip.picks, sid, [])
    cut = update.cut
    assert isinstance(cut, CutView) and len(cut.strip) == 2 and cut.summary.startswith("**v2**")
    said, reply = update.chat[-2]["content"], update.chat[-1]["content"]
    assert said.startswith("add the suggested scene")
    assert reply.startswith("added the suggested scene as clip")
    assert picked not in spans(after) and len(after.items) == 3
    clips = taste.services.run(sid, lambda s: s.current.timeline.clips)
    assert [c.start for c in clips] == sorted(c.start for c in clips if c.video_id == cuts) + [
        c.start for c in clips if c.video_id != cuts]  # story order
    assert taste.add(0, [{"video": picked[0], "shot": picked[1]}], sid, [])[0].chat[-1]["content"] == (
        "That scene is already in the cut.")

    number = next(i for i, c in enumerate(clips, 1) if (c.video_id, c.start) == (
        picked[0], taste.services.library.shots(picked[0])[picked[1]].start))
    update, down = taste.rate_clip(False, number, sid, [])
    assert update.cut is UNCHANGED and f"you do not like clip {number}" in update.chat[-1]["content"]
    assert down.items != after.items  # the 👎 changed what the strip says or shows
    kinds = [e.kind for e in taste.services.taste.events("ann")]
    assert kinds.count("keep") == 1 and kinds.count("thumbs_down") == 1


def test_whole_cut_rating_downloads_and_shares_are_events_of_the_owner(taste, small_library_copy) -> None:
    cuts, single = small_library_copy.video_ids
    sid = first_shot_cut(taste, "ann", cuts, single)
    update, strip = taste.rate_cut(True, sid, [])
    assert "you like this cut (1 clip)" in update.chat[-1]["content"] and strip.items
    taste.editor.share(sid, "http://127.0.0.1:7860")
    kinds = [e.kind for e in taste.services.taste.events("ann")]
    assert kinds == ["thumbs_up", "share"]
    assert taste.rate_cut(True, None, [])[1] == NO_STRIP


def test_two_profiles_with_opposite_feedback_see_different_strips(taste, small_library_copy) -> None:
    cuts, single = small_library_copy.video_ids
    ann, bob = (first_shot_cut(taste, user, cuts, single) for user in ("ann", "bob"))
    taste.rate_clip(True, 1, ann, [])
    taste.rate_clip(False, 1, bob, [])
    assert spans(taste.strip(ann)) != spans(taste.strip(bob))


def test_a_cut_that_holds_everything_says_there_is_nothing_to_suggest(taste, small_library_copy) -> None:
    cuts, single = small_library_copy.video_ids
    sid = taste.editor.start([cuts, single], [], "ann").session_id
    strip = taste.strip(sid)
    assert strip.items == [] and strip.note == EMPTY_NOTE
