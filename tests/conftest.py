"""Shared fixtures. Nothing here touches the network: hub models are built locally."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLE = ROOT.parent / "shared" / "articles" / "positive-shifts.txt"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def seed_article() -> str:
    """The real scraped article users feed the tool (beside the checkout, and in CI)."""
    if not SEED_ARTICLE.exists():
        pytest.skip(f"{SEED_ARTICLE} is not here")
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_path(seed_article) -> Path:
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLES / "grain-ship.txt"


@pytest.fixture(scope="session")
def encoder():
    from nlp.encoder import load_encoder

    return load_encoder()


@pytest.fixture(scope="session")
def models(encoder):
    """A model holder that shares the session's encoder."""
    from nlp.models import Models

    return Models(encoder=encoder)


@pytest.fixture(scope="session")
def featurize(encoder):
    """``featurize(article)`` -> its features, embedded with the session's encoder."""
    from nlp.features import compute_features

    return lambda article: compute_features([article], encoder, batch_size=16)[0]


# Tiny transformer models built from small configs with random weights. No hub is reachable
# from CI, so the transformer backends are exercised on models made here and saved to a temp
# dir, with the packaged MiniLM tokenizer as their tokenizer. Their outputs are noise; what
# the tests check is the plumbing: loading from a path, chunking, batching, label-id
# resolution and the output schema.
THREE_WAY = {0: "contradiction", 1: "neutral", 2: "entailment"}
TWO_WAY = {0: "entailment", 1: "not_entailment"}


def _tokenizer():
    from transformers import AutoTokenizer

    from nlp.encoder import packaged_model_path

    return AutoTokenizer.from_pretrained(str(packaged_model_path()))


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory) -> Path:
    """A 1-layer BART with a 64-token input limit, to force chunking."""
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    directory, max_positions = tmp_path_factory.mktemp("tiny-bart"), 64
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


def _tiny_nli(directory: Path, labels: dict[int, str]) -> Path:
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


@pytest.fixture(scope="session")
def tiny_nli_3way(tmp_path_factory) -> Path:
    return _tiny_nli(tmp_path_factory.mktemp("tiny-nli3"), THREE_WAY)


@pytest.fixture(scope="session")
def tiny_nli_2way(tmp_path_factory) -> Path:
    return _tiny_nli(tmp_path_factory.mktemp("tiny-nli2"), TWO_WAY)


@pytest.fixture()
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture()
def cli(runner):
    """Invoke the CLI; returns the click Result (exit_code, stdout, stderr)."""
    from nlp.cli import app

    def invoke(*args, input=None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return invoke
