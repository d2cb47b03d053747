"""Summaries and actor stances for conflict news.

The library returns plain data and prints nothing; ``nlp.cli`` renders it. Heavy modules
(torch, transformers) load only when a model is first needed.

Example:
    >>> from nlp import Analyzer, AnalyzerConfig
    >>> analyzer = Analyzer(AnalyzerConfig(max_words=40))
    >>> result = analyzer.analyze(open("examples/grain-ship.txt").read())  # doctest: +SKIP
    >>> result.summary.text, [(s.actor, s.label) for s in result.stances]    # doctest: +SKIP
"""

from __future__ import annotations

from .actors import DEFAULT_ACTORS, Actor, resolve_actors
from .article import Article, Sentence
from .config import AnalyzerConfig
from .errors import InputError, ModelUnavailableError, NlpError, UsageError
from .pipeline import Analysis, Analyzer
from .stance import LabelSet
from .summarizers import Budget

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_ACTORS", "Actor", "Analysis", "Analyzer", "AnalyzerConfig", "Article", "Budget", "InputError",
    "LabelSet", "ModelUnavailableError", "NlpError", "Sentence", "UsageError", "__version__", "resolve_actors",
]


def __getattr__(name: str):
    if name == "AnalyzerSpec":  # the old name, kept for one release
        from . import config

        return config.AnalyzerSpec
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
