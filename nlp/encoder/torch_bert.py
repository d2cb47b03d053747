"""all-MiniLM-L6-v2 as a plain torch module (the exact, ``fp32`` runtime).

A six-layer BERT whose parameter names match the Hugging Face checkpoint, so the
safetensors file loads as is; pooling and normalisation happen in ``SentenceEncoder``.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from . import ModelDir, SentenceEncoder
from ..errors import ModelUnavailableError


class _SelfAttention(nn.Module):
    """Multi-head self-attention. ``explicit`` spells it out as matmul + softmax instead of
    the fused kernel: the fused kernel is faster in torch, the explicit form exports to a
    leaner ONNX graph."""

    def __init__(self, hidden: int, heads: int, *, explicit: bool = False):
        super().__init__()
        self.heads = heads
        self.explicit = explicit
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape
        d = h // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, d).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        if self.explicit:
            scores = q @ k.transpose(-1, -2) / math.sqrt(d)
            scores = scores + (~mask).to(scores.dtype) * torch.finfo(scores.dtype).min
            out = scores.softmax(dim=-1) @ v
        else:
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
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
    def __init__(self, hidden: int, heads: int, eps: float, explicit: bool):
        super().__init__()
        setattr(self, "self", _SelfAttention(hidden, heads, explicit=explicit))  # keeps BERT's weight names
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
    def __init__(self, hidden: int, heads: int, inner: int, eps: float, explicit: bool):
        super().__init__()
        self.attention = _Attention(hidden, heads, eps, explicit)
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
    def __init__(self, layers: int, hidden: int, heads: int, inner: int, eps: float, explicit: bool):
        super().__init__()
        self.layer = nn.ModuleList(_Layer(hidden, heads, inner, eps, explicit) for _ in range(layers))

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        for layer in self.layer:
            x = layer(x, mask)
        return x


class BertEncoder(nn.Module):
    """A BERT encoder (no pooler) whose parameter names match the Hugging Face checkpoint.

    ``explicit_attention`` builds the form that exports to ONNX (see ``_SelfAttention``)."""

    def __init__(self, config: dict, *, explicit_attention: bool = False):
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
            config["intermediate_size"], eps, explicit_attention,
        )

    def forward(self, ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        mask = attention_mask[:, None, None, :].bool()
        return self.encoder(self.embeddings(ids), mask)


class TorchEncoder(SentenceEncoder):
    """The fp32 runtime: exact, and the reference the int8 runtime is measured against."""

    precision = "fp32"

    def __init__(self, model_dir: ModelDir, model: BertEncoder, *, name: str):
        super().__init__(model_dir, name=name)
        self.model = model

    @classmethod
    def load(cls, model_dir: ModelDir, *, name: str) -> TorchEncoder:
        return cls(model_dir, load_bert(model_dir), name=name)

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            return self.model(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()


def load_bert(model_dir: ModelDir, *, explicit_attention: bool = False) -> BertEncoder:
    """The torch module with the checkpoint's weights, in eval mode."""
    from safetensors.torch import load_file

    try:
        state = load_file(str(model_dir.root / "model.safetensors"))
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(f"cannot load the sentence encoder weights: {exc}") from exc
    model = BertEncoder(model_dir.config, explicit_attention=explicit_attention)
    state = {k.removeprefix("bert."): v for k, v in state.items()}
    state = {k: v for k, v in state.items() if not k.startswith("pooler.") and "position_ids" not in k}
    model.load_state_dict(state, strict=True)
    return model.eval()
