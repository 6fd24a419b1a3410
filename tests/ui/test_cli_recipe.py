"""``personalcut recipe export|apply`` end to end: a cut made on one copy lands, frame-exact, on another."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction

import pytest

from assistant.export.recipe import build_recipe, write_recipe
from assistant.sessions.store import SessionStore
from index.ingest import ingest
from tests.recipe_media import cut_with_plan, film, letterboxed, make_cut, pal_speedup, with_leader
from ui.cli import main

CUT = [(24, 100), (130, 200), (400, 460)]  # the generated film's shots start at 0, 120, 240, 360


@pytest.fixture(scope="module")
def shared(tmp_path_factory, tiny_embedder):
    """The sharer's library with a cut of the generated film, and that cut's recipe file."""
    root = tmp_path_factory.mktemp("cli_recipe")
    original = film(root / "film.mp4")
    library = root / "sharer"
    [result] = ingest([original], library, tiny_embedder, faces=False)
    version = make_cut(library, result.video.id, CUT, "only the bars")
    out = root / "cut.pcut.json"
    assert main(["recipe", "export", version, "--out", str(out), "--library", str(library)]) == 0
    return root, original, out


def test_export_writes_a_recipe(shared, capsys) -> None:
    _, _, out = shared
    data = json.loads(out.read_text())
    assert data["format"] == "personalcut-recipe" and data["version"] == 2
    assert [(c["in_frame"], c["out_frame"]) for c in data["history"][-1]["clips"]] == CUT
    assert data["history"][-1]["turn"] == "only the bars"


@pytest.mark.parametrize("edition", ["leader", "pal", "letterboxed"])
def test_apply_lands_every_boundary_within_a_frame(shared, edition, tmp_path, capsys) -> None:
    root, original, recipe = shared
    copy = tmp_path / "copy.mp4"
    made = {"leader": lambda: with_leader(original, copy, Fraction(24), 320, 180),
            "pal": lambda: pal_speedup(original, copy, Fraction(24)),
            "letterboxed": lambda: letterboxed(original, copy, Fraction(24))}[edition]()
    library = tmp_path / "viewer"
    capsys.readouterr()
    code = main(["recipe", "apply", str(recipe), "--video", str(made.path), "--library", str(library),
                 "--clip-model", "tiny-random", "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    for clip, (first, end) in zip(result["clips"], CUT, strict=True):
        assert abs(clip["in_frame"] - made.to_copy(first)) <= 1
        assert abs(clip["out_frame"] - made.to_copy(end)) <= 1
        assert 0.5 < clip["confidence"] <= 1 and clip["sure"]
    assert result["placed"] == "3 clips placed, all sure." and result["privacy_notes"] == []
    [source] = result["sources"]
    assert source["visual_agreement"] is not None
    # Every cut is found again with its look; with bars added, ingest may pick other keyframes of these
    # moving test patterns, so there only the frames are held to the truth.
    if edition != "letterboxed":
        assert source["visual_agreement"] == 1.0
    expected_offset = 3.5 if edition == "leader" else 0.0
    assert source["offset"] == pytest.approx(expected_offset, abs=0.03)
    versions = SessionStore(library).versions(result["session"])
    assert [v.turn for v in versions] == ["", "only the bars"]  # the chat history came along
    assert versions[-1].id == result["version"]


def test_a_blur_that_changes_on_the_viewers_library_is_said(shared, tmp_path, capsys) -> None:
    """The sharer blurred everyone but two people this library has no names for: the viewer's cut blurs
    everyone (fail safe), and the apply's answer says so, not only the version's note."""
    root, _, _ = shared
    library = tmp_path / "library"
    shutil.copytree(root / "sharer", library)
    recipe = tmp_path / "private.pcut.json"
    write_recipe(build_recipe(library, cut_with_plan(library, CUT)), recipe)
    capsys.readouterr()
    assert main(["recipe", "apply", str(recipe), "--library", str(library)]) == 0
    out = capsys.readouterr().out
    assert "  blur: #3, #5 not found among the named people of your library: everyone is blurred\n" in out


def test_apply_to_another_film_is_refused_and_creates_nothing(shared, tmp_path, tiny_embedder,
                                                               capsys) -> None:
    _, _, recipe = shared
    library = tmp_path / "viewer"
    ingest([film(tmp_path / "other.mp4", seed=11)], library, tiny_embedder, faces=False)
    assert main(["recipe", "apply", str(recipe), "--library", str(library)]) == 2
    err = capsys.readouterr().err
    assert "no video in the library is source 1" in err
    assert f"(add your copy: personalcut ingest FILE --library {library}, or name them with --video" in err
    assert SessionStore(library).recent_sessions() == []


def test_bad_input_is_a_clear_error(shared, tmp_path, capsys) -> None:
    root, _, recipe = shared
    bad = tmp_path / "bad.pcut.json"
    bad.write_text(recipe.read_text().replace('"fps_num": 24', '"fps_num": -24'))
    assert main(["recipe", "apply", str(bad), "--library", str(root / "sharer")]) == 2
    assert "invalid recipe: sources.0.fps_num" in capsys.readouterr().err
    assert main(["recipe", "export", "nosuchversion", "--out", str(tmp_path / "x.pcut.json"), "--library",
                 str(root / "sharer")]) == 2
    assert "no version" in capsys.readouterr().err
    assert not (tmp_path / "x.pcut.json").exists()
