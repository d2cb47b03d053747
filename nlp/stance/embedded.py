"""``embedded``: zero-shot stance from MiniLM similarities between evidence and label hypotheses.

Each evidence sentence is compared with every label's hypotheses (``nlp.stance.hypotheses``);
its similarity to a label is that of the closest hypothesis, and a softmax with
temperature turns the similarities into a distribution over labels. ``neutral`` is one of
the labels, with hypotheses of its own, so a sentence that reports, locates or gives
background lands there instead of being forced into a position.

An actor's scores are the role-weighted mean of its sentences' distributions: what the
actor says and does (speaker, agent) outweighs sentences where it is only a place or a
target. An actor that never speaks or acts is ``neutral`` whatever the topic.

Each of these ideas is a switch of the constructor, so ``python -m eval.stance_ablations``
measures the shipped classifier with parts turned off; ``docs/stance.md`` has the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..actors import Actor
from ..encoder import SentenceEncoder
from ..evidence import Evidence
from ..features import ArticleFeatures
from .base import EvidenceStanceClassifier, Scored
from .hypotheses import hypotheses_for
from .labels import LabelSet


class EmbeddedStanceClassifier(EvidenceStanceClassifier):
    """Nearest-hypothesis similarities -> softmax -> role-weighted mean per actor.

    Args:
        encoder: the sentence encoder (embeds the hypotheses once; evidence sentences come
            embedded in the article's features).
        labels: the label set.
        hypotheses: label -> hypothesis sentences; default: ``hypotheses_for`` each label.
            Labels left out get no score (the fallback then only wins by the rules).
        temperature: softmax temperature over similarities (lower is sharper).
        top_k: how many of a label's closest hypotheses are averaged (1: the nearest).
        role_weights: weigh each sentence by the actor's role in it (False: all equal).
        **rules: ``min_margin``, ``passive_is_fallback`` (see ``EvidenceStanceClassifier``).
    """

    name = "embedded"

    def __init__(
        self,
        encoder: SentenceEncoder,
        labels: LabelSet | None = None,
        *,
        hypotheses: Mapping[str, Sequence[str]] | None = None,
        temperature: float = 0.05,
        top_k: int = 1,
        role_weights: bool = True,
        **rules,
    ):
        super().__init__(labels, **rules)
        self.temperature = temperature
        self.top_k = top_k
        self.role_weights = role_weights
        table = hypotheses if hypotheses is not None else {x: hypotheses_for(x) for x in self.labels.labels}
        self.scored_labels = tuple(label for label in self.labels.labels if label in table)
        self._hypotheses = {label: encoder.encode(list(table[label])) for label in self.scored_labels}

    def sentence_scores(self, vectors: np.ndarray) -> np.ndarray:
        """res[i][j] = P(label j | sentence i) over ``self.scored_labels``."""
        sims = np.stack(
            [
                np.sort(vectors @ self._hypotheses[label].T, axis=1)[:, -self.top_k :].mean(axis=1)
                for label in self.scored_labels
            ],
            axis=1,
        )
        logits = sims / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        return probs / probs.sum(axis=1, keepdims=True)

    def score_many(self, features: ArticleFeatures,
                   items: Sequence[tuple[Actor, Sequence[Evidence]]]) -> list[Scored]:
        return [self.score(features, evidence) for _, evidence in items]

    def score(self, features: ArticleFeatures, evidence: Sequence[Evidence]) -> Scored:
        probs = self.sentence_scores(features.vectors_of([e.sentence.index for e in evidence]))
        weights = np.array([e.weight if self.role_weights else 1.0 for e in evidence])
        mean = weights @ probs / weights.sum()
        scores = {label: float(p) for label, p in zip(self.scored_labels, mean)}
        lead = int(np.argmax(mean))
        influence = weights * probs[:, lead]
        ranked = [evidence[i] for i in np.argsort(-influence, kind="stable")]
        return scores, ranked
