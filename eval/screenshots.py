"""Make the three pages from real runs and screenshot them for the README (``make screenshots``).

1. ``nlp analyze`` on the seed article (``../shared/articles/positive-shifts.txt``) with
   ``--html``;
2. a 500-article batch built from the reference set the way ``nlp bench`` builds its corpus,
   with a date, a source and a URL on most rows (some left without, to show the
   "undated"/"unknown source" buckets), run with ``--html-dir``, then ``nlp report``;
3. ``nlp eval --out``.

Dates and sources are synthetic (the reference set's articles, spread over six months and
seven made-up ``.example`` sites); the stances are the tool's own. Result lines that do not
carry the input rows' ``date``/``source``/``url`` get them joined back by id.

Usage: ``python -m eval.screenshots [--work DIR] [--img docs/img] [-n 500]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from .bench import build_corpus
from .references import DEFAULT_FILES

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "articles" / "positive-shifts.txt"
SOURCES = ("northwire.example", "eastern-daily.example", "capital-times.example", "global-report.example",
           "baltic-news.example", "harbour-post.example", "frontline-digest.example")
START = date(2024, 1, 1)
#: (page, PNG, height of the shot in CSS pixels; None: the whole page)
SHOTS = (("seed.html", "article.png", None), ("report/report.html", "report.png", 2300),
         ("eval/report.html", "eval.png", 1700))


def batch_rows(n: int) -> list[dict]:
    """``n`` articles with their reference titles and synthetic metadata; every 29th
    undated, every 19th without a source."""
    titles = [json.loads(line).get("title") for path in DEFAULT_FILES if path.exists() for line in path.read_text().splitlines()]
    rows = []
    for k, row in enumerate(build_corpus(n)):
        row = {**row, "title": titles[k % len(titles)], "date": (START + timedelta(days=k * 182 // n)).isoformat()}
        if k % 29 == 5:
            del row["date"]
        if k % 19 != 7:
            site = SOURCES[(k * 5 + k // 7) % len(SOURCES)]
            row["source"], row["url"] = site, f"https://{site}/world/{row['id']}"
        rows.append(row)
    return rows


def join_metadata(results: Path, rows: list[dict]) -> None:
    """Give result lines the input rows' date/source/url (and title) where the batch did
    not carry them."""
    meta = {r["id"]: {k: r[k] for k in ("date", "source", "url", "title") if r.get(k)} for r in rows}
    lines = []
    for line in results.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        extra = meta.get(result.get("id"), {})
        result = {**extra, **result, "title": result.get("title") or extra.get("title")}
        lines.append(json.dumps(result, ensure_ascii=False))
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")


def nlp(*args: str) -> None:
    print("$ nlp " + " ".join(args), flush=True)
    subprocess.run([sys.executable, "-m", "nlp", *args], check=True, cwd=ROOT)


def make_pages(work: Path, n: int) -> None:
    work.mkdir(parents=True, exist_ok=True)
    nlp("analyze", str(SEED), "--html", str(work / "seed.html"), "--quiet")
    rows = batch_rows(n)
    corpus = work / "batch.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    start = time.perf_counter()
    nlp("analyze", str(corpus), "--out", str(work / "results.jsonl"), "--html-dir", str(work / "pages"),
        "--overwrite", "--quiet")
    print(f"batch: {time.perf_counter() - start:.0f} s", flush=True)
    join_metadata(work / "results.jsonl", rows)
    nlp("report", str(work / "results.jsonl"), "--out", str(work / "report"), "--pages", str(work / "pages"))
    nlp("eval", "--out", str(work / "eval"), "--quiet")


def take_screenshots(work: Path, img: Path, width: int = 1200) -> list[Path]:
    """PNG shots of the three pages, reduced to 256 colours to keep the repository small."""
    from PIL import Image

    from .browser import chromium, open_page

    img.mkdir(parents=True, exist_ok=True)
    written = []
    with chromium() as browser:
        for page_path, name, height in SHOTS:
            with open_page(browser, work / page_path, width=width, height=900) as (page, visit):
                if visit.console_errors or visit.network_requests:
                    raise RuntimeError(f"{page_path}: {visit.console_errors} {visit.network_requests}")
                full = page.evaluate("document.documentElement.scrollHeight")
                clip = {"x": 0, "y": 0, "width": width, "height": min(height or full, full)}
                out = img / name
                page.screenshot(path=str(out), clip=clip, full_page=True)
            Image.open(out).convert("RGB").quantize(colors=256, dither=Image.Dither.NONE).save(out, optimize=True)
            written.append(out)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pages")
    parser.add_argument("--img", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("--shots-only", action="store_true", help="Screenshot pages already in --work.")
    args = parser.parse_args(argv)
    if not args.shots_only:
        make_pages(args.work, args.n)
    for path in take_screenshots(args.work, args.img):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
              f"({path.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
