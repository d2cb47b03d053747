"""``Models``: every model of a run, loaded on first use, once, on one chosen device."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ModelUnavailableError, NlpError
from .device import choose_device
from .hub import resolve_model

if TYPE_CHECKING:
    from ..encoder import SentenceEncoder
    from ..stance.head import StanceHead
    from ..summarizers.scoring import LinearScorer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Seq2SeqBundle:
    model: object
    tokenizer: object
    name: str
    device: str


@dataclass(frozen=True)
class NliBundle:
    model: object
    tokenizer: object
    name: str
    device: str
    entailment_id: int
    contradiction_id: int


class Models:
    """The run's models, loaded lazily on first use and then reused.

    Args:
        device: ``auto``, ``cpu``, ``cuda`` or ``mps`` for the transformer backends (the
            embedded encoder always runs on the CPU).
        quantize: run the embedded encoder in int8 (ONNX Runtime) instead of fp32 (torch).
        encoder: an already loaded sentence encoder to use (tests share one this way).
    """

    def __init__(self, *, device: str = "auto", quantize: bool = False,
                 encoder: SentenceEncoder | None = None):
        self.device = device
        self.quantize = quantize
        self._encoder = encoder
        self._stance_head: StanceHead | None = None
        self._summary_scorer: LinearScorer | None = None
        self._seq2seq: dict[str, Seq2SeqBundle] = {}
        self._nli: dict[str, NliBundle] = {}
        self._device: str | None = None

    @property
    def encoder(self) -> SentenceEncoder:
        if self._encoder is None:
            from ..backends import ENCODER_MODEL
            from ..encoder import load_encoder

            try:
                self._encoder = load_encoder(precision="int8" if self.quantize else "fp32", name=ENCODER_MODEL)
            except NlpError:
                raise
            except Exception as exc:
                if not self.quantize:
                    raise
                from ..encoder.onnx_int8 import cache_dir  # a cached export that cannot be read

                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
                raise ModelUnavailableError(f"cannot load the cached int8 encoder ({first}); delete {cache_dir()} "
                                            "and it will be exported again") from exc
        return self._encoder

    @property
    def stance_head(self) -> StanceHead:
        """The learned stance head shipped with the package (a few KB of numpy weights)."""
        if self._stance_head is None:
            from ..stance.head import StanceHead

            self._stance_head = StanceHead.load()
        return self._stance_head

    @property
    def summary_scorer(self) -> LinearScorer:
        """The ``embedded`` summarizer's sentence scorer (weights shipped with the package)."""
        if self._summary_scorer is None:
            from ..summarizers.scoring import load_scorer

            self._summary_scorer = load_scorer()
        return self._summary_scorer

    @property
    def resolved_device(self) -> str:
        if self._device is None:
            self._device = choose_device(self.device)
            logger.info("using device %s", self._device)
        return self._device

    @property
    def device_in_use(self) -> str:
        """The transformer backends' device once one has loaded; the embedded encoder is CPU-only."""
        return self._device or "cpu"

    def loaded(self) -> dict[str, str]:
        """Names of the models loaded so far, for the output's ``meta``."""
        out = {}
        if self._encoder is not None:
            out["encoder"] = self._encoder.name + (" (int8)" if self._encoder.quantized else "")
        for kind, bundles in (("seq2seq", self._seq2seq), ("nli", self._nli)):
            for name in bundles:
                out[kind] = name
        return out

    def seq2seq(self, model_id: str) -> Seq2SeqBundle:
        """The seq2seq summarization model ``model_id`` (hub id or directory)."""
        if model_id not in self._seq2seq:
            from transformers import AutoModelForSeq2SeqLM

            source, local = resolve_model(model_id, option="--summarizer seq2seq")
            model, tokenizer = _load(AutoModelForSeq2SeqLM, source, local, self.resolved_device)
            self._seq2seq[model_id] = Seq2SeqBundle(model, tokenizer, model_id, self.resolved_device)
        return self._seq2seq[model_id]

    def nli(self, model_id: str) -> NliBundle:
        """The NLI model ``model_id``, with its entailment and contradiction ids resolved."""
        if model_id not in self._nli:
            from transformers import AutoModelForSequenceClassification

            source, local = resolve_model(model_id, option="--stance-backend nli")
            model, tokenizer = _load(AutoModelForSequenceClassification, source, local, self.resolved_device)
            entail, contra = nli_label_ids(model.config.label2id, model_id)
            self._nli[model_id] = NliBundle(model, tokenizer, model_id, self.resolved_device, entail, contra)
        return self._nli[model_id]


def nli_label_ids(label2id: dict[str, int], name: str) -> tuple[int, int]:
    """(entailment id, contradiction-or-not-entailment id), resolved by name.

    3-way heads (entailment / neutral / contradiction) and 2-way heads (entailment /
    not_entailment) are both supported; ids are never guessed from positions.

    Raises:
        ModelUnavailableError: the config does not name the labels.
    """
    by_name = {label.lower().replace("-", "_"): i for label, i in label2id.items()}
    entail = next((i for label, i in by_name.items() if label.startswith("entail")), None)
    contra = next(
        (i for label, i in by_name.items() if label.startswith(("contradict", "not_entail"))), None
    )
    if entail is None or contra is None:
        raise ModelUnavailableError(
            f"{name}: not an NLI model: its config's label2id {sorted(label2id)} does not name "
            "both 'entailment' and 'contradiction' (or 'not_entailment')"
        )
    return entail, contra


@contextmanager
def _quiet_transformers():
    """Progress bars and length notices while loading belong to transformers, not to our
    stderr; switched off for the load and restored after, so nothing leaks process-wide."""
    from transformers.utils import logging as hf_logging

    verbosity = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    if not logger.isEnabledFor(logging.DEBUG):
        hf_logging.set_verbosity_error()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def _load(auto_class, source: str, local: bool, device: str):
    from transformers import AutoTokenizer

    try:
        with _quiet_transformers():
            tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=local)
            model = auto_class.from_pretrained(source, local_files_only=local)
    except (OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelUnavailableError(f"cannot load {source}: {first}") from exc
    model.to(device)
    model.eval()
    return model, tokenizer
