"""``nlp bench``: throughput, latency, memory and cold start, against the encoder-only floor.

Each configuration runs in a fresh Python process, so its model load time and peak RSS
are its own:

- ``encoder floor``: only the sentence encoder, on exactly the texts the pipeline encodes
  (every sentence and title), in the same batches. The pipeline cannot beat this, so
  ``pipeline / floor`` says how much everything else costs.
- ``analyze``: the embedded default, through the batch path (``nlp.batch.analyze_batch``).
- ``lead``: ``summarize --summarizer lead``, no model: the cost of reading and cleaning.

Throughput comes from the batch path over the whole corpus; latency from single-article
calls (``Analyzer.analyze``) on a sample. Cold start is a separate ``python -m nlp`` process, from launch to its first
printed result. The corpus is read from a JSONL file or built from the reference set's
66 articles (cycled, paragraphs rotated on each pass, never two copies in one batch).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .references import DATA_DIR

#: The built-in corpus: the 2022-2023 reference articles, fixed so that figures stay comparable.
BENCH_FILES = (DATA_DIR / "dev.jsonl", DATA_DIR / "test.jsonl")

CHUNK = 16
LATENCY_SAMPLE = 40


@dataclass(frozen=True)
class Config:
    name: str
    mode: str  # "floor", "analyze" or "lead"
    quantize: bool = False


CONFIGS = (
    Config("encoder floor (fp32)", "floor"),
    Config("analyze, embedded (fp32)", "analyze"),
    Config("encoder floor (int8)", "floor", quantize=True),
    Config("analyze, embedded (int8)", "analyze", quantize=True),
    Config("summarize, lead", "lead"),
)


@dataclass
class Measurement:
    config: str
    load_s: float = 0.0
    cold_start_s: float | None = None
    articles_per_s: float = 0.0
    sentences_per_s: float = 0.0
    p50_ms: float | None = None
    p95_ms: float | None = None
    peak_rss_mb: float = 0.0
    extra: dict = field(default_factory=dict)


def build_corpus(n: int, *, data: Path | None = None, text_field: str = "text") -> list[dict]:
    """``n`` articles as ``{"id", "text"}``: from ``data`` (JSONL), else from the reference set."""
    if data is not None:
        from nlp.errors import InputError
        from nlp.inputs import json_error, jsonl_rows

        rows = []
        try:
            with open(data, encoding="utf-8") as fh:
                for number, row in jsonl_rows(fh):
                    if isinstance(row, ValueError):
                        raise InputError(f"{data}:{number}: invalid JSON ({json_error(row)})")
                    if isinstance(row, dict) and isinstance(row.get(text_field), str) and row[text_field].strip():
                        rows.append({"id": str(row.get("id", len(rows))), "text": row[text_field]})
                    if len(rows) >= n:
                        break
        except UnicodeDecodeError as exc:
            raise InputError(f"{data}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x})") from None
        except OSError as exc:
            raise InputError(f"{data}: cannot read ({exc.strerror})") from None
        if not rows:
            raise InputError(f"{data}: no rows with a '{text_field}' string to benchmark")
        return rows
    sources = [json.loads(line)["text"] for path in BENCH_FILES for line in path.read_text().splitlines()]
    corpus = []
    for k in range(n):
        paragraphs = sources[k % len(sources)].split("\n\n")
        turn = (k // len(sources)) % max(len(paragraphs), 1)
        corpus.append({"id": f"bench-{k:05d}", "text": "\n\n".join(paragraphs[turn:] + paragraphs[:turn])})
    return corpus


def _chunks(rows: Sequence[dict], size: int = CHUNK):
    for lo in range(0, len(rows), size):
        yield rows[lo : lo + size]


def _peak_rss_mb() -> float:
    """This process's peak RSS. On Linux, VmHWM: ``ru_maxrss`` can carry over the high-water
    mark of the parent that forked it (here, one that just exported the int8 model)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def measure(config: Config, corpus: Sequence[dict]) -> Measurement:
    """Run one configuration in this process (the worker side of :func:`run_bench`)."""
    from nlp.article import Article
    from nlp.batch import analyze_batch
    from nlp.config import AnalyzerConfig
    from nlp.pipeline import Analyzer

    out = Measurement(config.name)
    tasks = ("summary",) if config.mode == "lead" else ("summary", "stance")
    system = AnalyzerConfig(summarizer="lead" if config.mode == "lead" else "embedded", tasks=tasks,
                            quantize=config.quantize)
    start = time.perf_counter()
    analyzer = Analyzer(system)
    encoder = analyzer.models.encoder if config.mode != "lead" else None
    out.load_s = time.perf_counter() - start
    n_sentences = 0

    if config.mode == "floor":
        batches = []
        for chunk in _chunks(corpus):
            articles = [Article.from_text(r["text"]) for r in chunk]
            batches.append([s.text for a in articles for s in a.sentences] + [a.title for a in articles if a.title])
        encoder.encode(batches[0][:8])  # warm-up, as the pipeline gets from its first batch
        elapsed = 0.0
        for texts in batches:
            t = time.perf_counter()
            encoder.encode(texts, batch_size=system.batch_size)
            elapsed += time.perf_counter() - t
            n_sentences += len(texts)
    else:
        if encoder is not None:
            encoder.encode(["warm-up sentence for the encoder."])
        t = time.perf_counter()
        for chunk in _chunks(corpus):
            result = analyze_batch({"id": [r["id"] for r in chunk], "text": [r["text"] for r in chunk]}, analyzer)
            failed = [e for e in result["error"] if e]
            if failed:
                raise RuntimeError(f"benchmark articles failed: {failed[:3]}")
        elapsed = time.perf_counter() - t
        latencies = []
        for row in corpus[:LATENCY_SAMPLE]:
            t = time.perf_counter()
            analyzer.analyze(row["text"])
            latencies.append((time.perf_counter() - t) * 1000)
        out.p50_ms = statistics.median(latencies)
        out.p95_ms = sorted(latencies)[max(0, int(round(0.95 * len(latencies))) - 1)]
    out.articles_per_s = len(corpus) / elapsed if elapsed else 0.0
    out.sentences_per_s = n_sentences / elapsed if elapsed and n_sentences else 0.0
    out.peak_rss_mb = _peak_rss_mb()
    return out


def cold_start(config: Config, article: Path) -> float:
    """Seconds from launching ``python -m nlp`` to the end of its first result."""
    if config.mode == "lead":
        args = ["summarize", str(article), "--summarizer", "lead", "--json"]
    else:
        args = ["analyze", str(article), "--json"] + (["--quantize"] if config.quantize else [])
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "nlp", *args], capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"cold start run failed: {proc.stderr.strip()[-300:]}")
    return seconds


def run_bench(n: int = 200, *, data: Path | None = None, text_field: str = "text",
              configs: Sequence[Config] = CONFIGS, corpus: list[dict] | None = None) -> list[Measurement]:
    """Measure every configuration, each in its own process (on ``corpus`` if given, else on
    :func:`build_corpus`'s)."""
    if corpus is None:
        corpus = build_corpus(n, data=data, text_field=text_field)
    if not corpus:
        raise ValueError("no articles to benchmark")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus_path = Path(tmp) / "corpus.jsonl"
        corpus_path.write_text("".join(json.dumps(r) + "\n" for r in corpus))
        sample = Path(tmp) / "article.txt"
        sample.write_text(corpus[0]["text"])
        for index, config in enumerate(configs):
            if config.quantize:  # prepare the int8 export outside the timed runs
                from nlp.encoder import load_encoder

                load_encoder(precision="int8")
            proc = subprocess.run(
                [sys.executable, "-m", "eval.bench", "--worker", str(index), "--corpus", str(corpus_path)],
                capture_output=True, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
            if proc.returncode != 0:
                raise RuntimeError(f"{config.name}: {proc.stderr.strip()[-500:]}")
            m = Measurement(**json.loads(proc.stdout.strip().splitlines()[-1]))
            if config.mode != "floor":
                m.cold_start_s = cold_start(config, sample)
            results.append(m)
    return results


def render(results: Sequence[Measurement], n: int) -> str:
    """The benchmark table, with ratios to the fp32 encoder floor and fp32 pipeline."""
    by_name = {m.config: m for m in results}
    floor = by_name.get("encoder floor (fp32)")
    fp32 = by_name.get("analyze, embedded (fp32)")
    lines = [
        f"Benchmark: {n} articles, {os.cpu_count()} CPU cores",
        "",
        "| configuration | model load s | cold start s | articles/s | vs fp32 floor | vs fp32 analyze "
        "| p50 ms | p95 ms | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]

    def fmt(x, spec):
        return "-" if x is None else format(x, spec)

    for m in results:
        vs_floor = m.articles_per_s / floor.articles_per_s if floor else None
        vs_fp32 = m.articles_per_s / fp32.articles_per_s if fp32 and m.config.startswith("analyze") else None
        lines.append(
            f"| {m.config} | {m.load_s:.2f} | {fmt(m.cold_start_s, '.2f')} | {m.articles_per_s:.2f} | "
            f"{fmt(vs_floor, '.2f')}x | {fmt(vs_fp32, '.2f') + 'x' if vs_fp32 else '-'} | "
            f"{fmt(m.p50_ms, '.0f')} | {fmt(m.p95_ms, '.0f')} | {m.peak_rss_mb:.0f} |"
        )
    floors = [m for m in results if m.sentences_per_s]
    if floors:
        lines += ["", "Encoder alone: " + "; ".join(f"{m.config.split('(')[1].rstrip(')')} "
                                                  f"{m.sentences_per_s:.0f} sentences/s" for m in floors)]
    return "\n".join(lines)


def _worker(argv: Sequence[str]) -> None:
    index = int(argv[argv.index("--worker") + 1])
    corpus_path = Path(argv[argv.index("--corpus") + 1])
    corpus = [json.loads(line) for line in corpus_path.read_text().splitlines()]
    print(json.dumps(measure(CONFIGS[index], corpus).__dict__))


if __name__ == "__main__":
    _worker(sys.argv)
