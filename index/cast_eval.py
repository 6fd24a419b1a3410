"""Character quality: the characters clustered at ingest against hand annotations of who is on screen when.

Annotations (YAML, ``benchmarks/cast_dev.yaml``) give per media file each person's face-on-screen time
ranges. Predicted characters come as ``CastMember.to_json()`` dicts, whose appearances span videos. Per
video, predicted clusters are matched one-to-one to annotated people by the Hungarian method on shared
seconds; each person gets temporal precision, recall and F1, each cluster its purity, and each clip a
check that the longest-on-screen cluster is the annotated hero (what "the hero" resolves to in the chat).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy.optimize import linear_sum_assignment

from index.time_ranges import Interval, Score, length, overlap, subtract, temporal_scores, union

DEFAULT_COLLAR = 0.25  # seconds ignored either side of an annotated boundary (annotation tolerance)
HERO_TIE_SECONDS = 0.5  # annotated heroes must be within this of the longest screen time
F1_TARGET = 0.85  # issue 12: per-character F1 on the development clips
END_SLACK = 0.5  # a range may end this far past the probed duration (rounding, last frame)
VIDEO_KEYS = frozenset({"characters", "hero", "animated", "note"})


class CastAnnotationError(ValueError):
    """The annotation file (or the media it names) is unusable; the message says where and why."""


class CastShapeError(ValueError):
    """Predicted cast that is not a list of ``CastMember.to_json()`` dicts."""


@dataclass(frozen=True)
class VideoCast:
    """One annotated media file: label -> merged face-on-screen ranges, and who the hero is."""

    file: str
    characters: Mapping[str, tuple[Interval, ...]]
    heroes: tuple[str, ...]  # more than one when tied; empty when nobody is annotated
    animated: bool = False


@dataclass(frozen=True)
class CastAnnotations:
    videos: tuple[VideoCast, ...]
    collar: float = DEFAULT_COLLAR

    @property
    def files(self) -> list[str]:
        return [v.file for v in self.videos]


# --- loading annotations ----------------------------------------------------------------------


def _ranges(where: str, raw: Any) -> tuple[Interval, ...]:
    try:
        ranges = [(float(a), float(b)) for a, b in raw]
    except (TypeError, ValueError) as exc:
        raise CastAnnotationError(f"{where}: ranges must be [[start, end], ...] seconds ({exc})") from exc
    for a, b in ranges:
        if a < 0:
            raise CastAnnotationError(f"{where}: range [{a}, {b}] starts before 0")
        if b <= a:
            raise CastAnnotationError(f"{where}: range [{a}, {b}] ends at or before it starts")
    return tuple(union(ranges))  # overlapping or touching ranges are one range


def _heroes(where: str, raw: Any, characters: Mapping[str, tuple[Interval, ...]]) -> tuple[str, ...]:
    """The declared hero(es), checked against screen time; when absent, whoever is on screen longest."""
    seconds = {label: length(ranges) for label, ranges in characters.items()}
    longest = max(seconds.values(), default=0.0)
    if raw is None:
        return tuple(label for label, s in seconds.items() if longest - s <= HERO_TIE_SECONDS)
    heroes = (raw,) if isinstance(raw, str) else tuple(raw) if isinstance(raw, list) else None
    if not heroes or not all(isinstance(h, str) for h in heroes):
        raise CastAnnotationError(f"{where}: hero must be a character label or a list of them")
    for hero in heroes:
        if hero not in characters:
            known = ", ".join(characters) or "none"
            raise CastAnnotationError(f"{where}: hero {hero!r} is not one of its characters ({known})")
        if longest - seconds[hero] > HERO_TIE_SECONDS:
            top = max(seconds, key=seconds.__getitem__)
            raise CastAnnotationError(
                f"{where}: hero {hero!r} is on screen {seconds[hero]:.2f} s but {top!r} {longest:.2f} s")
    return heroes


def _video(path: Path, file: str, entry: Any) -> VideoCast:
    where = f"{path}: {file}"
    if not isinstance(entry, dict):
        raise CastAnnotationError(f"{where}: expected a mapping with 'characters'")
    unknown = sorted(set(entry) - VIDEO_KEYS)
    if unknown:
        known = ", ".join(sorted(VIDEO_KEYS))
        raise CastAnnotationError(f"{where}: unknown key {unknown[0]!r} (known: {known})")
    raw_characters = entry.get("characters")
    if not isinstance(raw_characters, dict):
        raise CastAnnotationError(f"{where}: needs a 'characters' mapping (label -> [[start, end], ...]; "
                                  "{} for a clip without faces)")
    characters: dict[str, tuple[Interval, ...]] = {}
    for label, raw in raw_characters.items():
        if not isinstance(label, str) or not label.strip():
            raise CastAnnotationError(f"{where}: character labels must be non-empty text, not {label!r}")
        characters[label] = _ranges(f"{where}: {label!r}", raw)
        if not characters[label]:
            raise CastAnnotationError(f"{where}: {label!r} has no ranges")
    animated = entry.get("animated", False)
    if not isinstance(animated, bool):
        raise CastAnnotationError(f"{where}: 'animated' must be true or false")
    if entry.get("hero") is not None and not characters:
        raise CastAnnotationError(f"{where}: names a hero but annotates no characters")
    return VideoCast(file, characters, _heroes(where, entry.get("hero"), characters), animated)


def load_cast_annotations(path: Path | str) -> CastAnnotations:
    """Parse and validate an annotation file; any problem raises ``CastAnnotationError`` naming it."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CastAnnotationError(f"cannot read annotations {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("videos"), dict) or not data["videos"]:
        raise CastAnnotationError(
            f"{path}: expected a mapping with 'videos': {{media file: {{characters: ...}}}}")
    unknown = sorted(set(data) - {"videos", "collar"})
    if unknown:
        raise CastAnnotationError(f"{path}: unknown top-level key {unknown[0]!r} (known: collar, videos)")
    collar = data.get("collar", DEFAULT_COLLAR)
    if isinstance(collar, bool) or not isinstance(collar, int | float) or collar < 0:
        raise CastAnnotationError(f"{path}: collar must be a number of seconds >= 0, not {collar!r}")
    videos = tuple(_video(path, str(file), entry) for file, entry in data["videos"].items())
    return CastAnnotations(videos, float(collar))


def check_media(annotations: CastAnnotations, media_dir: Path) -> None:
    """Every annotated file exists in ``media_dir`` and no range runs past its end."""
    from index.probe import MediaError, probe

    missing = [f for f in annotations.files if not (media_dir / f).is_file()]
    if missing:
        raise CastAnnotationError(f"not in {media_dir}: {', '.join(missing)}")
    for video in annotations.videos:
        try:
            duration = float(probe(media_dir / video.file).duration)
        except MediaError as exc:
            raise CastAnnotationError(f"{video.file}: {exc}") from exc
        for label, ranges in video.characters.items():
            end = ranges[-1][1]
            if end > duration + END_SLACK:
                raise CastAnnotationError(
                    f"{video.file}: {label!r} ends at {end:g} s, after the video's end ({duration:.2f} s)")


# --- predicted cast ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cluster:
    """A predicted character: its id, name and face-on-screen ranges per video id."""

    id: str
    name: str | None
    ranges: Mapping[str, tuple[Interval, ...]]


def clusters_from_cast(cast: Sequence[Mapping[str, Any]]) -> list[Cluster]:
    """Read ``cast_list`` JSON (``{"id", "name", "appearances": [{"video", "start", "end"}], ...}``)."""
    clusters = []
    for n, member in enumerate(cast):
        try:
            by_video: dict[str, list[Interval]] = defaultdict(list)
            for a in member["appearances"]:
                by_video[str(a["video"])].append((float(a["start"]), float(a["end"])))
            name = member.get("name")
            clusters.append(Cluster(str(member["id"]), None if name is None else str(name),
                                    {v: tuple(union(r)) for v, r in by_video.items()}))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CastShapeError(
                f"cast member {n}: needs id, name and appearances [{{video, start, end}}] ({exc!r})") from exc
    return clusters


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CharacterResult:
    """One annotated person in one clip and the cluster matched to them (None: nobody)."""

    file: str
    label: str
    hero: bool
    animated: bool
    truth_seconds: float
    cluster: str | None
    cluster_seconds: float
    shared_seconds: float
    score: Score

    def to_json(self) -> dict:
        return {
            "video": self.file, "label": self.label, "hero": self.hero, "animated": self.animated,
            "truth_seconds": round(self.truth_seconds, 3), "cluster": self.cluster,
            "cluster_seconds": round(self.cluster_seconds, 3),
            "shared_seconds": round(self.shared_seconds, 3),
            "precision": round(self.score.precision, 4), "recall": round(self.score.recall, 4),
            "f1": round(self.score.f1, 4),
        }


@dataclass(frozen=True)
class ClusterResult:
    """One predicted character over all annotated clips: purity, and the labels it was matched to."""

    id: str
    name: str | None
    seconds: float
    purity: float  # largest share of its (scored) time that overlaps one annotated person
    majority_label: str | None
    matched: Mapping[str, str] = field(default_factory=dict)  # file -> label

    @property
    def consistent(self) -> bool:
        """One predicted id stands for one annotated person in every clip it was matched in."""
        return len(set(self.matched.values())) <= 1

    def to_json(self) -> dict:
        return {
            "id": self.id, "name": self.name, "seconds": round(self.seconds, 3),
            "purity": round(self.purity, 4), "majority_label": self.majority_label,
            "matched": dict(self.matched), "consistent": self.consistent,
        }


@dataclass(frozen=True)
class VideoResult:
    file: str
    video_id: str
    animated: bool
    heroes: tuple[str, ...]
    predicted_hero: str | None  # the cluster on screen longest in this clip
    predicted_hero_label: str | None  # the annotated person it was matched to
    unmatched_clusters: tuple[str, ...]
    unannotated_seconds: float  # predicted face time where no annotated face is

    @property
    def hero_correct(self) -> bool | None:
        """None for a clip without annotated people (nothing to resolve)."""
        return None if not self.heroes else self.predicted_hero_label in self.heroes

    def to_json(self) -> dict:
        return {
            "video": self.file, "video_id": self.video_id, "animated": self.animated,
            "hero": list(self.heroes), "predicted_hero": self.predicted_hero,
            "predicted_hero_label": self.predicted_hero_label, "hero_correct": self.hero_correct,
            "unmatched_clusters": list(self.unmatched_clusters),
            "unannotated_seconds": round(self.unannotated_seconds, 3),
        }


def _mean(results: Sequence[CharacterResult]) -> Score | None:
    if not results:
        return None
    n = len(results)
    return Score(*(sum(getattr(r.score, k) for r in results) / n for k in Score.__dataclass_fields__))


def _score_json(score: Score | None) -> dict | None:
    return None if score is None else {k: round(getattr(score, k), 4) for k in Score.__dataclass_fields__}


@dataclass(frozen=True)
class CastEvalReport:
    collar: float
    characters: tuple[CharacterResult, ...]
    clusters: tuple[ClusterResult, ...]
    videos: tuple[VideoResult, ...]

    def mean(self, animated: bool | None = None) -> Score | None:
        """Mean over annotated people: all of them, or only animated / only live-action clips."""
        return _mean([c for c in self.characters if animated is None or c.animated == animated])

    def split_labels(self) -> dict[str, list[str]]:
        """People matched to different clusters in different clips (one person, several ids)."""
        ids: dict[str, set[str]] = defaultdict(set)
        for c in self.characters:
            if c.cluster is not None:
                ids[c.label].add(c.cluster)
        return {label: sorted(found) for label, found in sorted(ids.items()) if len(found) > 1}

    def below_target(self) -> list[str]:
        return [f"{c.file}: {c.label}" for c in self.characters if c.score.f1 < F1_TARGET]

    def heroes_correct(self) -> tuple[int, int]:
        judged = [v.hero_correct for v in self.videos if v.hero_correct is not None]
        return sum(judged), len(judged)

    def to_json(self) -> dict:
        right, judged = self.heroes_correct()
        return {
            "collar": self.collar,
            "characters": [c.to_json() for c in self.characters],
            "clusters": [c.to_json() for c in self.clusters],
            "videos": [v.to_json() for v in self.videos],
            "split_labels": self.split_labels(),
            "mean": _score_json(self.mean()),
            "mean_live_action": _score_json(self.mean(animated=False)),
            "mean_animated": _score_json(self.mean(animated=True)),
            "hero_correct": right, "hero_judged": judged,
            "targets": {"f1_at_least": F1_TARGET, "below": self.below_target(),
                        "met": not self.below_target() and right == judged},
        }

    def to_text(self) -> str:
        names = {c.id: c.name for c in self.clusters}

        def who(cluster: str | None) -> str:
            if cluster is None:
                return "no cluster"
            return f"cluster {cluster}" + (f" {names[cluster]!r}" if names.get(cluster) else "")

        lines = [f"characters (collar {self.collar:g} s)"]
        for c in self.characters:
            s, hero = c.score, " (hero)" if c.hero else ""
            lines.append(f"P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}  {c.file}: {c.label}{hero} "
                         f"{c.truth_seconds:.1f} s <- {who(c.cluster)}")
        lines.append("clusters")
        for k in self.clusters:
            matched = ", ".join(f"{label} in {file}" for file, label in k.matched.items()) or (
                f"unmatched (mostly {k.majority_label})" if k.majority_label else "unmatched")
            mixed = "" if k.consistent else "  MIXED: one id, several people"
            lines.append(f"purity {k.purity:.2f}  {who(k.id)} {k.seconds:.1f} s: {matched}{mixed}")
        lines.append("clips")
        for v in self.videos:
            if v.hero_correct is None:
                verdict = "no people annotated"
            else:
                verdict = (f"hero {'correct' if v.hero_correct else 'WRONG'} (longest on screen: "
                           f"{who(v.predicted_hero)} = {v.predicted_hero_label or '-'}; annotated "
                           f"{'|'.join(v.heroes)})")
            extra = f"; unmatched {', '.join(v.unmatched_clusters)}" if v.unmatched_clusters else ""
            lines.append(f"{v.file}: {verdict}; {v.unannotated_seconds:.1f} s of faces outside the "
                         f"annotations{extra}")
        for label, ids in self.split_labels().items():
            lines.append(f"{label} is split over clusters {', '.join(ids)}")
        for title, mean in (("mean", self.mean()), ("live action", self.mean(animated=False)),
                            ("animated", self.mean(animated=True))):
            if mean is not None:
                lines.append(f"P {mean.precision:.2f}  R {mean.recall:.2f}  F1 {mean.f1:.2f}  {title}")
        right, judged = self.heroes_correct()
        below = self.below_target()
        lines.append(f"hero correct on {right} of {judged} clips; F1 >= {F1_TARGET} on "
                     f"{len(self.characters) - len(below)} of {len(self.characters)} characters")
        return "\n".join(lines)


# --- scoring ----------------------------------------------------------------------------------


def _match(shared: np.ndarray) -> dict[int, int]:
    """Annotated column -> predicted row, one-to-one, maximising total shared seconds; no zero pairs."""
    if shared.size == 0:
        return {}
    rows, cols = linear_sum_assignment(shared, maximize=True)
    return {int(c): int(r) for r, c in zip(rows, cols, strict=True) if shared[r, c] > 0}


def evaluate_cast(
    annotations: CastAnnotations, cast: Sequence[Mapping[str, Any]], video_ids: Mapping[str, str],
) -> CastEvalReport:
    """Score predicted cast (``cast_list`` JSON) against the annotations; ``video_ids``: file -> video id.

    Seconds within ``annotations.collar`` of any annotated boundary in a clip are left out of every
    measure there (matching, P/R/F1, purity), so the annotators' tolerance is not counted as error.
    """
    missing = [f for f in annotations.files if f not in video_ids]
    if missing:
        raise ValueError(f"no library video id for {', '.join(missing)}: ingest them first")
    clusters = clusters_from_cast(cast)
    characters: list[CharacterResult] = []
    videos: list[VideoResult] = []
    cluster_seconds: dict[str, float] = defaultdict(float)
    cluster_shared: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    matched: dict[str, dict[str, str]] = defaultdict(dict)
    for video in annotations.videos:
        vid = video_ids[video.file]
        collar = annotations.collar
        zones = [(t - collar, t + collar) for ranges in video.characters.values() for r in ranges for t in r]
        truth = {label: subtract(ranges, zones) for label, ranges in video.characters.items()}
        here = [k for k in clusters if k.ranges.get(vid)]
        pred = {k.id: subtract(k.ranges[vid], zones) for k in here}
        labels = list(truth)
        shared = np.array([[overlap(pred[k.id], truth[label]) for label in labels] for k in here])
        pairs = _match(shared.reshape(len(here), len(labels)))
        for j, label in enumerate(labels):
            k = here[pairs[j]] if j in pairs else None
            predicted = pred[k.id] if k is not None else []
            if k is not None:
                matched[k.id][video.file] = label
            characters.append(CharacterResult(
                video.file, label, label in video.heroes, video.animated, length(truth[label]),
                None if k is None else k.id, length(predicted), overlap(predicted, truth[label]),
                temporal_scores(predicted, truth[label])))
        for i, k in enumerate(here):
            cluster_seconds[k.id] += length(pred[k.id])
            for j, label in enumerate(labels):
                cluster_shared[k.id][label] += float(shared[i, j])
        hero = max(here, key=lambda k: length(k.ranges[vid]), default=None)
        all_truth = [r for ranges in truth.values() for r in ranges]
        videos.append(VideoResult(
            video.file, vid, video.animated, video.heroes, None if hero is None else hero.id,
            None if hero is None else matched[hero.id].get(video.file),
            tuple(k.id for i, k in enumerate(here) if i not in pairs.values()),
            length(subtract([r for p in pred.values() for r in p], all_truth))))
    results = []
    for k in clusters:
        if k.id not in cluster_seconds:
            continue  # not on screen in any annotated clip
        seconds, by_label = cluster_seconds[k.id], cluster_shared[k.id]
        best = max(by_label, key=by_label.__getitem__, default=None)
        top = by_label[best] if best is not None else 0.0
        results.append(ClusterResult(k.id, k.name, seconds, top / seconds if seconds else 0.0,
                                     best if top > 0 else None, dict(matched[k.id])))
    return CastEvalReport(annotations.collar, tuple(characters), tuple(results), tuple(videos))
