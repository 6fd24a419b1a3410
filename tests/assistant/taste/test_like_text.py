"""Statements of taste ("I like the dragon scenes") as signals: real ingest (tiny-random CLIP), real
subtitles and MiniLM dialogue search, real SQLite events, the rules planner in the chat."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.chat import ChatSession
from assistant.plan.schema import Add, Like
from assistant.planning.factory import make_planner
from assistant.sessions.store import SessionStore
from assistant.taste.events import Statement, TasteStore, statement_event, statements
from assistant.taste.recommend import suggest
from assistant.taste.scoring import Candidates, Crowd, Feedback, Said, rank
from index.dialogue import index_dialogue
from index.ingest import ingest
from index.library import Library
from tests.media_factory import hard_cuts
from ui.cli import main

DRAGON_LINE = "Look, a dragon above the mountains!"
BATTLE_LINE = "The soldiers charge into battle at dawn."


def _srt(*lines: tuple[float, float, str]) -> str:
    def ts(t: float) -> str:
        return f"00:00:{int(t):02d},{round((t % 1) * 1000):03d}"

    return "\n".join(f"{i}\n{ts(s)} --> {ts(e)}\n{text}\n" for i, (s, e, text) in enumerate(lines, 1))


@pytest.fixture(scope="module")
def spoken_library(tmp_path_factory, tiny_embedder, sentence_model) -> Path:
    """A 4-shot clip (shots 0-1.6, 1.6-2.8, 2.8-4.8, 4.8-6.2 s): a dragon line in the first shot, a battle
    line in the last, sidecar dialogue indexed with MiniLM. Read-only: tests copy it."""
    media, directory = tmp_path_factory.mktemp("like_media"), tmp_path_factory.mktemp("like_library")
    video = hard_cuts(media / "dragons.mp4").path
    (media / "dragons.srt").write_text(_srt((0.3, 1.3, DRAGON_LINE), (5.0, 6.0, BATTLE_LINE)))
    (result,) = ingest([video], directory, tiny_embedder)
    assert result.status == "added" and result.video is not None, result.error
    library = Library.open(directory, tiny_embedder)
    report = index_dialogue(result.video, library.shots(result.video.id), directory, use_asr=False,
                            embedder=sentence_model)
    assert report.cues == 2, report
    library.close()
    return directory


@pytest.fixture
def library_dir(spoken_library, tmp_path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(spoken_library, target)
    return target


def _starts(found) -> list[float]:
    return [float(s.shot.start) for s in found]


def test_two_people_saying_opposite_things_get_opposite_suggestions(library_dir) -> None:
    """Ann likes dragons and not battles, Bob the reverse. (Tiny-random CLIP calls the last shot's picture
    a match for any words, so each says something about both subjects; the dialogue lines decide.)"""
    library, store = Library.open(library_dir), TasteStore(library_dir)
    store.record([
        statement_event("ann", "dragon", liked=True), statement_event("ann", "battle", liked=False),
        statement_event("bob", "dragon", liked=False), statement_event("bob", "battle", liked=True),
    ])
    ann, bob = suggest(library, store, "ann", k=4), suggest(library, store, "bob", k=4)
    assert _starts(ann)[0] == 0.0 and _starts(bob)[-1] == 0.0  # the shot with the dragon line
    assert ann[0].reason == f"because you said you like “dragon”: “{DRAGON_LINE}”"
    assert _starts(ann) != _starts(bob)
    assert "dragon" not in bob[-1].reason  # never suggested *because* of a dislike it matches
    store.record([statement_event("cat", "battle", liked=True)])
    cat = suggest(library, store, "cat", k=4)
    assert _starts(cat)[0] == 4.8 and cat[0].reason.startswith("because you said you like “battle”")


def test_the_chat_remembers_a_statement_and_answers_with_suggestions(library_dir) -> None:
    library, sessions, store = Library.open(library_dir), SessionStore(library_dir), TasteStore(library_dir)
    chat = ChatSession.start(library, sessions, make_planner("rules"), user="ann")
    before = chat.current
    said = chat.turn("Honestly I'm really into the dragon scenes")
    assert said.plan.ops == [Like(text="dragon", liked=True)]
    assert said.version.id == before.id  # a statement changes no cut
    assert said.message.startswith("I'll remember that you like “dragon”. You might like:\n1. ")
    assert len(said.message.splitlines()) == 4  # the three best suggestions, each with its reason
    assert "because you said you like “dragon”" in said.message.splitlines()[1]
    (event,) = store.events("ann")
    assert (event.kind, event.detail, event.value, event.video_id) == ("like_text", "dragon", 1.5, None)
    edit = chat.turn("more of the dragon scenes in my cut")  # an edit, not a statement
    assert isinstance(edit.plan.ops[0], Add) and [e.kind for e in store.events("ann")] == ["like_text"]
    chat.turn("the battles bore me")
    assert statements(store.events("ann")) == [Statement("dragon", True), Statement("battles", False)]
    assert store.events("bob") == []


def test_reset_forgets_what_was_said_and_profile_lists_it(library_dir, capsys) -> None:
    library, store = Library.open(library_dir), TasteStore(library_dir)
    fresh = [s.to_json() for s in suggest(library, store, "ann")]
    store.record([statement_event("ann", "battle", liked=True)])
    assert [s.to_json() for s in suggest(library, store, "ann")] != fresh
    args = ["--library", str(library_dir), "--user", "ann"]
    assert main(["profile", "show", *args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["statements"] == [{"text": "battle", "liked": True}]
    assert main(["profile", "show", *args]) == 0
    assert "you said: like “battle”" in capsys.readouterr().out
    assert main(["profile", "reset", *args]) == 0
    assert store.summary("ann").statements == () and store.events("ann") == []
    assert [s.to_json() for s in suggest(library, store, "ann")] == fresh


def test_saying_the_opposite_later_replaces_the_statement() -> None:
    events = [statement_event("ann", "Dragon", True), statement_event("ann", "rain", False),
              statement_event("ann", "dragon", False)]
    assert statements(events) == [Statement("rain", False), Statement("dragon", False)]


def _candidates(n: int) -> Candidates:
    return Candidates(np.zeros(n, int), None, np.zeros((n, 0)), np.zeros(n), ())


def test_statements_rank_and_explain_without_any_clip_feedback() -> None:
    """Pure scoring: a liked subject's matches come first, a disliked one's last, with reasons naming them."""
    candidates = _candidates(5)
    matches = np.array([[0.0, 0.9, 0.0, 0.0, 0.0],   # "dragon": shot 1 (a line said it)
                        [0.0, 0.0, 0.0, 1.0, 0.0]])  # "rain": shot 3 (its picture)
    lines = ((None, DRAGON_LINE, None, None, None), (None,) * 5)
    said = Said(("dragon", "rain"), np.array([1.0, -1.0]), matches, lines)
    ranking = rank(candidates, Feedback.empty(candidates), Crowd.empty(candidates), said=said)
    order = [int(i) for i in ranking.top(5)]
    assert order[0] == 1 and order[-1] == 3
    assert ranking.reason(1) == f"because you said you like “dragon”: “{DRAGON_LINE}”"
    assert ranking.reason(order[1]) == "no “rain”, which you said you don’t like"
    nothing = rank(candidates, Feedback.empty(candidates), Crowd.empty(candidates))
    assert "said" not in nothing.parts  # no statement, no such part: the default decides
