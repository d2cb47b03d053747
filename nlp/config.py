"""``AnalyzerConfig``: what to run, in plain values, checked once, before any model loads.

This is the one place defaults live. The CLI turns option strings into a config, the batch
runner sends one to each worker, the eval harness builds one per system; all of them get
the same checks, because the checks run when the config is constructed:

    >>> AnalyzerConfig(summarizer="lead", generation={"num_beams": 4})
    Traceback (most recent call last):
    ...
    nlp.errors.UsageError: --generation applies to --summarizer seq2seq only (summarizer is 'lead')

Nothing here imports torch, numpy or a model.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace

from .actors import DEFAULT_ACTORS, Actor
from .backends import BACKENDS, TASKS, Backend, get_backend
from .errors import UsageError
from .models.device import DEVICES
from .stance.labels import DEFAULT_LABELS, LabelSet, check_template
from .summarizers.base import DEFAULT_MAX_WORDS, Budget

#: What ``--language`` accepts: ``en`` checks that articles are English, ``any`` does not.
LANGUAGES = ("en", "any")

#: generate() options that --generation checks, with their type and least value. Left out:
#: num_return_sequences (a summary is one sequence per input) and group beam search
#: (num_beam_groups, diversity_penalty), which transformers 5 runs only as remote code.
GENERATION_OPTIONS: dict[str, tuple[type, float | None]] = {
    "num_beams": (int, 1), "max_new_tokens": (int, 1),
    "min_new_tokens": (int, 0), "max_length": (int, 1), "min_length": (int, 0),
    "no_repeat_ngram_size": (int, 0), "encoder_no_repeat_ngram_size": (int, 0), "top_k": (int, 0),
    "length_penalty": (float, None), "repetition_penalty": (float, 0.0),
    "temperature": (float, 0.0), "top_p": (float, 0.0),
    "early_stopping": (bool, None), "do_sample": (bool, None),
}


@dataclass(frozen=True)
class AnalyzerConfig:
    """Everything needed to build an :class:`~nlp.Analyzer`.

    Args:
        summarizer: a summary backend name (``lead``, ``embedded``, ``seq2seq``).
        stance_backend: a stance backend name (``embedded``, ``nli``).
        tasks: which of ``summary`` and ``stance`` to run.
        labels: the stance labels; ``neutral``, if present, wins when nothing is clearly supported.
        actors: the actors to tag (``nlp.actors.resolve_actors`` adds yours to the defaults).
        max_words / sentences: the summary budget, a word count or a sentence count.
        summarizer_model / stance_model: hub id or directory for ``seq2seq`` / ``nli``
            (None: the backend's default model).
        hypothesis: the NLI hypothesis template, with ``{actor}`` and ``{label}``.
        generation: ``generate()`` options for ``seq2seq``, e.g. ``{"num_beams": 2}``.
        device: ``auto``, ``cpu``, ``cuda`` or ``mps`` for the transformer backends.
        batch_size: inputs per forward pass, for whichever model runs.
        quantize: run the embedded encoder in int8 with ONNX Runtime.
        language: ``en`` refuses an article that is clearly in another language (the models
            read English); ``any`` analyses whatever it is given.
        compress: let the ``embedded`` summarizer cut datelines, attribution tails, asides
            and days of the week from the sentences it picks (``--no-compress``: whole
            sentences only).

    Raises:
        UsageError: naming the option, when a value is invalid or meant for a backend that
            is not in use.
    """

    summarizer: str = "embedded"
    stance_backend: str = "embedded"
    tasks: tuple[str, ...] = TASKS
    labels: tuple[str, ...] = DEFAULT_LABELS
    actors: tuple[Actor, ...] = DEFAULT_ACTORS
    max_words: int = DEFAULT_MAX_WORDS
    sentences: int | None = None
    summarizer_model: str | None = None
    stance_model: str | None = None
    hypothesis: str | None = None
    generation: Mapping[str, object] = field(default_factory=dict)
    device: str = "auto"
    batch_size: int = 16
    quantize: bool = False
    language: str = "en"
    compress: bool = True

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "tasks", tuple(self.tasks))
        set_(self, "labels", LabelSet.parse(self.labels).labels)
        set_(self, "actors", _actors(self.actors))
        set_(self, "generation", dict(self.generation))
        if not self.tasks or any(t not in TASKS for t in self.tasks) or len(set(self.tasks)) != len(self.tasks):
            raise UsageError(f"tasks: expected one or both of {', '.join(TASKS)}, got {self.tasks!r}")
        summary, stance = get_backend("summary", self.summarizer), get_backend("stance", self.stance_backend)
        active = [b for b, task in ((summary, "summary"), (stance, "stance")) if task in self.tasks]
        self.budget  # noqa: B018  (validates max_words and sentences)
        if "stance" in self.tasks and not self.label_set.positions:
            raise UsageError(f"--labels: {', '.join(self.labels)} leaves nothing to choose; give at least one "
                             "label besides 'neutral', e.g. --labels pro,anti,neutral")
        if self.language not in LANGUAGES:
            raise UsageError(f"--language: expected one of {', '.join(LANGUAGES)}, got {self.language!r}")
        if self.device not in DEVICES:
            raise UsageError(f"--device: unknown device {self.device!r}; choose from {', '.join(DEVICES)}")
        if self.batch_size < 1:
            raise UsageError(f"--batch-size must be at least 1, got {self.batch_size}")
        for name in sorted(self._options_set()):
            if not any(name in b.options for b in active):
                raise UsageError(_misplaced(name, summary, stance, self.tasks))
        if self.hypothesis is not None:
            check_template(self.hypothesis)
        _check_generation(self.generation)

    def _options_set(self) -> set[str]:
        """Backend-specific fields given a value other than their default."""
        out = {f for f in ("summarizer_model", "stance_model", "hypothesis") if getattr(self, f) is not None}
        if self.generation:
            out.add("generation")
        if self.quantize:
            out.add("quantize")
        if not self.compress:
            out.add("compress")
        if self.device not in ("auto", "cpu"):  # the CPU is where the embedded encoder runs anyway
            out.add("device")
        if self.batch_size != _DEFAULT_BATCH_SIZE:
            out.add("batch_size")
        return out

    # -- derived values --------------------------------------------------------------------
    @property
    def budget(self) -> Budget:
        return Budget(self.max_words, self.sentences)

    @property
    def label_set(self) -> LabelSet:
        return LabelSet(self.labels)

    def backend(self, task: str) -> Backend:
        return get_backend(task, self.summarizer if task == "summary" else self.stance_backend)

    def model_for(self, task: str) -> str | None:
        """The model the ``task``'s backend runs: the one given, else the backend's default."""
        given = self.summarizer_model if task == "summary" else self.stance_model
        return given or self.backend(task).default_model

    @property
    def uses_encoder(self) -> bool:
        return any(self.backend(t).model_kind == "encoder" for t in self.tasks)

    def as_dict(self) -> dict:
        """Plain JSON-ready values (actors as name -> aliases)."""
        out = asdict(self)
        out["actors"] = {a.name: list(a.aliases) for a in self.actors}
        out["tasks"], out["labels"] = list(self.tasks), list(self.labels)
        return out

    def fingerprint(self) -> str:
        """A stable string of everything that changes results (not speed knobs)."""
        values = {k: v for k, v in self.as_dict().items() if k not in {"device", "batch_size"}}
        return json.dumps(values, sort_keys=True, ensure_ascii=False)

    # -- building one ----------------------------------------------------------------------
    @classmethod
    def with_model(cls, model: str | None, **values) -> AnalyzerConfig:
        """A config where ``model`` (the CLI's ``--model``) goes to the one transformer
        backend in use: ``summarizer_model`` for seq2seq or ``stance_model`` for nli.

        Raises:
            UsageError: both are in use (ambiguous) or neither is.
        """
        base = cls(**values)
        if model is None:
            return base
        users = [t for t in base.tasks if base.backend(t).is_transformer]
        if len(users) > 1:
            raise UsageError("--model is ambiguous with --summarizer seq2seq and --stance-backend nli; "
                             "use --summarizer-model and --stance-model")
        if not users:
            raise UsageError("--model applies to --summarizer seq2seq or --stance-backend nli only")
        return replace(base, **{"summarizer_model" if users[0] == "summary" else "stance_model": model})


_DEFAULT_BATCH_SIZE = next(f.default for f in fields(AnalyzerConfig) if f.name == "batch_size")
_CLI_NAMES = {"summarizer_model": "--summarizer-model", "stance_model": "--stance-model",
              "batch_size": "--batch-size", "compress": "--no-compress"}


def _misplaced(name: str, summary: Backend, stance: Backend, tasks: Sequence[str]) -> str:
    option = _CLI_NAMES.get(name, "--" + name.replace("_", "-"))
    owners = [b for b in BACKENDS if name in b.options]
    where = " or ".join(f"--{'summarizer' if b.task == 'summary' else 'stance-backend'} {b.name}"
                        for b in owners)
    in_use = ", ".join(f"{'summarizer' if t == 'summary' else 'stance backend'} is "
                       f"'{summary.name if t == 'summary' else stance.name}'" for t in tasks)
    return f"{option} applies to {where} only ({in_use})"


def _actors(value) -> tuple[Actor, ...]:
    if isinstance(value, Mapping):
        value = [Actor(name, tuple(aliases)) for name, aliases in value.items()]
    actors = tuple(value)
    if not actors:
        raise UsageError("no actors to tag: add --actor or drop --no-default-actors")
    if not all(isinstance(a, Actor) for a in actors):
        raise UsageError("actors: expected Actor objects or a mapping of name to aliases")
    seen: set[str] = set()
    for actor in actors:
        if actor.name.casefold() in seen:
            raise UsageError(f"actors: {actor.name!r} is listed twice")
        seen.add(actor.name.casefold())
    return actors


def _check_generation(options: Mapping[str, object]) -> None:
    for key, value in options.items():
        if key not in GENERATION_OPTIONS:
            raise UsageError(f"--generation: unknown option {key!r}; known: {', '.join(sorted(GENERATION_OPTIONS))}")
        kind, least = GENERATION_OPTIONS[key]
        ok = isinstance(value, bool) if kind is bool else (
            isinstance(value, (int, float)) and not isinstance(value, bool)
            and (kind is float or isinstance(value, int)))
        if not ok:
            raise UsageError(f"--generation {key}={value!r}: expected {'true or false' if kind is bool else kind.__name__}")
        if least is not None and value < least:
            raise UsageError(f"--generation {key}={value!r}: must be at least {least:g}")
    # what generate() would only refuse once a model has loaded, mid-run
    if options.get("temperature") == 0:
        raise UsageError("--generation temperature=0: must be above 0 (for greedy decoding, leave do_sample off)")
    if not 0 < options.get("top_p", 1) <= 1:
        raise UsageError(f"--generation top_p={options['top_p']!r}: must be above 0 and at most 1")
    for low, high in (("min_new_tokens", "max_new_tokens"), ("min_length", "max_length")):
        if low in options and high in options and options[low] > options[high]:
            raise UsageError(f"--generation {low}={options[low]} is above {high}={options[high]}")


def __getattr__(name: str):
    if name == "AnalyzerSpec":  # the old name, kept for one release
        import warnings

        warnings.warn("AnalyzerSpec is now AnalyzerConfig", DeprecationWarning, stacklevel=2)
        return AnalyzerConfig
    raise AttributeError(name)
