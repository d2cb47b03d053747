"""``lead``: the article's opening sentences, the classic news-summary baseline.

News is written with the most important facts first, so the lead is hard to beat; every
other method is measured against it. Sentences are taken whole; only a first sentence
that is longer than the whole word budget is cut (at a clause or word boundary, marked
``truncated``).
"""

from __future__ import annotations

from ..features import ArticleFeatures
from .base import Budget, Summary, SummarySentence, assemble, budget_words, fill_budget, leading, truncate


class LeadSummarizer:
    """The first sentences that fit the budget (the first always goes in, cut if need be)."""

    name = "lead"

    def __call__(self, features: ArticleFeatures, budget: Budget) -> Summary:
        article = features.article
        sentences = article.sentences
        words = [budget_words(s.text) for s in sentences]
        chosen = fill_budget(words, budget, leading(len(sentences)))
        parts = [SummarySentence.of(sentences[i]) for i in chosen]
        if budget.sentences is None and words[chosen[0]] > budget.max_words:
            parts = [truncate(article.source, parts[0], budget.max_words)]
        return assemble(parts, self.name)
