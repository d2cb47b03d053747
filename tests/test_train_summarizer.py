"""The training command on a tiny set: it cross-validates, writes weights the summarizer
loads, rebuilds them bit for bit, and its regression is at its optimum."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eval.train_summarizer import fit, folds, main
from nlp.article import Article
from nlp.summarizers import Budget
from nlp.summarizers.embedded import EmbeddedSummarizer
from nlp.summarizers.scoring import FEATURES, LinearScorer, load_scorer

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def tiny(tmp_path) -> Path:
    rows = []
    for name in ("dev.jsonl", "dev-current.jsonl"):
        rows += (ROOT / "eval/data" / name).read_text().splitlines()[:2]
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_training_command_writes_weights_it_can_rebuild_exactly(tiny, tmp_path, encoder, capsys, featurize):
    out = tmp_path / "weights.json"
    args = ["--data", str(tiny), "--out", str(out), "--folds", "2", "--seeds", "1"]
    assert main(args, encoder=encoder) == 0
    printed = capsys.readouterr().out
    for row in ("| lead-3 |", "| oracle |", "| heuristic (before) |", "| learned + compression |"):
        assert row in printed
    scorer = LinearScorer.from_dict(json.loads(out.read_text()))
    assert scorer.names == FEATURES and scorer.meta["articles"] == 4 and scorer.meta["data"] == ["tiny.jsonl"]
    assert main([*args, "--check"], encoder=encoder) == 0
    out.write_text(out.read_text().replace('"intercept": ', '"intercept": 1'))
    assert main([*args, "--check"], encoder=encoder) == 1
    article = Article.from_text((ROOT / "examples/grain-ship.txt").read_text())
    summary = EmbeddedSummarizer(scorer=scorer)(featurize(article), Budget())
    assert 0 < summary.words <= 60


def test_the_fit_is_the_regularised_optimum():
    rng = np.random.default_rng(0)
    rows = rng.normal(size=(200, 2))
    labels = 1 / (1 + np.exp(-(2 * rows[:, 0] - rows[:, 1]))) > rng.uniform(size=200)
    model = fit(rows, labels.astype(float), names=FEATURES[:2], c=0.5)
    assert model.coef[0] > 0 > model.coef[1]
    x = np.hstack([(rows - model.mean) / model.scale, np.ones((200, 1))])
    beta = np.append(model.coef, model.intercept)
    p = 1 / (1 + np.exp(-x @ beta))
    gradient = x.T @ (p - labels) + np.append(model.coef / 0.5, 0.0)
    assert np.abs(gradient).max() < 1e-6
    assert np.allclose(model(np.pad(rows, ((0, 0), (0, len(FEATURES) - 2)))), p)


def test_folds_are_stratified_by_group():
    class E:
        def __init__(self, group):
            self.group = group

    examples = [E("a")] * 6 + [E("b")] * 4
    assignment = folds(examples, 2, seed=1)
    assert sorted(assignment[:6]) == [0, 0, 0, 1, 1, 1] and sorted(assignment[6:]) == [0, 0, 1, 1]
    assert list(folds(examples, 2, seed=1)) == list(assignment)


def test_the_shipped_weights_name_known_features_and_their_training():
    scorer = load_scorer()
    assert set(scorer.names) <= set(FEATURES) and len(scorer.coef) == len(scorer.names)
    assert scorer.meta["data"] == ["dev.jsonl", "dev-current.jsonl"]
    assert "test" not in json.dumps(scorer.meta)
