"""Questions about the cut answered from the session, with no planner and no new version: its length,
clip count, one clip's content and reason, the clip list, save/export/share, and going back to a version
by number (which moves to it and keeps the later versions). Before, "show me the cut" kept only scenes
matching "cut" and "save this version" narrowed the cut to "this version"."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from assistant.cut_questions import SHARE, CutQuestion, cut_question
from tests.assistant.test_chat import library_dir, session

__all__ = ["library_dir"]  # the module fixture this file uses


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("how long is it now?", "length", None),
        ("ok, what's the running time", "length", None),
        ("how many clips are left", "count", None),
        ("how many clips?", "count", None),
        ("what's in clip 2?", "clip", 2),
        ("who is in clip 2?", "clip", 2),  # not read before part 41
        ("who's on screen in shot 3", "clip", 3),
        ("how long is clip 4?", "clip", 4),
        ("why did you pick shot 3", "clip", 3),
        ("show me the current cut please", "list", None),
        ("what clips do we have", "list", None),
        # typed without an apostrophe, or said another way (the 1.5B model had read "whats in the cut now?"
        # as the last search again and asked whether to re-apply it)
        ("whats in the cut now?", "list", None),
        ("remind me whats in there", "list", None),
        ("what have we got so far", "list", None),
        ("which clips did you keep?", "list", None),
        ("whats left?", "list", None),
        ("what got cut?", "diff", None),
        ("what did you take out", "diff", None),
        ("what's different from version 1", "diff", 1),
        ("whats changed since v3", "diff", 3),
        ("go back to version 1", "version", 1),
        ("switch to v0", "version", 0),
        ("hey, which clips did you just drop?", "diff", None),  # answered from the session, as before
        ("show me the changes since v4 please", "diff", 4),
        ("what is different compared to version 2", "diff", 2),
        ("compare it with version 3", "diff", 3),  # part 43: had been left to the planner, which asked
        ("how is this different from v1", "diff", 1),
        ("save this version", "save", None),
        ("export it as an mp4", "export", None),
        ("can you share it with my brother", "share", None),
        ("get me a share link", "share", None),
        ("love this cut", "praise", None),
        ("ok this is perfect, thanks", "praise", None),
        ("nailed it!", "praise", None),
        ("thanks so much", "thanks", None),
        ("what can you do?", "help", None),
        ("help", "help", None),
        ("hi there", "hello", None),
        ("who's in the film?", "cast", None),
        ("which people are on screen", "cast", None),
        ("show me all the characters", "cast", None),
    ],
)
def test_questions_about_the_cut_are_recognised(text: str, kind: str, number: int | None) -> None:
    asked = cut_question(text)
    assert asked is not None and (asked.kind, asked.number) == (kind, number)


@pytest.mark.parametrize("text", [
    "show me the dog", "how long is the drive", "keep clip 2", "save the speeches", "share the cake bits",
    "what's in the box", "what's in the fridge scene", "go back to the beach",
    "cut what's left of the intro", "export only the goals", "I love the sunset",
    "this is perfect for my mum, cut it to a minute", "help me remove the dog", "hey, remove the dog",
    "only the people dancing", "show me the faces of the crowd", "make a video of the dog",
    "make a timeline of the fights", "give me the fights as a video", "output a shorter version",
])
def test_edits_and_searches_are_not_taken_for_questions(text: str) -> None:
    assert cut_question(text) is None


def test_the_answers_come_from_the_session_and_make_no_version(library_dir) -> None:
    chat = session(library_dir)
    cut = chat.turn("remove the second clip").version
    clips = cut.timeline.clips
    length = chat.turn("how long is it now?")
    assert length.version.id == cut.id and length.plan.ops == [] and length.backend == ""
    assert length.message == f"The cut is {len(clips)} clip{'s' if len(clips) != 1 else ''}, " \
                             f"{float(cut.timeline.duration):.1f} s."
    listed = chat.turn("show me the cut")
    assert listed.message.splitlines()[1:] == chat.numbered_clips()
    one = chat.turn("what's in clip 1?")
    assert one.message.startswith("Clip 1: " + chat.numbered_clips()[0].split(". ", 1)[1] + " — ")
    assert f"— {float(clips[0].output_duration):.1f} s" in one.message  # its played length
    assert "there is no clip 9" in chat.turn("why did you pick clip 9").message
    saved = chat.turn("save this version").message
    assert saved == f"Every version is saved as you go: this is version {cut.number}."
    exported = chat.turn("export it").message
    assert f"version {cut.number} as an MP4" in exported and cut.id in exported and "--format" in exported
    assert chat.turn("share it").message == SHARE
    assert len(chat.versions()) == 2 and chat.current.id == cut.id


def test_back_to_a_version_by_number_moves_there_and_keeps_the_later_ones(library_dir) -> None:
    chat = session(library_dir)
    v0 = chat.current
    chat.turn("remove the second clip")
    later = chat.turn("slow it down").version
    back = chat.turn("go back to version 0")
    assert back.version.id == v0.id and chat.current.id == v0.id
    assert back.message.startswith(f"Back to version 0 ({len(v0.timeline.clips)} clips, ")
    assert "later versions are kept" in back.message
    assert len(chat.versions()) == 3
    assert chat.turn(f"go back to version {later.number}").version.id == later.id
    missing = chat.turn("go back to version 7")
    assert missing.version.id == later.id and missing.message.startswith("This session has no version 7")
    assert missing.description == "" and not missing.matched  # no plan was made, so the CLI shows none


def test_praise_counts_toward_the_taste_like_the_thumbs_up_and_makes_no_version(library_dir) -> None:
    chat = session(library_dir)
    cut = chat.turn("remove the second clip").version
    before = len(chat.taste.events(chat.user))
    praised = chat.turn("love this cut")
    assert praised.version.id == cut.id and praised.message.startswith("Glad you like it: version 1")
    events = chat.taste.events(chat.user)[before:]
    assert [e.kind for e in events] == ["thumbs_up"] * len(cut.timeline.clips)
    thanked = chat.turn("thanks!")
    assert thanked.message.startswith("You're welcome") and len(chat.taste.events(chat.user)) == len(
        events) + before
    assert len(chat.versions()) == 2


def test_help_and_a_greeting_give_examples_and_make_no_version(library_dir) -> None:
    from assistant.cut_questions import HELP

    chat = session(library_dir)
    assert chat.turn("what can you do?").message == HELP
    hello = chat.turn("hello!")
    assert hello.message == f"Hello! {HELP}" and hello.version.number == 0 and len(chat.versions()) == 1


def test_every_edit_the_help_suggests_is_read_by_the_rules_alone() -> None:
    import re

    from assistant.cut_questions import HELP
    from assistant.planning.rules.parser import parse

    examples = re.findall(r'"([^"]+)"', HELP)
    edits = [e for e in examples if not e.endswith("?")]
    assert len(edits) == 9
    for example in edits:
        result = parse(example, ["Celia"])
        assert result.confident and result.plan.ops, example
    for question in (e for e in examples if e.endswith("?")):
        assert cut_question(question) is not None, question  # "what changed?" too, since it joined them


@pytest.mark.parametrize(("text", "who"), [
    ("is Thom in it?", "Thom"), ("does Mary Jane appear in the film", "Mary Jane"),
    ("is number 3 in the cut", "#3"), ("is 2 on screen in this video?", "#2"),
])
def test_whether_someone_is_in_it_is_a_question_about_that_person(text: str, who: str) -> None:
    assert cut_question(text) == CutQuestion("present", who=who)


@pytest.mark.parametrize("text", ["is it in the cut?", "is the dog in it?", "is this in the video"])
def test_whether_a_thing_is_in_it_is_no_question_about_a_person(text: str) -> None:
    asked = cut_question(text)
    assert asked is None or asked.kind != "present"


@pytest.mark.parametrize(("text", "what"), [
    ("is there a dog in it?", "dog"), ("are there any scenes where people dance?", "people dance"),
    ("does the film have any red cars", "red cars"), ("where is the lighthouse?", "lighthouse"),
    ("is the goat in the video", "goat"),
])
def test_a_question_about_a_thing_is_a_search_to_tell(text: str, what: str) -> None:
    assert cut_question(text) == CutQuestion("find", who=what)


@pytest.mark.parametrize("text", ["is there a way to make it shorter?", "is there anything else I can do",
                                  "does it have a title", "where is it"])
def test_a_question_that_asks_for_an_edit_or_names_nothing_is_no_search(text: str) -> None:
    asked = cut_question(text)
    assert asked is None or asked.kind != "find"


@pytest.mark.parametrize(("text", "fmt"), [
    ("export as fcpxml", "fcpxml"),
    ("can you export it for premiere?", "fcp7xml"),
    ("export it as xml for resolve", "fcp7xml"),
    ("save it as an mp4", "mp4"),
    ("give me an EDL", "edl"),
    ("I need an otio file", "otio"),
    ("export the edit list", "edit"),
    ("make it a final cut project", "fcpxml"),
    ("render it", None),
    ("download the video", "mp4"),
    ("export it for me please", None),
])
def test_an_export_request_names_its_file(text: str, fmt: str | None) -> None:
    asked = cut_question(text)
    assert asked is not None and (asked.kind, asked.fmt) == ("export", fmt)


def test_the_export_answer_is_a_command_that_writes_that_file(library_dir, tmp_path: Path) -> None:
    """"export as fcpxml" was read as a search for the words; now the answer is the exact command for this
    version and library, and running it writes the file."""
    from ui.cli import main

    chat = session(library_dir)
    cut = chat.turn("remove the second clip").version
    for text, suffix, marker in (("export it as fcpxml", ".fcpxml", b"<fcpxml"),
                                 ("could you export an EDL for me?", ".edl", b"TITLE:")):
        answer = chat.turn(text)
        assert answer.version.id == cut.id and answer.plan.ops == []  # no edit, no version
        command = shlex.split(answer.message.split("`")[1])
        assert command[:3] == ["personalcut", "export", cut.id] and command[-2:] == ["--out", f"cut{suffix}"]
        out = tmp_path / f"cut{suffix}"
        assert main([*command[1:-1], str(out)]) == 0
        assert marker in out.read_bytes()
    assert len(chat.versions()) == 2


@pytest.mark.parametrize(("text", "most"), [
    ("which clip is the longest?", "longest"), ("whats the shortest shot in the cut", "shortest"),
    ("which one is longest now?", "longest"), ("what is the shortest clip", "shortest"),
])
def test_the_longest_or_shortest_clip_is_a_question(text: str, most: str) -> None:
    assert cut_question(text) == CutQuestion("extreme", fmt=most)


@pytest.mark.parametrize("text", ["make the longest clip shorter", "drop the shortest clip",
                                  "the longest shot should go last"])
def test_edits_of_the_longest_clip_are_no_question(text: str) -> None:
    assert cut_question(text) is None


def test_the_longest_and_shortest_clip_are_told_from_the_cut(library_dir) -> None:
    """Before, "which clip is the longest?" was not understood."""
    chat = session(library_dir)
    cut = chat.turn("split it into its shots").version
    lengths = [float(c.output_duration) for c in cut.timeline.clips]
    longest = chat.turn("which clip is the longest?")
    number = lengths.index(max(lengths)) + 1
    assert longest.message.startswith(f"The longest is clip {number} ({max(lengths):.1f} s): ")
    assert chat.numbered_clips()[number - 1].split(". ", 1)[1] in longest.message
    shortest = chat.turn("what's the shortest clip?")
    assert shortest.message.startswith(f"The shortest is clip {lengths.index(min(lengths)) + 1} ")
    assert chat.current.id == cut.id and len(chat.versions()) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("whats the total length?", CutQuestion("length")), ("total runtime?", CutQuestion("length")),
    ("what is the overall duration of the cut", CutQuestion("length")),
    ("how many clips from sintel are there?", CutQuestion("part_length", who="sintel")),
    ("how many shots of the chaplin clip are left", CutQuestion("part_length", who="chaplin clip")),
    ("how many seconds is it now", CutQuestion("length")),
    ("how many minutes long is the cut", CutQuestion("length")),
])
def test_more_ways_to_ask_the_length(text: str, expected: CutQuestion) -> None:
    """Before: "what's the total length?" and "how many clips from sintel are there?" were not understood."""
    assert cut_question(text) == expected


def test_whether_someone_is_in_one_videos_part_is_a_question() -> None:
    asked = cut_question("is Charlie in the sintel part?")
    assert asked == CutQuestion("present", who="Charlie", part="sintel")
    assert cut_question("is number 3 in the chaplin clip") == CutQuestion("present", who="#3", part="chaplin")
    assert cut_question("is Thom in it?") == CutQuestion("present", who="Thom")



@pytest.mark.parametrize(("text", "expected"), [
    ("how many seconds is Hildy on screen", CutQuestion("screen", who="Hildy")),
    ("how long does number 4 appear on screen in the cut?", CutQuestion("screen", who="#4")),
    ("what's Celia's total screen time", CutQuestion("screen", who="Celia")),
    ("forget Hildy", CutQuestion("forget", who="Hildy")),
    ("erase Celia completely", CutQuestion("forget", who="Celia")),
    ("merge 6 and 5", CutQuestion("merge", who="#6", part="#5")),
    ("what's blurred", CutQuestion("effects")), ("is it square now?", CutQuestion("effects")),
])
def test_questions_about_people_and_effects(text: str, expected: CutQuestion) -> None:
    assert cut_question(text) == expected


@pytest.mark.parametrize("text", ["how long is it on screen", "forget the intro", "merge the first two clips",
                                  "blur everyone", "remove Thom", "forget it", "make it square"])
def test_edits_are_no_questions_about_people_or_effects(text: str) -> None:
    assert cut_question(text) is None



def test_a_cast_name_in_lower_case_is_someone_a_question_can_name() -> None:
    names = ("Celia", "the policeman")
    asked = cut_question("how long is the policeman on screen", names)
    assert asked == CutQuestion("screen", who="the policeman")
    assert cut_question("forget the policeman", names) == CutQuestion("forget", who="the policeman")
    assert cut_question("how long is the policeman on screen") is None  # without the cast: words
    assert cut_question("forget the intro", names) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("show me version 1", CutQuestion("version", 1)), ("branch from version 2", CutQuestion("version", 2)),
    ("compare version 1 and version 3", CutQuestion("diff", 1, other=3)),
    ("what's the difference between v2 and 4", CutQuestion("diff", 2, other=4)),
    ("what versions do I have?", CutQuestion("versions")),
    ("what was my first request?", CutQuestion("versions")),
    ("delete version 2", CutQuestion("delete_version", 2)),
    ('name this version "celia cut"', CutQuestion("name_version", who="celia cut")),
    ("save it as my favourite", CutQuestion("name_version")),
])
def test_questions_about_versions(text: str, expected: CutQuestion) -> None:
    """A user session: "show me version 1" searched for "version 1", "delete version 2" removed the scenes
    matching it (15 s of the cut), 'name this version "celia cut"' put a title card on the picture."""
    assert cut_question(text) == expected


@pytest.mark.parametrize("text", ['call it "the breakup"', "title it Summer",
                                  "remove the second version of the song"])
def test_titles_and_searches_are_no_questions_about_versions(text: str) -> None:
    asked = cut_question(text)
    assert asked is None or asked.kind not in ("name_version", "delete_version", "versions"), asked


def test_versions_are_listed_compared_and_never_deleted_or_renamed(library_dir) -> None:
    chat = session(library_dir)
    chat.turn("remove the second clip")
    chat.turn("slow it down")
    versions = chat.versions()
    listed = chat.turn("what versions do I have?")
    assert listed.version.id == chat.current.id and len(chat.versions()) == 3
    assert '  v1: "remove the second clip"' in listed.message and listed.message.count("← now") == 1
    assert '  v2: "slow it down"' in listed.message.split("← now")[0]
    compared = chat.turn("compare version 0 and version 1")
    assert compared.message.startswith("From version 0 to version 1:")
    assert compared.version.id == versions[-1].id
    assert chat.turn("delete version 1").message.startswith("Versions are kept for good")
    named = chat.turn('name this version "my cut"')
    assert "title it \"my cut\"" in named.message and not any(
        getattr(op, "text", None) for op in named.plan.ops)
    assert len(chat.versions()) == 3 and chat.current.id == versions[-1].id
    assert chat.turn("show me version 1").version.id == versions[1].id


@pytest.mark.parametrize(("text", "number", "way"), [
    ("I like clip 2", 2, "up"), ("i really love clip 3", 3, "up"), ("clip 2 is my favourite", 2, "up"),
    ("I dont like clip 1", 1, "down"), ("I hate clip 4", 4, "down"), ("clip 5 is boring", 5, "down"),
])
def test_a_clip_liked_or_disliked_is_rated(text: str, number: int, way: str) -> None:
    """They were "I couldn't turn that into an edit" (a user session)."""
    assert cut_question(text) == CutQuestion("rate", number, fmt=way)


def test_rating_a_clip_counts_toward_the_taste_and_a_dislike_offers_its_removal(library_dir) -> None:
    chat = session(library_dir)
    v0 = chat.current
    liked = chat.turn("I like clip 2")
    assert liked.version.id == v0.id and liked.message.startswith("Noted: you like clip 2 (")
    disliked = chat.turn("I don't like clip 1")
    assert disliked.version.id == v0.id and disliked.question is not None and "Remove it?" in disliked.message
    kinds = [e.kind for e in chat.taste.events(chat.user)]
    assert kinds.count("thumbs_up") == 1 and kinds.count("thumbs_down") == 1, kinds
    removed = chat.turn("1")
    assert removed.version.parent_id == v0.id
    assert len(removed.version.timeline.clips) == len(v0.timeline.clips) - 1
    assert not chat.turn("I hate clip 99").matched and chat.current.id == removed.version.id


@pytest.mark.parametrize(("text", "expected"), [
    ("why is clip 2 so short?", CutQuestion("clip", 2)),
    ("can you explain what you did?", CutQuestion("diff")), ("how do I undo?", CutQuestion("help")),
    ("where did the jerk line go?", CutQuestion("find", who="jerk line")),
    ("what happened to the robot line?", CutQuestion("find", who="robot line")),
    ("why is Thom not in it?", CutQuestion("present", who="Thom")),
    ("which clip is Celia in?", CutQuestion("present", who="Celia")),
])
def test_why_and_where_questions_are_answered_from_the_session(text: str, expected: CutQuestion) -> None:
    """Each was "I couldn't turn that into an edit" in a user session."""
    assert cut_question(text) == expected


@pytest.mark.parametrize(("text", "who"), [
    ("which clip has the most Celia?", "Celia"), ("which one has the most of Thom in it", "Thom"),
    ("which shot is Celia in the most", "Celia"), ("where do we see Thom the longest?", "Thom"),
])
def test_which_clip_shows_someone_most_is_a_question(text: str, who: str) -> None:
    assert cut_question(text, ["Celia", "Thom"]) == CutQuestion("present", who=who, fmt="most")


@pytest.mark.parametrize(("text", "said"), [
    ("put it first", "put clip 3 first"), ("remove that one", "remove clip 3"),
    ("swap it with the last clip", "swap clip 3 with the last clip"),
    ("slow this clip down", "slow clip 3 down"),
])
def test_a_pointer_after_an_answer_is_the_clip_it_named(text: str, said: str) -> None:
    from assistant.planning.rules.clip_refs import pointed_clip

    assert pointed_clip(text, 3) == said


@pytest.mark.parametrize("text", ["undo it", "share it", "take clip 2 and put it first", "remove the dog",
                                  "crossfade the whole thing"])
def test_no_pointer_where_the_message_means_the_cut_or_names_its_clip(text: str) -> None:
    from assistant.planning.rules.clip_refs import pointed_clip

    assert pointed_clip(text, 3) is None


def test_the_last_seconds_of_the_cut_go_and_the_reply_says_which(library_dir) -> None:
    """"get rid of the last two seconds" was answered "I can't cut time off an end of the whole cut"."""
    chat = session(library_dir)
    before = chat.current.timeline
    assert before.duration > 5
    result = chat.turn("get rid of the last two seconds")
    after = result.version.timeline
    assert result.version.number == 1 and result.message.startswith("cut 2.0 s off the end of the cut")
    assert abs(float(before.duration - after.duration) - 2) < 0.1
    assert after.clips[0].in_frame == before.clips[0].in_frame  # the start is untouched
    kept = chat.turn("keep only the first 3 seconds").version.timeline
    assert abs(float(kept.duration) - 3) < 0.1 and kept.clips[0].in_frame == before.clips[0].in_frame
