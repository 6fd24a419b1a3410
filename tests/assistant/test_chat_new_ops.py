"""The new plan ops through a real chat session: rules planner, real ingest, SQLite versions."""

from __future__ import annotations

from fractions import Fraction

from assistant.chat import ChatSession
from assistant.planning.factory import make_planner
from assistant.retrieval.highlights import find_highlights
from assistant.sessions.store import SessionStore
from index.db import connect
from index.dialogue_store import Cue, SourceRecord, ensure_schema, replace_cues
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
    unranked = chat.turn("just the good parts")  # whole-video pieces carry no score: ranked by highlights
    assert unranked.version.number == 3 and {c.reason.signal for c in unranked.version.timeline.clips} == {
        "highlight"
    }
    best = chat.turn("the 1 best lantern")
    assert [(c.video_id, c.in_frame, c.out_frame) for c in best.version.timeline.clips] == [(cuts.id, 40, 70)]
    assert best.description == "Kept the 1 best scenes matching 'lantern'"


def _speak_over_third_shot(library_dir) -> str:
    """Store two subtitle lines during shot 2 of "cuts" (2.8-4.8 s), as indexing a sidecar would."""
    library = Library.open(library_dir)
    cuts = library.videos()[0]
    lines = [(Fraction(3), Fraction(7, 2), "Who goes there?"),
             (Fraction(37, 10), Fraction(23, 5), "A friend.")]
    cues = [Cue(cuts.id, i, start, end, text, "sidecar") for i, (start, end, text) in enumerate(lines)]
    conn = connect(library_dir)
    try:
        ensure_schema(conn)
        record = SourceRecord("sidecar", "cuts.srt", "sidecar:test", "en", ())
        replace_cues(conn, cuts.id, cues, library.shots(cuts.id), record)
    finally:
        conn.close()
        library.close()
    return cuts.id


def test_good_parts_of_the_whole_videos_rank_shots_by_dialogue_and_picture(library_dir) -> None:
    cuts = _speak_over_third_shot(library_dir)
    chat = session(library_dir)
    ranking = find_highlights(chat.library, chat.video_ids)
    assert (ranking[0].scene.video_id, ranking[0].scene.first_shot) == (cuts, 2)  # the talking shot

    good = chat.turn("just the good parts")
    assert good.version.number == 1 and good.matched, good.message
    clips = good.version.timeline.clips
    scores = {(h.scene.video_id, h.scene.start_frame): h.scene.score for h in ranking}
    kept = {(c.video_id, c.in_frame) for c in clips}
    dropped = set(scores) - kept
    assert len(clips) == 3 and min(scores[k] for k in kept) >= max(scores[k] for k in dropped)
    assert [(c.video_id, c.in_frame) for c in clips] == sorted(kept, key=lambda k: (k[0] != cuts, k[1]))
    talking = next(c for c in clips if (c.video_id, c.in_frame) == (cuts, 70))
    assert talking.reason.signal == "highlight" and talking.reason.score == ranking[0].scene.score
    assert talking.reason.line == "A friend."  # the line spoken longest over the shot
    shown = "\n".join(chat.numbered_clips())
    assert "1.0 lines/s of dialogue" in shown and "(highlight, score" in shown and '"A friend."' in shown

    chat.turn("undo")
    five = chat.turn("the best 5 seconds")
    timeline = five.version.timeline
    assert five.version.number == 2 and timeline.duration <= 5 and timeline.duration >= 4
    assert (cuts, 70) in {(c.video_id, c.in_frame) for c in timeline.clips}
    assert all(c.reason.signal == "highlight" for c in timeline.clips)
    assert "best 5 s of the shots" in five.message


def test_clips_reordered_by_number_through_chat(library_dir) -> None:
    """Moving, swapping and reversing clips by number: each a version that undo takes back; a clip number
    past the end of the cut gets a question with the clips as choices, not a guess."""
    chat = session(library_dir, scorers=[OneShotScorer(1)])
    cuts, other = Library.open(library_dir).videos()
    four = chat.turn("move the lantern to the end").version.timeline.clips
    assert [(c.video_id, c.in_frame) for c in four] == [
        (cuts.id, 0), (cuts.id, 70), (other.id, 0), (cuts.id, 40)]

    def order(result) -> list[int]:
        return [four.index(c) + 1 for c in result.version.timeline.clips]

    first = chat.turn("ok now put the last clip at the very beginning")
    assert first.plan.ops[0].op == "move_clip" and order(first) == [4, 1, 2, 3], first.message
    assert first.version.number == 2 and first.description == "Moved the last clip to the start"
    swapped = chat.turn("swap clip 2 with clip 4")
    assert order(swapped) == [4, 3, 2, 1] and swapped.description == "Swapped clips 2 and 4"
    beside = chat.turn("move clip 1 so it comes after clip 3")
    assert order(beside) == [3, 2, 4, 1], beside.message
    backwards = chat.turn("play the clips in reverse order")
    assert order(backwards) == [1, 4, 2, 3] and backwards.version.number == 5
    assert "reordered: " in chat.turn("what did you change?").message
    undone = chat.turn("undo")
    assert order(undone) == [3, 2, 4, 1]

    asked = chat.turn("move clip 9 to the front")
    assert asked.question is not None and asked.version.number == undone.version.number
    assert asked.question.text.startswith("There is no clip 9: the cut has 4 clips.")
    # Clip 1 is no answer (it is at the front already): the choices are clips 2, 3 and 4.
    assert [c.label.split(" (")[0] for c in asked.question.choices] == ["clip 2", "clip 3", "clip 4"]
    answered = chat.turn("1")  # the first choice: clip 2
    assert order(answered) == [2, 3, 4, 1], answered.message


def test_a_clip_run_on_and_an_end_kept_through_chat(library_dir) -> None:
    chat = session(library_dir, scorers=[OneShotScorer(1)])  # shot 1 = frames 40-70 of "cuts"
    cuts = Library.open(library_dir).videos()[0]
    only = chat.turn("only the lantern")
    assert [(c.in_frame, c.out_frame) for c in only.version.timeline.clips] == [(40, 70)]
    longer = chat.turn("let clip 1 run on 1 second longer")
    clip = longer.version.timeline.clips[0]
    assert longer.plan.ops[0].op == "extend" and (clip.in_frame, clip.out_frame) == (40, 70 + round(cuts.fps))
    assert longer.description.startswith("Made the 1st clip 1 s longer at the end")
    kept = chat.turn("keep just the last 1 second of clip 1")
    assert kept.version.timeline.clips[0].out_frame == clip.out_frame  # the last second: cut from the start
    assert kept.version.timeline.clips[0].duration == 1
    asked = chat.turn("make clip 1 longer")
    assert asked.version.number == kept.version.number and not asked.plan.ops  # no guess, no new version
    assert "How many seconds longer?" in asked.message


def test_the_whole_videos_split_into_their_shots_then_a_shot_dropped_by_number(library_dir) -> None:
    """The first cut is each video whole; "split it into shots" gives one clip per ingested shot (the same
    frames), so the next turn can name a shot by its number. German gets the same edit and a German reply."""
    chat = session(library_dir)
    library = Library.open(library_dir)
    cuts, other = library.videos()
    shots = library.shots(cuts.id)
    result = chat.turn("split it into its shots")
    clips = result.version.timeline.clips
    assert [(c.video_id, c.in_frame, c.out_frame) for c in clips] == [
        *((cuts.id, s.start_frame, s.end_frame) for s in shots), (other.id, 0, other.frame_count)]
    assert [c.start for c in clips[:len(shots)]] == [s.start for s in shots]  # the shots' exact times
    assert result.version.timeline.duration == chat.source().duration
    assert result.description == "Split every clip into shots" and "split 1 clip into shots" in result.message
    dropped = chat.turn("drop clip 2")
    assert [(c.video_id, c.in_frame) for c in dropped.version.timeline.clips][:2] == [
        (cuts.id, 0), (cuts.id, shots[2].start_frame)]
    again = chat.turn("split it into shots")  # nothing left to split: no new version
    assert again.version.number == dropped.version.number and "no shot changes" in again.message


def test_a_length_asked_of_the_whole_videos_keeps_the_talking_shot_not_the_first_seconds(library_dir) -> None:
    """"make it 3 seconds" before any search: the best-ranked shots (the one with dialogue first), in story
    order; before, the cut became the first 3 seconds of the first video."""
    cuts = _speak_over_third_shot(library_dir)
    chat = session(library_dir)
    short = chat.turn("make it 3 seconds")
    clips = short.version.timeline.clips
    assert short.version.number == 1 and short.version.timeline.duration <= 3, short.message
    assert (cuts, 70) in {(c.video_id, c.in_frame) for c in clips}  # the talking shot, 2.8-4.8 s in
    assert all(c.reason.signal == "highlight" for c in clips)
    assert "best-ranked shots of the whole videos" in short.message


def test_a_question_about_a_thing_is_answered_by_a_search_and_cuts_nothing(library_dir) -> None:
    """"is there a lantern in it?" read as an edit kept only the lantern; now the matches are told (where, and
    how many the cut holds) and the cut stays."""
    chat = session(library_dir, scorers=[OneShotScorer(1)])
    cuts = Library.open(library_dir).videos()[0]
    shot = Library.open(library_dir).shots(cuts.id)[1]
    asked = chat.turn("is there a lantern in it?")
    assert asked.version.number == 0 and len(chat.versions()) == 1 and asked.backend == ""
    assert asked.message.startswith('1 scene match "lantern": in cuts at ')
    assert "(all of them are in the cut: clip 1)" in asked.message
    assert f"{int(shot.start) // 60}:{float(shot.start) % 60:04.1f}" in asked.message  # where it is
    chat.turn("remove the lantern")
    again = chat.turn("where is the lantern?")
    assert "(none of them in the cut)" in again.message and '"add the lantern"' in again.message
    nothing = session(library_dir, scorers=[OneShotScorer(None)]).turn("are there any horses")
    assert nothing.message.startswith('Nothing matches "horses"')


def test_an_edit_read_from_a_question_is_asked_about_first(library_dir) -> None:
    """"what's the best part?" became "keep the better half" (a model's reading, acted on); now the chat asks
    whether to edit, and a yes applies the reading. A polite request ("could you ...?") still acts."""
    from assistant.planning.auto import AutoPlanner
    from tests.planners import ScriptedModel

    model = ScriptedModel('{"ops": [{"op": "best"}]}')
    chat = session(library_dir, scorers=[OneShotScorer(1)], planner=AutoPlanner(model))
    asked = chat.turn("what's the best part of it?")
    assert asked.question is not None and asked.version.number == 0 and len(chat.versions()) == 1
    assert asked.message.startswith("You asked a question; should I edit the cut?")
    assert chat.turn("1").version.number == 1  # the yes applies the reading
    polite = chat.turn("could you make it twice as fast?")  # a request, read by the rules
    assert polite.question is None and polite.version.number == 2


def test_fades_at_the_ends_through_chat(library_dir) -> None:
    chat = session(library_dir)
    faded = chat.turn("fade in at the start and out at the end, 2 seconds each")
    t = faded.version.timeline
    assert (t.fade_in, t.fade_out) == (2.0, 2.0) and faded.version.number == 1
    assert faded.description.lower().startswith("fade in from black at the start and out to black at the end")
    kept = chat.turn("no fade at the start")
    assert (kept.version.timeline.fade_in, kept.version.timeline.fade_out) == (0.0, 2.0)
    back = chat.turn("undo")
    assert back.version.timeline.fade_in == 2.0  # a version like any other
    assert "(fades in 2 s, fades out 2 s)" in chat.turn("what's in the cut?").message


def test_sound_levels_through_chat(library_dir) -> None:
    chat = session(library_dir)
    muted = chat.turn("mute clip 2")
    assert [c.volume for c in muted.version.timeline.clips] == [1.0, 0.0]
    assert muted.description == "Muted the 2nd clip"
    louder = chat.turn("make it a bit louder")
    assert [c.volume for c in louder.version.timeline.clips] == [1.25, 0.0]
    listed = chat.turn("what clips are in the cut?")
    assert listed.version.number == louder.version.number  # a question: no new version
    assert listed.message.splitlines()[2].endswith("muted") and "sound at 125 %" in listed.message
    back = chat.turn("turn the sound back on")
    assert [c.volume for c in back.version.timeline.clips] == [1.0, 1.0]
    answered = chat.turn("mute the wind")
    assert answered.version is None or answered.version.number == back.version.number


def test_a_transition_between_two_clips_only_through_chat_survives_a_reopen(library_dir) -> None:
    chat = session(library_dir)
    joined = chat.turn("a 1 second crossfade between clips 1 and 2 only")
    clips = joined.version.timeline.clips
    assert joined.version.timeline.transition == "cut" and clips[1].join is not None
    assert (clips[1].join.kind, clips[1].join.seconds) == ("crossfade", 1.0)
    again = ChatSession.resume(Library.open(library_dir), SessionStore(library_dir), make_planner("rules"),
                               chat.id)  # read back from SQLite
    assert again.current.timeline.clips[1].join == clips[1].join


class TwoShotScorer:
    """Pictures that strongly match shots 0 and 3 of the first video (two parts apart), and nothing else."""

    signal = "visual"

    def score(self, library, query, video_ids):
        import numpy as np

        from assistant.retrieval.types import ShotScores

        out = {}
        for vid in video_ids:
            shots = library.shots(vid)
            scores = np.full(len(shots), 0.2)
            if vid == video_ids[0]:
                scores[[0, 3]] = 0.6
            out[vid] = ShotScores("visual", tuple(shots), scores, np.full(len(shots), 0.25))
        return out


def test_a_removal_that_spares_the_last_of_its_matches(library_dir) -> None:
    """"remove the lanterns except the last one": the first lantern goes, the last stays; "... but keep the
    first one" the other way round; a count past the matches changes nothing and says how many there are."""
    chat = session(library_dir, scorers=[TwoShotScorer()])
    library = Library.open(library_dir)
    cuts = library.videos()[0]
    shots = library.shots(cuts.id)
    first, last = (shots[0].start_frame, shots[0].end_frame), (shots[3].start_frame, shots[3].end_frame)

    def shown(version) -> list[int]:
        return [f for c in version.timeline.clips if c.video_id == cuts.id
                for f in range(c.in_frame, c.out_frame)]

    spared = chat.turn("remove the lanterns except the last one")
    assert spared.question is None and "except the last of them" in spared.description
    frames = set(shown(spared.version))
    assert not frames & set(range(*first)) and set(range(*last)) <= frames
    chat.turn("undo")
    other = chat.turn("remove the lanterns but keep the first one")
    frames = set(shown(other.version))
    assert set(range(*first)) <= frames and not frames & set(range(*last))
    past = chat.turn("remove the lanterns except the third one")
    assert past.version.id == other.version.id and "the cut has" in past.message
