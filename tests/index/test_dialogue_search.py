"""Dialogue indexing and search end to end: real SQLite FTS5, FAISS and the MiniLM fixture model."""

from __future__ import annotations

import contextlib
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from index.db import connect
from index.dialogue import (
    DIALOGUE_MIN_SCORE,
    Cue,
    CueHit,
    cues_for,
    dialogue_clip_range,
    index_dialogue,
    search_dialogue,
    shot_dialogue_scores,
)
from index.dialogue_index import DialogueVectors
from index.library_paths import LibraryPaths
from index.shot import Shot, VideoInfo
from tests.media_factory import SHARED_MEDIA, run_ffmpeg, single_shot

MEDIA = SHARED_MEDIA
TEARS = MEDIA / "tears_of_steel_opening_64s_512x120.mp4"
TEARS_VTT = MEDIA / "tears_of_steel_opening_64s.en.vtt"
FPS = Fraction(24)


def _video(path: Path, video_id: str, seconds: int, has_audio: bool = False) -> VideoInfo:
    return VideoInfo(video_id, str(path), Fraction(seconds), FPS, 64, 48, seconds * 24, "h264", has_audio)


def _shots(video_id: str, seconds: int, every: int = 4) -> list[Shot]:
    return [
        Shot(video_id, i, t * 24, end * 24, Fraction(t), Fraction(end))
        for i, t in enumerate(range(0, seconds, every))
        for end in [min(t + every, seconds)]
    ]


@pytest.fixture(scope="module")
def tears_library(tmp_path_factory: pytest.TempPathFactory, sentence_model) -> Path:
    """The Tears of Steel opening with its English subtitles as a sidecar, indexed once."""
    if not (TEARS.exists() and TEARS_VTT.exists()):
        pytest.skip(f"real test media not found in {MEDIA}")
    media = tmp_path_factory.mktemp("tears_media")
    shutil.copy(TEARS, media / "tears.mp4")
    shutil.copy(TEARS_VTT, media / "tears.en.vtt")
    library = tmp_path_factory.mktemp("tears_library")
    report = index_dialogue(_video(media / "tears.mp4", "tears", 64, True), _shots("tears", 64), library,
                            use_asr=False, embedder=sentence_model)
    assert (report.source, report.cues, report.vectors_added, report.warnings) == ("sidecar", 10, 10, ())
    return library


def test_a_line_in_the_film_hits_its_cue(tears_library: Path) -> None:
    hits = search_dialogue(tears_library, "you're a jerk")
    top = hits[0]
    assert top.cue.text == "You're a jerk, Thom."
    assert top.cue.start <= 23 < top.cue.end
    assert top.signal in ("words", "both") and top.score >= DIALOGUE_MIN_SCORE
    assert top.shot_indices == (5, 6)  # 23.0-24.5 s spans the shots cut at 20 s and 24 s


def test_a_line_not_in_the_film_is_no_match(tears_library: Path) -> None:
    for text in ("where is the treasure map", "the dragon breathes fire", "I love you"):
        assert search_dialogue(tears_library, text) == [], text
        ranked = search_dialogue(tears_library, text, min_score=0)  # candidates exist, all below the bar
        assert all(h.score < DIALOGUE_MIN_SCORE for h in ranked)


def test_a_paraphrase_matches_by_meaning(tears_library: Path) -> None:
    (top, *_) = search_dialogue(tears_library, "I dream of being hunted by huge metal claws")
    assert top.cue.text == "chased... by these giant robotic claws of death..."
    assert top.signal == "meaning" and top.meaning > top.words
    assert search_dialogue(tears_library, "she has a robot hand")[0].signal == "both"  # shares its words


def test_user_text_is_never_fts_syntax(tears_library: Path) -> None:
    for text in ('AND OR NOT "*', "NEAR(a b)", "text:jerk", '"unbalanced', "*", "-", "^jerk", "{a b}: c",
                 "x' OR 1=1; DROP TABLE dialogue_cues; --", "", "   ", "\u00bf?"):
        search_dialogue(tears_library, text)  # must not raise
    assert search_dialogue(tears_library, "jerk*")[0].cue.text == "You're a jerk, Thom."
    assert search_dialogue(tears_library, "ROBOTIC claws")[0].cue.text.startswith("chased")
    assert len(cues_for(tears_library, "tears")) == 10  # the injection attempt dropped nothing


def test_cues_keep_exact_times(tears_library: Path) -> None:
    cues = cues_for(tears_library, "tears")
    assert [c.index for c in cues] == list(range(10))
    assert cues[6] == Cue("tears", 6, Fraction(38001, 1000), Fraction(40068, 1000),
                          "I'm freaked out! I have nightmares that I'm being", "sidecar")
    assert cues_for(tears_library, "no-such-video") == []


@pytest.fixture()
def small_videos(tmp_path: Path) -> tuple[Path, Path]:
    """Two 4 s silent clips in one folder (tiny, generated)."""
    a, b = tmp_path / "a.mp4", tmp_path / "b.mp4"
    single_shot(a, frames=96, fps=24)
    shutil.copy(a, b)
    return a, b


def _srt(*lines: tuple[float, float, str]) -> str:
    def ts(t: float) -> str:
        return f"00:00:{int(t):02d},{round((t % 1) * 1000):03d}"

    return "\n".join(f"{i}\n{ts(s)} --> {ts(e)}\n{text}\n" for i, (s, e, text) in enumerate(lines, 1))


def test_reindex_is_idempotent_and_a_changed_sidecar_replaces_cues(
    small_videos, tmp_path, sentence_model
) -> None:
    video, _ = small_videos
    library = tmp_path / "lib"
    sidecar = video.with_suffix(".srt")
    sidecar.write_text(_srt((0.5, 1.5, "The café is closed."), (2.0, 3.0, "Meet me at the harbour.")))
    info, shots = _video(video, "a", 4), _shots("a", 4, every=2)
    first = index_dialogue(info, shots, library, use_asr=False, embedder=sentence_model)
    again = index_dialogue(info, shots, library, use_asr=False, embedder=sentence_model)
    assert (first.unchanged, first.cues, first.shot_links) == (False, 2, 2)
    assert (again.unchanged, again.cues, again.vectors_added) == (True, 2, 0)
    sidecar.write_text(_srt((1.0, 3.5, "Everything changed.")))
    changed = index_dialogue(info, shots, library, use_asr=False, embedder=sentence_model)
    assert (changed.unchanged, changed.cues, changed.shot_links) == (False, 1, 2)
    assert [c.text for c in cues_for(library, "a")] == ["Everything changed."]
    with contextlib.closing(connect(library)) as conn:
        db_ids = {r[0] for r in conn.execute("SELECT id FROM dialogue_cues")}
    assert DialogueVectors.load(library).ids() == db_ids  # stale vectors went with the old cues
    assert search_dialogue(library, "harbour") == []
    sidecar.unlink()  # no source any more: the stored cues stay, now linked to re-detected shots
    kept = index_dialogue(info, _shots("a", 4, every=1), library, use_asr=False, embedder=sentence_model)
    assert (kept.source, kept.unchanged, kept.cues, kept.shot_links) == ("sidecar", True, 1, 3)
    assert search_dialogue(library, "everything changed")[0].shot_indices == (1, 2, 3)


def test_diacritics_stemming_and_video_filter(small_videos, tmp_path, sentence_model) -> None:
    a, b = small_videos
    a.with_suffix(".srt").write_text(_srt((0.5, 1.5, "Un café crème, s'il vous plaît.")))
    b.with_suffix(".en.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nThe runners were running home.\n")
    library = tmp_path / "lib"
    for path, vid in ((a, "a"), (b, "b")):
        index_dialogue(_video(path, vid, 4), _shots(vid, 4), library, use_asr=False, embedder=sentence_model)
    (hit,) = search_dialogue(library, "cafe creme", k=1)
    assert hit.cue.video_id == "a" and hit.signal in ("words", "both") and hit.words == 1.0
    assert search_dialogue(library, "run home")[0].cue.video_id == "b"  # porter: running ~ run
    only_b = search_dialogue(library, "cafe creme", video_ids=["b"], min_score=0)
    assert only_b and all(h.cue.video_id == "b" for h in only_b)
    assert search_dialogue(library, "cafe creme", video_ids=[]) == []


def test_sidecar_beats_embedded_stream_and_asr_can_be_skipped(tmp_path: Path, sentence_model) -> None:
    srt = tmp_path / "embedded.srt"
    srt.write_text(_srt((0.5, 1.5, "From the embedded stream.")))
    video = tmp_path / "film.mkv"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=64x48:rate=24:duration=2", "-i", str(srt),
                "-c:v", "libx264", "-preset", "ultrafast", "-c:s", "srt", str(video)])
    info, shots, library = _video(video, "f", 2), _shots("f", 2), tmp_path / "lib"
    video.with_suffix(".srt").write_text(_srt((0.25, 1.0, "From the sidecar.")))
    assert index_dialogue(info, shots, library, use_asr=False, embedder=sentence_model).source == "sidecar"
    video.with_suffix(".srt").unlink()
    report = index_dialogue(info, shots, library, use_asr=False, embedder=sentence_model)
    assert (report.source, report.origin) == ("embedded", "stream 0 (srt, und)")
    assert [(c.text, c.source) for c in cues_for(library, "f")] == [("From the embedded stream.", "embedded")]
    bare = tmp_path / "bare.mp4"
    single_shot(bare, frames=24, fps=24)
    nothing = index_dialogue(_video(bare, "bare", 1), _shots("bare", 1), library, use_asr=False)
    assert (nothing.source, nothing.cues) == ("none", 0)


def test_unavailable_asr_is_a_warning_not_a_failure(tmp_path: Path, sentence_model) -> None:
    video = tmp_path / "talk.mp4"
    single_shot(video, frames=24, fps=24, audio=True)
    report = index_dialogue(_video(video, "talk", 1, has_audio=True), _shots("talk", 1), tmp_path / "lib",
                            asr_model=str(tmp_path / "no-model-here"), embedder=sentence_model)
    assert report.source == "none"
    assert any("does not exist" in w for w in report.warnings), report.warnings


def test_a_corrupt_vector_index_degrades_to_words_then_is_rebuilt(
    small_videos, tmp_path, sentence_model
) -> None:
    video, _ = small_videos
    video.with_suffix(".srt").write_text(_srt((0.5, 1.5, "Lighthouse keepers never sleep.")))
    library, info = tmp_path / "lib", _video(video, "a", 4)
    index_dialogue(info, _shots("a", 4), library, use_asr=False, embedder=sentence_model)
    LibraryPaths(library).dialogue_faiss.write_bytes(b"garbage")
    (hit,) = search_dialogue(library, "lighthouse keepers")
    assert hit.signal == "words" and hit.meaning == 0.0
    report = index_dialogue(info, _shots("a", 4), library, use_asr=False, embedder=sentence_model)
    assert report.unchanged and report.vectors_added == 1
    assert search_dialogue(library, "lighthouse keepers")[0].signal == "both"


def _cue(start: str, end: str) -> Cue:
    return Cue("v", 0, Fraction(start), Fraction(end), "line", "sidecar")


def test_clip_range_snaps_out_to_nearby_cuts_and_never_cuts_inside_the_line() -> None:
    shots = [Shot("v", i, f, g, Fraction(f, 24), Fraction(g, 24)) for i, (f, g) in
             enumerate([(0, 48), (48, 120), (120, 240)])]  # cuts at 2 s and 5 s
    assert dialogue_clip_range(_cue("2.5", "4.5"), shots, FPS) == (48, 120)  # both cuts within 0.75 s
    assert dialogue_clip_range(_cue("3", "4"), shots, FPS) == (72, 96)  # cuts too far: exact frames
    assert dialogue_clip_range(_cue("3.01", "3.99"), shots, FPS) == (72, 96)  # floor in, ceil out
    assert dialogue_clip_range(_cue("1.9", "5.1"), shots, FPS) == (45, 123)  # cuts inside the line: ignored
    assert dialogue_clip_range(_cue("0.2", "9.9"), shots, FPS) == (0, 240)  # clamped to the video
    assert dialogue_clip_range(_cue("2.5", "4.5"), shots, FPS, pad_to_shot_within=0.1) == (60, 108)


def test_clip_range_uses_shot_frames_for_vfr_and_offset_streams() -> None:
    # a stream whose first frame is at 10 s (pts offset): frame numbers count from the shot, not from 0
    shots = [Shot("v", 0, 0, 240, Fraction(10), Fraction(20))]
    assert dialogue_clip_range(_cue("13", "14"), shots, FPS) == (72, 96)
    assert dialogue_clip_range(_cue("13", "14"), [], FPS) == (312, 336)  # no shots: plain time * fps


def test_shot_scores_take_the_best_line_overlapping_each_shot() -> None:
    shots = _shots("v", 8, every=2)  # [0,2) [2,4) [4,6) [6,8)
    hits = [CueHit(_cue("1", "3"), 0.6, "words"), CueHit(_cue("3.5", "4.5"), 0.9, "meaning")]
    scores, lines = shot_dialogue_scores(hits, shots)
    assert scores.tolist() == [0.6, 0.9, 0.9, 0.0]
    assert lines == ("line", "line", "line", None)
    assert shot_dialogue_scores([], shots)[0].tolist() == [0.0] * 4


def test_chinese_lines_are_found_inside_their_text(tmp_path: Path, sentence_model) -> None:
    """Chinese has no spaces, so FTS5 makes each run of it one token; a search for "烟花" must still find
    "看，烟花！" and "我们去放烟花吧", and "我爱你" the line that says it, by the pieces inside the text."""
    clip = single_shot(tmp_path / "zh.mp4", frames=240).path
    (tmp_path / "zh.zh.srt").write_text(
        "1\n00:00:01,000 --> 00:00:02,000\n看，烟花！\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n我们去放烟花吧\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\n我爱你，妈妈\n\n"
        "4\n00:00:07,000 --> 00:00:08,000\n今天下雨了\n", encoding="utf-8")
    library = tmp_path / "library"
    report = index_dialogue(_video(clip, "zh", 10), _shots("zh", 10), library, use_asr=False,
                            embedder=sentence_model)
    assert report.cues == 4
    fireworks = search_dialogue(library, "烟花", language="zh")
    assert sorted(h.cue.text for h in fireworks) == ["我们去放烟花吧", "看，烟花！"]
    assert all(h.signal == "words" and h.words == 1.0 for h in fireworks)
    assert [h.cue.text for h in search_dialogue(library, "我爱你", language="zh")] == ["我爱你，妈妈"]
    assert search_dialogue(library, "狗", language="zh") == []  # no dog in any line
