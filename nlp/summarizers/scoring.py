"""Sentence scoring for the ``embedded`` summarizer: features, and a linear model over them.

Every feature is computed from what the pipeline already has (the sentence embeddings, the
headline's embedding, the sentences' text and place), so scoring costs well under a
millisecond per article. The model is a logistic regression trained on the reference
summaries (``python -m eval.train_summarizer``); its weights ship with the package as
JSON and are applied here in numpy, so nothing heavier than numpy is imported at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..evidence.lexicon import ACTION_VERBS, SPEECH_VERBS
from ..features import ArticleFeatures

WEIGHTS = Path(__file__).parent / "weights" / "embedded-scorer.json"

#: Feature names, in column order. Groups (the prefix before ``:``) are what the ablation
#: in docs/summaries.md switches off together.
FEATURES = (
    "position:first", "position:exp", "position:relative", "position:paragraph_first",
    "position:paragraph_exp",
    "similarity:title", "similarity:no_title", "similarity:centroid", "similarity:first",
    "similarity:centrality", "similarity:title_rank", "similarity:centroid_rank",
    "length:words", "length:log_words", "length:short", "length:kept_share",
    "content:quote", "content:starts_with_quote", "content:numbers", "content:names",
    "content:speech", "content:acts", "content:question", "content:furniture",
)
_QUOTES = re.compile(r"[“”\"]")
_NUMBER = re.compile(r"\d")
_FURNITURE = re.compile(r"[|>]|\b(?:cookies?|subscribe|newsletter|photo|caption|updated)\b", re.I)


def _ranks(values: np.ndarray) -> np.ndarray:
    """0 for the largest value, 1 for the smallest (ties share nothing; n=1 gives 0)."""
    n = len(values)
    order = np.argsort(-values, kind="stable")
    ranks = np.empty(n)
    ranks[order] = np.arange(n)
    return ranks / max(n - 1, 1)


def sentence_features(features: ArticleFeatures, kept_words: Sequence[int] | None = None) -> np.ndarray:
    """One row of :data:`FEATURES` per sentence of ``features.article``.

    Args:
        features: the article with its sentence embeddings (and headline embedding, if any).
        kept_words: each sentence's length after compression (default: its full length).
    """
    sentences = features.article.sentences
    vectors = features.sentence_vectors
    if vectors is None:
        raise ValueError("sentence scoring needs sentence embeddings")
    n = len(sentences)
    centroid = vectors.mean(axis=0)
    centroid = centroid / (np.linalg.norm(centroid) or 1.0)
    to_centroid = vectors @ centroid
    similarity = vectors @ vectors.T
    centrality = (similarity.sum(axis=1) - 1.0) / max(n - 1, 1)
    title = features.title_vector
    to_title = vectors @ title if title is not None else np.zeros(n)
    words = np.array([s.words for s in sentences], dtype=float)
    kept = np.array(kept_words if kept_words is not None else words, dtype=float)
    paragraph_first = np.array([i == 0 or sentences[i - 1].paragraph != s.paragraph
                                for i, s in enumerate(sentences)], dtype=float)
    rows = []
    for i, s in enumerate(sentences):
        tokens = s.text.split()
        lowered = [t.lower().strip(".,;:“”\"'’") for t in tokens]
        rows.append([
            float(i == 0), math.exp(-i / 3), i / max(n - 1, 1), paragraph_first[i],
            math.exp(-s.paragraph / 3),
            to_title[i], float(title is None), to_centroid[i], similarity[i, 0], centrality[i], 0.0, 0.0,
            kept[i] / 30, math.log1p(kept[i]), float(words[i] < 8), kept[i] / max(words[i], 1.0),
            float(bool(_QUOTES.search(s.text))), float(s.text[:1] in "“\"‘"),
            min(sum(bool(_NUMBER.search(t)) for t in tokens), 3) / 3,
            sum(t[:1].isupper() for t in tokens[1:]) / max(len(tokens) - 1, 1),
            float(any(t in SPEECH_VERBS for t in lowered)),
            min(sum(t in ACTION_VERBS for t in lowered), 4) / 4,
            float(s.text.rstrip("”\"’").endswith("?")), float(bool(_FURNITURE.search(s.text))),
        ])
    out = np.array(rows, dtype=float).reshape(n, len(FEATURES))
    out[:, FEATURES.index("similarity:title_rank")] = _ranks(to_title) if title is not None else 0.5
    out[:, FEATURES.index("similarity:centroid_rank")] = _ranks(to_centroid)
    return out


@dataclass(frozen=True)
class LinearScorer:
    """A logistic regression over standardised features: ``sigmoid(((x - mean) / scale) @ coef + intercept)``.

    Attributes:
        names: the feature names it was trained on (a subset of :data:`FEATURES`, in order).
        mean / scale: standardisation, from the training data.
        coef / intercept: the fitted weights.
        meta: how it was trained (data, regularisation, cross-validated figures).
    """

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    meta: dict

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        """Probability that each row's sentence belongs in the summary."""
        x = rows[:, [FEATURES.index(n) for n in self.names]]
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def as_dict(self) -> dict:
        r = lambda a: [round(float(v), 6) for v in a]  # noqa: E731
        return {"features": list(self.names), "mean": r(self.mean), "scale": r(self.scale),
                "coef": r(self.coef), "intercept": round(float(self.intercept), 6), "meta": self.meta}

    @classmethod
    def from_dict(cls, data: dict) -> LinearScorer:
        unknown = set(data["features"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"scorer weights name unknown features: {', '.join(sorted(unknown))}")
        return cls(tuple(data["features"]), np.array(data["mean"]), np.array(data["scale"]),
                   np.array(data["coef"]), float(data["intercept"]), dict(data.get("meta", {})))


@lru_cache(maxsize=4)
def load_scorer(path: Path = WEIGHTS) -> LinearScorer:
    """The shipped scorer (read once per process)."""
    return LinearScorer.from_dict(json.loads(Path(path).read_text()))
