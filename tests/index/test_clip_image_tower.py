"""An ingest-only CLIP reads its image tower alone out of the checkpoint (the whole model and the whole
checkpoint side by side had taken a ViT-B/32 ingest to ~1.9 GB before a frame was decoded), with exactly
the vectors of open_clip's own loader; what that path cannot read goes through open_clip's loader."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import open_clip
import pytest
import torch
from safetensors.torch import save_file

from index.clip_factory import TINY_RANDOM_CFG, ClipEmbedder, create_embedder
from index.embedder import EmbedderUnavailable, TextUnavailable

NAME = "personalcut-test-tower"


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory) -> dict[str, Path]:
    """A small registered open_clip architecture and its random weights in the layouts people have."""
    folder = tmp_path_factory.mktemp("tower")
    config = folder / "configs"
    config.mkdir()
    (config / f"{NAME}.json").write_text(json.dumps(TINY_RANDOM_CFG))
    open_clip.add_model_config(config)
    torch.manual_seed(7)
    state = open_clip.create_model(NAME).state_dict()
    files = {"safetensors": folder / "model.safetensors", "bin": folder / "model.bin",
             "wrapped": folder / "wrapped.pt", "text_only": folder / "text_only.safetensors"}
    save_file({k: v.contiguous() for k, v in state.items()}, str(files["safetensors"]))
    torch.save(state, files["bin"])
    torch.save({"epoch": 3, "state_dict": {f"module.{k}": v for k, v in state.items()}}, files["wrapped"])
    save_file({k: v.contiguous() for k, v in state.items() if not k.startswith("visual.")},
              str(files["text_only"]))
    return files


def _images() -> list[np.ndarray]:
    rng = np.random.default_rng(11)
    return [rng.integers(0, 255, (90, 160, 3), dtype=np.uint8), np.full((64, 64, 3), 200, np.uint8)]


@pytest.mark.parametrize("layout", ["safetensors", "bin", "wrapped"])
def test_the_image_tower_alone_gives_the_whole_models_vectors(checkpoints, layout: str, caplog) -> None:
    whole = create_embedder(NAME, pretrained=None, weights=checkpoints[layout])
    tower = create_embedder(NAME, pretrained=None, weights=checkpoints[layout], text=False)
    assert isinstance(tower, ClipEmbedder)
    assert isinstance(tower._model, open_clip.transformer.VisionTransformer), "more than the image tower"
    assert not any(p.is_meta for p in tower._model.parameters())
    assert (tower.model_id, tower.dim, tower.spec) == (whole.model_id, whole.dim, whole.spec)
    assert np.array_equal(tower.embed_images(_images()), whole.embed_images(_images()))
    with pytest.raises(TextUnavailable):
        tower.embed_texts(["a lighthouse"])
    # the weights are loaded: open_clip's "initialized randomly" (said of the empty skeleton) is not shown
    with caplog.at_level("WARNING"):
        create_embedder(NAME, pretrained=None, weights=checkpoints[layout], text=False)
    assert "randomly" not in caplog.text


def test_a_checkpoint_without_an_image_tower_goes_to_open_clips_loader(checkpoints) -> None:
    with pytest.raises(EmbedderUnavailable, match="cannot load CLIP"):
        create_embedder(NAME, pretrained=None, weights=checkpoints["text_only"], text=False)


def test_a_tower_of_another_shape_goes_to_open_clips_loader(checkpoints, tmp_path) -> None:
    """Weights for a bigger picture than the architecture's: the strict load refuses and open_clip (which
    resizes position embeddings) decides, as it would for the whole model."""
    cfg = copy.deepcopy(TINY_RANDOM_CFG)
    cfg["vision_cfg"]["image_size"] = 96
    config = tmp_path / "configs"
    config.mkdir()
    (config / f"{NAME}-96.json").write_text(json.dumps(cfg))
    open_clip.add_model_config(config)
    bigger = tmp_path / "bigger.safetensors"
    state = open_clip.create_model(f"{NAME}-96").state_dict()
    save_file({k: v.contiguous() for k, v in state.items()}, str(bigger))
    made = create_embedder(NAME, pretrained=None, weights=bigger, text=False)  # open_clip resizes
    whole = create_embedder(NAME, pretrained=None, weights=bigger)
    assert np.array_equal(made.embed_images(_images()), whole.embed_images(_images()))


def test_a_file_that_is_not_a_checkpoint_is_a_clear_error(tmp_path) -> None:
    junk = tmp_path / "weights.safetensors"
    junk.write_bytes(b"not a checkpoint at all")
    with pytest.raises(EmbedderUnavailable, match="cannot load CLIP ViT-B-32"):
        create_embedder("ViT-B-32", pretrained=None, weights=junk, text=False)
