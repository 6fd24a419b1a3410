"""Videos named in a request scope its queries (pure: plans and names, no library)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.plan.describe import describe_plan
from assistant.plan.schema import (
    ClipRef,
    EditPlan,
    Keep,
    KeepOnly,
    Move,
    Query,
    Remove,
    RemoveClip,
    SwapClips,
    VideoPick,
)
from assistant.planning.base import PlanResult, VideoEntry
from assistant.planning.llm.base import llm_schema, parse_answer
from assistant.planning.video_refs import names_said, scope_to_videos

TEARS = VideoEntry("aa00000000000001", "tears_of_steel_opening_64s_512x120")
SINTEL = VideoEntry("aa00000000000002", "Sintel", "sintel_trailer_480x204")
CHAPLIN = VideoEntry("aa00000000000003", "moviepy_chaplin_clip")
VIDEOS = (TEARS, SINTEL, CHAPLIN)


def scoped(op, request: str, videos=VIDEOS) -> PlanResult:
    return scope_to_videos(PlanResult(EditPlan(ops=[op]), "rules"), videos, request)


def only_query(result: PlanResult) -> Query:
    (query,) = result.plan.queries()
    return query


@pytest.mark.parametrize("text", ["everything from sintel", "whatever came from sintel", "all of sintel"])
def test_a_video_named_after_from_is_all_of_it(text: str) -> None:
    result = scoped(Remove(query=Query(text=text)), f"drop {text}")
    query = only_query(result)
    assert (query.text, query.videos) == ("", (VideoPick(id=SINTEL.id, name="Sintel"),))
    assert result.as_videos is None  # sure: nothing to ask
    assert query.label == "all of Sintel" and query.matching == "from Sintel"


def test_the_request_vouches_for_a_name_the_planner_left_bare() -> None:
    """The rules parser turns "drop everything from sintel" into a removal of "sintel"."""
    result = scoped(Remove(query=Query(text="sintel")), "drop everything from sintel")
    assert only_query(result).videos == (VideoPick(id=SINTEL.id, name="Sintel"),)
    noun = scoped(Move(query=Query(text="chaplin"), to="start"), "put the chaplin clip first")
    assert [v.id for v in only_query(noun).videos] == [CHAPLIN.id]


def test_the_rest_of_the_words_are_searched_in_the_named_video() -> None:
    result = scoped(KeepOnly(query=Query(text="robot lines from tears", kind="dialogue",
                                         spoken_as=(("de", "Roboter aus tears"),))),
                    "only the robot lines from tears")
    query = only_query(result)
    assert (query.text, query.kind, [v.id for v in query.videos]) == ("robot lines", "dialogue", [TEARS.id])
    assert query.spoken_as == ()  # said for the old words: the planner puts the new ones into German
    assert query.matching == 'with "robot lines" from tears_of_steel_opening_64s_512x120'


def test_several_names_and_a_noun_for_all_of_them() -> None:
    result = scoped(KeepOnly(query=Query(text="sintel and chaplin")), "only the sintel and chaplin clips")
    assert [v.id for v in only_query(result).videos] == [SINTEL.id, CHAPLIN.id]
    assert result.as_videos is None


@pytest.mark.parametrize(("text", "request_"), [
    ("tears", "keep the tears"),  # a bare part of a name: crying, or the film
    ("people in tears", "only people in tears"),  # "in" + part of a name: idiom, or the film
    ("sintel", "keep sintel"),  # a bare whole name of one word: still a word CLIP may read
])
def test_a_name_that_may_be_words_about_pictures_is_asked_about(text: str, request_: str) -> None:
    op = Keep(query=Query(text=text))
    result = scoped(op, request_)
    assert result.plan == EditPlan(ops=[op])  # not acted on as a video...
    assert result.as_videos is not None  # ...but offered as one
    (video_query,) = result.as_videos.queries()
    assert video_query.videos and video_query.text in ("", "people")


@pytest.mark.parametrize("text", ["fights in sintel", "tears of steel", "the sintel trailer"])
def test_sure_names(text: str) -> None:
    """The whole name after "in", a spelled-out title, a name with a video's noun after it."""
    result = scoped(KeepOnly(query=Query(text=text)), f"only {text}")
    assert only_query(result).videos and result.as_videos is None


@pytest.mark.parametrize("text", ["fights in the rain", "a man from the city", "steel beams", "clip"])
def test_words_that_name_no_video_are_left_alone(text: str) -> None:
    op = KeepOnly(query=Query(text=text))
    assert scoped(op, f"only {text}") == PlanResult(EditPlan(ops=[op]), "rules")


def test_one_video_is_the_whole_source_and_names_nothing() -> None:
    op = Remove(query=Query(text="everything from sintel"))
    assert scoped(op, "drop everything from sintel", videos=(SINTEL,)).plan == EditPlan(ops=[op])


def test_a_model_cannot_choose_videos() -> None:
    """Only the planner scopes a query, from the session's names: not in the model's schema, and dropped
    from a model's answer."""
    assert "videos" not in llm_schema()["$defs"]["Query"]["properties"]
    assert "VideoPick" not in llm_schema()["$defs"]
    plan = parse_answer('{"ops":[{"op":"remove","query":{"text":"x","videos":[{"id":"deadbeefdeadbeef",'
                        '"name":"../../etc/passwd"}]}}]}')
    assert plan.queries()[0].videos == ()


def test_a_video_pick_is_an_id_and_a_clean_name() -> None:
    with pytest.raises(ValidationError):
        VideoPick(id="../etc", name="x")
    assert VideoPick(id="aa00000000000001", name="a\x1b[31mb").name == "ab"
    with pytest.raises(ValidationError):
        Query()  # still something to look for
    assert Query(videos=(VideoPick(id="aa00000000000001", name="x"),)).label == "all of x"


def test_clips_by_number_within_a_named_video() -> None:
    op = RemoveClip(ref=ClipRef(indices=[2], matching="clip from sintel"))
    (ref,) = scoped(op, "remove the second clip from sintel").plan.clip_refs()
    assert (ref.indices, ref.matching, [v.id for v in ref.videos]) == ([2], None, [SINTEL.id])
    said = describe_plan(EditPlan(ops=[op.model_copy(update={"ref": ref})]))
    assert said == "Removed the 2nd clip from Sintel"
    # the rules parser's "the last sintel clip": the request puts a video's noun after the name
    (ref,) = scoped(RemoveClip(ref=ClipRef(indices=[-1], matching="sintel")),
                    "drop the last sintel clip").plan.clip_refs()
    assert (ref.matching, [v.id for v in ref.videos]) == (None, [SINTEL.id])
    # words of a clip's reason stay words
    kept = RemoveClip(ref=ClipRef(indices=[2], matching="fight"))
    assert scoped(kept, "drop the second fight").plan == EditPlan(ops=[kept])


@pytest.mark.parametrize(("text", "request_"), [
    ("chaplin", "je veux seulement le clip de chaplin"),  # a noun, a preposition, the name
    ("chaplin", "the clip of chaplin only"),
    ("sintel", "entferne alles aus sintel"),  # "aus" is "from"
    ("sintel_trailer_480x204 whole source video", "honestly the sintel stuff does not fit, lose it"),
])
def test_names_in_other_words_and_other_languages(text: str, request_: str) -> None:
    """The request vouches for the name in French, German or Spanish as in English; a file name a model
    copied from the cut's clips is a video, whatever words it added."""
    result = scoped(Remove(query=Query(text=text)), request_)
    query = only_query(result)
    assert query.videos and query.text == "" and result.as_videos is None, result


def test_both_ends_named() -> None:
    """"start with the chaplin clip and end with sintel": the rules plan two moves, both of videos."""
    plan = EditPlan(ops=[Move(query=Query(text="chaplin"), to="start"),
                         Move(query=Query(text="sintel"), to="end")])
    said = "start with the chaplin clip and end with sintel"
    result = scope_to_videos(PlanResult(plan, "rules"), VIDEOS, said)
    assert [[v.id for v in q.videos] for q in result.plan.queries()] == [[CHAPLIN.id], [SINTEL.id]]
    assert result.as_videos is None


@pytest.mark.parametrize(("request_", "text", "named"), [
    ("drop everything from day 2", "day 2", "day2"),  # letters and digits apart, as people say them
    ("drop everything from day2", "day2", "day2"),
    ("only the sunset from IMG_2041", "sunset from IMG_2041", "IMG_2041"),
    ("drop the GX010234 clip", "GX010234", "GX010234"),  # a camera's file name, typed as it is
])
def test_phone_and_camera_file_names(request_: str, text: str, named: str) -> None:
    videos = tuple(VideoEntry(f"bb0000000000000{i}", name) for i, name in
                   enumerate(("day1", "day2", "IMG_2041", "GX010234")))
    result = scoped(Remove(query=Query(text=text)), request_, videos)
    assert [v.name for v in only_query(result).videos] == [named] and result.as_videos is None


def test_a_name_of_common_words_only_still_names_its_video() -> None:
    """"trailer.mp4" beside "interview.mp4": "drop the trailer" is that video (its name has no other word)."""
    videos = (VideoEntry("cc00000000000001", "trailer"), VideoEntry("cc00000000000002", "interview"))
    result = scoped(Remove(query=Query(text="trailer")), "drop the trailer", videos)
    assert [v.name for v in only_query(result).videos] == ["trailer"] and result.as_videos is None
    # beside a video with a word of its own, "trailer" alone names nothing ("the sintel trailer" does)
    assert not only_query(scoped(Remove(query=Query(text="trailer")), "drop the trailer")).videos


def test_both_sides_of_a_swap_are_scoped_and_described() -> None:
    """ "swap the chaplin and sintel clips": the rules read two groups, each named by a video."""
    op = SwapClips(ref=ClipRef(matching="chaplin"), other=ClipRef(matching="sintel"))
    result = scoped(op, "swap the chaplin and sintel clips")
    (swap,) = result.plan.ops
    assert isinstance(swap, SwapClips) and swap.other is not None and result.as_videos is None
    assert ([v.id for v in swap.ref.videos], [v.id for v in swap.other.videos]) == ([CHAPLIN.id], [SINTEL.id])
    assert (swap.ref.matching, swap.other.matching) == (None, None)
    assert describe_plan(result.plan) == ("Swapped every clip from moviepy_chaplin_clip with every clip "
                                          "from Sintel")
    assert describe_plan(result.plan, "de").endswith("vertauscht")
    # a model's grammar has no second group (measured with one ref); the rules' plans do
    assert "other" not in llm_schema()["$defs"]["SwapClips"]["properties"]


@pytest.mark.parametrize(("request_", "asked"), [
    ("drop everything from sintel", True), ("put the sintel clip first", True), ("end with sintel", True),
    ("drop the scenes with Sintel", False), ("cut every shot with Sintel in it", False),
    ("more of sintel please", True),  # the video or the person: either may be meant
])
def test_a_person_named_like_a_video_is_asked_about_only_where_the_video_may_be_meant(
        request_: str, asked: bool) -> None:
    result = scoped(Remove(query=Query(people=("Sintel",))), request_)
    assert result.plan == EditPlan(ops=[Remove(query=Query(people=("Sintel",)))])  # the person unless told
    if not asked:
        assert result.as_videos is None
        return
    assert result.as_videos is not None
    (video,) = result.as_videos.queries()
    assert (video.people, [v.id for v in video.videos]) == ((), [SINTEL.id])


@pytest.mark.parametrize(("request_", "names"), [
    ("entferne alles aus sintel", ["sintel"]),
    ("删除所有来自sintel的片段", ["sintel"]),  # no spaces around a Latin name in Chinese
    ("nur die Kämpfe aus Tears und Chaplin", ["Tears", "Chaplin"]),
    ("nur die Kämpfe", []),
])
def test_the_names_a_translation_must_keep(request_: str, names: list[str]) -> None:
    assert names_said(request_, VIDEOS) == names


def test_the_rest_of_a_videos_name_beside_a_person_of_that_name_is_no_search() -> None:
    """ "now add the sintel trailer" beside a character named Sintel: the rules read Sintel on screen plus
    a search for "trailer"; as the video, "trailer" is part of its name, not a search within it."""
    result = scoped(Remove(query=Query(text="trailer", people=("Sintel",))), "now add the sintel trailer")
    assert result.as_videos is not None
    (video,) = result.as_videos.queries()
    assert (video.text, video.people, [v.id for v in video.videos]) == ("", (), [SINTEL.id])


@pytest.mark.parametrize(("said", "english"), [
    ("删除所有来自sintel的片段", "remove all fragments from sintel"),
    ("entferne alle Teile von sintel", "remove all the parts of sintel"),
])
def test_a_video_named_in_another_language_is_that_video_once_translated(said: str, english: str) -> None:
    """The 0.5B fixture translated the Chinese as "remove all fragments from sintel"; the rules read a removal
    of "sintel", and the name counted as sure only where the request's own words said it (a preposition), so
    the Chinese kept it a search for "sintel" beside a question (CI failed on it, depending on test order)."""
    from assistant.planning.auto import AutoPlanner
    from assistant.planning.base import PlannerContext
    from assistant.planning.factory import plan_turn
    from tests.planners import ScriptedModel

    class Translating(ScriptedModel):
        def translate(self, text: str) -> str:
            return english

    result = plan_turn(said, PlannerContext(videos=VIDEOS), AutoPlanner(Translating()))
    (op,) = result.plan.ops
    assert result.english == english and op.op == "remove"
    assert op.query.text == "" and [v.id for v in op.query.videos] == [SINTEL.id]


@pytest.mark.parametrize(("text", "video"), [
    ("first video", TEARS), ("the 2nd video", SINTEL), ("video 3", CHAPLIN), ("the last film", CHAPLIN),
    ("the third movie", CHAPLIN),
])
def test_a_video_by_its_place_in_a_query(text: str, video: VideoEntry) -> None:
    """ "only keep stuff from the first video": the session's videos in order, not a search for the words."""
    query = only_query(scoped(KeepOnly(query=Query(text=text)), f"only keep stuff from {text}"))
    assert (query.text, [v.id for v in query.videos]) == ("", [video.id])


@pytest.mark.parametrize("text", ["fourth video", "video 0", "first clip", "video first", "first videos"])
def test_what_is_no_video_by_place_stays_as_it_was(text: str) -> None:
    """Past the end, a clip's count or no count at all: not read as a video (a clip reference or a search)."""
    result = scoped(KeepOnly(query=Query(text=text)), f"keep {text}")
    assert only_query(result).videos == ()


def test_a_clip_count_of_videos_is_that_video_when_the_session_has_several() -> None:
    """A planner reads "remove the last video" as the last of the clips chosen for the word "video"."""
    removed = scoped(RemoveClip(ref=ClipRef(indices=[-1], matching="video")), "remove the last video")
    (op,) = removed.plan.ops
    assert op.ref == ClipRef(videos=(VideoPick(id=CHAPLIN.id, name=CHAPLIN.name),))
    counted = scoped(RemoveClip(ref=ClipRef(indices=[2], matching="fight")), "remove the second fight")
    assert counted.plan.ops[0].ref == ClipRef(indices=[2], matching="fight")  # a kind of clip: untouched
    second = EditPlan(ops=[RemoveClip(ref=ClipRef(indices=[2], matching="video"))])
    one = scope_to_videos(PlanResult(second, "rules"), (TEARS,), "remove the 2nd video")
    assert one.plan.ops[0].ref.indices == [2]  # one video: nothing to count among
