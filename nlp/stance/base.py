"""What every stance backend shares: the result type, the interface and the decision rule."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..actors import Actor
from ..evidence import Evidence, gather_evidence
from ..features import ArticleFeatures
from .labels import ABSENT, LabelSet

#: Evidence sentences reported per actor (the strongest first).
MAX_EVIDENCE = 3

Scored = tuple[dict[str, float], list[Evidence]]


@dataclass(frozen=True)
class ActorStance:
    """One actor's stance: the label, per-label scores and the evidence that drove it."""

    actor: str
    label: str
    scores: dict[str, float]
    mentions: int
    evidence: tuple[Evidence, ...]

    def as_dict(self) -> dict:
        return {
            "actor": self.actor,
            "label": self.label,
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "mentions": self.mentions,
            "evidence": [e.as_dict() for e in self.evidence],
        }


class StanceClassifier(Protocol):
    """A stance backend: one article's features and actors in, one stance per actor out."""

    name: str
    labels: LabelSet

    def __call__(self, features: ArticleFeatures, actors: Sequence[Actor],
                 evidence: Mapping[str, Sequence[Evidence]] | None = None) -> list[ActorStance]: ...


class EvidenceStanceClassifier(ABC):
    """Base for backends that score each actor's evidence against the labels.

    Subclasses implement :meth:`score_many`; :meth:`__call__` handles absent actors, the
    fallback decision and the evidence report the same way for every backend.

    Args:
        labels: the label set.
        min_support: a position label needs at least this score to win…
        min_margin: …and this lead over the runner-up; otherwise the fallback wins.
        passive_is_fallback: an actor that never speaks or acts (only a target, a place or
            an aside) gets the fallback label (tie-break 3 of the annotation guide).
    """

    name: str = ""

    def __init__(self, labels: LabelSet | None = None, *, min_support: float = 0.0,
                 min_margin: float = 0.0, passive_is_fallback: bool = True):
        self.labels = labels or LabelSet()
        self.min_support = min_support
        self.min_margin = min_margin
        self.passive_is_fallback = passive_is_fallback

    @abstractmethod
    def score_many(self, features: ArticleFeatures,
                   items: Sequence[tuple[Actor, Sequence[Evidence]]]) -> list[Scored]:
        """Per actor: per-label scores (the position labels, and the fallback if the backend
        scores it) and the evidence ranked by how much it drove the leading label."""

    def __call__(self, features: ArticleFeatures, actors: Sequence[Actor],
                 evidence: Mapping[str, Sequence[Evidence]] | None = None) -> list[ActorStance]:
        evidence = evidence if evidence is not None else gather_evidence(features.article, actors)
        present = [(actor, evidence[actor.name]) for actor in actors if evidence.get(actor.name)]
        scored = dict(zip((a.name for a, _ in present), self.score_many(features, present)))
        out = []
        for actor in actors:
            items = evidence.get(actor.name, [])
            if not items:
                out.append(ActorStance(actor.name, ABSENT, {}, 0, ()))
                continue
            mentions = sum(max(len(e.mentions), 1) for e in items)
            scores, ranked = scored[actor.name]
            label = self.decide(scores, items)
            out.append(ActorStance(actor.name, label, scores, mentions, tuple(ranked[:MAX_EVIDENCE])))
        return out

    def decide(self, scores: Mapping[str, float], evidence: Sequence[Evidence]) -> str:
        """The winning label: the best position, unless support is too weak for it."""
        fallback = self.labels.fallback
        positions = sorted(((scores.get(label, 0.0), label) for label in self.labels.positions), reverse=True)
        if fallback is None:
            return positions[0][1]
        if self.passive_is_fallback and not any(e.role.active for e in evidence):
            return fallback  # only ever a place, a target or an aside: no position of its own
        best, label = positions[0]
        runner_up = positions[1][0] if len(positions) > 1 else 0.0
        if best < self.min_support or best - runner_up < self.min_margin:
            return fallback
        if scores.get(fallback, 0.0) > best:  # backends that score the fallback as a class
            return fallback
        return label
