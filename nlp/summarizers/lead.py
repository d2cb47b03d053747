"""``lead``: the article's opening sentences, the classic news-summary baseline.

News is written with the most important facts first, so the lead is hard to beat; every
other method is measured against it.
"""

from __future__ import annotations

from ..article import Article
from .base import Budget, Summarizer, Summary, extract


class LeadSummarizer(Summarizer):
    name = "lead"

    def __call__(self, article: Article, budget: Budget) -> Summary:
        chosen, words = [], 0
        for sentence in article.sentences:
            if budget.full(words, len(chosen)):
                break
            if not budget.fits(words, len(chosen), sentence.words):
                if chosen:
                    break
            chosen.append(sentence)  # the first sentence always goes in, even if over budget
            words += sentence.words
        return extract(article, chosen, self.name)
