"""Speech recognition: real speech (espeak-ng) through the Whisper base CTranslate2 fixture.

Ground truth comes from the audio itself: each phrase is synthesised separately and placed at a
known offset, and its first/last loud sample gives when speech really starts and ends.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from index.asr import AsrUnavailable, load_whisper, local_whisper_base, transcribe, words_to_cues
from index.dialogue import index_dialogue, search_dialogue
from index.shot import Shot, VideoInfo
from index.subtitles import TimedText
from tests.media_factory import run_ffmpeg

RATE = 16000
# (text, where it is placed in seconds); a long pause between them makes two cues
PHRASES = (("The quick brown fox jumps over the lazy dog.", 1.0), ("Please call me tomorrow morning.", 6.5))
TOLERANCE = 0.5


def _speak(text: str, path: Path) -> np.ndarray:
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
    with wave.open(str(path)) as wav:
        rate, data = wav.getframerate(), wav.readframes(wav.getnframes())
    samples = np.frombuffer(data, dtype=np.int16).astype(np.float32) / 32768
    return np.interp(np.arange(0, len(samples) * RATE / rate) * rate / RATE, np.arange(len(samples)), samples)


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[float, float]]]:
    """A 10 s mono wav with two phrases, and the true (start, end) of each."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install -y espeak-ng) to synthesise real speech")
    base = tmp_path_factory.mktemp("speech")
    track = np.zeros(10 * RATE, dtype=np.float32)
    truth = []
    for i, (text, at) in enumerate(PHRASES):
        voice = _speak(text, base / f"p{i}.wav")
        loud = np.flatnonzero(np.abs(voice) > 0.02 * np.abs(voice).max())
        first = int(at * RATE)
        track[first:first + len(voice)] += voice
        truth.append((at + loud[0] / RATE, at + loud[-1] / RATE))
    out = base / "speech.wav"
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes((np.clip(track, -1, 1) * 32767).astype(np.int16).tobytes())
    return out, truth


@pytest.fixture(scope="module")
def whisper_dir() -> Path:
    pytest.importorskip("faster_whisper", reason="faster-whisper is not installed (personalcut[asr])")
    try:
        return local_whisper_base()
    except AsrUnavailable as exc:
        pytest.skip(str(exc))


def test_fixture_model_is_assembled_from_both_parts(whisper_dir: Path) -> None:
    assert {p.name for p in whisper_dir.iterdir()} >= {"model.bin", "config.json", "tokenizer.json",
                                                        "vocabulary.txt"}
    assert whisper_dir.joinpath("model.bin").stat().st_size > 140_000_000
    assert local_whisper_base() == whisper_dir  # second call reuses the assembled copy


def test_words_land_at_the_right_times(speech, whisper_dir: Path) -> None:
    path, truth = speech
    transcript = transcribe(path, str(whisper_dir), language="en")
    text = " ".join(w.text for w in transcript.words).lower()
    for word in ("quick", "brown", "fox", "lazy", "dog", "tomorrow", "morning"):
        assert word in text
    assert len(transcript.cues) == 2, transcript.cues
    for cue, (start, end) in zip(transcript.cues, truth, strict=True):
        assert abs(float(cue.start) - start) <= TOLERANCE, (cue, start)
        assert abs(float(cue.end) - end) <= TOLERANCE, (cue, end)
    fox = next(w for w in transcript.words if "fox" in w.text.lower())
    assert truth[0][0] < float(fox.start) < truth[0][1]
    morning = next(w for w in transcript.words if "morning" in w.text.lower())
    assert abs(float(morning.end) - truth[1][1]) <= TOLERANCE
    assert all(isinstance(w.start, Fraction) and w.end > w.start for w in transcript.words)


def test_words_group_into_cues_at_sentences_and_pauses() -> None:
    def w(start: float, end: float, text: str) -> TimedText:
        return TimedText(Fraction(str(start)), Fraction(str(end)), text)

    words = [w(0, 0.5, "Hello"), w(0.5, 1, "there."), w(1.1, 1.5, "How"), w(1.5, 2, "are"),
             w(3.5, 4, "you"), w(4, 4.5, "today")]
    cues = words_to_cues(words)
    assert [(c.text, c.start, c.end) for c in cues] == [
        ("Hello there.", 0, 1),
        ("How are", Fraction(11, 10), 2),
        ("you today", Fraction(7, 2), Fraction(9, 2)),
    ]
    long_run = [w(i * 0.4, i * 0.4 + 0.3, "word") for i in range(40)]
    assert all(float(c.end - c.start) <= 6.0 for c in words_to_cues(long_run))


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("faster_whisper", reason="without faster-whisper the error is about the package")
    with pytest.raises(AsrUnavailable, match="not a CTranslate2 Whisper model"):
        load_whisper(str(tmp_path))
    with pytest.raises(AsrUnavailable, match="does not exist"):
        load_whisper(str(tmp_path / "nope"))
    # offline this cannot be downloaded; online it does not exist: either way a clear error, not a crash
    with pytest.raises(AsrUnavailable, match="--no-asr") as raised:
        load_whisper("personalcut-tests/no-such-whisper-model")
    assert "\n" not in str(raised.value) and len(str(raised.value)) < 500  # one line, not the hub's advice


def test_video_without_subtitles_gets_dialogue_from_speech(speech, whisper_dir: Path, tmp_path: Path) -> None:
    wav, truth = speech
    video = tmp_path / "talk.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "color=c=gray:s=64x48:r=24:d=10", "-i", str(wav), "-shortest",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(video)])
    info = VideoInfo("talk", str(video), Fraction(10), Fraction(24), 64, 48, 240, "h264", True)
    shots = [Shot("talk", 0, 0, 120, Fraction(0), Fraction(5)),
             Shot("talk", 1, 120, 240, Fraction(5), Fraction(10))]
    report = index_dialogue(info, shots, tmp_path / "lib", asr_model=str(whisper_dir))
    assert (report.source, report.cues, report.shot_links) == ("asr", 2, 2), report
    (hit, *_) = search_dialogue(tmp_path / "lib", "call me tomorrow")
    assert hit.cue.source == "asr" and hit.shot_indices == (1,)
    assert abs(float(hit.cue.start) - truth[1][0]) <= TOLERANCE
    again = index_dialogue(info, shots, tmp_path / "lib", asr_model=str(whisper_dir))
    assert again.unchanged and again.cues == 2  # not recognised twice
