"""Worker processes for batch runs (``--workers N``), supervised.

``multiprocessing.Pool`` replaces a worker that dies, silently and without end: a model that
could not load became an endless stream of tracebacks, and a worker killed by the kernel
left the run waiting for a result that never came. Here each worker is a spawned process
with a pipe, and the parent watches the pipes and the processes together:

- a worker loads its models, then says it is ready; if loading fails it sends the error and
  exits, and the run ends with that one error;
- a worker that dies (killed, out of memory, a crash in native code) is noticed at once: the
  chunk it held is retried one article at a time in a fresh worker, and an article that
  takes a second worker down with it becomes an error record; the run carries on;
- workers that die before they are ready, twice, end the run.

Workers start only as there is work for them (never more than the chunks to analyse), and
results come back in the order the chunks went out, whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait

from ..config import AnalyzerConfig
from ..errors import NlpError
from ..records import Record

#: Workers that may die before they are ready (while loading models) before the run ends.
MAX_LOAD_DEATHS = 2


@dataclass(eq=False)
class _Task:
    records: list[Record]
    attempt: int = 0
    result: dict | None = None


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object
    ready: bool = False
    task: _Task | None = None


class WorkerPool:
    """Up to ``size`` worker processes, each with its own :class:`~nlp.Analyzer`."""

    def __init__(self, config: AnalyzerConfig, size: int, *, warn: Callable[[str], None] = lambda message: None):
        self.config, self.size, self.warn = config, size, warn
        self.threads = max(1, (os.cpu_count() or 1) // size)
        self.workers: list[_Worker] = []
        self.load_deaths = 0
        self._context = multiprocessing.get_context("spawn")  # torch and fork do not mix

    def map(self, chunks: Iterator[list[Record]]) -> Iterator[tuple[list[Record], dict]]:
        """``(chunk, analyze_batch result)`` for each chunk, in order."""
        order: deque[_Task] = deque()  # what to yield, in order
        todo: deque[_Task] = deque()  # what waits for a worker
        clean = False
        try:
            for chunk in chunks:
                task = _Task(list(chunk))
                order.append(task)
                todo.append(task)
                while len(order) > 2 * self.size:  # bounded read-ahead keeps memory flat
                    yield from self._advance(order, todo)
            while order:
                yield from self._advance(order, todo)
            clean = True
        finally:
            self.close(kill=not clean)

    def _advance(self, order: deque[_Task], todo: deque[_Task]) -> Iterator[tuple[list[Record], dict]]:
        self._dispatch(todo)
        if order[0].result is None:
            self._wait(order, todo)
        while order and order[0].result is not None:
            task = order.popleft()
            yield task.records, task.result

    def _dispatch(self, todo: deque[_Task]) -> None:
        for worker in self.workers:
            if worker.ready and worker.task is None and todo:
                worker.task = todo.popleft()
                try:
                    worker.conn.send(("batch", worker.task.records))
                except OSError:
                    pass  # it died; its sentinel will say so
        free = sum(1 for w in self.workers if w.task is None)
        while len(todo) > free and len(self.workers) < self.size:
            self._spawn()
            free += 1

    def _spawn(self) -> None:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(child, self.config, self.threads),
                                        name="nlp-worker", daemon=True)
        process.start()
        child.close()
        self.workers.append(_Worker(process, parent))

    def _wait(self, order: deque[_Task], todo: deque[_Task]) -> None:
        by_conn = {w.conn: w for w in self.workers}
        by_sentinel = {w.process.sentinel: w for w in self.workers}
        for ready in wait([*by_conn, *by_sentinel]):
            worker = by_conn.get(ready) or by_sentinel.get(ready)
            if worker not in self.workers:
                continue
            if ready in by_conn and self._receive(worker):
                continue
            worker.process.join(timeout=5)
            self._bury(worker, order, todo)

    def _receive(self, worker: _Worker) -> bool:
        """Handle one message; False when the pipe is closed (the worker is gone)."""
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            return False
        if message[0] == "fatal":
            raise message[1]
        if message[0] == "ready":
            worker.ready = True
        elif message[0] == "done" and worker.task is not None:
            worker.task.result, worker.task = message[1], None
        return True

    def _bury(self, worker: _Worker, order: deque[_Task], todo: deque[_Task]) -> None:
        while worker.conn.poll() and self._receive(worker):  # what it said before it died
            pass
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self.workers.remove(worker)
        worker.conn.close()
        why = _death(worker.process.exitcode)
        if not worker.ready:
            self.load_deaths += 1
            if self.load_deaths >= MAX_LOAD_DEATHS:
                raise NlpError(f"worker processes died while loading the models ({why}); "
                               "run with --workers 1 to see why")
        task = worker.task
        if task is None:
            return
        if task.attempt == 0:  # retry each article of the chunk once, on its own
            self.warn(f"a worker died ({why}); its {len(task.records)} article(s) are tried again, one at a time")
            retries = [_Task([record], attempt=1) for record in task.records]
            at = order.index(task)
            order.remove(task)
            for k, retry in enumerate(retries):
                order.insert(at + k, retry)
            todo.extendleft(reversed(retries))
        else:
            task.result = {"id": [r.id for r in task.records], "result": [None] * len(task.records),
                           "error": [f"{r.id}: the worker analysing it died ({why}), also when retried on "
                                     "its own" for r in task.records]}

    def close(self, *, kill: bool = False) -> None:
        """Stop the workers: ask them to finish, or (``kill``) end them at once."""
        for worker in self.workers:
            if kill:
                worker.process.kill()
            else:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        for worker in self.workers:
            worker.process.join(timeout=None if kill else 10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers.clear()


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        return f"killed by {name}" + ("; out of memory?" if name == "SIGKILL" else "")
    return f"exit code {code}"


def _worker_main(conn, config: AnalyzerConfig, threads: int) -> None:
    """A worker: load the models, say so, then analyse chunks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        from ..pipeline import Analyzer

        analyzer = Analyzer(config)
        if "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(threads)
    except Exception as exc:  # noqa: BLE001  (reported once, by the parent)
        error = exc if isinstance(exc, NlpError) else NlpError(
            f"the models could not be loaded: {type(exc).__name__}: {exc}")
        _send(conn, ("fatal", error))
        return
    _send(conn, ("ready",))
    from .analyze import analyze_batch, columns

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        records = message[1]
        try:
            result = analyze_batch(columns(records), analyzer)
        except Exception as exc:  # noqa: BLE001  (analyze_batch isolates articles; a last resort)
            result = {"id": [r.id for r in records], "result": [None] * len(records),
                      "error": [f"{r.id}: unexpected {type(exc).__name__}: {exc}" for r in records]}
        if not _send(conn, ("done", result)):
            return


def _send(conn, message) -> bool:
    try:
        conn.send(message)
        return True
    except OSError:
        return False


def check_models(config: AnalyzerConfig) -> None:
    """Find, in this process and before any worker starts, what would stop every worker from
    loading: a transformer model that is neither a directory nor cached nor downloadable,
    or a ``--device`` this machine lacks.

    Raises:
        ModelUnavailableError / UsageError: as loading would.
    """
    from ..models.hub import resolve_model

    transformers = [t for t in config.tasks if config.backend(t).is_transformer]
    for task in transformers:
        option = "--summarizer seq2seq" if task == "summary" else "--stance-backend nli"
        resolve_model(config.model_for(task), option=option)
    if transformers and config.device in ("cuda", "mps"):
        from ..models.device import choose_device

        choose_device(config.device)
