"""Reproduce the stance ablation table in docs/stance.md.

    python -m eval.stance_ablations [--data eval/data/dev.jsonl]

Each row is the shipped ``EmbeddedStanceClassifier`` with one of its ideas switched off
(or swapped for the naive version) through its constructor, so the table measures the code
that ships, not a re-implementation of it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from nlp.actors import DEFAULT_ACTORS
from nlp.article import Article
from nlp.encoder import load_encoder
from nlp.evidence import gather_evidence
from nlp.features import compute_features
from nlp.stance import DEFAULT_LABELS, LabelSet
from nlp.stance.embedded import EmbeddedStanceClassifier
from nlp.stance.hypotheses import LABEL_HYPOTHESES

from .metrics import stance_scores
from .references import DATA_DIR, load_references

LABEL_NAMES = {label: (label,) for label in DEFAULT_LABELS}
NO_NEUTRAL = {k: v for k, v in LABEL_HYPOTHESES.items() if k != "neutral"}

VARIANTS: Sequence[tuple[str, dict]] = (
    ("similarity to the label names, every mention equal",
     dict(hypotheses=LABEL_NAMES, role_weights=False, passive_is_fallback=False)),
    ("label names + role weights + 'no active role = neutral'", dict(hypotheses=LABEL_NAMES)),
    ("hypotheses (no neutral class), neutral by margin 0.1", dict(hypotheses=NO_NEUTRAL, min_margin=0.1)),
    ("hypotheses incl. neutral class, every mention equal", dict(role_weights=False, passive_is_fallback=False)),
    ("hypotheses incl. neutral class + roles (the default)", dict()),
)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA_DIR / "dev.jsonl"))
    args = parser.parse_args(argv)
    refs = load_references(args.data, labels=DEFAULT_LABELS)
    encoder = load_encoder()
    articles = [Article.from_text(ref.text, title=ref.title) for ref in refs]
    features = compute_features(articles, encoder, batch_size=16)
    evidence = [gather_evidence(a, DEFAULT_ACTORS) for a in articles]
    print(f"| variant ({args.data}) | macro-F1 | accuracy |\n|---|---|---|")
    for name, options in VARIANTS:
        classifier = EmbeddedStanceClassifier(encoder, LabelSet(), **options)
        gold, pred = [], []
        for ref, feats, ev in zip(refs, features, evidence):
            for stance in classifier(feats, DEFAULT_ACTORS, ev):
                gold.append((stance.actor, ref.stances[stance.actor]))
                pred.append(stance.label)
        scores = stance_scores(gold, pred, DEFAULT_LABELS)
        print(f"| {name} | {scores.macro_f1:.3f} | {scores.accuracy:.3f} |")


if __name__ == "__main__":
    main()
