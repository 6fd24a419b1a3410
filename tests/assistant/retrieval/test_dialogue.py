"""Dialogue in retrieval and chat: real ingest (tiny-random CLIP), real subtitles, real dialogue search."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from assistant.chat import ChatSession
from assistant.plan.schema import Query
from assistant.planning.factory import make_planner
from assistant.retrieval.dialogue import DialogueScorer, frame_time, line_scene, line_scores, said_whole
from assistant.retrieval.search import find_scenes
from assistant.retrieval.types import ShotScores
from assistant.sessions.store import SessionStore
from index.dialogue import Cue, CueHit, dialogue_clip_range, index_dialogue, shot_dialogue_scores
from index.ingest import ingest
from index.library import Library
from index.shot import Shot
from tests.media_factory import SHARED_MEDIA, hard_cuts, single_shot

MEDIA = SHARED_MEDIA
TEARS = MEDIA / "tears_of_steel_opening_64s_512x120.mp4"
TEARS_VTT = MEDIA / "tears_of_steel_opening_64s.en.vtt"
LONG_FPS = 10


@dataclass(frozen=True)
class SpokenLibrary:
    dir: Path
    video_ids: tuple[str, ...]


def _srt(*lines: tuple[float, float, str]) -> str:
    def ts(t: float) -> str:
        minutes, seconds = divmod(t, 60)
        return f"00:{int(minutes):02d}:{int(seconds):02d},{round((seconds % 1) * 1000):03d}"

    return "\n".join(f"{i}\n{ts(s)} --> {ts(e)}\n{text}\n" for i, (s, e, text) in enumerate(lines, 1))


def _build(directory: Path, videos: Sequence[Path], clip_embedder, sentences) -> SpokenLibrary:
    """Ingest ``videos`` and index their sidecar dialogue (ingest does not do that step itself yet)."""
    results = ingest(videos, directory, clip_embedder)
    assert all(r.status == "added" for r in results), [r.error for r in results]
    library = Library.open(directory, clip_embedder)
    for r in results:
        shots = library.shots(r.video.id)
        report = index_dialogue(r.video, shots, directory, use_asr=False, embedder=sentences)
        assert report.source == "sidecar" and report.cues > 0, report
    library.close()
    return SpokenLibrary(directory, tuple(r.video.id for r in results))


@pytest.fixture(scope="module")
def spoken(tmp_path_factory, tiny_embedder, sentence_model) -> SpokenLibrary:
    """A 4-shot clip (cuts at 1.6, 2.8, 4.8 s) and a 2-minute single shot, each with an .srt sidecar."""
    media = tmp_path_factory.mktemp("spoken_media")
    cuts = hard_cuts(media / "cuts.mp4").path
    (media / "cuts.srt").write_text(_srt((3.3, 3.9, "Robots everywhere!")))
    long = single_shot(media / "long.mp4", frames=120 * LONG_FPS, fps=LONG_FPS).path
    (media / "long.srt").write_text(_srt(
        (10.0, 12.0, "Bring me the red umbrella."),
        (61.0, 63.5, "The lighthouse keeper never sleeps."),
        (90.0, 92.0, "Robots are coming over the hill."),
        (92.0, 94.0, "Hide the robots in the barn."),
        (125.0, 127.0, "Robots after the credits."),  # past the end of the video: never a clip
    ))
    return _build(tmp_path_factory.mktemp("spoken_library"), [cuts, long], tiny_embedder, sentence_model)


def _chat(directory: Path, clip_embedder, scorers=None) -> ChatSession:
    library = Library.open(directory, clip_embedder)
    return ChatSession.start(library, SessionStore(directory), make_planner("rules"), scorers=scorers)


def test_a_line_in_a_long_shot_is_cut_around_that_line(spoken, tiny_embedder, tmp_path) -> None:
    directory = tmp_path / "lib"
    shutil.copytree(spoken.dir, directory)
    chat = _chat(directory, tiny_embedder)  # default scorers: pictures and dialogue
    v0 = chat.current
    result = chat.turn("only the part where he says the lighthouse keeper never sleeps")
    assert [q.kind for q in result.plan.queries()] == ["dialogue"]
    assert result.matched and result.version.parent_id == v0.id
    (clip,) = result.version.timeline.clips
    assert clip.video_id == spoken.video_ids[1]
    # no cut nearby to pad to: exactly the line's frames at 10 fps, not the 2-minute shot
    assert (clip.in_frame, clip.out_frame, clip.start, clip.end) == (610, 635, 61, Fraction(127, 2))
    assert (clip.reason.signal, clip.reason.line) == ("dialogue", "The lighthouse keeper never sleeps.")
    assert 'The lighthouse keeper never sleeps."' in chat.numbered_clips()[0]


def test_adjacent_lines_merge_and_videos_stay_in_story_order(spoken, tiny_embedder, tmp_path) -> None:
    directory = tmp_path / "lib"
    shutil.copytree(spoken.dir, directory)
    result = _chat(directory, tiny_embedder).turn("lines about robots")
    assert [q.kind for q in result.plan.queries()] == ["dialogue"]
    first, second = result.version.timeline.clips
    # the line starts 0.5 s after the cut at 2.8 s, so the clip opens on that cut
    assert (first.video_id, first.in_frame, first.out_frame) == (spoken.video_ids[0], 70, 98)
    assert first.reason.line == "Robots everywhere!"
    assert (second.video_id, second.start, second.end) == (spoken.video_ids[1], 90, 94)
    assert second.reason.line == "Robots are coming over the hill. / Hide the robots in the barn."
    assert {first.reason.signal, second.reason.signal} == {"dialogue"}


def test_a_line_not_in_the_videos_leaves_the_cut_unchanged(spoken, tiny_embedder, tmp_path) -> None:
    directory = tmp_path / "lib"
    shutil.copytree(spoken.dir, directory)
    chat = _chat(directory, tiny_embedder)
    v0 = chat.current
    miss = chat.turn('only the part where she says "where is the treasure map"')
    assert not miss.matched and miss.version.id == v0.id and len(chat.versions()) == 1
    assert 'No line matching "where is the treasure map" was found' in miss.message
    assert "words that are in the line" in miss.message


class ShotsShowing:
    """A picture signal that is sure about the given shots and flat elsewhere (tiny-random CLIP is noise)."""

    signal = "visual"

    def __init__(self, video_id: str, shot_indices: set[int]) -> None:
        self.video_id, self.shot_indices = video_id, shot_indices

    def score(self, library, query: Query, video_ids: Sequence[str]) -> dict[str, ShotScores]:
        out = {}
        for vid in video_ids:
            shots = library.shots(vid)
            hit = [vid == self.video_id and s.index in self.shot_indices for s in shots]
            scores = np.where(hit, 0.6, 0.2)
            out[vid] = ShotScores("visual", tuple(shots), scores, np.full(len(shots), 0.25))
        return out


def test_auto_fuses_pictures_and_lines_and_kinds_pick_one_signal(spoken, tiny_embedder) -> None:
    library = Library.open(spoken.dir, tiny_embedder)
    cuts, long = spoken.video_ids

    def found(kind: str, pictured: set[int]) -> list[tuple]:
        scenes = find_scenes(library, Query(text="robots", kind=kind), [cuts, long],
                             [ShotsShowing(cuts, pictured), DialogueScorer()])
        return [(s.video_id, s.start_frame, s.end_frame, s.signal, s.line) for s in scenes]

    line_in_cuts = (cuts, 70, 98, "dialogue", "Robots everywhere!")  # opens on the cut 0.5 s before it
    both_lines = "Robots are coming over the hill. / Hide the robots in the barn."
    lines_in_long = (long, 900, 940, "dialogue", both_lines)  # two touching lines: one scene
    # the line lies inside a matching shot: one scene, the shot's range, both signals
    assert found("auto", {2}) == [(cuts, 70, 120, "fused", "Robots everywhere!"), lines_in_long]
    # pictures elsewhere: each signal keeps its own range (a whole shot; the line)
    assert found("auto", {0}) == [(cuts, 0, 40, "visual", None), line_in_cuts, lines_in_long]
    assert found("visual", {2}) == [(cuts, 70, 120, "visual", None)]
    assert found("dialogue", {2}) == [line_in_cuts, lines_in_long]


def test_a_library_without_dialogue_finds_no_line(small_library_copy, tiny_embedder) -> None:
    library = Library.open(small_library_copy.dir, tiny_embedder)
    ids = list(small_library_copy.video_ids)
    assert DialogueScorer().score(library, Query(text="hello there", kind="dialogue"), ids) == {}
    chat = _chat(small_library_copy.dir, tiny_embedder)
    miss = chat.turn('only where someone says "hello there"')
    assert not miss.matched and miss.version.number == 0
    assert 'No line matching "hello there"' in miss.message and "no dialogue indexed" in miss.message


def test_frame_times_are_exact_at_cuts_and_counted_inside_shots() -> None:
    shots = [Shot("v", 0, 0, 40, Fraction(0), Fraction(8, 5)),
             Shot("v", 1, 40, 70, Fraction(8, 5), Fraction(14, 5))]
    times = [frame_time(f, shots, Fraction(25)) for f in (0, 10, 40, 55, 70)]
    assert times == [0, Fraction(2, 5), Fraction(8, 5), Fraction(11, 5), Fraction(14, 5)]
    with pytest.raises(ValueError, match="before the first shot"):
        frame_time(-1, shots, Fraction(25))


def test_looking_only_near_each_line_changes_nothing() -> None:
    """``line_scores``/``line_scene`` skip far shots for speed; they must agree with the whole-film ones."""
    rng = np.random.default_rng(3)
    fps, shots, frame = Fraction(24), [], 0
    for i, length in enumerate(rng.integers(5, 200, 300)):
        shots.append(Shot("v", i, frame, frame + int(length), frame / fps, (frame + int(length)) / fps))
        frame += int(length)
    hits = []
    for i, start in enumerate(sorted(rng.uniform(0, float(shots[-1].end) + 5, 60))):
        begin = Fraction(start).limit_denominator(1000)
        cue = Cue("v", i, begin, begin + Fraction(int(rng.integers(300, 6000)), 1000), f"line {i}", "sidecar")
        hits.append(CueHit(cue, round(0.4 + i / 200, 4), "words"))
    scores, lines = line_scores(hits, shots)
    whole_scores, whole_lines = shot_dialogue_scores(hits, shots)
    assert np.array_equal(scores, whole_scores) and lines == whole_lines
    for hit in hits:
        scene = line_scene(hit, shots, fps)
        if hit.cue.start >= shots[-1].end:
            assert scene is None
            continue
        assert (scene.start_frame, scene.end_frame) == dialogue_clip_range(hit.cue, shots, fps)
        assert scene.start <= hit.cue.start and (scene.end >= hit.cue.end or scene.end == shots[-1].end)


@pytest.fixture(scope="module")
def tears(tmp_path_factory, tiny_embedder, sentence_model) -> SpokenLibrary:
    """The Tears of Steel opening with its English subtitles beside it as a sidecar."""
    if not (TEARS.exists() and TEARS_VTT.exists()):
        pytest.skip(f"real test media not found in {MEDIA}")
    media = tmp_path_factory.mktemp("tears_media")
    shutil.copy(TEARS, media / "tears.mp4")
    shutil.copy(TEARS_VTT, media / "tears.en.vtt")
    library_dir = tmp_path_factory.mktemp("tears_library")
    return _build(library_dir, [media / "tears.mp4"], tiny_embedder, sentence_model)


def test_tears_of_steel_keeps_only_the_line_asked_for(tears, tiny_embedder) -> None:
    chat = _chat(tears.dir, tiny_embedder)
    v0 = chat.current
    result = chat.turn("only the part where she says you're a jerk")
    assert [(q.text, q.kind) for q in result.plan.queries()] == [("you're a jerk", "dialogue")]
    assert result.matched, result.message
    (clip,) = result.version.timeline.clips
    assert clip.start <= 23 and clip.end >= Fraction(49, 2)  # the cue: 23.0-24.5 s, whole
    assert clip.duration <= 3  # padded to a cut at most 0.75 s away on each side, never whole shots
    assert (clip.reason.signal, clip.reason.line) == ("dialogue", "You're a jerk, Thom.")
    miss = chat.turn('only the part where she says "where is the treasure map"')
    assert not miss.matched and "No line matching" in miss.message
    assert miss.version.id == result.version.id and chat.current.timeline == result.version.timeline
    assert chat.undo().id == v0.id


def test_the_parts_where_someone_talks_are_every_line_and_the_silent_parts_go(spoken, tiny_embedder,
                                                                              tmp_path) -> None:
    """"only the parts where someone is talking" searched the pictures for "talking" (a user session): it
    is every line now, each padded as a line is; "cut the silent parts" keeps the same."""
    directory = tmp_path / "lib"
    shutil.copytree(spoken.dir, directory)
    chat = _chat(directory, tiny_embedder)
    talking = chat.turn("only the parts where someone is talking")
    assert talking.matched and "with dialogue" in talking.message, talking.message
    spans = [(c.video_id, float(c.start), float(c.end)) for c in talking.version.timeline.clips]
    cuts, long = spoken.video_ids
    lines = [(cuts, 3.3, 3.9), (long, 10, 12), (long, 61, 63.5), (long, 90, 94)]  # 90-92 + 92-94: one
    assert len(spans) == len(lines), spans
    for (video, start, end), (line_video, line_start, line_end) in zip(spans, lines, strict=True):
        assert video == line_video and start <= line_start and end >= line_end
        assert line_start - start <= 0.75 + 1e-6 or start == 2.8  # padded to a cut at most 0.75 s away
    assert all(c.reason.signal == "dialogue" for c in talking.version.timeline.clips)
    said = chat.turn("what is said in clip 2?")
    assert said.version.id == talking.version.id and '"Bring me the red umbrella."' in said.message
    assert "there is no clip 9" in chat.turn("what's said in clip 9").message
    chat.undo()
    silent = chat.turn("cut the silent parts")
    assert [(c.video_id, float(c.start), float(c.end)) for c in silent.version.timeline.clips] == spans


def test_dialogue_asked_for_in_videos_without_any_says_so(small_library_copy, tiny_embedder) -> None:
    chat = _chat(small_library_copy.dir, tiny_embedder)
    miss = chat.turn("only the dialogue")
    assert not miss.matched and miss.version.number == 0
    assert "These videos have no dialogue" in miss.message, miss.message
    lines = chat.turn("what are the lines in clip 1?")
    assert "Nothing is said in clip 1" in lines.message and "no subtitles" in lines.message


def test_a_line_with_every_word_asked_for_outranks_lines_with_some_of_them() -> None:
    """"drop the line about the robot hand" removed four lines on the Tears clip (every line saying
    "robot"); the line with both words scored 1.0, the others 0.46-0.56."""
    def hit(i: int, score: float, words: float) -> CueHit:
        cue = Cue("v", i, Fraction(i), Fraction(i + 1), f"line {i}", "sidecar")
        return CueHit(cue, score, "words", words=words)

    whole, part, near = hit(0, 1.0, 1.0), hit(1, 0.47, 0.31), hit(2, 0.85, 0.31)
    assert said_whole([whole, part, near]) == [whole, near]  # a meaning as close stays
    assert said_whole([part, hit(3, 0.5, 0.5)]) == [part, hit(3, 0.5, 0.5)]  # no line says it all: all stay
    every = [hit(4, 1.0, 1.0), hit(5, 1.0, 1.0)]
    assert said_whole(every) == every  # "lines about robots": every line saying it


def test_tears_of_steel_drops_only_the_line_about_the_robot_hand(tears, tiny_embedder, tmp_path) -> None:
    directory = tmp_path / "lib"
    shutil.copytree(tears.dir, directory)
    chat = _chat(directory, tiny_embedder)
    before = chat.current.timeline.duration
    result = chat.turn("drop the line about the robot hand")
    assert result.matched, result.message
    assert 2.5 <= float(before - result.version.timeline.duration) <= 5.5  # the line (3.2 s) and its padding


def test_questions_about_the_cuts_lines_are_answered_from_it(spoken, tiny_embedder, tmp_path) -> None:
    directory = tmp_path / "lib"
    shutil.copytree(spoken.dir, directory)
    chat = _chat(directory, tiny_embedder)
    chat.turn("only the parts where someone is talking")
    version = chat.current.id
    count = chat.turn("how many lines are in the cut?").message
    assert count.startswith("The cut holds 5 lines of dialogue:") and '"Robots everywhere!"' in count, count
    assert "credits" not in count  # the line past the end of its video is in no clip
    last = chat.turn("what's the last line?").message
    assert last == 'The last line of the cut is in clip 4 at 1:32.0: "Hide the robots in the barn."', last
    where = chat.turn("which clip has the umbrella line?").message
    assert "in the cut: clip 2" in where, where
    said = chat.turn("does anyone say lighthouse?").message
    assert "1 scene match" in said and "1:01" in said, said
    assert chat.current.id == version  # questions make no version


def test_lines_are_removed_by_their_place_in_the_cut(spoken, tiny_embedder, tmp_path) -> None:
    """"drop line 2" removed the clips chosen for the word "line" (none) or the pictures matching "line 2";
    now the cut's lines are numbered when listed and a line goes by its number, its clip asked about when
    that clip plays several."""
    directory = tmp_path / "lib"
    shutil.copytree(spoken.dir, directory)
    chat = _chat(directory, tiny_embedder)
    chat.turn("only the parts where someone is talking")
    listed = chat.turn("what lines are in the cut?").message
    assert '  2. clip 2 at 0:10.0: "Bring me the red umbrella."' in listed, listed
    assert 'Say "drop line 2"' in listed
    before = chat.current
    gone = chat.turn("drop line 2")
    assert gone.matched and gone.version.number == before.number + 1, gone.message
    assert 'removed the line "Bring me the red umbrella." from clip 2' in gone.message, gone.message
    _, long = spoken.video_ids
    assert not any(c.video_id == long and c.start < 12 and c.end > 10 for c in gone.version.timeline.clips)
    assert len(gone.version.timeline.clips) == len(before.timeline.clips) - 1  # padding alone is no clip
    asked = chat.turn("drop the line in the last clip")
    assert asked.question is not None and asked.version.id == gone.version.id, asked.message
    assert asked.message.startswith("Clip 3 has 2 lines. Which one should go?"), asked.message
    answered = chat.turn("2")
    assert "Hide the robots in the barn." in answered.message, answered.message
    kept = [c for c in answered.version.timeline.clips if c.video_id == long and c.end > 90]
    # "Robots are coming over the hill." (90-92 s) stays
    assert kept and all(c.end <= Fraction(92) + Fraction(1, LONG_FPS) for c in kept)
    one = chat.turn("what is line 2?")
    assert one.version.id == answered.version.id and one.matched
    lighthouse = 'The 2nd line is in clip 2 at 1:01.0: "The lighthouse keeper never sleeps."'
    assert one.message.startswith(lighthouse), one.message
    past = chat.turn("drop line 9")
    assert not past.matched or past.version.id == answered.version.id
    assert "There is no line 9 in the cut: it holds 3 lines." in past.message, past.message


def test_only_some_lines_are_kept_by_their_place(spoken, tiny_embedder, tmp_path) -> None:
    """"just the first 2 lines" after "only the dialogue": the cut is the time those two lines are spoken."""
    directory = tmp_path / "lib"
    shutil.copytree(spoken.dir, directory)
    chat = _chat(directory, tiny_embedder)
    chat.turn("only the dialogue")
    kept = chat.turn("just the first 2 lines")
    assert kept.matched and kept.message.startswith("kept only 2 lines — 2 clips, 2.6 s"), kept.message
    cuts, long = spoken.video_ids
    spans = [(c.video_id, float(c.start), float(c.end)) for c in kept.version.timeline.clips]
    assert [video for video, _, _ in spans] == [cuts, long]
    (_, a0, a1), (_, b0, b1) = spans
    assert a0 <= 3.3 and a1 >= 3.9 and a1 - a0 < 0.7  # "Robots everywhere!" (3.3-3.9 s), no padding
    assert b0 <= 10 and b1 >= 12 and b1 - b0 < 2.2  # "Bring me the red umbrella." (10-12 s)
