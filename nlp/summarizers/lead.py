"""``lead``: the article's opening sentences, the classic news-summary baseline.

News is written with the most important facts first, so the lead is hard to beat; every
other method is measured against it.
"""

from __future__ import annotations

from ..features import ArticleFeatures
from .base import Budget, Summary, extract, fill_budget, leading


class LeadSummarizer:
    """The first sentences that fit the budget (the first always goes in)."""

    name = "lead"

    def __call__(self, features: ArticleFeatures, budget: Budget) -> Summary:
        sentences = features.article.sentences
        chosen = fill_budget([s.words for s in sentences], budget, leading(len(sentences)))
        return extract([sentences[i] for i in chosen], self.name)
