"""Stance backends, chosen by name (``--stance-backend``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import UsageError
from .base import ABSENT, DEFAULT_LABELS, ActorStance, LabelSet, StanceClassifier

if TYPE_CHECKING:
    from ..models import Models


def _embedded(models: Models, labels: LabelSet, options: dict) -> StanceClassifier:
    from .embedded import EmbeddedStanceClassifier

    return EmbeddedStanceClassifier(models.encoder, labels)


def _nli(models: Models, labels: LabelSet, options: dict) -> StanceClassifier:
    from .nli import NliStanceClassifier

    return NliStanceClassifier(models.nli(), labels, batch_size=models.batch_size, **options)


STANCE_BACKENDS: dict[str, Callable[[Models, LabelSet, dict], StanceClassifier]] = {
    "embedded": _embedded,
    "nli": _nli,
}
DEFAULT_STANCE_BACKEND = "embedded"


def build_stance_classifier(
    name: str, models: Models, labels: LabelSet, **options
) -> StanceClassifier:
    """The stance backend registered as ``name``; ``options`` go to its constructor."""
    try:
        factory = STANCE_BACKENDS[name]
    except KeyError:
        raise UsageError(
            f"unknown stance backend {name!r}; choose from {', '.join(STANCE_BACKENDS)}"
        ) from None
    return factory(models, labels, options)


__all__ = [
    "ABSENT", "DEFAULT_LABELS", "DEFAULT_STANCE_BACKEND", "STANCE_BACKENDS", "ActorStance",
    "LabelSet", "StanceClassifier", "build_stance_classifier",
]
