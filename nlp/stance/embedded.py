"""``embedded``: zero-shot stance from MiniLM similarities between evidence and label hypotheses.

Each evidence sentence is compared with every label's hypotheses (``nlp.stance.labels``);
its similarity to a label is that of the closest hypothesis, and a softmax with
temperature turns the similarities into a distribution over labels. ``neutral`` is one of
the labels, with hypotheses of its own, so a sentence that reports, locates or gives
background lands there instead of being forced into a position.

An actor's scores are the role-weighted mean of its sentences' distributions: what the
actor says and does (speaker, agent) outweighs sentences where it is only a place or a
target. An actor that never speaks or acts is ``neutral`` whatever the topic (see
``StanceClassifier.decide``).

What was tried and measured on the dev set lives in ``docs/stance.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..actors import Actor
from ..encoder import SentenceEncoder
from ..evidence import Evidence
from .base import LabelSet, StanceClassifier
from .labels import hypotheses_for


class EmbeddedStanceClassifier(StanceClassifier):
    """Nearest-hypothesis similarities -> softmax -> role-weighted mean per actor.

    Args:
        encoder: the sentence encoder (shared with the summarizer).
        labels: the label set; each label, the fallback included, gets hypotheses.
        temperature: softmax temperature over similarities (lower is sharper).
        top_k: how many of a label's closest hypotheses are averaged (1: the nearest).
    """

    name = "embedded"

    def __init__(
        self,
        encoder: SentenceEncoder,
        labels: LabelSet | None = None,
        *,
        temperature: float = 0.05,
        top_k: int = 1,
    ):
        super().__init__(labels)
        self.encoder = encoder
        self.temperature = temperature
        self.top_k = top_k
        self._hypotheses = {label: encoder.encode(list(hypotheses_for(label))) for label in self.labels.labels}

    @property
    def model_name(self) -> str:
        return self.encoder.name

    def sentence_scores(self, texts: Sequence[str]) -> np.ndarray:
        """res[i][j] = P(label j | sentence i) over ``self.labels.labels``."""
        vectors = self.encoder.encode(list(texts))
        sims = np.stack(
            [
                np.sort(vectors @ self._hypotheses[label].T, axis=1)[:, -self.top_k :].mean(axis=1)
                for label in self.labels.labels
            ],
            axis=1,
        )
        logits = sims / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        return probs / probs.sum(axis=1, keepdims=True)

    def score(self, actor: Actor, evidence: Sequence[Evidence]) -> tuple[dict[str, float], list[Evidence]]:
        probs = self.sentence_scores([e.sentence.text for e in evidence])
        weights = np.array([e.weight for e in evidence])
        mean = weights @ probs / weights.sum()
        scores = {label: float(p) for label, p in zip(self.labels.labels, mean)}
        lead = int(np.argmax(mean))
        influence = weights * probs[:, lead]
        ranked = [evidence[i] for i in np.argsort(-influence, kind="stable")]
        return scores, ranked
