"""Rules readings added in part 51 (planner round 33), each with phrasings of its own: asides and slang
that had become searches ("lowkey", "istg", "long story", "nobody needs to hear that"), emoji inside a
phrase and as verbs, a message in capitals, speeds past 4x, colour grades and captions for the dialogue, the
sound put back, "take the slowmo off clip 4", a span of a clip judged and then cut, two clips counted from
the end, a thing judged too slow and then a bare "3x", preferences said as comparisons, and suggestions
asked as questions."""

from __future__ import annotations

import pytest

from assistant.plan.schema import (
    Add,
    Blur,
    ClipRef,
    Fade,
    ForMe,
    KeepOnly,
    LessLike,
    Like,
    LimitDuration,
    Move,
    Order,
    Query,
    Reframe,
    Remove,
    RemoveClip,
    Speed,
    Suggest,
    Title,
    Transition,
    Trim,
    Undo,
    Volume,
)
from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops as _ops


def _refusal(text: str) -> str:
    result = parse(text)
    assert not result.plan.ops, (text, result.plan.ops)
    return result.plan.refusal or ""


def test_doing_a_setting_after_and_is_an_edit_of_its_own() -> None:
    # "take the title off and do a 4 second fade out" had trimmed the clips matching "title and do fade out"
    assert _ops("take the title off and do a 3 second fade in") == [
        Title(text=""), Fade(at="start", seconds=3)]
    assert _ops("drop the title and do a slow crossfade") == [
        Title(text=""), Transition(kind="crossfade", seconds=1.0)]


@pytest.mark.parametrize("text, ops", [
    ("lowkey cut the parking lot shots", [Remove(query=Query(text="parking lot"))]),
    ("make it square istg", [Reframe(aspect="1:1")]),
    ("add the fireworks fr", [Add(query=Query(text="fireworks"))]),
    ("put the sunset before the picnic, obviously",
     [Move(query=Query(text="sunset"), before=Query(text="picnic"))]),
    ("reckon the bonfire should go last", [Move(query=Query(text="bonfire"), to="end")]),
])
def test_slang_and_asides_are_no_search(text: str, ops: list) -> None:
    assert _ops(text) == ops


def test_a_reason_after_an_edit_is_no_second_edit() -> None:
    assert _ops("cut everything with Dave. long story, don't ask", ("Dave",)) == [
        Remove(query=Query(people=("Dave",)))]
    # "nobody needs ..." after any edit, not only after a keep
    assert _ops("cut the rehearsal bits, nobody needs to see us practising") == [
        Remove(query=Query(text="rehearsal"))]
    assert _ops("mute the generator clips, no one wants to hear that drone") == [
        Volume(target=ClipRef(matching="generator"), level=0)]
    assert _ops("slow it back down, the fast cuts are making me dizzy") == [Speed(factor=0.5)]


def test_something_said_to_be_fine_is_left_as_it_is() -> None:
    # "The barking's fine, keep that" had kept only the matches for "barking's fine"
    assert _ops("mute the traffic clips. the birdsong is fine, leave that") == [
        Volume(target=ClipRef(matching="traffic"), level=0)]
    assert _ops("mute the traffic clips. the birdsong's totally fine") == [
        Volume(target=ClipRef(matching="traffic"), level=0)]


def test_undo_said_in_dismay() -> None:
    assert _ops("oh no what happened, put it back how it was before I touched it") == [Undo()]
    assert _ops("put it back the way it was before I clicked that") == [Undo()]


def test_if_possible_leads_a_request() -> None:
    assert _ops("if possible drop the shaky shots") == [Remove(query=Query(text="shaky"))]
    assert _ops("not sure, but maybe lose the blurry ones") == [Remove(query=Query(text="blurry"))]


def test_emoji_inside_a_phrase_and_as_verbs() -> None:
    # an emoji after "the" had broken the clause in two ("add the" and a keep of the rest)
    assert _ops("add the \U0001f436 part where she fetches the stick") == [
        Add(query=Query(text="she fetches the stick"))]
    assert _ops("\u2702\ufe0f the parking lot, \u2795 the fireworks, \U0001f507 the speeches") == [
        Remove(query=Query(text="parking lot")), Add(query=Query(text="fireworks")),
        Volume(target=ClipRef(matching="speeches"), level=0)]


def test_a_message_in_capitals_is_read_and_its_title_keeps_them() -> None:
    assert _ops("REMOVE THE TRAFFIC AND CALL IT ROAD TRIP") == [
        Remove(query=Query(text="traffic")), Title(text="ROAD TRIP")]
    assert _ops("SPEED UP THE DRIVE AND PUT 'Lake Days' AS THE TITLE") == [
        Speed(target=ClipRef(matching="drive"), factor=1.5), Title(text="Lake Days")]


def test_the_order_flipped_and_a_picture_flipped() -> None:
    assert _ops("the order feels off, just flip it") == [Order(by="reverse")]
    assert "can't mirror" in _refusal("flip it horizontally")


@pytest.mark.parametrize("text", ["make the sunrise 10x faster", "speed up the whole hike 6x",
                                  "speed the clouds up 12 times"])
def test_a_speed_past_four_times_is_answered(text: str) -> None:
    # they had kept only the matches for the whole sentence
    assert "4x" in _refusal(text)


def test_speeds_inside_the_range_are_read_as_before() -> None:
    assert _ops("speed up clip 5 2x") == [Speed(target=ClipRef(indices=[5]), factor=2)]
    assert _ops("make it 3x faster") == [Speed(factor=3)]


def test_captions_for_the_dialogue_and_colour_grades_are_answered() -> None:
    assert "subtitles" in _refusal("put captions for all the speech")
    assert "colours" in _refusal("a warm vintage grade on everything please")


@pytest.mark.parametrize("text", ["get the audio back to normal", "the sound back the way it was",
                                  "put the volume back how it was recorded"])
def test_the_sound_put_back(text: str) -> None:
    # "sound back to normal" had been a speed of the clips matching "sound"
    assert _ops(text) == [Volume(level=1)]


def test_quadruple_the_sound_and_a_speed_taken_off_a_clip() -> None:
    assert _ops("quadruple the sound on clip 2") == [Volume(target=ClipRef(indices=[2]), factor=4)]
    assert _ops("turn the slow motion off the second clip, leave it on clip 3") == [
        Speed(target=ClipRef(indices=[2]), factor=1)]


def test_the_sound_judged_and_then_turned_up() -> None:
    assert _ops("the party audio seems kinda faint") == [Volume(factor=1.5)]
    assert _ops("the sound is a bit low, crank it up") == [Volume(factor=1.5)]
    assert _ops("the band audio is really loud") == [Volume(factor=0.667)]


def test_more_seconds_added_and_why() -> None:
    assert _ops("add maybe 15 more seconds, it ends too soon") == [LimitDuration(change=15)]


def test_two_clips_counted_from_the_end() -> None:
    assert _ops("delete the 3rd and 4th from the end") == [RemoveClip(ref=ClipRef(indices=[-4, -3]))]
    assert _ops("the second and third ones from the end, get rid of those") == [
        RemoveClip(ref=ClipRef(indices=[-3, -2]))]


def test_smoother_joins_are_transitions() -> None:
    assert _ops("smooth out the joins") == [Transition(kind="crossfade")]
    assert _ops("smooth out the cuts between clips with quick dissolves") == [
        Transition(kind="crossfade", seconds=0.25)]
    assert _ops("no fadey effects at the end") == [Fade(at="end", seconds=0)]


def test_a_transition_right_before_a_clip() -> None:
    assert _ops("a fade to black right before clip 5") == [
        Transition(kind="fade_black", into=ClipRef(indices=[5]))]


def test_a_span_of_a_clip_judged_then_cut() -> None:
    # it had been a trim of clip 3 to 10 seconds, for the clips matching "clip are dead air"
    assert _ops("the last 4 seconds of clip 2 are all shaky, trim them") == [
        Trim(target=ClipRef(indices=[2]), seconds=4, side="end")]


def test_a_thing_judged_too_slow_then_a_bare_factor() -> None:
    assert _ops("the timelapse is painfully slow, 2x") == [
        Speed(target=ClipRef(matching="timelapse"), factor=2)]
    assert _ops("speed up the drive, 3x is fine") == [Speed(target=ClipRef(matching="drive"), factor=3)]


def test_never_again_after_a_removal_by_number() -> None:
    assert _ops("remove clip 4 and never show me stuff like that again") == [
        LessLike(ref=ClipRef(indices=[4]))]


def test_preferences_said_as_comparisons() -> None:
    assert _ops("I prefer drone footage over handheld stuff") == [
        Like(text="drone"), Like(text="handheld", liked=False)]
    assert _ops("i love the underwater shots way more than the beach ones") == [
        Like(text="underwater"), Like(text="beach", liked=False)]
    assert _ops("I love cats more than anything") == [Like(text="cats")]


def test_suggestions_asked_as_questions() -> None:
    assert _ops("what are the 5 clips you reckon I'd enjoy most") == [Suggest(count=5)]
    assert _ops("suggest what we could add") == [Suggest()]
    assert _ops("my favourite thing is the dog chasing waves, remember this") == [
        Like(text="dog chasing waves")]


def test_a_reel_of_nothing_but() -> None:
    assert _ops("make me a montage that's just the fireworks") == [KeepOnly(query=Query(text="fireworks"))]
    assert _ops("a reel of nothing but the goals") == [KeepOnly(query=Query(text="goals"))]


def test_make_sure_something_is_in_or_out() -> None:
    assert _ops("make sure the first dance is in there") == [Add(query=Query(text="first dance"))]
    assert _ops("make sure the toilet shots are gone, need it by tomorrow") == [
        Remove(query=Query(text="toilet"))]


def test_what_has_to_close_or_open_the_cut() -> None:
    assert _ops("the fireworks have to be the finale") == [Move(query=Query(text="fireworks"), to="end")]
    assert _ops("our wedding kiss should be the opener") == [
        Move(query=Query(text="wedding kiss"), to="start")]


def test_a_surprise_cut_is_no_search() -> None:
    assert _ops("a surprise edit, 2 minutes") == [ForMe(seconds=120, surprise=True)]


def test_faces_blurred_in_clips_judged_first() -> None:
    assert _ops("the last two clips have random tourists, blur all the faces in those") == [
        Blur(target="all", clips=ClipRef(indices=[-2, -1]))]


def test_a_cast_member_named_by_number_in_brackets() -> None:
    assert _ops("blur my cousin (#3), she'd kill me otherwise") == [Blur(target="only", people=("#3",))]
    assert _ops("blur the neighbour (#4) istg he will kill me") == [Blur(target="only", people=("#4",))]


def test_a_reason_after_because_is_no_part_of_the_search() -> None:
    # "remove the dog because it barks" had removed the matches for "dog because it barks"
    assert _ops("cut the seagulls because they scream") == [Remove(query=Query(text="seagulls"))]
    assert _ops("turn it up a bit cuz grandma can't hear it") == [Volume(factor=1.25)]


def test_the_next_thing_in_line_goes_right_after_the_one_just_moved() -> None:
    assert _ops("put the vows first, then the rings right after that") == [
        Move(query=Query(text="vows"), to="start"), Move(query=Query(text="rings"), after=Query(text="vows"))]


def test_whose_last_performance_it_is_is_a_reason() -> None:
    assert _ops("the duet should be the closer, it's their last show together") == [
        Move(query=Query(text="duet"), to="end")]


def test_text_at_a_moment_is_answered() -> None:
    # it had kept only the lines saying "Chapter 2" and cut the video to 90 seconds
    assert "chosen moment" in _refusal("have the words 'Day Two' pop up at 2:15")
    assert "chosen moment" in _refusal('make some text saying "the end" appear over the last clip')
    # how the title card shows is answered too (it had been a title reading "appear slowly")
    assert "title" in _refusal("make the title appear slowly")
    assert _ops("title it Go Team") == [Title(text="Go Team")]
    # the title card fades in with the cut's opening fade (it had been a title reading "fade in")
    assert _ops("make the title fade in") == [Fade(at="start")]


def test_probes_of_my_own() -> None:
    # "right at the start" had searched "wedding cake bit right"; "boring af" and "with only the funny bits"
    # had been searches; a turned picture had not been understood
    assert _ops("stick the cake cutting right at the very end") == [
        Move(query=Query(text="cake cutting"), to="end")]
    assert _ops("do a shorter version of 30 sec with just the goals") == [
        LimitDuration(seconds=30), KeepOnly(query=Query(text="goals"))]
    assert "rotate" in _refusal("the second clip is sideways")
    assert "rotate" in _refusal("rotate the last clip 90 degrees clockwise")


def test_more_probes_of_my_own() -> None:
    from assistant.plan.schema import MoveClip, TrimTo

    # the user named by cast number ("i'm number 1") had been asked whose face that is
    assert _ops("blur everyone except me, i'm number 3") == [Blur(target="all_but", people=("#3",))]
    assert _ops("the 2nd clip goes on and on, halve it") == [TrimTo(target=ClipRef(indices=[2]), factor=0.5)]
    assert _ops("could we go back to how it looked two versions ago") == [Undo(steps=2)]
    assert _ops("slot clip 6 between 2 and 3") == [MoveClip(ref=ClipRef(indices=[6]), after=2)]
    # "keep the last change" had kept only the last clip, matching "change"
    assert "stays as it is" in _refusal("no actually keep the latest edit")


def test_a_clip_judged_slow_to_watch_then_a_bare_factor() -> None:
    # found in the served app: "the last clip is painfully slow to watch. 3x." sped up the whole cut (asked)
    assert _ops("the second clip is painfully slow to watch. 2x.") == [
        Speed(target=ClipRef(indices=[2]), factor=2)]


def test_a_cast_name_in_capitals_is_still_the_cast_member() -> None:
    assert _ops("BLUR EVERYONE EXCEPT KEVIN", ("Kevin",)) == [Blur(target="all_but", people=("Kevin",))]
    assert _ops("ONLY THE SCENES WITH KEVIN", ("Kevin",)) == [KeepOnly(query=Query(people=("Kevin",)))]


def test_last_probes_sound_per_event_strangers_and_faces_in_frame() -> None:
    assert _ops("louder on the toasts, quieter on the DJ") == [
        Volume(target=ClipRef(matching="toasts"), factor=1.5),
        Volume(target=ClipRef(matching="dj"), factor=0.667)]
    assert _ops("blur the randos") == [Blur(target="all_but", people=("named",))]
    # "keep my face in frame" had kept only the shots with someone in them
    assert _ops("make it vertical but keep her face in frame") == [Reframe(aspect="9:16")]
    assert "follows the main face" in _refusal("keep my face in the frame")
