"""Batch runs: many articles, results streamed to JSONL, resumable, bad records set aside.

The unit of work is :func:`analyze_batch`, a function from a batch of columns to a batch of
columns (the shape ``datasets.Dataset.map(batched=True)`` and Ray Data's ``map_batches``
use), given the ``Analyzer`` that holds the loaded models. Each process builds its analyzer
once (this one, each worker, each Ray actor), so the same function runs here, in worker
processes, or on a cluster engine (see ``docs/scaling.md``).

:func:`run_batch` drives it over a record stream: a chunk of records at a time, each
result line written and flushed as soon as its chunk is done, so a killed run loses at
most one chunk, and ``resume`` skips every id already written.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .config import AnalyzerConfig
from .errors import NlpError, UsageError
from .inputs import Record
from .pipeline import Analyzer

#: Articles per call of ``analyze_batch``: enough to batch the encoder well, small enough
#: that a killed run loses little.
DEFAULT_CHUNK = 16


def analyze_batch(batch: dict[str, list], analyzer: Analyzer) -> dict[str, list]:
    """Analyse a batch of articles given as columns.

    Args:
        batch: ``{"id": [...], "text": [...]}`` and optionally ``"title"``.
        analyzer: the process's analyzer (models already loaded).

    Returns:
        ``{"id": [...], "result": [...], "error": [...]}``: per article either a JSON string
        of the analysis (``result``) or the reason it failed (``error``), the other None.
    """
    from .article import Article

    ids, texts = list(batch["id"]), list(batch["text"])
    titles = list(batch["title"]) if batch.get("title") is not None else [None] * len(ids)
    articles, errors = [], []
    for rid, text, title in zip(ids, texts, titles):
        try:
            articles.append(Article.from_text(text, id=str(rid), title=title or None))
            errors.append(None)
        except NlpError as exc:
            articles.append(None)
            errors.append(f"{rid}: {exc}")
    good = [a for a in articles if a is not None]
    try:
        analyses = analyzer.analyze_articles(good)
    except NlpError:  # one article's failure must not take the others with it: go one by one
        analyses = [_analyze_one(analyzer, a) for a in good]
    results: list[str | None] = []
    done = iter(analyses)
    for i, article in enumerate(articles):
        analysis = next(done) if article is not None else None
        if isinstance(analysis, NlpError):
            errors[i] = f"{article.id}: {analysis}"
            analysis = None
        results.append(None if analysis is None else json.dumps(analysis.as_dict(), ensure_ascii=False))
    return {"id": [str(i) for i in ids], "result": results, "error": errors}


def _analyze_one(analyzer: Analyzer, article):
    try:
        return analyzer.analyze_articles([article])[0]
    except NlpError as exc:
        return exc


class AnalyzeBatch:
    """:func:`analyze_batch` as a callable class, the form Ray Data's ``map_batches`` wants
    for stateful work: each Ray actor builds its analyzer (and loads models) once.

    Example (``pip install '.[ray]'``; see docs/scaling.md)::

        import ray
        ds = ray.data.read_json("corpus.jsonl")
        out = ds.map_batches(AnalyzeBatch, fn_constructor_kwargs={"config": AnalyzerConfig()},
                             batch_size=16, concurrency=4)
        out.write_json("results/")
    """

    def __init__(self, config: AnalyzerConfig | None = None):
        self.analyzer = Analyzer(config)

    def __call__(self, batch: dict) -> dict[str, list]:
        return analyze_batch(batch, self.analyzer)


@dataclass
class BatchReport:
    """Counts for the end-of-run line."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0


def completed_ids(*paths: Path | None) -> set[str]:
    """Ids already recorded in result/error JSONL files; a torn last line is cut off."""
    ids: set[str] = set()
    for path in paths:
        if path is None or not path.exists():
            continue
        _drop_torn_tail(path)
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    ids.add(str(json.loads(line)["id"]))
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue
    return ids


def _drop_torn_tail(path: Path) -> None:
    """A run killed mid-write leaves a partial last line; remove it so appends stay valid."""
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _columns(chunk: list[Record]) -> dict[str, list]:
    return {"id": [r.id for r in chunk], "text": [r.text for r in chunk], "title": [r.title for r in chunk]}


def check_options(*, out: Path | None, resume: bool) -> None:
    """The batch options' rules, checked before any model loads.

    Raises:
        UsageError: naming the option.
    """
    if resume and out is None:
        raise UsageError("--resume needs --out")


def run_batch(
    records: Iterable[Record],
    config: AnalyzerConfig,
    *,
    out: Path | None,
    errors: Path | None,
    resume: bool = False,
    overwrite: bool = False,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK,
    on_result: Callable[[dict], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_skip: Callable[[int], None] | None = None,
    on_record: Callable[[Record, dict], None] | None = None,
) -> BatchReport:
    """Analyse ``records``, appending one JSON line per article to ``out``.

    Args:
        records: from :func:`nlp.inputs.iter_records`; records with ``error`` set go
            straight to the errors file.
        out / errors: JSONL files for results and failures (None: results only go to
            ``on_result``, failures only to the report).
        resume: skip ids already in ``out`` or ``errors`` and append to them.
        overwrite: start ``out``/``errors`` afresh even if they hold results.
        workers: processes analysing chunks in parallel (each loads its own models).
        on_result: called with each result object (e.g. to print it).
        on_progress: called with the number of articles finished (ok or failed) each time.
        on_skip: called with 1 for each article a resumed run skips.
        on_record: called with each analysed record (its text included) and its result
            object, e.g. to render the article's page.
    """
    if out is not None and out.exists() and out.stat().st_size > 0 and not (resume or overwrite):
        raise UsageError(f"{out} already holds results: add --resume to continue that run, "
                         "or --overwrite to start again")
    done_ids = completed_ids(out, errors) if resume else set()
    check_options(out=out, resume=resume)
    analyzer = Analyzer(config) if workers <= 1 else None  # load before the clock starts
    mode = "a" if resume else "w"
    out_fh = out.open(mode, encoding="utf-8") if out is not None else None
    err_fh = errors.open(mode, encoding="utf-8") if errors is not None else None
    report = BatchReport()
    start = time.perf_counter()

    def fail(rid: str, source: str, reason: str) -> None:
        report.failed += 1
        report.failures.append(reason)
        if err_fh is not None:
            err_fh.write(json.dumps({"id": rid, "source": source, "error": reason}, ensure_ascii=False) + "\n")
            err_fh.flush()

    def pending() -> Iterator[Record]:
        for record in records:
            if record.id in done_ids:
                report.skipped += 1
                if on_skip:
                    on_skip(1)
                continue
            if record.error is not None:
                fail(record.id, record.source, record.error)
                if on_progress:
                    on_progress(1)
                continue
            yield record

    try:
        for chunk, result in _map_chunks(_chunks(pending(), chunk_size), analyzer or config, workers):
            for record, rid, line, error in zip(chunk, result["id"], result["result"], result["error"]):
                if error is not None:
                    fail(rid, record.source, error)
                    continue
                report.done += 1
                if out_fh is not None:
                    out_fh.write(line + "\n")
                if on_result is not None or on_record is not None:
                    parsed = json.loads(line)
                    if on_result is not None:
                        on_result(parsed)
                    if on_record is not None:
                        on_record(record, parsed)
            if out_fh is not None:
                out_fh.flush()
                os.fsync(out_fh.fileno())
            if on_progress:
                on_progress(len(chunk))
    finally:
        for fh in (out_fh, err_fh):
            if fh is not None:
                fh.close()
        report.seconds = time.perf_counter() - start
    return report


def _map_chunks(chunks: Iterator[list[Record]], analyzer: Analyzer | AnalyzerConfig, workers: int):
    """(chunk, analyze_batch(chunk)) in order, with this process's analyzer or in a pool of
    ``workers`` processes built from the config."""
    if isinstance(analyzer, Analyzer):
        for chunk in chunks:
            yield chunk, analyze_batch(_columns(chunk), analyzer)
        return
    import multiprocessing

    threads = max(1, (os.cpu_count() or 1) // workers)
    context = multiprocessing.get_context("spawn")  # torch and fork do not mix
    with context.Pool(workers, initializer=_init_worker, initargs=(analyzer, threads)) as pool:
        pending: list = []
        for chunk in chunks:
            pending.append((chunk, pool.apply_async(_worker_batch, (_columns(chunk),))))
            while len(pending) > workers * 2:  # bounded read-ahead keeps memory flat
                done_chunk, result = pending.pop(0)
                yield done_chunk, result.get()
        for done_chunk, result in pending:
            yield done_chunk, result.get()


#: The worker process's analyzer, built once by the pool's initializer.
_WORKER_ANALYZER: Analyzer | None = None


def _init_worker(config: AnalyzerConfig, threads: int) -> None:
    global _WORKER_ANALYZER
    import torch

    torch.set_num_threads(threads)
    _WORKER_ANALYZER = Analyzer(config)


def _worker_batch(batch: dict[str, list]) -> dict[str, list]:
    assert _WORKER_ANALYZER is not None
    return analyze_batch(batch, _WORKER_ANALYZER)
