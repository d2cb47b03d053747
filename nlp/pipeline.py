"""``Analyzer``: raw text in, summary and per-actor stances out, with models loaded once.

The CLI, the batch runner and the eval harness all go through this class, so what is
measured is exactly what users run.

Example:
    >>> from nlp import Analyzer, AnalyzerConfig
    >>> analyzer = Analyzer(AnalyzerConfig(summarizer="lead"))
    >>> result = analyzer.analyze(open("examples/grain-ship.txt").read())
    >>> [(s.actor, s.label) for s in result.stances]          # doctest: +SKIP
    [('Russia', 'conciliatory'), ('Ukraine', 'conciliatory'), ('US', 'conciliatory')]
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from .actors import Actor
from .article import Article
from .config import AnalyzerConfig
from .evidence import gather_evidence
from .features import compute_features
from .language import check_english
from .models import Models
from .stance import ActorStance, LabelSet, StanceClassifier
from .summarizers import Summarizer, Summary


@dataclass
class Analysis:
    """The result for one article. ``as_dict`` gives the documented JSON object."""

    article: Article
    summary: Summary | None
    stances: list[ActorStance] | None
    timings_ms: dict[str, float] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)
    device: str = "cpu"

    def as_dict(self) -> dict:
        out = {
            "title": self.article.title,
            "summary": self.summary.as_dict() if self.summary is not None else None,
            "stances": [s.as_dict() for s in self.stances] if self.stances is not None else None,
            "meta": {
                "models": self.models,
                "device": self.device,
                "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
                "sentences": len(self.article.sentences),
                "words": self.article.words,
                "removed_lines": len(self.article.removed),
            },
        }
        if self.article.id is not None:
            out = {"id": self.article.id, **out}
        return out


class Analyzer:
    """Summarize and tag stances with one set of loaded models.

    Args:
        config: what to run (default: ``AnalyzerConfig()``, the embedded default).
        models: the model holder to load into (default: a new one for ``config``); pass one
            to share loaded models between analyzers.
    """

    def __init__(self, config: AnalyzerConfig | None = None, *, models: Models | None = None):
        self.config = config or AnalyzerConfig()
        self.models = models or Models(device=self.config.device, quantize=self.config.quantize)
        start = time.perf_counter()
        tasks = self.config.tasks
        self.summarizer: Summarizer | None = (
            self.config.backend("summary").build(self.config, self.models) if "summary" in tasks else None
        )
        self.stance: StanceClassifier | None = (
            self.config.backend("stance").build(self.config, self.models) if "stance" in tasks else None
        )
        self._encoder = self.models.encoder if self.config.uses_encoder else None
        self.load_ms = (time.perf_counter() - start) * 1000

    @property
    def labels(self) -> LabelSet:
        return self.config.label_set

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self.config.actors

    def analyze(self, text: str, *, id: str | None = None, title: str | None = None,
                actors: Sequence[Actor] | None = None) -> Analysis:
        """Clean, summarize and tag one raw text.

        Raises:
            InputError: nothing of the story is left after cleaning, or it is not in English
                (unless the config's ``language`` is ``any``).
        """
        start = time.perf_counter()
        article = Article.from_text(text, id=id, title=title)
        self.check_language(article)
        analysis = self.analyze_articles([article], actors=actors)[0]
        analysis.timings_ms["clean"] = (time.perf_counter() - start) * 1000 - analysis.timings_ms["total"]
        analysis.timings_ms["total"] += analysis.timings_ms["clean"]
        return analysis

    def check_language(self, article: Article) -> None:
        """Refuse an article the models cannot read, naming its language (``config.language``)."""
        if self.config.language == "en":
            check_english(article.text)

    def analyze_articles(self, articles: Sequence[Article], *,
                         actors: Sequence[Actor] | None = None) -> list[Analysis]:
        """Summarize and tag cleaned articles; their sentences are embedded in one pass.

        ``actors`` overrides the configured actors (the eval harness passes each reference
        record's own).
        """
        actors = list(actors) if actors is not None else list(self.config.actors)
        start = time.perf_counter()
        batch = compute_features(articles, self._encoder, batch_size=self.config.batch_size)
        features_ms = (time.perf_counter() - start) * 1000 / max(len(articles), 1)
        out = []
        for features in batch:
            timings = {"features": features_ms}
            summary = stances = None
            if self.summarizer is not None:
                start = time.perf_counter()
                summary = self.summarizer(features, self.config.budget)
                timings["summary"] = (time.perf_counter() - start) * 1000
            if self.stance is not None:
                start = time.perf_counter()
                stances = self.stance(features, actors, gather_evidence(features.article, actors))
                timings["stance"] = (time.perf_counter() - start) * 1000
            timings["total"] = sum(timings.values())
            out.append(Analysis(features.article, summary, stances, timings, self.models.loaded(),
                                self.models.device_in_use))
        return out
