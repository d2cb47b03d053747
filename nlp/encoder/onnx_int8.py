"""The ``int8`` runtime: MiniLM exported to ONNX, weights quantised per channel, ONNX Runtime.

The export happens once per model and library versions and is cached on disk (about 23 MB;
``NLP_CACHE_DIR``, else ``$XDG_CACHE_HOME/nlp-conflict-news``, else
``~/.cache/nlp-conflict-news``). Later runs load the cached file with ONNX Runtime alone,
without importing torch. What was measured when choosing this path (dev set, 2-core AMD
EPYC with AVX2): per-channel dynamic int8 in ONNX Runtime ran 1.8-1.9x the fp32 torch
throughput with mean cosine 0.992 to the fp32 embeddings; torch's own dynamic int8 ran 1.6x
at 0.975 (per channel) or 1.4x at 0.96 (per tensor).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..errors import ModelUnavailableError
from . import ModelDir, SentenceEncoder

logger = logging.getLogger(__name__)

#: Bump when the export recipe changes, so stale cached files are not reused.
EXPORT_VERSION = "1"
FILE_NAME = "minilm.int8.onnx"


def cache_dir() -> Path:
    """Where prepared model files live (created on demand)."""
    if os.environ.get("NLP_CACHE_DIR"):
        return Path(os.environ["NLP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nlp-conflict-news"


def prepared_path(model_dir: ModelDir) -> Path:
    """The cached int8 file for this model: keyed by the weights file and the versions used."""
    import onnxruntime

    weights = model_dir.root / "model.safetensors"
    stat = weights.stat()
    key = "|".join([str(weights.resolve()), str(stat.st_size), str(stat.st_mtime_ns),
                    onnxruntime.__version__, EXPORT_VERSION])
    return cache_dir() / f"encoder-{hashlib.sha256(key.encode()).hexdigest()[:16]}" / FILE_NAME


def prepare(model_dir: ModelDir) -> Path:
    """Export and quantise the model unless a cached file exists; returns its path.

    Needs torch, onnx and onnxscript (the exporter) and takes about 20 s once. Written to a
    temporary file and renamed, so concurrent workers never read a half-written model.
    """
    target = prepared_path(model_dir)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    logger.info("preparing the int8 encoder once in %s", target.parent)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        int8 = Path(tmp) / FILE_NAME
        _export(model_dir, fp32)
        from onnxruntime.quantization import QuantType, quantize_dynamic

        with _quiet():
            quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
        os.replace(int8, target)
    return target


@contextmanager
def _quiet():
    """The exporter and quantiser log progress, skipped ops and tips; none of it concerns users."""
    noisy = [logging.getLogger(name) for name in
             ("", "torch.onnx", "torch.export", "torch._dynamo", "onnx_ir", "onnxscript")]
    levels = [log.level for log in noisy]
    for log in noisy:
        log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for log, level in zip(noisy, levels):
            log.setLevel(level)


def _export(model_dir: ModelDir, path: Path) -> None:
    import torch

    from .torch_bert import load_bert

    model = load_bert(model_dir, explicit_attention=True)
    ids = torch.ones(2, 16, dtype=torch.long)
    batch, tokens = torch.export.Dim("batch"), torch.export.Dim("tokens", max=model_dir.max_seq_length)
    try:
        with _quiet():
            torch.onnx.export(
                model, (ids, torch.ones_like(ids)), str(path), dynamo=True, external_data=False,
                input_names=["input_ids", "attention_mask"], output_names=["hidden"],
                dynamic_shapes=({0: batch, 1: tokens}, {0: batch, 1: tokens}), verbose=False,
            )
    except Exception as exc:  # the exporter raises many kinds; all mean "cannot prepare"
        raise ModelUnavailableError(f"cannot export the encoder to ONNX: {exc}") from exc


class OnnxInt8Encoder(SentenceEncoder):
    """The int8 runtime: ONNX Runtime on the cached quantised export."""

    precision = "int8"

    def __init__(self, model_dir: ModelDir, session, *, name: str):
        super().__init__(model_dir, name=name)
        self.session = session

    @classmethod
    def load(cls, model_dir: ModelDir, *, name: str, threads: int | None = None) -> OnnxInt8Encoder:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or (os.cpu_count() or 1)
        options.log_severity_level = 3
        session = onnxruntime.InferenceSession(
            str(prepare(model_dir)), options, providers=["CPUExecutionProvider"]
        )
        return cls(model_dir, session, name=name)

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
