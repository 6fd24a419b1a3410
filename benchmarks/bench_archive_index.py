"""Archive-scale shot index: 1M and 5M synthetic 512-d vectors streamed into the compressed index.

Each size is built in a child process (so its peak RSS is its own) from 100k-vector batches: the
vectors are generated batch by batch, never all in memory, and the exact top 10 of every query is
kept up to date from each batch (the ground truth for recall@10). Measured: build time (training +
adding + float16 copies, without the generation), peak RSS while building, the saved size (index
file + float16 file), then, in a second child that loads the saved index as the library would: its
RSS (own memory, and the mapped float16 pages apart), single-query p50/p95 latency (k=10) and
recall@10 for the defaults and a sweep of nprobe x re-rank depth. FAISS runs on 2 threads.
Target: recall@10 >= 0.95 with p95 <= 20 ms at 5M.

Run: ``python benchmarks/bench_archive_index.py [--sizes 1000000,5000000] [--queries 300]
[--work DIR]`` (DIR holds the float16 copies: ~1 GB per million vectors, deleted after each size;
writes benchmarks/results/bench_archive_index.json or ``--results FILE``).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import faiss
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_faiss import DIM, K, clustered, latencies_ms, pct, recall, shared_direction  # noqa: E402
from index.vector_index import COMPRESSED_RERANK, VectorIndex, training_size  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
BATCH = 100_000
THREADS = 2
PROBE_SWEEP = (8, 16, 32)
RERANK_SWEEP = (200, 500, 1000)
WARMUP_QUERIES = 200


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def rss_mb(kind: str) -> float:
    """``RssAnon`` (our own memory) or ``RssFile`` (mapped file pages, the page cache's to reclaim)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{kind}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


class ExactTop:
    """The exact top ``K`` ids of each query over every batch seen so far."""

    def __init__(self, queries: np.ndarray) -> None:
        self.queries = queries
        self.scores = np.full((len(queries), K), -np.inf, np.float32)
        self.ids = np.full((len(queries), K), -1, np.int64)

    def update(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        scores = np.concatenate([self.scores, self.queries @ vectors.T], axis=1)
        all_ids = np.concatenate([self.ids, np.broadcast_to(ids, (len(self.queries), len(ids)))], axis=1)
        top = np.argpartition(-scores, K, axis=1)[:, :K]
        self.scores = np.take_along_axis(scores, top, axis=1)
        self.ids = np.take_along_axis(all_ids, top, axis=1)


def build(n: int, n_queries: int, work: Path, seed: int = 0) -> dict:
    """Child 1: stream ``n`` vectors into a fresh index, save it under ``work``; the ground truth too."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(20, n // 500), DIM)).astype(np.float32)
    common = shared_direction(rng)
    queries = clustered(n_queries, rng, centres, common)
    warmup = clustered(WARMUP_QUERIES, rng, centres, common)
    training = clustered(training_size(n), rng, centres, common)  # i.i.d., so as good as a sample
    truth = ExactTop(queries)
    outside = 0.0  # seconds spent generating vectors and ground truth: not the index's

    def batches() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        nonlocal outside
        for start in range(0, n, BATCH):
            began = time.perf_counter()
            ids = np.arange(start, min(n, start + BATCH), dtype=np.int64) * 2 + 1  # ids are not positions
            vectors = clustered(len(ids), rng, centres, common)
            truth.update(ids, vectors)
            outside += time.perf_counter() - began
            yield ids, vectors

    started = time.perf_counter()
    index = VectorIndex.build_from_batches(n, DIM, training, batches(), seed=seed, spill_dir=work)
    build_s = time.perf_counter() - started - outside
    target = work / "faiss.index"
    started = time.perf_counter()
    index.save(target)
    save_s = time.perf_counter() - started
    np.savez(work / "truth.npz", queries=queries, truth=truth.ids, warmup=warmup)
    files = {p.name: p.stat().st_size for p in work.iterdir() if p.name.startswith("faiss.index")}
    data_mb = sum(size for name, size in files.items() if name.endswith(".f16")) / 2**20
    return {"n": n, "dim": DIM, "type": index.kind, "build_s": round(build_s, 1), "save_s": round(save_s, 1),
            "build_peak_rss_mb": peak_rss_mb(), "index_file_mb": round(files["faiss.index"] / 2**20, 1),
            "float16_file_mb": round(data_mb, 1)}


def serve(work: Path) -> dict:
    """Child 2: load the saved index as a library would and time single queries against the truth."""
    before = rss_mb("RssAnon")
    started = time.perf_counter()
    index = VectorIndex.load(work / "faiss.index")
    load_s = time.perf_counter() - started
    saved = np.load(work / "truth.npz")
    queries, truth = saved["queries"], saved["truth"]
    for q in saved["warmup"]:  # other users' queries: the page cache as a running app has it
        index.search(q, K)

    def measure(nprobe: int | None, rerank: int | None) -> dict:
        times = latencies_ms(lambda q: index.search(q, K, nprobe=nprobe, rerank=rerank), queries)
        found = index.search(queries, K, nprobe=nprobe, rerank=rerank)[1]
        return {"p50_ms": pct(times, 50), "p95_ms": pct(times, 95), "recall_at_10": recall(found, truth)}

    row = {"load_s": round(load_s, 1), "nprobe": index.default_nprobe(), "rerank": COMPRESSED_RERANK,
           **measure(None, None), "sweep": []}
    row["serve_rss_anon_mb"] = round(rss_mb("RssAnon") - before, 1)
    row["serve_rss_file_mb"] = rss_mb("RssFile")
    for nprobe in PROBE_SWEEP:
        for depth in RERANK_SWEEP:
            row["sweep"].append({"nprobe": nprobe, "rerank": depth, **measure(nprobe, depth)})
    return row


def child(args: list[str]) -> dict:
    """Run a step in a fresh interpreter and return its JSON line (its peak RSS is then its own)."""
    done = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,5000000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "personalcut-archive")
    parser.add_argument("--results", type=Path, default=RESULTS / "bench_archive_index.json")
    parser.add_argument("--step", choices=("build", "serve"), help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    faiss.omp_set_num_threads(THREADS)
    if args.step == "build":
        print(json.dumps(build(args.n, args.queries, args.work)))
        return
    if args.step == "serve":
        print(json.dumps(serve(args.work)))
        return
    print(f"faiss {faiss.__version__}, {THREADS} threads, work folder {args.work}", flush=True)
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        work = args.work / str(n)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        try:
            row = child(["--step", "build", "--n", str(n), "--queries", str(args.queries),
                         "--work", str(work)])
            row.update(child(["--step", "serve", "--work", str(work)]))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        rows.append(row)
        print(f"{n:>9,} vectors  {row['type']}  build {row['build_s']:.0f} s "
              f"(peak RSS {row['build_peak_rss_mb']:.0f} MB)  files {row['index_file_mb']:.0f} + "
              f"{row['float16_file_mb']:.0f} MB  loaded RSS {row['serve_rss_anon_mb']:.0f} MB "
              f"+ {row['serve_rss_file_mb']:.0f} MB mapped  p50 {row['p50_ms']:.2f} ms  "
              f"p95 {row['p95_ms']:.2f} ms  "
              f"recall@10 {row['recall_at_10']:.3f} (nprobe {row['nprobe']}, rerank {row['rerank']})",
              flush=True)
        for point in row["sweep"]:
            print(f"{'':>9}  nprobe {point['nprobe']:>3} rerank {point['rerank']:>3}: "
                  f"p50 {point['p50_ms']:6.2f} ms  p95 {point['p95_ms']:6.2f} ms  "
                  f"recall@10 {point['recall_at_10']:.3f}", flush=True)
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(json.dumps(
            {"faiss": faiss.__version__, "threads": THREADS, "k": K, "batch": BATCH, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
