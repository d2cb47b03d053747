"""``Analyzer``: raw text in, summary and per-actor stances out, with models loaded once.

The CLI, the batch runner and the eval harness all go through this class, so what is
measured is exactly what users run.

Example:
    >>> from nlp import Analyzer
    >>> analyzer = Analyzer()
    >>> result = analyzer.analyze(open("examples/grain-ship.txt").read())
    >>> [(s.actor, s.label) for s in result.stances]          # doctest: +SKIP
    [('Russia', 'conciliatory'), ('Ukraine', 'conciliatory'), ('US', 'conciliatory')]
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .actors import Actor, resolve_actors
from .article import Article
from .evidence import gather_evidence
from .models import DEFAULT_NLI_MODEL, DEFAULT_SEQ2SEQ_MODEL, Models
from .stance import DEFAULT_STANCE_BACKEND, ActorStance, LabelSet, build_stance_classifier
from .summarizers import DEFAULT_MAX_WORDS, DEFAULT_SUMMARIZER, Budget, Summary, build_summarizer

TASKS = ("summary", "stance")


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
        summarizer: a name from ``nlp.summarizers.SUMMARIZERS``.
        stance_backend: a name from ``nlp.stance.STANCE_BACKENDS``.
        labels: the stance label set (default conciliatory/confrontational/neutral).
        actors: the actors to tag (default Russia, Ukraine, US).
        budget: the summary length budget.
        models: the shared model holder (device, model ids, quantisation).
        tasks: which of "summary" and "stance" to run.
        summarizer_options: extra options for the summarizer (e.g. ``generation``).
        stance_options: extra options for the stance backend (e.g. ``hypothesis``).
    """

    def __init__(
        self,
        *,
        summarizer: str = DEFAULT_SUMMARIZER,
        stance_backend: str = DEFAULT_STANCE_BACKEND,
        labels: LabelSet | None = None,
        actors: Sequence[Actor] | None = None,
        budget: Budget | None = None,
        models: Models | None = None,
        tasks: Sequence[str] = TASKS,
        summarizer_options: dict | None = None,
        stance_options: dict | None = None,
    ):
        self.models = models or Models()
        self.tasks = tuple(tasks)
        self.budget = budget or Budget()
        self.actors = list(actors) if actors is not None else resolve_actors()
        self.labels = labels or LabelSet()
        start = time.perf_counter()
        self.summarizer = (
            build_summarizer(summarizer, self.models, **(summarizer_options or {}))
            if "summary" in self.tasks else None
        )
        self.stance = (
            build_stance_classifier(stance_backend, self.models, self.labels, **(stance_options or {}))
            if "stance" in self.tasks else None
        )
        self.load_ms = (time.perf_counter() - start) * 1000

    def analyze(self, text: str, *, id: str | None = None, title: str | None = None) -> Analysis:
        """Clean, summarize and tag one raw text."""
        start = time.perf_counter()
        article = Article.from_text(text, id=id, title=title)
        return self.analyze_article(article, clean_ms=(time.perf_counter() - start) * 1000)

    def analyze_article(self, article: Article, *, clean_ms: float = 0.0,
                        actors: Sequence[Actor] | None = None) -> Analysis:
        """Summarize and tag an already cleaned article (``actors`` overrides the run's)."""
        actors = list(actors) if actors is not None else self.actors
        timings = {"clean": clean_ms}
        summary = stances = None
        if self.summarizer is not None:
            start = time.perf_counter()
            summary = self.summarizer(article, self.budget)
            timings["summary"] = (time.perf_counter() - start) * 1000
        if self.stance is not None:
            start = time.perf_counter()
            evidence = gather_evidence(article, actors)
            stances = self.stance(article, actors, evidence)
            timings["stance"] = (time.perf_counter() - start) * 1000
        timings["total"] = sum(timings.values())
        return Analysis(article, summary, stances, timings, self.models.loaded(), self.models.device_in_use)

    def prime(self, articles: Iterable[Article]) -> None:
        """Encode many articles' sentences in one batched pass (the batch runner's speed-up).

        Only the embedded methods use the sentence encoder; for the others this does nothing.
        """
        if self.models._encoder is None:
            return
        texts = [s.text for a in articles for s in a.sentences] + [a.title for a in articles if a.title]
        if texts:
            self.models.encoder.encode(texts)

    def release(self) -> None:
        """Drop cached sentence embeddings (memory stays flat over long batch runs)."""
        if self.models._encoder is not None:
            self.models.encoder.clear_cache()


@dataclass(frozen=True)
class AnalyzerSpec:
    """Everything needed to build an ``Analyzer``, in plain values: the CLI turns options
    into one, and batch workers, Ray actors and the eval harness build from it (picklable,
    hashable, so each process keeps one analyzer per spec)."""

    summarizer: str = "embedded"
    stance_backend: str = "embedded"
    tasks: tuple[str, ...] = ("summary", "stance")
    labels: tuple[str, ...] | None = None
    actors: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    max_words: int | None = None
    sentences: int | None = None
    device: str = "auto"
    seq2seq_model: str | None = None
    nli_model: str | None = None
    quantize: bool = False
    batch_size: int = 16
    summarizer_options: tuple[tuple[str, object], ...] = ()
    stance_options: tuple[tuple[str, object], ...] = ()

    def build(self) -> Analyzer:
        models = Models(
            device=self.device,
            seq2seq_model=self.seq2seq_model or DEFAULT_SEQ2SEQ_MODEL,
            nli_model=self.nli_model or DEFAULT_NLI_MODEL,
            quantize=self.quantize,
            batch_size=self.batch_size,
        )
        return Analyzer(
            summarizer=self.summarizer,
            stance_backend=self.stance_backend,
            labels=LabelSet.parse(self.labels),
            actors=[Actor(n, a) for n, a in self.actors] if self.actors is not None else None,
            budget=Budget(self.max_words or DEFAULT_MAX_WORDS, self.sentences),
            models=models,
            tasks=self.tasks,
            summarizer_options={k: dict(v) if isinstance(v, tuple) else v for k, v in self.summarizer_options},
            stance_options=dict(self.stance_options),
        )


_ANALYZERS: dict[AnalyzerSpec, Analyzer] = {}


def get_analyzer(spec: AnalyzerSpec) -> Analyzer:
    """The process's analyzer for ``spec``, built on first use (models load once)."""
    if spec not in _ANALYZERS:
        _ANALYZERS[spec] = spec.build()
    return _ANALYZERS[spec]
