"""The oracle, headroom share and paired bootstrap against hand-computed values, and the
report and gate that read them."""

from __future__ import annotations

import numpy as np
import pytest

from eval.harness import FileReport
from eval.metrics import RougeScorer
from eval.summary_eval import compare_systems, greedy_oracle, headroom_share, paired_bootstrap
from nlp.segmentation import sentence_spans
from nlp.summarizers import Budget


@pytest.fixture(scope="module")
def rouge():
    return RougeScorer(lambda t: [t[a:b] for a, b in sentence_spans(t)])


SENTENCES = ["Rain fell on the capital.", "Talks resumed in Geneva on Monday.",
             "Both delegations met for five hours.", "Talks ended without a deal."]
REFERENCE = ["Talks resumed in Geneva. Talks ended without a deal."]


def test_greedy_oracle_adds_the_best_sentence_while_it_fits_and_helps(rouge):
    # Alone, "Talks ended without a deal." (5 words, all in the reference) has the best
    # ROUGE-Lsum; adding "Talks resumed in Geneva on Monday." raises it; nothing else does.
    assert greedy_oracle(SENTENCES, REFERENCE, rouge, budget=Budget(max_words=60)) == [1, 3]
    assert greedy_oracle(SENTENCES, REFERENCE, rouge, budget=Budget(max_words=10)) == [3]  # 5 + 6 > 10
    assert greedy_oracle(SENTENCES, REFERENCE, rouge, budget=Budget(sentences=1)) == [3]
    assert greedy_oracle(SENTENCES, ["Sanctions hurt exports."], rouge, budget=Budget()) == []


def test_headroom_share_hand_computed():
    assert headroom_share(0.35, 0.32, 0.40) == pytest.approx(0.375)
    assert headroom_share(0.32, 0.32, 0.40) == 0.0
    assert headroom_share(0.30, 0.32, 0.32) is None  # no headroom to share


def test_paired_bootstrap_hand_computed():
    # differences [0, 1]: resampled means are 0, 0.5 or 1 with probability 1/4, 1/2, 1/4,
    # so the 2.5th and 97.5th percentiles are 0 and 1
    interval = paired_bootstrap([0.5, 0.9], [0.5, -0.1], seed=3, samples=4000)
    assert interval.mean == pytest.approx(0.5)
    assert (interval.low, interval.high) == (pytest.approx(0.0), pytest.approx(1.0))
    same = paired_bootstrap([0.3, 0.4, 0.2], [0.1, 0.2, 0.0], seed=0)
    assert (same.mean, same.low, same.high) == (pytest.approx(0.2),) * 3  # a constant difference
    assert paired_bootstrap([0.1, 0.5, 0.2], [0.3, 0.1, 0.4], seed=9) == paired_bootstrap(
        [0.1, 0.5, 0.2], [0.3, 0.1, 0.4], seed=9)
    with pytest.raises(ValueError, match="differ in length"):
        paired_bootstrap([0.1], [0.1, 0.2])


def test_compare_systems_gives_shares_and_every_pair():
    rng = np.random.default_rng(0)
    lead = rng.uniform(0.2, 0.4, 30)
    runs = {name: [{"rouge1": v, "rouge2": v, "rougeLsum": v} for v in lead + shift]
            for name, shift in (("system", 0.03), ("lead-3", 0.0), ("oracle", 0.06))}
    shares, pairs = compare_systems(runs, lead="lead-3", seed=0, samples=200)
    assert shares["system"] == pytest.approx(0.5) and shares["oracle"] == pytest.approx(1.0)
    assert list(pairs) == ["system vs lead-3", "system vs oracle", "lead-3 vs oracle"]
    assert pairs["system vs lead-3"]["rougeLsum"]["low"] == pytest.approx(0.03)
    assert pairs["system vs oracle"]["rougeLsum"]["mean"] == pytest.approx(-0.03)


def test_the_gate_reads_paired_differences():
    report = FileReport("x", 3, summary_pairs={
        "system vs lead-3": {"rougeLsum": {"mean": 0.031, "low": 0.012, "high": 0.05}}})
    assert report.metric("summary.rougeLsum.vs.lead-3") == 0.031
    assert report.metric("summary.rougeLsum.vs.lead-3.low") == 0.012
    with pytest.raises(KeyError):
        report.metric("summary.rougeLsum.vs.oracle")
