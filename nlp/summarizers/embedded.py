"""``embedded``: extractive summaries from MiniLM sentence embeddings, no network needed.

Each sentence is first compressed (``compress``: datelines, attribution tails, asides and
days of the week go, see :mod:`nlp.summarizers.rules`), then scored, then sentences are
picked by maximal marginal relevance (MMR), which trades each sentence's score against its
similarity to what is already chosen, until the word budget is spent. Picked sentences are
returned in article order; a compressed one lists the input spans it keeps and what was cut.

Two scorers:

- ``learned`` (the default): a logistic regression over position, similarity to the
  headline and to the article, length, quotes, numbers, names, speech and action verbs,
  trained on the reference summaries (:mod:`nlp.summarizers.scoring`,
  ``python -m eval.train_summarizer``);
- ``heuristic`` (the method before it): centrality, headline similarity and a position
  prior, mixed by hand-set weights.

When no sentence fits the budget at all (one 5,000-word run-on, a pasted blob), the best
one is cut at a clause or word boundary and marked ``truncated``; it is never returned whole.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from ..article import Article
from ..features import ArticleFeatures
from .base import Budget, Summary, assemble, budget_words, fill_budget, truncate
from .compress import Compressed, compress
from .rules import DEFAULT_RULES
from .scoring import LinearScorer, load_scorer, sentence_features

#: MMR's redundancy weight for the learned scorer, whose scores are scaled to a maximum of 1
#: per article (cross-validated on the dev references; docs/summaries.md).
LEARNED_REDUNDANCY = 0.2
#: A sentence this similar to one already chosen repeats it, whatever its score.
DUPLICATE_SIMILARITY = 0.9
#: A label and a colon that the page cleaner lets through when the rest reads as prose
#: ("Read more: What is NATO's Article 4, and what happens next?"): a link, not the story.
_LINK_LABEL = re.compile(r"(?:read more|read also|also read|read next|see also|related|watch|listen|"
                         r"more on this)\s*:", re.IGNORECASE)


class EmbeddedSummarizer:
    """MMR over sentence scores, on compressed sentences.

    Args:
        scorer: ``"learned"`` (the shipped weights), ``"heuristic"`` (centrality + headline
            similarity + position prior), or a :class:`~nlp.summarizers.scoring.LinearScorer`.
        compress: cut datelines, attribution tails, asides and days before choosing.
        rules: the compression rules to apply (names from ``nlp.summarizers.rules.RULES``).
        redundancy: MMR's weight on similarity to the chosen sentences (default: the
            scorer's own, :data:`LEARNED_REDUNDANCY` or ``diversity``).
        position_weight / position_decay / title_weight / diversity: the heuristic's weights
            (position prior against similarity, the index where the prior falls to 1/e,
            headline share of the similarity, MMR's trade-off from 0 to 1).
        min_words: shorter sentences (datelines, fragments, one-line quotes) are skipped.
    """

    name = "embedded"

    def __init__(
        self,
        *,
        scorer: str | LinearScorer = "learned",
        compress: bool = True,
        rules: Sequence[str] = DEFAULT_RULES,
        redundancy: float | None = None,
        position_weight: float = 0.35,
        position_decay: float = 4.0,
        title_weight: float = 0.3,
        diversity: float = 0.35,
        min_words: int = 6,
    ):
        if isinstance(scorer, str) and scorer not in ("learned", "heuristic"):
            raise ValueError(f"scorer must be 'learned', 'heuristic' or a LinearScorer, got {scorer!r}")
        self.scorer = load_scorer() if scorer == "learned" else scorer
        self.compress = compress
        self.rules = tuple(rules)
        self.position_weight = position_weight
        self.position_decay = position_decay
        self.title_weight = title_weight
        self.diversity = diversity
        self.min_words = min_words
        if redundancy is None:
            redundancy = diversity if self.heuristic else LEARNED_REDUNDANCY
        self.redundancy = redundancy

    @property
    def heuristic(self) -> bool:
        return isinstance(self.scorer, str)

    def salience(self, article: Article, vectors: np.ndarray, title: np.ndarray | None) -> np.ndarray:
        """The heuristic's score per sentence; higher means more summary-worthy."""
        centroid = vectors.mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        similarity = vectors @ centroid
        if title is not None and self.title_weight > 0:
            similarity = (1 - self.title_weight) * similarity + self.title_weight * (vectors @ title)
        position = np.array([math.exp(-s.index / self.position_decay) for s in article.sentences])
        return similarity + self.position_weight * position

    def scores(self, features: ArticleFeatures, pieces: Sequence[Compressed]) -> np.ndarray:
        """Each sentence's score, on the scale MMR trades against redundancy."""
        if self.heuristic:
            article = features.article
            return (1 - self.diversity) * self.salience(article, features.sentence_vectors, features.title_vector)
        p = self.scorer(sentence_features(features, [c.words for c in pieces]))
        return p / (p.max() or 1.0)

    def __call__(self, features: ArticleFeatures, budget: Budget) -> Summary:
        article, vectors = features.article, features.sentence_vectors
        if self.compress:
            pieces = [compress(s, article.source, rules=self.rules) for s in article.sentences]
        else:
            pieces = [Compressed.whole(s) for s in article.sentences]
        scores = self.scores(features, pieces)
        candidates = [i for i, c in enumerate(pieces) if c.words >= self.min_words
                      and not _LINK_LABEL.match(c.text)] or list(range(len(pieces)))

        def best_next(chosen: list[int], fits) -> int | None:
            best, best_value = None, -math.inf
            for i in candidates:
                if i in chosen:
                    continue
                redundancy = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
                if redundancy >= DUPLICATE_SIMILARITY:
                    continue
                value = scores[i] - self.redundancy * redundancy
                if value > best_value and fits(i):
                    best, best_value = i, value
            return best

        chosen = fill_budget([budget_words(c.text) for c in pieces], budget, best_next)
        parts = [pieces[i].summary_sentence(article.source) for i in chosen]
        if not chosen:  # nothing fits the budget: the best sentence, cut to fit
            best = max(candidates, key=lambda i: scores[i])
            parts = [truncate(article.source, pieces[best].summary_sentence(article.source), budget.max_words)]
        return assemble(parts, self.name)

