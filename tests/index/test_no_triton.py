"""An ingest-only process loads CLIP without Triton (70 MB of shared library it never runs): the CLI's
ingest path leaves it out, CLIP still embeds, and torch reads it as absent rather than failing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_cli_ingest_embedder_leaves_triton_out(tmp_path) -> None:
    pytest.importorskip("triton")  # comes with CUDA builds of torch; nothing to leave out otherwise
    out = _run(f"""
        import sys
        import numpy as np
        from ui.cli import build_parser
        from ui.cli_index import _embedder
        from ui.settings import Settings
        args = build_parser().parse_args(["ingest", "--library", {str(tmp_path)!r}, "--clip-model",
                                          "tiny-random", "x.mp4"])
        args.settings = Settings.from_args(args)  # as ui.cli.main does
        embedder = _embedder(args, __import__("pathlib").Path({str(tmp_path)!r}))
        vectors = embedder.embed_images([np.zeros((64, 64, 3), np.uint8)])
        import torch.utils._triton as t
        maps = open("/proc/self/maps").read()
        print(vectors.shape, sys.modules.get("triton"), t.has_triton_package(), "libtriton" in maps,
              "open_clip" in sys.modules)
    """)
    assert out.split() == ["(1,", "64)", "None", "False", "False", "True"], out


def test_triton_already_loaded_is_left_as_it_is() -> None:
    pytest.importorskip("triton")
    out = _run("""
        import triton
        from index.no_triton import skip_triton
        print(skip_triton(), __import__("sys").modules["triton"] is triton)
    """)
    assert out.split() == ["False", "True"]
