"""The chat app's handlers, called directly on a real small library (no browser, no Gradio).

Buttons must edit the cut with a planner that fails if asked; typed text must go through it.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.planning.factory import make_planner
from assistant.timeline.model import Privacy
from index.clip_factory import create_embedder
from tests import media_factory
from tests.planners import RefusingPlanner
from ui.editor_handlers import NO_CUT, UNCHANGED, ClipSelection, CutView, EditorHandlers, PageUpdate
from ui.services import Services


def handlers_for(library_dir: Path, planner) -> EditorHandlers:
    services = Services(
        library_dir, planner, lambda: create_embedder("tiny-random"),
        asr_model=str(library_dir / "no-whisper-here"), prepare_previews=False,
    )
    return EditorHandlers(services)


@pytest.fixture
def refusing() -> RefusingPlanner:
    return RefusingPlanner()


@pytest.fixture
def editor(small_library_copy, refusing) -> EditorHandlers:
    return handlers_for(small_library_copy.dir, refusing)


def cut_of(update: PageUpdate) -> CutView:
    assert isinstance(update.cut, CutView), update
    return update.cut


def last_turn(update: PageUpdate) -> tuple[str | None, str]:
    """(the person's last message or None, the assistant's reply) at the end of the chat."""
    assert update.chat is not UNCHANGED
    *earlier, reply = update.chat
    said = earlier[-1]["content"] if earlier and earlier[-1]["role"] == "user" else None
    return said, reply["content"]


def requests_in(update: PageUpdate) -> list[str]:
    """What the person said, in order, in the update's chat."""
    assert update.chat is not UNCHANGED
    return [m["content"] for m in update.chat if m["role"] == "user"]


def test_clip_buttons_and_history_edit_the_cut_without_a_planner(editor, small_library_copy, refusing):
    cuts, single = small_library_copy.video_ids
    started = editor.start([cuts, single], [])
    sid = started.session_id
    assert isinstance(sid, str) and len(cut_of(started).strip) == 2
    assert last_turn(started) == (None, "New cut from cuts, single. What would you like to see?")

    picked = editor.select(sid, 1)
    assert isinstance(picked.selection, ClipSelection) and picked.selection.number == 2
    assert picked.selection.label == "**Clip 2 · single 0:00–0:02 · the whole source video**"
    assert editor.select(sid, 2) == PageUpdate()  # past the end of the strip: nothing happens

    dropped = editor.drop_clip(2, started.chat, sid)
    cut = cut_of(dropped)
    assert len(cut.strip) == 1 and cut.video and Path(cut.video).is_file()
    # The reply names the videos the cut now comes from (a typed action, no planner).
    assert last_turn(dropped) == ("drop clip 2", "removed 1 clip — 1 clip, 6.2 s  \n*From cuts (1 clip).*")
    assert cut.summary.startswith("**v1** · 1 clip · 6.2 s · from cuts (1 clip)")
    assert "planner:" not in cut.summary and "data-clip='0'" in cut.timeline
    assert json.loads(cut.plan_json) == {
        "ops": [
            {"op": "remove_clip",
             "ref": {"indices": [2], "matching": None, "invert": False, "turn": None, "videos": [],
                     "span": None, "people": []}}
        ],
        "refusal": None,
    }
    assert [label for label, _ in cut.versions] == ["v0: start", "v1: drop clip 2"]
    assert (cut.can_undo, cut.can_redo, dropped.clear_input) == (True, False, False)

    undone = editor.history_move("undo", sid, dropped.chat)
    assert last_turn(undone) == (None, "Undo: now at v0.")
    assert (len(cut_of(undone).strip), cut_of(undone).can_undo, cut_of(undone).can_redo) == (2, False, True)
    assert last_turn(editor.history_move("undo", sid, []))[1] == "Undo: now at v0."  # the start: stays

    kept = editor.keep_clip(2, undone.chat, sid)  # a branch beside v1: only the second video
    assert last_turn(kept)[0] == "keep only clip 2"
    assert [label for label, _ in cut_of(kept).versions][-1] == "v2: keep only clip 2"
    v1 = cut_of(dropped).current_version
    jumped = editor.goto(v1, sid, kept.chat)
    assert cut_of(jumped).current_version == v1 and last_turn(jumped) == (None, "Jumped to v1: drop clip 2.")
    assert editor.goto(v1, sid, []) == PageUpdate()  # already there (the list refreshing itself)
    assert cut_of(editor.history_move("undo", sid, [])).current_version == cut_of(undone).current_version
    redone = editor.history_move("redo", sid, [])
    assert last_turn(redone) == (None, "Redo: now at v2.")  # redo goes to the newest child

    assert editor.drop_clip(None, [], sid) == PageUpdate() == editor.keep_clip(1, [], None)
    # What the page sends for the pressed clip is a number; anything else, or 0, does nothing.
    for hostile in ("../1", "1 OR 1=1", "<b>", "", 0, "2.5"):
        assert editor.drop_clip(hostile, [], sid) == PageUpdate(), hostile
    assert refusing.asked == []


def test_earlier_and_later_buttons_move_the_picked_clip_and_keep_it_picked(
    editor, small_library_copy, refusing
) -> None:
    cuts, single = small_library_copy.video_ids
    sid = editor.start([cuts, single], []).session_id
    first, second = editor.services.run(sid, lambda s: s.current.timeline.clips)

    later = editor.move_clip(True, 1, [], sid)
    assert last_turn(later) == ("move clip 1 later", "moved 1 clip after clip 2 — 2 clips, 8.2 s  \n"
                                "*From single (1 clip), cuts (1 clip).*")
    assert editor.services.run(sid, lambda s: s.current.timeline.clips) == (second, first)
    # The clip that moved stays picked at its new number: the timeline draws it pressed, its buttons show.
    assert isinstance(later.selection, ClipSelection) and later.selection.number == 2
    assert later.selection.label.startswith("**Clip 2 · cuts")
    assert "data-clip='1' draggable='true' aria-pressed='true'" in cut_of(later).timeline
    assert "data-clip='0' draggable='true' aria-pressed='false'" in cut_of(later).timeline

    at_end = editor.move_clip(True, 2, later.chat, sid)  # already last: said, nothing made
    assert last_turn(at_end) == (None, "Clip 2 is already last.") and at_end.cut is UNCHANGED
    back = editor.move_clip(False, "2", later.chat, sid)
    assert editor.services.run(sid, lambda s: s.current.timeline.clips) == (first, second)
    assert isinstance(back.selection, ClipSelection) and back.selection.number == 1
    labels = [label for label, _ in cut_of(back).versions]
    assert labels[-2:] == ["v1: move clip 1 later", "v2: move clip 2 earlier"]
    for hostile in ("../1", "1 OR 1=1", 0, "2.5", [1], None, 9):
        assert editor.move_clip(False, hostile, [], sid) == PageUpdate(), hostile
        assert editor.drag_clip(hostile, 1, [], sid) == PageUpdate() == editor.drag_clip(1, hostile, [], sid)

    dragged = editor.drag_clip(1, 2, back.chat, sid)  # clip 1 dropped on clip 2: it takes its place
    assert last_turn(dragged)[0] == "move clip 1 after clip 2"
    assert editor.services.run(sid, lambda s: s.current.timeline.clips) == (second, first)
    assert isinstance(dragged.selection, ClipSelection) and dragged.selection.number == 2
    assert editor.drag_clip(2, 2, [], sid) == PageUpdate()  # dropped on itself: nothing
    assert refusing.asked == []


def test_typed_text_goes_through_the_planner(small_library_copy, refusing) -> None:
    editor = handlers_for(small_library_copy.dir, make_planner("rules"))
    assert editor.message("   ", [], None, []) == PageUpdate(clear_input=True)
    # No session and nothing ticked in a library of two videos: it asks which, and keeps the text.
    asked = editor.message("keep it under 3 seconds", [], None, [])
    assert asked.session_id is UNCHANGED and not asked.clear_input and asked.cut is UNCHANGED
    assert last_turn(asked)[1].startswith("Which videos should I cut from?")
    # With videos ticked, the message starts a cut of them and says so.
    cuts, single = small_library_copy.video_ids
    shorter = editor.message("keep it under 3 seconds", [], None, [cuts, single])
    assert shorter.clear_input and isinstance(shorter.session_id, str)
    assert "planner: rules" in cut_of(shorter).summary and last_turn(shorter)[0] == "keep it under 3 seconds"
    assert last_turn(shorter)[1].startswith("(New cut from cuts, single.) ")
    missing = editor.message("drop clip 9", shorter.chat, shorter.session_id, [])
    assert "9" in last_turn(missing)[1] and cut_of(missing).current_version == cut_of(shorter).current_version
    assert "*From " not in last_turn(missing)[1]  # nothing was cut: no provenance line
    # A visual match: the reply and the timeline say how confident it was, and where the clips came from.
    red = editor.message("only the scenes with red", shorter.chat, shorter.session_id, [])
    reply = last_turn(red)[1]
    assert re.search(r"\n\*From cuts \(\d clips?\)(, single \(1 clip\))?\.\* "
                     r"\*Visual match confidence 0\.\d\d(–0\.\d\d)?\.\*$", reply), reply
    assert re.search(r"visual match for “red”, confidence 0\.\d\d", cut_of(red).timeline)

    failing = handlers_for(small_library_copy.dir, refusing)
    answer = failing.message("make it shorter", [], shorter.session_id, [])
    assert refusing.asked == ["make it shorter"] and "The planner failed" in last_turn(answer)[1]


def test_empty_library_and_no_session_answer_without_changing_anything(tmp_path, refusing) -> None:
    editor = handlers_for(tmp_path / "empty", refusing)
    assert editor.load(None) == PageUpdate(
        videos=[], cut=NO_CUT, links=[], cuts=[], banner="",
        cast="<p class='cast-empty'>No people found yet.</p>", person=None, confirm_forget=None,
    )
    said = editor.message("only the fights", [], None, [])
    empty = "The library is empty — upload a video first (*Add a video*)."
    assert last_turn(said) == ("only the fights", empty)
    assert not said.clear_input  # the request stays in the box
    assert last_turn(editor.start([], []))[1] == "Tick at least one video first (or upload one)."
    assert last_turn(editor.start(["no-such-video"], []))[1].startswith("Could not start:")
    for update in (editor.history_move("redo", None, []), editor.goto("v", None, []), editor.select(None, 0),
                   editor.export(None), editor.revoke(None), editor.upload(None, [], lambda f, d: None),
                   editor.reopen(None)):
        assert update == PageUpdate()
    assert editor.share(None, "http://h/") == PageUpdate(share_html="<p>Start a cut first.</p>")
    # Nobody picked in the Cast panel: its buttons change nothing and ask nothing.
    assert editor.forget_person(None, [], []) == PageUpdate(confirm_forget=None) == editor.ask_forget(None)


def test_share_remix_and_revoke(editor, small_library_copy) -> None:
    sid = editor.start([small_library_copy.video_ids[0]], []).session_id
    shared = editor.share(sid, "http://127.0.0.1:7860/")
    [(label, link_id)] = shared.links
    assert f"href='/v/{link_id}'" in shared.share_html
    assert f">http://127.0.0.1:7860/v/{link_id}</a>" in shared.share_html
    assert label.startswith("My cut of cuts · /v/")

    remixed = editor.load(link_id)
    assert remixed.session_id != sid and last_turn(remixed)[1].startswith("Remixing “My cut of cuts”.")
    assert cut_of(remixed).strip == cut_of(editor.start([small_library_copy.video_ids[0]], [])).strip
    assert last_turn(editor.load("gone"))[1] == "That share link does not exist any more."

    # The list holds the library's links, whichever page made them: the remixing page revokes it too.
    assert remixed.links == [(label, link_id)]
    revoked = editor.revoke(link_id)
    assert revoked.share_html == "<p>Link revoked: it now shows “not found”.</p>" and revoked.links == []
    assert editor.revoke(link_id).share_html == "<p>That link was already revoked.</p>"
    assert last_turn(editor.load(link_id))[1] == "That share link does not exist any more."


def test_upload_reports_what_it_indexed_or_why_not(editor, tmp_path) -> None:
    fake = tmp_path / "holiday.mp4"
    fake.write_text("this is not a video at all\n")
    failed = editor.upload(str(fake), [], lambda fraction, desc: None)
    assert failed.clear_upload and last_turn(failed)[1].startswith("Could not add holiday.mp4: ")
    assert failed.upload_status == last_turn(failed)[1]  # said at the upload box too
    assert str(fake) not in last_turn(failed)[1] and failed.videos is UNCHANGED and failed.ticked is UNCHANGED

    seen: list[tuple[float, str]] = []
    clip = media_factory.single_shot(tmp_path / "fresh.mp4", frames=30).path
    copy = tmp_path / "again" / "fresh copy.mp4"
    copy.parent.mkdir()
    copy.write_bytes(clip.read_bytes())
    ticked_before = [editor.video_choices()[0][1]]
    added = editor.upload(str(clip), [], lambda fraction, desc: seen.append((fraction, desc)), ticked_before)
    assert added.upload_status == "Added **fresh** (1 shot, no dialogue found); ticked."
    assert last_turn(added)[1] == added.upload_status + " Press *Start a new cut* to cut from it."
    fresh_id = dict(added.videos)["fresh"]
    assert added.ticked == [*ticked_before, fresh_id]  # the new video ticked, the others kept
    # The same bytes again (another name): said to be there already, nothing added.
    again = editor.upload(str(copy), [], lambda fraction, desc: None, [])
    assert again.upload_status == "**fresh** is already in the library (1 shot); ticked."
    assert again.ticked == [fresh_id] and len(again.videos) == len(added.videos)
    assert seen[0] == (0, "Indexing fresh.mp4") and all(0 <= f <= 1 for f, _ in seen)
    assert any(desc.startswith("fresh.mp4: ") for _, desc in seen[1:])
    # With sound but no subtitles, and no speech model here: said plainly, not hidden.
    talk = media_factory.single_shot(tmp_path / "talk.mp4", frames=30, audio=True).path
    silent = editor.upload(str(talk), [], lambda fraction, desc: None).upload_status
    assert silent == "Added **talk** (1 shot, no dialogue: speech recognition is not available here); ticked."


def test_export_offers_the_mp4_edit_lists_and_stays_put(editor, small_library_copy) -> None:
    sid = editor.start([small_library_copy.video_ids[1]], []).session_id
    fractions: list[float] = []
    files = editor.export(sid, fractions.append).downloads
    assert files is not UNCHANGED
    assert {Path(f).suffix for f in files} >= {".mp4", ".otio", ".edl", ".fcpxml"}
    assert all(Path(f).is_file() for f in files) and fractions and max(fractions) <= 1


def test_a_question_offers_choices_and_a_click_answers_without_a_planner(small_library_copy, refusing):
    talking = handlers_for(small_library_copy.dir, make_planner("rules"))
    started = talking.start(list(small_library_copy.video_ids), [])
    sid = started.session_id
    asked = talking.message("remove clip 7", started.chat, sid, [])
    assert isinstance(asked.question, list) and len(asked.question) >= 2  # which clip did you mean?
    assert cut_of(asked).current_version == cut_of(started).current_version  # no version until answered
    assert asked.question[0] in last_turn(asked)[1]

    clicking = handlers_for(small_library_copy.dir, refusing)  # an answer never goes through a planner
    answered = clicking.answer(0, asked.chat, sid)
    assert answered.question is None and refusing.asked == []
    assert last_turn(answered)[0] == asked.question[0]
    assert cut_of(answered).current_version != cut_of(started).current_version
    assert len(cut_of(answered).strip) == len(cut_of(started).strip) - 1
    again = clicking.answer(0, answered.chat, sid)  # the question is gone once answered
    assert again.question is None and last_turn(again)[1] == "That question was already answered."


def test_a_reload_after_a_restart_restores_chat_cut_versions_and_links(small_library_copy, refusing):
    first = handlers_for(small_library_copy.dir, make_planner("rules"))
    started = first.start(list(small_library_copy.video_ids), [])
    sid = started.session_id
    shorter = first.message("play it twice as fast", started.chat, sid, [])
    dropped = first.drop_clip(1, shorter.chat, sid)
    link_id = first.share(sid, "http://h/").links[0][1]
    other_sid = first.start([small_library_copy.video_ids[0]], []).session_id
    other_link = first.share(other_sid, "http://h/").links[0][1]

    # A new server on the same library (no session in memory), and a page opened at ?s=<sid>.
    again = handlers_for(small_library_copy.dir, refusing)
    page = again.load(None, sid)
    assert page.session_id == sid and cut_of(page) == cut_of(dropped)
    assert requests_in(page) == ["play it twice as fast", "drop clip 1"]
    assert last_turn(page) == ("drop clip 1", last_turn(dropped)[1])
    assert page.chat[0]["content"].startswith("Back to your cut of cuts, single, started ")
    assert {link for _, link in page.links} == {link_id, other_link}  # every link of the library

    # Undo, then reopen: the chat follows the branch to the current version only.
    again.history_move("undo", sid, [])
    undone = again.reopen(sid)
    assert requests_in(undone) == ["play it twice as fast"]
    assert cut_of(undone).current_version == cut_of(shorter).current_version
    assert cut_of(undone).can_redo and refusing.asked == []

    # "Your cuts": edited sessions, the most recently changed first; a start with no edit is not one.
    cuts = again.cuts()
    assert [value for _, value in cuts] == [sid]
    assert cuts[0][0].startswith("play it twice as fast · cuts, single · ")
    assert page.cuts == cuts
    first.message("keep it under 3 seconds", [], other_sid, [])
    assert [value for _, value in again.cuts()] == [other_sid, sid]

    unknown = again.load(None, "0" * 20)
    assert unknown.session_id is UNCHANGED and unknown.cut == NO_CUT
    assert last_turn(unknown)[1] == "That cut is not in this library (is the link mistyped?)."


def test_a_remix_continues_its_origins_version_numbers(small_library_copy) -> None:
    editor = handlers_for(small_library_copy.dir, make_planner("rules"))
    sid = editor.start(list(small_library_copy.video_ids), []).session_id
    editor.drop_clip(2, [], sid)
    link_id = editor.share(sid, "http://h/").links[0][1]
    remixed = editor.load(link_id)
    assert [label for label, _ in cut_of(remixed).versions] == ["v1: remix"]
    assert cut_of(remixed).summary.startswith("**v1** · 1 clip")
    sped = editor.message("play it twice as fast", remixed.chat, remixed.session_id, [])
    assert [label for label, _ in cut_of(sped).versions] == ["v1: remix", "v2: play it twice as fast"]
    assert last_turn(editor.history_move("undo", remixed.session_id, []))[1] == "Undo: now at v1."
    # The chat and the share page call each version by the number the app shows (they said 0 and 1).
    redone = editor.message("redo", remixed.chat, remixed.session_id, [])
    assert "version 2" in last_turn(redone)[1]
    changed = editor.message("what changed since version 1?", redone.chat, remixed.session_id, [])
    assert last_turn(changed)[1].startswith("From version 1 to version 2:")
    back = editor.message("go back to version 1", changed.chat, remixed.session_id, [])
    assert last_turn(back)[1].startswith("Back to version 1") and cut_of(back).summary.startswith("**v1**")
    # stored so: the share page and `personalcut diff` print these numbers as they are
    assert [v.number for v in editor.services.store.versions(remixed.session_id)] == [1, 2]


def test_the_banner_names_the_random_test_model(editor) -> None:
    banner = editor.load(None).banner
    assert isinstance(banner, str) and "**tiny-random-seed0**, a random test model" in banner


def test_a_cut_with_effects_says_so_and_that_the_export_re_encodes(editor, small_library_copy) -> None:
    cuts, _ = small_library_copy.video_ids
    sid = editor.start([cuts], []).session_id
    services = editor.services
    base = services.run(sid, lambda s: s.current)
    effects = replace(base.timeline, privacy=Privacy(blur="all_but", people=(7,), aspect="9:16"))
    services.store.add_version(sid, base.id, effects, turn="blur everyone but #7, vertical")
    summary = editor.cut_view(sid).summary
    assert "*Effects: faces blurred: everyone but #7; frame 9:16. Face blur and reframing" in summary
    assert "re-encodes the whole cut" in summary
    assert "Effects" not in editor.cut_view(editor.start([cuts], []).session_id).summary


def test_a_video_named_in_the_app_is_cut_whole_or_asked_about_with_buttons(small_library_copy) -> None:
    """In the app as in the CLI: "drop everything from cuts" removes that video; a bare name gets the two
    readings as buttons, and the button applies its plan."""
    editor = handlers_for(small_library_copy.dir, make_planner("rules"))
    cuts, single = small_library_copy.video_ids
    dropped = editor.message("drop everything from cuts", [], None, [cuts, single])
    sid = dropped.session_id
    assert isinstance(sid, str) and len(cut_of(dropped).strip) == 1
    reply = last_turn(dropped)[1]
    assert "removed the parts from cuts" in reply and "*From single (1 clip).*" in reply
    back = editor.history_move("undo", sid, dropped.chat)
    asked = editor.message("keep cuts", back.chat, sid, [])
    assert asked.question is not None and asked.question[0].startswith("The video: ")
    assert cut_of(asked).current_version == cut_of(back).current_version  # asked: no new version
    answered = editor.answer(0, asked.chat, sid)
    assert [c.video_id for c in editor.services.run(sid, lambda s: s.current.timeline.clips)] == [cuts]
    assert "kept the parts from cuts" in last_turn(answered)[1]
