"""dlib's face-recognition ResNet run by torch: the same weights, read from dlib's own ``.dat`` file.

dlib runs this 29-convolution network with its own convolution code; the ``dlib-bin`` wheel has no BLAS,
so a face costs ~85 ms on one core of the dev box, the largest cost of blurring everyone but a named
person and a large part of ingesting faces. torch runs the same arithmetic ~8x faster. Nothing is
converted ahead of time: the file is read where ``face_recognition_models`` put it.

The file holds dlib's serialisation of ``anet_type`` (dlib's ``dnn_face_recognition_ex.cpp``): the layers'
parameters appear in the order data flows (input first), each after its layer's name ("con_4",
"affine_", "max_pool_2", "avg_pool_2", "fc_2"); tensors are raw little-endian float32 after a header of
dlib's variable-length integers. ``read_layers`` walks those records; ``DlibFaceResNet`` wires them up as
the network's definition does, and refuses a file whose layers do not fit it.

Network (input 150x150 RGB, ``(pixel - channel mean) / 256``): conv 7x7/2 (32) + affine + relu, max pool
3x3/2, then residual units (two 3x3 convs, each + affine, relu between; the unit's input added, relu):
3 x 32, then for 64, 128, 256 and 256 filters a down unit (first conv stride 2, shortcut a 2x2/2 average
pool of the input) followed by 3, 2, 2 and 0 plain units; average over the plane, then a 256 -> 128
matrix. dlib adds tensors of different shapes by padding the smaller with zeros (channels and plane), and
so does this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import torch

CHIP_SIZE = 150
CHIP_PADDING = 0.25  # dlib.get_face_chips' default, what compute_face_descriptor cuts
# Units per level after the stem: (filters, plain units after an optional down unit, down?)
LEVELS = ((32, 3, False), (64, 3, True), (128, 2, True), (256, 2, True), (256, 0, True))
_NAMES = (b"input_rgb_image_sized", b"con_4", b"affine_", b"max_pool_2", b"avg_pool_2", b"fc_2")


class FaceNetFormatError(ValueError):
    """The file is not the dlib face-recognition network this reader knows."""


@dataclass(frozen=True)
class Layer:
    """One parameterised or shaped layer of the file, in data-flow order."""

    kind: str  # "input", "con", "affine", "max_pool", "avg_pool", "fc"
    arrays: tuple[np.ndarray, ...] = ()  # con: filters, biases; affine: gamma, beta; fc: weights; input: mean
    window: tuple[int, int] = (0, 0)  # con / pools: rows, columns (0: the whole plane)
    stride: tuple[int, int] = (1, 1)
    padding: tuple[int, int] = (0, 0)


class _Reader:
    """dlib's serialisation primitives over a bytes buffer."""

    def __init__(self, data: bytes, at: int = 0) -> None:
        self.data, self.at = data, at

    def integer(self) -> int:
        if self.at >= len(self.data):
            raise FaceNetFormatError("the file ends inside a layer (truncated?)")
        head = self.data[self.at]
        size = head & 0x0F
        if size > 8 or self.at + 1 + size > len(self.data):
            raise FaceNetFormatError(f"bad integer at byte {self.at}")
        value = int.from_bytes(self.data[self.at + 1:self.at + 1 + size], "little")
        self.at += 1 + size
        return -value if head & 0x80 else value

    def real(self) -> float:
        mantissa, exponent = self.integer(), self.integer()
        if exponent >= 32767 - 2:  # dlib's inf / -inf / nan markers
            raise FaceNetFormatError(f"non-finite float at byte {self.at}")
        return float(np.ldexp(float(mantissa), exponent))

    def string(self) -> bytes:
        size = self.integer()
        value = self.data[self.at:self.at + size]
        self.at += size
        return value

    def tensor(self) -> np.ndarray:
        if self.integer() != 2:
            raise FaceNetFormatError(f"unknown tensor version at byte {self.at}")
        shape = tuple(self.integer() for _ in range(4))
        count = int(np.prod(shape))
        end = self.at + 4 * count
        if end > len(self.data):
            raise FaceNetFormatError("the file ends inside a tensor (truncated?)")
        values = np.frombuffer(self.data, "<f4", count, self.at).astype(np.float32).reshape(shape)
        self.at = end
        return values

    def alias(self) -> tuple[int, int, int, int]:
        if self.integer() != 1:
            raise FaceNetFormatError(f"unknown alias_tensor version at byte {self.at}")
        n, k, nr, nc = (self.integer() for _ in range(4))
        return n, k, nr, nc


class _Records:
    """Finds the layer records in file order: each name's next occurrence is searched for once, then
    again only after the walk has passed it (one scan of the file per name, not per record)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._next = {name: -2 for name in _NAMES}  # -2: not searched yet; -1: none further on

    def after(self, start: int) -> int | None:
        """Where the first record at or after ``start`` begins (its name string's length prefix)."""
        for name, at in self._next.items():
            if at == -2 or 0 <= at < start:
                self._next[name] = self._data.find(bytes((1, len(name))) + name, start)
        found = [at for at in self._next.values() if at >= 0]
        return min(found) if found else None


def _split(params: np.ndarray, *shapes: tuple[int, int, int, int]) -> tuple[np.ndarray, ...]:
    flat, out, at = params.reshape(-1), [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        if at + size > flat.size:
            raise FaceNetFormatError("a layer's parameters are shorter than its shapes")
        out.append(flat[at:at + size].reshape(shape))
        at += size
    return tuple(out)


def read_layers(path: Path) -> list[Layer]:
    """The network's layers with parameters or shapes, in data-flow order, from dlib's ``.dat`` file."""
    data = path.read_bytes()
    if b"loss_metric_" not in data[:64]:
        raise FaceNetFormatError(f"{path} is not a dlib metric-learning network")
    layers: list[Layer] = []
    records = _Records(data)
    start = 0
    while (at := records.after(start)) is not None:
        reader = _Reader(data, at)
        name = reader.string()
        if name == b"input_rgb_image_sized":
            means = np.array([reader.real() for _ in range(3)], np.float32)
            size = (reader.integer(), reader.integer())
            if size != (CHIP_SIZE, CHIP_SIZE):
                raise FaceNetFormatError(f"input is {size}, expected {CHIP_SIZE}x{CHIP_SIZE}")
            layers.append(Layer("input", (means,)))
        elif name == b"con_4":
            params = reader.tensor()
            filters = reader.integer()
            window = (reader.integer(), reader.integer())
            stride = (reader.integer(), reader.integer())
            padding = (reader.integer(), reader.integer())
            shapes = reader.alias(), reader.alias()
            if shapes[0][0] != filters:
                raise FaceNetFormatError("a convolution's filter count disagrees with its weights")
            weights, biases = _split(params, *shapes)
            layers.append(Layer("con", (weights, biases.reshape(-1)), window, stride, padding))
        elif name == b"affine_":
            params = reader.tensor()
            gamma, beta = _split(params, reader.alias(), reader.alias())
            reader.integer()  # mode: per channel for these layers (checked by shape when wired up)
            layers.append(Layer("affine", (gamma.reshape(-1), beta.reshape(-1))))
        elif name in (b"max_pool_2", b"avg_pool_2"):
            window = (reader.integer(), reader.integer())
            stride = (reader.integer(), reader.integer())
            padding = (reader.integer(), reader.integer())
            layers.append(Layer(name[:-2].decode(), (), window, stride, padding))
        else:  # fc_2
            outputs, inputs = reader.integer(), reader.integer()
            params = reader.tensor()
            [weights] = _split(params, reader.alias())
            layers.append(Layer("fc", (weights.reshape(inputs, outputs),)))
        start = reader.at
    return layers


def _pad_add(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """dlib's ``add_prev``: tensors of different shapes add as if the smaller were zero-padded."""
    import torch.nn.functional as F

    shape = [max(x, y) for x, y in zip(a.shape, b.shape, strict=True)]

    def grown(t: torch.Tensor) -> torch.Tensor:
        pads = [0, shape[3] - t.shape[3], 0, shape[2] - t.shape[2], 0, shape[1] - t.shape[1]]
        return F.pad(t, pads) if any(pads) else t

    return grown(a) + grown(b)


def _check(layers: list[Layer]) -> list[Layer]:
    """``layers`` if their kinds come in the network's order (the average pools are placed when wired up)."""
    kinds = [layer.kind for layer in layers]
    units = sum(plain + down for _, plain, down in LEVELS)
    expected = ["input", "con", "affine", "max_pool"] + ["con", "affine", "con", "affine"] * units + ["fc"]
    if [k for k in kinds if k != "avg_pool"] != expected \
            or kinds.count("avg_pool") != sum(down for *_, down in LEVELS) + 1:
        raise FaceNetFormatError("the file's layers are not dlib_face_recognition_resnet_model_v1's")
    return layers


class DlibFaceResNet:
    """dlib's face ResNet as a torch function: ``(N, 150, 150, 3)`` uint8 RGB chips -> ``(N, 128)``."""

    def __init__(self, path: Path) -> None:
        import torch

        layers = _check(read_layers(path))
        self._means = torch.from_numpy(layers[0].arrays[0]).view(1, 3, 1, 1)
        self._fc = torch.from_numpy(np.ascontiguousarray(layers[-1].arrays[0]))
        body = [layer for layer in layers if layer.kind in ("con", "affine", "max_pool", "avg_pool")]
        conv, affine, pool = (self._conv(body[0]), self._affine(body[1]), body[2])
        if pool.kind != "max_pool":
            raise FaceNetFormatError("the stem has no max pool where expected")
        self._stem_conv, self._stem_affine, self._max_pool = conv, affine, pool
        self._units: list[tuple[tuple, tuple, tuple, tuple, Layer | None]] = []
        rest = body[3:]
        for filters, plain, down in LEVELS:
            for index in range(plain + down):
                first, bn1, second, bn2 = rest[:4]
                rest = rest[4:]
                shortcut = None
                if down and index == 0:
                    shortcut, rest = rest[0], rest[1:]
                    if shortcut.kind != "avg_pool" or first.stride != (2, 2):
                        raise FaceNetFormatError("a down unit is not shaped as expected")
                for layer in (first, second):
                    if layer.arrays[0].shape[0] != filters:
                        raise FaceNetFormatError("a unit's filter count is not the expected one")
                self._units.append((self._conv(first), self._affine(bn1), self._conv(second),
                                    self._affine(bn2), shortcut))
        if len(rest) != 1 or rest[0].kind != "avg_pool" or rest[0].window != (0, 0):
            raise FaceNetFormatError("the network does not end with an average over the plane")

    @staticmethod
    def _conv(layer: Layer) -> tuple:
        import torch

        if layer.kind != "con":
            raise FaceNetFormatError("a convolution is missing where expected")
        weights, biases = (torch.from_numpy(np.ascontiguousarray(a)) for a in layer.arrays)
        return weights, biases, layer.stride, layer.padding

    @staticmethod
    def _affine(layer: Layer) -> tuple:
        import torch

        if layer.kind != "affine":
            raise FaceNetFormatError("an affine layer is missing where expected")
        gamma, beta = (torch.from_numpy(np.ascontiguousarray(a)).view(1, -1, 1, 1) for a in layer.arrays)
        return gamma, beta

    def __call__(self, chips: np.ndarray) -> np.ndarray:
        import torch
        import torch.nn.functional as F

        def conv(x: torch.Tensor, spec: tuple, bn: tuple) -> torch.Tensor:
            weights, biases, stride, padding = spec
            return F.conv2d(x, weights, biases, stride, padding) * bn[0] + bn[1]

        def pool(x: torch.Tensor, layer: Layer, kind: str) -> torch.Tensor:
            fn = F.max_pool2d if kind == "max" else F.avg_pool2d
            return fn(x, layer.window, layer.stride, layer.padding)

        with torch.inference_mode():
            x = torch.from_numpy(np.ascontiguousarray(chips)).permute(0, 3, 1, 2).float()
            x = (x - self._means) / 256.0
            x = pool(F.relu(conv(x, self._stem_conv, self._stem_affine)), self._max_pool, "max")
            for first, bn1, second, bn2, shortcut in self._units:
                y = conv(F.relu(conv(x, first, bn1)), second, bn2)
                x = F.relu(_pad_add(y, x if shortcut is None else pool(x, shortcut, "avg")))
            return (x.mean(dim=(2, 3)) @ self._fc).numpy()

