"""Several llama.cpp contexts on one loaded model.

llama-cpp-python's ``Llama`` loads a model of its own for every context. The file is memory-mapped, but
llama.cpp's CPU backend repacks quantised weights for the machine's SIMD into memory of its own: 674 MB more
per context for the Qwen2.5-Coder-1.5B Q4_K_M model, against 34 MB for a context on weights already loaded
(measured on 2 AVX2 cores). The planner keeps three contexts (plan, translation, say_in), so every context
after the first borrows the first one's model.
"""

from __future__ import annotations

import threading

_LOCK = threading.Lock()


class _Borrowed:
    """The owner's ``LlamaModel``, lent to another ``Llama``: closing the borrower leaves it loaded (the owner
    frees it, and is closed last)."""

    def __init__(self, model: object) -> None:
        self._model = model

    def __getattr__(self, name: str) -> object:
        return getattr(self._model, name)

    def close(self) -> None:
        return None


def context(cls: type, owner: object | None, **options: object) -> object:
    """``cls(**options)`` (a ``llama_cpp.Llama``), on ``owner``'s loaded model where there is one. ``owner``
    must outlive it."""
    loaded = getattr(owner, "_model", None)
    if loaded is None:
        return cls(**options)
    import llama_cpp.llama as llama_module

    internals = llama_module.internals
    with _LOCK:  # the model class is swapped only while this context is made
        real = internals.LlamaModel
        setattr(internals, "LlamaModel", lambda **_: _Borrowed(loaded))  # noqa: B010 - a class is swapped
        try:
            return cls(**options)
        finally:
            setattr(internals, "LlamaModel", real)  # noqa: B010
