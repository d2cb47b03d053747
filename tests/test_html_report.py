"""``nlp report`` and the eval page, without a browser: aggregates, CSV, buckets, scale."""

from __future__ import annotations

import csv
import io
import time

import pytest

from nlp.html.corpus import aggregate, parse_date, period_of, read_results, source_of
from nlp.html.evaluation import eval_page
from nlp.html.palette import contrast, pairs
from nlp.html.report import corpus_report

from html_fixtures import eval_files, write_pages, write_results


def test_dates_periods_and_sources():
    assert str(parse_date("2024-03-01T12:00:00Z")) == "2024-03-01" and parse_date("March 1") is None
    assert parse_date("2024-02-30") is None and parse_date(None) is None
    assert period_of(parse_date("2024-01-03"), "week") == "2024-W01" == period_of(parse_date("2024-01-07"), "week")
    assert period_of(parse_date("2024-12-30"), "week") == "2025-W01"  # ISO weeks
    assert period_of(parse_date("2024-01-03"), "month") == "2024-01" and period_of(None, "month") == "undated"
    assert source_of({"source": " Wire "}) == "Wire" and source_of({"url": "https://www.a.example/x"}) == "a.example"
    assert source_of({}) == source_of({"url": "not a url"}) == "unknown source"


def test_aggregates_count_each_actor_and_keep_the_buckets(tmp_path):
    rows = write_results(tmp_path / "r.jsonl", 70)
    corpus = aggregate(read_results([tmp_path / "r.jsonl"]), by="month", top=5)
    assert len(corpus.rows) == 70 and corpus.skipped == 2
    assert corpus.periods[-1] == "undated" and corpus.volume["undated"] == sum(k % 7 == 3 for k in range(70))
    assert "unknown source" in corpus.sources and "Site 1" in corpus.sources and "site1.example" in corpus.sources
    russia = sum(sum(c.values()) for c in corpus.by_period["Russia"].values())
    assert russia == 70  # every row counted once for each actor, absent included
    labels = [s["label"] for r in rows for s in r["stances"] if s["actor"] == "Russia"]
    assert corpus.by_period["Russia"]["2024-01"]["absent"] <= labels.count("absent")
    assert len(corpus.movers) == 5 and corpus.movers[0].shift >= corpus.movers[-1].shift
    assert all(m.reference for m in corpus.movers) and "None" not in {m.reference for m in corpus.movers}


def test_report_files_csv_and_links(tmp_path):
    rows = write_results(tmp_path / "r.jsonl", 120)
    write_pages(tmp_path / "pages", rows, 10)
    files = corpus_report([tmp_path / "r.jsonl"], out_dir=tmp_path / "out", pages_dir=tmp_path / "pages",
                          page_size=50)
    assert set(files) == {"report.html", "articles-001.html", "articles-002.html", "articles-003.html",
                          "stance_by_period.csv", "stance_by_source.csv", "movers.csv"}
    page = files["report.html"]
    assert page.count("<svg") == 2 and "<script" not in page and "&lt;script&gt;alert(" in page
    lists = "".join(v for k, v in files.items() if k.startswith("articles-"))
    assert lists.count('href="../pages/') == 10 and lists.count("<tr>") == 123
    table = list(csv.DictReader(io.StringIO(files["stance_by_period.csv"])))
    assert {r["label"] for r in table} == {"conciliatory", "confrontational", "neutral"}
    shares = {}
    for r in table:
        shares[(r["period"], r["actor"])] = shares.get((r["period"], r["actor"]), 0) + float(r["share"])
    assert all(abs(s - 1) < 1e-3 or s == 0 for s in shares.values())


def test_eval_page_renders_new_systems_and_keys(tmp_path):
    page = eval_page(eval_files(), config={"seed": 0}, pages={"test-01": "articles/t1.html"})
    assert "oracle" in page and "novel" in page and page.count("<svg") == 1
    assert page.count("Confusion matrix,") == 2 and 'href="articles/t1.html"' in page
    assert "&lt;b&gt;" not in page or "<b>s</b>" not in page


def test_palette_passes_wcag_aa():
    failing = [(what, round(contrast(fg, bg), 2)) for what, fg, bg in pairs() if contrast(fg, bg) < 4.5]
    assert failing == []


@pytest.mark.slow
def test_a_20000_row_report_is_fast_and_small(tmp_path):
    write_results(tmp_path / "r.jsonl", 20_000)
    start = time.perf_counter()
    files = corpus_report([tmp_path / "r.jsonl"], out_dir=tmp_path / "out")
    seconds = time.perf_counter() - start
    assert seconds < 30, seconds
    assert len(files["report.html"].encode()) < 5_000_000
    assert max(len(v.encode()) for v in files.values()) < 5_000_000
