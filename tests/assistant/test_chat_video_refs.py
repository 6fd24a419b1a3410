"""Videos named in the chat ("drop everything from cuts") over a real library and the rules planner.

tests/conftest.py's library holds two generated videos, "cuts" (4 shots) and "single" (1 shot). Read as
pictures, a video's name was a CLIP search whose chance matches were cut: a wrong edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.chat import ChatSession
from assistant.plan.schema import Query
from assistant.planning.factory import make_planner
from assistant.retrieval.types import ShotScores
from assistant.sessions.store import SessionStore
from index.library import Library


class ThirdShotScorer:
    """Pictures that strongly match the third shot of a video, where a video has one, and nothing else."""

    signal = "visual"

    def score(self, library, query: Query, video_ids: Sequence[str]) -> dict[str, ShotScores]:
        out = {}
        for vid in video_ids:
            shots = library.shots(vid)
            scores = np.where(np.arange(len(shots)) == 2, 0.6, 0.2)
            out[vid] = ShotScores("visual", tuple(shots), scores, np.full(len(shots), 0.25))
        return out


@pytest.fixture
def chat(small_library_copy) -> ChatSession:
    library = Library.open(small_library_copy.dir)
    return ChatSession.start(library, SessionStore(small_library_copy.dir), make_planner("rules"), None,
                             [ThirdShotScorer()])


def ids(chat: ChatSession) -> dict[str, str]:
    return {v.display_name: v.id for v in chat.library.videos()}


def test_everything_from_a_named_video_goes_and_nothing_else(chat: ChatSession) -> None:
    v0 = chat.current
    result = chat.turn("drop everything from cuts")
    single = next(c for c in v0.timeline.clips if c.video_id == ids(chat)["single"])
    assert result.version.timeline.clips == (single,)  # all of it, as the source has it
    assert "removed the parts from cuts" in result.message
    # and back: the whole video, frame for frame as the source has it ("whole source video")
    back = chat.turn("add the cuts video back")
    assert back.version.timeline.clips == v0.timeline.clips
    assert chat.numbered_clips()[0].endswith("whole source video")


def test_a_named_video_moves_first(chat: ChatSession) -> None:
    order = [c.video_id for c in chat.current.timeline.clips]
    moved = chat.turn("put the single clip first")
    assert [c.video_id for c in moved.version.timeline.clips] == order[::-1]


def test_what_is_searched_is_searched_in_the_named_video_only(chat: ChatSession) -> None:
    """The scorer matches the third shot of "cuts" only: in "single" there is no such thing."""
    anywhere = chat.turn("only the red car")
    assert {c.video_id for c in anywhere.version.timeline.clips} == {ids(chat)["cuts"]}
    chat.turn("undo")
    before = chat.current
    scoped = chat.turn("only the red car from single")
    assert scoped.version.id == before.id and not scoped.matched  # no confident match there: no version
    assert "red car" in scoped.message and "single" in scoped.message


def test_a_bare_name_is_asked_about_and_the_answer_acts(chat: ChatSession) -> None:
    v0 = chat.current
    asked = chat.turn("keep single")
    assert asked.question is not None and asked.version.id == v0.id and len(chat.versions()) == 1
    assert "the video single" in asked.message and len(asked.question.choices) == 2
    resumed = ChatSession.resume(chat.library, chat.store, chat.planner, chat.id, chat.scorers)
    answered = resumed.turn("1")
    assert [c.video_id for c in answered.version.timeline.clips] == [ids(chat)["single"]]


def test_the_cli_chat_scopes_by_name(small_library_copy: Path, capsys) -> None:
    """The same through `personalcut chat` (stdin), as a person types it."""
    import io
    import sys

    from ui.cli import main

    sys_stdin = sys.stdin
    sys.stdin = io.StringIO("drop everything from single\n")
    try:
        main(["chat", "--library", str(small_library_copy.dir), "--backend", "rules"])
    finally:
        sys.stdin = sys_stdin
    out = capsys.readouterr().out
    assert "removed the parts from single" in out
    assert out.rstrip().splitlines()[-2].lstrip().startswith("1. ") and "cuts" in out.splitlines()[-2]


def test_clips_numbered_within_a_named_video(chat: ChatSession) -> None:
    shots = chat.turn("split it into its shots").version.timeline.clips
    assert [c.video_id for c in shots].count(ids(chat)["cuts"]) == 4 and len(shots) == 5
    dropped = chat.turn("drop the last clip from cuts")
    assert dropped.version.timeline.clips == shots[:3] + shots[4:]  # the 4th shot of cuts, not "single"
    asked = chat.turn("remove the second clip from single")  # it has one: a question, no version
    assert asked.question is not None and asked.version.id == dropped.version.id
    assert "1 clip from single" in asked.message


def test_clip_edits_aimed_at_a_named_video(chat: ChatSession) -> None:
    """Speed, length and splits of "the single clip", "the cuts stuff": that video's clips only."""
    v0 = chat.current
    fast = chat.turn("speed up the single section")
    assert "from single" in fast.description
    assert [(c.video_id, c.speed) for c in fast.version.timeline.clips] == [
        (c.video_id, 1.5 if c.video_id == ids(chat)["single"] else 1.0) for c in v0.timeline.clips]
    shorter = chat.turn("cut the cuts stuff down to 3 seconds")
    lengths = {c.video_id: float(c.end - c.start) for c in shorter.version.timeline.clips}
    assert lengths[ids(chat)["cuts"]] == pytest.approx(3.0, abs=0.05)
    assert lengths[ids(chat)["single"]] == pytest.approx(float(v0.timeline.clips[1].duration), abs=0.05)


@pytest.mark.parametrize("asked", ["which videos are in this cut?", "where do the clips come from?",
                                   "what's it made from", "list the videos", "what videos does the cut use"])
def test_which_videos_the_cut_comes_from_is_answered_and_its_example_works(chat: ChatSession, asked) -> None:
    v0 = chat.current
    chat.turn("drop everything from single")
    answer = chat.turn(asked)
    assert answer.version.id == chat.current.id and answer.plan.ops == []  # a question: no edit
    assert answer.message.startswith("The cut comes from cuts (1 clip, ")
    assert "Not in it: single." in answer.message
    example = answer.message.split('"')[1]  # 'Name a video to edit it: "drop everything from cuts", ...'
    assert example == "drop everything from cuts"
    chat.turn("undo")
    acted = chat.turn(example)
    assert acted.question is None and [c.video_id for c in acted.version.timeline.clips] == [
        c.video_id for c in v0.timeline.clips if c.video_id == ids(chat)["single"]]


@pytest.mark.parametrize("said", ["which videos have dogs?", "what videos can I add", "is the video long?"])
def test_other_questions_about_videos_are_not_the_sources_question(said: str) -> None:
    from assistant.cut_questions import cut_question

    asked = cut_question(said)
    assert asked is None or asked.kind != "sources"


def test_one_named_video_moved_before_another(chat: ChatSession) -> None:
    """"put the single clip before the cuts clip": both names scope a search, the move keeps every frame."""
    v0 = chat.current
    moved = chat.turn("put the single clip before the cuts clip")
    assert moved.question is None and moved.version.timeline.clips == v0.timeline.clips[::-1]
    assert "moved the parts from single before the parts from cuts" in moved.message


def test_words_left_over_that_name_a_video_are_no_longer_a_guess(small_library_copy) -> None:
    """Offline, "only the red car from single" had "from single" left over by the rules: a guess to confirm.
    Now those words name a video, and the turn acts."""
    from assistant.planning.base import CastEntry, PlannerContext
    from assistant.planning.factory import plan_turn

    planner = make_planner("auto", llm="none")
    videos = ChatSession.start(Library.open(small_library_copy.dir), SessionStore(small_library_copy.dir),
                               planner).video_entries()
    context = PlannerContext(cast=(CastEntry(1, "Celia", 10.0),), videos=videos)
    alone = planner.plan_turn("only the scenes with Celia from single", PlannerContext(cast=context.cast))
    assert alone.to_confirm  # the rules alone leave "from single" over
    planned = plan_turn("only the scenes with Celia from single", context, planner)
    (query,) = planned.plan.queries()
    assert (query.people, query.text, [v.name for v in query.videos]) == (("Celia",), "", ["single"])
    assert not planned.to_confirm and planned.note == ""


def test_how_long_one_videos_part_of_the_cut_is(chat: ChatSession) -> None:
    v0 = chat.current
    single = next(c for c in v0.timeline.clips if c.video_id == ids(chat)["single"])
    answer = chat.turn("how long is the single part?")
    assert answer.plan.ops == [] and answer.version.id == v0.id
    assert answer.message == (f"single: 1 clip, {float(single.duration):.1f} s "
                              f"(of {float(v0.timeline.duration):.1f} s in all).")
    chat.turn("drop everything from single")
    assert chat.turn("how much of single is left?").message.startswith("single: not in the cut")
    chat.turn("undo")
    chat.turn("only the red car")
    assert chat.turn("how long is the red car bit?").message.startswith('The "red car" clips: 1 clip, ')
    missing = chat.turn("how long is the dragon part").message
    assert missing.startswith('No video or clip of this cut is "dragon"')


@pytest.mark.parametrize("said", ["swap the cuts and single clips",
                                  "switch the single part with the cuts part"])
def test_two_named_videos_swap_their_parts(chat: ChatSession, said: str) -> None:
    """Offline too: the rules read the two names, the planner scopes each side to its video."""
    chat.turn("split everything into its shots")  # "cuts" is now four clips, "single" one
    before = [c.video_id for c in chat.current.timeline.clips]
    assert before == [ids(chat)["cuts"]] * 4 + [ids(chat)["single"]]
    swapped = chat.turn(said)
    after = [c.video_id for c in swapped.version.timeline.clips]
    assert after == [ids(chat)["single"]] + [ids(chat)["cuts"]] * 4, swapped.message
    cuts = [c for c in chat.current.timeline.clips if c.video_id == ids(chat)["cuts"]]
    assert [c.in_frame for c in cuts] == sorted(c.in_frame for c in cuts)  # in its own order
    assert swapped.question is None and "swapped" in swapped.message and "4 clips" in swapped.message


def test_a_named_video_not_in_the_cut_is_said_and_nothing_changes(chat: ChatSession) -> None:
    chat.turn("drop everything from single")
    before = chat.current
    for said, told in [("put the single clip first", 'say "add everything from single"'),
                       ("drop the single stuff", "so there is nothing to remove"),
                       ("swap the cuts and single clips", "No clip of the cut comes from single")]:
        result = chat.turn(said)
        assert result.version.id == before.id and told in result.message, result.message
    assert len(chat.versions()) == 2


def test_a_clip_numbered_within_a_named_video_goes(chat: ChatSession) -> None:
    """ "drop clip 2 from cuts": before, a search for "clip 2 from cuts" (no change, or a wrong one)."""
    chat.turn("split everything into its shots")
    cuts = [c for c in chat.current.timeline.clips if c.video_id == ids(chat)["cuts"]]
    result = chat.turn("drop clip 2 from cuts")
    assert cuts[1] not in result.version.timeline.clips and len(result.version.timeline.clips) == 4
    assert result.description == "Removed the 2nd clip from cuts", result


@pytest.mark.parametrize("said", ["just the good parts of cuts", "the highlights from cuts"])
def test_the_good_parts_of_a_named_video(chat: ChatSession, said: str) -> None:
    """Before: a CLIP search for "good parts" in it (or for the whole sentence), nothing confident."""
    result = chat.turn(said)
    clips = result.version.timeline.clips
    assert clips and {c.video_id for c in clips} == {ids(chat)["cuts"]}, result.message
    whole = next(c for c in chat.versions()[0].timeline.clips if c.video_id == ids(chat)["cuts"])
    assert sum(c.duration for c in clips) < whole.duration  # its better part, not all of it
    assert result.plan.ops[0].op == "keep_only" and result.plan.ops[1].op == "best"


def test_a_trim_of_every_clip_from_a_named_video(chat: ChatSession) -> None:
    chat.turn("split everything into its shots")
    before = chat.current.timeline.clips
    result = chat.turn("trim half a second off the start of every clip from cuts")
    after = result.version.timeline.clips
    for old, new in zip(before, after, strict=True):  # the clips of "cuts" start later, the other's not
        assert (old.video_id == ids(chat)["cuts"]) == (new.in_frame > old.in_frame), result.message


def test_a_video_added_at_the_end_and_restored(chat: ChatSession) -> None:
    chat.turn("drop everything from cuts")
    back = chat.turn("add the cuts clip at the start")
    assert [c.video_id for c in back.version.timeline.clips] == [ids(chat)["cuts"], ids(chat)["single"]]
    chat.turn("drop everything from single")
    restored = chat.turn("restore the single clip")
    assert {c.video_id for c in restored.version.timeline.clips} == {ids(chat)["cuts"], ids(chat)["single"]}


def test_a_length_of_a_named_video_and_its_clips_counted(chat: ChatSession) -> None:
    result = chat.turn("give me 3 seconds of cuts")
    clips = result.version.timeline.clips
    assert {c.video_id for c in clips} == {ids(chat)["cuts"]}
    assert float(result.version.timeline.duration) <= 3.5, result.message
    counted = chat.turn("how many clips from cuts are there?")
    assert counted.message.startswith(f"cuts: {len(clips)} clip"), counted.message
    assert chat.turn("what's the total length?").message.startswith("The cut is ")
    assert len(chat.versions()) == 2


def test_put_back_what_the_last_turn_removed(chat: ChatSession) -> None:
    """ "drop the single part" then "ok now add it back": before, not understood."""
    v0 = chat.current
    chat.turn("drop the single part")
    back = chat.turn("ok now add it back")
    assert back.version.id == v0.id and back.message.startswith("Put back what the last turn removed")
    chat.turn("remove the second clip")
    assert chat.turn("bring it back please").version.id == v0.id
    chat.turn("make it 3 seconds")
    shortened = chat.current
    nothing = chat.turn("add it back")
    assert nothing.version.id == shortened.id and "removed nothing to put back" in nothing.message


def test_a_question_after_show_me_is_a_question(chat: ChatSession) -> None:
    """Before: "show me what's in clip 2" kept only the matches for "what's in clip 2"."""
    v0 = chat.current
    asked = chat.turn("show me what's in clip 2")
    assert asked.message.startswith("Clip 2: ") and asked.version.id == v0.id
    assert chat.turn("what's left from single?").message.startswith("single: 1 clip")
    assert len(chat.versions()) == 1


def test_put_it_back_after_an_undo_is_the_change_undone(chat: ChatSession) -> None:
    """ "make it 3 seconds", "undo", "hmm no, put it back": the length undone comes back (it said the last
    change removed nothing to put back)."""
    shortened = chat.turn("make it 3 seconds").version
    chat.turn("undo")
    again = chat.turn("hmm no, put it back")
    assert again.version.id == shortened.id, again.message
    assert again.message.startswith("Put back the change you undid")


def test_keep_that_after_a_removal_takes_the_removal_back(chat: ChatSession) -> None:
    """A user session: "no actually keep that" right after a removal had removed the matches for "actually
    keep that". It takes the removal back; after an undo (nothing just removed) it changes nothing."""
    v0 = chat.current
    chat.turn("remove the second clip")
    kept = chat.turn("no actually keep that")
    assert kept.version.id == v0.id and kept.message.startswith("Put back what the last turn removed")
    chat.turn("drop the single part")
    chat.turn("undo")
    again = chat.turn("wait, keep those")
    assert again.version.id == v0.id and "removed nothing" in again.message
    assert chat.turn("i want that back").message.startswith("Put back the change you undid")


@pytest.mark.parametrize(("said", "gone"), [
    ("drop everything from the first video", "cuts"), ("remove the 2nd video", "single"),
    ("get rid of video 1", "cuts"), ("cut the last video", "single"),
])
def test_a_video_called_by_its_place_among_the_sessions_videos(chat: ChatSession, said: str,
                                                               gone: str) -> None:
    """The session's videos in their order ("cuts", then "single"): "the first video" was a CLIP search for
    the words "first video", and "the 2nd video" the second of the clips chosen for the word "video"."""
    v0 = chat.current
    result = chat.turn(said)
    assert result.question is None
    assert [c.video_id for c in result.version.timeline.clips] == [
        c.video_id for c in v0.timeline.clips if c.video_id != ids(chat)[gone]]
    assert gone in result.description  # "removed every clip from single"


def test_a_video_by_its_place_moves_and_a_place_past_the_end_is_no_video(chat: ChatSession) -> None:
    v0 = chat.current
    moved = chat.turn("put the second video first")
    assert [c.video_id for c in moved.version.timeline.clips] == [c.video_id for c in v0.timeline.clips][::-1]
    past = chat.turn("remove the third video")  # two videos: no such video, and nothing changes
    assert past.version.id == moved.version.id
    assert past.message.startswith("There is no video 3: this session has 2 videos (cuts, single).")
