"""The example sentences' embeddings shipped with the code: complete, equal to what the model
computes, ignored when made with other weights, and enough to build the check without the
model."""

from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from community.forums import crisis_model, crisis_semantic, example_embeddings
from community.forums.crisis import load_examples
from community.forums.models import CrisisExample

pytestmark = pytest.mark.django_db


def test_the_shipped_file_has_every_example_the_migrations_make():
    texts = list(CrisisExample.objects.values_list("text", flat=True))

    missing = set(texts) - set(example_embeddings.shipped(texts))

    assert len(texts) > 1000
    assert missing == set(), "run `manage.py write_crisis_embeddings` after changing examples"


def test_shipped_embeddings_are_what_the_model_computes():
    texts = list(CrisisExample.objects.order_by("pk").values_list("text", flat=True))[::150]

    shipped = example_embeddings.shipped(texts)

    assert np.allclose(
        np.stack([shipped[text] for text in texts]), crisis_model.embed(texts), atol=1e-5
    )


def test_a_file_made_with_other_weights_is_ignored(tmp_path):
    texts = ["Example one about a bad week.", "Example two about a good week."]
    path = tmp_path / "embeddings.npz"
    example_embeddings.write(texts, path)
    assert set(example_embeddings.shipped(texts, path)) == set(texts)

    with np.load(path) as stored:
        arrays = dict(stored)
    np.savez(path, **{**arrays, "model_version": np.array("all-MiniLM-L6-v2+tuned-other")})
    example_embeddings._shipped.cache_clear()

    assert example_embeddings.shipped(texts, path) == {}


def test_the_check_is_built_from_the_shipped_file_without_loading_the_model(monkeypatch):
    # A fresh process: no model loaded, nothing embedded, an empty shared cache.
    monkeypatch.setattr(crisis_model, "_model", None)
    monkeypatch.setattr(crisis_semantic, "_embeddings", {})
    monkeypatch.setattr(crisis_semantic, "_classifiers", {})

    classifier = crisis_semantic.classifier(load_examples())

    assert crisis_model._model is None
    assert len(classifier.at_risk_texts) > 500


def test_the_command_writes_the_examples_in_the_database(tmp_path, monkeypatch):
    path = tmp_path / "embeddings.npz"
    monkeypatch.setattr(example_embeddings, "SHIPPED", path)
    CrisisExample.objects.exclude(pk__in=CrisisExample.objects.order_by("pk")[:3]).delete()
    CrisisExample.objects.create(text="A sentence only this test has.", kind="not_a_sign")

    call_command("write_crisis_embeddings", stdout=StringIO())

    texts = list(CrisisExample.objects.values_list("text", flat=True))
    assert set(example_embeddings.shipped(texts, path)) == set(texts)
