"""The semantic half of the crisis check: compares what a post says, by meaning, with the
example sentences editors keep (`CrisisExample` snippets), so a wording nobody wrote a phrase
rule for ("I hate being alive", "ready to leave this world") is still flagged.

Each sentence of the post (and each pair of neighbouring sentences, so a line break in the
middle of a thought changes nothing) is embedded with all-MiniLM-L6-v2, its top three layers
fine-tuned on the example sentences (crisis_model.py, scripts/tune_crisis_model.py). A
logistic regression, trained in numpy on the examples' embeddings when they are first needed,
plus the margin between its nearest at-risk and nearest not-a-sign example, scores every
sentence; the post is flagged if any sentence scores at or above THRESHOLD. The
moderator sees the sentence and the at-risk example it is closest to, with the similarity.

Cost: a few tens of milliseconds for a post of a few sentences, on one core. Only the first
MAX_CHARACTERS characters and MAX_UNITS sentences are embedded: a warning sign later in a very
long post is still caught by the phrase rules, which read the whole text. The examples'
embeddings ship with the weights (example_embeddings.py); only examples added since are
embedded, once per process or from the shared cache."""

import hashlib
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache

from . import crisis_model, example_embeddings

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 2000
MAX_UNITS = 40
# A sentence's score is the regression's plus MARGIN_WEIGHT times how much closer it is to its
# nearest at-risk example than to its nearest not-a-sign one. Both chosen by leaving out one
# seen set at a time (training, held-out 1 to 6) with the examples of migrations 0012 and 0014:
# by meaning alone the left-out sets were caught at 85.6 % with 5.3 % false positives, against
# 78.4 % / 5.3 % for the regression alone at its best threshold (0.5).
# Checked again after migration 0018 by leaving out each of the ten seen sets (training, held-out
# 1 to 9) in turn, the encoder re-tuned without it: on a grid of THRESHOLD 0-3 and MARGIN_WEIGHT
# 0-20 nothing beat these on both counts (98.5 % recall, 4.9 % false positives, by phrase rules
# and meaning together; the phrase rules, some written with sets 6, 8 and 9 in view, were not
# left out); higher thresholds only trade recall for false positives (2.5: 97.1 % / 3.8 %).
THRESHOLD = 1.0
MARGIN_WEIGHT = 10.0
# A sentence this similar to an example sentence takes that example's side (at risk or not a
# sign, whichever is closer), whatever the regression says: what an editor adds counts.
NEAR = 0.85
# The regression alone may not flag a sentence unlike every at-risk example ("Reply number 0"
# scored above THRESHOLD): below this similarity to the closest one, nothing is flagged. Only
# 0.5 % of the tuned at-risk sentences are this far from all the others (leave-one-out).
MIN_SIMILARITY = 0.35
# Nor may it flag a sentence of under six words on its own ("ok", "same here", "Changed my
# life.", "Worth the money?": on unseen set 10 such sentences were nine of 16 false positives);
# units() reads each with its neighbours instead. A short sentence very like an example
# (NEAR) still counts.
MIN_WORDS = 6
L2 = 1e-3
STEPS = 500
LEARNING_RATE = 2.0

EXAMPLE_BATCH = 32
# Example sentences' embeddings are also kept in the shared cache, so a new or restarted worker
# reads them instead of spending seconds embedding hundreds of examples on a member's post.
SHARED_EMBEDDING_PREFIX = "crisis:embedding:"
SHARED_EMBEDDING_SECONDS = 30 * 24 * 60 * 60

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?])(?=[A-Z])")
LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Resemblance:
    sentence: str
    example: str
    similarity: float
    score: float


def _clean(piece: str) -> str:
    return WHITESPACE.sub(" ", piece).strip(" -*")


def units(text: str) -> list[str]:
    """The post's lines, sentence by sentence; then, where a line break cuts a sentence, the
    two lines either side of it joined, so "better off\n\nwithout me" is read whole; then
    each short sentence with the one before and the one after it, since "Asking for myself."
    or "Changed my life." says little until read with its neighbour."""
    pieces, joined = [], []
    for sentence in SENTENCE_END.split(text[:MAX_CHARACTERS]):
        lines = [_clean(line) for line in LINE_BREAK.split(sentence)]
        lines = [line for line in lines if re.search(r"\w", line)]
        pieces.extend(lines)
        joined.extend(f"{first} {second}" for first, second in zip(lines, lines[1:], strict=False))
    for index, piece in enumerate(pieces):
        if len(piece.split()) < MIN_WORDS:
            if index > 0:
                joined.append(f"{pieces[index - 1]} {piece}")
            if index + 1 < len(pieces):
                joined.append(f"{piece} {pieces[index + 1]}")
    return list(dict.fromkeys(pieces + joined))[:MAX_UNITS]


def _train(vectors: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, float]:
    weights = np.zeros(vectors.shape[1], dtype=np.float64)
    bias = 0.0
    for _ in range(STEPS):
        predicted = 1.0 / (1.0 + np.exp(-(vectors @ weights + bias)))
        error = predicted - labels
        weights -= LEARNING_RATE * (vectors.T @ error / len(labels) + L2 * weights)
        bias -= LEARNING_RATE * error.mean()
    return weights, bias


class Classifier:
    def __init__(self, examples: tuple[tuple[str, bool], ...]):
        texts = [text for text, _ in examples]
        vectors = embed_cached(texts).astype(np.float64)
        labels = np.array([at_risk for _, at_risk in examples], dtype=np.float64)
        self.at_risk_texts = [text for text, at_risk in examples if at_risk]
        self.at_risk_vectors = vectors[labels == 1.0]
        self.safe_vectors = vectors[labels == 0.0]
        if labels.min() == labels.max():
            self.weights, self.bias = None, 0.0
        else:
            self.weights, self.bias = _train(vectors, labels)

    def resemblance(self, text: str) -> Resemblance | None:
        if self.weights is None:
            return None
        sentences = units(text)
        if not sentences:
            return None
        vectors = embed_recent(sentences).astype(np.float64)
        at_risk = (vectors @ self.at_risk_vectors.T).max(axis=1)
        safe = (vectors @ self.safe_vectors.T).max(axis=1)
        scores = vectors @ self.weights + self.bias + MARGIN_WEIGHT * (at_risk - safe)
        near = np.maximum(at_risk, safe) >= NEAR
        long_enough = np.array([len(sentence.split()) >= MIN_WORDS for sentence in sentences])
        by_regression = (scores >= THRESHOLD) & (at_risk >= MIN_SIMILARITY) & long_enough
        flagged = np.where(near, at_risk > safe, by_regression)
        if not flagged.any():
            return None
        best = int(np.argmax(np.where(flagged, scores, -np.inf)))
        similarities = self.at_risk_vectors @ vectors[best]
        closest = int(np.argmax(similarities))
        return Resemblance(
            sentence=sentences[best],
            example=self.at_risk_texts[closest],
            similarity=float(similarities[closest]),
            score=float(scores[best]),
        )


_memo_lock = threading.Lock()
_embeddings: dict[str, np.ndarray] = {}
_classifiers: dict[str, Classifier] = {}
_recent: OrderedDict[str, np.ndarray] = OrderedDict()
RECENT_SENTENCES = 4096


def embed_cached(texts: list[str]) -> np.ndarray:
    """Example sentences are embedded once per process, however often the list is reloaded:
    read from the shipped file (example_embeddings), else the shared cache, else computed."""
    missing = [text for text in dict.fromkeys(texts) if text not in _embeddings]
    _embeddings.update(example_embeddings.shipped(missing))
    missing = [text for text in missing if text not in _embeddings]
    _embeddings.update(_shared_embeddings(missing))
    # In batches of similar length, so short sentences are not padded to the longest.
    missing = sorted((text for text in missing if text not in _embeddings), key=len)
    computed = {}
    for start in range(0, len(missing), EXAMPLE_BATCH):
        batch = missing[start : start + EXAMPLE_BATCH]
        computed.update(zip(batch, crisis_model.embed(batch), strict=True))
    _embeddings.update(computed)
    _share_embeddings(computed)
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.stack([_embeddings[text] for text in texts])


def _shared_key(text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"{SHARED_EMBEDDING_PREFIX}{crisis_model.model_version()}:{digest}"


def _shared_embeddings(texts: list[str]) -> dict[str, np.ndarray]:
    """What the shared cache has of these sentences; nothing when the cache is down."""
    if not texts:
        return {}
    keys = {_shared_key(text): text for text in texts}
    try:
        found = cache.get_many(list(keys))
    except Exception:
        logger.warning("Crisis check: shared cache unavailable; embedding examples here.")
        return {}
    return {keys[key]: np.frombuffer(value, dtype=np.float32) for key, value in found.items()}


def _share_embeddings(vectors: dict[str, np.ndarray]) -> None:
    if not vectors:
        return
    values = {
        _shared_key(text): vector.astype(np.float32).tobytes() for text, vector in vectors.items()
    }
    try:
        cache.set_many(values, timeout=SHARED_EMBEDDING_SECONDS)
    except Exception:
        logger.warning("Crisis check: could not keep example embeddings in the shared cache.")


def embed_recent(sentences: list[str]) -> np.ndarray:
    """Posts' sentences, remembered for the last RECENT_SENTENCES distinct ones: greetings,
    quotes and edits repeat, and an edit is checked again in full. A sentence an example
    sentence already has a vector for is not embedded again."""
    with _memo_lock:
        missing = [text for text in dict.fromkeys(sentences) if text not in _recent]
    # A sentence that is word for word an example sentence has its vector already.
    vectors = {text: _embeddings[text] for text in missing if text in _embeddings}
    missing = [text for text in missing if text not in vectors]
    if missing:
        vectors.update(zip(missing, crisis_model.embed(missing), strict=True))
    with _memo_lock:
        for text in sentences:
            vector = vectors.get(text)
            if vector is None:
                vector = _recent.pop(text, None)
                if vector is None:
                    vector = crisis_model.embed([text])[0]
            vectors[text] = _recent[text] = vector
        while len(_recent) > RECENT_SENTENCES:
            _recent.popitem(last=False)
    return np.stack([vectors[text] for text in sentences])


def classifier(examples: tuple[tuple[str, bool], ...]) -> Classifier:
    """One classifier per distinct list of examples, trained on first use in this process;
    an editor's change makes a new list (crisis.forget_rules), hence a new classifier."""
    key = hashlib.sha256(repr(examples).encode()).hexdigest()
    found = _classifiers.get(key)
    if found is None:
        with _memo_lock:
            found = _classifiers.get(key)
            if found is None:
                found = Classifier(examples)
                _classifiers.clear()
                _classifiers[key] = found
    return found


def find_resemblance(text: str, examples) -> Resemblance | None:
    """Raises crisis_model.ModelUnavailable when the model cannot load."""
    if not examples:
        return None
    return classifier(tuple(examples)).resemblance(text)
