"""AnalyzerConfig checks every rule when it is built, before any model loads; the registry
is where backends, their models and their options are written down once."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from nlp import Actor, AnalyzerConfig, UsageError
from nlp.backends import BACKENDS, get_backend, names


def test_defaults_live_in_the_config():
    config = AnalyzerConfig()
    assert (config.summarizer, config.stance_backend, config.tasks) == ("embedded", "embedded", ("summary", "stance"))
    assert config.labels == ("conciliatory", "confrontational", "neutral")
    assert [a.name for a in config.actors] == ["Russia", "Ukraine", "US"]
    assert config.compress is True and "compress" in get_backend("summary", "embedded").options
    assert config.model_for("summary") == get_backend("summary", "embedded").default_model
    assert AnalyzerConfig(summarizer="seq2seq").model_for("summary") == "sshleifer/distilbart-cnn-12-6"


@pytest.mark.parametrize("values, message", [
    (dict(summarizer="lead", generation={"num_beams": 4}), "--generation applies to --summarizer seq2seq only"),
    (dict(hypothesis="{actor} is {label}."), "--hypothesis applies to --stance-backend nli only"),
    (dict(summarizer_model="facebook/bart-large-cnn"), "--summarizer-model applies to --summarizer seq2seq"),
    (dict(stance_model="x/y", stance_backend="embedded"), "--stance-model applies to --stance-backend nli"),
    (dict(summarizer="lead", stance_backend="nli", quantize=True), "--quantize applies to"),
    (dict(device="cuda"), "--device applies to"),
    (dict(summarizer="lead", tasks=("summary",), batch_size=8), "--batch-size applies to"),
    (dict(summarizer="seq2seq", generation={"num_beams": 0}), "num_beams=0: must be at least 1"),
    (dict(summarizer="seq2seq", generation={"num_beams": "four"}), "expected int"),
    (dict(summarizer="seq2seq", generation={"beams": 2}), "unknown option 'beams'"),
    (dict(stance_backend="nli", hypothesis="{label}"), "needs both {actor} and {label}"),
    (dict(summarizer="bart"), "--summarizer: unknown summarizer 'bart'; choose from lead, embedded, seq2seq"),
    (dict(tasks=("summary", "translation")), "tasks"),
    (dict(labels="pro,pro"), "duplicate label"),
    (dict(max_words=0), "--max-words must be at least 1"),
    (dict(actors=()), "no actors"),
    (dict(actors=(Actor("NATO"), Actor("nato"))), "listed twice"),
    (dict(device="tpu"), "unknown device"),
    (dict(summarizer="seq2seq", compress=False), "--no-compress applies to --summarizer embedded only"),
    (dict(compress=False, tasks=("stance",)), "--no-compress applies to --summarizer embedded only"),
])
def test_conflicting_or_bad_options_raise_usage_errors(values, message):
    with pytest.raises(UsageError, match=message.replace("{", r"\{").replace("}", r"\}")):
        AnalyzerConfig(**values)


def test_the_options_of_a_backend_not_in_use_are_fine_when_its_task_is():
    AnalyzerConfig(summarizer="seq2seq", generation={"num_beams": 2, "do_sample": False}, device="cpu")
    AnalyzerConfig(stance_backend="nli", hypothesis="{actor} takes a {label} line.", batch_size=32)
    AnalyzerConfig(quantize=True, tasks=("stance",))


def test_model_shorthand_goes_to_the_one_transformer_backend():
    assert AnalyzerConfig.with_model("m", summarizer="seq2seq").summarizer_model == "m"
    assert AnalyzerConfig.with_model("m", stance_backend="nli", tasks=("stance",)).stance_model == "m"
    with pytest.raises(UsageError, match="ambiguous"):
        AnalyzerConfig.with_model("m", summarizer="seq2seq", stance_backend="nli")
    with pytest.raises(UsageError, match="applies to --summarizer seq2seq or --stance-backend nli only"):
        AnalyzerConfig.with_model("m")


def test_config_is_plain_picklable_data_with_a_stable_fingerprint():
    config = AnalyzerConfig(summarizer="seq2seq", generation={"num_beams": 2}, labels=["pro", "anti"])
    assert config.labels == ("pro", "anti")
    assert pickle.loads(pickle.dumps(config)) == config
    assert config.fingerprint() == AnalyzerConfig(summarizer="seq2seq", generation={"num_beams": 2},
                                                  labels="pro,anti").fingerprint()
    assert config.fingerprint() != AnalyzerConfig(summarizer="seq2seq", labels="pro,anti").fingerprint()
    assert AnalyzerConfig(batch_size=8).fingerprint() == AnalyzerConfig().fingerprint()  # speed, not results


def test_a_bad_config_fails_before_torch_or_a_model_is_loaded():
    code = (
        "import sys\n"
        "from nlp import AnalyzerConfig, UsageError\n"
        "try:\n"
        "    AnalyzerConfig(summarizer='lead', generation={'num_beams': 4})\n"
        "except UsageError as exc:\n"
        "    print('UsageError:', exc)\n"
        "print(sorted(m for m in ('torch', 'transformers', 'numpy', 'onnxruntime') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "UsageError: --generation applies to --summarizer seq2seq only" in out
    assert out.strip().endswith("[]")


def test_the_old_name_still_works_with_a_warning():
    import nlp

    with pytest.warns(DeprecationWarning, match="AnalyzerConfig"):
        assert nlp.AnalyzerSpec is AnalyzerConfig


def test_registry_names_each_backend_once_per_task():
    assert names("summary") == ("lead", "embedded", "seq2seq")
    assert names("stance") == ("embedded", "nli")
    assert len({(b.task, b.name) for b in BACKENDS}) == len(BACKENDS)
    for backend in BACKENDS:  # every backend option is a config field
        assert backend.options <= set(AnalyzerConfig.__dataclass_fields__)
