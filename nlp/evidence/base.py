"""What evidence is: a sentence that involves an actor, and the role the actor plays in it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..actors import Mention
from ..article import Sentence


class Role(str, Enum):
    """The part an actor plays in a sentence, from its grammatical position.

    - ``speaker``: it says something ("Kuleba said…", "according to Moscow");
    - ``agent``: it does something ("Russian forces shelled…", "…brokered by Turkey");
    - ``patient``: something is done to it ("accused Russia of…", "strikes on Kyiv");
    - ``place``: it is where something happens ("in Ukraine");
    - ``other``: any other mention (a modifier, an aside).
    """

    SPEAKER = "speaker"
    AGENT = "agent"
    PATIENT = "patient"
    PLACE = "place"
    OTHER = "other"

    @property
    def weight(self) -> float:
        """How much a sentence in this role says about the actor's own position."""
        return ROLE_WEIGHTS[self]

    @property
    def active(self) -> bool:
        """Whether the actor takes part (speaks or acts) rather than being a target or place."""
        return self in ACTIVE_ROLES


ROLE_WEIGHTS = {Role.SPEAKER: 1.0, Role.AGENT: 1.0, Role.OTHER: 0.35, Role.PATIENT: 0.2, Role.PLACE: 0.1}
ACTIVE_ROLES = frozenset({Role.SPEAKER, Role.AGENT})


@dataclass(frozen=True)
class Evidence:
    """A sentence that involves an actor, with the actor's strongest role in it."""

    sentence: Sentence
    role: Role
    mentions: tuple[Mention, ...]

    @property
    def weight(self) -> float:
        return self.role.weight

    def as_dict(self) -> dict:
        return {**self.sentence.as_dict(), "role": self.role.value, "weight": round(self.weight, 3)}
