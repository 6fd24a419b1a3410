"""GPU ingest: the film-length ingest with NVDEC or the CPU decoder, on 2 cores or all of them, side by side.

The measurement behind ``PERSONALCUT_DECODE=auto``'s core threshold (``index/nvdec.py``) and the README's
GPU table. Each row is ``bench_feature_film.py --ingest-only --decode D`` in a process allowed on the
first two cores or on all of them, over one film built once (``film_input``; faces off unless
``--faces``: the face stage is YuNet on the CPU either way). CLIP runs on the GPU where there is one,
as the app runs it. Rows that need NVDEC are left out, and said so, on a machine without it.

Run: ``python -m benchmarks gpu_ingest [--minutes 20] [--faces]``
(writes benchmarks/results/bench_gpu_ingest.json, and each row's own JSON beside it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.film_input import FPS, RESULTS, film_input  # noqa: E402
from index.atomic import atomic_write_text  # noqa: E402
from index.nvdec import cuda_unavailable  # noqa: E402


def core_sets() -> dict[str, set[int] | None]:
    """"2": the first two cores this process may use (the 2-core targets); "all": no pinning."""
    usable = sorted(os.sched_getaffinity(0))
    sets: dict[str, set[int] | None] = {"2": set(usable[:2])} if len(usable) > 2 else {}
    sets["all"] = None
    return sets


def run_row(minutes: float, cores: set[int] | None, decode: str, faces: bool, out: Path) -> dict[str, Any]:
    """One ingest in a fresh process pinned to ``cores`` (its children inherit the pinning)."""
    argv = [sys.executable, "-m", "benchmarks", "feature_film", "--minutes", f"{minutes:g}", "--ingest-only",
            "--decode", decode, "--out", str(out), *([] if faces else ["--no-faces"])]
    pin = (lambda: os.sched_setaffinity(0, cores)) if cores else None
    proc = subprocess.run(argv, cwd=ROOT, preexec_fn=pin, check=False)  # noqa: PLW1509 - affinity only
    if proc.returncode != 0:
        raise SystemExit(f"the {decode} ingest failed (exit {proc.returncode}); see its output above")
    return json.loads(out.read_text())["ingest"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20.0, help="film length (built once, cached)")
    parser.add_argument("--faces", action="store_true", help="with the face stage (CPU) in every row")
    args = parser.parse_args()
    film_input(args.minutes)  # built before the first row, so no row's time includes it
    reason = cuda_unavailable()
    decoders = ["cuda", "cpu"] if reason is None else ["cpu"]
    if reason is not None:
        print(f"no NVDEC rows: {reason}", flush=True)
    rows: dict[str, Any] = {}
    for name, cores in core_sets().items():
        for decode in decoders:
            key = f"{name}_cores_{decode}"
            out = RESULTS / f"bench_gpu_ingest_{key}.json"
            rows[key] = run_row(args.minutes, cores, decode, args.faces, out)
    result = {"minutes": args.minutes, "faces": args.faces, "nvdec_unavailable": reason, "rows": rows}
    atomic_write_text(RESULTS / "bench_gpu_ingest.json", json.dumps(result, indent=2))
    print(f"\n{'cores':<6} {'decoder':<8} {'ingest':>9} {'x real time':>12} {'decode':>9} {'frames/s':>9} "
          f"{'peak RSS':>9}  device")
    for key, row in rows.items():
        cores, decode = key.split("_cores_")
        decode_s = row["stages"]["decode"]["s"]
        frames = round(row["film_s"] * FPS)
        print(f"{cores:<6} {'NVDEC' if decode == 'cuda' else 'CPU':<8} {row['wall_s']:>7.1f} s "
              f"{row['x_real_time']:>11.1f}x {decode_s:>7.1f} s {frames / decode_s:>9.0f} "
              f"{row['peak_rss_mb']:>6} MB  {row['accelerators']['gpu'] or 'no GPU'}")


if __name__ == "__main__":
    main()
