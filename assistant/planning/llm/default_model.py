"""The default planner's language model: a small instruct GGUF fetched from the Hugging Face Hub on first use.

``make_planner("auto")`` without ``$PERSONALCUT_LLM`` uses ``DefaultModelPlanner``: nothing is downloaded
until a turn needs the model (the rules parser answers what it fully understands), so the app starts at
once. The file is written to ``<name>.part`` in the model cache, resumed after an interruption (HTTP
Range) and renamed to its final name only once its size and sha256 match the pinned values, so a partial
or damaged file is never loaded. Without the Hub it fails fast with one line that the chat shows.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlparse

from assistant.plan.schema import EditPlan
from assistant.planning.base import Planner, PlannerContext, PlannerError, PlanResult
from index.model_cache import cache_dir, hub_reachable
from index.probe import content_hash

Progress = Callable[[int, int], None]  # (bytes on disk so far, total bytes)
RETRY_AFTER_S = 300.0  # after a failed download, turns answer at once from the rules parser for this long
_CHUNK = 1 << 20


@dataclass(frozen=True)
class HubFile:
    """One file of a Hub repository at a fixed revision, with the size and sha256 it must have."""

    repo: str
    filename: str
    revision: str
    size: int
    sha256: str
    label: str  # what the chat calls it

    def url(self, endpoint: str) -> str:
        return f"{endpoint.rstrip('/')}/{self.repo}/resolve/{self.revision}/{self.filename}"


# Pinned to a revision so the sha256 (the Hub's LFS oid for this file) cannot drift under us.
DEFAULT_MODEL = HubFile(
    repo="Qwen/Qwen2.5-1.5B-Instruct-GGUF",
    filename="qwen2.5-1.5b-instruct-q4_k_m.gguf",
    revision="91cad51170dc346986eccefdc2dd33a9da36ead9",
    size=1_117_320_736,
    sha256="6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e",
    label="Qwen2.5-1.5B-Instruct",
)


class ModelUnavailable(PlannerError):
    """The default model is not on disk and could not be downloaded now; the message is one chat line."""


def hub_endpoint() -> str:
    """The Hub or its mirror: huggingface_hub's endpoint, which it reads from ``$HF_ENDPOINT`` itself."""
    from huggingface_hub import constants

    return constants.ENDPOINT.rstrip("/")


def cached_model(model: HubFile = DEFAULT_MODEL, cache: Path | None = None) -> Path | None:
    """The finished file, if it is there. Only a verified download is ever renamed to this name."""
    path = (cache or cache_dir()) / model.filename
    return path if path.is_file() and path.stat().st_size == model.size else None


def ensure_model(
    model: HubFile = DEFAULT_MODEL,
    *,
    cache: Path | None = None,
    endpoint: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """The model's path, downloading (or resuming) it first if needed. Raises ``ModelUnavailable``."""
    done = cached_model(model, cache)
    if done is not None:
        return done
    endpoint = endpoint or hub_endpoint()
    host = urlparse(endpoint).netloc or endpoint
    if not hub_reachable(endpoint):
        raise ModelUnavailable(f"{model.label} is not downloaded yet and {host} cannot be reached (offline?)")
    target = (cache or cache_dir()) / model.filename
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    with part.open("ab") as out:
        try:
            fcntl.flock(out, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ModelUnavailable(
                f"another process is downloading {model.label}; try again when it is done"
            ) from None
        _download(model.url(endpoint), out, model, progress)
        _verify(part, model)
        os.replace(part, target)  # still holding the lock: no second writer can touch the .part meanwhile
    _fsync_dir(target.parent)
    return target


def _download(url: str, out: BinaryIO, model: HubFile, progress: Progress | None) -> None:
    """Append the missing bytes to ``out`` (opened for appending); restart if the server ignores Range."""
    import httpx

    have = os.fstat(out.fileno()).st_size
    if have > model.size:
        out.truncate(0)
        have = 0
    if have == model.size:
        return
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        with httpx.stream(
            "GET", url, headers=headers, follow_redirects=True, timeout=httpx.Timeout(30.0, connect=5.0)
        ) as response:
            if response.status_code == 200 and have:  # no Range support: start over rather than corrupt
                out.truncate(0)
                have = 0
            elif response.status_code not in (200, 206):
                raise ModelUnavailable(
                    f"downloading {model.label} failed: HTTP {response.status_code} for {url}"
                )
            if progress:
                progress(have, model.size)
            for chunk in response.iter_bytes(_CHUNK):
                out.write(chunk)
                have += len(chunk)
                if progress:
                    progress(have, model.size)
    except httpx.HTTPError as exc:
        raise ModelUnavailable(
            f"downloading {model.label} stopped at {have >> 20} of {model.size >> 20} MiB "
            f"({type(exc).__name__}); it resumes on the next try"
        ) from exc
    finally:
        out.flush()
        os.fsync(out.fileno())


def _verify(part: Path, model: HubFile) -> None:
    """Size, then sha256; a complete file with the wrong digest is deleted so the next try starts clean."""
    size = part.stat().st_size
    if size != model.size:
        raise ModelUnavailable(
            f"downloading {model.label} stopped at {size >> 20} of {model.size >> 20} MiB; "
            "it resumes on the next try"
        )
    digest = content_hash(part)
    if digest != model.sha256:
        part.unlink()
        raise ModelUnavailable(
            f"the downloaded {model.label} has sha256 {digest[:12]}…, expected "
            f"{model.sha256[:12]}…; deleted it, the next try downloads it again"
        )


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def console_progress(label: str) -> Progress:
    """A tqdm bar on stderr, created on the first report (so a cached model prints nothing)."""
    from tqdm import tqdm

    bar: list[tqdm] = []

    def report(done: int, total: int) -> None:
        if not bar:
            bar.append(
                tqdm(total=total, initial=done, unit="B", unit_scale=True, unit_divisor=1024,
                     desc=f"downloading {label}", file=sys.stderr)
            )
        bar[0].update(done - bar[0].n)
        if done >= total:
            bar[0].close()

    return report


class DefaultModelPlanner:
    """The llama.cpp planner on the default model, downloaded when a turn first needs it.

    While the model cannot be had (offline, download failed) ``plan`` raises ``ModelUnavailable`` with
    the reason, which ``AutoPlanner`` shows as its note while the rules parser answers; a failed
    download is retried at most every ``RETRY_AFTER_S`` so a turn never waits on a dead network twice.
    """

    name = "llamacpp"

    def __init__(
        self,
        model: HubFile = DEFAULT_MODEL,
        *,
        cache: Path | None = None,
        endpoint: str | None = None,
        progress: Progress | None = None,
        **planner_options: int,
    ) -> None:
        """``planner_options`` go to the ``LlamaCppPlanner`` once the model is on disk (``threads``,
        ``max_tokens``, ``core``, ``few_shot``)."""
        self.model = model
        self.cache = cache
        self.endpoint = endpoint
        self.progress = progress
        self.planner_options = planner_options
        self._llm: Planner | None = None
        self._failure: tuple[float, ModelUnavailable] | None = None
        self._lock = threading.Lock()

    def loaded(self) -> Planner:
        """The ready llama.cpp planner; downloads the model on the first call."""
        with self._lock:
            if self._llm is not None:
                return self._llm
            if self._failure and time.monotonic() - self._failure[0] < RETRY_AFTER_S:
                raise self._failure[1]
            if importlib.util.find_spec("llama_cpp") is None:  # say so before fetching 1 GB it cannot run
                raise ModelUnavailable("llama-cpp-python is not installed (personalcut[llamacpp])")
            try:
                path = ensure_model(
                    self.model, cache=self.cache, endpoint=self.endpoint,
                    progress=self.progress or console_progress(self.model.label),
                )
            except ModelUnavailable as exc:
                self._failure = (time.monotonic(), exc)
                raise
            from assistant.planning.llm.llamacpp import LlamaCppPlanner

            self._llm = LlamaCppPlanner(path, **self.planner_options)
            return self._llm

    def plan(self, text: str, context: PlannerContext) -> EditPlan:
        return self.loaded().plan(text, context)

    def translate(self, text: str) -> str:
        """The loaded model's translation into English (``ChatModelPlanner.translate``)."""
        return self.loaded().translate(text)  # type: ignore[attr-defined]

    def plan_confidence(self) -> float | None:
        """How sure the loaded model was of its last plan (``ChatModelPlanner.plan_confidence``): ``auto``
        asks about an unsure plan; without this the default model's doubts went unasked."""
        sure = getattr(self._llm, "plan_confidence", None)
        return sure() if callable(sure) else None

    def translation_confidence(self, quoted: bool = True) -> tuple[float, str] | None:
        """The loaded model's doubt about its last translation (``translation_confidence``)."""
        sure = getattr(self._llm, "translation_confidence", None)
        return sure(quoted) if callable(sure) else None

    def say_in(self, words: str, language: str, heard: str = "") -> str:
        """The loaded model's ``words`` in ``language`` (``ChatModelPlanner.say_in``)."""
        return self.loaded().say_in(words, language, heard)  # type: ignore[attr-defined]

    def warm(self) -> None:
        """Read the fixed prompts now when the model is already on disk; a first download waits for a turn
        that needs it (with its progress shown there), never for the app's start."""
        if cached_model(self.model, self.cache) is None:
            return
        try:
            llm = self.loaded()
        except PlannerError:
            return
        warm = getattr(llm, "warm", None)
        if callable(warm):
            warm()

    def plan_turn(self, text: str, context: PlannerContext) -> PlanResult:
        from assistant.planning.auto import AutoPlanner

        return AutoPlanner(self, rules_first=False).plan_turn(text, context)
