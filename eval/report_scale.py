"""How ``nlp report`` scales: a large result file made from a real batch's lines, timed.

Usage: ``python -m eval.report_scale RESULTS.jsonl [-n 20000] [--work DIR]``

The lines of RESULTS are cycled to ``n`` rows, each with a new id, a date spread over two
years (every 31st undated) and one of 40 sources (every 23rd without), then ``nlp report``
runs on them in a fresh process; its wall time and the sizes of what it wrote are printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path


def scale(results: Path, n: int, out: Path) -> None:
    lines = [json.loads(x) for x in results.read_text(encoding="utf-8").splitlines() if x.strip()]
    with out.open("w", encoding="utf-8") as fh:
        for k in range(n):
            row = {key: v for key, v in lines[k % len(lines)].items() if key not in ("date", "source", "url")}
            row["id"] = f"scaled-{k:06d}"
            if k % 31 != 4:
                row["date"] = (date(2023, 1, 1) + timedelta(days=k * 730 // n)).isoformat()
            if k % 23 != 6:
                row["source"] = f"site-{(k * 7) % 40:02d}.example"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("-n", type=int, default=20_000)
    parser.add_argument("--work", type=Path, default=Path("build/report-scale"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    big = args.work / "results.jsonl"
    scale(args.results, args.n, big)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nlp", "report", str(big), "--out", str(args.work / "report"), "-q"],
                   check=True)
    seconds = time.perf_counter() - start
    sizes = {p.name: p.stat().st_size for p in (args.work / "report").iterdir()}
    lists = [v for k, v in sizes.items() if k.startswith("articles-")]
    print(f"{args.n} rows ({big.stat().st_size / 1e6:.1f} MB of results): nlp report took {seconds:.1f} s "
          f"(process start included); report.html {sizes['report.html'] / 1e6:.2f} MB; "
          f"{len(lists)} article lists, largest {max(lists) / 1e6:.2f} MB; "
          f"CSV {sum(v for k, v in sizes.items() if k.endswith('.csv')) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
