"""Per-article features, computed once and handed to every step that needs them.

The summarizer and the stance classifier both compare sentences by their embeddings. Rather
than each encoding the article (or sharing through a cache inside the encoder), the
:class:`Analyzer` embeds every sentence and title of a batch of articles in one pass, here,
and passes each article's :class:`ArticleFeatures` to both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .article import Article

if TYPE_CHECKING:
    import numpy as np

    from .encoder import SentenceEncoder


@dataclass(frozen=True, eq=False)
class ArticleFeatures:
    """An article and what was computed from it once.

    Attributes:
        article: the cleaned article.
        sentence_vectors: row i is the unit-length embedding of ``article.sentences[i]``;
            None when no step of the run needs embeddings.
        title_vector: the headline's embedding, None without a headline or embeddings.
    """

    article: Article
    sentence_vectors: np.ndarray | None = None
    title_vector: np.ndarray | None = None

    def vectors_of(self, indices: Sequence[int]) -> np.ndarray:
        """The embeddings of the sentences at ``indices`` (e.g. an actor's evidence)."""
        if self.sentence_vectors is None:
            raise ValueError("these features were computed without sentence embeddings")
        return self.sentence_vectors[list(indices)]


def compute_features(articles: Sequence[Article], encoder: SentenceEncoder | None, *,
                     batch_size: int) -> list[ArticleFeatures]:
    """Features for ``articles``; with an ``encoder``, all their sentences and titles are
    embedded in one batched pass of ``batch_size`` texts per forward (no encoder: features
    without embeddings)."""
    if encoder is None:
        return [ArticleFeatures(a) for a in articles]
    texts = [s.text for a in articles for s in a.sentences] + [a.title for a in articles if a.title]
    vectors = encoder.encode(texts, batch_size=batch_size)
    out, at = [], 0
    titles = len(texts) - sum(1 for a in articles if a.title)
    for article in articles:
        n = len(article.sentences)
        title = None
        if article.title:
            title = vectors[titles]
            titles += 1
        out.append(ArticleFeatures(article, vectors[at : at + n], title))
        at += n
    return out
