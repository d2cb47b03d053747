"""Batch runs: many inputs, streamed JSONL, resume after a kill, bad records set aside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.batch import analyze_batch
from nlp.config import AnalyzerConfig
from nlp.pipeline import Analyzer

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "eval/data/dev.jsonl").read_text().splitlines()]
    return [{"id": r["id"], "text": r["text"]} for r in rows[:12]]


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_bad_records_are_set_aside_and_good_ones_kept(cli, tmp_path, articles):
    rows = [articles[0], {"id": "empty", "text": "   "}, {"id": "no-text", "body": "x"},
            "{not json", {"id": "number", "text": 42}, articles[1], {"text": articles[2]["text"]}]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    result = cli("analyze", source, "--out", out)
    assert result.exit_code == 1  # some records failed
    done = read_jsonl(out)
    assert [r["id"] for r in done] == [articles[0]["id"], articles[1]["id"], f"{source}:7"]
    assert all(r["summary"]["text"] and len(r["stances"]) == 3 for r in done)
    errors = {e["id"]: e["error"] for e in read_jsonl(tmp_path / "out.errors.jsonl")}
    assert set(errors) == {"empty", "no-text", f"{source}:4", "number"}
    assert "input is empty" in errors["empty"] and "no 'text' field" in errors["no-text"]
    assert "invalid JSON" in errors[f"{source}:4"] and "not a string" in errors["number"]
    assert "3 analysed, 4 failed, 0 skipped" in result.stderr


def test_resume_after_a_kill_completes_without_duplicates(cli, tmp_path, articles):
    source = write_jsonl(tmp_path / "in.jsonl", articles)
    out = tmp_path / "out.jsonl"
    assert cli("analyze", source, "--out", out, "--quiet").exit_code == 0
    full = out.read_text().splitlines()
    # A run killed mid-write: five complete lines and half of the sixth.
    out.write_text("\n".join(full[:5]) + "\n" + full[5][: len(full[5]) // 2])
    again = cli("analyze", source, "--out", out)
    assert again.exit_code == 2 and "--resume" in again.stderr  # never clobbered silently
    resumed = cli("analyze", source, "--out", out, "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert "7 analysed, 0 failed, 5 skipped" in resumed.stderr
    ids = [r["id"] for r in read_jsonl(out)]
    assert sorted(ids) == sorted(a["id"] for a in articles) and len(ids) == len(set(ids))
    assert cli("analyze", source, "--out", out, "--overwrite", "-q").exit_code == 0
    assert len(read_jsonl(out)) == len(articles)


def test_directories_csv_and_stdout_jsonl(cli, tmp_path, articles):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(articles[0]["text"])
    (folder / "b.html").write_text(
        "<html><head><title>Talks</title></head><body><nav>Home | World</nav><article><h1>Talks resume"
        "</h1><p>Russian and Ukrainian negotiators met in Istanbul on Tuesday for new talks, officials "
        "said.</p><p>Ukraine proposed neutral status in exchange for security guarantees from the "
        "United States and others.</p></article><footer>Copyright 2022</footer></body></html>")
    (folder / "notes.bin").write_bytes(b"\x00")
    csv = tmp_path / "in.csv"
    csv.write_text('key,body\nx1,"' + articles[1]["text"].replace('"', '""') + '"\n')
    result = cli("stance", folder, csv, "--text-field", "body", "--id-field", "key", "--json")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in lines] == [str(folder / "a.txt"), str(folder / "b.html"), "x1"]
    html = lines[1]
    assert html["title"] == "Talks resume"
    assert {s["actor"]: s["label"] for s in html["stances"]}["US"] != "absent"


def test_analyze_batch_is_a_datasets_map_function(articles, models):
    from datasets import Dataset

    analyzer = Analyzer(AnalyzerConfig(tasks=("stance",)), models=models)
    ds = Dataset.from_list(articles[:4]).map(lambda b: analyze_batch(b, analyzer), batched=True, batch_size=2,
                                             remove_columns=["text"])
    assert ds["id"] == [a["id"] for a in articles[:4]]
    assert all(e is None for e in ds["error"])
    assert all(len(json.loads(r)["stances"]) == 3 for r in ds["result"])


@pytest.mark.slow
def test_workers_give_the_same_results(cli, tmp_path, articles):
    source = write_jsonl(tmp_path / "in.jsonl", articles[:6])
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert cli("stance", source, "--out", one, "-q").exit_code == 0
    assert cli("stance", source, "--out", two, "-q", "--workers", "2").exit_code == 0
    strip = lambda rows: [{k: v for k, v in r.items() if k != "meta"} for r in rows]  # noqa: E731
    assert strip(read_jsonl(one)) == strip(read_jsonl(two))


def test_callable_class_takes_numpy_columns_as_ray_hands_them(articles):
    import numpy as np

    from nlp.batch import AnalyzeBatch

    batch = {"id": np.array([a["id"] for a in articles[:2]]), "text": np.array([a["text"] for a in articles[:2]]),
             "title": np.array([None, None], dtype=object)}
    out = AnalyzeBatch(AnalyzerConfig(tasks=("stance",)))(batch)
    assert out["id"] == [a["id"] for a in articles[:2]] and out["error"] == [None, None]


@pytest.mark.slow
def test_a_run_killed_midway_resumes_to_exactly_one_line_per_article(tmp_path, articles):
    import os
    import signal
    import subprocess
    import sys
    import time

    rows = [{"id": f"a{k:03d}", "text": articles[k % len(articles)]["text"]} for k in range(48)]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "nlp", "stance", str(source), "--out", str(out), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_text().count("\n") < 16):
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = out.read_text().count("\n")
    assert 16 <= written < len(rows)  # killed midway
    resumed = subprocess.run(cmd + ["--resume"], capture_output=True, text=True,
                             env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert resumed.returncode == 0, resumed.stderr
    ids = [r["id"] for r in read_jsonl(out)]
    assert len(ids) == len(rows) and set(ids) == {r["id"] for r in rows}


def test_an_unreadable_input_does_not_stop_the_others(cli, tmp_path, articles):
    good = tmp_path / "good.txt"
    good.write_text(articles[0]["text"])
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    out = tmp_path / "out.jsonl"
    result = cli("stance", tmp_path / "missing.txt", empty_dir, good, "--out", out)
    assert result.exit_code == 1
    assert [r["id"] for r in read_jsonl(out)] == [str(good)]
    reasons = [e["error"] for e in read_jsonl(tmp_path / "out.errors.jsonl")]
    assert "no such file or directory" in reasons[0] and "no .txt, .md, .html, .htm files" in reasons[1]
