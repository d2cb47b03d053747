"""What every stance backend shares: the result type, the interface and the decision rule."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..actors import Actor
from ..evidence import Evidence, gather_evidence
from ..features import ArticleFeatures
from .labels import ABSENT, LabelSet

#: Evidence sentences reported per actor (the strongest first), and per label that pulled.
MAX_EVIDENCE = 3
MAX_PULLS = 2
#: Two position labels closer than this (in score) make a split decision: ``mixed``.
MIXED_MARGIN = 0.1


@dataclass(frozen=True)
class Scored:
    """What a backend found for one actor.

    Attributes:
        scores: per label (the position labels, and the fallback if the backend scores it).
        ranked: the evidence, strongest first for the leading label.
        leanings: each evidence sentence with the label it leans to and how hard it pulls
            (its weight times that label's probability); empty when a backend cannot say.
    """

    scores: dict[str, float]
    ranked: list[Evidence]
    leanings: list[tuple[Evidence, str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class ActorStance:
    """One actor's stance: the label, per-label scores and the evidence that drove it.

    ``runner_up`` is the label the decision would have gone to next; ``mixed`` says the two best positions were
    within ``MIXED_MARGIN`` of each other with evidence pulling both ways; ``pulls`` holds,
    per position label, the sentences that pulled that way (strongest first).
    """

    actor: str
    label: str
    scores: dict[str, float]
    mentions: int
    evidence: tuple[Evidence, ...]
    runner_up: str | None = None
    mixed: bool = False
    pulls: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "actor": self.actor,
            "label": self.label,
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "runner_up": self.runner_up,
            "mixed": self.mixed,
            "mentions": self.mentions,
            "evidence": [e.as_dict() for e in self.evidence],
            "pulls": {label: [e.as_dict() for e in items] for label, items in self.pulls.items()},
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
        position_mass: when set, the fallback wins exactly when the position labels' scores
            sum to less than this, and otherwise the best position wins (for backends whose
            fallback score means "this sentence takes no side"); when None, the fallback wins
            when it outscores every position.
        passive_is_fallback: an actor that never speaks or acts (only a target, a place or
            an aside) gets the fallback label (tie-break 3 of the annotation guide).
    """

    name: str = ""

    def __init__(self, labels: LabelSet | None = None, *, min_support: float = 0.0,
                 min_margin: float = 0.0, position_mass: float | None = None,
                 passive_is_fallback: bool = True):
        self.labels = labels or LabelSet()
        self.min_support = min_support
        self.min_margin = min_margin
        self.position_mass = position_mass
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
            found = scored[actor.name]
            label = self.decide(found.scores, items)
            out.append(ActorStance(actor.name, label, found.scores, mentions, tuple(found.ranked[:MAX_EVIDENCE]),
                                   *self._split(label, found)))
        return out

    def _split(self, label: str, found: Scored) -> tuple[str | None, bool, dict[str, tuple[Evidence, ...]]]:
        """(runner-up label, mixed, pulls) for a decided actor."""
        # The label the decision would have gone to next: between positions, the other best
        # position; for the fallback, the best position.
        candidates = [p for p in self.labels.positions if p != label] or [
            x for x in self.labels.labels if x != label]
        others = sorted(((found.scores.get(k, 0.0), k) for k in candidates), reverse=True)
        runner_up = others[0][1] if others else None
        pulls: dict[str, tuple[Evidence, ...]] = {}
        for position in self.labels.positions:
            leaning = sorted(((w, e) for e, lean, w in found.leanings if lean == position),
                             key=lambda x: (-x[0], x[1].sentence.index))
            if leaning:
                pulls[position] = tuple(e for _, e in leaning[:MAX_PULLS])
        best = sorted((found.scores.get(p, 0.0) for p in self.labels.positions), reverse=True)
        mixed = (len(best) > 1 and best[0] - best[1] < MIXED_MARGIN
                 and sum(1 for p in self.labels.positions if p in pulls) > 1)
        return runner_up, mixed, pulls

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
        if self.position_mass is not None:
            return label if sum(p for p, _ in positions) >= self.position_mass else fallback
        if scores.get(fallback, 0.0) > best:  # backends that score the fallback as a class
            return fallback
        return label
