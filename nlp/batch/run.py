""":func:`run_batch`: many articles, results streamed to JSONL, resumable, bad records set aside.

It drives :func:`~nlp.batch.analyze.analyze_batch` over a record stream, a chunk of records
at a time, in this process or in supervised worker processes (``workers.py``). Each chunk's
result lines are written and ``fsync``ed as soon as it is done, so a killed run loses at
most the chunks in flight, and ``resume`` skips every id already written. Before any model
loads, the output paths are checked (``paths.py``) and locked, and a resumed file's run
record is checked against the configuration (``files.py``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import AnalyzerConfig
from ..pipeline import Analyzer
from ..records import Record
from .analyze import analyze_batch, columns
from .files import RunFiles
from .paths import check_paths

#: Articles per call of ``analyze_batch``: enough to batch the encoder well, small enough
#: that a killed run loses little.
DEFAULT_CHUNK = 16


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


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(
    records: Iterable[Record],
    config: AnalyzerConfig,
    *,
    out: Path | None,
    errors: Path | None,
    inputs: Sequence[str] = (),
    errors_given: bool = True,
    resume: bool = False,
    overwrite: bool = False,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK,
    on_result: Callable[[dict], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_skip: Callable[[int], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_record: Callable[[Record, dict], None] | None = None,
) -> BatchReport:
    """Analyse ``records``, appending one JSON line per article to ``out``.

    Args:
        records: from :func:`nlp.records.iter_records`; records with ``error`` set go
            straight to the errors file.
        out / errors: JSONL files for results and failures (None: results only go to
            ``on_result``, failures only to the report). Both are locked for the run.
        inputs: the paths ``records`` come from, so that no output can overwrite one.
        errors_given: whether the user named ``errors`` (for messages).
        resume: skip ids already in ``out`` or ``errors`` and append to them; the run record
            beside ``out`` must hold the same configuration.
        overwrite: start ``out``/``errors`` afresh even if they hold results.
        workers: processes analysing chunks in parallel (each loads its own models).
        on_result: called with each result object (e.g. to print it).
        on_progress: called with the number of articles finished (ok or failed) each time.
        on_skip: called with 1 for each article a resumed run skips.
        on_warning: called with each warning (a resumed file's set-aside lines).
        on_record: called with each analysed record (its text included) and its result
            object, e.g. to render the article's page.

    Raises:
        UsageError: paths or options that do not go together (before any model loads).
        OutputError: another run holds ``out`` or ``errors``, or a write failed.
        ModelUnavailableError: the models cannot be loaded (once, however many workers).
    """
    check_paths(inputs, out=out, errors=errors, errors_given=errors_given, resume=resume, overwrite=overwrite)
    report = BatchReport()
    settings = json.loads(config.fingerprint())
    with RunFiles(out, errors, config=settings, resume=resume, overwrite=overwrite,
                  warn=on_warning or (lambda message: None)) as files:
        done_ids = files.done

        def fail(record_id: str, source: str, reason: str) -> None:
            report.failed += 1
            report.failures.append(reason)
            files.write_error({"id": record_id, "input": source, "error": reason})

        def pending() -> Iterator[Record]:
            for record in records:
                if record.id in done_ids:
                    report.skipped += 1
                    if on_skip:
                        on_skip(1)
                elif record.error is not None:
                    fail(record.id, record.source, record.error)
                    if on_progress:
                        on_progress(1)
                else:
                    yield record

        analyzer = Analyzer(config) if workers <= 1 else None  # load before the clock starts
        start = time.perf_counter()
        try:
            for chunk, result in _map_chunks(_chunks(pending(), chunk_size), analyzer or config, workers,
                                             warn=on_warning or (lambda message: None)):
                done = []
                for record, line, error in zip(chunk, result["result"], result["error"]):
                    if error is not None:
                        fail(record.id, record.source, error)
                    else:
                        done.append((record, line))
                files.write_results([line for _, line in done])
                report.done += len(done)
                if on_result is not None or on_record is not None:
                    for record, line in done:
                        parsed = json.loads(line)
                        if on_result is not None:
                            on_result(parsed)
                        if on_record is not None:
                            on_record(record, parsed)
                if on_progress:
                    on_progress(len(chunk))
            files.write_results([])  # the last errors, durable too
        finally:
            report.seconds = time.perf_counter() - start
    return report


def _map_chunks(chunks: Iterator[list[Record]], engine: Analyzer | AnalyzerConfig, workers: int, *,
                warn: Callable[[str], None]):
    """(chunk, analyze_batch(chunk)) in order: with this process's analyzer, or in up to
    ``workers`` processes built from the config."""
    if isinstance(engine, Analyzer):
        for chunk in chunks:
            yield chunk, analyze_batch(columns(chunk), engine)
        return
    config = engine
    from .workers import WorkerPool, check_models

    first = next(chunks, None)  # no input left to analyse: no worker, no model
    if first is None:
        return
    check_models(config)
    yield from WorkerPool(config, workers, warn=warn).map(_prepend(first, chunks))


def _prepend(first, rest):
    yield first
    yield from rest
