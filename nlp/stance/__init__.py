"""Stance backends: ``embedded`` (sentence similarity to label hypotheses) and ``nli``.

They are chosen by name through the backend registry (``nlp.backends``).
"""

from __future__ import annotations

from .base import ActorStance, EvidenceStanceClassifier, StanceClassifier
from .labels import ABSENT, DEFAULT_LABELS, LabelSet

__all__ = ["ABSENT", "DEFAULT_LABELS", "ActorStance", "EvidenceStanceClassifier", "LabelSet",
           "StanceClassifier"]
