"""Content fingerprints of a video, so a cut made on one copy of a film can be found on another copy.

Audio (Haitsma–Kalker style, in numpy): mono PCM at 5512 Hz, a 0.37 s Hann window every 46 ms, the
energy of 33 log-spaced bands between 300 and 2000 Hz; each of the 32 bits of a word says whether the
energy difference of two neighbouring bands grew since the window one hop earlier. Codecs, resolution
and loudness barely move those signs, and a word can be computed at any sample position, which is what
lets ``index.align`` test a speed change or refine an offset to a few milliseconds.

Visual: a 64-bit DCT perceptual hash of each shot's first keyframe, taken after cropping black borders
(so a letterboxed and a cropped copy hash alike), plus the shot start times (the shot boundary pattern).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import av
import cv2
import numpy as np
from scipy.fft import dctn, rfft

from index.child_process import kill_group, spawn
from index.ffmpeg_bin import ffmpeg_exe
from index.probe import MediaError
from index.shot import Shot

FINGERPRINT_VERSION = 1
SAMPLE_RATE = 5512  # bands stop at 2 kHz, so this rate loses nothing and halves the FFT work
WINDOW = 2048  # samples (0.37 s), the analysis window
HOP = 256  # samples (46 ms) between stored words; also the "earlier window" each bit compares against
_LOW_HZ, _HIGH_HZ, _BANDS = 300.0, 2000.0, 33
_CHUNK = 2048  # windows per FFT batch: bounds memory on a 2-hour film
_BORDER_LEVEL = 24  # a row or column darker than this (0..255 mean) is letterbox, not picture
_HASH_SIDE = 32


def _band_starts() -> tuple[np.ndarray, int]:
    """The first rfft bin of each of the 33 log-spaced bands, and the bin after the last band.

    Bands are adjacent runs of bins, so a band's power is a ``reduceat`` sum: no BLAS call, whose thread
    pool was seen spinning forever in a process that also runs OpenMP libraries (FAISS, torch).
    """
    freqs = np.fft.rfftfreq(WINDOW, 1.0 / SAMPLE_RATE)
    edges = np.geomspace(_LOW_HZ, _HIGH_HZ, _BANDS + 1)
    band = np.searchsorted(edges, freqs, side="right") - 1
    starts = np.array([np.flatnonzero(band == b)[0] for b in range(_BANDS)])
    return starts, int(np.flatnonzero(band == _BANDS - 1)[-1]) + 1


_BAND_STARTS, _BANDS_END = _band_starts()
_HANN = np.hanning(WINDOW).astype(np.float32)
_BIT_WEIGHTS = (np.uint32(1) << np.arange(32, dtype=np.uint32)).astype(np.uint32)


@dataclass(frozen=True)
class Fingerprint:
    """One video's fingerprint: audio words every ``HOP`` samples from 0, and its shots' pattern."""

    audio: np.ndarray  # uint32, word k describes the window starting at sample k * HOP
    shot_starts: np.ndarray  # float64 seconds, one per shot, ascending, the first is 0
    shot_hashes: np.ndarray  # uint64 pHash of each shot's first keyframe (empty when unknown)
    duration: float  # seconds
    version: int = FINGERPRINT_VERSION

    @property
    def word_seconds(self) -> float:
        return HOP / SAMPLE_RATE


def _audio_lead(path: Path | str) -> float | None:
    """Seconds the first audio sample starts after the first video frame (shots count from that frame);
    None when the file has no audio."""
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        audio = container.streams.audio[0]
        video = container.streams.video[0] if container.streams.video else None
        if video is None or audio.start_time is None or video.start_time is None:
            return 0.0
        return float(audio.start_time * audio.time_base - video.start_time * video.time_base)


PCM_CHUNK_BYTES = 1 << 20  # ~48 s of mono float32 at SAMPLE_RATE per read


def pcm_chunks(path: Path | str) -> Iterator[np.ndarray]:
    """The file's audio as mono float32 PCM at ``SAMPLE_RATE`` in chunks, sample 0 at the first video frame
    (nothing when it has no audio stream). Chunks, not one array: two hours are 160 MB of samples, and
    holding them (plus the copies a single read makes) grew the ingest's peak memory with film length."""
    lead_seconds = _audio_lead(path)
    if lead_seconds is None:
        return
    cmd = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(path), "-vn", "-map",
           "0:a:0?", "-ac", "1", "-ar", str(SAMPLE_RATE), "-f", "f32le", "-"]
    lead = round(lead_seconds * SAMPLE_RATE)
    if lead > 0:
        yield np.zeros(lead, np.float32)
    skip = max(0, -lead)
    proc = spawn(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None and proc.stderr is not None
    try:
        carry = b""
        while block := proc.stdout.read(PCM_CHUNK_BYTES):
            block = carry + block
            usable = len(block) // 4 * 4
            carry = block[usable:]
            samples = np.frombuffer(block[:usable], np.float32)
            if skip:
                samples, skip = samples[skip:], max(0, skip - samples.size)
            if samples.size:
                yield samples
        err = proc.stderr.read()
        proc.wait()
    except BaseException:
        kill_group(proc)
        proc.wait()
        raise
    if proc.returncode != 0:
        raise MediaError(f"{path}: audio decode failed: {err.decode(errors='replace').strip()[-300:]}")


def decode_audio(path: Path | str) -> np.ndarray:
    """The file's whole audio as one mono float32 PCM array (``pcm_chunks`` joined; alignment needs it)."""
    chunks = list(pcm_chunks(path))
    return np.concatenate(chunks) if chunks else np.zeros(0, np.float32)


def _band_energies(pcm: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """(n, 33) band energies of the windows starting at ``positions`` (zero-padded past the end)."""
    padded = np.concatenate([pcm, np.zeros(WINDOW, np.float32)])
    out = np.empty((positions.size, _BANDS), np.float32)
    offsets = np.arange(WINDOW)
    for begin in range(0, positions.size, _CHUNK):
        at = np.clip(positions[begin:begin + _CHUNK], 0, pcm.size)
        frames = padded[at[:, None] + offsets] * _HANN
        spectrum = rfft(frames, axis=1)  # one thread: a pocketfft pool (workers=-1) was seen spinning forever
        power = spectrum.real ** 2 + spectrum.imag ** 2
        bands = power[:, _BAND_STARTS[0]:_BANDS_END]
        out[begin:begin + at.size] = np.add.reduceat(bands, _BAND_STARTS - _BAND_STARTS[0], axis=1)
    return out


def _words(now: np.ndarray, before: np.ndarray) -> np.ndarray:
    """Pack the 32 sign bits of (band difference now - band difference one hop earlier) into uint32."""
    diff_now = now[:, :-1] - now[:, 1:]
    diff_before = before[:, :-1] - before[:, 1:]
    bits = (diff_now - diff_before) > 0
    return (bits.astype(np.uint32) * _BIT_WEIGHTS).sum(axis=1, dtype=np.uint64).astype(np.uint32)


def audio_words(pcm: np.ndarray) -> np.ndarray:
    """Words on the regular grid (every ``HOP`` samples from 0): the fingerprint stored at ingest."""
    count = max(0, (pcm.size - WINDOW) // HOP + 1)
    if count == 0:
        return np.zeros(0, np.uint32)
    energies = _band_energies(pcm, np.arange(count) * HOP)
    return _words(energies, np.concatenate([energies[:1], energies[:-1]]))


def words_at(pcm: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Words for windows starting at arbitrary sample ``positions`` (alignment refines offsets with these)."""
    positions = np.asarray(positions, np.int64)
    return _words(_band_energies(pcm, positions), _band_energies(pcm, positions - HOP))


def popcount(words: np.ndarray) -> np.ndarray:
    """Set bits per element of a uint32 or uint64 array (Hamming weight), as int64."""
    as_bytes = np.ascontiguousarray(words).view(np.uint8).reshape(*words.shape, -1)
    return np.unpackbits(as_bytes, axis=-1).sum(axis=-1, dtype=np.int64)


def _crop_borders(gray: np.ndarray) -> np.ndarray:
    """The picture without black letterbox / pillarbox bars (the whole frame if it is all dark)."""
    rows = np.nonzero(gray.mean(axis=1) > _BORDER_LEVEL)[0]
    cols = np.nonzero(gray.mean(axis=0) > _BORDER_LEVEL)[0]
    if rows.size == 0 or cols.size == 0:
        return gray
    return gray[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]


def perceptual_hash(rgb: np.ndarray) -> int:
    """64-bit pHash: low 8x8 DCT coefficients of the border-cropped 32x32 grey image, above their median."""
    gray = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY)
    small = cv2.resize(_crop_borders(gray), (_HASH_SIDE, _HASH_SIDE), interpolation=cv2.INTER_AREA)
    low = dctn(small.astype(np.float64), norm="ortho")[:8, :8].ravel()
    bits = low > np.median(low[1:])
    return int(sum(1 << i for i, bit in enumerate(bits) if bit))


def audio_fingerprint(path: Path | str) -> np.ndarray:
    """The file's audio words, computed as the audio decodes: the same words as ``audio_words`` of the
    whole PCM, holding only a chunk of samples at a time."""
    parts: list[np.ndarray] = []
    pending = np.zeros(0, np.float32)  # samples from the next window's start on
    previous: np.ndarray | None = None  # band energies of the last window done ("one hop earlier")
    for chunk in pcm_chunks(path):
        pending = np.concatenate([pending, chunk])
        count = (pending.size - WINDOW) // HOP + 1
        if count <= 0:
            continue
        energies = _band_energies(pending, np.arange(count) * HOP)
        before = np.concatenate([energies[:1] if previous is None else previous[None], energies[:-1]])
        parts.append(_words(energies, before))
        previous = energies[-1]
        pending = pending[count * HOP:]
    return np.concatenate(parts) if parts else np.zeros(0, np.uint32)


_BACKGROUND = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audio-fingerprint")


def start_audio_fingerprint(path: Path | str) -> Future[np.ndarray]:
    """``audio_fingerprint`` on a worker thread: ingest starts it before the video decode, which it then
    overlaps (ffmpeg decodes in its own process and the FFTs release the GIL)."""
    return _BACKGROUND.submit(audio_fingerprint, path)


def fingerprint(path: Path | str, duration: float, shots: Sequence[Shot],
                first_keyframes: Sequence[np.ndarray] | None, audio: Future[np.ndarray] | None = None,
                shot_hashes: Sequence[int] | None = None) -> Fingerprint:
    """Fingerprint a video: audio from its file (or the ``start_audio_fingerprint`` already running),
    visual from its shots and their first keyframes (RGB), or their ``perceptual_hash`` es when given."""
    try:
        words = audio.result() if audio is not None else audio_fingerprint(path)
    except MediaError:  # unreadable audio: the video is still worth indexing, just not alignable by ear
        words = np.zeros(0, np.uint32)
    if shot_hashes is None:
        shot_hashes = [perceptual_hash(image) for image in first_keyframes or ()]
    hashes = np.array(shot_hashes, np.uint64)
    starts = np.array([float(shot.start) for shot in shots], np.float64)
    return Fingerprint(words, starts, hashes, float(duration))
