"""Synthetic batch results and eval reports for the page tests (no model needed)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from nlp.article import Article
from nlp.html import article_page, page_name

LABELS = ("conciliatory", "confrontational", "neutral")
ACTORS = ("Russia", "Ukraine", "US")
TEXT = ("Talks resume in Istanbul\n\nRussia said on Monday it was ready to talk. Ukraine's minister "
        "said Kyiv wanted guarantees first. The US urged both sides to keep talking.\n")


def result_row(k: int, rng: random.Random, *, dated: bool = True, sourced: bool = True) -> dict:
    stances = []
    for actor in ACTORS:
        if rng.random() < 0.1:
            stances.append({"actor": actor, "label": "absent", "scores": {}, "mentions": 0, "evidence": []})
            continue
        raw = [rng.random() ** 2 for _ in LABELS]
        scores = {x: round(v / sum(raw), 4) for x, v in zip(LABELS, raw)}
        stances.append({"actor": actor, "label": max(scores, key=scores.get), "scores": scores,
                        "mentions": 2, "evidence": [{"text": "Russia said on Monday it was ready to talk.",
                                                     "start": 26, "end": 69, "role": "speaker", "weight": 1.0}]})
    row = {"id": f"art-{k:05d}", "title": f"Story {k} <script>alert({k})</script>",
           "summary": {"text": "x", "method": "lead", "sentences": []}, "stances": stances,
           "meta": {"words": 30}}
    if dated:
        row["date"] = (date(2024, 1, 1) + timedelta(days=k % 120)).isoformat() + "T08:00:00Z"
    if sourced:
        row["url"] = f"https://www.site{k % 4}.example/a/{k}"
        if k % 3:
            row["source"] = f"Site {k % 4}"
    return row


def write_results(path: Path, n: int, *, seed: int = 0) -> list[dict]:
    """``n`` result lines: most dated and sourced, some neither, one error line, one bad line."""
    rng = random.Random(seed)
    rows = [result_row(k, rng, dated=k % 7 != 3, sourced=k % 5 != 2) for k in range(n)]
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
        fh.write('{"id": "bad", "error": "no text"}\nnot json\n')
    return rows


def write_pages(directory: Path, rows: list[dict], count: int) -> None:
    """Annotated pages for the first ``count`` rows."""
    directory.mkdir(parents=True, exist_ok=True)
    article = Article.from_text(TEXT)
    for row in rows[:count]:
        (directory / page_name(row["id"])).write_text(article_page(row, article), encoding="utf-8")


def eval_files(pages: dict[str, str] | None = None) -> list[dict]:
    """An eval report with an extra system ('oracle') and an extra key, as later versions may add."""
    def ci(m):
        return {"mean": m, "low": m - 0.03, "high": m + 0.03}

    summary = {s: {"rouge1": ci(m), "rouge2": ci(m / 3), "rougeLsum": ci(m * 0.8), "words": 55.0,
                   "compression": 0.1, "novel": 0.5}
               for s, m in (("system", 0.47), ("lead-3", 0.42), ("oracle", 0.61))}
    confusion = {g: {p: (5 if g == p else 1) for p in (*LABELS, "absent")} for g in (*LABELS, "absent")}
    stance = {s: {"n": 42, "accuracy": a, "macro_f1": a - 0.05, "per_label_f1": {x: a for x in LABELS},
                  "absent": {"f1": 1.0}, "confusion": confusion}
              for s, a in (("system", 0.86), ("majority", 0.57))}
    predictions = [{"id": f"test-{i:02d}", "summary": "<b>s</b>", "rouge": {"rouge1": 0.4, "rougeLsum": 0.3},
                    "stances": [{"actor": "Russia", "gold": "neutral", "pred": "neutral" if i % 2 else "confrontational"}]}
                   for i in range(1, 5)]
    return [{"path": "eval/data/test.jsonl", "n_articles": 4, "summary": summary, "stance": stance,
             "stance_groups": {"war-2022": stance["system"]}, "timing": {"seconds": 1.0},
             "predictions": predictions}]
