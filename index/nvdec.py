"""NVIDIA's video decoder (NVDEC) for the ingest's decode pass, through PyAV, when a GPU is there.

PyAV's wheels (14+) carry an FFmpeg built with the CUDA hardware context: ``av.open(..., hwaccel=...)``
decodes H.264/HEVC/AV1/VP9 on the GPU's decode engine and hands back ordinary frames in system memory
(NV12), so everything after the decoder stays as it is. Codecs the engine has no profile for (MPEG-4
part 2, VP8, a 4:4:4 stream) fall back to the CPU decoder inside PyAV, stream by stream.

``PERSONALCUT_DECODE`` chooses: ``auto`` (the default: the GPU when PyAV can open a CUDA device here,
else the CPU), ``cpu``, or ``cuda`` (the GPU or a clear error). The check opens a CUDA device once per
process; on a machine without the driver it fails in milliseconds and the CPU is used.
"""

from __future__ import annotations

import ctypes
import functools
import os
from typing import Any

DECODE_ENV = "PERSONALCUT_DECODE"
CHOICES = ("auto", "cpu", "cuda")


class DecoderUnavailable(RuntimeError):
    """The GPU decoder was asked for by name and cannot be used here."""


def decode_choice() -> str:
    """The setting, checked: a typo must not silently mean the CPU."""
    choice = os.environ.get(DECODE_ENV, "auto").strip().lower() or "auto"
    if choice not in CHOICES:
        raise ValueError(f"{DECODE_ENV}={choice!r}: use one of {', '.join(CHOICES)}")
    return choice


@functools.lru_cache(maxsize=1)
def _cuda_reason() -> str | None:
    """Why PyAV cannot decode on a CUDA device here (None: it can). Asks the driver once per process,
    as FFmpeg's CUDA context would (``cuInit``, then a device count)."""
    try:
        from av.codec.hwaccel import HWAccel, hwdevices_available  # noqa: F401 - PyAV 14+
    except ImportError:
        import av

        return f"PyAV {av.__version__} has no hardware decoding (PyAV 14 or newer has)"
    if "cuda" not in hwdevices_available():
        return "this PyAV's FFmpeg was built without CUDA"
    try:
        driver = ctypes.CDLL("libcuda.so.1")
    except OSError:
        return "no NVIDIA driver here (libcuda.so.1 not found)"
    if (status := driver.cuInit(0)) != 0:
        return f"the NVIDIA driver did not start (cuInit error {status})"
    count = ctypes.c_int(0)
    if driver.cuDeviceGetCount(ctypes.byref(count)) != 0 or count.value < 1:
        return "the NVIDIA driver sees no GPU"
    return None


def hwaccel() -> Any | None:
    """What ``av.open(..., hwaccel=)`` takes for this process's setting: a CUDA ``HWAccel`` or None."""
    choice = decode_choice()
    if choice == "cpu":
        return None
    reason = _cuda_reason()
    if reason is not None:
        if choice == "cuda":
            raise DecoderUnavailable(f"{DECODE_ENV}=cuda, but NVDEC cannot be used: {reason}")
        return None
    from av.codec.hwaccel import HWAccel

    return HWAccel("cuda", allow_software_fallback=True)
