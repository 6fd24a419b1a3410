"""CLIP ViT-B/32 keyframe-embedding throughput on this machine's CPU or a CUDA GPU.

Random weights (same compute as the real checkpoint): a throughput number only, never quality.
Measures our real ``ClipEmbedder.embed_images`` path (PIL preprocess + encode) and the bare model
forward pass, so the preprocessing share is visible. With CUDA it also times exact top-10 search over
1M 512-d vectors as one GPU matrix product (what a flat GPU index does), as a reference for faiss-gpu.

    python benchmarks/bench_clip_throughput.py [--device cuda] [--images 512]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.clip_factory import ClipEmbedder  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def _timed(fn, repeat: int = 3) -> float:
    fn()  # warm-up (cuDNN autotune, allocator)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    import open_clip
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--images", type=int, default=512)
    args = parser.parse_args()
    sync = torch.cuda.synchronize if args.device.startswith("cuda") else (lambda: None)

    torch.manual_seed(0)
    model, _, preprocess = open_clip.create_model_and_transforms(
        "ViT-B-32", pretrained=None, device=args.device)
    embedder = ClipEmbedder(model, preprocess, open_clip.get_tokenizer("ViT-B-32"),
                            model_id="ViT-B-32/random", spec={}, device=args.device, meaningful=False)
    rng = np.random.default_rng(0)
    frames = [rng.integers(0, 255, (270, 480, 3), dtype=np.uint8) for _ in range(args.images)]
    on_gpu = args.device.startswith("cuda")
    report: dict[str, object] = {"device": args.device, "images": args.images,
                                 "gpu": torch.cuda.get_device_name(0) if on_gpu else None}

    seconds = _timed(lambda: embedder.embed_images(frames), repeat=2)
    report["embed_images_per_s"] = round(args.images / seconds, 1)

    batch = torch.randn(256, 3, 224, 224, device=args.device)
    if on_gpu:  # how far the fp16 autocast path (what ClipEmbedder uses on CUDA) is from fp32
        with torch.inference_mode():
            exact = torch.nn.functional.normalize(model.encode_image(batch[:64]).float(), dim=1)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                half = torch.nn.functional.normalize(model.encode_image(batch[:64]).float(), dim=1)
        report["fp16_vs_fp32_min_cosine"] = round(float((exact * half).sum(1).min()), 5)
    for dtype in ([torch.float32, torch.float16] if args.device.startswith("cuda") else [torch.float32]):
        m = model.to(dtype)

        def forward(m=m, dtype=dtype) -> None:
            with torch.inference_mode():
                m.encode_image(batch.to(dtype))
            sync()

        report[f"model_only_{str(dtype).split('.')[-1]}_per_s"] = round(256 / _timed(forward), 1)
    model.float()

    if args.device.startswith("cuda"):
        base = torch.nn.functional.normalize(torch.randn(1_000_000, 512, device=args.device), dim=1).half()
        query = torch.nn.functional.normalize(torch.randn(1, 512, device=args.device), dim=1).half()

        def search() -> None:
            torch.topk(base @ query.T, 10, dim=0)
            sync()

        latencies = []
        search()
        for _ in range(50):
            start = time.perf_counter()
            search()
            latencies.append((time.perf_counter() - start) * 1000)
        report["flat_top10_1M_ms_p50"] = round(float(np.percentile(latencies, 50)), 3)
        report["flat_top10_1M_ms_p95"] = round(float(np.percentile(latencies, 95)), 3)

    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"clip_throughput_{args.device.split(':')[0]}.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
