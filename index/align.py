"""Map times of a recipe's source video onto a viewer's copy of the same film: pure maths over fingerprints.

The model, per piece of the film: ``copy_time = (source_time + offset) / speed``. ``speed`` is one of the
rates film copies really differ by (PAL 25/24, NTSC 24000/25025 and their inverses), with the audio either
resampled along with the picture (pitch shifted, PAL style) or time-stretched; each is tried on a few
excerpts and the one whose audio words agree best wins. The offset comes from cross-correlating the bits
of the recipe's words with the copy's (all 32 bit streams at once, by FFT), then is refined to a few
milliseconds. Several strong correlation peaks mean pieces: a scene cut from one edition shows as the
offset jumping back (missing source material), an extra scene as it jumping forward.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np
from scipy.fft import irfft, next_fast_len
from scipy.fft import rfft as real_fft

from index.fingerprint import HOP, SAMPLE_RATE, audio_words, popcount, words_at

RECIPE_STRIDE = 8  # a recipe keeps every 8th ingest word: one per 0.37 s, ~80 KB for two hours
SPEEDS = (Fraction(1), Fraction(25, 24), Fraction(24, 25), Fraction(25025, 24000), Fraction(24000, 25025))
_EXCERPT_SECONDS = 40.0
_MIN_PEAK_Z = 8.0  # correlation peak height in noise standard deviations: a match, not chance
_MATCH_BITS = 10  # smoothed differing bits (of 32) at or under which a word is found in the copy
_SMOOTH_WORDS = 7  # ~2.6 s
_MIN_RUN_WORDS = 8  # ~3 s: a shorter stretch at another offset is noise, not a piece of the film
_PEAK_SEPARATION_S = 2.0
_REFINE_WORDS = 200
_REFINE_STEP = 16  # samples (3 ms)
_GAP_MARGIN_S = 1.0  # widens a missing range past the blur of its edges
_EDGE_SLACK_S = 0.5  # the copy (its audio) may start or end this much early without a named loss
_SNAP_FRAMES = 1.5  # a mapped cut this close to a cut of the copy snaps onto it
_SAME_SHOT_BITS = 14  # pHash bits that may differ between two encodes of one shot


class AlignmentError(ValueError):
    """The copy is not this film, or not enough of it to place anything."""


@dataclass(frozen=True)
class SourcePrint:
    """What a recipe carries about one source video: sparse audio words and the shot pattern."""

    words: np.ndarray  # uint32, word k at source sample k * RECIPE_STRIDE * HOP
    shot_starts: np.ndarray  # float64 seconds
    shot_hashes: np.ndarray  # uint64, per shot, possibly empty
    duration: float
    fps: Fraction


@dataclass(frozen=True)
class Hypothesis:
    speed: Fraction  # copy plays this much faster than the source
    pitch: bool  # audio resampled with the picture (pitch shifted) rather than time-stretched

    def describe(self) -> str:
        if self.speed == 1:
            return "same speed"
        how = "audio resampled" if self.pitch else "audio time-stretched"
        return f"speed x{self.speed.numerator}/{self.speed.denominator} ({how})"


HYPOTHESES = (Hypothesis(Fraction(1), False),
              *(Hypothesis(s, pitch) for s in SPEEDS[1:] for pitch in (True, False)))


@dataclass(frozen=True)
class Piece:
    """Source ``[start, end)`` seconds plays in the copy at ``(t + offset) / speed``."""

    start: float
    end: float
    offset: float  # seconds, in source time
    differing_bits: float  # mean of 32 over its sampled words after refinement: how sure the audio is


@dataclass(frozen=True)
class Alignment:
    hypothesis: Hypothesis
    pieces: tuple[Piece, ...]  # ascending, non-overlapping
    missing: tuple[tuple[float, float], ...]  # source ranges the copy lacks
    copy_duration: float
    visual_agreement: float | None  # share of the source's cuts found again in the copy (None: no hashes)

    def piece_at(self, source_time: float, slack: float = 0.0) -> Piece | None:
        """The piece showing ``source_time``, or one ending at most ``slack`` seconds before it."""
        for piece in self.pieces:
            if piece.start <= source_time <= piece.end + slack:
                return piece
        return None

    def to_copy(self, source_time: float, piece: Piece) -> float:
        return (source_time + piece.offset) / float(self.hypothesis.speed)


# --- the copy's audio under a hypothesis -----------------------------------------------------------------


def _resample(pcm: np.ndarray, speed: Fraction) -> np.ndarray:
    """The copy's audio slowed back by ``speed`` (undoes a resampled, pitch-shifted speed-up)."""
    count = int(pcm.size * speed)
    out = np.empty(count, np.float32)
    step = 1 << 20
    for begin in range(0, count, step):
        at = np.arange(begin, min(count, begin + step), dtype=np.float64) / float(speed)
        out[begin:begin + at.size] = np.interp(at, np.arange(pcm.size, dtype=np.float64), pcm)
    return out


class CopyAudio:
    """The copy's audio in source-time samples under one hypothesis: words at any source-time position."""

    def __init__(self, pcm: np.ndarray, hypothesis: Hypothesis) -> None:
        self.hypothesis = hypothesis
        resampled = hypothesis.pitch and hypothesis.speed != 1
        self.signal = _resample(pcm, hypothesis.speed) if resampled else pcm
        self._scale = 1.0 if resampled else 1.0 / float(hypothesis.speed)  # source samples -> signal samples
        self.length = self.signal.size / self._scale

    def words_at(self, positions: np.ndarray) -> np.ndarray:
        at = np.round(np.asarray(positions, np.float64) * self._scale).astype(np.int64)
        return words_at(self.signal, at)

    def grid(self) -> np.ndarray:
        """Words every ``HOP`` source-time samples from 0."""
        if self._scale == 1.0:
            return audio_words(self.signal)
        count = max(0, int((self.length - HOP * 8) // HOP))
        return self.words_at(np.arange(count, dtype=np.float64) * HOP)


# --- correlation -----------------------------------------------------------------------------------------


def _signs(words: np.ndarray) -> np.ndarray:
    """(32, n) float32: +1 where a bit is set, -1 where not."""
    bits = (words[None, :] >> np.arange(32, dtype=np.uint32)[:, None]) & 1
    return bits.astype(np.float32) * 2 - 1


def _correlate(recipe: np.ndarray, copy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bit agreement (sum of +-1 products) and compared words, for every lag in grid steps.

    Lag ``L`` pairs recipe word k with copy grid word ``k * RECIPE_STRIDE + L``; index ``i`` of the result
    holds lag ``i - (len(recipe) - 1) * RECIPE_STRIDE``.
    """
    span = (recipe.size - 1) * RECIPE_STRIDE + 1
    size = next_fast_len(span + copy.size, real=True)
    sparse = np.zeros((32, span), np.float32)
    sparse[:, ::RECIPE_STRIDE] = _signs(recipe)
    products = np.conj(real_fft(sparse, size, axis=1)) * real_fft(_signs(copy), size, axis=1)
    agreement = irfft(products.sum(axis=0), size)
    ones = np.zeros(span, np.float32)
    ones[::RECIPE_STRIDE] = 1
    overlap = irfft(np.conj(real_fft(ones, size)) * real_fft(np.ones(copy.size, np.float32), size), size)
    order = np.r_[size - span + 1:size, 0:copy.size]  # lags from -(span-1) to copy.size-1
    return agreement[order], np.maximum(np.round(overlap[order]), 0)


def _zscores(recipe: np.ndarray, copy: np.ndarray) -> np.ndarray:
    agreement, overlap = _correlate(recipe, copy)
    return agreement / np.sqrt(32 * np.maximum(overlap, 1))


def _peaks(z: np.ndarray, first_lag: int, count: int = 6) -> list[int]:
    """Lags of the strongest separated correlation peaks above ``_MIN_PEAK_Z``."""
    z = z.copy()
    radius = round(_PEAK_SEPARATION_S * SAMPLE_RATE / HOP)
    found = []
    for _ in range(count):
        best = int(np.argmax(z))
        if z[best] < _MIN_PEAK_Z:
            break
        found.append(best + first_lag)
        z[max(0, best - radius):best + radius + 1] = -np.inf
    return found


def _excerpts(pcm: np.ndarray) -> list[np.ndarray]:
    """A few stretches of the copy's audio to try the hypotheses on cheaply."""
    length = round(_EXCERPT_SECONDS * SAMPLE_RATE)
    if pcm.size <= 3 * length:
        return [pcm]
    starts = (round(pcm.size * fraction) - length // 2 for fraction in (0.2, 0.5, 0.8))
    return [pcm[start:start + length] for start in starts]


def choose_hypothesis(recipe_words: np.ndarray, pcm: np.ndarray) -> Hypothesis:
    """The speed hypothesis whose excerpts correlate best with the recipe (summed peak heights)."""
    scored = []
    for hypothesis in HYPOTHESES:
        total = 0.0
        for excerpt in _excerpts(pcm):
            grid = CopyAudio(excerpt, hypothesis).grid()
            if grid.size:
                total += float(np.max(_zscores(recipe_words, grid)))
        scored.append((total, hypothesis))
    return max(scored, key=lambda pair: pair[0])[1]


# --- pieces ----------------------------------------------------------------------------------------------


def _differing_bits(recipe: np.ndarray, copy: np.ndarray, lag: int) -> np.ndarray:
    """Per recipe word, bits that differ from the copy word at ``lag`` (16, i.e. chance, outside the copy)."""
    at = np.arange(recipe.size) * RECIPE_STRIDE + lag
    inside = (at >= 0) & (at < copy.size)
    out = np.full(recipe.size, 16.0)
    out[inside] = popcount(recipe[inside] ^ copy[at[inside]])
    return out


def _runs(labels: np.ndarray) -> list[tuple[int, int, int]]:
    """(label, first, last+1) of each run of equal labels."""
    edges = np.flatnonzero(np.diff(labels)) + 1
    starts, ends = np.r_[0, edges], np.r_[edges, labels.size]
    return [(int(labels[s]), int(s), int(e)) for s, e in zip(starts, ends, strict=True)]


def _label_words(recipe: np.ndarray, copy: np.ndarray, lags: list[int]) -> np.ndarray:
    """Which peak each recipe word belongs to (-1: found at none), cleaned of short runs."""
    kernel = np.ones(_SMOOTH_WORDS) / _SMOOTH_WORDS
    smoothed = np.stack([np.convolve(_differing_bits(recipe, copy, lag), kernel, mode="same")
                         for lag in lags])
    labels = np.where(smoothed.min(axis=0) <= _MATCH_BITS, smoothed.argmin(axis=0), -1)
    for label, first, last in _runs(labels):  # too short to be a piece: unplaced
        if label >= 0 and last - first < _MIN_RUN_WORDS:
            labels[first:last] = -1
    runs = [r for r in _runs(labels) if r[0] >= 0]
    for (left, _, left_end), (right, right_start, _) in zip(runs, runs[1:], strict=False):
        if left == right:  # unplaced words between two stretches at one offset (a quiet passage): that offset
            labels[left_end:right_start] = left
    return labels


def _refine(audio: CopyAudio, recipe: np.ndarray, indices: np.ndarray, lag: int) -> tuple[float, float]:
    """The offset (source samples) near ``lag`` grid steps where the words agree best, and the bits that
    still differ there."""
    chosen = indices[np.linspace(0, indices.size - 1, min(_REFINE_WORDS, indices.size)).round().astype(int)]
    source_at = chosen.astype(np.float64) * RECIPE_STRIDE * HOP
    shifts = np.arange(-HOP, HOP + 1, _REFINE_STEP)
    cost = np.array([popcount(recipe[chosen] ^ audio.words_at(source_at + lag * HOP + s)).mean()
                     for s in shifts])
    best = int(np.argmin(cost))
    step = 0.0
    if 0 < best < shifts.size - 1:  # parabola through the minimum and its neighbours
        left, mid, right = cost[best - 1], cost[best], cost[best + 1]
        curve = left - 2 * mid + right
        step = 0.5 * (left - right) / curve if curve > 0 else 0.0
    return lag * HOP + shifts[best] + step * _REFINE_STEP, float(cost[best])


def align(source: SourcePrint, pcm: np.ndarray, copy_shot_starts: np.ndarray | None = None,
          copy_shot_hashes: np.ndarray | None = None) -> Alignment:
    """Align a recipe's source to a copy given the copy's PCM (``fingerprint.decode_audio``) and shots.

    Raises ``AlignmentError`` when no stretch of the source's audio is found in the copy.
    """
    if source.words.size < _MIN_RUN_WORDS:
        raise AlignmentError("the recipe's source is too short to be recognised (under 3 s of audio)")
    hypothesis = choose_hypothesis(source.words, pcm)
    audio = CopyAudio(pcm, hypothesis)
    grid = audio.grid()
    z = _zscores(source.words, grid)
    first_lag = -(source.words.size - 1) * RECIPE_STRIDE
    lags = _peaks(z, first_lag)
    if not lags:
        raise AlignmentError("none of the source's audio is found in this copy: a different film")
    labels = _label_words(source.words, grid, lags)
    runs = [r for r in _runs(labels) if r[0] >= 0]
    if not runs:
        raise AlignmentError("none of the source's audio is found in this copy: a different film")
    word_seconds = RECIPE_STRIDE * HOP / SAMPLE_RATE
    pieces: list[Piece] = []
    missing: list[tuple[float, float]] = []
    for position, (label, first, last) in enumerate(runs):
        offset, bits = _refine(audio, source.words, np.arange(first, last), lags[label])
        start = 0.0 if position == 0 else first * word_seconds
        end = source.duration if position == len(runs) - 1 else last * word_seconds
        pieces.append(Piece(start, end, offset / SAMPLE_RATE, bits))
    pieces, missing = _join(_merge_detours(pieces), audio.length / SAMPLE_RATE)
    copy_duration = pcm.size / SAMPLE_RATE
    result = Alignment(hypothesis, tuple(pieces), tuple(missing), copy_duration, None)
    if copy_shot_starts is None or copy_shot_hashes is None:
        return result
    return Alignment(hypothesis, result.pieces, result.missing, copy_duration,
                     _visual_agreement(result, source, copy_shot_starts, copy_shot_hashes))


def _merge_detours(pieces: list[Piece]) -> list[Piece]:
    """Pieces with one offset, one after the other, become one; so does A-X-A, where X is at another
    offset between two pieces at the same one: the copy cannot lose and regain the same time right there,
    so X is look-alike material (a repeated theme), not an edit."""
    same = 2.0 * HOP / SAMPLE_RATE
    merged: list[Piece] = []
    for piece in pieces:
        if len(merged) >= 2 and abs(merged[-2].offset - piece.offset) < same:
            merged.pop()  # the detour
            piece = replace(merged.pop(), end=piece.end)
        elif merged and abs(merged[-1].offset - piece.offset) < same:
            piece = replace(merged.pop(), end=piece.end)
        merged.append(piece)
    return merged


def _join(pieces: list[Piece], copy_seconds: float) -> tuple[list[Piece], list[tuple[float, float]]]:
    """Close the gaps between pieces and name the source material the copy lacks.

    Between two pieces the offset jumps by ``d``: back (d < 0) means ``-d`` seconds of source are not in
    the copy. The unplaced gap only roughly shows where (the smoothing blurs its edges), so the missing
    range is at least ``-d`` long and widened by ``_GAP_MARGIN_S`` each side. Forward means the copy has
    extra material there, and the gap is shared between the pieces. Source mapped before the copy's start
    or past its end is missing too.
    """
    joined: list[Piece] = []
    missing: list[tuple[float, float]] = []
    for piece in pieces:
        if joined and piece.offset < joined[-1].offset:
            before, lost = joined[-1], joined[-1].offset - piece.offset
            gap = (max(before.start, min(before.end, piece.start - lost) - _GAP_MARGIN_S),
                   min(piece.end, max(piece.start, before.end + lost) + _GAP_MARGIN_S))
            missing.append(gap)
            joined[-1] = replace(before, end=gap[0])
            piece = replace(piece, start=gap[1])
        elif joined:
            middle = (joined[-1].end + piece.start) / 2
            joined[-1] = replace(joined[-1], end=middle)
            piece = replace(piece, start=middle)
        joined.append(piece)
    first, last = joined[0], joined[-1]
    if first.start + first.offset < -_EDGE_SLACK_S:  # the copy starts after the source does
        missing.insert(0, (first.start, -first.offset))
        joined[0] = replace(first, start=-first.offset)
    end_in_copy = copy_seconds - last.offset
    if last.end > end_in_copy + _EDGE_SLACK_S:
        missing.append((end_in_copy, last.end))
        joined[-1] = replace(last, end=end_in_copy)
    return [p for p in joined if p.end > p.start], [(a, b) for a, b in missing if b > a]


def _visual_agreement(alignment: Alignment, source: SourcePrint, copy_starts: np.ndarray,
                      copy_hashes: np.ndarray) -> float | None:
    """Of the source's cuts that land inside the copy, the share with a cut there and a look-alike shot."""
    if source.shot_hashes.size != source.shot_starts.size or copy_hashes.size != copy_starts.size:
        return None
    tolerance = 2.0 / float(source.fps)
    checked = found = 0
    for start, hashed in zip(source.shot_starts[1:], source.shot_hashes[1:], strict=True):
        piece = alignment.piece_at(float(start))
        if piece is None or copy_starts.size == 0:
            continue
        checked += 1
        mapped = alignment.to_copy(float(start), piece)
        nearest = int(np.argmin(np.abs(copy_starts - mapped)))
        if abs(copy_starts[nearest] - mapped) <= tolerance:
            differing = popcount(np.array([hashed ^ copy_hashes[nearest]], np.uint64))[0]
            found += int(differing <= _SAME_SHOT_BITS)
    return found / checked if checked else None


# --- clips -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MappedClip:
    in_frame: int  # copy frames, end exclusive
    out_frame: int
    confidence: float  # 0..1


def _to_frame(alignment: Alignment, piece: Piece, source_time: float, copy_fps: Fraction,
              source_cuts: np.ndarray, copy_cuts: np.ndarray, source_fps: Fraction) -> int:
    """The copy frame showing ``source_time``; on a source cut, snapped to the copy's cut when one is near."""
    mapped = alignment.to_copy(source_time, piece) * float(copy_fps)
    on_cut = source_cuts.size and np.min(np.abs(source_cuts - source_time)) < 0.5 / float(source_fps)
    if on_cut and copy_cuts.size:
        cut_frames = copy_cuts * float(copy_fps)
        nearest = float(cut_frames[int(np.argmin(np.abs(cut_frames - mapped)))])
        if abs(nearest - mapped) <= _SNAP_FRAMES:
            return round(nearest)
    return round(mapped)


def map_clip(alignment: Alignment, start: float, end: float, source: SourcePrint, copy_fps: Fraction,
             copy_cuts: Sequence[float] = ()) -> MappedClip:
    """Map one clip's source range to copy frames. Raises ``AlignmentError`` naming the missing material."""
    for gap_start, gap_end in alignment.missing:
        if start < gap_end and end > gap_start:
            raise AlignmentError(f"the copy lacks source {gap_start:.1f}-{gap_end:.1f} s, which this clip "
                                 f"({start:.1f}-{end:.1f} s) uses")
    # A clip to the source's last frame ends at frames / fps, which can pass the duration its stream
    # reports (His Girl Friday: 185 frames at 29.97 fps = 6.173 s, stream 6.166 s) by under a frame.
    first, last = alignment.piece_at(start), alignment.piece_at(end, slack=1 / float(source.fps))
    if first is None or last is None:
        raise AlignmentError(f"source {start:.1f}-{end:.1f} s is not in the copy")
    if first is not last:
        raise AlignmentError(f"the copy has material the source lacks inside this clip "
                             f"({start:.1f}-{end:.1f} s)")
    cuts = np.asarray(copy_cuts, np.float64)
    in_frame = _to_frame(alignment, first, start, copy_fps, source.shot_starts, cuts, source.fps)
    out_frame = _to_frame(alignment, first, end, copy_fps, source.shot_starts, cuts, source.fps)
    audio_sure = max(0.0, 1.0 - first.differing_bits / 12.0)
    visual = alignment.visual_agreement
    # Pictures only confirm: a cropped or re-framed copy may fool the hashes while its audio is certain.
    confidence = audio_sure if visual is None else 0.85 * audio_sure + 0.15 * visual
    return MappedClip(in_frame, max(out_frame, in_frame + 1), round(confidence, 3))
