"""The open_clip front door: tiny-random for tests, clear errors when real weights are missing."""

from __future__ import annotations

import numpy as np
import pytest

from index.clip_factory import WEIGHTS_ENV, create_embedder
from index.embedder import Embedder, EmbedderUnavailable


def frames() -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    return [np.zeros((90, 160, 3), np.uint8), rng.integers(0, 255, (120, 64, 3), dtype=np.uint8)]


def test_tiny_random_is_a_deterministic_normalised_embedder(tiny_embedder) -> None:
    assert isinstance(tiny_embedder, Embedder)
    assert tiny_embedder.model_id == "tiny-random-seed0" and tiny_embedder.meaningful is False
    images = tiny_embedder.embed_images(frames())
    texts = tiny_embedder.embed_texts(["a dragon", "a red car", "a dragon"])
    assert images.shape == (2, tiny_embedder.dim) and texts.shape == (3, tiny_embedder.dim)
    assert images.dtype == np.float32 and texts.dtype == np.float32
    assert np.linalg.norm(images, axis=1) == pytest.approx([1, 1], abs=1e-5)
    assert np.allclose(texts[0], texts[2]) and not np.allclose(texts[0], texts[1])
    again = create_embedder("tiny-random")
    assert np.allclose(again.embed_images(frames()), images, atol=1e-6)
    assert tiny_embedder.embed_images([]).shape == (0, tiny_embedder.dim)


def test_seeds_are_different_models() -> None:
    other = create_embedder("tiny-random-seed1")
    assert other.model_id == "tiny-random-seed1"
    assert other.spec == {"model": "tiny-random-seed1", "pretrained": None, "weights": None}
    assert not np.allclose(other.embed_texts(["x"]), create_embedder("tiny-random").embed_texts(["x"]))


def test_default_model_offline_without_weights_says_how_to_supply_them(monkeypatch, tmp_path) -> None:
    from huggingface_hub import constants

    monkeypatch.delenv(WEIGHTS_ENV, raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    with pytest.raises(EmbedderUnavailable) as err:
        create_embedder()
    message = str(err.value)
    assert "ViT-B-32/laion2b_s34b_b79k" in message
    assert "--clip-weights" in message and WEIGHTS_ENV in message


def test_bad_names_and_files_are_specific_errors(tmp_path) -> None:
    with pytest.raises(EmbedderUnavailable, match="unknown CLIP model 'ViT-Q-99'"):
        create_embedder("ViT-Q-99")
    with pytest.raises(EmbedderUnavailable, match="no pretrained tag 'nope'"):
        create_embedder("ViT-B-32", "nope")
    with pytest.raises(EmbedderUnavailable, match="does not exist"):
        create_embedder("ViT-B-32", weights=tmp_path / "missing.safetensors")


def test_corrupt_weights_file_is_reported_not_loaded(tmp_path) -> None:
    bogus = tmp_path / "weights.pt"
    bogus.write_bytes(b"not a checkpoint at all")
    with pytest.raises(EmbedderUnavailable, match="cannot load CLIP ViT-B-32 from .*weights.pt"):
        create_embedder("ViT-B-32", weights=bogus)


def test_tensor_preprocessing_matches_pil_path():
    """The GPU preprocessing path (tensor resize/crop/normalise) embeds like open_clip's PIL path."""
    import open_clip
    import torch

    from index.clip_factory import TINY_RANDOM_CFG, ClipEmbedder

    torch.manual_seed(0)
    model = open_clip.CLIP(**TINY_RANDOM_CFG)
    preprocess = open_clip.image_transform(TINY_RANDOM_CFG["vision_cfg"]["image_size"], is_train=False)
    tokenizer = open_clip.get_tokenizer("ViT-B-32")
    pil, tensor = (ClipEmbedder(model, preprocess, tokenizer, model_id="t", spec=None, device="cpu",
                                meaningful=False, tensor_preprocess=flag) for flag in (False, True))
    assert tensor._tensor_preprocess is not None and pil._tensor_preprocess is None
    rng = np.random.default_rng(1)
    # Smooth images (like real frames), landscape and portrait, so resizing is well defined.
    images = [np.kron(rng.integers(0, 255, (h, w, 3)), np.ones((8, 8, 1))).astype(np.uint8)
              for h, w in ((27, 48), (48, 27), (30, 30))]
    cos = np.sum(pil.embed_images(images) * tensor.embed_images(images), axis=1)
    assert np.all(cos > 0.995), cos
