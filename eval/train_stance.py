"""Train the stance head shipped in ``nlp/stance/head.npz``, and measure it by cross-validation.

    python -m eval.train_stance            # rebuild nlp/stance/head.npz (seeded, a minute on CPU)
    python -m eval.train_stance --cv       # also: 5-fold CV on the dev files, by article
    python -m eval.train_stance --by-source  # also: leave one dev file out at a time

Settings are chosen by ``--by-source``: each dev file was written at another time, by other
hands, about other events, so holding one out at a time asks what a test file asks (how the
head does on articles written apart from its training data). CV by article mixes every file
into every fold; docs/stance.md (round 4) compares the two.

Training data, both labelled to ``eval/ANNOTATION.md`` and checked by a second annotator
(``eval/data/AGREEMENT.md``), only examples both annotators agreed on:

- ``eval/data/stance-train-sentences.jsonl``: single sentences written for training, over
  many conflicts and the cases of the guide (mediators, conditional acceptance, pressure on
  an ally, deep strikes, incursions, summits…), one record per (sentence, actor);
- ``eval/data/stance-train-evidence.jsonl``: the evidence sentences of the dev articles,
  labelled sentence by sentence (not with the article's label).

Test files are never read here.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nlp.actors import DEFAULT_ACTORS, Actor
from nlp.article import Article
from nlp.encoder import load_encoder
from nlp.evidence import gather_evidence, mention_role
from nlp.features import compute_features
from nlp.inputs import jsonl_rows
from nlp.stance import DEFAULT_LABELS, LabelSet
from nlp.stance.embedded import WITH_HEAD, EmbeddedStanceClassifier
from nlp.stance.cues import CUES, cues
from nlp.stance.head import HEAD_FILE, StanceHead, features

from .metrics import stance_scores
from .references import DATA_DIR, load_references

SENTENCES = DATA_DIR / "stance-train-sentences.jsonl"
EVIDENCE = DATA_DIR / "stance-train-evidence.jsonl"
DEV_FILES = tuple(DATA_DIR / f"{name}.jsonl"
                  for name in ("dev", "dev-current", "dev-current-2", "dev-current-3", "dev-current-4"))
L2 = 3e-5
SEED = 0
FOLDS = 5


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [row for _, row in jsonl_rows(fh)]


def sentence_examples(zero_shot: EmbeddedStanceClassifier, encoder, path: Path = SENTENCES):
    """(features, label index) for each written sentence whose actor is named in it."""
    rows, roles, flags = [], [], []
    for r in _rows(path):
        actor = Actor(r["actor"], tuple(r["aliases"]))
        mentions = actor.find(r["text"])
        if mentions:
            rows.append(r)
            roles.append(max((mention_role(r["text"], m) for m in mentions), key=lambda role: role.weight))
            flags.append(cues(r["text"], actor))
    vectors = encoder.encode([r["text"] for r in rows])
    x = features(vectors, roles, zero_shot.similarities(vectors), np.stack(flags))
    return x, np.array([DEFAULT_LABELS.index(r["stance"]) for r in rows])


def dev_articles(encoder, paths: Sequence[Path] = DEV_FILES):
    """Per dev article: its reference, features, actors and evidence (as the pipeline finds them)."""
    out = []
    for path in paths:
        refs = load_references(path, labels=DEFAULT_LABELS)
        articles = [Article.from_text(r.text, id=r.id, title=r.title) for r in refs]
        for ref, feats in zip(refs, compute_features(articles, encoder, batch_size=16)):
            actors = list(ref.actors) if ref.actors is not None else list(DEFAULT_ACTORS)
            out.append((ref, feats, actors, gather_evidence(feats.article, actors)))
    return out


def evidence_examples(zero_shot: EmbeddedStanceClassifier, articles, path: Path = EVIDENCE) -> dict[str, tuple]:
    """Per article id: (features, label indices) of its labelled evidence sentences."""
    labels = {(r["article"], r["actor"], r["sentence"]): r for r in _rows(path)}
    out = {}
    for ref, feats, actors, evidence in articles:
        rows, roles, flags, ys = [], [], [], []
        for actor in actors:
            for e in evidence[actor.name]:
                row = labels.get((ref.id, actor.name, e.sentence.index))
                if row is not None and row["text"] == e.sentence.text:
                    rows.append(e.sentence.index)
                    roles.append(e.role)
                    flags.append(cues(e.sentence.text, actor))
                    ys.append(DEFAULT_LABELS.index(row["stance"]))
        if rows:
            vectors = feats.vectors_of(rows)
            x = features(vectors, roles, zero_shot.similarities(vectors), np.stack(flags))
            out[ref.id] = (x, np.array(ys))
    return out


def train(x: np.ndarray, y: np.ndarray, *, l2: float = L2, seed: int = SEED) -> StanceHead:
    """Multinomial logistic regression with an L2 penalty on the weights, fitted by L-BFGS."""
    import torch

    torch.manual_seed(seed)
    inputs, targets = torch.from_numpy(x.astype(np.float32)), torch.from_numpy(y.astype(np.int64))
    layer = torch.nn.Linear(x.shape[1], len(DEFAULT_LABELS))
    optimiser = torch.optim.LBFGS(layer.parameters(), max_iter=300, line_search_fn="strong_wolfe")

    def closure():
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(layer(inputs), targets) + l2 * (layer.weight ** 2).sum()
        loss.backward()
        return loss

    optimiser.step(closure)
    return StanceHead(layer.weight.detach().numpy().copy(), layer.bias.detach().numpy().copy(), DEFAULT_LABELS)


ROUND_3 = {"head_share": 1.0, "lead_weight": 1.0, "position_mass": 0.4, "l2": 1e-4}

#: Each variant: classifier settings, plus the head's L2 penalty (``l2``, default ``L2``) and
#: whether it reads the word cues (``word_cues``, default True; False retrains without them).
VARIANTS = {
    "hypotheses + roles (before the head)": {},
    "head 0.6 + hypotheses 0.4, lead weight, neutral under 0.5 (round 1)":
        {"head_share": 0.6, "lead_weight": 1.0, "position_mass": 0.5, "l2": 1e-4},
    "head alone, neutral under 0.4 (round 2)": {"head_share": 1.0, "lead_weight": 0.0, "position_mass": 0.4, "l2": 1e-4},
    "head alone, lead weight, neutral under 0.4, L2 1e-4 (round 3)": ROUND_3,
    "round 3, neutral under 0.45": {**ROUND_3, "position_mass": 0.45},
    "round 3, neutral under 0.5": {**ROUND_3, "position_mass": 0.5},
    "head alone, lead weight, neutral under 0.45, L2 3e-5 (shipped)": WITH_HEAD,
    "shipped, neutral under 0.4": {**WITH_HEAD, "position_mass": 0.4},
    "shipped, neutral under 0.5": {**WITH_HEAD, "position_mass": 0.5},
    "shipped, without the lead weight": {**WITH_HEAD, "lead_weight": 0.0},
    "shipped, L2 1e-5": {**WITH_HEAD, "l2": 1e-5},
    "shipped, without the word cues": {**WITH_HEAD, "word_cues": False},
    "shipped, neutral when it outscores each position": {**WITH_HEAD, "position_mass": None},
}


def split_settings(settings: dict) -> tuple[float, dict]:
    """A variant's (head L2 penalty, classifier settings): the penalty is for training only."""
    return settings.get("l2", L2), {key: value for key, value in settings.items() if key != "l2"}


def cross_validate(encoder, articles, sentences, evidence, fold: dict[str, object],
                   variants: dict[str, dict] = VARIANTS) -> dict[str, dict[str, float]]:
    """Macro-F1 per record group of each variant; every article is scored by a head trained
    without the sentences of its fold (``fold``: article id -> fold key)."""
    keys = sorted(set(fold.values()), key=str)
    heads: dict[tuple, StanceHead] = {}
    for settings in variants.values():
        if not settings:
            continue
        (l2, _), with_cues = split_settings(settings), settings.get("word_cues", True)
        for k in keys:
            if (l2, with_cues, k) in heads:
                continue
            parts = [sentences] + [xy for article_id, xy in evidence.items() if fold[article_id] != k]
            x, y = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
            if not with_cues:
                x = np.concatenate([x[:, :-len(CUES)], np.zeros_like(x[:, -len(CUES):])], axis=1)
            heads[l2, with_cues, k] = train(x, y, l2=l2)
    table = {}
    for name, settings in variants.items():
        (l2, rules), with_cues = split_settings(settings), settings.get("word_cues", True)
        classifiers = {k: EmbeddedStanceClassifier(encoder, LabelSet(), head=heads[l2, with_cues, k] if settings else None,
                                                   **rules) for k in keys}
        gold: dict[str, list] = {}
        pred: dict[str, list] = {}
        for ref, feats, actors, ev in articles:
            for stance in classifiers[fold[ref.id]](feats, actors, ev):
                gold.setdefault(ref.group, []).append((stance.actor, ref.stances[stance.actor]))
                pred.setdefault(ref.group, []).append(stance.label)
        table[name] = {g: stance_scores(gold[g], pred[g], DEFAULT_LABELS).macro_f1 for g in sorted(gold)}
    return table


def by_article(articles) -> dict[str, int]:
    """Folds for CV by article: round robin over the dev files' order."""
    return {ref.id: k % FOLDS for k, (ref, *_) in enumerate(articles)}


def by_source(articles, paths: Sequence[Path] = DEV_FILES) -> dict[str, str]:
    """Folds for leave-one-source-out: each article's dev file."""
    source = {ref.id: path.stem for path in paths for ref in load_references(path, labels=DEFAULT_LABELS)}
    return {ref.id: source[ref.id] for ref, *_ in articles}


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    groups = sorted(next(iter(table.values())))
    current = [g for g in groups if g != "war-2022"]
    print(f"\n| variant (dev, {title}) | " + " | ".join(groups) + " | mean of current |")
    print("|---|" + "---|" * (len(groups) + 1))
    for name, row in table.items():
        mean = sum(row[g] for g in current) / len(current)
        print(f"| {name} | " + " | ".join(f"{row[g]:.3f}" for g in groups) + f" | {mean:.3f} |")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="also cross-validate on the dev files, by article")
    parser.add_argument("--by-source", action="store_true", help="also leave one dev file out at a time")
    parser.add_argument("--out", type=Path, default=HEAD_FILE, help="where to write the weights")
    args = parser.parse_args(argv)
    encoder = load_encoder()
    zero_shot = EmbeddedStanceClassifier(encoder, LabelSet())
    sentences = sentence_examples(zero_shot, encoder)
    articles = dev_articles(encoder)
    evidence = evidence_examples(zero_shot, articles)
    n_evidence = sum(len(y) for _, y in evidence.values())
    x = np.concatenate([sentences[0], *(xy[0] for xy in evidence.values())])
    y = np.concatenate([sentences[1], *(xy[1] for xy in evidence.values())])
    train(x, y).save(args.out)
    print(f"trained on {len(sentences[1])} written sentences and {n_evidence} dev evidence sentences "
          f"({x.shape[1]} features); wrote {args.out}")
    if args.cv:
        print_table(f"{FOLDS}-fold CV by article", cross_validate(encoder, articles, sentences, evidence, by_article(articles)))
    if args.by_source:
        print_table("leave one file out", cross_validate(encoder, articles, sentences, evidence, by_source(articles)))


if __name__ == "__main__":
    main()
