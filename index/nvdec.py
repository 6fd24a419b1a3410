"""NVIDIA's video decoder (NVDEC) for the ingest's decode pass, through PyAV, when a GPU is there.

PyAV's wheels (14+) carry an FFmpeg built with the CUDA hardware context: ``av.open(..., hwaccel=...)``
decodes H.264/HEVC/AV1/VP9 on the GPU's decode engine and hands back ordinary frames in system memory
(NV12), so everything after the decoder stays as it is. Codecs the engine has no profile for (MPEG-4
part 2, VP8, a 4:4:4 stream) fall back to the CPU decoder inside PyAV, stream by stream.

The choice (``PERSONALCUT_DECODE``, read by ``ui.settings`` and handed to ``use_decoder`` at start):
``auto`` (the default: the GPU where PyAV can use a CUDA device and the process has few CPU cores, else
the CPU), ``cpu``, or ``cuda`` (the GPU or a clear error). The check asks the driver once per process; on
a machine without one it fails in milliseconds and the CPU is used.

Why few cores: one NVDEC session decodes a 1080p H.264 film at ~650 frames/s with the decode pass's
per-frame work, however many cores there are, while the CPU decoder scales with them (measured on an
H200 machine, 20-minute 1080p film: NVDEC 592 frames/s on 2 cores and 648 on 16; the CPU 391 on 2 and
1,349 on 16). The two meet at about 6 cores, so ``auto`` takes NVDEC below that.
"""

from __future__ import annotations

import ctypes
import functools
import os
from typing import Any

DECODE_ENV = "PERSONALCUT_DECODE"
CHOICES = ("auto", "cpu", "cuda")
AUTO_BELOW_CPUS = 6  # ``auto`` decodes on the GPU when the process may use fewer cores than this


class DecoderUnavailable(RuntimeError):
    """The GPU decoder was asked for by name and cannot be used here."""


_choice = "auto"


def checked(choice: str | None) -> str:
    """A decoder setting, normalised; a typo is an error, never silently the CPU."""
    value = (choice or "").strip().lower() or "auto"
    if value not in CHOICES:
        raise ValueError(f"{DECODE_ENV}={choice!r}: use one of {', '.join(CHOICES)}")
    return value


def use_decoder(choice: str | None) -> None:
    """Set once at startup from the settings: every decode in the process follows it (None: ``auto``)."""
    global _choice
    _choice = checked(choice)


def decode_choice() -> str:
    return _choice


@functools.lru_cache(maxsize=1)
def cuda_unavailable() -> str | None:
    """Why PyAV cannot decode on a CUDA device here (None: it can), whatever the setting and the cores.
    Asks the driver once per process, as FFmpeg's CUDA context would (``cuInit``, then a device count)."""
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


def usable_cpus() -> int:
    """The cores this process may run on (a ``taskset`` or container limit counts, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def hwaccel() -> Any | None:
    """What ``av.open(..., hwaccel=)`` takes for this process's setting: a CUDA ``HWAccel`` or None."""
    choice = decode_choice()
    if choice == "cpu" or (choice == "auto" and usable_cpus() >= AUTO_BELOW_CPUS):
        return None
    reason = cuda_unavailable()
    if reason is not None:
        if choice == "cuda":
            raise DecoderUnavailable(f"{DECODE_ENV}=cuda, but NVDEC cannot be used: {reason}")
        return None
    from av.codec.hwaccel import HWAccel

    return HWAccel("cuda", allow_software_fallback=True)
