"""Dialogue at ingest: sidecar lines stored and searchable, sidecars added later picked up, ASR skipped
or unavailable without failing a video, and real speech recognised with the local Whisper fixture."""

from __future__ import annotations

import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

from index.asr import AsrUnavailable, local_whisper_base
from index.dialogue import ASR_OFF, cues_for, search_dialogue
from index.ingest import ingest
from tests.index.test_cli_index import run
from tests.media_factory import hard_cuts, run_ffmpeg, single_shot

SRT = """1
00:00:00,200 --> 00:00:01,400
The dragon sleeps under the mountain.

2
00:00:01,600 --> 00:00:02,800
Bring the lantern, we leave at dawn.
"""


@pytest.fixture(scope="module")
def talking_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 3 s clip with an audio track (a tone: nothing to recognise) and no subtitles beside it."""
    return single_shot(tmp_path_factory.mktemp("talk") / "talk.mp4", frames=75, audio=True).path


def _folder_with(clip: Path, tmp_path: Path, sidecar: str | None) -> Path:
    video = tmp_path / "media" / clip.name
    video.parent.mkdir()
    shutil.copy(clip, video)
    if sidecar is not None:
        video.with_suffix(".en.srt").write_text(sidecar)
    return video


def test_a_sidecar_is_stored_and_its_lines_found(talking_clip, tmp_path, capsys) -> None:
    video = _folder_with(talking_clip, tmp_path, SRT)
    library = tmp_path / "lib"
    code, out, err = run(capsys, "ingest", str(video), "--library", str(library),
                         "--clip-model", "tiny-random")
    assert code == 0
    assert out.splitlines()[0].startswith("added") and "1 shot, 2 lines (sidecar talk.en.srt)" in out
    [hit, *_] = search_dialogue(library, "the lantern")
    assert hit.cue.text == "Bring the lantern, we leave at dawn." and hit.shot_indices == (0,)
    assert ASR_OFF not in err and "talk.mp4:" not in err  # a sidecar needs no speech recognition


def test_a_sidecar_added_later_is_picked_up_on_reingest(talking_clip, tmp_path, tiny_embedder) -> None:
    video = _folder_with(talking_clip, tmp_path, None)
    library = tmp_path / "lib"
    [first] = ingest([video], library, tiny_embedder)  # no ASR asked for, no subtitles yet
    assert (first.status, first.dialogue_source, first.cues) == ("added", "none", 0)
    video.with_suffix(".en.srt").write_text(SRT)
    [again] = ingest([video], library, tiny_embedder)
    assert (again.status, again.dialogue_source, again.cues) == ("unchanged", "sidecar", 2)
    assert [c.text for c in cues_for(library, again.video.id)][0] == "The dragon sleeps under the mountain."


def test_unavailable_asr_is_one_warning_and_no_asr_none(talking_clip, tmp_path, capsys) -> None:
    video = _folder_with(talking_clip, tmp_path, None)
    other = video.with_name("other.mp4")
    single_shot(other, frames=30, audio=True)
    library = tmp_path / "lib"
    code, out, err = run(capsys, "ingest", str(video), str(other), "--library", str(library),
                         "--clip-model", "tiny-random", "--asr-model", str(tmp_path / "no-such-whisper"))
    assert code == 0 and [line.split()[0] for line in out.splitlines()[:2]] == ["added", "added"]
    assert err.count(ASR_OFF) == 1 and "no-such-whisper" in err  # once for the batch, naming the model
    assert "no dialogue" in out.splitlines()[0]

    code, out, err = run(capsys, "ingest", str(video), "--library", str(library), "--no-asr")
    assert code == 0 and out.startswith("unchanged") and ASR_OFF not in err


def test_unavailable_asr_is_a_flag_on_the_result(talking_clip, tmp_path, tiny_embedder) -> None:
    """Callers (the app) read ``asr_unavailable``, not the warning's wording; the batch stops asking."""
    video = _folder_with(talking_clip, tmp_path, None)
    other = single_shot(video.with_name("other.mp4"), frames=30, audio=True).path
    first, second = ingest([video, other], tmp_path / "lib", tiny_embedder,
                           asr_model=str(tmp_path / "no-such-whisper"))
    assert (first.status, first.dialogue_source, first.asr_unavailable) == ("added", "none", True)
    assert (second.status, second.asr_unavailable) == ("added", False)  # not asked again


def test_speech_is_recognised_when_there_are_no_subtitles(tmp_path) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install -y espeak-ng) to synthesise real speech")
    pytest.importorskip("faster_whisper", reason="faster-whisper is not installed (personalcut[asr])")
    try:
        whisper = local_whisper_base()
    except AsrUnavailable as exc:
        pytest.skip(str(exc))
    speech = tmp_path / "speech.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(speech),
                    "Please call me tomorrow morning."], check=True)
    video = tmp_path / "spoken.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-i", str(speech), "-shortest",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", str(video)])
    from index.clip_factory import create_embedder

    [result] = ingest([video], tmp_path / "lib", create_embedder("tiny-random"), asr_model=str(whisper))
    assert result.status == "added" and result.dialogue_source == "asr", result.warnings
    assert result.cues >= 1 and result.dialogue_origin == str(whisper)
    [hit, *_] = search_dialogue(tmp_path / "lib", "call me tomorrow")
    assert hit.cue.source == "asr" and "tomorrow" in hit.cue.text.lower()


def test_a_microdvd_sidecar_is_timed_with_the_video_frame_rate(tmp_path, tiny_embedder) -> None:
    """Frames in ``VIDEO.sub`` count this 20 fps video's frames: at 25 fps the second line would start
    in the first shot; at 20 fps it starts after the cut at frame 40 (2.0 s)."""
    (tmp_path / "media").mkdir()
    video = hard_cuts(tmp_path / "media" / "frames.mp4", lengths=(40, 40), fps=20).path
    video.with_suffix(".sub").write_text("{10}{30}Light the signal fire.\n{oops}{9}\n{44}{70}Nobody came.\n")
    library = tmp_path / "lib"
    [result] = ingest([video], library, tiny_embedder)
    assert (result.status, result.dialogue_source, result.cues) == ("added", "sidecar", 2)
    assert result.dialogue_origin == str(video.with_suffix(".sub"))
    assert any("frames.sub: line 2: skipped cue" in w for w in result.warnings)  # the broken line, named
    cues = cues_for(library, result.video.id)
    assert [(c.start, c.end, c.text) for c in cues] == [
        (Fraction(1, 2), Fraction(3, 2), "Light the signal fire."),
        (Fraction(11, 5), Fraction(7, 2), "Nobody came."),
    ]
    [hit, *_] = search_dialogue(library, "nobody came")
    assert hit.cue.text == "Nobody came." and hit.shot_indices == (1,)
