"""A llama.cpp context's evaluated prompt, kept on disk so the next process starts where this one was.

The planner's fixed prefix (the system prompt and the core examples, ~3k tokens) costs ~30 s to evaluate
on 2 cores. Within a process llama-cpp-python evaluates it once: each prompt reuses the longest token
prefix it shares with the one before. Across processes (an app restart, the next CLI command, another
test worker) that work was lost. After a plan the context's state (its tokens and their KV cache) is
written here, one file per model and prefix; a new process restores it before its first plan.

A restored state is only used through that token comparison, so a state holding other tokens costs time,
never a wrong answer. A file that is damaged, truncated or from another build fails its checks and is
ignored (then rewritten). The format is ours: a magic line, a JSON header, the tokens, then llama.cpp's
own state bytes; a SHA-256 of both covers what is handed to llama.cpp.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.atomic import atomic_path
from index.model_cache import cache_dir

MAGIC = b"personalcut llama state 1\n"
MAX_STATE_BYTES = 1 << 30  # a 1.5B model's 3k-token prefix is ~90 MB; more means a file that is not ours
KEEP_STATES = 4  # the newest states kept (a model's prefix with and without a cast, a model before an update)


def state_dir() -> Path:
    return cache_dir() / "llama-states"


def state_file(model_path: str, context_tokens: int, prefix: object) -> Path:
    """Where the state of ``model_path`` after ``prefix`` (the messages every prompt starts with) lives:
    the file's name hashes the model file's identity, the llama.cpp build, the context size and the prefix."""
    import llama_cpp

    stat = os.stat(model_path)
    identity = [os.path.realpath(model_path), stat.st_size, stat.st_mtime_ns, llama_cpp.__version__,
                context_tokens, prefix]
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:32]
    return state_dir() / f"{digest}.state"


@dataclass(frozen=True)
class Snapshot:
    """A context's evaluated tokens and llama.cpp's state bytes for them, held in memory."""

    tokens: bytes | memoryview  # little-endian int32 token ids
    state: bytes | memoryview

    @property
    def size(self) -> int:
        return len(self.tokens) + len(self.state)


def snapshot(llm: object) -> Snapshot:
    """``llm``'s evaluated tokens and its state (their KV cache), copied out of llama.cpp."""
    import llama_cpp

    ctx = llm._ctx.ctx  # type: ignore[attr-defined]
    n_tokens = int(llm.n_tokens)  # type: ignore[attr-defined]
    size = int(llama_cpp.llama_state_get_size(ctx))
    buffer = (ctypes.c_uint8 * size)()
    written = int(llama_cpp.llama_state_get_data(ctx, buffer, size))
    if not 0 < written <= size:
        raise RuntimeError("llama.cpp did not copy its state")
    tokens = np.ascontiguousarray(llm.input_ids[:n_tokens], dtype="<i4").tobytes()  # type: ignore[attr-defined]
    return Snapshot(tokens, memoryview(buffer)[:written])  # a view: a 3k-token prefix is ~90 MB to copy


def load(llm: object, saved: Snapshot) -> bool:
    """Put ``saved`` back into ``llm``: its next prompt evaluates only what follows the saved tokens. False
    (and ``llm`` left empty) when llama.cpp refuses the state or it does not fit the context."""
    import llama_cpp

    n_tokens = len(saved.tokens) // 4
    if not (0 < n_tokens <= llm.n_ctx() and 0 < len(saved.state) <= MAX_STATE_BYTES):  # type: ignore[attr-defined]
        return False
    state = (ctypes.c_uint8 * len(saved.state)).from_buffer_copy(saved.state)
    if int(llama_cpp.llama_state_set_data(llm._ctx.ctx, state, len(saved.state))) != len(saved.state):  # type: ignore[attr-defined]
        llm.reset()  # type: ignore[attr-defined]
        return False
    llm.input_ids[:n_tokens] = np.frombuffer(saved.tokens, dtype="<i4")  # type: ignore[attr-defined]
    llm.n_tokens = n_tokens  # type: ignore[attr-defined]
    llm._requires_eval = True  # type: ignore[attr-defined]  # sample only after a live decode
    return True


def save(llm: object, path: Path) -> int:
    """Write ``llm``'s evaluated tokens and state to ``path`` (atomically); returns the bytes written."""
    saved = snapshot(llm)
    digest = hashlib.sha256(saved.tokens)
    digest.update(saved.state)
    header = json.dumps({"n_tokens": len(saved.tokens) // 4, "state_bytes": len(saved.state),
                         "sha256": digest.hexdigest()}).encode()
    with atomic_path(path) as tmp, open(tmp, "wb") as out:
        out.write(MAGIC + struct.pack("<I", len(header)) + header)
        out.write(saved.tokens)
        out.write(saved.state)
    _prune(path.parent)
    return len(MAGIC) + 4 + len(header) + saved.size


def _prune(folder: Path) -> None:
    """Keep the KEEP_STATES newest states (each is tens of MB)."""
    states = sorted(folder.glob("*.state"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in states[KEEP_STATES:]:
        old.unlink(missing_ok=True)


def restore(llm: object, path: Path) -> bool:
    """Load the state in ``path`` into ``llm``; False (and ``llm`` left empty) when there is none or it
    fails any check."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    try:
        if not data.startswith(MAGIC):
            return False
        at = len(MAGIC)
        (length,) = struct.unpack_from("<I", data, at)
        header = json.loads(data[at + 4:at + 4 + length])
        n_tokens, state_bytes = int(header["n_tokens"]), int(header["state_bytes"])
        body = memoryview(data)[at + 4 + length:]
    except (struct.error, ValueError, KeyError, TypeError):
        return False
    if not (0 < n_tokens <= llm.n_ctx() and 0 < state_bytes <= MAX_STATE_BYTES  # type: ignore[attr-defined]
            and len(body) == 4 * n_tokens + state_bytes):
        return False
    digest = hashlib.sha256(body).hexdigest()
    if digest != header.get("sha256"):
        return False
    return load(llm, Snapshot(body[:4 * n_tokens], body[4 * n_tokens:]))  # views: no copy of ~90 MB
