"""``embedded``: extractive summaries from MiniLM sentence embeddings, no network needed.

Each sentence gets a salience score that mixes
- centrality: similarity to the article's centroid (what the article is mostly about);
- headline similarity, when the article has a title (what the editor said it is about);
- a position prior: news puts the key facts first, so early sentences get a head start
  that fades with depth;
and sentences are then picked by maximal marginal relevance (MMR), which trades salience
against similarity to what is already chosen, until the word budget is spent. Picked
sentences are returned in article order and are never cut.
"""

from __future__ import annotations

import math

import numpy as np

from ..article import Article
from ..features import ArticleFeatures
from .base import Budget, Summary, extract, fill_budget


class EmbeddedSummarizer:
    """MMR over salience = centrality + headline similarity + position prior.

    Args:
        position_weight: weight of the position prior against the similarity terms.
        position_decay: sentence index at which the prior has fallen to 1/e.
        title_weight: share of headline similarity in the similarity term (0 ignores it).
        diversity: MMR's redundancy penalty, 0 (none) to 1 (only novelty counts).
        min_words: shorter sentences (datelines, fragments, one-line quotes) are skipped.
    """

    name = "embedded"

    def __init__(
        self,
        *,
        position_weight: float = 0.35,
        position_decay: float = 4.0,
        title_weight: float = 0.3,
        diversity: float = 0.35,
        min_words: int = 6,
    ):
        self.position_weight = position_weight
        self.position_decay = position_decay
        self.title_weight = title_weight
        self.diversity = diversity
        self.min_words = min_words

    def salience(self, article: Article, vectors: np.ndarray, title: np.ndarray | None) -> np.ndarray:
        """Score per sentence; higher means more summary-worthy."""
        centroid = vectors.mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        similarity = vectors @ centroid
        if title is not None and self.title_weight > 0:
            similarity = (1 - self.title_weight) * similarity + self.title_weight * (vectors @ title)
        position = np.array([math.exp(-s.index / self.position_decay) for s in article.sentences])
        return similarity + self.position_weight * position

    def __call__(self, features: ArticleFeatures, budget: Budget) -> Summary:
        article, vectors = features.article, features.sentence_vectors
        sentences = article.sentences
        scores = self.salience(article, vectors, features.title_vector)
        candidates = [i for i, s in enumerate(sentences) if s.words >= self.min_words] or list(
            range(len(sentences))
        )

        def best_next(chosen: list[int], fits) -> int | None:
            best, best_value = None, -math.inf
            for i in candidates:
                if i in chosen:
                    continue
                redundancy = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
                value = (1 - self.diversity) * scores[i] - self.diversity * redundancy
                if value > best_value and fits(i):
                    best, best_value = i, value
            return best

        chosen = fill_budget([s.words for s in sentences], budget, best_next)
        if not chosen:  # nothing fits the budget: the best sentence alone, whole
            chosen = [max(candidates, key=lambda i: scores[i])]
        return extract([sentences[i] for i in chosen], self.name)
