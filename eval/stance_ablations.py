"""Reproduce the stance ablation table in docs/stance.md (dev set only).

    python -m eval.stance_ablations [--data eval/data/dev.jsonl]

Each row switches one idea of the embedded stance classifier off (or swaps it for the naive
version) and reports macro-F1 and accuracy, so the numbers behind each design choice can be
rerun after any change.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import numpy as np

from nlp.actors import DEFAULT_ACTORS
from nlp.article import Article
from nlp.encoder import load_encoder
from nlp.evidence import ACTIVE_ROLES, gather_evidence
from nlp.stance.labels import LABEL_HYPOTHESES

from .metrics import stance_scores
from .references import DATA_DIR, load_references

LABELS = ("conciliatory", "confrontational", "neutral")
LABEL_NAMES = {label: (label,) for label in LABELS}
NO_NEUTRAL = {k: v for k, v in LABEL_HYPOTHESES.items() if k != "neutral"}


def predict(encoder, hypotheses, evidence, *, roles: bool, neutral_rule: bool, temperature: float,
            margin: float) -> str:
    if not evidence:
        return "absent"
    if neutral_rule and not any(e.role in ACTIVE_ROLES for e in evidence):
        return "neutral"
    vectors = encoder.encode([e.sentence.text for e in evidence])
    labels = [label for label in LABELS if label in hypotheses]
    sims = np.stack([(vectors @ encoder.encode(list(hypotheses[label])).T).max(axis=1) for label in labels], 1)
    logits = sims / temperature
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    weights = np.array([e.weight if roles else 1.0 for e in evidence])
    mean = weights @ probs / weights.sum()
    order = np.argsort(-mean)
    best = labels[order[0]]
    if "neutral" not in labels and mean[order[0]] - mean[order[1]] < margin:
        return "neutral"
    return best


VARIANTS: Sequence[tuple[str, dict]] = (
    ("similarity to the label names, every mention equal", dict(hypotheses=LABEL_NAMES, roles=False, neutral_rule=False, margin=0.0)),
    ("label names + role weights + 'no active role = neutral'", dict(hypotheses=LABEL_NAMES, roles=True, neutral_rule=True, margin=0.0)),
    ("hypotheses (no neutral class), neutral by margin 0.1", dict(hypotheses=NO_NEUTRAL, roles=True, neutral_rule=True, margin=0.1)),
    ("hypotheses incl. neutral class, every mention equal", dict(hypotheses=LABEL_HYPOTHESES, roles=False, neutral_rule=False, margin=0.0)),
    ("hypotheses incl. neutral class + roles (the default)", dict(hypotheses=LABEL_HYPOTHESES, roles=True, neutral_rule=True, margin=0.0)),
)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA_DIR / "dev.jsonl"))
    parser.add_argument("--temperature", type=float, default=0.05)
    args = parser.parse_args(argv)
    refs = load_references(args.data, labels=LABELS)
    encoder = load_encoder()
    prepared = []
    for ref in refs:
        article = Article.from_text(ref.text, title=ref.title)
        prepared.append((ref, gather_evidence(article, DEFAULT_ACTORS)))
    print(f"| variant ({args.data}) | macro-F1 | accuracy |\n|---|---|---|")
    for name, options in VARIANTS:
        gold, pred = [], []
        for ref, evidence in prepared:
            for actor in DEFAULT_ACTORS:
                gold.append((actor.name, ref.stances[actor.name]))
                pred.append(predict(encoder, evidence=evidence[actor.name], temperature=args.temperature, **options))
        scores = stance_scores(gold, pred, LABELS)
        print(f"| {name} | {scores.macro_f1:.3f} | {scores.accuracy:.3f} |")


if __name__ == "__main__":
    main()
