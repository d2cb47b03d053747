"""The embedded encoder: same vectors as sentence-transformers, faster to start."""

from __future__ import annotations

import numpy as np
import pytest

SENTENCES = [
    "Russian president Vladimir Putin said there were some positive shifts in talks.",
    "Kuleba said there had been zero progress.",
    "The first grain ship left Odesa on Monday.",
    "Ok.",
]


@pytest.mark.slow
def test_matches_sentence_transformers(encoder):
    from sentence_transformers import SentenceTransformer

    from nlp.encoder import packaged_model_path

    reference = SentenceTransformer(str(packaged_model_path()), device="cpu")
    expected = reference.encode(SENTENCES, convert_to_numpy=True, normalize_embeddings=False)
    np.testing.assert_allclose(encoder.encode(SENTENCES), expected, atol=1e-5)


def test_vectors_are_unit_length_and_independent_of_batching(encoder):
    vectors = encoder.encode(SENTENCES)
    assert vectors.shape == (4, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    one_by_one = np.stack([encoder.encode([s])[0] for s in SENTENCES])
    np.testing.assert_allclose(one_by_one, vectors, atol=1e-5)  # padding never leaks into a vector
    repeated = encoder.encode(SENTENCES + SENTENCES[:2], batch_size=2)
    np.testing.assert_allclose(repeated[4:], vectors[:2], atol=1e-5)


def test_similar_sentences_are_closer(encoder):
    a, b, c = encoder.encode(["Talks resumed in Istanbul.", "Negotiations restarted in Turkey.",
                              "Missiles hit a power plant."])
    assert a @ b > a @ c


@pytest.mark.slow
def test_int8_runtime_is_close_to_fp32_and_prepared_once(encoder, tmp_path, monkeypatch):
    from nlp.encoder import load_encoder
    from nlp.encoder.onnx_int8 import FILE_NAME

    monkeypatch.setenv("NLP_CACHE_DIR", str(tmp_path))
    int8 = load_encoder(precision="int8")
    assert int8.precision == "int8" and int8.quantized
    prepared = list(tmp_path.glob(f"encoder-*/{FILE_NAME}"))
    assert len(prepared) == 1
    cosines = (encoder.encode(SENTENCES) * int8.encode(SENTENCES)).sum(axis=1)
    assert cosines.mean() > 0.97 and cosines.min() > 0.9  # measured: mean 0.99 on the reference set
    stamp = prepared[0].stat().st_mtime_ns
    load_encoder(precision="int8")
    assert prepared[0].stat().st_mtime_ns == stamp  # reused, not exported again


def test_unknown_precision_is_a_usage_error():
    from nlp.encoder import load_encoder
    from nlp.errors import UsageError

    with pytest.raises(UsageError, match="fp32, int8"):
        load_encoder(precision="fp16")
