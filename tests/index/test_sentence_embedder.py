"""The dialogue embedder runs a sentence-transformers directory with plain transformers: same vectors,
without sentence-transformers' imports in the ingest process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from index.sentence_embedder import (
    SentenceModelLayout,
    SentenceModelUnavailable,
    SentenceTransformerEmbedder,
    bundled_minilm_dir,
)

TEXTS = ["Where is the robot?", "", "a", "¿Dónde está la biblioteca?", "I love you, Celia! " * 80,
         "Tu es là ?", *[f"line {i}: the ship leaves at dawn" for i in range(70)]]


@pytest.fixture(scope="module")
def minilm_dir():
    directory = bundled_minilm_dir()
    if directory is None:
        pytest.skip("the bundled MiniLM package is not installed")
    return directory


def test_vectors_match_sentence_transformers(sentence_model, minilm_dir):
    """Cosine 1 on every text: a long one cut at the model's 256 tokens, an empty one, more than a batch."""
    sentence_transformers = pytest.importorskip("sentence_transformers")
    reference = sentence_transformers.SentenceTransformer(str(minilm_dir), device="cpu").encode(
        TEXTS, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    ours = sentence_model.embed_texts(TEXTS)
    assert ours.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)
    assert float((ours * reference).sum(axis=1).min()) > 0.99999
    # One text alone (the query path, on one thread) gives the same vector as inside a padded batch.
    assert np.allclose(sentence_model.embed_texts([TEXTS[3]])[0], ours[3], atol=1e-5)


def test_pooling_mode_is_read_from_the_directory(minilm_dir, tmp_path):
    """A CLS-pooled copy of the model gives different vectors (the config is obeyed), still unit length."""
    copy = tmp_path / "cls"
    shutil.copytree(minilm_dir, copy)
    config = copy / "1_Pooling" / "config.json"
    settings = json.loads(config.read_text())
    settings.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    config.write_text(json.dumps(settings))
    assert SentenceModelLayout.read(copy) == SentenceModelLayout("cls_token", 256)
    mean = SentenceTransformerEmbedder(str(minilm_dir)).embed_texts(TEXTS[:4])
    cls = SentenceTransformerEmbedder(str(copy)).embed_texts(TEXTS[:4])
    assert np.allclose(np.linalg.norm(cls, axis=1), 1, atol=1e-5)
    assert float((mean * cls).sum(axis=1).max()) < 0.99


def test_unsupported_layouts_are_refused_by_name(minilm_dir, tmp_path):
    """A Dense head or no pooling would give vectors unlike the model's own: a clear error instead."""
    dense = tmp_path / "dense"
    shutil.copytree(minilm_dir, dense)
    modules = json.loads((dense / "modules.json").read_text())
    dense_module = {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}
    modules.insert(2, dense_module)
    (dense / "modules.json").write_text(json.dumps(modules))
    with pytest.raises(SentenceModelUnavailable, match=r"Dense.*not supported"):
        SentenceTransformerEmbedder(str(dense))

    nothing = tmp_path / "nothing"
    shutil.copytree(minilm_dir, nothing)
    (nothing / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 384}))
    with pytest.raises(SentenceModelUnavailable, match="pooling none"):
        SentenceTransformerEmbedder(str(nothing))

    bare = tmp_path / "bare"
    bare.mkdir()
    with pytest.raises(SentenceModelUnavailable, match="no modules.json"):
        SentenceTransformerEmbedder(str(bare))


def test_embedding_does_not_import_sentence_transformers(minilm_dir):
    """The point of running the model ourselves: a film ingest's dialogue stage stays without its imports."""
    code = ("import sys; from index.sentence_embedder import sentence_embedder; "
            "v = sentence_embedder().embed_texts(['hello there']); "
            "print(v.shape, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[-2] == "(1, 384) False"
