"""The app's "Open a recipe" panel, called directly (no browser): a recipe opens as a new session with its
history, hostile files are refused, a missing film is named and opens after the person adds their copy,
and refusals create nothing."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from assistant.export.recipe import (
    MAX_RECIPE_BYTES,
    AppliedRecipe,
    Placement,
    Recipe,
    build_recipe,
    parse_recipe,
    recipe_json,
)
from assistant.planning.factory import make_planner
from assistant.sessions.store import SessionStore
from index.clip_factory import create_embedder
from index.ingest import ingest
from tests.recipe_media import CUT, CUT_FROM, PLAN, cut_with_plan, film, make_cut, scene_removed
from ui.editor_handlers import UNCHANGED, CutView, EditorHandlers
from ui.recipe_view import RecipeHandlers, RecipeUpdate
from ui.services import Services


@pytest.fixture(scope="module")
def sharer(tmp_path_factory, tiny_embedder) -> tuple[Path, Path, str]:
    """A library holding the generated film and a cut of it made by a plan; (library, film, recipe JSON)."""
    root = tmp_path_factory.mktemp("recipe_view")
    original = film(root / "film.mp4")
    library = root / "sharer"
    ingest([original], library, tiny_embedder, faces=False)
    return library, original, recipe_json(build_recipe(library, cut_with_plan(library, CUT, "only the bars")))


def panel_for(library: Path) -> RecipeHandlers:
    services = Services(library, make_planner("rules"), lambda: create_embedder("tiny-random"),
                        asr_model=str(library / "no-whisper-here"), prepare_previews=False)
    return RecipeHandlers(EditorHandlers(services))


def sessions_in(library: Path) -> int:
    return len(SessionStore(library).recent_sessions())


def recipe_file(folder: Path, text: str | bytes, name: str = "cut.pcut.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def said(update: RecipeUpdate) -> list[str]:
    chat = update.page.chat
    assert isinstance(chat, list)
    return [m["content"] for m in chat]


def test_a_recipe_opens_as_a_session_with_its_history_and_plan(sharer, tmp_path) -> None:
    library = tmp_path / "library"
    shutil.copytree(sharer[0], library)
    panel, seen = panel_for(library), []
    path = recipe_file(tmp_path / "uploads", sharer[2])
    opened = panel.open(str(path), [{"role": "assistant", "content": "hello"}],
                        lambda done, what: seen.append(what))
    assert opened.status == "3 clips placed, all sure." and opened.pending is None and opened.clear_file
    assert not path.exists()  # the upload was only a carrier
    assert seen[0] == "Aligning source 1 of 1: film" and seen[-1] == "Placing the clips"
    sid = opened.page.session_id
    cut = opened.page.cut
    assert isinstance(sid, str) and isinstance(cut, CutView)
    assert len(cut.strip) == len(CUT) and cut.can_undo and cut.video and Path(cut.video).is_file()
    assert PLAN.model_dump_json() == type(PLAN).model_validate_json(cut.plan_json).model_dump_json()
    chat = opened.page.chat
    assert [m["content"] for m in chat if m["role"] == "user"] == ["only the bars"]  # the history came along
    assert said(opened)[0] == "Opened the recipe “only the bars” on your copy: film."
    assert said(opened)[-1] == ("Recipe applied: 3 clips placed, all sure.  \n"  # and the blur it changed:
                                "**Blur:** #3, #5 not found among the named people of your library: everyone "
                                "is blurred.  \n*film: same speed, in step; missing nothing.*")
    clips = SessionStore(library).version(cut.current_version).timeline.clips  # type: ignore[arg-type]
    assert [(c.in_frame, c.out_frame) for c in clips] == CUT
    assert opened.page.cuts and opened.page.cuts[0][1] == sid  # listed in "Your cuts"


@pytest.mark.parametrize(("content", "complaint"), [
    ("this is not json", "not recipe JSON"),
    ('{"format": "personalcut-recipe", "version": 99}', "recipe version 99 is not supported"),
    (lambda text: text.replace('"title": "film"', '"title": "film", "path": "/etc/passwd"'),
     "invalid recipe: sources.0.path: Extra inputs are not permitted"),
    (lambda text: text.replace('"fps_num": 24', '"fps_num": -24'), "invalid recipe: sources.0.fps_num"),
    (b" " * (MAX_RECIPE_BYTES + 1), "a recipe is at most 16 MB"),
])
def test_hostile_files_are_refused_with_a_reason_and_create_nothing(sharer, tmp_path, content,
                                                                     complaint) -> None:
    library = tmp_path / "library"
    shutil.copytree(sharer[0], library)
    panel, before = panel_for(library), sessions_in(library)
    text = content(sharer[2]) if callable(content) else content
    path = recipe_file(tmp_path / "uploads", text, "bad.pcut.json")
    refused = panel.open(str(path), [], lambda done, what: None)
    assert isinstance(refused.status, str) and refused.status.startswith("Could not open bad.pcut.json: ")
    assert complaint in refused.status and refused.status.endswith("Nothing was created.")
    assert str(tmp_path) not in refused.status  # no server folder in a message for the browser
    assert said(refused)[-1] == refused.status and refused.pending is None and not path.exists()
    assert refused.page.session_id is UNCHANGED and sessions_in(library) == before


def test_a_file_from_outside_the_upload_folder_is_left_alone(sharer, tmp_path) -> None:
    panel = panel_for(sharer[0])
    panel.editor.services.upload_root = tmp_path / "uploads"
    elsewhere = recipe_file(tmp_path / "elsewhere", sharer[2])
    refused = panel.open(str(elsewhere), [], lambda done, what: None)
    assert refused.status == ("Could not open cut.pcut.json: it was not uploaded to this server. "
                              "Nothing was created.")
    assert elsewhere.exists()


def test_a_missing_film_is_named_and_opens_once_the_copy_is_added(sharer, small_library_copy,
                                                                   tmp_path) -> None:
    panel = panel_for(small_library_copy.dir)
    path = recipe_file(tmp_path / "uploads", sharer[2])
    waiting = panel.open(str(path), [], lambda done, what: None)
    assert isinstance(waiting.status, str)
    assert waiting.status.startswith("This recipe needs your copy of “film” (0:20, 24 fps); no video in your "
                                     "library is that film (no video in the library is source 1")
    assert waiting.status.endswith("Add your copy with *Add a video*, then press *Try again*.")
    assert isinstance(waiting.pending, Recipe) and sessions_in(small_library_copy.dir) == 0
    # The person adds their copy of the film with the app's own upload, then tries again.
    copy = tmp_path / "my_copy.mp4"
    shutil.copyfile(sharer[1], copy)
    added = panel.editor.upload(str(copy), [], lambda done, what: None)
    assert isinstance(added.upload_status, str) and added.upload_status.startswith("Added **my_copy**")
    opened = panel.retry(waiting.pending, waiting.page.chat, lambda done, what: None)  # type: ignore[arg-type]
    assert opened.status == "3 clips placed, all sure." and opened.pending is None
    assert said(opened)[0] == "Opened the recipe “only the bars” on your copy: my_copy."
    assert sessions_in(small_library_copy.dir) == 1


def test_two_missing_films_are_named_in_one_answer(sharer, small_library_copy, tmp_path) -> None:
    recipe = parse_recipe(sharer[2])
    sequel = recipe.sources[0].model_copy(update={"title": "sequel"})
    text = recipe_json(recipe.model_copy(update={"sources": (*recipe.sources, sequel)}))
    waiting = panel_for(small_library_copy.dir).open(str(recipe_file(tmp_path / "uploads", text)), [],
                                                     lambda done, what: None)
    assert isinstance(waiting.status, str) and waiting.pending is not None
    assert waiting.status.startswith("This recipe needs your copies of “film” (0:20, 24 fps) and “sequel” "
                                     "(0:20, 24 fps); no video in your library is one of them (2 of the "
                                     "recipe's 2 sources are not in the library: source 1 (film, 20 s)")
    assert waiting.status.endswith("Add your copies with *Add a video*, then press *Try again*.")
    assert sessions_in(small_library_copy.dir) == 0


def test_a_different_film_and_a_missing_scene_are_refused(sharer, tiny_embedder, tmp_path) -> None:
    library = tmp_path / "viewer"
    ingest([film(tmp_path / "another.mp4", seed=23)], library, tiny_embedder, faces=False)
    panel = panel_for(library)
    other = panel.open(str(recipe_file(tmp_path / "up", sharer[2])), [], lambda done, what: None)
    assert isinstance(other.status, str) and other.pending is not None
    assert ("(no video in the library is source 1 (film, 20 s): video another is not it (none of the "
            "source's audio is found in this copy: a different film))") in other.status  # named, not its id
    # A copy without the scene one clip uses: the clip and the missing seconds are named.
    edition = scene_removed(sharer[1], tmp_path / "short.mp4", Fraction(24))
    ingest([edition.path], library, tiny_embedder, faces=False)
    sharer_library = tmp_path / "sharer"
    shutil.copytree(sharer[0], sharer_library)
    used = int(CUT_FROM * 24) + 24
    [video] = panel_for(sharer_library).editor.services.library.videos()
    gap_cut = make_cut(sharer_library, video.id, [(24, 100), (used, used + 30)], "with the gap")
    gap = recipe_json(build_recipe(sharer_library, gap_cut))
    refused = panel.open(str(recipe_file(tmp_path / "up", gap)), [], lambda done, what: None)
    assert isinstance(refused.status, str) and refused.pending is None
    assert refused.status.startswith("Could not open the recipe: clip 2 of the cut cannot be placed in ")
    assert "the copy lacks source" in refused.status and refused.status.endswith("Nothing was created.")
    assert sessions_in(library) == 0


def test_the_summary_names_each_approximate_clip() -> None:
    def summary(*placements: Placement) -> str:
        return AppliedRecipe("s", (), (), placements).summary()

    assert summary(Placement(0.9), Placement(0.6)) == "2 clips placed, all sure."
    sure = [Placement(0.9)] * 10
    assert summary(*sure, Placement(0.9, frames_off=3), Placement(0.3)) == (
        "12 clips placed; 10 sure, 2 approximate (clip 11, ±3 frames; clip 12, confidence 0.30).")
