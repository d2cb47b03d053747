"""Summarizers: ``lead``, ``embedded`` and ``seq2seq``, each a small class with ``__call__``.

They are chosen by name through the backend registry (``nlp.backends``), which builds each
one with the models it needs.
"""

from __future__ import annotations

from .base import DEFAULT_MAX_WORDS, Budget, Summarizer, Summary, SummarySentence, fill_budget

__all__ = ["DEFAULT_MAX_WORDS", "Budget", "Summarizer", "Summary", "SummarySentence", "fill_budget"]
