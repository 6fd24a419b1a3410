"""Vector search latency at library sizes: 10k, 100k and 1M synthetic 512-d keyframe vectors.

For each size the index type ``VectorIndex.build`` picks on its own is timed (single query, k=10,
p50/p95 over ``--queries`` queries), and approximate types are scored by recall@10 against an exact
scan. The exact flat scan is timed at every size too: that is the evidence for ``FLAT_MAX``.
Vectors are clustered (like embeddings of similar shots), not uniform noise. Target: <= 5 ms at 1M.

Run: ``python benchmarks/bench_faiss.py [--sizes 10000,100000,1000000] [--queries 200]``
(writes benchmarks/results/bench_faiss.json).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import faiss
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.embedder import normalise_rows  # noqa: E402
from index.vector_index import VectorIndex, ivf_lists  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
DIM = 512
K = 10
PROBE_SWEEP = (4, 8, 16, 32, 64)


def shared_direction(rng: np.random.Generator) -> np.ndarray:
    """The component every vector of one synthetic library shares (draw once, pass to ``clustered``)."""
    return rng.standard_normal(DIM).astype(np.float32) * 0.7


def clustered(n: int, rng: np.random.Generator, centres: np.ndarray, common: np.ndarray,
              chunk: int = 100_000) -> np.ndarray:
    """Unit vectors around random centres (~1 per 500 vectors) plus a direction all of them share.

    Like CLIP embeddings: a vector's cosine to its centre is ~0.8, vectors of unrelated centres
    still have a cosine of ~0.3 (the shared component), so the neighbours are not trivially apart.
    Queries and library come from the same ``centres`` and ``common``.
    """
    out = np.empty((n, DIM), np.float32)
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        picks = centres[rng.integers(0, len(centres), m)] + common
        out[start:start + m] = normalise_rows(picks + 0.75 * rng.standard_normal((m, DIM), dtype=np.float32))
    return out


def latencies_ms(search, queries: np.ndarray) -> list[float]:
    out = []
    for q in queries:
        started = time.perf_counter()
        search(q)
        out.append((time.perf_counter() - started) * 1000)
    return out


def pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 3)


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return round(float(np.mean([len(set(f) & set(t)) / K for f, t in zip(found, truth, strict=True)])), 4)


def exact_top(vectors: np.ndarray, queries: np.ndarray) -> np.ndarray:
    scores = queries @ vectors.T
    return np.argsort(-scores, axis=1)[:, :K]


def bench_size(n: int, n_queries: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(20, n // 500), DIM)).astype(np.float32)
    common = shared_direction(rng)
    vectors = clustered(n, rng, centres, common)
    queries = clustered(n_queries, rng, centres, common)
    ids = np.arange(n, dtype=np.int64)

    started = time.perf_counter()
    index = VectorIndex.build(ids, vectors)
    build_s = time.perf_counter() - started
    auto = latencies_ms(lambda q: index.search(q, K), queries)
    row: dict[str, Any] = {"n": n, "dim": DIM, "type": index.kind, "build_s": round(build_s, 2),
           "p50_ms": pct(auto, 50), "p95_ms": pct(auto, 95)}
    if index.kind != "flat":
        truth = exact_top(vectors, queries)
        row["nprobe"] = index.default_nprobe()
        row["recall_at_10"] = recall(index.search(queries, K)[1], truth)
        row["sweep"] = []
        for nprobe in PROBE_SWEEP:
            times = latencies_ms(lambda q, p=nprobe: index.search(q, K, nprobe=p), queries)
            row["sweep"].append({"nprobe": nprobe, "p50_ms": pct(times, 50), "p95_ms": pct(times, 95),
                                 "recall_at_10": recall(index.search(queries, K, nprobe=nprobe)[1], truth)})
        del index
        flat = faiss.IndexFlatIP(DIM)
        flat.add(vectors)
        exact = latencies_ms(lambda q: flat.search(q.reshape(1, -1), K), queries[: max(20, n_queries // 5)])
    else:
        exact = auto
    row["flat_p50_ms"], row["flat_p95_ms"] = pct(exact, 50), pct(exact, 95)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    print(f"faiss {faiss.__version__}, {faiss.omp_get_max_threads()} threads")
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        row = bench_size(n, args.queries)
        rows.append(row)
        recall = f"  recall@10 {row['recall_at_10']:.3f}" if "recall_at_10" in row else ""
        print(f"{n:>9,} vectors  {row['type']:<4}  build {row['build_s']:7.2f} s  "
              f"p50 {row['p50_ms']:7.3f} ms  p95 {row['p95_ms']:7.3f} ms{recall}  "
              f"(flat scan p50 {row['flat_p50_ms']:.3f} ms)", flush=True)
        for point in row.get("sweep", []):
            print(f"{'':>9}  nprobe {point['nprobe']:>3} of {ivf_lists(n)}: p50 {point['p50_ms']:7.3f} ms  "
                  f"p95 {point['p95_ms']:7.3f} ms  recall@10 {point['recall_at_10']:.3f}", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_faiss.json").write_text(json.dumps(
        {"faiss": faiss.__version__, "threads": faiss.omp_get_max_threads(), "k": K, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
