"""The one front door for CLIP embedders: names and weight files in, an ``Embedder`` out.

Model descriptions are data (open_clip's registry plus ``TINY_RANDOM_CFG``); this module only
resolves where weights come from and wraps the model. Offline, a pretrained tag resolves from the
Hugging Face cache or a local file, and fails fast with instructions instead of retrying the network.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.clip_image_tower import load_image_tower
from index.embedder import Embedder, EmbedderUnavailable, TextUnavailable, normalise_rows
from index.model_cache import hub_reachable

WEIGHTS_ENV = "PERSONALCUT_CLIP_WEIGHTS"
DEFAULT_MODEL = "ViT-B-32"
DEFAULT_PRETRAINED = "laion2b_s34b_b79k"
TINY_RANDOM = "tiny-random"
# A CLIP small enough to build in a blink: same code paths as ViT-B-32, meaningless numbers.
TINY_RANDOM_CFG: dict[str, Any] = {
    "embed_dim": 64,
    "vision_cfg": {"image_size": 64, "patch_size": 16, "width": 64, "layers": 2, "head_width": 32,
                   "mlp_ratio": 2.0},
    "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 2},
}
BATCH = 64
_TINY_NAME = re.compile(rf"^{TINY_RANDOM}(?:-seed(\d+))?$")
_HUB_FILES = ("open_clip_model.safetensors", "open_clip_pytorch_model.bin")


class ClipEmbedder:
    """An open_clip model behind the ``Embedder`` protocol (batched, ``torch.inference_mode``).

    ``image_only`` gives the same image side without the text tower, for an ingest: it only embeds images.
    """

    def __init__(self, model, preprocess, tokenizer, *, model_id: str, spec: dict[str, str | None] | None,
                 device: str, meaningful: bool, tensor_preprocess: bool | None = None,
                 image_tower: bool = False) -> None:
        """``image_tower``: ``model`` is a CLIP's image tower alone (``load_image_tower``), for an ingest."""
        self._model = model.eval()
        self._preprocess = preprocess
        # On a GPU, PIL preprocessing on one CPU thread is the bottleneck (250 images/s against the
        # model's 4,500 on an H100), so resize/crop/normalise run as tensor ops on the device instead.
        use_tensor = device != "cpu" if tensor_preprocess is None else tensor_preprocess
        self._tensor_preprocess = _tensor_steps(preprocess) if use_tensor else None
        self._tokenizer = tokenizer
        self._device = device
        self.model_id = model_id
        self.spec = spec  # create_embedder's arguments to rebuild this model (None: cannot be); recorded
        self.meaningful = meaningful
        self.text = not image_tower  # False once the text tower is dropped (``image_only``)
        self._encode_image = self._model if image_tower else self._model.encode_image
        self.dim = 0
        # the model's output width, whatever its config
        self.dim = int(self.embed_texts([""]).shape[1]) if self.text else int(self._image_width())

    def _image_width(self) -> int:
        import torch

        size = self._model.image_size
        side = size if isinstance(size, int) else size[0]
        with torch.inference_mode():
            return int(self._model(torch.zeros(1, 3, side, side, device=self._device)).shape[1])

    def image_only(self) -> ClipEmbedder:
        """This embedder without its text tower (ViT-B/32's is 63M weights, 250 MB resident in fp32): same
        image vectors, same ``model_id``; ``embed_texts`` raises ``TextUnavailable``. The text tower is
        freed once this one (and every other reference to its model) is dropped.

        Only the vision tower is kept when ``encode_image`` is open_clip's plain ``visual(image)``; other
        architectures (e.g. CoCa) keep their whole model, still refusing text, so vectors never change.
        """
        import copy

        import open_clip

        clone = copy.copy(self)
        plain = (open_clip.CLIP.encode_image, open_clip.CustomTextCLIP.encode_image)
        if getattr(type(self._model), "encode_image", None) in plain:
            clone._model = self._model.visual
            clone._encode_image = clone._model
        clone._tokenizer = None
        clone.text = False
        return clone

    def _autocast(self):
        """fp16 on CUDA (6x the fp32 model rate on an H100, cosine to fp32 >= 0.99999); fp32 on CPU."""
        import contextlib

        import torch

        if self._device.startswith("cuda"):
            return torch.autocast(device_type="cuda", dtype=torch.float16)
        return contextlib.nullcontext()

    def embed_images(self, images: Sequence[np.ndarray]) -> np.ndarray:
        import torch
        from PIL import Image

        def prepare(img: np.ndarray) -> torch.Tensor:
            img = np.asarray(img, dtype=np.uint8)
            if self._tensor_preprocess is None:
                return self._preprocess(Image.fromarray(img))
            pixels = torch.from_numpy(np.ascontiguousarray(img)).to(self._device).permute(2, 0, 1)
            return self._tensor_preprocess(pixels.float().div_(255))

        out = []
        with torch.inference_mode(), self._autocast():
            for start in range(0, len(images), BATCH):
                batch = torch.stack([prepare(img) for img in images[start:start + BATCH]])
                out.append(self._encode_image(batch.to(self._device)).float().cpu().numpy())
        return normalise_rows(np.concatenate(out)) if out else np.zeros((0, self.dim), np.float32)

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        import torch

        if not self.text:
            raise TextUnavailable(f"{self.model_id} was created for ingest only (image tower, no text "
                                  "tower): create it with text=True to embed queries")
        out = []
        with torch.inference_mode(), self._autocast():
            for start in range(0, len(texts), BATCH):
                tokens = self._tokenizer(list(texts[start:start + BATCH])).to(self._device)
                out.append(self._model.encode_text(tokens).float().cpu().numpy())
        return normalise_rows(np.concatenate(out)) if out else np.zeros((0, self.dim), np.float32)


def _tensor_steps(preprocess):
    """open_clip's eval transform minus its PIL-only steps: resize, crop, normalise on tensors."""
    from torchvision.transforms import CenterCrop, Compose, Normalize, Resize

    kept = (Resize, CenterCrop, Normalize)
    steps = [t for t in getattr(preprocess, "transforms", ()) if isinstance(t, kept)]
    return Compose(steps) if len(steps) == 3 else None


def _default_device(device: str | None) -> str:
    if device:
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _weights_id(path: Path) -> str:
    """A cheap identity for a checkpoint (size + head + tail), so swapping files changes the model id."""
    size = path.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with open(path, "rb") as fh:
        digest.update(fh.read(1 << 20))
        fh.seek(max(0, size - (1 << 20)))
        digest.update(fh.read(1 << 20))
    return f"file:{path.name}:{digest.hexdigest()[:12]}"


def _cached_hub_file(hf_hub: str) -> str | None:
    from huggingface_hub import try_to_load_from_cache

    repo_id, filename = os.path.split(hf_hub)  # "org/repo/" means open_clip's default file names
    for name in ((filename,) if filename else _HUB_FILES):
        found = try_to_load_from_cache(repo_id, name)
        if isinstance(found, str):
            return found
    return None


def _how_to_supply(model: str, pretrained: str | None) -> str:
    return (f"CLIP weights for {model}/{pretrained} are not available offline: download the open_clip "
            f"checkpoint (e.g. open_clip_model.safetensors from the Hugging Face repo for that tag) and pass "
            f"it with --clip-weights FILE or set {WEIGHTS_ENV}=FILE; for a smoke test without weights use "
            f"--clip-model {TINY_RANDOM} (meaningless results)")


def _create_tiny(seed: int, device: str) -> ClipEmbedder:
    import open_clip
    import torch

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = open_clip.CLIP(**TINY_RANDOM_CFG).to(device)
    preprocess = open_clip.image_transform(TINY_RANDOM_CFG["vision_cfg"]["image_size"], is_train=False)
    name = f"{TINY_RANDOM}-seed{seed}"
    return ClipEmbedder(model, preprocess, open_clip.get_tokenizer(DEFAULT_MODEL), model_id=name,
                        spec={"model": name, "pretrained": None, "weights": None}, device=device,
                        meaningful=False)


def create_embedder(model: str = DEFAULT_MODEL, pretrained: str | None = DEFAULT_PRETRAINED,
                    weights: str | Path | None = None, device: str | None = None,
                    text: bool = True) -> Embedder:
    """Build an embedder; ``weights`` is a local open_clip checkpoint; ``text=False`` for an ingest-only
    process (``ClipEmbedder.image_only``: no text tower resident; search needs the default).

    With both ``weights`` and a ``pretrained`` tag the file is taken to hold that tag's weights (the
    offline way to get the same model, same id); with ``pretrained=None`` it is a custom checkpoint
    identified by its contents. ``tiny-random`` / ``tiny-random-seedN`` need no weights at all.
    """
    device = _default_device(device)
    pretrained = pretrained or None
    tiny = _TINY_NAME.match(model)
    if tiny:
        made = _create_tiny(int(tiny.group(1) or 0), device)
        return made if text else made.image_only()

    import open_clip

    if model not in open_clip.list_models():
        known = ", ".join([TINY_RANDOM, *open_clip.list_models()[:8]])
        raise EmbedderUnavailable(f"unknown CLIP model {model!r}; known: {known}, ... "
                                  "(see open_clip.list_models())")
    weights = weights or None
    tag_cfg = open_clip.get_pretrained_cfg(model, pretrained) if pretrained else {}
    if pretrained and not tag_cfg:
        tags = ", ".join(open_clip.list_pretrained_tags_by_model(model)) or "none"
        raise EmbedderUnavailable(f"{model} has no pretrained tag {pretrained!r} (known: {tags})")
    if weights is not None:
        path = Path(weights).expanduser()
        if not path.is_file():
            raise EmbedderUnavailable(f"CLIP weights file {path} does not exist")
        checkpoint: str = str(path)
        model_id = f"{model}/{pretrained}" if pretrained else f"{model}/{_weights_id(path)}"
    elif pretrained:
        cached = _cached_hub_file(tag_cfg["hf_hub"]) if tag_cfg.get("hf_hub") else None
        if cached is None and not hub_reachable():
            raise EmbedderUnavailable(_how_to_supply(model, pretrained))
        checkpoint, model_id = cached or pretrained, f"{model}/{pretrained}"
    else:
        raise EmbedderUnavailable(f"{model} without pretrained weights would be random; pass a pretrained "
                                  f"tag or --clip-weights FILE, or use {TINY_RANDOM} for a smoke test")
    preprocess_overrides = {key: tag_cfg[cfg_key] for key, cfg_key in (
        ("image_mean", "mean"), ("image_std", "std"), ("image_interpolation", "interpolation"),
        ("image_resize_mode", "resize_mode")) if tag_cfg.get(cfg_key)}
    spec = {"model": model, "pretrained": pretrained,
            "weights": str(Path(weights).expanduser().resolve()) if weights else None}
    if not text and Path(checkpoint).is_file():
        try:
            tower = load_image_tower(model, Path(checkpoint), device, preprocess_overrides)
        except Exception as exc:  # an unreadable file: said the same way as open_clip's loader says it
            raise EmbedderUnavailable(f"cannot load CLIP {model} from {checkpoint}: {exc}") from exc
        if tower is not None:
            return ClipEmbedder(tower[0], tower[1], None, model_id=model_id, spec=spec, device=device,
                                meaningful=True, image_tower=True)
    try:
        clip, _, preprocess = open_clip.create_model_and_transforms(
            model, pretrained=checkpoint, device=device, **preprocess_overrides)
    except Exception as exc:  # open_clip raises RuntimeError/OSError/KeyError for bad or missing weights
        raise EmbedderUnavailable(f"cannot load CLIP {model} from {checkpoint}: {exc}") from exc
    made = ClipEmbedder(clip, preprocess, open_clip.get_tokenizer(model), model_id=model_id, spec=spec,
                        device=device, meaningful=True)
    del clip  # the text tower goes with the last reference to the whole model
    return made if text else made.image_only()
