"""``embedded``: stance from MiniLM sentence embeddings, a learned head and label hypotheses.

For each evidence sentence of an actor:

- its similarity to every label's hypotheses (``nlp.stance.hypotheses``): the closest
  hypothesis counts, and a softmax with temperature turns the similarities into a
  distribution over labels (the zero-shot part, which also serves labels users add);
- for the default labels, the learned head (``nlp.stance.head``) reads the same embedding,
  split by whether the actor acts or is acted upon, the actor's role, those similarities and
  word cues the embedding blurs (``nlp.stance.cues``);
  its distribution can be blended with the hypotheses' (``head_share``; the shipped setting,
  ``WITH_HEAD``, uses the head's alone).

An actor's scores are the weighted mean of its sentences' distributions: what the actor says
and does (speaker, agent) outweighs sentences where it is only a place or a target, and,
as in news writing, the opening sentences weigh more (``lead_weight``). ``neutral`` wins when
the actor never speaks or acts, or when the position labels together do not reach
``position_mass``.

Each idea is a switch of the constructor, so ``python -m eval.stance_ablations`` measures the
shipped classifier with parts turned off; ``docs/stance.md`` has the tables.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from ..actors import Actor
from ..encoder import SentenceEncoder
from ..evidence import Evidence
from ..features import ArticleFeatures
from . import head as head_features
from .base import EvidenceStanceClassifier, Scored
from .cues import cue_rows
from .head import StanceHead
from .hypotheses import hypotheses_for
from .labels import LabelSet


#: The settings shipped with the learned head, chosen by holding out one dev file at a time
#: (``python -m eval.train_stance --by-source``; docs/stance.md).
WITH_HEAD = {"head_share": 1.0, "lead_weight": 1.0, "position_mass": 0.45}


class EmbeddedStanceClassifier(EvidenceStanceClassifier):
    """Hypothesis similarities (+ the learned head) -> weighted mean per actor -> decision.

    Args:
        encoder: the sentence encoder (embeds the hypotheses once; evidence sentences come
            embedded in the article's features).
        labels: the label set.
        hypotheses: label -> hypothesis sentences; default: ``hypotheses_for`` each label.
            Labels left out get no score (the fallback then only wins by the rules).
        temperature: softmax temperature over similarities (lower is sharper).
        top_k: how many of a label's closest hypotheses are averaged (1: the nearest).
        role_weights: weigh each sentence by the actor's role in it (False: all equal).
        head: the learned head, for a label set equal to the head's labels (None: off).
        head_share: the head's share of each sentence's distribution (the rest is the
            hypotheses').
        lead_weight: extra weight of the opening sentences: sentence i weighs
            ``1 + lead_weight * exp(-i / lead_decay)`` times its role weight.
        word_cues: let the head read the word cues (False: they read as all zero, for the
            ablation).
        **rules: ``position_mass``, ``min_margin``, ``passive_is_fallback`` (see
            ``EvidenceStanceClassifier``).
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
        head: StanceHead | None = None,
        head_share: float = 0.6,
        lead_weight: float = 0.0,
        lead_decay: float = 3.0,
        word_cues: bool = True,
        **rules,
    ):
        super().__init__(labels, **rules)
        self.temperature = temperature
        self.top_k = top_k
        self.role_weights = role_weights
        self.head = head
        self.head_share = head_share
        self.lead_weight = lead_weight
        self.lead_decay = lead_decay
        self.word_cues = word_cues
        table = hypotheses if hypotheses is not None else {x: hypotheses_for(x) for x in self.labels.labels}
        self.scored_labels = tuple(label for label in self.labels.labels if label in table)
        if head is not None and set(head.labels) != set(self.scored_labels):
            raise ValueError(f"the stance head scores {head.labels}, not {self.scored_labels}")
        self._hypotheses = {label: encoder.encode(list(table[label])) for label in self.scored_labels}

    def similarities(self, vectors: np.ndarray) -> np.ndarray:
        """res[i][j] = similarity of sentence i to the closest hypotheses of ``scored_labels[j]``."""
        return np.stack(
            [np.sort(vectors @ self._hypotheses[label].T, axis=1)[:, -self.top_k :].mean(axis=1)
             for label in self.scored_labels],
            axis=1,
        )

    def sentence_scores(self, vectors: np.ndarray, roles: Sequence | None = None,
                        cues: np.ndarray | None = None) -> np.ndarray:
        """res[i][j] = P(scored_labels[j] | sentence i), blending in the head when there is one
        (it needs the actor's ``roles`` and word ``cues``, one row per sentence)."""
        sims = self.similarities(vectors)
        logits = sims / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        if self.head is None or roles is None or cues is None:
            return probs
        if not self.word_cues:
            cues = np.zeros_like(cues)
        order = [self.scored_labels.index(label) for label in self.head.labels]
        learned = self.head.probabilities(head_features.features(vectors, roles, sims[:, order], cues))
        back = [self.head.labels.index(label) for label in self.scored_labels]
        return self.head_share * learned[:, back] + (1 - self.head_share) * probs

    def score_many(self, features: ArticleFeatures,
                   items: Sequence[tuple[Actor, Sequence[Evidence]]]) -> list[Scored]:
        return [self.score(features, evidence, actor) for actor, evidence in items]

    def weights(self, evidence: Sequence[Evidence]) -> np.ndarray:
        """Each sentence's weight: its role's (or 1) times the lead bonus."""
        return np.array([(e.weight if self.role_weights else 1.0)
                         * (1 + self.lead_weight * math.exp(-e.sentence.index / self.lead_decay))
                         for e in evidence])

    def score(self, features: ArticleFeatures, evidence: Sequence[Evidence], actor: Actor) -> Scored:
        cues = cue_rows([e.sentence.text for e in evidence], actor) if self.head is not None else None
        probs = self.sentence_scores(features.vectors_of([e.sentence.index for e in evidence]),
                                     [e.role for e in evidence], cues)
        weights = self.weights(evidence)
        mean = weights @ probs / weights.sum()
        scores = {label: float(p) for label, p in zip(self.scored_labels, mean)}
        lead = int(np.argmax(mean))
        influence = weights * probs[:, lead]
        ranked = [evidence[i] for i in np.argsort(-influence, kind="stable")]
        own = probs.argmax(axis=1)
        leanings = [(e, self.scored_labels[k], float(w * p[k])) for e, k, w, p in zip(evidence, own, weights, probs)]
        return Scored(scores, ranked, leanings)
