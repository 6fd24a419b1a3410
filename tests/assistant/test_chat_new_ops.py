"""The new plan ops through a real chat session: rules planner, real ingest, SQLite versions."""

from __future__ import annotations

from index.library import Library
from tests.assistant.test_chat import OneShotScorer, library_dir, session

__all__ = ["library_dir"]  # the fixture, shared with test_chat.py


def test_move_trim_to_and_best_through_chat(library_dir) -> None:
    chat = session(library_dir, scorers=[OneShotScorer(1)])  # shot 1 = frames 40-70 of "cuts"
    cuts, other = Library.open(library_dir).videos()
    moved = chat.turn("move the lantern to the end")
    assert moved.plan.ops[0].op == "move" and moved.version.number == 1
    assert [(c.video_id, c.in_frame, c.out_frame) for c in moved.version.timeline.clips] == [
        (cuts.id, 0, 40), (cuts.id, 70, cuts.frame_count), (other.id, 0, other.frame_count),
        (cuts.id, 40, 70),
    ]
    trimmed = chat.turn("trim clip 2 to 1 second")
    second = trimmed.version.timeline.clips[1]
    assert trimmed.version.number == 2 and second.in_frame == 70 and second.duration == 1
    unranked = chat.turn("just the good parts")  # whole-video pieces carry no score: ask, don't guess
    assert unranked.version.number == 2 and "the 3 best fights" in unranked.message
    best = chat.turn("the 1 best lantern")
    assert [(c.video_id, c.in_frame, c.out_frame) for c in best.version.timeline.clips] == [(cuts.id, 40, 70)]
    assert best.description == "Kept the 1 best scenes matching 'lantern'"
