"""CLIP's image tower alone, for a process that only ingests: built without memory, then given the tower's
weights straight from the checkpoint.

Loading the whole model to drop its text tower afterwards cost a ViT-B/32 ingest ~1.9 GB at its peak (the
random-initialised model and the checkpoint's tensors side by side, 605 MB each) and left ~1.3 GB resident;
this way the peak is the tower's 350 MB over the imports. Anything unusual (another architecture, a
checkpoint in a third-party layout, a shape that needs open_clip's resizing) returns None and the caller
uses open_clip's own loader, so vectors never depend on which path ran.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
_PREFIX = "visual."


def load_image_tower(model: str, checkpoint: Path, device: str,
                     preprocess_overrides: dict[str, Any]) -> tuple[Any, Any] | None:
    """(image tower, eval preprocess) for open_clip ``model`` with ``checkpoint``'s weights, or None."""
    import open_clip
    import torch
    from open_clip.factory import merge_preprocess_kwargs
    from open_clip.transform import PreprocessCfg, image_transform_v2

    force = merge_preprocess_kwargs({}, mean=preprocess_overrides.get("image_mean"),
                                    std=preprocess_overrides.get("image_std"),
                                    interpolation=preprocess_overrides.get("image_interpolation"),
                                    resize_mode=preprocess_overrides.get("image_resize_mode"))
    with torch.device("meta"), _quiet_skeleton():  # the architecture without a byte of weights
        skeleton = open_clip.create_model(model, pretrained=str(checkpoint), load_weights=False,
                                          device="meta", force_preprocess_cfg=force)
    plain = (open_clip.CLIP.encode_image, open_clip.CustomTextCLIP.encode_image)
    if type(skeleton).encode_image not in plain:
        return None  # e.g. CoCa: its image side is more than ``visual(image)``
    tower = skeleton.visual
    del skeleton
    stored = set(tower.state_dict())
    if any(name not in stored for name, _ in tower.named_buffers()):
        return None  # a buffer no checkpoint holds would stay on the meta device
    weights = _tower_weights(checkpoint)
    if weights is None or set(weights) != stored:
        return None
    try:
        tower.load_state_dict(weights, strict=True, assign=True)  # its tensors become the weights
    except RuntimeError as exc:  # a shape open_clip would resize (another image size)
        log.info("image tower of %s: %s; loading the whole model", checkpoint, exc)
        return None
    del weights
    tower = tower.to(device).eval()
    return tower, image_transform_v2(PreprocessCfg(**tower.preprocess_cfg), is_train=False)


@contextlib.contextmanager
def _quiet_skeleton() -> Iterator[None]:
    """open_clip warns "Model initialized randomly" of the skeleton; its weights come next, so not shown."""
    def keep(record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("No pretrained weights loaded")

    root = logging.getLogger()
    root.addFilter(keep)
    try:
        yield
    finally:
        root.removeFilter(keep)


def _tower_weights(checkpoint: Path) -> dict[str, Any] | None:
    """The image tower's tensors of an open_clip checkpoint (names without ``visual.``), read one at a
    time; None for a layout only open_clip's loader understands."""
    import torch

    if checkpoint.suffix == ".safetensors":
        from safetensors import safe_open

        with safe_open(str(checkpoint), framework="pt", device="cpu") as handle:
            names = [name for name in handle.keys() if name.startswith(_PREFIX)]  # noqa: SIM118 (not a dict)
            return {name[len(_PREFIX):]: handle.get_tensor(name) for name in names} or None
    try:  # mapped, not read: only the tower's pages are touched, and copied out of the file
        loaded = torch.load(checkpoint, map_location="cpu", weights_only=True, mmap=True)
    except Exception as exc:  # an old (non-zip) or scripted checkpoint: open_clip knows how
        log.info("image tower of %s: %s; loading the whole model", checkpoint, exc)
        return None
    if isinstance(loaded, dict) and isinstance(loaded.get("state_dict"), dict):
        loaded = loaded["state_dict"]
    if not isinstance(loaded, dict):
        return None
    strip = "module." if next(iter(loaded), "").startswith("module.") else ""
    found = {name[len(strip) + len(_PREFIX):]: tensor.clone() for name, tensor in loaded.items()
             if name.startswith(strip + _PREFIX) and isinstance(tensor, torch.Tensor)}
    return found or None
