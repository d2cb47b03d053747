"""Evidence: the sentences where an actor is involved, and the part it plays in each.

Sentence similarity sees the topic, not who does what to whom: in "the United States accused
Russia of disinformation" both countries sit in a confrontational sentence, but only the US
is confronting anyone. So every mention gets a :class:`Role` from its grammatical position
(``roles``, over the word lists in ``lexicon``), people and pronouns carry an actor forward
(``coreference``), and stance classifiers lean on speaker and agent evidence.
"""

from __future__ import annotations

from .base import ACTIVE_ROLES, ROLE_WEIGHTS, Evidence, Role
from .gather import gather_evidence
from .roles import mention_role

__all__ = ["ACTIVE_ROLES", "ROLE_WEIGHTS", "Evidence", "Role", "gather_evidence", "mention_role"]
