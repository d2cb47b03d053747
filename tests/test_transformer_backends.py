"""The seq2seq summarizer and NLI stance backend, on tiny models built here (no hub)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from nlp.actors import DEFAULT_ACTORS
from nlp.article import Article
from nlp.errors import ModelUnavailableError
from nlp.features import ArticleFeatures
from nlp.models import Models, nli_label_ids, resolve_model
from nlp.stance import LabelSet
from nlp.stance.labels import check_template
from nlp.stance.nli import NliStanceClassifier
from nlp.summarizers import Budget
from nlp.summarizers.seq2seq import Seq2SeqSummarizer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seq2seq(tiny_bart):
    return Seq2SeqSummarizer(Models(device="cpu").seq2seq(str(tiny_bart)),
                             generation={"num_beams": 1}, batch_size=8)


def test_long_article_is_chunked_without_losing_a_sentence(seq2seq, seed_article):
    article = Article.from_text(seed_article)
    sentences = [s.text for s in article.sentences]
    chunks = seq2seq.chunk(sentences)
    room = seq2seq.max_input_tokens - seq2seq.bundle.tokenizer.num_special_tokens_to_add()
    assert seq2seq.max_input_tokens == 64 and len(chunks) > 5
    assert all(seq2seq.n_tokens(c) <= room for c in chunks)
    assert " ".join(chunks).split() == " ".join(sentences).split()  # every word, in order


def test_a_sentence_longer_than_the_limit_is_split_not_cut(seq2seq):
    sentence = " ".join(["negotiations"] * 200) + "."
    chunks = seq2seq.chunk([sentence])
    assert len(chunks) > 1 and " ".join(chunks) == sentence


def test_summary_reports_chunks_and_drops_token_type_ids(seq2seq, seed_article):
    calls = []
    original = seq2seq.bundle.model.generate
    seq2seq.bundle.model.generate = lambda **kw: calls.append(set(kw)) or original(**kw)
    try:
        summary = seq2seq(ArticleFeatures(Article.from_text(seed_article)), Budget(max_words=30))
    finally:
        seq2seq.bundle.model.generate = original
    assert summary.method == "seq2seq" and summary.info["chunks"] > 5
    assert summary.info["passes"] >= 2  # the chunk summaries were condensed again
    assert all("token_type_ids" not in kw and "input_ids" in kw for kw in calls)
    d = summary.as_dict()
    assert d["sentences"] and all(s["start"] is None for s in d["sentences"])


@pytest.mark.parametrize("fixture", ["tiny_nli_3way", "tiny_nli_2way"])
def test_nli_backend_scores_every_label_in_batches(fixture, request, example_path):
    path = request.getfixturevalue(fixture)
    bundle = Models(device="cpu").nli(str(path))
    classifier = NliStanceClassifier(bundle, LabelSet(), batch_size=64)
    forwards = []
    original = bundle.model.forward
    bundle.model.forward = lambda **kw: forwards.append(kw["input_ids"].shape[0]) or original(**kw)
    article = Article.from_text(example_path.read_text())
    try:
        results = classifier(ArticleFeatures(article), DEFAULT_ACTORS)
    finally:
        bundle.model.forward = original
    pairs = sum(forwards)
    assert len(forwards) == -(-pairs // 64)  # one forward per batch of pairs, not per pair
    for r in results:
        assert set(r.scores) == {"conciliatory", "confrontational", "neutral"}
        assert all(0.0 <= v <= 1.0 for v in r.scores.values())


def test_nli_label_ids_are_resolved_by_name():
    assert nli_label_ids({"CONTRADICTION": 0, "NEUTRAL": 1, "ENTAILMENT": 2}, "m") == (2, 0)
    assert nli_label_ids({"entailment": 0, "not_entailment": 1}, "m") == (0, 1)
    with pytest.raises(ModelUnavailableError, match="not an NLI model"):
        nli_label_ids({"LABEL_0": 0, "LABEL_1": 1}, "m")


def test_hypothesis_template_needs_actor_and_label():
    assert check_template("{actor} takes a {label} line.") == "{actor} takes a {label} line."
    for bad in ("{label}", "{actor} is", "{actor} {label} {other}", "{actor} is {label"):
        with pytest.raises(Exception, match="--hypothesis"):
            check_template(bad)


def test_model_paths_and_missing_models(tmp_path, tiny_bart):
    assert resolve_model(str(tiny_bart), option="--summarizer seq2seq") == (str(tiny_bart), True)
    with pytest.raises(ModelUnavailableError, match="no such model directory"):
        resolve_model("./no/such/dir", option="--summarizer seq2seq")
    with pytest.raises(ModelUnavailableError, match="not a model directory"):
        resolve_model(str(tmp_path), option="--summarizer seq2seq")


def test_cli_with_tiny_models(cli, tiny_bart, tiny_nli_3way, example_path):
    result = cli("summarize", example_path, "--summarizer", "seq2seq", "--model", tiny_bart,
                 "--generation", "num_beams=1", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert summary["method"] == "seq2seq" and summary["chunks"] >= 1
    result = cli("stance", example_path, "--stance-backend", "nli", "--model", tiny_nli_3way,
                 "--hypothesis", "{actor} takes a {label} stance.", "--json")
    assert result.exit_code == 0, result.output
    stances = json.loads(result.stdout)["stances"]
    assert [s["actor"] for s in stances] == ["Russia", "Ukraine", "US"]
    meta = json.loads(result.stdout)["meta"]
    assert meta["models"]["nli"] == str(tiny_nli_3way) and meta["device"] == "cpu"


def test_cli_rejects_bad_backend_options(cli, example_path, tiny_nli_3way):
    cases = [
        (["stance", example_path, "--stance-backend", "nli", "--model", tiny_nli_3way, "--hypothesis", "{label}"], "needs both"),
        (["stance", example_path, "--hypothesis", "{actor} is {label}."], "nli only"),
        (["summarize", example_path, "--generation", "num_beams=2"], "seq2seq only"),
        (["summarize", example_path, "--summarizer", "seq2seq", "--generation", "beams"], "KEY=VALUE"),
        (["analyze", example_path, "--summarizer", "seq2seq", "--stance-backend", "nli", "--model", "x"], "ambiguous"),
        (["analyze", example_path, "--model", "x"], "applies to"),
    ]
    for args, message in cases:
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("offline", [True, False])
def test_uncached_hub_model_fails_fast_and_cleanly(offline, example_path, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    env["HF_HOME"] = str(tmp_path / "hf")  # an empty cache
    if offline:
        env["HF_HUB_OFFLINE"] = "1"
    else:  # this machine has no route to the hub; make sure of it for the test
        env["HF_ENDPOINT"] = "http://127.0.0.1:9"
    proc = subprocess.run(
        [sys.executable, "-m", "nlp", "summarize", str(example_path), "--summarizer", "seq2seq"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert proc.returncode == 1
    assert "sshleifer/distilbart-cnn-12-6" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
