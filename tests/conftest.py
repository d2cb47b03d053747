"""Shared fixtures. Nothing here touches the network: hub models are built locally."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).parent))

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
    from nlp.models import Models

    m = Models()
    m._encoder = encoder  # share the session's encoder
    return m


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory) -> Path:
    from tiny_models import build_tiny_bart

    return build_tiny_bart(tmp_path_factory.mktemp("tiny-bart"))


@pytest.fixture(scope="session")
def tiny_nli_3way(tmp_path_factory) -> Path:
    from tiny_models import THREE_WAY, build_tiny_nli

    return build_tiny_nli(tmp_path_factory.mktemp("tiny-nli3"), labels=THREE_WAY)


@pytest.fixture(scope="session")
def tiny_nli_2way(tmp_path_factory) -> Path:
    from tiny_models import TWO_WAY, build_tiny_nli

    return build_tiny_nli(tmp_path_factory.mktemp("tiny-nli2"), labels=TWO_WAY)


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
