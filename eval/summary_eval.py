"""Summary evaluation against the ceiling: the extractive oracle, the share of the headroom
over lead-3 a system takes, and paired bootstrap intervals between systems.

- ``greedy_oracle``: the standard greedy extractive oracle. Whole article sentences are
  added one at a time, each time the one that raises ROUGE (against the best-matching
  reference) the most, while it fits the budget, until no sentence raises it. It is what
  picking sentences, with the references in hand, can reach at the configured budget.
- ``headroom_share``: (system - lead-3) / (oracle - lead-3).
- ``paired_bootstrap``: the mean per-article difference between two systems scored on the
  same articles, with a percentile interval from resampling articles (explicit seed). A
  difference whose interval excludes zero is one this reference set resolves.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from nlp.summarizers import Budget
from nlp.summarizers.base import budget_words

from .metrics import ROUGE_TYPES, Interval, RougeScorer, bootstrap

ORACLE = "oracle"


def greedy_oracle(sentences: Sequence[str], references: Sequence[str], rouge: RougeScorer, *,
                  budget: Budget, metric: str = "rougeLsum") -> list[int]:
    """Indices (in article order) of the greedy oracle's sentences within ``budget``.

    Example:
        >>> from nlp.segmentation import sentence_spans
        >>> rouge = RougeScorer(lambda t: [t[a:b] for a, b in sentence_spans(t)])
        >>> greedy_oracle(["Rain fell.", "Talks resumed in Geneva.", "Talks ended."],
        ...               ["Talks resumed in Geneva."], rouge, budget=Budget(max_words=6))
        [1]
    """
    words = [budget_words(s) for s in sentences]
    chosen: list[int] = []
    best, used = 0.0, 0
    while not budget.full(used, len(chosen)):
        pick = None
        for i in range(len(sentences)):
            if i in chosen or not budget.fits(used, len(chosen), words[i]):
                continue
            value = rouge.score(references, [sentences[j] for j in sorted([*chosen, i])])[metric]
            if value > best + 1e-12:
                best, pick = value, i
        if pick is None:
            break
        chosen.append(pick)
        used += words[pick]
    return sorted(chosen)


def headroom_share(system: float, lead: float, oracle: float) -> float | None:
    """The share of the oracle's lead over lead-3 that ``system`` takes (None without one).

    Example:
        >>> round(headroom_share(0.35, 0.32, 0.40), 3)
        0.375
    """
    return (system - lead) / (oracle - lead) if oracle > lead else None


def paired_bootstrap(a: Sequence[float], b: Sequence[float], *, seed: int = 0, samples: int = 1000,
                     confidence: float = 0.95) -> Interval:
    """Mean of ``a[i] - b[i]`` with a percentile bootstrap interval over articles.

    Raises:
        ValueError: ``a`` and ``b`` have different lengths (they must score the same articles).
    """
    if len(a) != len(b):
        raise ValueError(f"paired scores differ in length: {len(a)} and {len(b)}")
    return bootstrap(np.asarray(a, dtype=float) - np.asarray(b, dtype=float), seed=seed, samples=samples,
                     confidence=confidence)


def compare_systems(per_article: dict[str, list[dict[str, float]]], *, lead: str, seed: int,
                    samples: int) -> tuple[dict[str, float | None], dict[str, dict]]:
    """Headroom shares (ROUGE-Lsum) per system and paired intervals for every pair.

    Args:
        per_article: system name -> per-article ROUGE scores, all on the same articles.
        lead: the lead baseline's name (``lead-3``).

    Returns:
        ({system: share}, {"A vs B": {rouge type: interval of A - B}}), pairs in the order the
        systems are given.
    """
    means = {name: float(np.mean([s["rougeLsum"] for s in rows])) for name, rows in per_article.items()}
    shares: dict[str, float | None] = {}
    if ORACLE in means and lead in means:
        shares = {name: headroom_share(m, means[lead], means[ORACLE]) for name, m in means.items()}
    pairs = {}
    for x, y in combinations(per_article, 2):
        pairs[f"{x} vs {y}"] = {
            k: paired_bootstrap([s[k] for s in per_article[x]], [s[k] for s in per_article[y]],
                                seed=seed, samples=samples).as_dict() for k in ROUGE_TYPES}
    return shares, pairs
