"""Reproduce the stance ablation tables in docs/stance.md.

    python -m eval.stance_ablations [--data FILE ...]    (default: the test files)

Each row is the shipped ``EmbeddedStanceClassifier`` with some of its parts switched off (or
swapped for the naive version) through its constructor, so the table measures the code that
ships, not a re-implementation of it. Rows with the learned head use the shipped weights, so
on the dev files (which the head was trained on) only ``python -m eval.train_stance --cv``
gives honest figures; on the test files these are held-out figures.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from nlp.actors import DEFAULT_ACTORS
from nlp.article import Article
from nlp.encoder import load_encoder
from nlp.evidence import gather_evidence
from nlp.features import compute_features
from nlp.stance import DEFAULT_LABELS, LabelSet
from nlp.stance.embedded import EmbeddedStanceClassifier
from nlp.stance.head import StanceHead
from nlp.stance.hypotheses import LABEL_HYPOTHESES

from .metrics import stance_scores
from .references import DATA_DIR, load_references
from .train_stance import L2, split_settings
from .train_stance import VARIANTS as HEAD_VARIANTS

LABEL_NAMES = {label: (label,) for label in DEFAULT_LABELS}
NO_NEUTRAL = {k: v for k, v in LABEL_HYPOTHESES.items() if k != "neutral"}
TEST_FILES = tuple(p for p in (DATA_DIR / "test.jsonl", DATA_DIR / "test-current.jsonl") if p.exists())

ZERO_SHOT: Sequence[tuple[str, dict]] = (
    ("similarity to the label names, every mention equal",
     dict(hypotheses=LABEL_NAMES, role_weights=False, passive_is_fallback=False)),
    ("label names + role weights + 'no active role = neutral'", dict(hypotheses=LABEL_NAMES)),
    ("hypotheses (no neutral class), neutral by margin 0.1", dict(hypotheses=NO_NEUTRAL, min_margin=0.1)),
    ("hypotheses incl. neutral class, every mention equal", dict(role_weights=False, passive_is_fallback=False)),
)


def variants(head: StanceHead) -> list[tuple[str, dict]]:
    """The zero-shot rows, then the rows of the learned configuration that the shipped head
    can run (rows trained with another L2 penalty need their own head: ``eval.train_stance``)."""
    learned = [(name, {**split_settings(settings)[1], "head": head} if settings else settings)
               for name, settings in HEAD_VARIANTS.items() if split_settings(settings)[0] == L2]
    return list(ZERO_SHOT) + learned


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", help="reference file (repeatable)")
    args = parser.parse_args(argv)
    encoder, head = load_encoder(), StanceHead.load()
    prepared = []
    for path in args.data or TEST_FILES:
        refs = load_references(path, labels=DEFAULT_LABELS)
        articles = [Article.from_text(r.text, title=r.title) for r in refs]
        for ref, feats in zip(refs, compute_features(articles, encoder, batch_size=16)):
            actors = list(ref.actors) if ref.actors is not None else list(DEFAULT_ACTORS)
            prepared.append((path.stem, ref, feats, actors, gather_evidence(feats.article, actors)))
    slices = sorted({(stem, ref.group) for stem, ref, *_ in prepared})
    names = [f"{stem} {group}" for stem, group in slices]
    print("| variant | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    for name, settings in variants(head):
        classifier = EmbeddedStanceClassifier(encoder, LabelSet(), **settings)
        gold: dict = {s: [] for s in slices}
        pred: dict = {s: [] for s in slices}
        for stem, ref, feats, actors, evidence in prepared:
            for stance in classifier(feats, actors, evidence):
                gold[(stem, ref.group)].append((stance.actor, ref.stances[stance.actor]))
                pred[(stem, ref.group)].append(stance.label)
        cells = [f"{stance_scores(gold[s], pred[s], DEFAULT_LABELS).macro_f1:.3f}" for s in slices]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
