"""Tiny transformer models built from small configs with random weights, for tests.

No hub is reachable from CI, so the transformer backends are exercised on models made
here and saved to a temp dir, with the packaged MiniLM tokenizer as their tokenizer. Their
outputs are noise; what the tests check is the plumbing: loading from a path, chunking,
batching, label-id resolution and the output schema.
"""

from __future__ import annotations

from pathlib import Path

from nlp.encoder import packaged_model_path


def _tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(packaged_model_path()))


def build_tiny_bart(directory: Path, *, max_positions: int = 64) -> Path:
    """A 1-layer BART with a ``max_positions``-token input limit, to force chunking."""
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    torch.manual_seed(0)
    tokenizer = _tokenizer()
    tokenizer.model_max_length = max_positions
    config = BartConfig(
        vocab_size=tokenizer.vocab_size, d_model=16, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32,
        decoder_ffn_dim=32, max_position_embeddings=max_positions,
        pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.cls_token_id,
        eos_token_id=tokenizer.sep_token_id, decoder_start_token_id=tokenizer.sep_token_id,
        forced_eos_token_id=tokenizer.sep_token_id,
    )
    BartForConditionalGeneration(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def build_tiny_nli(directory: Path, *, labels: dict[int, str]) -> Path:
    """A 1-layer BERT sequence classifier whose head is named like an NLI model's."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    tokenizer = _tokenizer()
    config = BertConfig(
        vocab_size=tokenizer.vocab_size, hidden_size=16, num_hidden_layers=1,
        num_attention_heads=2, intermediate_size=32, max_position_embeddings=128,
        id2label=labels, label2id={v: k for k, v in labels.items()},
    )
    BertForSequenceClassification(config).save_pretrained(directory)
    tokenizer.model_max_length = 128
    tokenizer.save_pretrained(directory)
    return directory


THREE_WAY = {0: "contradiction", 1: "neutral", 2: "entailment"}
TWO_WAY = {0: "entailment", 1: "not_entailment"}
