"""An ingest-only process without Triton: 70 MB of shared library it would never run.

open_clip imports torchvision, whose ops import ``torch._dynamo``, which imports Triton when it is
installed (it comes with CUDA builds of torch). An ingest compiles no kernels (CLIP runs eagerly, fp16
autocast on a GPU), so the CLI's ``ingest`` and ``reembed`` make ``import triton`` fail before CLIP loads;
torch reads that as "no Triton" (``torch.utils._triton.has_triton_package``). Measured on the dev box:
import of torch + open_clip 750 -> 675 MB resident. The app keeps Triton (it may serve other work).
"""

from __future__ import annotations

import sys


def skip_triton() -> bool:
    """Make later ``import triton`` fail in this process; False when it is already imported (too late)."""
    if "triton" in sys.modules and sys.modules["triton"] is not None:
        return False
    sys.modules["triton"] = None  # type: ignore[assignment]  # the import system's "not importable"
    return True
