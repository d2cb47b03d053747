"""The backend registry: every summarizer and stance classifier, as one record each.

A record names the backend, its task, how to build it, what kind of model it runs, its
default model and the configuration fields only it reads. The CLI's choices, ``nlp models``,
the README's backend table and ``AnalyzerConfig``'s checks all come from here, so adding a
backend is one record (and its module).

Nothing here imports torch or a model: builders import their module when called.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import UsageError

if TYPE_CHECKING:
    from .config import AnalyzerConfig
    from .models import Models

TASKS = ("summary", "stance")

ENCODER_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_SEQ2SEQ_MODEL = "sshleifer/distilbart-cnn-12-6"
DEFAULT_NLI_MODEL = "MoritzLaurer/deberta-v3-base-zeroshot-v2.0"


@dataclass(frozen=True)
class Backend:
    """One backend.

    Attributes:
        name: what ``--summarizer`` / ``--stance-backend`` take.
        task: ``summary`` or ``stance``.
        build: ``(config, models) -> summarizer or classifier``.
        model_kind: ``encoder`` (the embedded MiniLM), ``seq2seq``, ``nli`` or None.
        default_model: the model it runs unless told otherwise.
        options: ``AnalyzerConfig`` fields it reads that other backends do not.
        about: one line for tables.
        alternative: a larger or alternative model, for the README.
    """

    name: str
    task: str
    build: Callable[[AnalyzerConfig, Models], object]
    model_kind: str | None
    default_model: str | None
    options: frozenset[str]
    about: str
    alternative: str | None = None

    @property
    def is_transformer(self) -> bool:
        return self.model_kind in {"seq2seq", "nli"}


def _lead(config: AnalyzerConfig, models: Models):
    from .summarizers.lead import LeadSummarizer

    return LeadSummarizer()


def _embedded_summarizer(config: AnalyzerConfig, models: Models):
    from .summarizers.embedded import EmbeddedSummarizer

    return EmbeddedSummarizer(scorer=models.summary_scorer, compress=config.compress)


def _seq2seq(config: AnalyzerConfig, models: Models):
    from .summarizers.seq2seq import Seq2SeqSummarizer

    bundle = models.seq2seq(config.model_for("summary"))
    return Seq2SeqSummarizer(bundle, generation=dict(config.generation), batch_size=config.batch_size)


def _embedded_stance(config: AnalyzerConfig, models: Models):
    from .stance.embedded import WITH_HEAD, EmbeddedStanceClassifier
    from .stance.labels import DEFAULT_LABELS

    if set(config.labels) != set(DEFAULT_LABELS):  # the head knows only its own labels
        return EmbeddedStanceClassifier(models.encoder, config.label_set)
    return EmbeddedStanceClassifier(models.encoder, config.label_set, head=models.stance_head, **WITH_HEAD)


def _nli(config: AnalyzerConfig, models: Models):
    from .stance.nli import NliStanceClassifier

    options = {"hypothesis": config.hypothesis} if config.hypothesis is not None else {}
    return NliStanceClassifier(models.nli(config.model_for("stance")), config.label_set,
                               batch_size=config.batch_size, **options)


_ENCODER_OPTIONS = frozenset({"quantize", "batch_size"})

BACKENDS: tuple[Backend, ...] = (
    Backend("lead", "summary", _lead, None, None, frozenset(),
            "the first sentences that fit the budget (baseline)"),
    Backend("embedded", "summary", _embedded_summarizer, "encoder", ENCODER_MODEL,
            _ENCODER_OPTIONS | {"compress"},
            "extractive: a learned sentence scorer and MMR over compressed sentences"),
    Backend("seq2seq", "summary", _seq2seq, "seq2seq", DEFAULT_SEQ2SEQ_MODEL,
            frozenset({"summarizer_model", "generation", "device", "batch_size"}),
            "abstractive: AutoModelForSeq2SeqLM + generate, map-reduce over chunks",
            alternative="facebook/bart-large-cnn"),
    Backend("embedded", "stance", _embedded_stance, "encoder", ENCODER_MODEL, _ENCODER_OPTIONS,
            "a learned head and label hypotheses over each evidence sentence, weighted by role"),
    Backend("nli", "stance", _nli, "nli", DEFAULT_NLI_MODEL,
            frozenset({"stance_model", "hypothesis", "device", "batch_size"}),
            'zero-shot NLI: does the evidence entail "{actor} is {label}."?',
            alternative="facebook/bart-large-mnli"),
)


def names(task: str) -> tuple[str, ...]:
    """The backend names for ``task``, in registry order."""
    return tuple(b.name for b in BACKENDS if b.task == task)


def get_backend(task: str, name: str) -> Backend:
    """The backend ``name`` for ``task``.

    Raises:
        UsageError: no such backend (the message lists the choices).
    """
    for backend in BACKENDS:
        if backend.task == task and backend.name == name:
            return backend
    option = "--summarizer" if task == "summary" else "--stance-backend"
    raise UsageError(f"{option}: unknown {'summarizer' if task == 'summary' else 'stance backend'} "
                     f"{name!r}; choose from {', '.join(names(task))}")
