"""ChatSession over a real ingested library (generated clips, tiny-random CLIP) and the rules planner."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.chat import ChatSession
from assistant.plan.describe import describe_plan
from assistant.plan.schema import ClipRef, EditPlan, KeepClip, KeepOnly, Query, RemoveClip, Speed
from assistant.planning.factory import make_planner
from assistant.retrieval.types import ShotScores
from assistant.retrieval.visual import VisualScorer
from assistant.sessions.store import SessionStore, UnknownVersion
from index.library import Library
from tests.planners import RefusingPlanner


@pytest.fixture
def library_dir(small_library_copy) -> Path:
    """tests/conftest.py's library: a 4-shot clip ("cuts", shots at frames 0/40/70/120) and a 1-shot clip."""
    return small_library_copy.dir


class OneShotScorer:
    """A signal that strongly matches one shot of the first video and nothing else."""

    signal = "visual"

    def __init__(self, shot_index: int | None) -> None:
        self.shot_index = shot_index

    def score(self, library, query: Query, video_ids: Sequence[str]) -> dict[str, ShotScores]:
        out = {}
        for vid in video_ids:
            shots = library.shots(vid)
            scores = np.full(len(shots), 0.2)
            if vid == video_ids[0] and self.shot_index is not None:
                scores[self.shot_index] = 0.6
            out[vid] = ShotScores("visual", tuple(shots), scores, np.full(len(shots), 0.25))
        return out


def session(library_dir: Path, scorers=None, video_ids=None, planner=None) -> ChatSession:
    return ChatSession.start(
        Library.open(library_dir), SessionStore(library_dir), planner or make_planner("rules"), video_ids,
        scorers,
    )


def test_start_uses_every_video_whole_in_ingest_order(library_dir) -> None:
    chat = session(library_dir)
    videos = Library.open(library_dir).videos()
    v0 = chat.current
    assert v0.number == 0 and v0.parent_id is None
    assert [(c.video_id, c.in_frame, c.out_frame) for c in v0.timeline.clips] == [
        (v.id, 0, v.frame_count) for v in videos
    ]
    assert chat.numbered_clips()[0].startswith("1. 0:00.0-0:06.2 cuts whole source video")
    only_second = session(library_dir, video_ids=[videos[1].id[:8]])
    assert [c.video_id for c in only_second.current.timeline.clips] == [videos[1].id]


def test_turns_chain_versions_and_history_moves(library_dir) -> None:
    chat = session(library_dir, scorers=[OneShotScorer(2)])
    v0 = chat.current
    r1 = chat.turn("only the scenes with the orange fractal")
    assert r1.matched and r1.backend == "rules" and r1.version.parent_id == v0.id
    assert chat.store.version(r1.version.id).plan == r1.plan == EditPlan(
        ops=[KeepOnly(query=Query(text="orange fractal"))]
    )  # the version keeps the typed plan, as stored
    clip = r1.version.timeline.clips[0]
    assert (clip.in_frame, clip.out_frame, clip.reason.query) == (70, 120, "orange fractal")
    r2 = chat.turn("make it twice as fast")
    assert r2.version.parent_id == r1.version.id and r2.version.timeline.clips[0].speed == 2.0
    assert "speed" in r2.description.lower() or "fast" in r2.description.lower()
    assert chat.undo().id == r1.version.id
    assert chat.undo().id == v0.id
    assert chat.undo().id == v0.id  # nothing before the start: stays put
    assert chat.redo().id == r1.version.id
    r3 = chat.turn("add crossfades")  # a branch beside r2
    assert r3.version.parent_id == r1.version.id
    assert chat.undo().id == r1.version.id and chat.redo().id == r3.version.id  # redo: newest child
    assert chat.goto(r2.version.id).id == r2.version.id
    text_undo = chat.turn("undo")
    assert text_undo.version.id == r1.version.id and len(chat.versions()) == 4
    resumed = ChatSession.resume(chat.library, chat.store, chat.planner, chat.id)
    assert resumed.current.id == r1.version.id
    with pytest.raises(UnknownVersion):
        chat.goto(ChatSession.start(chat.library, chat.store, chat.planner).current.id)


def test_no_match_and_nonsense_leave_the_cut_unchanged(library_dir) -> None:
    chat = session(library_dir, scorers=[OneShotScorer(None)])
    v0 = chat.current
    miss = chat.turn("only the scenes with a dragon")
    assert not miss.matched and miss.version.id == v0.id
    assert "No confident match" in miss.message and "Try describing" in miss.message
    for text in ("", "asdf qwerty zzz", "delete the library", "\x00" * 50, "x" * 10_000):
        result = chat.turn(text)
        assert result.version.id == v0.id and result.message
    assert len(chat.versions()) == 1


def test_real_visual_scorer_gives_a_valid_answer(library_dir) -> None:
    chat = session(library_dir, scorers=[VisualScorer()])
    result = chat.turn("only the scenes with colour bars")
    assert result.message
    if result.matched:  # tiny-random scores are arbitrary; whatever it decided must be a valid cut
        assert result.version.parent_id == chat.versions()[0].id
        assert all(c.reason.signal == "visual" for c in result.version.timeline.clips)
    else:
        assert result.version.number == 0


def test_branch_from_is_a_new_session_and_leaves_the_origin_alone(library_dir) -> None:
    chat = session(library_dir)
    shared = chat.turn("keep it under 3 seconds").version
    remix = ChatSession.branch_from(chat.library, chat.store, chat.planner, shared.id)
    assert remix.id != chat.id and remix.current.number == 1  # goes on from the origin's number
    assert remix.current.timeline == shared.timeline
    assert remix.store.session(remix.id).origin_version_id == shared.id
    remix.turn("title: Mine")
    assert chat.store.version(shared.id) == shared and chat.current.id == shared.id
    assert len(remix.versions()) == 2
    assert remix.turn("reset").version.timeline == remix.source()  # reset: the whole videos, not the remix


def test_typed_plans_edit_the_cut_without_any_planner(library_dir) -> None:
    """What the app's buttons do: typed ops through ``apply``, with a planner that fails if asked."""
    planner = RefusingPlanner()
    chat = session(library_dir, scorers=[OneShotScorer(2)], planner=planner)
    v0 = chat.current
    dropped = chat.apply(EditPlan(ops=[RemoveClip(ref=ClipRef(indices=[2]))]), "drop clip 2")
    assert dropped.matched and dropped.backend == "" and dropped.version.parent_id == v0.id
    assert [c.video_id for c in dropped.version.timeline.clips] == [v0.timeline.clips[0].video_id]
    stored = chat.store.version(dropped.version.id)
    assert (stored.turn, stored.backend, stored.plan) == ("drop clip 2", "", dropped.plan)
    # A typed query still goes through retrieval; unnamed, the version is labelled with the plan in words.
    found = EditPlan(ops=[KeepOnly(query=Query(text="orange fractal")), Speed(factor=2.0)])
    kept = chat.apply(found)
    clip = kept.version.timeline.clips[0]
    assert (clip.in_frame, clip.out_frame, clip.speed) == (70, 120, 2.0)
    assert kept.version.turn == describe_plan(found) and kept.version.parent_id == dropped.version.id
    assert chat.undo().id == dropped.version.id and chat.undo().id == v0.id and chat.undo().id == v0.id
    assert chat.redo().id == dropped.version.id
    bad = chat.apply(EditPlan(ops=[KeepClip(ref=ClipRef(indices=[9]))]), "keep only clip 9")
    assert bad.version.id == chat.current.id == dropped.version.id and len(chat.versions()) == 3
    assert "9" in bad.message and "unchanged" in bad.message
    assert planner.asked == []
    # Text still goes through the planner, and a planner that fails leaves the cut as it was.
    failed = chat.turn("make it shorter")
    assert planner.asked == ["make it shorter"] and "The planner failed" in failed.message
    assert failed.version.id == dropped.version.id


def test_a_partly_understood_request_asks_and_makes_no_version(library_dir) -> None:
    """Without a language model, what the rules did not read is asked about, never acted on."""
    chat = session(library_dir, planner=make_planner("auto", llm="none"))
    v0 = chat.current
    asked = chat.turn("let me ponder a bit, then play it twice as fast")
    assert asked.question is not None and asked.version.id == v0.id and len(chat.versions()) == 1
    assert "did not understand" in asked.message and "let me ponder a bit" in asked.message
    assert [type(op).__name__ for op in asked.question.choices[0].plan.ops] == ["Speed"]
    resumed = ChatSession.resume(chat.library, chat.store, chat.planner, chat.id)  # e.g. the next CLI run
    answered = resumed.turn("1")
    assert answered.version.parent_id == v0.id and answered.version.timeline.clips[0].speed == 2.0
    assert resumed.pending_question() is None
    guess = resumed.turn("the zingle thingy")  # a bare phrase: offline, confirm before searching for it
    assert guess.question is not None and "Did you mean" in guess.message and len(resumed.versions()) == 2


def test_what_the_editor_cannot_do_is_said_and_an_edit_beside_it_is_asked_about(library_dir) -> None:
    """"add some upbeat music" once added the scenes that matched "music"; now the chat says what it can't
    do and what it can, and keeps the cut; beside an edit the same words are asked about, never searched."""
    chat = session(library_dir, scorers=[OneShotScorer(1)], planner=make_planner("auto", llm="none"))
    v0 = chat.current
    music = chat.turn("add some upbeat background music please")
    assert music.version.id == v0.id and len(chat.versions()) == 1
    assert music.message.startswith("I can't add music") and "I can choose, remove, reorder" in music.message
    both = chat.turn("cut the second shot and put subtitles on it")
    assert both.question is not None and both.version.id == v0.id and '"put subtitles on it"' in both.message


def test_a_clip_number_past_the_end_gets_choices(library_dir) -> None:
    chat = session(library_dir)
    v0 = chat.current
    asked = chat.turn("throw away clip 7")
    assert asked.question is not None and asked.version.id == v0.id
    assert "no clip 7" in asked.question.text and len(asked.question.choices) == 2
    answered = chat.turn("2")
    assert [c.video_id for c in answered.version.timeline.clips] == [v0.timeline.clips[0].video_id]


def test_what_changed_answers_with_a_diff_and_no_version(library_dir) -> None:
    chat = session(library_dir)
    v0 = chat.current
    cut = chat.turn("remove the second clip").version
    for text in ("what did you remove?", "What changed", "show me the difference from version 0"):
        answer = chat.turn(text)
        assert answer.diff is not None and answer.version.id == cut.id, text
        assert [c.video_id for c in answer.diff.removed] == [v0.timeline.clips[1].video_id]
        assert "removed:" in answer.message
    assert len(chat.versions()) == 2
    assert "no version 9" in chat.turn("show me the differences from version 9").message


# "Drop the middle one": the clip in the middle of the cut by its number when the cut has one middle (an odd
# number of clips), asked about otherwise (part 42; it was always asked).
def test_the_middle_clip_of_an_odd_cut_is_its_number_and_of_an_even_one_is_asked(library_dir) -> None:
    chat = session(library_dir)
    split = chat.turn("split it into shots").version
    assert len(split.timeline.clips) == 5
    middle = split.timeline.clips[2]
    dropped = chat.turn("drop the middle one")
    assert dropped.version.number == split.number + 1
    assert dropped.version.plan.ops == [RemoveClip(ref=ClipRef(indices=[3]))]
    assert middle not in dropped.version.timeline.clips and len(dropped.version.timeline.clips) == 4
    asked = chat.turn("remove the middle clip")  # four clips: two in the middle
    assert asked.version.number == dropped.version.number and "Which clip is the middle one?" in asked.message
