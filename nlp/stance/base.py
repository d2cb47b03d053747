"""What every stance backend shares: the label set, the result type, the decision rule."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from ..actors import Actor
from ..article import Article
from ..errors import UsageError
from ..evidence import ACTIVE_ROLES, Evidence, gather_evidence

DEFAULT_LABELS = ("conciliatory", "confrontational", "neutral")
ABSENT = "absent"
#: The label that wins when no other is clearly supported, if the label set has it.
FALLBACK = "neutral"
#: Evidence sentences reported per actor (the strongest first).
MAX_EVIDENCE = 3


@dataclass(frozen=True)
class LabelSet:
    """The labels to choose from. ``fallback`` ("neutral") is chosen when evidence is weak."""

    labels: tuple[str, ...] = DEFAULT_LABELS

    def __post_init__(self):
        if not self.labels:
            raise UsageError("--labels: give at least one label, e.g. --labels pro,anti,neutral")
        if any(not label for label in self.labels):
            raise UsageError("--labels: empty label (check the commas)")
        if len(set(self.labels)) != len(self.labels):
            raise UsageError(f"--labels: duplicate label in {', '.join(self.labels)}")
        if ABSENT in self.labels:
            raise UsageError(f"--labels: '{ABSENT}' is reserved for actors the article never mentions")

    @classmethod
    def parse(cls, spec: str | Sequence[str] | None) -> LabelSet:
        """``"a,b,c"`` or a sequence; None gives the default set."""
        if spec is None:
            return cls()
        parts = spec.split(",") if isinstance(spec, str) else list(spec)
        return cls(tuple(p.strip() for p in parts))

    @property
    def fallback(self) -> str | None:
        return FALLBACK if FALLBACK in self.labels else None

    @property
    def positions(self) -> tuple[str, ...]:
        """The labels that state a position (all but the fallback)."""
        return tuple(label for label in self.labels if label != self.fallback)

    @property
    def is_default(self) -> bool:
        return set(self.labels) == set(DEFAULT_LABELS)


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


class StanceClassifier(ABC):
    """A stance backend: scores each actor's evidence against the labels.

    Subclasses implement :meth:`score`; :meth:`__call__` handles absent actors, the fallback
    decision and the evidence report the same way for every backend.

    Args:
        labels: the label set.
        min_support: a position label needs at least this score to win…
        min_margin: …and this lead over the runner-up; otherwise the fallback wins.
    """

    name: str = ""

    def __init__(self, labels: LabelSet | None = None, *, min_support: float = 0.0,
                 min_margin: float = 0.0):
        self.labels = labels or LabelSet()
        self.min_support = min_support
        self.min_margin = min_margin

    @property
    def model_name(self) -> str | None:
        return None

    @abstractmethod
    def score(self, actor: Actor, evidence: Sequence[Evidence]) -> tuple[dict[str, float], list[Evidence]]:
        """Per-label scores (the position labels, and the fallback if the backend scores it)
        and the evidence ranked by how much it drove the leading label."""

    def __call__(
        self,
        article: Article,
        actors: Sequence[Actor],
        evidence: dict[str, list[Evidence]] | None = None,
    ) -> list[ActorStance]:
        evidence = evidence if evidence is not None else gather_evidence(article, actors)
        present = [(actor, evidence[actor.name]) for actor in actors if evidence.get(actor.name)]
        scored = dict(zip((a.name for a, _ in present), self.score_many(present)))
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

    def score_many(
        self, items: Sequence[tuple[Actor, Sequence[Evidence]]]
    ) -> list[tuple[dict[str, float], list[Evidence]]]:
        """:meth:`score` for several actors; backends override it to batch model calls."""
        return [self.score(actor, evidence) for actor, evidence in items]

    def decide(self, scores: dict[str, float], evidence: Sequence[Evidence]) -> str:
        """The winning label: the best position, unless support is too weak for it."""
        fallback = self.labels.fallback
        positions = sorted(((scores.get(label, 0.0), label) for label in self.labels.positions), reverse=True)
        if fallback is None:
            return positions[0][1]
        if not any(e.role in ACTIVE_ROLES for e in evidence):
            return fallback  # only ever a place, a target or an aside: no position of its own
        best, label = positions[0]
        runner_up = positions[1][0] if len(positions) > 1 else 0.0
        if best < self.min_support or best - runner_up < self.min_margin:
            return fallback
        if scores.get(fallback, 0.0) > best:  # backends that score the fallback as a class
            return fallback
        return label
