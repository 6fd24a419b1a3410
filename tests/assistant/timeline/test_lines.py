"""Lines of dialogue by their place in the cut, as pure functions: which lines a cut plays (in its order),
which ones a ``RemoveLine`` points at, and what removing them leaves (checked on generated cuts too)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from assistant.plan.schema import EditPlan, KeepLines, RemoveLine
from assistant.timeline.apply import MIN_CLIP_SECONDS, apply_plan
from assistant.timeline.history import History
from assistant.timeline.lines import cut_lines
from assistant.timeline.model import Clip, Reason, Timeline, Version
from assistant.timeline.questions import which_line
from index.dialogue_store import Cue


def clip(video: str, start: int, end: int) -> Clip:
    """Frames at 25 fps."""
    return Clip(video, start, end, Fraction(start, 25), Fraction(end, 25))


def cue(video: str, index: int, start: float, end: float, text: str) -> Cue:
    return Cue(video, index, Fraction(start).limit_denominator(1000), Fraction(end).limit_denominator(1000),
               text, "sidecar")


CUES = {
    "a": [cue("a", 0, 1.0, 2.0, "First."), cue("a", 1, 3.0, 4.5, "Second, longer."),
          cue("a", 2, 8.0, 9.0, "Third."), cue("a", 3, 20.0, 21.0, "Never in the cut.")],
    "b": [cue("b", 0, 0.5, 1.5, "Bee one."), cue("b", 1, 2.02, 3.0, "Bee two.")],
}
# clip 1: a 0-6 s (two lines); clip 2: b 0-4 s (two lines); clip 3: a 7.5-10 s (one line)
CUT = Timeline(clips=(clip("a", 0, 150), clip("b", 0, 100), clip("a", 188, 250)))


def remove(*ops: RemoveLine, timeline: Timeline = CUT, cues=CUES):
    history = History((Version("v0", "s", None, 0, timeline),), "v0")
    return apply_plan(EditPlan(ops=list(ops)), history, {}, timeline, cues=cues)


def spans(timeline: Timeline) -> list[tuple[str, float, float]]:
    return [(c.video_id, float(c.start), float(c.end)) for c in timeline.clips]


def test_the_cut_plays_its_lines_clip_by_clip() -> None:
    said = [line.cue.text for line in cut_lines(CUT.clips, CUES)]
    assert said == ["First.", "Second, longer.", "Bee one.", "Bee two.", "Third."]
    cut_in_two = Timeline(clips=(clip("a", 0, 40), clip("a", 40, 150)))  # "First." spans the cut at 1.6 s
    first = [(line.clip, float(line.start), float(line.end)) for line in cut_lines(cut_in_two.clips, CUES)]
    assert first[:2] == [(0, 1.0, 1.6), (1, 1.6, 2.0)]  # one cue, played by two clips: two lines


def test_the_last_line_leaves_the_clip_on_both_sides_of_it() -> None:
    result = remove(RemoveLine(lines=[-1]))
    assert spans(result.timeline) == [("a", 0, 6), ("b", 0, 4), ("a", 9.0, 10)]  # 0.48 s before it: no clip
    assert result.note.startswith('removed the line "Third." from clip 3')
    second = remove(RemoveLine(lines=[2]))
    assert spans(second.timeline)[:2] == [("a", 0, 3.0), ("a", 4.52, 6)]  # 4.5 s rounded out to a frame


def test_lines_of_one_clip_and_every_line_of_it() -> None:
    assert spans(remove(RemoveLine(lines=[-1], clip=2)).timeline)[1:3] == [("b", 0, 2.0), ("b", 3.0, 4)]
    every = remove(RemoveLine(clip=1, every=True))
    assert spans(every.timeline)[:3] == [("a", 0, 1.0), ("a", 2.0, 3.0), ("a", 4.52, 6)]
    assert every.note == "removed 2 lines from clip 1 — 5 clips, 10.0 s", every.note
    assert spans(remove(RemoveLine(clip=3)).timeline)[2:] == [("a", 9.0, 10)]


def test_a_short_piece_left_between_lines_goes_with_them() -> None:
    result = remove(RemoveLine(lines=[1, 2], clip=2))  # 1.5-2.02 s between the two lines: half a second
    assert spans(result.timeline) == [("a", 0, 6), ("b", 3.0, 4), ("a", 7.52, 10)]
    assert all(c.duration >= MIN_CLIP_SECONDS for c in result.timeline.clips)


def test_what_cannot_be_removed_is_said_and_the_cut_stays() -> None:
    past = remove(RemoveLine(lines=[9]))
    assert past.timeline is None and past.note.startswith("There is no line 9 in the cut: it holds 5 lines.")
    one = remove(RemoveLine(lines=[3], clip=3)).note
    assert one.startswith("There is no line 3 in clip 3: it holds 1 line")
    assert remove(RemoveLine(clip=7, every=True)).note.startswith("There is no clip 7: the cut has 3 clips.")
    several = remove(RemoveLine(clip=1)).note
    assert several.startswith('Clip 1 holds 2 lines: 1 "First."; 2 "Second, longer."'), several
    silent = remove(RemoveLine(lines=[1]), cues={})
    assert silent.timeline is None and "Nothing is said in the cut" in silent.note
    only = Timeline(clips=(clip("a", 25, 50),))  # nothing but the line
    assert remove(RemoveLine(lines=[1]), timeline=only).note.startswith("Removing that would leave nothing.")


def test_the_line_of_a_clip_with_several_is_asked_about() -> None:
    question = which_line(EditPlan(ops=[RemoveLine(clip=2)]), CUT, CUES)
    assert question is not None and question.text == "Clip 2 has 2 lines. Which one should go?"
    assert [c.label for c in question.choices] == [
        'line 1 of clip 2: "Bee one."', 'line 2 of clip 2: "Bee two."', "all 2 lines of clip 2"]
    assert question.choices[1].plan.ops == [RemoveLine(lines=[2], clip=2)]
    assert question.choices[2].plan.ops == [RemoveLine(clip=2, every=True)]
    for clear in (RemoveLine(clip=3), RemoveLine(clip=2, every=True), RemoveLine(lines=[1], clip=2)):
        assert which_line(EditPlan(ops=[clear]), CUT, CUES) is None


line_numbers = st.lists(st.integers(-6, 6).filter(bool), min_size=1, max_size=3)


@given(line_numbers)
def test_removing_lines_takes_out_only_their_time(numbers: list[int]) -> None:
    """Whatever lines go: the cut gets shorter by at least their time in it, every frame left was in the
    cut before, and no line removed is still played."""
    result = remove(RemoveLine(lines=numbers))
    lines = cut_lines(CUT.clips, CUES)
    if any(not -len(lines) <= n <= len(lines) for n in numbers):
        assert result.timeline is None
        return
    assert result.timeline is not None
    gone = {lines[n - 1 if n > 0 else n] for n in numbers}
    assert CUT.duration - result.timeline.duration >= sum(line.end - line.start for line in gone)
    before = {(c.video_id, f) for c in CUT.clips for f in range(c.in_frame, c.out_frame)}
    after = [(c.video_id, f) for c in result.timeline.clips for f in range(c.in_frame, c.out_frame)]
    assert set(after) <= before
    for line in gone:
        assert not any(c.video_id == line.cue.video_id and c.start < line.end and line.start < c.end
                       for c in result.timeline.clips)


def test_a_clip_chosen_for_its_lines_quotes_the_one_it_still_plays() -> None:
    """After "drop line 1" the clip said it was chosen for the line just removed."""
    said = Clip("a", 0, 150, Fraction(0), Fraction(6), reason=Reason(query="any line", signal="dialogue",
                                                                      line="First. …"))
    result = remove(RemoveLine(lines=[1]), timeline=Timeline(clips=(said,)))
    assert [c.reason.line for c in result.timeline.clips] == [None, "Second, longer."]  # 0-1 s, 2-6 s
    plain = remove(RemoveLine(lines=[1]))
    assert all(c.reason == Reason() for c in plain.timeline.clips)  # nothing quoted: nothing to change


def keep(*ops: KeepLines, timeline: Timeline = CUT, cues=CUES):
    history = History((Version("v0", "s", None, 0, timeline),), "v0")
    return apply_plan(EditPlan(ops=list(ops)), history, {}, timeline, cues=cues)


def test_keeping_lines_makes_the_cut_their_time() -> None:
    """"just the first 3 lines": the time they are spoken, in the cut's order; two lines of one clip less
    than 2 s apart are one piece with the pause between them."""
    first_three = keep(KeepLines(lines=[1, 2, 3]))
    assert spans(first_three.timeline) == [("a", 1.0, 4.52), ("b", 0.48, 1.52)], spans(first_three.timeline)
    assert first_three.note.startswith("kept only 3 lines")
    assert spans(keep(KeepLines(lines=[-1])).timeline) == [("a", 8.0, 9.0)]
    every = keep(KeepLines(clip=2, every=True))
    assert spans(every.timeline) == [("b", 0.48, 3.0)]  # "Bee one." and "Bee two.": 0.52 s apart, one piece
    assert keep(KeepLines(clip=1)).note.startswith("Clip 1 holds 2 lines")  # which one: asked
    question = which_line(EditPlan(ops=[KeepLines(clip=1)]), CUT, CUES)
    assert question is not None and question.text == "Clip 1 has 2 lines. Which one should stay?"
    assert question.choices[0].plan.ops == [KeepLines(lines=[1], clip=1)]
    assert "no line to keep" in keep(KeepLines(lines=[1]), cues={}).note


@given(line_numbers)
def test_kept_lines_are_all_played_and_nothing_else_is_added(numbers: list[int]) -> None:
    result = keep(KeepLines(lines=numbers))
    lines = cut_lines(CUT.clips, CUES)
    if any(not -len(lines) <= n <= len(lines) for n in numbers):
        assert result.timeline is None
        return
    kept = {lines[n - 1 if n > 0 else n] for n in numbers}
    for line in kept:  # every kept line is played whole
        assert any(c.video_id == line.cue.video_id and c.start <= line.start and line.end <= c.end
                   for c in result.timeline.clips)
    before = {(c.video_id, f) for c in CUT.clips for f in range(c.in_frame, c.out_frame)}
    assert {(c.video_id, f) for c in result.timeline.clips for f in range(c.in_frame, c.out_frame)} <= before


def test_a_persons_lines_are_those_said_while_they_are_on_screen() -> None:
    """"drop Celia's last line": subtitles say what is said, not who says it, so her lines are those spoken
    while she is on screen (as "Celia's lines" searches them)."""
    on_screen = {"Celia": {"a": [(0.0, 2.5)], "b": [(2.5, 3.5)]}, "Thom": {"a": [(7.0, 10.0)]}}

    def run(op):  # noqa: ANN001, ANN202
        history = History((Version("v0", "s", None, 0, CUT), ), "v0")
        return apply_plan(EditPlan(ops=[op]), history, {}, CUT, cues=CUES, on_screen=on_screen)

    last = run(RemoveLine(lines=[-1], people=("Celia",)))  # her lines: "First.", "Bee two."
    assert 'removed the line "Bee two."' in last.note, last.note
    first = run(KeepLines(lines=[1], people=("Celia",)))
    assert spans(first.timeline) == [("a", 1.0, 2.0)]
    both = run(RemoveLine(lines=[1], people=("Celia", "Thom")))
    assert both.timeline is None
    assert "No line of the cut is spoken while Celia and Thom are on screen" in both.note
    assert "no line 3 in Celia's lines" in run(RemoveLine(lines=[3], people=("Celia",))).note
