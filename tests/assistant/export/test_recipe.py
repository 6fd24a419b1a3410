"""Recipe files: made from a version, round-tripped, validated like plan JSON, small for a 2-hour film; and
applied: the cut lands on the viewer's copy, or it is refused with nothing created."""

from __future__ import annotations

import base64
import json
import math
import shutil
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from assistant.export.recipe import (
    MAX_PLAN_BYTES,
    MAX_RECIPE_BYTES,
    WORD_SECONDS,
    MissingSource,
    Recipe,
    RecipeError,
    RecipePrivacy,
    RecipeSource,
    apply_recipe,
    build_recipe,
    parse_recipe,
    read_recipe,
    recipe_json,
    write_recipe,
)
from assistant.plan.schema import EditPlan
from assistant.sessions.store import SessionStore
from assistant.timeline.model import Clip, FaceBlur, Join, Privacy
from index.ingest import ingest
from index.library import Library
from tests.recipe_media import (
    CUT,
    CUT_FROM,
    PLAN,
    PRIVACY,
    add_cut,
    cut_with_plan,
    film,
    make_cut,
    reencoded,
    scene_removed,
)


@pytest.fixture(scope="module")
def made(tmp_path_factory, tiny_embedder):
    """A library holding the generated film with a three-clip cut, and the recipe of that cut."""
    root = tmp_path_factory.mktemp("recipe")
    original = film(root / "film.mp4")
    library = root / "sharer"
    [result] = ingest([original], library, tiny_embedder, faces=False)
    version_id = make_cut(library, result.video.id, CUT, "only the bars")
    return root, original, build_recipe(library, version_id)


def _sessions(library: Path) -> int:
    """How many sessions the library holds (the store creates its tables first)."""
    import sqlite3

    SessionStore(library)
    with sqlite3.connect(library / "library.db") as conn:
        return conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]


def test_a_recipe_round_trips_through_its_file(made, tmp_path) -> None:
    _, _, recipe = made
    path = write_recipe(recipe, tmp_path / "cut.pcut.json")
    again = read_recipe(path)
    assert again == recipe
    assert again.sources[0].content_print.words.size == recipe.sources[0].content_print.words.size
    assert [(c.in_frame, c.out_frame) for c in again.cut.clips] == CUT
    assert again.history[-1].turn == "only the bars" and again.title == "only the bars"
    assert "\x1b" not in (again.cut.title or "")  # control sequences are cleaned out of text
    text = path.read_text()
    assert "film.mp4" not in text and str(tmp_path) not in text  # no paths travel


def test_a_two_hour_recipe_is_under_200_kb(made) -> None:
    _, _, recipe = made
    seconds, shots = 7200.0, 2500
    words = np.random.default_rng(1).integers(0, 2**32, math.ceil(seconds / WORD_SECONDS), dtype=np.uint64)
    starts = np.linspace(0, seconds * 1000 - 1000, shots)
    hashes = np.random.default_rng(2).integers(0, 2**63, shots, dtype=np.uint64)
    source = RecipeSource(
        title="A long film", duration=seconds, fps_num=24000, fps_den=1001,
        frames=int(seconds * 24000 / 1001),
        audio=base64.b64encode(words.astype("<u4").tobytes()).decode(),
        shot_starts_ms=base64.b64encode(starts.astype("<u4").tobytes()).decode(),
        shot_hashes=base64.b64encode(hashes.astype("<u8").tobytes()).decode())
    long = Recipe(title=recipe.title, sources=(source,), history=recipe.history)
    size = len(recipe_json(long).encode())
    assert size < 200 * 1024, size


def _hostile(recipe: Recipe, change) -> str:
    data = json.loads(recipe_json(recipe))
    change(data)
    return json.dumps(data)


def _set_source(key: str, value):
    return lambda d: d["sources"][0].__setitem__(key, value)


def _set_clip(key: str, value):
    return lambda d: d["history"][-1]["clips"][0].__setitem__(key, value)


@pytest.mark.parametrize(("change", "complaint"), [
    (_set_source("path", "/etc/passwd"), "path"),
    (lambda d: d.__setitem__("output", "; rm -rf ~"), "output"),
    (_set_source("duration", -5), "duration"),
    (_set_clip("start", -1.0), "start"),
    (_set_clip("source", 3), "source"),
    (_set_clip("out_frame", 10**6), "past the source"),
    (_set_clip("in_frame", "$(reboot)"), "in_frame"),
    (_set_clip("speed", 1e9), "speed"),
    (_set_source("audio", "not base64!"), "base64"),
    (_set_source("audio", base64.b64encode(bytes(4 * 100_000)).decode()), "more than"),
    (_set_source("shot_starts_ms", base64.b64encode(bytes(3)).decode()), "whole number"),
    (_set_source("fps_num", 0), "fps_num"),
    (lambda d: d.__setitem__("version", 99), "version 99"),
    # a version 3 step's fades, a clip's sound level and its join are held to their ranges and kinds
    (lambda d: (d.__setitem__("version", 3), _set_clip("volume", 1e9)(d)), "volume"),
    (lambda d: (d.__setitem__("version", 3), _set_clip("join", "$(reboot)")(d)), "join"),
    (lambda d: (d.__setitem__("version", 3), d["history"][-1].__setitem__("fade_in", 60)), "fade_in"),
    (_set_clip("volume", 0.5), "version 2 recipe carries no fades or sound levels"),
    (lambda d: d.__setitem__("format", "something-else"), "not a recipe"),
])
def test_hostile_recipes_are_refused_with_a_reason(made, change, complaint) -> None:
    _, _, recipe = made
    with pytest.raises(RecipeError, match=complaint):
        parse_recipe(_hostile(recipe, change))


def test_non_numbers_nesting_and_size_are_refused(made) -> None:
    _, _, recipe = made
    text = recipe_json(recipe).replace('"duration": 20.0', '"duration": NaN')
    with pytest.raises(RecipeError, match="NaN"):
        parse_recipe(text)
    with pytest.raises(RecipeError, match="not recipe JSON"):
        parse_recipe("[" * 100_000 + "]" * 100_000)
    with pytest.raises(RecipeError, match="at most"):
        parse_recipe(b" " * (MAX_RECIPE_BYTES + 1))


def test_shell_text_in_titles_stays_inert_text(made) -> None:
    _, _, recipe = made
    shell = "`touch /tmp/x`\n$(id)\x07" + "x" * 500
    text = _hostile(recipe, lambda d: d["history"][-1].__setitem__("title", shell))
    title = parse_recipe(text).cut.title
    assert title is not None and len(title) == 120 and "\n" not in title and "\x07" not in title


def test_a_copy_missing_a_used_scene_is_refused_and_nothing_is_created(made, tiny_embedder, tmp_path) -> None:
    root, original, _ = made
    library = tmp_path / "viewer"
    edition = scene_removed(original, tmp_path / "short.mp4", Fraction(24))
    [short] = ingest([edition.path], library, tiny_embedder, faces=False)
    [sharer_video] = ingest([original], tmp_path / "sharer", tiny_embedder, faces=False)
    used = int(CUT_FROM * 24) + 24  # one second into the removed scene
    recipe = build_recipe(tmp_path / "sharer", make_cut(tmp_path / "sharer", sharer_video.video.id,
                                                         [(24, 100), (used, used + 30)], "with the gap"))
    before = _sessions(library)
    with pytest.raises(RecipeError, match="lacks source"):
        apply_recipe(library, recipe, [short.video.id])
    assert _sessions(library) == before
    fits = apply_recipe(library, made[2], [short.video.id])  # the other cut avoids the gap: it applies
    mapped = [(c.in_frame, c.out_frame) for c in fits.version.timeline.clips]
    truth = [(edition.to_copy(a), edition.to_copy(b)) for a, b in CUT]
    assert np.abs(np.array(mapped) - np.array(truth)).max() <= 1, (mapped, truth)
    assert _sessions(library) == before + 1


def test_a_different_film_is_refused(made, tiny_embedder, tmp_path) -> None:
    _, _, recipe = made
    library = tmp_path / "viewer"
    [other] = ingest([film(tmp_path / "other.mp4", seed=42)], library, tiny_embedder, faces=False)
    with pytest.raises(RecipeError, match="no video in the library is source 1"):
        apply_recipe(library, recipe, [other.video.id])
    assert _sessions(library) == 0


def test_every_missing_film_is_named_at_once(made, tiny_embedder, tmp_path) -> None:
    """A recipe cut from two films, applied where neither is: one answer names both (it named the first only,
    and the viewer learnt of the second after adding the first)."""
    _, _, recipe = made
    sequel = recipe.sources[0].model_copy(update={"title": "sequel"})
    both = recipe.model_copy(update={"sources": (*recipe.sources, sequel)})
    library = tmp_path / "viewer"
    [other] = ingest([film(tmp_path / "other.mp4", seed=42)], library, tiny_embedder, faces=False)
    with pytest.raises(MissingSource) as caught:
        apply_recipe(library, both, [other.video.id])
    assert [number for number, _ in caught.value.missing] == [0, 1]
    assert [source.title for _, source in caught.value.missing] == ["film", "sequel"]
    message = str(caught.value)
    assert message.startswith("2 of the recipe's 2 sources are not in the library: source 1 (film, 20 s): "
                              f"video {other.video.id} is not it (")
    assert "; source 2 (sequel, 20 s): video" in message
    assert _sessions(library) == 0


# --- plans and privacy (recipe version 2) ----------------------------------------------------------------

@pytest.fixture
def sharer_copy(made, tmp_path) -> Path:
    root, _, _ = made
    shutil.copytree(root / "sharer", tmp_path / "sharer")
    return tmp_path / "sharer"


def test_plans_and_privacy_travel_and_the_applied_versions_keep_them(sharer_copy) -> None:
    recipe = parse_recipe(recipe_json(build_recipe(sharer_copy, cut_with_plan(sharer_copy, CUT))))
    assert recipe.version == 2
    assert recipe.cut.privacy == RecipePrivacy(blur="all_but", people=(3, 5), names=("", ""), aspect="9:16")
    assert EditPlan.model_validate(recipe.cut.plan) == PLAN
    assert recipe.history[0].plan is None and recipe.history[0].privacy is None  # the start has neither
    applied = apply_recipe(sharer_copy, recipe)
    stored = SessionStore(sharer_copy).versions(applied.session_id)
    assert [v.plan for v in stored] == [None, PLAN]  # kept in SQLite, so the plan view shows it
    # Nobody the sharer kept unblurred is named in this library: everyone is blurred (fail safe).
    assert stored[-1].timeline.privacy == Privacy(blur="all", aspect=PRIVACY.aspect)
    assert stored[0].timeline.privacy == Privacy()
    assert "(#3, #5 not found among the named people of your library: everyone is blurred)" in stored[-1].note
    assert [(c.in_frame, c.out_frame) for c in stored[-1].timeline.clips] == CUT
    assert applied.summary() == "3 clips placed, all sure."


@pytest.mark.parametrize(("blur", "cast", "expected", "note"), [
    ("all_but", {"celia": 9, "thom": 4}, Privacy("all_but", (4, 9), "1:1"), ""),
    ("all_but", {"celia": 9}, Privacy("all_but", (9,), "1:1"), "(Thom not found among the named people of "
                                                              "your library: they are blurred too)"),
    ("only", {"celia": 9, "thom": 4}, Privacy("only", (4, 9), "1:1"), ""),
    ("only", {"celia": 9}, Privacy("all", (), "1:1"), "(Thom not found among the named people of your "
                                                      "library: everyone is blurred)"),
    ("all", {}, Privacy("all", (), "1:1"), ""),
])
def test_blurred_people_are_found_by_name_in_the_viewers_cast_and_never_left_uncovered(
        blur, cast, expected, note) -> None:
    people = () if blur == "all" else (3, 5)
    names = () if blur == "all" else ("Celia", "Thom")
    privacy = RecipePrivacy(blur=blur, people=people, names=names, aspect="1:1")
    assert privacy.to_privacy(cast) == (expected, note)


def test_a_plan_the_schema_rejects_is_dropped_with_a_note(sharer_copy) -> None:
    recipe = build_recipe(sharer_copy, cut_with_plan(sharer_copy, CUT))
    shell = {"ops": [{"op": "run", "command": "rm -rf ~"}]}
    hostile = parse_recipe(_hostile(recipe, lambda d: d["history"][-1].__setitem__("plan", shell)))
    applied = apply_recipe(sharer_copy, hostile)
    assert applied.version.plan is None
    assert "its plan was dropped: ops.0" in applied.version.note
    assert len(applied.version.timeline.clips) == len(CUT)  # the cut itself still applies


@pytest.mark.parametrize(("change", "complaint"), [
    (lambda p: p.__setitem__("blur", "everyone"), "privacy.blur"),
    (lambda p: p.__setitem__("aspect", "2:1"), "privacy.aspect"),
    (lambda p: p.__setitem__("people", ["Celia"]), "privacy.people.0"),
    (lambda p: p.__setitem__("people", [-1]), "privacy.people.0"),
    (lambda p: p.__setitem__("people", list(range(65))), "privacy.people"),
    (lambda p: p.__setitem__("path", "/etc/passwd"), "privacy.path"),
    (lambda p: p.__setitem__("names", ["Celia"]), "privacy"),  # one name for two people
])
def test_hostile_privacy_is_refused(sharer_copy, change, complaint) -> None:
    recipe = build_recipe(sharer_copy, cut_with_plan(sharer_copy, CUT))
    with pytest.raises(RecipeError, match=complaint.replace(".", r"\.")):
        parse_recipe(_hostile(recipe, lambda d: change(d["history"][-1]["privacy"])))


def test_an_oversized_plan_is_refused(made) -> None:
    _, _, recipe = made
    huge = {"ops": [{"op": "keep_only", "query": {"text": "x" * (MAX_PLAN_BYTES + 1)}}]}
    with pytest.raises(RecipeError, match="at most 64 KB"):
        parse_recipe(_hostile(recipe, lambda d: d["history"][-1].__setitem__("plan", huge)))


def test_version_1_recipes_still_read_but_carry_no_plans(made) -> None:
    _, _, recipe = made

    def as_version_1(data: dict) -> None:
        data["version"] = 1
        for step in data["history"]:
            del step["plan"], step["privacy"]

    old = parse_recipe(_hostile(recipe, as_version_1))
    assert old.version == 1 and [(c.in_frame, c.out_frame) for c in old.cut.clips] == CUT
    def with_a_plan(data: dict) -> None:
        as_version_1(data)
        data["history"][-1]["plan"] = {"ops": []}

    with pytest.raises(RecipeError, match="version 1 recipe carries no plan"):
        parse_recipe(_hostile(recipe, with_a_plan))


def test_a_video_a_turn_named_travels_by_source_number_and_lands_on_the_viewers_copy(
        made, tiny_embedder, tmp_path) -> None:
    """"Everything from sintel" names a video of the sharer's library by its id: the recipe writes the source
    number instead (no id of the sharer's file travels), and the viewer's plan names their own copy."""
    from assistant.plan.schema import ClipRef, Query, Remove, RemoveClip, VideoPick

    root, original, _ = made
    sharer = tmp_path / "sharer"
    shutil.copytree(root / "sharer", sharer)
    opened = Library.open(sharer)
    try:
        [video] = opened.videos()
    finally:
        opened.close()
    picked = (VideoPick(id=video.id, name="film"),)
    plan = EditPlan(ops=[Remove(query=Query(text="bars", videos=picked)),
                         RemoveClip(ref=ClipRef(indices=[1], videos=picked))])
    recipe = build_recipe(sharer, cut_with_plan(sharer, CUT, "drop the bars from film", plan))
    text = recipe_json(recipe)
    assert video.id not in text and '"id": "0000000000000000"' in text
    viewer = tmp_path / "viewer"
    copy = reencoded(original, tmp_path / "copy.mp4", Fraction(24))
    [mine] = ingest([copy.path], viewer, tiny_embedder, faces=False)
    assert mine.video.id != video.id
    applied = apply_recipe(viewer, parse_recipe(text))
    assert applied.version.plan is not None
    named = [v.id for part in (*applied.version.plan.queries(), *applied.version.plan.clip_refs())
             for v in part.videos]
    assert named == [mine.video.id, mine.video.id]


def test_fades_travel_in_a_version_3_recipe_and_a_cut_without_them_stays_version_2(sharer_copy) -> None:
    faded = add_cut(sharer_copy, CUT, "fade in and out", fade_in=1.0, fade_out=2.5)
    text = recipe_json(build_recipe(sharer_copy, faded))
    recipe = parse_recipe(text)
    assert recipe.version == 3 and (recipe.cut.fade_in, recipe.cut.fade_out) == (1.0, 2.5)
    assert '"fade_in"' not in recipe_json(build_recipe(sharer_copy, cut_with_plan(sharer_copy, CUT)))
    applied = apply_recipe(sharer_copy, recipe)
    landed = SessionStore(sharer_copy).versions(applied.session_id)[-1].timeline
    assert (landed.fade_in, landed.fade_out) == (1.0, 2.5)

    def as_version_2(data: dict) -> None:
        data["version"] = 2

    with pytest.raises(RecipeError, match="version 2 recipe carries no fades"):
        parse_recipe(_hostile(recipe, as_version_2))


def test_clip_sound_levels_travel_in_a_version_3_recipe(sharer_copy) -> None:
    def muted_after_the_first(n: int, clip: Clip) -> Clip:
        return replace(clip, volume=0.0 if n else 1.0, join=Join("crossfade", 0.5) if n == 2 else None)

    muted = add_cut(sharer_copy, CUT, "mute all but the first clip", each=muted_after_the_first)
    text = recipe_json(build_recipe(sharer_copy, muted))
    recipe = parse_recipe(text)
    assert recipe.version == 3 and [c.volume for c in recipe.cut.clips] == [1.0, 0.0, 0.0]
    assert json.loads(text)["history"][-1]["clips"][0].keys() >= {"source", "speed"}
    assert "volume" not in json.loads(text)["history"][-1]["clips"][0]  # as recorded: left out
    applied = apply_recipe(sharer_copy, recipe)
    landed = SessionStore(sharer_copy).versions(applied.session_id)[-1].timeline
    assert [c.volume for c in landed.clips] == [1.0, 0.0, 0.0]
    assert [c.join for c in landed.clips] == [None, None, Join("crossfade", 0.5)]  # and a join of its own


def test_a_clips_own_blur_travels_in_a_version_4_recipe_and_fails_safe(sharer_copy) -> None:
    """"don't blur clip 2" in a cut that blurs everyone, and clip 3 blurring only someone the viewer's
    library has no name for: clip 2 stays clear, clip 3 blurs everyone (never a face left uncovered)."""
    def own(n: int, clip: Clip) -> Clip:
        return replace(clip, blur={0: None, 1: FaceBlur("none"), 2: FaceBlur("only", (99,))}[n])

    cut = add_cut(sharer_copy, CUT, "don't blur clip 2", each=own, privacy=Privacy(blur="all"))
    text = recipe_json(build_recipe(sharer_copy, cut))
    recipe = parse_recipe(text)
    assert recipe.version == 4
    assert "blur" not in json.loads(text)["history"][-1]["clips"][0]  # the cut's own: left out
    assert [c.blur.blur if c.blur else None for c in recipe.cut.clips] == [None, "none", "only"]
    applied = apply_recipe(sharer_copy, recipe)
    landed = SessionStore(sharer_copy).versions(applied.session_id)[-1]
    assert [c.blur for c in landed.timeline.clips] == [None, FaceBlur("none"), FaceBlur("all")]
    assert "not found among the named people of your library" in landed.note
    # the viewer is told with the result, not only in the version's note
    assert applied.privacy_notes == (
        "#99 not found among the named people of your library: everyone is blurred",)

    def as_version_3(data: dict) -> None:
        data["version"] = 3

    with pytest.raises(RecipeError, match="version 3 recipe carries no clip's own blur"):
        parse_recipe(_hostile(recipe, as_version_3))
    odd = (({"blur": "$(reboot)"}, "blur"), ({"blur": "all", "aspect": "9:16"}, "frame shape"),
           ({"blur": "only", "people": [1, 2], "names": ["a"]}, "one per person"))
    for bad, complaint in odd:
        with pytest.raises(RecipeError, match=complaint):
            parse_recipe(_hostile(recipe, _set_clip("blur", bad)))
