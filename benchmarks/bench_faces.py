"""Characters: F1 against the annotations as the clustering settings vary, to choose them by measurement.

Ingests the annotated clips once (``--library DIR`` keeps that library for the next run), then for each
setting re-clusters the stored face tracks inside a transaction that is rolled back, scores the cast
with ``personalcut eval cast``'s scorer and prints one line: mean per-character F1 (live action,
animated), characters at F1 >= 0.85, heroes right, clusters and mixed clusters. Tune on
benchmarks/cast_dev.yaml only; the held-out file is for the final check.

Run: ``python benchmarks/bench_faces.py [--annotations FILE] [--media-dir DIR] [--library DIR]``
(writes benchmarks/results/bench_faces.json).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index import cast, cast_store, store  # noqa: E402
from index.cast_cluster import DEFAULT_SETTINGS, ClusterSettings  # noqa: E402
from index.cast_eval import (  # noqa: E402
    F1_TARGET,
    CastAnnotationError,
    CastEvalReport,
    check_media,
    evaluate_cast,
    load_cast_annotations,
)
from index.clip_factory import create_embedder  # noqa: E402
from index.db import connect  # noqa: E402
from index.ingest import ingest  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def _library(annotations, media_dir: Path, library: Path) -> dict[str, str]:
    """file -> video id, ingesting what the library does not hold yet (tiny CLIP: faces are what count)."""
    embedder = create_embedder("tiny-random", device="cpu")
    ids = {}
    for file in annotations.files:
        [result] = ingest([media_dir / file], library, embedder)
        if result.video is None:
            raise SystemExit(f"{file}: ingest {result.status}: {result.error}")
        ids[file] = result.video.id
    return ids


def score(library: Path, annotations, ids: dict[str, str], settings: ClusterSettings) -> CastEvalReport:
    """The cast these settings would give, scored; the library is left as it was."""
    with contextlib.closing(connect(library)) as conn:
        conn.execute("BEGIN")
        try:
            cast_store.recluster(conn, settings)
            members = cast._members(conn, list(ids.values()))
        finally:
            conn.rollback()
    return evaluate_cast(annotations, [m.to_json() for m in members], ids)


def _line(settings: ClusterSettings, report: CastEvalReport) -> dict:
    live, animated = report.mean(animated=False), report.mean(animated=True)
    right, judged = report.heroes_correct()
    return {**dataclasses.asdict(settings),
            "f1_live": round(live.f1, 3) if live else None,
            "f1_animated": round(animated.f1, 3) if animated else None,
            "at_target": sum(c.score.f1 >= F1_TARGET for c in report.characters),
            "characters": len(report.characters),
            "heroes": f"{right}/{judged}", "clusters": len(report.clusters),
            "mixed": sum(not c.consistent for c in report.clusters)}


def sweeps() -> list[ClusterSettings]:
    """One knob at a time around the defaults, then the threshold with the other levers on."""
    base = DEFAULT_SETTINGS
    grid = [dataclasses.replace(base, threshold=t / 100) for t in range(35, 71, 5)]
    grid += [dataclasses.replace(base, cross_video=c / 100) for c in (0, 5, 10, 15, 20)]
    grid += [dataclasses.replace(base, absorb=a / 100) for a in (0, 55, 60, 65, 70, 75)]
    grid += [dataclasses.replace(base, minor_seconds=m) for m in (0.5, 1.0, 2.0, 3.0)]
    grid += [dataclasses.replace(base, small_face_px=p, small_face_margin=m / 100)
             for p in (24, 32, 48) for m in (5, 10, 15)]
    return grid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=ROOT / "benchmarks" / "cast_dev.yaml")
    parser.add_argument("--media-dir", type=Path, default=ROOT.parent / "shared" / "media")
    parser.add_argument("--library", type=Path, help="keep the ingested library here (reused next time)")
    args = parser.parse_args()
    try:
        annotations = load_cast_annotations(args.annotations)
        check_media(annotations, args.media_dir)
    except CastAnnotationError as exc:
        raise SystemExit(f"bad annotations: {exc}") from exc
    with tempfile.TemporaryDirectory(prefix="bench-faces-") as tmp:
        library = args.library or Path(tmp)
        ids = _library(annotations, args.media_dir, library)
        with contextlib.closing(connect(library)) as conn:
            store.ensure_schema(conn)
            tracks = len(cast_store.tracks(conn, list(ids.values())))
        print(f"{tracks} face tracks in {len(ids)} clips; defaults {DEFAULT_SETTINGS}")
        rows = []
        for settings in sweeps():
            rows.append(_line(settings, score(library, annotations, ids, settings)))
            print("  ".join(f"{k} {v}" for k, v in rows[-1].items()), flush=True)
        print()
        print(score(library, annotations, ids, DEFAULT_SETTINGS).to_text())
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_faces.json").write_text(json.dumps(
        {"annotations": str(args.annotations), "tracks": tracks, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
