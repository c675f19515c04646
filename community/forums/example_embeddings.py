"""The example sentences' embeddings, computed once and shipped beside the tuned weights
(sentence_model/example-embeddings.npz), so no process embeds the examples the migrations
made: a new deployment's first checked post, each test process and each web node start with
them. Written by `manage.py write_crisis_embeddings` (scripts/tune_crisis_model.py runs it
after tuning). A sentence is found by the SHA-256 of its text; the file names the weights it
was computed with and is ignored under any others. Examples editors add later are embedded
as before (and kept in the shared cache)."""

import hashlib
import logging
from functools import cache
from pathlib import Path

import numpy as np

from . import crisis_model

logger = logging.getLogger(__name__)

SHIPPED = Path(__file__).parent / "sentence_model" / "example-embeddings.npz"


def digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


@cache
def _shipped(path: Path) -> dict[bytes, np.ndarray]:
    try:
        with np.load(path) as stored:
            if str(stored["model_version"]) != crisis_model.model_version():
                logger.warning("Crisis check: %s is for other weights; not used.", path.name)
                return {}
            return dict(zip(map(bytes, stored["digests"]), stored["vectors"], strict=True))
    except (OSError, KeyError, ValueError):
        logger.warning("Crisis check: no usable %s.", path.name, exc_info=True)
        return {}


def shipped(texts: list[str], path: Path | None = None) -> dict[str, np.ndarray]:
    """The shipped embeddings of those of `texts` the file has."""
    stored = _shipped(path or SHIPPED)
    found = {text: stored.get(digest(text)) for text in texts}
    return {text: vector for text, vector in found.items() if vector is not None}


def write(texts: list[str], path: Path | None = None) -> int:
    path = path or SHIPPED
    texts = sorted(set(texts), key=lambda text: (len(text), text))  # batches of like length
    vectors = np.zeros((0, 384), dtype=np.float32)
    if texts:
        vectors = np.concatenate(
            [crisis_model.embed(texts[start : start + 32]) for start in range(0, len(texts), 32)]
        )
    digests = np.array([np.frombuffer(digest(text), dtype=np.uint8) for text in texts])
    with path.open("wb") as file:
        np.savez_compressed(
            file,
            model_version=np.array(crisis_model.model_version()),
            digests=digests.reshape(len(texts), 32),
            vectors=vectors.astype(np.float32),
        )
    _shipped.cache_clear()
    return len(texts)
