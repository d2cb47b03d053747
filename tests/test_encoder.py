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


def test_vectors_are_unit_length_and_cached(encoder):
    vectors = encoder.encode(SENTENCES)
    assert vectors.shape == (4, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    calls = []
    original = encoder._forward
    encoder._forward = lambda batch: calls.append(batch) or original(batch)
    try:
        again = encoder.encode(SENTENCES + ["A sentence not seen before."])
    finally:
        encoder._forward = original
    assert calls == [["A sentence not seen before."]]  # only the new text is encoded
    np.testing.assert_array_equal(again[:4], vectors)


def test_similar_sentences_are_closer(encoder):
    a, b, c = encoder.encode(["Talks resumed in Istanbul.", "Negotiations restarted in Turkey.",
                              "Missiles hit a power plant."])
    assert a @ b > a @ c
