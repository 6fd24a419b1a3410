"""Scene eval: interval arithmetic on hand-made ranges, annotation errors, and the command end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluate import AnnotationError, load_annotations
from index.time_ranges import temporal_scores, union
from tests.media_factory import SHARED
from ui.cli import main

DEV_FILE = SHARED / "eval" / "dev_scenes.yaml"
MEDIA = SHARED / "media"


def test_union_merges_and_sorts() -> None:
    assert union([(5, 7), (0, 2), (1, 3), (7, 8), (4, 4)]) == [(0, 3), (5, 8)]


@pytest.mark.parametrize(("predicted", "truth", "expected"), [
    ([(0, 10)], [(5, 15)], (0.5, 0.5, 0.5)),
    ([(0, 4)], [(0, 2), (3, 11)], (0.75, 0.3, 3 / 7)),  # shared 2 + 1 = 3 s of 4 predicted, 10 true
    ([(0, 2), (1, 3)], [(0, 3)], (1.0, 1.0, 1.0)),  # overlapping predictions count once
    ([], [(0, 3)], (0.0, 0.0, 0.0)),
    ([(10, 12)], [(0, 3)], (0.0, 0.0, 0.0)),
])
def test_temporal_precision_recall_f1(predicted, truth, expected) -> None:
    score = temporal_scores(predicted, truth)
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected)


def test_bad_annotations_say_what_is_wrong(tmp_path) -> None:
    cases = {
        "expected a mapping": "- a\n- b\n",
        "needs 'duration'": "a.mp4: {queries: {x: [[0, 1]]}}\n",
        "out-of-range": "a.mp4: {duration: 5, queries: {x: [[4, 9]]}}\n",
        "ranges must be": "a.mp4: {duration: 5, queries: {x: [[1]]}}\n",
    }
    for words, text in cases.items():
        path = tmp_path / "a.yaml"
        path.write_text(text)
        with pytest.raises(AnnotationError, match=words):
            load_annotations(path)
    with pytest.raises(AnnotationError, match="cannot read"):
        load_annotations(tmp_path / "missing.yaml")


def test_dev_annotations_load() -> None:
    if not DEV_FILE.is_file():
        pytest.skip("no shared dev annotations")
    clips = load_annotations(DEV_FILE)
    assert {c.file for c in clips} >= {"nasa_13013_jwst_mirror.mp4"}
    assert all(c.queries for c in clips)


def _run_eval(capsys, annotations: Path, media: Path, library: Path) -> dict:
    code = main([
        "eval", "scenes", "--annotations", str(annotations), "--media-dir", str(media),
        "--library", str(library), "--clip-model", "tiny-random", "--json",
    ])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_eval_end_to_end_on_generated_clip(small_library_copy, tmp_path, capsys) -> None:
    cuts = small_library_copy.clips[0]  # 4 shots, cuts at 1.6 s, 2.8 s, 4.8 s; already ingested
    assert cuts.cuts == (40, 70, 120)
    media = cuts.path.parent
    annotations = tmp_path / "ann.yaml"
    annotations.write_text(f'{cuts.path.name}:\n  duration: 6.2\n  queries:\n'
                           '    "colour bars": [[1.6, 2.8]]\n    "a red screen": [[2.8, 4.8]]\n')
    report = _run_eval(capsys, annotations, media, small_library_copy.dir)
    assert report["meaningless_for_quality"] is True and report["model"].startswith("tiny-random")
    assert [q["query"] for q in report["queries"]] == ["colour bars", "a red screen"]
    for q in report["queries"]:
        expected = temporal_scores([tuple(p) for p in q["predicted"]], [tuple(t) for t in q["truth"]])
        assert (q["precision"], q["recall"], q["f1"]) == pytest.approx(
            (expected.precision, expected.recall, expected.f1))
        assert all(0 <= a < b <= 6.2 for a, b in q["predicted"])
    mean_f1 = sum(q["f1"] for q in report["queries"]) / 2
    assert report["mean"]["f1"] == pytest.approx(mean_f1)
    # a missing media file is a clear error, not a traceback
    code = main(["eval", "scenes", "--annotations", str(annotations), "--media-dir", str(tmp_path),
                 "--library", str(tmp_path / "lib")])
    assert code == 2 and cuts.path.name in capsys.readouterr().err


@pytest.mark.slow
def test_eval_on_the_real_dev_file(tmp_path, capsys) -> None:
    if not DEV_FILE.is_file() or not MEDIA.is_dir():
        pytest.skip("no shared media")
    report = _run_eval(capsys, DEV_FILE, MEDIA, tmp_path / "lib")
    assert len(report["queries"]) == sum(len(c.queries) for c in load_annotations(DEV_FILE))
    assert report["meaningless_for_quality"] is True
    assert 0 <= report["mean"]["f1"] <= 1
