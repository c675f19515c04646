import json
from pathlib import Path

import numpy as np
import pytest

from community.forums import crisis_model

REFERENCE = json.loads((Path(__file__).parent / "data" / "minilm_reference.json").read_text())


def test_embeddings_match_sentence_transformers():
    # The reference values came from sentence-transformers itself (see the JSON's comment).
    embeddings = crisis_model.embed(REFERENCE["sentences"])

    assert embeddings.shape == (len(REFERENCE["sentences"]), 384)
    assert embeddings.dtype == np.float32
    np.testing.assert_allclose(embeddings[:, :8], REFERENCE["first_dimensions"], atol=2e-5)
    np.testing.assert_allclose(
        embeddings @ embeddings[0], REFERENCE["similarity_to_first"], atol=2e-5
    )


def test_embeddings_are_unit_length_and_do_not_depend_on_the_batch():
    alone = crisis_model.embed(["I can't go on"])
    batched = crisis_model.embed(["I can't go on", "a much longer sentence about my new hip"])

    assert np.linalg.norm(alone[0]) == pytest.approx(1.0, abs=1e-5)
    np.testing.assert_allclose(alone[0], batched[0], atol=1e-5)


def test_nothing_to_embed_gives_no_rows():
    assert crisis_model.embed([]).shape == (0, 384)


def test_the_model_loads_once_per_process():
    assert crisis_model.encoder() is crisis_model.encoder()
