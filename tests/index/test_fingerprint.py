"""Fingerprints: computed at ingest and stored with the video, computed later for older videos, robust to
re-encoding and letterboxing, distinct between different content."""

from __future__ import annotations

import contextlib
from fractions import Fraction

import numpy as np
import pytest

from index import fingerprint as fingerprint_module
from index import fingerprint_store
from index.db import connect
from index.fingerprint import (
    HOP,
    SAMPLE_RATE,
    audio_fingerprint,
    audio_words,
    decode_audio,
    perceptual_hash,
    popcount,
    words_at,
)
from index.library import Library
from tests.recipe_media import film, reencoded


def _stored(library_dir, video_id):
    with contextlib.closing(connect(library_dir)) as conn:
        return fingerprint_store.get(conn, video_id)


def test_ingest_stores_a_fingerprint_per_video(small_library) -> None:
    library = Library.open(small_library.dir)
    try:
        for clip, video_id in zip(small_library.clips, small_library.video_ids, strict=True):
            stored = _stored(small_library.dir, video_id)
            shots = library.shots(video_id)
            assert stored is not None
            np.testing.assert_allclose(stored.shot_starts, [float(s.start) for s in shots])
            assert stored.shot_hashes.size == len(shots) == len(clip.cuts) + 1
            assert stored.duration == pytest.approx(clip.frames / clip.fps, abs=0.1)
    finally:
        library.close()
    silent, sounding = (_stored(small_library.dir, v) for v in small_library.video_ids)
    assert silent.audio.size == 0  # the hard-cut clip has no audio: no words, and the ingest still worked
    expected = (sounding.duration * SAMPLE_RATE) // HOP
    assert abs(sounding.audio.size - expected) <= 8


def test_a_video_without_one_gets_it_on_first_need(small_library_copy) -> None:
    video_id = small_library_copy.video_ids[1]
    before = _stored(small_library_copy.dir, video_id)
    with contextlib.closing(connect(small_library_copy.dir)) as conn:
        conn.execute("DELETE FROM fingerprints")
        conn.commit()
    assert _stored(small_library_copy.dir, video_id) is None
    computed = fingerprint_store.ensure_fingerprint(small_library_copy.dir, video_id)
    np.testing.assert_array_equal(computed.audio, before.audio)
    # pHashes come from the kept keyframe JPEGs now: a few bits may differ from the decoded frames'
    assert computed.shot_hashes.size == before.shot_hashes.size
    assert popcount(computed.shot_hashes ^ before.shot_hashes).max() <= 6
    np.testing.assert_array_equal(_stored(small_library_copy.dir, video_id).audio, before.audio)


def test_words_at_any_position_match_the_grid(tmp_path) -> None:
    pcm = decode_audio(film(tmp_path / "film.mp4"))
    grid = audio_words(pcm)
    positions = np.arange(1, 50) * HOP
    np.testing.assert_array_equal(words_at(pcm, positions), grid[1:50])


@pytest.mark.parametrize("chunk_bytes", [4099, 1 << 20])  # reads that split samples and windows; whole
def test_words_computed_as_the_audio_decodes_equal_the_whole_pcm_words(tmp_path, monkeypatch,
                                                                       chunk_bytes: int) -> None:
    """The ingest's streamed fingerprint (flat memory at any film length) is exactly the stored grid."""
    path = film(tmp_path / "film.mp4")
    monkeypatch.setattr(fingerprint_module, "PCM_CHUNK_BYTES", chunk_bytes)
    whole = audio_words(decode_audio(path))
    assert whole.size > 100
    np.testing.assert_array_equal(audio_fingerprint(path), whole)


def test_audio_words_survive_a_reencode_and_differ_between_films(tmp_path) -> None:
    original = film(tmp_path / "film.mp4")
    copy = reencoded(original, tmp_path / "copy.mkv", Fraction(24)).path
    other = film(tmp_path / "other.mp4", seed=3)
    words, copied, unrelated = (audio_words(decode_audio(p)) for p in (original, copy, other))
    count = min(words.size, copied.size, unrelated.size)
    same = popcount(words[:count] ^ copied[:count]).mean() / 32
    different = popcount(words[:count] ^ unrelated[:count]).mean() / 32
    assert same < 0.15 and 0.4 < different < 0.6, (same, different)


def test_perceptual_hash_ignores_letterbox_bars_and_tells_pictures_apart() -> None:
    rng = np.random.default_rng(5)
    picture = np.kron(rng.integers(30, 255, (9, 16, 3)), np.ones((20, 20, 1))).astype(np.uint8)
    boxed = np.zeros((300, 320, 3), np.uint8)
    boxed[60:240] = picture
    other = np.kron(rng.integers(30, 255, (9, 16, 3)), np.ones((20, 20, 1))).astype(np.uint8)
    bits = [popcount(np.array([perceptual_hash(picture) ^ perceptual_hash(x)], np.uint64))[0]
            for x in (boxed, other)]
    assert bits[0] <= 6 and bits[1] >= 20, bits
