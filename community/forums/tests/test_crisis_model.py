import json
from pathlib import Path

import numpy as np
import pytest

from community.forums import crisis_model

REFERENCE = json.loads((Path(__file__).parent / "data" / "minilm_reference.json").read_text())


def test_the_base_model_matches_sentence_transformers():
    # The reference values came from sentence-transformers itself (see the JSON's comment):
    # the numpy encoder, before the tuned layers are put in, is all-MiniLM-L6-v2 exactly.
    base = crisis_model.SentenceEncoder(crisis_model.model_directory(), tuned_weights=None)
    embeddings = base.encode(REFERENCE["sentences"])

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


def test_the_check_uses_the_tuned_layers_and_names_them():
    base = crisis_model.SentenceEncoder(crisis_model.model_directory(), tuned_weights=None)
    sentences = ["my tablets are lined up and I keep staring at them"]

    tuned = crisis_model.embed(sentences)

    assert not np.allclose(tuned, base.encode(sentences), atol=1e-3)
    assert crisis_model.model_version().startswith("all-MiniLM-L6-v2+tuned-")


def test_tuned_weights_naming_tensors_the_model_lacks_are_refused(tmp_path):
    from safetensors.numpy import save_file

    stray = tmp_path / "stray.safetensors"
    save_file({"decoder.layer.0.weight": np.zeros((2, 2), dtype=np.float16)}, str(stray))

    with pytest.raises(crisis_model.ModelUnavailable):
        crisis_model.SentenceEncoder(crisis_model.model_directory(), tuned_weights=stray)
