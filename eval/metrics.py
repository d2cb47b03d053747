"""Metrics: pure functions over (reference, prediction), returning frozen results.

Summaries use ROUGE from ``rouge-score`` (ROUGE-1.5.5 compatible, Porter stemming on);
ROUGE-Lsum sees one sentence per line. Corpus means come with percentile bootstrap
confidence intervals drawn from an explicit seed. Stance metrics are accuracy, macro-F1
over the label set (``absent`` excluded: finding an unmentioned actor is string matching,
reported on its own), per-actor accuracy and a confusion matrix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
ABSENT = "absent"


@dataclass(frozen=True)
class Interval:
    """A corpus mean and its bootstrap confidence interval."""

    mean: float
    low: float
    high: float

    def as_dict(self) -> dict:
        return {"mean": round(self.mean, 4), "low": round(self.low, 4), "high": round(self.high, 4)}


def bootstrap(values: Sequence[float], *, seed: int = 0, samples: int = 1000,
              confidence: float = 0.95) -> Interval:
    """Mean of ``values`` with a percentile bootstrap interval (resampling articles)."""
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    if samples < 1:
        raise ValueError("samples must be positive")
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return Interval(0.0, 0.0, 0.0)
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(samples, data.size))].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    return Interval(float(data.mean()), float(np.percentile(means, tail)), float(np.percentile(means, 100 - tail)))


def macro_f1_interval(gold: Sequence[tuple[str, str]], pred: Sequence[str], labels: Sequence[str],
                      articles: Sequence[int], *, seed: int = 0, samples: int = 1000,
                      confidence: float = 0.95) -> Interval:
    """Stance macro-F1 with a percentile bootstrap interval that resamples whole articles.

    An article's actor slots are not independent (one misread article can cost all three), so
    the slots of an article are drawn together; ``articles[i]`` names slot i's article.
    """
    if not gold:
        return Interval(0.0, 0.0, 0.0)
    by_article: dict[int, list[int]] = {}
    for i, a in enumerate(articles):
        by_article.setdefault(a, []).append(i)
    groups = [np.array(g) for g in by_article.values()]
    g_labels = np.array([g for _, g in gold])
    p_labels = np.array(pred)
    # per slot and label: is it a true positive, a false positive, a false negative
    hits = np.stack([(g_labels == x) & (p_labels == x) for x in labels], axis=1).astype(float)
    false_pos = np.stack([(p_labels == x) & (g_labels != x) for x in labels], axis=1).astype(float)
    false_neg = np.stack([(g_labels == x) & (p_labels != x) for x in labels], axis=1).astype(float)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(samples):
        picked = np.concatenate([groups[k] for k in rng.integers(0, len(groups), size=len(groups))])
        tp, fp, fn = hits[picked].sum(axis=0), false_pos[picked].sum(axis=0), false_neg[picked].sum(axis=0)
        denominator = 2 * tp + fp + fn  # F1 = 2tp / (2tp + fp + fn), 0 where a label never occurs
        values.append(float(np.mean(np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=denominator > 0))))
    tail = (1 - confidence) / 2 * 100
    return Interval(stance_scores(gold, pred, labels).macro_f1,
                    float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail)))


class RougeScorer:
    """Best-over-references ROUGE F1 per summary, with stemming."""

    def __init__(self, split_sentences):
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
        self._split = split_sentences

    def _lines(self, text: str) -> str:
        return "\n".join(self._split(text))

    def score(self, references: Sequence[str], prediction: str | Sequence[str]) -> dict[str, float]:
        """F1 per ROUGE type against the best-matching reference.

        ``prediction`` may be given as its sentences, which then become the Lsum lines.
        """
        pred = "\n".join(prediction) if not isinstance(prediction, str) else self._lines(prediction)
        best = self._scorer.score_multi([self._lines(r) for r in references], pred)
        return {k: float(best[k].fmeasure) for k in ROUGE_TYPES}


@dataclass(frozen=True)
class StanceScores:
    accuracy: float
    macro_f1: float
    per_label_f1: dict[str, float]
    per_actor_accuracy: dict[str, float]
    absent: dict[str, float]
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    n: int = 0

    def as_dict(self) -> dict:
        r = lambda x: round(x, 4)  # noqa: E731
        return {
            "n": self.n, "accuracy": r(self.accuracy), "macro_f1": r(self.macro_f1),
            "per_label_f1": {k: r(v) for k, v in self.per_label_f1.items()},
            "per_actor_accuracy": {k: r(v) for k, v in self.per_actor_accuracy.items()},
            "absent": {k: r(v) for k, v in self.absent.items()}, "confusion": self.confusion,
        }


def _f1(gold: Sequence[str], pred: Sequence[str], label: str) -> tuple[float, float, float]:
    tp = sum(g == p == label for g, p in zip(gold, pred))
    fp = sum(p == label != g for g, p in zip(gold, pred))
    fn = sum(g == label != p for g, p in zip(gold, pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def stance_scores(gold: Sequence[tuple[str, str]], pred: Sequence[str], labels: Sequence[str]) -> StanceScores:
    """Score predicted labels against gold ``(actor, label)`` pairs, aligned by position.

    Macro-F1 averages the F1 of each label in ``labels`` over all slots; a slot whose gold
    or prediction is ``absent`` counts as a miss for the label on the other side.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    gold_labels = [g for _, g in gold]
    n = len(gold)
    per_label = {label: _f1(gold_labels, pred, label)[2] for label in labels}
    actors = sorted({a for a, _ in gold})
    per_actor = {}
    for actor in actors:
        idx = [i for i, (a, _) in enumerate(gold) if a == actor]
        per_actor[actor] = sum(gold_labels[i] == pred[i] for i in idx) / len(idx)
    p, r, f = _f1(gold_labels, pred, ABSENT)
    names = list(labels) + [ABSENT]
    counts = Counter(zip(gold_labels, pred))
    confusion = {g: {q: counts.get((g, q), 0) for q in names} for g in names}
    return StanceScores(
        accuracy=sum(g == q for g, q in zip(gold_labels, pred)) / n if n else 0.0,
        macro_f1=sum(per_label.values()) / len(per_label) if per_label else 0.0,
        per_label_f1=per_label, per_actor_accuracy=per_actor,
        absent={"precision": p, "recall": r, "f1": f}, confusion=confusion, n=n,
    )
