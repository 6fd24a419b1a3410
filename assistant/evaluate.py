"""Scene-retrieval quality: "only the scenes with <query>" against hand-annotated time ranges.

The annotation file maps a media file name to its duration and, per query, the ranges (seconds) where
that content is on screen. Each query runs exactly as a chat KeepOnly would (retrieval, then the
timeline algebra), and the cut's ranges are scored by temporal precision, recall and F1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from assistant.plan.schema import EditPlan, KeepOnly, Query
from assistant.retrieval.search import default_scorers, find_scenes
from assistant.timeline.apply import apply_plan, source_timeline
from assistant.timeline.history import History
from assistant.timeline.model import Version
from index.time_ranges import Interval, Score, temporal_scores

if TYPE_CHECKING:
    from index.library import Library  # loaded on use: it brings CLIP and FAISS


class AnnotationError(ValueError):
    pass


@dataclass(frozen=True)
class ClipAnnotation:
    file: str
    duration: float
    queries: dict[str, tuple[Interval, ...]]


@dataclass(frozen=True)
class QueryResult:
    file: str
    query: str
    truth: tuple[Interval, ...]
    predicted: tuple[Interval, ...]
    score: Score

    def to_json(self) -> dict:
        return {
            "file": self.file, "query": self.query, "truth": [list(i) for i in self.truth],
            "predicted": [[round(a, 3), round(b, 3)] for a, b in self.predicted],
            "precision": self.score.precision, "recall": self.score.recall, "f1": self.score.f1,
        }


@dataclass(frozen=True)
class EvalReport:
    model_id: str
    meaningful: bool  # False for random test models: the numbers only show that the pipeline runs
    results: tuple[QueryResult, ...]

    def mean(self) -> Score:
        n = len(self.results) or 1
        fields = Score.__dataclass_fields__
        return Score(*(sum(getattr(r.score, k) for r in self.results) / n for k in fields))

    def to_json(self) -> dict:
        m = self.mean()
        return {
            "model": self.model_id,
            "meaningless_for_quality": not self.meaningful,
            "queries": [r.to_json() for r in self.results],
            "mean": {"precision": m.precision, "recall": m.recall, "f1": m.f1},
        }

    def to_text(self) -> str:
        lines = [f"model {self.model_id}"]
        if not self.meaningful:
            lines.append("NOTE: random test model: these numbers are meaningless for quality")
        for r in self.results:
            s = r.score
            lines.append(f"P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}  {r.file}: {r.query}")
        m = self.mean()
        lines.append(f"P {m.precision:.2f}  R {m.recall:.2f}  F1 {m.f1:.2f}  mean of {len(self.results)}")
        return "\n".join(lines)


# --- annotations and running ------------------------------------------------------------------


def load_annotations(path: Path | str) -> list[ClipAnnotation]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AnnotationError(f"cannot read annotations {path}: {exc}") from exc
    if not isinstance(data, dict) or not data:
        raise AnnotationError(f"{path}: expected a mapping of media file -> {{duration, queries}}")
    clips = []
    for file, entry in data.items():
        where = f"{path}: {file}"
        entry = entry if isinstance(entry, dict) else {}
        if "duration" not in entry or not isinstance(entry.get("queries"), dict):
            raise AnnotationError(f"{where}: needs 'duration' and a 'queries' mapping")
        try:
            duration = float(entry["duration"])
            queries = {
                str(q): tuple((float(a), float(b)) for a, b in ranges)
                for q, ranges in entry["queries"].items()
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise AnnotationError(f"{where}: ranges must be [[start, end], ...] seconds ({exc})") from exc
        for q, ranges in queries.items():
            if not ranges or any(not 0 <= a < b <= duration + 0.5 for a, b in ranges):
                raise AnnotationError(f"{where}: {q!r} has an empty or out-of-range interval {ranges}")
        clips.append(ClipAnnotation(str(file), duration, queries))
    return clips


def prepare_library(
    files: Sequence[str], media_dir: Path, library_dir: Path, clip_model: str | None,
    clip_weights: Path | None = None,
) -> tuple[Any, dict[str, str]]:
    """Ingest the annotated files (a no-op for ones already in) and map each file name to its video id.

    Shared by every ``personalcut eval`` kind (scenes, cast): they annotate media files by name.

    ``clip_model`` None means the library's own model, or the default CLIP for a new library;
    ``clip_weights`` is a local checkpoint for it (offline).
    """
    from index.clip_factory import create_embedder
    from index.ingest import ingest
    from index.library import Library

    library = Library.open(library_dir, clip_weights=clip_weights)
    if clip_model is None:
        embedder = library.embedder if library.model is not None else create_embedder(weights=clip_weights)
    else:
        embedder = create_embedder(clip_model, weights=clip_weights)
    library.close()
    results = ingest([media_dir / file for file in files], library_dir, embedder)
    failed = [f"{r.path.name}: {r.error}" for r in results if r.video is None]
    if failed:
        raise RuntimeError("ingest failed for " + "; ".join(failed))
    ids = {file: r.video.id for file, r in zip(files, results, strict=True) if r.video is not None}
    return Library.open(library_dir, embedder, clip_weights), ids


def evaluate(
    library: Library, annotations: Sequence[ClipAnnotation], video_ids: Mapping[str, str],
) -> EvalReport:
    """Run every annotated query as "only the scenes with <query>" on its own clip and score the cut."""
    results = []
    scorers = default_scorers()  # pictures and dialogue, as the chat; one set for all queries (caches)
    for clip in annotations:
        info = library.video(video_ids[clip.file])
        source = source_timeline([info])
        history = History((Version("v0", "eval", None, 0, source),), "v0")
        for text, truth in clip.queries.items():
            query = Query(text=text)  # "auto", as the chat's planner asks: both signals fused
            resolved = {query: find_scenes(library, query, [info.id], scorers)}
            applied = apply_plan(EditPlan(ops=[KeepOnly(query=query)]), history, resolved, source)
            cut = applied.timeline.clips if applied.timeline is not None else ()
            predicted = tuple((float(c.start), min(float(c.end), clip.duration)) for c in cut)
            results.append(QueryResult(clip.file, text, truth, predicted, temporal_scores(predicted, truth)))
    embedder = library.embedder
    return EvalReport(embedder.model_id, embedder.meaningful, tuple(results))
