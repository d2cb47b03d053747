"""Evaluation harness: metrics against hand-computed values, reference checks, report, gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.gate import Gate, check, load_gates
from eval.metrics import RougeScorer, bootstrap, stance_scores
from eval.references import load_references
from nlp.errors import InputError, UsageError
from nlp.segmentation import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
LABELS = ("conciliatory", "confrontational", "neutral")


def split(text):
    return [text[a:b] for a, b in sentence_spans(text)]


def test_rouge_matches_hand_computed_values():
    scorer = RougeScorer(split)
    # reference "the talks resumed today" / prediction "talks resumed": unigram P=1, R=2/4
    scores = scorer.score(["the talks resumed today"], "talks resumed")
    assert scores["rouge1"] == pytest.approx(2 * 1 * 0.5 / 1.5, abs=1e-8)
    assert scores["rouge2"] == pytest.approx(2 * 1 * (1 / 3) / (4 / 3), abs=1e-8)
    # best over references, and stemming ("talks"/"talk")
    best = scorer.score(["nothing in common here", "talk resumed"], "talks resumed")
    assert best["rouge1"] == pytest.approx(1.0) and best["rougeLsum"] == pytest.approx(1.0)
    assert scorer.score(["a b"], "")["rouge1"] == 0.0


def test_bootstrap_is_seeded_and_brackets_the_mean():
    values = [0.1, 0.4, 0.35, 0.8, 0.5, 0.45]
    a, b = bootstrap(values, seed=7), bootstrap(values, seed=7)
    assert a == b and a.low <= a.mean <= a.high
    assert a.mean == pytest.approx(sum(values) / len(values))
    assert bootstrap([0.5] * 5, seed=1).low == pytest.approx(0.5)
    with pytest.raises(ValueError):
        bootstrap(values, confidence=1.5)


def test_stance_scores_hand_computed():
    gold = [("A", "conciliatory"), ("A", "confrontational"), ("B", "neutral"), ("B", "absent"),
            ("B", "confrontational")]
    pred = ["conciliatory", "conciliatory", "neutral", "absent", "confrontational"]
    s = stance_scores(gold, pred, LABELS)
    assert s.accuracy == pytest.approx(4 / 5)
    # conc: P=1/2 R=1 F=2/3; conf: P=1 R=1/2 F=2/3; neutral: F=1
    assert s.per_label_f1 == pytest.approx({"conciliatory": 2 / 3, "confrontational": 2 / 3, "neutral": 1.0})
    assert s.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    assert s.per_actor_accuracy == {"A": 0.5, "B": 1.0}
    assert s.absent["f1"] == 1.0
    assert s.confusion["confrontational"]["conciliatory"] == 1


def test_reference_errors_name_line_and_field(tmp_path):
    good = {"id": "a", "title": None, "text": "Talks resumed.", "summaries": ["Talks resumed."],
            "stances": {"Russia": "neutral"}}
    cases = [
        ("{oops", "invalid JSON"),
        (json.dumps({**good, "summaries": []}), "field 'summaries'"),
        (json.dumps({k: v for k, v in good.items() if k != "text"}), "missing field 'text'"),
        (json.dumps({**good, "stances": {"Russia": "hostile"}}), "field 'stances.Russia'"),
        (json.dumps(good), "duplicate id 'a'"),
    ]
    for line, message in cases:
        path = tmp_path / "refs.jsonl"
        path.write_text(json.dumps(good) + "\n\n" + line + "\n")
        with pytest.raises(InputError, match=rf"refs.jsonl:3: .*{message}" if "duplicate" not in message
                           else "refs.jsonl:3: duplicate"):
            load_references(path, labels=LABELS)


def test_reference_files_are_balanced():
    for name in ("dev", "test"):
        refs = load_references(ROOT / "eval/data" / f"{name}.jsonl", labels=LABELS)
        counts: dict[tuple[str, str], int] = {}
        for ref in refs:
            assert 250 <= len(ref.text.split()) <= 800
            assert 1 <= len(ref.summaries) <= 2
            for summary in ref.summaries:
                assert 35 <= len(summary.split()) <= 70
            for actor, label in ref.stances.items():
                counts[actor, label] = counts.get((actor, label), 0) + 1
        for actor in ("Russia", "Ukraine", "US"):
            for label in LABELS:
                assert counts.get((actor, label), 0) >= 2, (name, actor, label)
        assert sum(v for (a, label), v in counts.items() if label == "absent") >= 3
    assert len(load_references(ROOT / "eval/data/dev.jsonl", labels=LABELS)) >= 20
    assert len(load_references(ROOT / "eval/data/test.jsonl", labels=LABELS)) >= 12


def test_gate_names_each_metric_below_its_floor(tmp_path):
    gate = Gate("g", "embedded", "embedded", tmp_path / "t.jsonl", {"stance.macro_f1": 0.8, "summary.rougeLsum": 0.3})
    values = {"stance.macro_f1": 0.75, "summary.rougeLsum": 0.31}
    assert check(gate, values.__getitem__) == ["t.jsonl: stance.macro_f1 = 0.750 is below its floor 0.800"]
    toml = tmp_path / "thresholds.toml"
    toml.write_text('[a]\nsummarizer = "embedded"\nstance_backend = "embedded"\ndata = "x.jsonl"\n'
                    '[a.floors]\n"stance.macro_f1" = 0.5\n'
                    '[b]\nsummarizer = "embedded"\nstance_backend = "embedded"\ndata = "y.jsonl"\n'
                    '[b.floors]\n"stance.macro_f1@other" = 0.6\n')
    assert [(g.data.name, g.floors) for g in load_gates("embedded", "embedded", toml)] == [
        ("x.jsonl", {"stance.macro_f1": 0.5}), ("y.jsonl", {"stance.macro_f1@other": 0.6})]
    assert {g.data.name for g in load_gates("embedded", "embedded")} >= {"test.jsonl"}
    with pytest.raises(UsageError, match="no floors"):
        load_gates("lead", "nli")


@pytest.fixture()
def small_refs(tmp_path) -> Path:
    rows = [json.loads(line) for line in (ROOT / "eval/data/dev.jsonl").read_text().splitlines()[:3]]
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_eval_command_reports_and_writes_files(cli, small_refs, tmp_path):
    out = tmp_path / "report"
    result = cli("eval", "--data", small_refs, "--out", out, "--bootstrap-samples", "50")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert "| embedded/embedded |" in md and "| lead-3 |" in md and "| oracle |" in md
    assert "| embedded/embedded vs lead-3 |" in md and "| lead-3 vs oracle |" in md
    assert "| majority |" in md and "| random |" in md and "Confusion matrix" in md
    report = json.loads((out / "report.json").read_text())
    system = report["files"][0]["stance"]["system"]
    assert system["n"] == 9 and 0 <= system["macro_f1"] <= 1
    summary = report["files"][0]["summary"]
    assert summary["lead-3"]["headroom"] == 0.0 and summary["oracle"]["headroom"] == 1.0
    assert summary["oracle"]["words"] <= 60 and summary["oracle"]["rougeLsum"]["mean"] >= summary["lead-3"][
        "rougeLsum"]["mean"] - 0.1
    pairs = report["files"][0]["summary_pairs"]
    assert set(pairs) == {"system vs lead-3", "system vs oracle", "lead-3 vs oracle"}
    diff = pairs["system vs lead-3"]["rougeLsum"]
    assert diff["mean"] == pytest.approx(summary["system"]["rougeLsum"]["mean"]
                                         - summary["lead-3"]["rougeLsum"]["mean"], abs=1e-3)
    predictions = [json.loads(x) for x in (out / "predictions-small.jsonl").read_text().splitlines()]
    assert len(predictions) == 3 and {"summary", "rouge", "stances"} <= set(predictions[0])
    assert (out / "report.md").read_text().strip() == md.strip()
    # report.html links each article to its annotated page, reference labels shown there
    from nlp.html import page_name

    html = (out / "report.html").read_text()
    assert "Confusion matrix, embedded/embedded" in html and "lead-3" in html
    first = predictions[0]["id"]
    assert f'href="articles/{page_name(first)}"' in html
    page = (out / "articles" / page_name(first)).read_text()
    assert "reference:" in page and page.count("<mark ") == sum(len(s["evidence"]) for s in predictions[0]["stances"])
    assert "../report.html" in page


def test_eval_no_pages(cli, small_refs, tmp_path):
    out = tmp_path / "report"
    result = cli("eval", "--data", small_refs, "--out", out, "--bootstrap-samples", "20", "--no-pages")
    assert result.exit_code == 0, result.output
    assert (out / "report.html").exists() and not (out / "articles").exists()


def test_eval_rejects_bad_reference_file(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Talks.", "summaries": ["A."], "stances": {}}\n{"id": 3}\n')
    result = cli("eval", "--data", bad)
    assert result.exit_code == 1
    assert "bad.jsonl:2: field 'id' must be a str" in result.stderr


def test_python_dash_m_eval_is_the_same_command():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "eval", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "--gate" in proc.stdout


def test_records_with_their_own_actors_are_tagged_for_exactly_those(tmp_path, models):
    from eval.harness import evaluate_file
    from nlp import Analyzer, AnalyzerConfig

    record = {"id": "x1", "title": None, "group": "other",
              "text": "Qatari mediators relayed a new proposal on Monday. Hamas accepted it, officials said. "
                      "Israeli jets struck Gaza City overnight.",
              "summaries": ["Hamas accepted a proposal relayed by Qatar while Israel struck Gaza."],
              "actors": {"Hamas": ["Hamas"], "Israel": ["Israeli", "Israelis"], "Qatar": ["Qatari", "Doha"]},
              "stances": {"Hamas": "conciliatory", "Israel": "confrontational", "Qatar": "conciliatory"}}
    path = tmp_path / "refs.jsonl"
    path.write_text(json.dumps(record) + "\n")
    refs = load_references(path, labels=LABELS)
    assert [a.name for a in refs[0].actors] == ["Hamas", "Israel", "Qatar"] and refs[0].group == "other"
    report = evaluate_file(Analyzer(AnalyzerConfig(), models=models), refs, path=str(path), samples=10)
    assert [s["actor"] for s in report.predictions[0]["stances"]] == ["Hamas", "Israel", "Qatar"]
    assert report.stance_groups["other"]["n"] == 3
    assert report.metric("stance.accuracy@other") == report.metric("stance.accuracy")
    bad = {**record, "actors": {"Hamas": ["Hamas"]}}
    path.write_text(json.dumps(bad) + "\n")
    with pytest.raises(InputError, match="must name the same actors"):
        load_references(path, labels=LABELS)


def test_stance_interval_resamples_whole_articles():
    from eval.metrics import macro_f1_interval

    labels = ("conciliatory", "confrontational", "neutral")
    gold = [("A", "conciliatory"), ("B", "neutral"), ("C", "absent"), ("A", "confrontational"), ("B", "neutral")]
    pred = ["conciliatory", "confrontational", "absent", "confrontational", "conciliatory"]
    # one article: every resample is the article itself, so the interval collapses onto the
    # point estimate (the bootstrap's fast F1 agrees with stance_scores)
    one = macro_f1_interval(gold, pred, labels, [0] * 5, samples=50)
    assert one.low == pytest.approx(one.mean) and one.high == pytest.approx(one.mean)
    assert one.mean == pytest.approx(stance_scores(gold, pred, labels).macro_f1)
    # several articles: a real spread around the estimate
    spread = macro_f1_interval(gold, pred, labels, [0, 0, 1, 2, 2], samples=200)
    assert spread.low <= spread.mean <= spread.high and spread.high - spread.low > 0.1
    assert macro_f1_interval([], [], labels, []).mean == 0.0
