"""Summarizers, chosen by name (``--summarizer``).

Each entry maps a name to a factory taking the shared :class:`~nlp.models.Models` (so
models load once) and the method's options, and returning a :class:`Summarizer`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import UsageError
from .base import DEFAULT_MAX_WORDS, Budget, Summarizer, Summary

if TYPE_CHECKING:
    from ..models import Models


def _lead(models: Models, options: dict) -> Summarizer:
    from .lead import LeadSummarizer

    return LeadSummarizer()


def _embedded(models: Models, options: dict) -> Summarizer:
    from .embedded import EmbeddedSummarizer

    return EmbeddedSummarizer(models.encoder)


def _seq2seq(models: Models, options: dict) -> Summarizer:
    from .seq2seq import Seq2SeqSummarizer

    return Seq2SeqSummarizer(models.seq2seq(), batch_size=models.batch_size, **options)


SUMMARIZERS: dict[str, Callable[[Models, dict], Summarizer]] = {
    "lead": _lead,
    "embedded": _embedded,
    "seq2seq": _seq2seq,
}
DEFAULT_SUMMARIZER = "embedded"


def build_summarizer(name: str, models: Models, **options) -> Summarizer:
    """The summarizer registered as ``name``, wired to ``models``; ``options`` go to it."""
    try:
        factory = SUMMARIZERS[name]
    except KeyError:
        raise UsageError(
            f"unknown summarizer {name!r}; choose from {', '.join(SUMMARIZERS)}"
        ) from None
    return factory(models, options)


__all__ = [
    "DEFAULT_MAX_WORDS", "DEFAULT_SUMMARIZER", "SUMMARIZERS", "Budget", "Summarizer", "Summary",
    "build_summarizer",
]
